"""The plausibility of a return (dashboard/returns/plausibility.py): each rule on small frames
made here, in the words the uploader reads, and the kinds' defaults."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.returns.plausibility import (
    RowWarning,
    default_range,
    find_warnings,
    measure_rules,
    period_ordinals,
)

QUARTERS = [f"{y}Q{q}" for y in range(2005, 2011) for q in range(1, 5)]  # 2005Q1 … 2010Q4
PERIODS = pd.DataFrame(
    {
        "code": QUARTERS,
        "granularity": "quarter",
        "start_date": pd.date_range("2005-01-01", periods=len(QUARTERS), freq="QS"),
    }
)
ORDINALS = period_ordinals(PERIODS)
CATEGORIES = {"M": "Caribbean", "Z": "Not stated", "A": "White British", "ALL": "All people"}
DETENTIONS = "M04A Detentions under the Mental Health Act"


def menu(**own) -> pd.DataFrame:
    """The measures the tests return, each with the menu's own settings given by code."""
    rows = [
        (
            "M04A",
            "Detentions under the Mental Health Act",
            "rate",
            "per 100,000 population",
            100_000,
        ),
        ("M02A", "Service users rating their care as good", "proportion", "%", 100),
        ("M05A", "Staff per bed", "ratio", "staff per bed", 1),
        ("M01D", "Community engagement events", "count", "events in the quarter", 1),
    ]
    frame = pd.DataFrame(rows, columns=["code", "name", "kind", "unit", "multiplier"])
    frame["plausible_min"] = np.nan
    frame["plausible_max"] = np.nan
    frame["numerator_may_exceed"] = None
    for code, settings in own.items():
        for column, value in settings.items():
            frame.loc[frame["code"] == code, column] = value
    return frame


def row(numerator, denominator, measure="M04A", period="2010Q1", code="M", n=2, **extra):
    return {
        "row": n,
        "site": "SLAM",
        "measure": measure,
        "period": period,
        "ethnic_code": code,
        "numerator": numerator,
        "denominator": denominator,
        **extra,
    }


def history(values, measure="M04A", code="M", before="2010Q1", denominator=100_000):
    """Stored cells of SLAM for the quarters before `before`, one value (numerator) each."""
    end = QUARTERS.index(before)
    quarters = QUARTERS[end - len(values) : end]
    return pd.DataFrame(
        [
            {
                "site": "SLAM",
                "measure": measure,
                "period": q,
                "ethnic_code": code,
                "numerator": v,
                "denominator": denominator,
            }
            for q, v in zip(quarters, values, strict=True)
        ],
        columns=["site", "measure", "period", "ethnic_code", "numerator", "denominator"],
    )


NO_HISTORY = history([])


def warnings(rows, stored=NO_HISTORY, **own) -> list[RowWarning]:
    return find_warnings(pd.DataFrame(rows), menu(**own), CATEGORIES, stored, ORDINALS)


def reasons(rows, stored=NO_HISTORY, **own) -> list[str]:
    return [r for w in warnings(rows, stored, **own) for r in w.reasons]


# --- 1. A numerator above its denominator ------------------------------------------------


def test_the_issues_detentions_are_warned_about_with_what_they_would_show():
    """999,999,999,999 detentions over 200,000 people: accepted before, and England's rate,
    which every viewer sees, became 13,387,526,101 per 100,000."""
    (warning,) = warnings([row(999_999_999_999, 200_000, n=7)])
    assert warning.row == 7
    assert warning.text.startswith(f"Row 7 (SLAM, 2010Q1, {DETENTIONS}, Caribbean): ")
    assert warning.reasons[0] == (
        "the numerator 999,999,999,999 is larger than the denominator 200,000, which M04A "
        "does not allow (it would show 499,999,999,999.5 per 100,000 population)"
    )


def test_a_numerator_above_its_denominator_is_warned_about_only_where_the_measure_forbids_it():
    assert reasons([row(12, 10)])  # a rate, by default
    assert not reasons([row(12, 10)], M04A={"numerator_may_exceed": True})  # set on the menu
    assert not reasons([row(12, 10, measure="M05A")])  # a ratio may, by default
    assert reasons([row(12, 10, measure="M05A")], M05A={"numerator_may_exceed": False})
    assert not reasons([row(12, 0, code="Z")])  # no population to divide by: no rate at all


# --- 2. A value outside the plausible range -----------------------------------------------


def test_a_value_outside_the_range_set_on_the_menu_is_warned_about():
    own = {"M02A": {"plausible_min": 5.0, "plausible_max": 60.0}}
    (reason,) = reasons([row(70, 100, measure="M02A", code="A")], **own)
    assert reason == "the value 70.0% is outside the plausible range set for M02A, 5% to 60%"
    (reason,) = reasons([row(2, 100, measure="M02A", code="A")], **own)
    assert "the value 2.0% is outside" in reason
    assert not reasons([row(60, 100, measure="M02A", code="A")], **own)  # the range's end


def test_a_rates_range_is_in_the_unit_shown():
    own = {"M04A": {"plausible_max": 500.0}}
    (reason,) = reasons([row(6, 1_000, code="M")], **own)  # 600 per 100,000
    assert reason == (
        "the value 600.0 per 100,000 population is outside the plausible range set for M04A, "
        "0 to 500 per 100,000 population"
    )
    assert not reasons([row(4, 1_000)], **own)


def test_the_kinds_defaults_are_what_a_value_can_be_and_the_menu_replaces_them():
    assert default_range("proportion", 100) == (0.0, 100.0)
    assert default_range("proportion", 1) == (0.0, 1.0)
    assert default_range("milestone", 1) == (0.0, 100.0)
    for kind in ("rate", "ratio", "mean_score", "count"):
        assert default_range(kind, 1000) == (0.0, None)
    rules = measure_rules(menu(M04A={"plausible_max": 500.0, "numerator_may_exceed": True}))
    assert rules.loc["M04A", ["low", "high", "may_exceed"]].tolist() == [0.0, 500.0, True]
    assert bool(rules.loc["M04A", "high_set"]) and not bool(rules.loc["M04A", "low_set"])
    assert rules.loc["M02A", ["low", "high", "may_exceed"]].tolist() == [0.0, 100.0, False]
    assert np.isnan(rules.loc["M05A", "high"]) and rules.loc["M05A", "may_exceed"]
    assert rules.loc["M01D", "may_exceed"]  # a count's denominator is not part of its value
    # a proportion's numerator never exceeds its denominator, whatever the menu says
    assert not measure_rules(menu(M02A={"numerator_may_exceed": True})).loc["M02A", "may_exceed"]


# --- 3. A denominator that moved ----------------------------------------------------------


def test_a_denominator_that_moved_more_than_a_fifth_is_warned_about_from_what_to_what():
    stored = history([20], denominator=200_000)
    (reason,) = reasons([row(26, 260_000)], stored)
    assert reason == "the denominator moved from 200,000 in 2009Q4 to 260,000 (+30%)"
    assert not reasons([row(23, 230_000)], stored)  # +15%
    (reason,) = reasons([row(10, 100_000)], stored)
    assert reason == "the denominator moved from 200,000 in 2009Q4 to 100,000 (-50%)"


def test_a_small_denominator_moving_by_chance_is_not_warned_about():
    """Two to seven people is +250%, and well within what chance moves counts that small
    (three standard deviations of the difference of two counts: 3 × √9 = 9)."""
    assert not reasons([row(1, 7)], history([1], denominator=2))
    assert reasons([row(1, 70)], history([1], denominator=20))  # 50 > 3 x √90 = 28.5


def test_the_quarter_before_is_the_returns_own_row_when_it_has_one():
    stored = history([20], before="2009Q4", denominator=200_000)  # 2009Q3 stored
    rows = [row(25, 250_000, period="2009Q4", n=2), row(26, 260_000, period="2010Q1", n=3)]
    found = warnings(rows, stored)
    assert [w.row for w in found] == [2]  # 2010Q1 follows the return's 2009Q4, +4%
    assert "from 200,000 in 2009Q3 to 250,000 (+25%)" in found[0].reasons[0]


def test_a_counts_denominator_is_not_judged():
    assert not reasons(
        [row(3, 5, measure="M01D", code="ALL")], history([3], "M01D", "ALL", denominator=1)
    )


# --- 4. Outside the site's own process limits ---------------------------------------------

STEADY = [50, 52, 48, 51, 49, 50, 53, 47, 50, 52, 48, 51, 49, 50, 51, 49]  # around 50 per 100


def test_a_value_outside_the_sites_own_process_limits_is_warned_about_with_the_limits():
    stored = history(STEADY, "M02A", "A", denominator=100)
    (reason,) = reasons([row(90, 100, measure="M02A", code="A")], stored)
    assert reason.startswith(
        "the value 90.0% is above the upper process limit of the site's own values for it, "
    )
    assert reason.endswith("% (XmR from its 16 values before 2010Q1)")
    assert not reasons([row(55, 100, measure="M02A", code="A")], stored)
    (reason,) = reasons([row(12, 100, measure="M02A", code="A")], stored)
    assert "is below the lower process limit" in reason


def test_limits_need_twelve_values_and_a_value_that_is_not_small():
    """Limits on fewer than 12 points are trial limits; fewer than 10 events (or a
    proportion of fewer than 30 people) move by chance alone."""
    eleven = history(STEADY[-11:], "M02A", "A", denominator=100)
    assert not reasons([row(90, 100, measure="M02A", code="A")], eleven)
    twelve = history(STEADY[-12:], "M02A", "A", denominator=100)
    assert reasons([row(90, 100, measure="M02A", code="A")], twelve)
    small = history([v // 10 for v in STEADY], "M02A", "A", denominator=10)
    assert not reasons([row(9, 10, measure="M02A", code="A")], small)  # 90%, of ten people


def test_a_row_without_a_value_is_judged_by_its_numerator():
    """'Not stated' has no population to divide by, yet its detentions join the all-people
    totals: 999,999,999,999 of them is judged against the site's past numerators."""
    stored = history([20, 25, 18, 22, 24, 19, 21, 23, 20, 22, 26, 21], code="Z", denominator=0)
    (warning,) = warnings([row(999_999_999_999, 0, code="Z")], stored)
    assert warning.where == f"SLAM, 2010Q1, {DETENTIONS}, Not stated"
    (reason,) = warning.reasons
    assert reason.startswith(
        "with no denominator, the numerator 999,999,999,999 is above the upper process limit "
        "of the site's own numerators for it, "
    )
    assert not reasons([row(23, 0, code="Z")], stored)


# --- What is judged, and how a warning is named --------------------------------------------


def test_a_row_stored_as_it_is_warns_no_more():
    rows = [row(999_999_999_999, 200_000, status="unchanged"), row(12, 10, n=3, status="new")]
    assert [w.row for w in warnings(rows)] == [3]


def test_every_reason_of_a_row_is_one_warning_whose_key_follows_its_text():
    stored = history(STEADY, denominator=20_000)
    (warning,) = warnings([row(999_999_999_999, 200_000)], stored)
    assert len(warning.reasons) == 3  # numerator, denominator, limits
    assert warning.text.endswith(").")
    other = RowWarning(warning.row, warning.where, warning.reasons[:2])
    assert other.key != warning.key and len(warning.key) == 16
    assert warnings([row(50, 20_000)], stored) == []  # 250 per 100,000, as ever


@pytest.mark.parametrize("period", ["2005Q1", "2005Q2"])
def test_a_cell_without_history_has_nothing_to_be_compared_with(period):
    assert not reasons([row(20, 100_000, period=period)], history([20], before="2005Q2"))
