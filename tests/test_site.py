"""My site: the data functions, the figure builders and the page's builders and callbacks."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import html, no_update

from callbacks.site import on_site_picked, update_site_content
from dashboard.loaders import load_catalogue
from dashboard.selection import Catalogue, Selection
from dashboard.site.data import build_site_data, site_data
from dashboard.site.measure_view import measure_view
from dashboard.site.quality import (
    collected_by_period,
    ethnicity_completeness,
    periods_without_return,
)
from dashboard.vocabulary import small_reason
from layouts.common import image_block
from layouts.shell.ids import URL
from layouts.site import ids
from layouts.site.charts import completeness_svg, completeness_words, site_xmr_figure
from layouts.site.layout import layout, site_content, site_options
from layouts.site.summary import missing_by_period
from layouts.sparkline import data_uri
from tests.components import find, find_all, prop, text, with_class
from tests.dash_requests import dash_call

PERIODS = [f"{y}Q{q}" for y in (2006, 2007, 2008) for q in (1, 2, 3, 4)]
LABELS = {p: p for p in PERIODS}
DETENTIONS = pd.Series(
    dict(
        code="M04A",
        name="Detentions",
        characteristic=4,
        kind="rate",
        unit="per 100,000",
        multiplier=100_000,
        polarity="lower_is_better",
        by_ethnicity=True,
        source="KP90",
    )
)
SURVEY = pd.Series({**DETENTIONS.to_dict(), "code": "M02A", "kind": "proportion", "unit": "%"})
SURVEY["multiplier"], SURVEY["polarity"], SURVEY["characteristic"] = 100, "higher_is_better", 2


def _rows(measure, counts, population, periods=PERIODS, groups=("bme",), sites=1):
    """Group totals: `counts` events a period out of `population` for each group."""
    return pd.DataFrame(
        [
            dict(
                measure=measure,
                period=p,
                group=g,
                numerator=int(c),
                denominator=population,
                sites=sites,
            )
            for p, c in zip(periods, counts, strict=True)
            for g in groups
        ],
        columns=["measure", "period", "group", "numerator", "denominator", "sites"],
    )


def test_measure_view_compares_the_latest_value_with_polarity_and_keeps_gaps():
    counts = [38, 42] * 5 + [40]  # 95 to 105 per 100,000: limits about 73 to 127
    site = _rows("M04A", counts, 40_000, PERIODS[:5] + PERIODS[6:])  # no return in 2007Q2
    region = _rows("M04A", [300] * 12, 100_000, sites=8)  # far higher: site is better
    view = measure_view(DETENTIONS, 60.0, site, {"London": region}, LABELS, ("2007Q2",))
    assert view.lead == "bme" and view.latest_period == "2008Q4"
    assert view.latest.value == pytest.approx(100.0)
    assert np.isnan(view.series.loc[view.series["period"] == "2007Q2", "value"]).all()
    assert len(view.series) == 12  # every period of the range, a gap where no return
    mark = view.benchmarks[0]
    assert (mark.area, mark.verdict, mark.sites) == ("London", "better", 8)
    assert mark.estimate.value == pytest.approx(300.0)
    assert view.assurance == "consistent_fail"  # the lower limit stays above a target of 60
    assert view.variation == "common_cause" and not view.small


def test_measure_view_flags_small_numbers_and_never_compares_counts():
    deaths = pd.Series({**DETENTIONS.to_dict(), "kind": "count", "by_ethnicity": False})
    site = _rows("M04A", [1, 0, 2] * 4, 0, groups=("all",))
    view = measure_view(deaths, None, site, {"England": site}, LABELS)
    assert view.lead == "all" and view.small and view.target is None
    assert view.benchmarks[0].verdict == "not_compared"
    assert view.assurance is None


def test_measure_view_without_returns_has_no_latest_value():
    empty = _rows("M04A", [], 1, periods=[])
    view = measure_view(DETENTIONS, 90.0, empty, {"England": empty}, LABELS)
    assert not view.has_data and view.xmr is None and view.variation is None


def test_periods_without_return_ignore_quarters_before_anyone_collected_the_measure():
    england = _rows("M04A", [5] * 10, 100, PERIODS[2:])
    site = _rows("M04A", [5] * 8, 100, PERIODS[2:5] + PERIODS[7:])
    missing = periods_without_return(site, england, ["M04A", "M02A"], PERIODS)
    assert missing["M04A"] == ("2007Q2", "2007Q3")  # not 2006Q1-Q2: nobody returned it yet
    assert missing["M02A"] == ()
    collected = collected_by_period(england, ["M02A", "M04A"], PERIODS[:3])
    assert collected == {"2006Q1": (), "2006Q2": (), "2006Q3": ("M04A",)}


def test_ethnicity_completeness_counts_people_for_proportions_and_events_for_rates():
    survey = _rows("M02A", [10, 10], 80, PERIODS[:2], groups=("bme", "white_british"))
    survey_ns = _rows("M02A", [5, 5], 40, PERIODS[:2], groups=("not_stated",))
    rate = _rows("M04A", [45, 90], 10**6, PERIODS[:2], groups=("bme",))
    rate_ns = _rows("M04A", [5, 10], 10**6, PERIODS[:2], groups=("not_stated",))
    menu = pd.DataFrame([SURVEY, DETENTIONS])
    frame = ethnicity_completeness(
        pd.concat([survey, survey_ns, rate, rate_ns]), menu, {p: p for p in PERIODS[:2]}
    )
    # 2006Q1: people 80 + 80 + 40 = 200 (40 not stated), events 45 + 5 = 50 (5 not stated)
    first = frame.iloc[0]
    assert (first["records"], first["not_stated"]) == (250, 45)
    assert first["share"] == pytest.approx(1 - 45 / 250)
    assert list(frame["period"]) == PERIODS[:2]
    assert ethnicity_completeness(survey.iloc[0:0], menu, LABELS).empty


def _org():
    return pd.Series(
        dict(
            code="X",
            name="Small PCT",
            kind="primary_care_trust",
            rurality="rural",
            region="SW",
            region_name="South West",
        )
    )


def _site_data(pooling="quarter", counts=None):
    org = _org()
    counts = counts if counts is not None else [3, 9, 2, 4, 1, 5, 2, 3, 6, 2, 3, 4]
    site = _rows("M04A", counts, 20_000)
    raw = {"site": site, "South West": site, "England": _rows("M04A", [50] * 12, 100_000)}
    labels = {p: ("Year to " if pooling == "year" else "") + p for p in PERIODS[3:]}
    menu = pd.DataFrame([DETENTIONS])
    return build_site_data(org, menu, {"M04A": 80.0}, raw, PERIODS, labels, pooling)


def test_build_site_data_pools_rolling_years_and_summarises():
    quarterly, yearly = _site_data(), _site_data("year")
    q, y = quarterly.measures[0], yearly.measures[0]
    assert q.small and not y.small  # a rolling year adds four quarters of events
    assert y.latest.numerator == 6 + 2 + 3 + 4  # the four quarters of 2008
    assert quarterly.summary()["small"] == [q] and yearly.summary()["small"] == []
    assert yearly.span == "2006Q4 to 2008Q4" and yearly.period_labels["2008Q4"].startswith("Year")
    assert quarterly.by_characteristic() == {4: [q]}


@pytest.mark.slow
def test_site_data_on_the_demonstration_data(app):
    with app.server.app_context():
        catalogue = load_catalogue()
        slam = site_data("SLAM", Selection(), catalogue)
        assert slam.region_name == "London" and slam.adopted == len(slam.measures) > 20
        detentions = next(m for m in slam.measures if m.code == "M04A")
        assert detentions.target == pytest.approx(61.2)
        assert [b.area for b in detentions.benchmarks] == ["London", "England"]
        assert not slam.completeness.empty and slam.completeness["share"].between(0, 1).all()
        missing = missing_by_period(slam).set_index("period")["measures"]
        assert missing["Oct–Dec 2007"].startswith("no return at all")  # a whole return missed
        assert "M04C" not in slam.collected["2007Q4"]  # not collected anywhere before 2008
        prison = site_data("HMPMH", Selection(), catalogue)
        assert len(prison.summary()["small"]) >= 3  # a prison's small numbers are flagged
        narrowed = site_data("SLAM", Selection(measures=("M04A", "M02B")), catalogue)
        assert [m.code for m in narrowed.measures] == ["M04A"]  # M02B: not one SLAM agreed
        assert site_data("NOPE", Selection(), catalogue) is None


def test_site_xmr_figure_is_compact_valid_and_draws_small_numbers_hollow():
    measure = _site_data().measures[0]
    fig = go.Figure(site_xmr_figure(measure))  # validates the dict
    assert fig.layout.height == 260 and fig.layout.showlegend is False
    hollow = [t for t in fig.data if t.name == "Small numbers (hollow)"]
    assert hollow and hollow[0].marker.color == "white"
    assert len(hollow[0].x) == int(measure.series["small"].sum())
    assert "BME, each quarter" in fig.layout.title.text
    assert fig.layout.yaxis.range[0] <= 0 < fig.layout.yaxis.range[1]
    assert any(t.name == "Target" for t in fig.data)


def test_the_completeness_chart_is_an_image_with_hollow_small_points_gaps_and_its_table():
    frame = pd.DataFrame(
        dict(
            period=PERIODS[:4],
            label=PERIODS[:4],
            records=[100, 20, 120, 90],
            not_stated=[10, 2, None, 6],
            share=[0.9, 0.9, np.nan, 0.95],  # the third withheld
            small=[False, True, False, False],
        )
    )
    svg = completeness_svg(frame, "Ethnicity recorded")
    ET.fromstring(svg)  # well-formed
    assert svg.count("<circle") == 3 and svg.count("fill='white'") == 1  # the small one hollow
    assert svg.count("<polyline") == 1  # the two first joined; the gap leaves the last alone
    assert ">85<" in svg or ">80<" in svg  # the axis starts below the lowest share, not at 0
    assert ">0<" not in svg and ">100<" in svg
    words = completeness_words(frame, "Ethnicity recorded")
    assert words == (
        "Ethnicity recorded: 90.0% of records had ethnicity stated in 2006Q1, 95.0% in 2006Q4."
    )
    block = image_block(
        data_uri(svg), words, frame, "Units: % · Source: x · Period: y", {"label": "Period"}
    )
    assert "View as table" in text(block) and "Units: %" in text(block)
    (details,) = find_all(block, html.Details)
    (table,) = with_class(details, "data-table")
    assert "| 2006Q2 |" in text(table)


def test_small_reason_says_why_in_words():
    assert small_reason(16, 18, "proportion", 10) == (
        "† 16 of 18 people: fewer than 30 people, too few for a reliable estimate."
    )
    assert "fewer than 10 events" in small_reason(1, 10_000, "rate", 10)


def test_layout_works_on_an_empty_catalogue_and_carries_the_ids():
    page = layout(Selection(), Catalogue.empty(), "", code=None)
    for wanted in (ids.SITE_PICKER, ids.SITE_CODE, ids.SITE_CONTENT):
        assert find(page, wanted) is not None


def test_site_options_follow_the_selection_with_its_single_trust_first(app):
    with app.server.app_context():
        catalogue = load_catalogue()
    options = site_options(Selection(regions=("LDN",), trusts=("SLAM",)), catalogue, None)
    codes = [o["value"] for o in options]
    assert codes[0] == "SLAM" and "ELFT" in codes and "DORPCT" not in codes
    shown = site_options(Selection(regions=("LDN",)), catalogue, "DORPCT")
    assert "DORPCT" in [o["value"] for o in shown]  # the site on screen stays choosable


def test_site_content_says_so_when_the_site_has_no_returns():
    empty = build_site_data(
        _org(),
        pd.DataFrame([DETENTIONS]),
        {},
        {"site": _rows("M04A", [], 1, periods=[]), "England": _rows("M04A", [], 1, periods=[])},
        PERIODS,
        LABELS,
    )
    assert "No returns from Small PCT" in text(site_content(empty, Selection(), Catalogue.empty()))


@pytest.mark.slow
def test_update_site_content_for_a_site_an_unknown_code_and_no_code(ctx):
    shown = text(update_site_content("SLAM", "?region=LDN"))
    assert "South London and Maudsley" in shown and "Special-cause improvement" in shown
    assert "Detentions under the Mental Health Act" in shown and "Ethnicity recorded" in shown
    assert "There is no site with the code 'NOPE'" in text(update_site_content("NOPE", ""))
    choose = update_site_content(None, "?trust=HMPMH")
    (link,) = find_all(choose, lambda c: prop(c, "href") == "/site/HMPMH?trust=HMPMH")
    assert "Open HMP Morton Hall" in text(link)


def test_on_site_picked_navigates_only_to_another_site():
    assert on_site_picked("ELFT", "SLAM") == "/site/ELFT"
    assert on_site_picked("SLAM", "SLAM") is no_update
    assert on_site_picked(None, "SLAM") is no_update


def test_site_content_callback_over_http(client):
    response = dash_call(
        client,
        f"{ids.SITE_CONTENT}.children",
        [
            {"id": ids.SITE_CODE, "property": "data", "value": "DORPCT"},
            {"id": URL, "property": "search", "value": "?pool=year"},
        ],
        changed=f"{ids.SITE_CODE}.data",
    )
    assert response.status_code == 200
    shown = text(response.get_json()["response"][ids.SITE_CONTENT]["children"])
    assert "Dorset PCT" in shown and "rolling year" in shown
