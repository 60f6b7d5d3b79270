"""Panel summaries: the right method for each kind, small numbers flagged, gaps said plainly."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard import stats
from dashboard.summaries import summarise, summarise_measure

LABELS = {"2009Q4": "Oct–Dec 2009", "2010Q1": "Jan–Mar 2010"}


def _measure(**kw):
    base = dict(
        code="M04A",
        name="Detentions",
        unit="per 100,000",
        kind="rate",
        multiplier=100_000,
        polarity="lower_is_better",
        by_ethnicity=True,
        characteristic=4,
    )
    base.update(kw)
    return pd.Series(base)


def _totals(rows):
    return pd.DataFrame(
        rows, columns=["measure", "period", "group", "numerator", "denominator", "sites"]
    )


def test_rate_summary_uses_the_latest_period_and_the_rate_ratio():
    totals = _totals(
        [
            ("M04A", "2009Q4", "bme", 30, 10_000, 2),
            ("M04A", "2009Q4", "white_british", 60, 90_000, 2),
            ("M04A", "2010Q1", "bme", 40, 10_000, 2),
            ("M04A", "2010Q1", "white_british", 70, 90_000, 2),
            ("M04A", "2010Q1", "not_stated", 10, 0, 2),
        ]
    )
    s = summarise_measure(_measure(), totals, LABELS, threshold=10)
    assert s.latest_period == "2010Q1" and s.latest_label == "Jan–Mar 2010"
    assert s.latest["bme"].value == pytest.approx(400.0)
    assert s.latest["bme"].lower == pytest.approx(stats.rate_ci(40, 10_000)[1])
    assert s.ratio.value == pytest.approx(stats.rate_ratio(40, 10_000, 70, 90_000)[0])
    assert s.ratio_kind == "rate ratio"
    assert s.not_stated_share == pytest.approx(10 / 120)
    assert not s.small_groups


def test_small_numbers_are_flagged():
    totals = _totals(
        [("M04A", "2010Q1", "bme", 4, 3_000, 1), ("M04A", "2010Q1", "white_british", 50, 90_000, 1)]
    )
    s = summarise_measure(_measure(), totals, LABELS, threshold=10)
    assert s.latest["bme"].small and not s.latest["white_british"].small
    assert s.small_groups == ["BME"]


def test_proportion_uses_wilson_and_small_denominators_are_flagged():
    totals = _totals(
        [("M02A", "2010Q1", "bme", 20, 25, 1), ("M02A", "2010Q1", "white_british", 300, 400, 1)]
    )
    s = summarise_measure(
        _measure(code="M02A", kind="proportion", multiplier=100, unit="%"),
        totals,
        LABELS,
        threshold=10,
    )
    value, lower, _upper = stats.proportion_ci(20, 25, multiplier=100)
    assert (s.latest["bme"].value, s.latest["bme"].lower) == pytest.approx((value, lower))
    assert s.latest["bme"].small  # 25 people is fewer than 30
    assert s.ratio_kind == "ratio of proportions"


def test_measure_without_data_and_panels_for_all_twelve():
    measures = pd.DataFrame(
        [_measure(), _measure(code="M07A", kind="count", by_ethnicity=False, characteristic=7)]
    )
    panels = summarise(_totals([]), measures, LABELS)
    assert sorted(panels) == list(range(1, 13))
    assert [s.code for s in panels[4]] == ["M04A"] and not panels[4][0].has_data
    assert panels[1] == []


def test_count_measure_has_a_poisson_interval():
    totals = _totals([("M07A", "2010Q1", "all", 2, 3, 3)])
    s = summarise_measure(
        _measure(code="M07A", kind="count", by_ethnicity=False, multiplier=1),
        totals,
        LABELS,
        threshold=10,
    )
    est = s.latest["all"]
    assert est.value == 2 and est.lower == pytest.approx(0.2422, abs=1e-3)
    assert est.small and s.ratio is None and s.not_stated_share is None
    assert not math.isnan(est.upper)


def test_trend_verdict_is_the_xmr_icon_of_the_lead_series():
    periods = [f"20{y:02d}Q{q}" for y in range(6, 10) for q in range(1, 5)]
    labels = {p: p for p in periods}
    counts = [50, 52, 49, 51, 50, 48, 52, 50, 51, 49, 50, 52, 51, 50, 49, 120]
    rows = [("M04A", p, "bme", c, 10_000, 1) for p, c in zip(periods, counts, strict=True)]
    rows += [("M04A", p, "white_british", 50, 90_000, 1) for p in periods]
    s = summarise_measure(_measure(), _totals(rows), labels, threshold=10)
    assert s.variation == "concern_high"  # detentions are lower-is-better: a spike is concern
    assert s.trend_points == 16 and not s.trial_limits


def test_totals_in_any_order_give_each_measure_its_own_figures():
    """The database returns the totals in no promised order: each measure's figures, its
    sites and its share not stated are its own however the rows of two measures interleave."""
    rows = [
        ("M04A", "2009Q4", "bme", 30, 10_000, 2),
        ("M04B", "2010Q1", "bme", 5, 1_000, 9),
        ("M04A", "2010Q1", "bme", 40, 10_000, 2),
        ("M04B", "2010Q1", "white_british", 9, 3_000, 9),
        ("M04A", "2010Q1", "white_british", 70, 90_000, 3),
        ("M04B", "2010Q1", "not_stated", 50, 0, 9),
        ("M04A", "2010Q1", "not_stated", 10, 0, 3),
    ]
    measures = pd.DataFrame([_measure(), _measure(code="M04B", name="Other")])
    panel = summarise(_totals(rows), measures, LABELS, threshold=10)[4]
    a, b = {s.code: s for s in panel}["M04A"], {s.code: s for s in panel}["M04B"]
    assert (a.latest["bme"].numerator, a.sites, a.not_stated_share) == (40, 3, 10 / 120)
    assert (b.latest["bme"].numerator, b.sites, b.not_stated_share) == (5, 9, 50 / 64)
    assert list(a.series["period"][a.series["group"] == "bme"]) == ["2009Q4", "2010Q1"]
    assert set(b.series["measure"]) == {"M04B"}
