"""When a selection matches no site, the page says what clashes; many chosen organisations
show as one chip that opens their list."""

from __future__ import annotations

from dash import html

from dashboard.no_site import GENERAL, why_no_site
from dashboard.selection import Selection
from layouts.shell.layout import selection_chips
from tests.components import find_all, text


def test_a_rural_choice_with_an_urban_trust_names_the_trust(catalogue):
    selection = Selection(trusts=("SLAM",), rurality="rural").validated(catalogue)
    assert selection.site_codes(catalogue) == []
    assert why_no_site(selection, catalogue) == (
        "South London and Maudsley NHS Foundation Trust is urban: no site matches Rural. "
        "Choose All sites or another organisation."
    )


def test_a_trust_outside_the_chosen_region_is_named(catalogue):
    selection = Selection(regions=("SW",), trusts=("SLAM",)).validated(catalogue)
    assert selection.site_codes(catalogue) == []
    reason = why_no_site(selection, catalogue)
    assert reason.startswith("South London and Maudsley NHS Foundation Trust is not in South West")


def test_a_region_without_sites_of_that_class_is_named(catalogue):
    selection = Selection(regions=("LDN",), rurality="rural").validated(catalogue)
    if selection.site_codes(catalogue):  # the demonstration data's London is all urban
        raise AssertionError("London has a rural site in the demonstration data")
    assert why_no_site(selection, catalogue) == (
        "London has no rural site: choose All sites or another region."
    )
    assert why_no_site(Selection(), catalogue) == GENERAL  # not called then, but never empty


def test_the_overview_and_present_mode_say_it_too(app):
    from callbacks.overview import update_panels
    from dashboard.loaders import load_catalogue
    from dashboard.present import presentation
    from tests.conftest import signed_in_request

    reason = "South London and Maudsley NHS Foundation Trust is urban: no site matches Rural."
    with signed_in_request(app):
        summary = update_panels([], ["SLAM"], "rural", None, ["M04A"])[-2]
        catalogue = load_catalogue()
        deck = presentation(Selection(trusts=("SLAM",), rurality="rural"), catalogue)
    assert summary.startswith(reason)
    assert deck.notice.startswith(reason)


def test_more_than_three_organisations_are_one_chip_that_opens_the_list(catalogue):
    codes = tuple(catalogue.organisations["code"][:13])
    chips = selection_chips(Selection(trusts=codes), catalogue, "/")
    many = [c for c in chips if isinstance(c, html.Details)]
    assert len(many) == 1 and text(many[0]).startswith("13 organisations")
    removes = [a for a in find_all(many[0], html.A) if a.children == "×"]
    assert len(removes) == 13 and all("trust=" in a.href for a in removes)
    few = selection_chips(Selection(trusts=codes[:3]), catalogue, "/")
    assert not [c for c in few if isinstance(c, html.Details)]


def test_compare_and_the_characteristic_page_say_it_too(app):
    from callbacks.compare import update_comparison
    from dashboard.loaders import load_catalogue
    from layouts.characteristic import layout as characteristic_page
    from tests.conftest import signed_in_request

    reason = "South London and Maudsley NHS Foundation Trust is urban: no site matches Rural."
    search = "?trust=SLAM&rurality=rural"
    with signed_in_request(app):
        compared = update_comparison(
            "M04A", "bme", "england", "quarter", [], ["SLAM"], "rural", None, search
        )
        catalogue = load_catalogue()
        selection = Selection.from_query(search).validated(catalogue)
        page = characteristic_page.layout(selection, catalogue, search, number="4")
    assert reason in text(compared[0])
    assert reason in text(page)
