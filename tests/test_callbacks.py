"""Callback handlers called as plain functions, inside a request context of the app."""

from __future__ import annotations

from dash import html, no_update

from callbacks.filters import update_measure_menu, update_trust_options
from callbacks.overview import update_panels, update_url
from callbacks.routing import update_page
from layouts.overview import ids
from tests.components import find, prop, read_panels, text, walk


def _panels(*args):
    """update_panels' outputs by name: the body of each panel by characteristic number (no_update
    when unchanged), the summary line, and what each panel on screen is drawn from."""
    *bodies, summary, shown = read_panels(update_panels(*args))
    assert len(bodies) == len(ids.CHARACTERISTIC_NUMBERS)
    return dict(zip(ids.CHARACTERISTIC_NUMBERS, bodies, strict=True)), summary, shown


def _measures_in(body) -> set[str]:
    """The codes of the measures a panel body shows (each block is marked data-measure)."""
    return {prop(c, "data-measure") for c in walk(body)} - {None}


def test_choosing_a_region_narrows_the_trusts(ctx):
    options, value = update_trust_options(["LDN"], "all", ["SLAM", "DORPCT"])
    codes = {o["value"] for o in options}
    assert "SLAM" in codes and "DORPCT" not in codes
    assert value == ["SLAM"]
    rural, _ = update_trust_options(["SW"], "rural", [])
    assert {o["value"] for o in rural} >= {"DORPCT", "CIOSPCT"} and "AWP" not in {
        o["value"] for o in rural
    }


def test_menu_defaults_to_the_sites_agreed_measures(ctx):
    prison = update_measure_menu([], ["HMPMH"], "all", None)
    everyone = update_measure_menu([], [], "all", None)
    assert "M09A" in prison and "M04A" not in prison
    assert set(prison) < set(everyone)


def test_panels_change_with_the_region(ctx):
    measures = ["M04A", "M02A"]
    everywhere, _, _ = _panels([], [], "all", [0, 19], measures)
    london, london_summary, _ = _panels(["LDN"], [], "all", [0, 19], measures)
    assert _measures_in(london[4]) == {"M04A"}
    assert text(everywhere[4]) != text(london[4])  # other figures for London
    assert "site(s) pooled" in london_summary
    # Characteristic 1 has no chosen measure: the panel says so rather than drawing nothing.
    assert "No measure of this characteristic" in text(everywhere[1])


def test_a_menu_change_sends_only_the_panel_it_changes(ctx):
    _, _, shown = _panels(["LDN"], [], "all", [0, 19], ["M04A", "M02A"])
    after, _, shown_after = _panels(
        ["LDN"], [], "all", [0, 19], ["M04A", "M02A", "M03A"], "quarter", shown
    )
    resent = [n for n, body in after.items() if body is not no_update]
    assert resent == [3]
    assert "M03A" in _measures_in(after[3])
    # another region: every panel is drawn again
    moved, _, _ = _panels(
        ["SW"], [], "all", [0, 19], ["M04A", "M02A", "M03A"], "quarter", shown_after
    )
    assert all(body is not no_update for body in moved.values())
    # a crafted `shown` is only a cache hint: everything is sent
    crafted, _, _ = _panels(["LDN"], [], "all", [0, 19], ["M04A"], "quarter", ["not", "a", "dict"])
    assert all(body is not no_update for body in crafted.values())


def test_no_matching_site_says_so(ctx):
    bodies, summary, _ = _panels(["LDN"], [], "rural", [0, 19], ["M04A"])
    assert summary == "London has no rural site: choose All sites or another region."
    assert "No data" in text(bodies[4]) or "No figures" in text(bodies[4])


def test_url_carries_the_selection_and_omits_defaults(ctx):
    assert update_url([], [], "all", [0, 19], update_measure_menu([], [], "all", None)) == ""
    search = update_url(["LDN"], ["SLAM"], "urban", [4, 19], ["M04A"])
    assert search == "?region=LDN&trust=SLAM&rurality=urban&from=2006Q2&measures=M04A"


def test_page_from_a_link_restores_the_filters(ctx):
    page = update_page("/", "?region=LDN&trust=SLAM&from=2006Q2&measures=M04A")
    assert prop(find(page, ids.FILTER_REGION), "value") == ["LDN"]
    assert prop(find(page, ids.FILTER_TRUST), "value") == ["SLAM"]
    assert prop(find(page, ids.FILTER_PERIOD), "value") == [4, 19]
    assert prop(find(page, ids.MEASURE_MENU), "value") == ["M04A"]
    assert find(page, ids.panel(12)) is not None


def test_unknown_page_is_a_clear_message(ctx):
    page = update_page("/nowhere", "")
    assert isinstance(page, html.Div) and "Page not found" in text(page)


def test_pooling_a_rolling_year_adds_four_quarters_of_counts(ctx):
    from dashboard.loaders import load_catalogue
    from dashboard.overview.data import overview_data
    from dashboard.selection import Selection

    catalogue = load_catalogue()
    quarterly = overview_data(Selection(trusts=("DORPCT",)), catalogue, ["M02A"]).panels[2][0]
    yearly = overview_data(
        Selection(trusts=("DORPCT",), pooling="year"), catalogue, ["M02A"]
    ).panels[2][0]
    assert yearly.latest_label.startswith("Year to")
    bme = quarterly.series[quarterly.series["group"] == "bme"].set_index("period")
    last_year = ["2009Q2", "2009Q3", "2009Q4", "2010Q1"]
    assert yearly.latest_period == "2010Q1"
    assert yearly.latest["bme"].denominator == bme.reindex(last_year)["denominator"].sum()
    assert yearly.series["period"].min() >= "2006Q1"  # the first three quarters lack a year
    _, summary, _ = _panels([], ["DORPCT"], "all", [0, 19], ["M02A"], "year")
    assert "rolling year" in summary
