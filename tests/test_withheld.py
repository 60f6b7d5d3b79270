"""Withheld is never a number: what disclosure control withholds from a viewer or a visitor is
carried as a status from the totals to every figure, and said in words, never drawn as 0."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.loaders import load_catalogue, load_group_totals, load_site_totals
from dashboard.overview.data import overview_data
from dashboard.selection import Selection
from dashboard.stats.disclosure import withheld_values
from dashboard.vocabulary import SUPPRESSED_AT_SOURCE, WITHHELD, left_out, status_words
from data_access.totals import area_totals, group_totals
from tests.conftest import VIEWER, signed_in_request

#: The seven prisons report transfers to hospital (M09B) in single figures: in 2010 Q1 four of
#: them are withheld for BME people and the other three had none.
PRISONS = ("HMPLDS", "HMPMAN", "HMPBHM", "HMPMH", "HMPWAY", "HMPBRX", "HMPVRN")
RURAL_PRISONS = ("HMPMH", "HMPWAY", "HMPVRN")


@pytest.fixture
def visitor_app(demo_db_url):
    """The app with anonymous viewing on: a visitor sees viewers' figures."""
    from dashboard.factory import create_app

    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": demo_db_url,
            "SECRET_KEY": "test",
            "CACHE_TYPE": "SimpleCache",
            "ALLOW_ANONYMOUS_VIEWERS": True,
        }
    )


def as_visitor(visitor_app, **request):
    return visitor_app.server.test_request_context(**request)


# The words.


def test_withheld_suppressed_at_source_and_no_return_are_three_different_words():
    assert status_words("withheld") == WITHHELD == "withheld: fewer than 8"
    assert status_words("suppressed") == SUPPRESSED_AT_SOURCE == "suppressed at source"
    assert status_words("no_return") == "no return"
    assert status_words(None) == ""
    assert left_out(4) == "4 sites left out (withheld: fewer than 8)"


def test_a_total_of_zero_with_counts_withheld_is_withheld_itself():
    numerator = [0, 0, 15, 0]
    withheld = [4, 0, 4, 0]
    assert withheld_values(numerator, withheld).tolist() == [True, False, False, False]


# The totals keep what is withheld, with how many sites.


def test_a_cell_whose_every_site_is_withheld_is_kept_as_withheld_not_dropped(session):
    frame = group_totals(session, RURAL_PRISONS, ("M09B",), ("2010Q1",), unrounded=())
    white = frame[frame["group"] == "white_british"].iloc[0]
    assert (white["sites"], white["withheld"], white["numerator"]) == (0, 3, 0)
    bme = frame[frame["group"] == "bme"].iloc[0]
    assert (bme["sites"], bme["withheld"]) == (1, 2)
    unrounded = group_totals(session, RURAL_PRISONS, ("M09B",), ("2010Q1",))
    assert unrounded["withheld"].eq(0).all() and unrounded["sites"].eq(3).all()


def test_the_area_summary_says_the_same(session):
    cells = [("EM", "rural"), ("EE", "rural"), ("SW", "rural")]
    frame = area_totals(session, cells, ("M09B",), ("2010Q1",), unrounded=())
    white = frame[frame["group"] == "white_british"].iloc[0]
    assert (white["sites"], white["withheld"], white["numerator"]) == (0, 3, 0)


def test_a_viewer_s_site_rows_mark_the_withheld_ones(app):
    with signed_in_request(app, VIEWER):
        rows = load_site_totals(PRISONS, ("M09B",), ("2010Q1",))
        totals = load_group_totals(PRISONS, ("M09B",), ("2010Q1",))
    bme = rows[rows["group"] == "bme"].set_index("site")
    assert bme.loc["HMPMAN", "withheld"] == 1 and bme.loc["HMPBRX", "withheld"] == 0
    assert bme.loc["HMPBRX", "numerator"] == 0  # a zero is shown: nobody is identified by it
    assert totals.set_index("group").loc["bme", "withheld"] == 4


# The summaries: a withheld value has no number, no interval and no ratio.


def _transfers(visitor_app, query: str):
    with as_visitor(visitor_app):
        catalogue = load_catalogue()
        selection = Selection.from_query(query).validated(catalogue)
        data = overview_data(selection, catalogue, ["M09B"])
    return next(s for s in data.panels[9] if s.code == "M09B")


def test_a_visitor_gets_no_number_where_the_latest_value_is_withheld(visitor_app):
    summary = _transfers(visitor_app, "?measures=M09B")
    bme, white = summary.latest["bme"], summary.latest["white_british"]
    assert bme.status == "withheld" and white.status == "withheld"
    assert math.isnan(bme.value) and not bme.has_interval and not bme.small
    assert summary.ratio is None and summary.ratio_withheld
    assert summary.withheld_groups == ["BME", "White British"]
    assert summary.withheld >= 4 and summary.small_groups == []
    lead = summary.lead_series("bme")
    withheld = lead["status"].eq("withheld")
    assert withheld.any() and lead.loc[withheld, "value"].isna().all()
    assert lead.loc[withheld, "upper"].isna().all()  # no interval up to 45 either


def test_an_administrator_still_sees_every_figure(app, client):
    with signed_in_request(app):
        catalogue = load_catalogue()
        selection = Selection.from_query("?measures=M09B").validated(catalogue)
        summary = next(s for s in overview_data(selection, catalogue, ["M09B"]).panels[9])
    assert summary.latest["bme"].shown and summary.latest["bme"].value > 0
    assert summary.withheld == 0 and summary.ratio is not None


def test_pooled_quarters_with_a_withheld_quarter_stay_withheld_when_nothing_is_shown(
    visitor_app,
):
    summary = _transfers(visitor_app, "?measures=M09B&rurality=rural&pool=year")
    white = summary.latest["white_british"]
    assert white.status == "withheld" and math.isnan(white.value)


def test_a_partly_withheld_total_is_shown_with_the_sites_it_leaves_out():
    from dashboard.summaries import summarise_measure

    measure = pd.Series(
        dict(
            code="M04A",
            name="Detentions",
            unit="per 100,000",
            kind="rate",
            multiplier=100_000,
            polarity="lower_is_better",
            by_ethnicity=True,
            characteristic=4,
        )
    )
    totals = pd.DataFrame(
        [("2010Q1", "bme", 40, 10_000, 3, 2), ("2010Q1", "white_british", 90, 60_000, 5, 0)],
        columns=["period", "group", "numerator", "denominator", "sites", "withheld"],
    )
    summary = summarise_measure(measure, totals, {"2010Q1": "Jan–Mar 2010"}, 10)
    assert summary.latest["bme"].shown and summary.latest["bme"].value == pytest.approx(400)
    assert summary.latest["bme"].withheld == 2 and summary.withheld == 2
    assert summary.ratio is not None


def test_a_value_suppressed_at_source_is_said_so_not_withheld():
    from dashboard.summaries import Estimate, MeasureSummary
    from layouts.overview.panel import measure_block
    from tests.test_vocabulary import _words

    nan = float("nan")
    summary = MeasureSummary(
        "M04A",
        "Detentions",
        "per 100,000",
        "rate",
        "lower_is_better",
        False,
        latest_period="2010Q1",
        latest_label="Jan–Mar 2010",
        latest={"all": Estimate(nan, nan, nan, 0, 0, status="suppressed")},
        series=pd.DataFrame(
            columns=["period", "group", "value", "lower", "upper", "small", "status", "label"]
        ),
        periods=(("2010Q1", "Jan–Mar 2010"),),
    )
    text = _words(measure_block(summary))
    assert "Suppressed" in text and SUPPRESSED_AT_SOURCE in text and WITHHELD not in text
