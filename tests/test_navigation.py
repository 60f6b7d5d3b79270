"""Routing and navigation: every page has a path, links carry the selection, chips remove
one choice at a time, and unknown paths say so."""

from __future__ import annotations

import pytest

from callbacks.routing import update_navigation, update_page
from dashboard.loaders import load_catalogue
from dashboard.pages import nav_entries
from dashboard.selection import Selection, page_param, with_param
from layouts.shell import ids
from layouts.shell.layout import nav_links, selection_chips
from tests.test_wiring import _call


def _hrefs(component) -> list[str]:
    found = []

    def walk(node):
        href = getattr(node, "href", None)
        if isinstance(href, str):
            found.append(href)
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if child is not None and not isinstance(child, str):
                walk(child)

    for item in component if isinstance(component, list) else [component]:
        walk(item)
    return found


def test_page_links_carry_the_selection():
    links = _hrefs(nav_links(nav_entries(), "/compare", "?region=LDN&rurality=urban"))
    assert links == [
        "/?region=LDN&rurality=urban",
        "/compare?region=LDN&rurality=urban",
        "/site?region=LDN&rurality=urban",
        "/present?region=LDN&rurality=urban",
        "/priorities?region=LDN&rurality=urban",
        "/briefing?region=LDN&rurality=urban",
        "/data/returns?region=LDN&rurality=urban",
    ]


def test_each_chip_removes_only_its_own_choice(app):
    with app.server.app_context():
        catalogue = load_catalogue()
    selection = Selection(regions=("LDN", "SW"), rurality="rural", pooling="year")
    chips = selection_chips(selection, catalogue, "/compare")
    text = str(chips)
    assert "London" in text and "South West" in text and "Rural sites" in text
    assert "Pooled: rolling year" in text
    hrefs = _hrefs(chips)
    assert "/compare?region=SW&rurality=rural&pool=year" in hrefs  # London removed
    assert "/compare?region=LDN,SW&pool=year" in hrefs  # rurality removed
    assert "/compare?region=LDN,SW&rurality=rural" in hrefs  # pooling removed
    assert "All sites" in str(selection_chips(Selection(), catalogue, "/"))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "panel-char-12"),
        ("/characteristic/4", "haracteristic"),
        ("/compare", "ompare"),
        ("/site", "ite"),
        ("/site/SLAM", "ite"),
        ("/present", "resent"),
        ("/priorities", "Priorities"),
        ("/nowhere", "Page not found"),
    ],
)
def test_every_path_has_a_page(client, path, expected):
    response = _call(
        client,
        f"{ids.PAGE}.children",
        [{"id": ids.URL, "property": "pathname", "value": path}],
        [{"id": ids.URL, "property": "search", "value": "?region=LDN"}],
    )
    assert response.status_code == 200
    assert expected in response.get_data(as_text=True)


def test_navigation_follows_the_url(app):
    with app.server.app_context():
        links, chips = update_navigation("/priorities", "?region=LDN&bogus=1&share=50")
        assert "/compare?region=LDN" in _hrefs(links)
        assert "London" in str(chips)
        assert "Page not found" in str(update_page("/characteristic/123", ""))


def test_page_parameters_are_plain_tokens():
    assert page_param("?measure=M04A&region=LDN", "measure") == "M04A"
    assert page_param("?measure=<script>", "measure") is None
    assert with_param("?region=LDN", "share", "50") == "?region=LDN&share=50"
    assert with_param("?region=LDN&share=50", "share", None) == "?region=LDN"
