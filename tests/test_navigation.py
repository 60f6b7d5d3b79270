"""Routing and navigation: every page has a path, links carry the selection, chips remove
one choice at a time, and unknown paths say so."""

from __future__ import annotations

import pytest

from callbacks.routing import update_navigation, update_page
from dashboard.loaders import load_catalogue
from dashboard.pages import nav_entries
from dashboard.selection import Selection, page_param, with_param
from layouts.actions import ids as actions_ids
from layouts.briefing import ids as briefing_ids
from layouts.characteristic import ids as characteristic_ids
from layouts.compare import ids as compare_ids
from layouts.menu import ids as menu_ids
from layouts.overview import ids as overview_ids
from layouts.present import ids as present_ids
from layouts.priorities import ids as priorities_ids
from layouts.returns import ids as returns_ids
from layouts.shell import ids
from layouts.shell.layout import nav_links, selection_chips
from layouts.site import ids as site_ids
from tests.components import find, prop, text
from tests.dash_requests import dash_call


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
    shown = text(chips)
    assert "London" in shown and "South West" in shown and "Rural sites" in shown
    assert "Pooled: rolling year" in shown
    hrefs = _hrefs(chips)
    assert "/compare?region=SW&rurality=rural&pool=year" in hrefs  # London removed
    assert "/compare?region=LDN,SW&pool=year" in hrefs  # rurality removed
    assert "/compare?region=LDN,SW&rurality=rural" in hrefs  # pooling removed
    assert "All sites" in text(selection_chips(Selection(), catalogue, "/"))


def _page(client, path: str):
    """The page the router builds for `path` (with ?region=LDN), as the browser receives it."""
    response = dash_call(
        client,
        f"{ids.PAGE}.children",
        [{"id": ids.URL, "property": "pathname", "value": path}],
        [{"id": ids.URL, "property": "search", "value": "?region=LDN"}],
    )
    assert response.status_code == 200
    return response.get_json()["response"][ids.PAGE]["children"]


#: A component of each page that no other page has, by the paths that open it: the router
#: must send each path to its own page (the overview's text is no proof of that).
PAGE_MARKS = {
    overview_ids.panel(12): ("/",),
    characteristic_ids.CHARACTERISTIC_CONTENT: ("/characteristic/4",),
    compare_ids.COMPARE_GRID: ("/compare",),
    site_ids.SITE_CONTENT: ("/site", "/site/SLAM"),
    present_ids.PRESENT_DECK: ("/present",),
    priorities_ids.PRIORITIES_CONTENT: ("/priorities",),
    briefing_ids.BRIEFING_PREVIEW: ("/briefing",),
    returns_ids.RETURNS_HISTORY: ("/data/returns",),
    menu_ids.MENU_TABLE: ("/data/measures",),
    actions_ids.ACTIONS_PLAN: ("/data/actions",),
}


@pytest.mark.parametrize(
    ("path", "mark"),
    [(path, mark) for mark, paths in PAGE_MARKS.items() for path in paths] + [("/nowhere", None)],
)
def test_every_path_has_its_own_page(client, path, mark):
    page = _page(client, path)
    found = {other for other in PAGE_MARKS if find(page, other) is not None}
    assert found == ({mark} if mark else set()), f"{path} built the page of {found}"
    assert ("Page not found" in text(page)) is (mark is None)


def test_a_sites_path_opens_that_site(client):
    assert prop(find(_page(client, "/site/SLAM"), site_ids.SITE_CODE), "data") == "SLAM"
    assert prop(find(_page(client, "/site"), site_ids.SITE_CODE), "data") is None


def test_navigation_follows_the_url(app):
    with app.server.app_context():
        links, chips = update_navigation("/priorities", "?region=LDN&bogus=1&share=50")
        assert "/compare?region=LDN" in _hrefs(links)
        assert "London" in text(chips)
        assert "Page not found" in text(update_page("/characteristic/123", ""))


def test_page_parameters_are_plain_tokens():
    assert page_param("?measure=M04A&region=LDN", "measure") == "M04A"
    assert page_param("?measure=<script>", "measure") is None
    assert with_param("?region=LDN", "share", "50") == "?region=LDN&share=50"
    assert with_param("?region=LDN&share=50", "share", None) == "?region=LDN"
