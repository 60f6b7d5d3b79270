"""Callback handlers called as plain functions, inside a request context of the app."""

from __future__ import annotations

import json

import pytest
from dash import html, no_update

from callbacks.filters import update_measure_menu, update_trust_options
from callbacks.overview import update_panels, update_url
from callbacks.routing import update_page
from layouts.overview import ids
from tests.conftest import signed_in_request


@pytest.fixture
def ctx(app):
    with signed_in_request(app):
        yield


def _find(component, wanted_id):
    if getattr(component, "id", None) == wanted_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = _find(child, wanted_id)
            if found is not None:
                return found
    return None


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
    everywhere = update_panels([], [], "all", [0, 19], measures)
    london = update_panels(["LDN"], [], "all", [0, 19], measures)
    assert len(everywhere) == 14  # twelve panels, the summary line, what each was drawn from
    assert json.dumps(everywhere[3], default=str) != json.dumps(london[3], default=str)
    assert "site(s) pooled" in london[12]
    # Characteristic 1 has no chosen measure: the panel says so rather than drawing nothing.
    assert "No measure of this characteristic" in str(everywhere[0])


def test_a_menu_change_sends_only_the_panel_it_changes(ctx):
    before = update_panels(["LDN"], [], "all", [0, 19], ["M04A", "M02A"])
    shown = before[13]
    after = update_panels(["LDN"], [], "all", [0, 19], ["M04A", "M02A", "M03A"], "quarter", shown)
    resent = [n for n, body in enumerate(after[:12], start=1) if body is not no_update]
    assert resent == [3]
    assert "M03A" in json.dumps(after[2], default=str)
    # another region: every panel is drawn again
    moved = update_panels(
        ["SW"], [], "all", [0, 19], ["M04A", "M02A", "M03A"], "quarter", after[13]
    )
    assert all(body is not no_update for body in moved[:12])
    # a crafted `shown` is only a cache hint: everything is sent
    crafted = update_panels(["LDN"], [], "all", [0, 19], ["M04A"], "quarter", ["not", "a", "dict"])
    assert all(body is not no_update for body in crafted[:12])


def test_no_matching_site_says_so(ctx):
    out = update_panels(["LDN"], [], "rural", [0, 19], ["M04A"])
    assert "No site matches" in out[12]
    assert "No data" in str(out[3]) or "No returns" in str(out[3])


def test_url_carries_the_selection_and_omits_defaults(ctx):
    assert update_url([], [], "all", [0, 19], update_measure_menu([], [], "all", None)) == ""
    search = update_url(["LDN"], ["SLAM"], "urban", [4, 19], ["M04A"])
    assert search == "?region=LDN&trust=SLAM&rurality=urban&from=2006Q2&measures=M04A"


def test_page_from_a_link_restores_the_filters(ctx):
    page = update_page("/", "?region=LDN&trust=SLAM&from=2006Q2&measures=M04A")
    assert _find(page, ids.FILTER_REGION).value == ["LDN"]
    assert _find(page, ids.FILTER_TRUST).value == ["SLAM"]
    assert _find(page, ids.FILTER_PERIOD).value == [4, 19]
    assert _find(page, ids.MEASURE_MENU).value == ["M04A"]
    assert _find(page, ids.panel(12)) is not None


def test_unknown_page_is_a_clear_message(ctx):
    page = update_page("/nowhere", "")
    assert isinstance(page, html.Div) and "Page not found" in str(page)


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
    out = update_panels([], ["DORPCT"], "all", [0, 19], ["M02A"], "year")
    assert "rolling year" in out[12]
