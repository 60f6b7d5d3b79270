"""The cascade briefing's rules on hand-made cases whose answer is known: months and the
quarter each shows, the headline, what changed (signals, significance, targets), the overdue
actions, and the PDF's Latin-1 text."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.briefing.changes import (
    new_signals,
    overdue_actions,
    significance_changes,
    target_changes,
)
from dashboard.briefing.data import headline
from dashboard.briefing.model import Briefing
from dashboard.briefing.months import (
    MonthRefused,
    checked_month,
    months_with_data,
    parse_month,
    period_for_month,
)
from dashboard.overview.data import OverviewData
from dashboard.selection import Catalogue
from dashboard.site.measure_view import measure_view
from dashboard.summaries import summarise_measure
from layouts.briefing.pdf import briefing_pdf, latin

PERIODS = [f"{y}Q{q}" for y in (2008, 2009) for q in (1, 2, 3, 4)] + ["2010Q1"]
LABELS = {p: f"Q{p[-1]} {p[:4]}" for p in PERIODS}


def _catalogue() -> Catalogue:
    starts = [dt.date(int(p[:4]), 3 * int(p[-1]) - 2, 1) for p in PERIODS]
    periods = pd.DataFrame(
        {
            "code": PERIODS,
            "label": [LABELS[p] for p in PERIODS],
            "granularity": "quarter",
            "start_date": starts,
        }
    )
    return Catalogue(pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), periods)


# Months and quarters.


def test_a_month_is_written_yyyy_mm_and_nonsense_is_refused_in_words():
    assert parse_month("2010-03") == dt.date(2010, 3, 1)
    assert parse_month(" 2009-12 ") == dt.date(2009, 12, 1)
    bad_months = ("2010-13", "2010-00", "2010-3", "March 2010", "", None, 201003, "<b>", "٢٠١٠-٠٣")
    for bad in bad_months:
        with pytest.raises(MonthRefused, match="write it as YYYY-MM"):
            parse_month(bad)


def test_a_month_shows_the_latest_quarter_ended_by_its_end():
    catalogue = _catalogue()
    assert period_for_month(catalogue, dt.date(2010, 3, 1)) == "2010Q1"  # ends in March
    assert period_for_month(catalogue, dt.date(2010, 2, 1)) == "2009Q4"
    assert period_for_month(catalogue, dt.date(2009, 1, 1)) == "2008Q4"
    assert period_for_month(catalogue, dt.date(2008, 3, 1)) == "2008Q1"
    assert period_for_month(catalogue, dt.date(2008, 2, 1)) is None
    # Until the next quarter ends, April and May 2010 still show Jan-Mar 2010.
    assert period_for_month(catalogue, dt.date(2010, 5, 1)) == "2010Q1"
    months = months_with_data(catalogue)
    assert months[0] == "2010-05" and months[-1] == "2008-03" and len(months) == 27
    with pytest.raises(MonthRefused, match="from 2008-03 to 2010-05"):
        checked_month(catalogue, "2010-06")
    with pytest.raises(MonthRefused, match="No briefing for February 2008"):
        checked_month(catalogue, "2008-02")
    assert checked_month(catalogue, "2010-01") == dt.date(2010, 1, 1)


def test_the_headline_says_when_no_new_quarter_arrived():
    march = dt.date(2010, 3, 1)
    same = headline(march, "Q4 2009", "Q4 2009", (0, 0, 0, 0), "2 actions are overdue.")
    assert same.startswith("No new quarter's figures arrived since last month's briefing")
    assert same.endswith("2 actions are overdue.")
    new = headline(march, "Q1 2010", "Q4 2009", (1, 3, 0, 1), "None is.")
    assert "1 new special-cause signal, 3 changes in sites' significance" in new
    assert "no target newly met and 1 newly missed" in new
    assert new.endswith("None is.")
    assert headline(march, "Q1 2010", None, (0, 0, 0, 0)).startswith("The first briefing")


# What changed, on hand-made cases.


def _measure(**kw) -> pd.Series:
    base = dict(
        code="M04A",
        name="Detentions under the Mental Health Act",
        unit="per 100,000 population per year",
        kind="rate",
        multiplier=100_000,
        polarity="lower_is_better",
        by_ethnicity=True,
        characteristic=4,
        source="KP90",
    )
    return pd.Series({**base, **kw})


def _overview(bme_counts: list[int]) -> OverviewData:
    """Detentions with these BME counts per quarter (and steady White British counts)."""
    periods = PERIODS[: len(bme_counts)]
    rows = [("M04A", p, "bme", n, 100_000, 3) for p, n in zip(periods, bme_counts, strict=True)]
    rows += [("M04A", p, "white_british", 300, 900_000, 3) for p in periods]
    totals = pd.DataFrame(
        rows, columns=["measure", "period", "group", "numerator", "denominator", "sites"]
    )
    summary = summarise_measure(_measure(), totals, {p: LABELS[p] for p in periods}, 10)
    panels = {n: [] for n in range(1, 13)} | {4: [summary]}
    return OverviewData(panels=panels, sites=["A"], periods=periods, measures=["M04A"])


def test_a_new_special_cause_signal_is_reported_in_polarity_words():
    steady = [200, 204, 198, 202, 199, 201, 203, 200]
    before, now = _overview(steady), _overview([*steady, 320])  # a point far above the limits
    changes = new_signals(now, before)
    assert len(changes) == 1
    assert changes[0].tone == "worse" and changes[0].measure == "M04A"
    assert changes[0].text == (
        "Detentions under the Mental Health Act, BME people: special-cause concern (higher "
        "values) in Q1 2010; last month: no significant change (common-cause variation)."
    )
    # The same signal last month is not news; no earlier briefing makes every signal new.
    assert new_signals(now, now) == []
    assert len(new_signals(now, None)) == 1


def test_sites_whose_funnel_significance_moved_are_listed_the_worse_first():
    before = pd.DataFrame(
        {
            "site": ["A", "B", "C", "D"],
            "name": ["Site A", "Site B", "Site C", "Site D"],
            "significance": ["similar", "low_95", "similar", "not_compared"],
            "comparison": ["similar", "better", "similar", "not_compared"],
        }
    )
    now = pd.DataFrame(
        {
            "site": ["A", "B", "C", "D", "E"],
            "name": ["Site A", "Site B", "Site C", "Site D", "Site E"],
            "significance": ["high_998", "similar", "similar", "high_95", "high_95"],
            "comparison": ["worse", "similar", "similar", "worse", "worse"],
        }
    )
    changes = significance_changes(_measure(), now, before)
    assert changes["site"].tolist() == ["A", "B"]  # C unchanged; D and E not compared before
    assert changes["tone"].tolist() == ["worse", "worse"]  # B lost "better"
    assert changes.loc[0, "before"] == "Similar to England"
    assert changes.loc[0, "now"] == "Significantly worse (99.8% limits)"
    assert changes.loc[1, "before"] == "Significantly better (95% limits)"
    improved = significance_changes(_measure(), before.iloc[:2], now.iloc[:2])
    assert improved["tone"].tolist() == ["better", "better"]


def _view(values: list[float], target: float):
    """A proportion (higher is better) with these percentages, as the My site page sees it."""
    measure = _measure(
        code="M12A",
        name="Staff trained",
        kind="proportion",
        unit="%",
        multiplier=100,
        polarity="higher_is_better",
        by_ethnicity=False,
    )
    periods = PERIODS[: len(values)]
    rows = pd.DataFrame(
        {
            "period": periods,
            "group": "all",
            "numerator": [round(v * 10) for v in values],
            "denominator": 1000,
        }
    )
    return measure_view(measure, target, rows, {}, {p: LABELS[p] for p in periods})


def test_targets_newly_met_or_missed_follow_the_assurance_of_the_xmr_chart():
    wild = [50, 20, 80, 50]  # limits wide enough to hold either target: no assurance
    steady = [50, 51, 49, 50, 52, 50, 51, 49]  # limits about 45 to 55
    met = target_changes("Site A", [_view(steady, 30)], [_view(wild, 30)])
    assert [(c.tone, c.text) for c in met] == [
        ("better", "Site A, Staff trained (all people): target 30.0% now consistently met.")
    ]
    missed = target_changes("Site A", [_view(steady, 80)], [_view(wild, 80)])
    assert [c.tone for c in missed] == ["worse"] and "now consistently missed" in missed[0].text
    assert target_changes("Site A", [_view(steady, 30)], [_view(steady, 30)]) == []


def test_actions_overdue_at_the_months_end_are_listed_those_new_in_it_marked():
    actions = pd.DataFrame(
        {
            "site": ["A", "A", "B", "B", "C"],
            "due_date": [
                dt.date(2010, 3, 31),
                dt.date(2010, 3, 5),
                dt.date(2010, 3, 20),
                dt.date(2010, 2, 28),
                dt.date(2010, 4, 1),
            ],
            "status": ["at_risk", "on_track", "done", "not_started", "not_started"],
        }
    )
    overdue = overdue_actions(actions, dt.date(2010, 3, 31), dt.date(2010, 2, 28))
    assert overdue["due_date"].tolist() == [dt.date(2010, 2, 28), dt.date(2010, 3, 5)]
    assert overdue["new"].tolist() == [True, True]  # due on the 31st: not overdue that day


def test_the_pdf_survives_characters_outside_latin_1():
    assert latin("Jan–Mar ≥ 2 ∶ 1 † “x” 漢") == 'Jan-Mar >= 2 : 1 + "x" ?'
    briefing = Briefing(
        month="2010-03",
        month_label="March 2010",
        period="2010Q1",
        period_label="Jan–Mar 2010",
        previous_label="Oct–Dec 2009",
        context="London · 10 sites · 漢字",
        query="",
        headline="Ratio ≥ 2 – worse ∶ “quoted” 🙂",
    )
    pdf = briefing_pdf(briefing, compress=False)
    assert pdf.startswith(b"%PDF") and b"Ratio >= 2 - worse : " in pdf
