"""The characteristic detail page: its data functions, figure builders, layout and callback."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import no_update

from callbacks.characteristic import update_detail
from dashboard import stats
from dashboard.characteristic import (
    category_estimates,
    characteristic_data,
    choose_measure,
    detail_for,
    parse_number,
    period_figures,
    ratio_series,
    window_ending,
)
from dashboard.loaders import load_catalogue
from dashboard.selection import Catalogue, Selection
from layouts.characteristic import ids
from layouts.characteristic import layout as page
from layouts.characteristic.marks import (
    SMALL_LABEL,
    axis_label,
    mark_small,
    ratio_chart,
)
from layouts.characteristic.tables import figures_table
from tests.components import find, find_all, prop, text

DETENTION = pd.Series(
    {
        "code": "M04A",
        "name": "Detentions",
        "kind": "rate",
        "unit": "per 100,000",
        "multiplier": 100_000,
        "polarity": "lower_is_better",
        "by_ethnicity": True,
    }
)


def _series() -> pd.DataFrame:
    rows = [
        ("q1", "Jan–Mar 2009", "bme", 40, 10_000, False),
        ("q1", "Jan–Mar 2009", "white_british", 70, 90_000, False),
        ("q2", "Apr–Jun 2009", "bme", 4, 10_000, True),
        ("q2", "Apr–Jun 2009", "white_british", 60, 90_000, False),
    ]
    frame = pd.DataFrame(
        rows, columns=["period", "label", "group", "numerator", "denominator", "small"]
    )
    frame["value"], frame["lower"], frame["upper"] = stats.rate_ci(
        frame["numerator"], frame["denominator"]
    )
    return frame


# Pure data functions.


@pytest.mark.parametrize(
    ("raw", "expected"), [("4", 4), ("12", 12), ("04", 4), ("0", None), ("13", None), ("x", None)]
)
def test_only_characteristics_1_to_12_exist(raw, expected):
    assert parse_number(raw) == expected
    assert parse_number(None) is None


def test_the_requested_measure_is_chosen_only_when_offered():
    assert choose_measure(["M04A", "M04B"], "M04B") == "M04B"
    assert choose_measure(["M04A", "M04B"], "M02A") == "M04A"
    assert choose_measure([], "M04A") is None


def test_a_pooling_window_ends_at_the_latest_period():
    codes = ["a", "b", "c", "d", "e"]
    assert window_ending(codes, "e", 4) == ["b", "c", "d", "e"]
    assert window_ending(codes, "b", 4) == ["a", "b"]
    assert window_ending(codes, "z", 1) == []


def test_ratio_over_time_is_the_rate_ratio_with_small_numbers_flagged():
    ratios = ratio_series(_series(), "rate").set_index("period")
    value, lower, upper = stats.rate_ratio(40, 10_000, 70, 90_000)
    assert ratios.loc["q1", "value"] == pytest.approx(value)
    assert ratios.loc["q1", "lower"] == pytest.approx(lower)
    assert ratios.loc["q1", "upper"] == pytest.approx(upper)
    assert not ratios.loc["q1", "small"] and ratios.loc["q2", "small"]
    assert ratio_series(_series(), "count").empty  # no ratio for a count
    assert ratio_series(_series()[_series()["group"] == "bme"], "rate").empty


def test_categories_are_pooled_not_stated_is_counted_but_not_drawn():
    rows = pd.DataFrame(
        [
            ("M04A", "q1", "A", "White British", "white_british", 60, 90_000),
            ("M04A", "q2", "A", "White British", "white_british", 40, 90_000),
            ("M04A", "q1", "N", "African", "bme", 30, 10_000),
            ("M04A", "q2", "N", "African", "bme", 20, 10_000),
            ("M04A", "q1", "R", "Chinese", "bme", 2, 5_000),
            ("M04A", "q1", "Z", "Not stated", "not_stated", 18, 0),
        ],
        columns=[
            "measure",
            "period",
            "ethnic_code",
            "ethnic_name",
            "group",
            "numerator",
            "denominator",
        ],
    )
    cats, share = category_estimates(rows, DETENTION, threshold=10)
    cats = cats.set_index("ethnic_code")
    assert "Z" not in cats.index
    assert share == pytest.approx(18 / 170)
    assert cats.loc["N", "numerator"] == 50 and cats.loc["N", "value"] == pytest.approx(250.0)
    assert cats.loc["A", "ratio"] == pytest.approx(1.0)
    assert cats.loc["N", "ratio"] == pytest.approx(stats.rate_ratio(50, 20_000, 100, 180_000)[0])
    assert bool(cats.loc["R", "small"]) and not bool(cats.loc["N", "small"])
    empty, none = category_estimates(rows.iloc[0:0], DETENTION, threshold=10)
    assert empty.empty and none is None


def test_period_figures_put_both_groups_and_the_ratio_side_by_side():
    series = _series()
    table = period_figures(series, ratio_series(series, "rate"))
    assert table["period"].tolist() == ["q1", "q2"]
    assert table.loc[0, "numerator_bme"] == 40 and table.loc[0, "numerator_white_british"] == 70
    assert table.loc[0, "ratio_value"] == pytest.approx(stats.rate_ratio(40, 10_000, 70, 90_000)[0])
    shown = figures_table(table, ["bme", "white_british"], "rate", "per 100,000")
    assert shown.loc[1, "BME"].endswith("†")  # small numbers said in the table too
    assert shown.loc[0, "BME events"] == "40 / 10,000"
    assert "(" in shown.loc[0, "Ratio (95% CI)"]


# Figure builders.


def test_ratio_chart_has_a_band_a_line_at_one_and_rings_small_numbers():
    ratios = ratio_series(_series(), "rate")
    fig = go.Figure(ratio_chart(ratios, "rate ratio", "BME : White British rate ratio"))
    assert fig.layout.yaxis.type == "log"
    names = [t.name for t in fig.data]
    assert "95% interval" in names and "No difference (ratio 1)" in names
    reference = next(t for t in fig.data if t.name == "No difference (ratio 1)")
    assert set(reference.y) == {1.0}
    line = next(t for t in fig.data if t.name.startswith("BME : White British"))
    assert list(line.marker.symbol) == ["circle", "circle-open"]
    assert SMALL_LABEL in names
    assert "rate ratio" in fig.layout.title.text


def test_ratio_chart_leaves_gaps_for_undefined_ratios():
    ratios = pd.DataFrame(
        {
            "label": ["a", "b", "c"],
            "value": [1.5, math.nan, 2.0],
            "lower": [1.1, math.nan, 1.5],
            "upper": [2.0, math.nan, 2.6],
            "small": [False, False, False],
        }
    )
    fig = ratio_chart(ratios, "rate ratio", "t")
    line = next(t for t in fig.data if t.name.startswith("BME"))
    assert list(line.x) == ["a", "c"]
    assert list(fig.layout.xaxis.categoryarray) == ["a", "b", "c"]


def test_nothing_is_ringed_without_small_numbers():
    fig = mark_small(go.Figure(), ["a"], [1.0], [False])
    assert len(fig.data) == 0
    assert axis_label("Year to Jan–Mar 2010") == "Jan–Mar<br>2010"


# The page and its callback on the demonstration data.


def test_characteristic_data_lists_the_menu_measures_of_that_characteristic(ctx):
    catalogue = load_catalogue()
    selection = Selection(regions=("LDN",))
    data = characteristic_data(selection, catalogue, 4)
    assert data.short_name == "Detention"
    assert data.codes and all(c.startswith("M04") for c in data.codes)
    assert len(data.sites) == 10
    summary, detail = detail_for(selection, catalogue, data, "M04A")
    assert summary.code == "M04A" and detail is not None
    assert detail.trend is not None and len(detail.trend.point_type) == len(data.periods)
    assert detail.ratio_kind == "rate ratio" and detail.ratios["value"].notna().all()
    assert "Z" not in set(detail.categories["ethnic_code"])
    assert 0 < detail.not_stated_share < 1
    assert detail.funnel is not None and len(detail.funnel.sites) >= 2
    assert detail.funnel.benchmark == pytest.approx(summary.latest["bme"].value)


def test_the_page_shows_the_chosen_measure_and_every_panel(ctx):
    catalogue = load_catalogue()
    selection = Selection(regions=("LDN",))
    built = page.layout(selection, catalogue, "?region=LDN&measure=M04B", number="4")
    for panel in (
        ids.CHARACTERISTIC_XMR,
        ids.CHARACTERISTIC_RATIO,
        ids.CHARACTERISTIC_GROUPS,
        ids.CHARACTERISTIC_FUNNEL,
        ids.CHARACTERISTIC_TABLE,
    ):
        assert find(built, panel) is not None, panel
    assert prop(find(built, ids.CHARACTERISTIC_MEASURE), "value") == "M04B"
    shown = text(built)
    assert "Inpatients detained on admission" in shown and "View as table" in shown
    assert "ratio of proportions" in shown


def test_a_count_says_why_it_has_no_funnel_or_ratio(ctx):
    catalogue = load_catalogue()
    shown = text(page.layout(Selection(regions=("SW",)), catalogue, "?measure=M07A", number="7"))
    assert "No funnel plot for this measure: a count has no denominator" in shown
    assert "not by ethnic group" in shown


def test_an_unknown_characteristic_says_so_with_a_way_back(ctx):
    catalogue = load_catalogue()
    built = page.layout(Selection(regions=("LDN",)), catalogue, "", number="13")
    assert "No such characteristic" in text(built)
    assert find_all(built, lambda c: prop(c, "href") == "/?region=LDN")  # the way back


def test_empty_selections_give_a_message_not_a_blank_page(ctx):
    catalogue = load_catalogue()
    no_sites = Selection(regions=("LDN",), trusts=("DORPCT",)).validated(catalogue)
    shown = text(page.layout(no_sites, catalogue, "", "4"))
    assert "Dorset PCT is not in London: no site matches" in shown
    no_menu = Selection(regions=("LDN",), measures=("M02A",))
    shown = text(page.layout(no_menu, catalogue, "", "4"))
    assert "None of this characteristic's measures is in the menu" in shown
    assert "Not in the menu" in shown


def test_the_page_builds_on_an_empty_catalogue():
    built = page.layout(Selection(), Catalogue.empty(), "", number="1")
    assert find(built, ids.CHARACTERISTIC_MEASURE) is not None
    assert find(built, ids.CHARACTERISTIC_CONTENT) is not None


def test_picking_a_measure_redraws_the_detail_and_writes_the_url(ctx):
    content, shown, search = update_detail("M04C", "?region=LDN&pool=year&measure=M04A", "M04A")
    assert shown == "M04C"
    assert search == "?region=LDN&pool=year&measure=M04C"
    shown = text(content)
    assert "Community treatment orders" in shown and "Year to Jan" in shown  # pooled labels
    assert all(v is no_update for v in update_detail("NOPE", "?region=LDN", "M04A"))
    # Inserting the page calls the callback with the measure already on screen: no change.
    assert all(v is no_update for v in update_detail("M04A", "?region=LDN", "M04A"))
