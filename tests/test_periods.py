"""Period codes of every granularity (dashboard/periods.py), the quarters open for returns and
the one series the pages draw."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import periods
from dashboard.returns.window import quarters_open

D = dt.date


@pytest.mark.parametrize(
    ("code", "granularity", "label", "start", "end"),
    [
        ("2026Q3", "quarter", "Jul–Sep 2026", D(2026, 7, 1), D(2026, 9, 30)),
        ("2026Q1", "quarter", "Jan–Mar 2026", D(2026, 1, 1), D(2026, 3, 31)),
        ("2024Q4", "quarter", "Oct–Dec 2024", D(2024, 10, 1), D(2024, 12, 31)),
        ("2026-09", "month", "Sep 2026", D(2026, 9, 1), D(2026, 9, 30)),
        ("2024-02", "month", "Feb 2024", D(2024, 2, 1), D(2024, 2, 29)),  # a leap year
        ("2026-12", "month", "Dec 2026", D(2026, 12, 1), D(2026, 12, 31)),
        ("2023/24", "financial_year", "2023/24", D(2023, 4, 1), D(2024, 3, 31)),
        ("1999/00", "financial_year", "1999/00", D(1999, 4, 1), D(2000, 3, 31)),
    ],
)
def test_a_code_names_its_period(code, granularity, label, start, end):
    spec = periods.parse(code)
    assert spec == periods.PeriodSpec(code, label, granularity, start, end)
    assert spec.row() == {
        "code": code,
        "label": label,
        "granularity": granularity,
        "start_date": start,
        "end_date": end,
    }


@pytest.mark.parametrize(
    "code", ["2026Q5", "2026Q0", "2026-13", "2026-9", "2023/25", "Q3", "", "26Q1"]
)
def test_a_code_that_names_no_period_is_none(code):
    assert periods.parse(code) is None


def test_a_code_made_and_parsed_is_the_same_period():
    for spec in (periods.quarter(2031, 1), periods.month(1987, 11), periods.financial_year(2030)):
        assert periods.parse(spec.code) == spec and len(spec.code) <= 8  # the column's width


@pytest.mark.parametrize(
    ("day", "year"),
    [(D(2024, 3, 31), "2023/24"), (D(2024, 4, 1), "2024/25"), (D(2026, 12, 1), "2026/27")],
)
def test_the_financial_year_turns_on_1_april(day, year):
    assert periods.financial_year_of(day).code == year


@pytest.mark.parametrize(
    ("today", "latest"),
    [
        (D(2026, 10, 1), "2026Q3"),  # the first day after July to September
        (D(2026, 9, 30), "2026Q2"),  # the last day of July to September: not ended
        (D(2026, 12, 1), "2026Q3"),
        (D(2027, 1, 1), "2026Q4"),
        (D(2026, 1, 15), "2025Q4"),  # across a year
    ],
)
def test_the_latest_ended_quarter(today, latest):
    assert periods.latest_ended_quarter(today).code == latest


def test_the_open_quarters_are_the_latest_ended_newest_first():
    codes = [p.code for p in periods.open_quarters(D(2026, 12, 1), 2)]
    assert codes == ["2026Q3", "2026Q2"]
    across = [p.code for p in periods.open_quarters(D(2026, 2, 1), 3)]
    assert across == ["2025Q4", "2025Q3", "2025Q2"]
    assert periods.open_quarters(D(2026, 12, 1), 0) == []


def test_how_many_quarters_are_open_is_the_apps_setting(app):
    assert app.server.config["RETURN_QUARTERS_OPEN"] == 2  # the default
    with app.server.app_context():
        assert [p.code for p in quarters_open(D(2026, 12, 1))] == ["2026Q3", "2026Q2"]
        app.server.config["RETURN_QUARTERS_OPEN"] = 1
        try:
            assert [p.code for p in quarters_open(D(2026, 12, 1))] == ["2026Q3"]
        finally:
            app.server.config["RETURN_QUARTERS_OPEN"] = 2


def test_the_setting_is_read_from_the_environment():
    from dashboard.config import load_config

    config = load_config({"SECRET_KEY": "x", "RETURN_QUARTERS_OPEN": "4"})
    assert config["RETURN_QUARTERS_OPEN"] == 4


def _frame(specs) -> pd.DataFrame:
    return pd.DataFrame([s.row() for s in specs])


def test_the_series_is_the_quarters_in_time_never_mixed_with_financial_years():
    stored = _frame(
        [
            periods.quarter(2026, 3),
            periods.financial_year(2009),  # starts with 2009Q2
            periods.quarter(2010, 1),
            periods.quarter(2009, 2),
        ]
    )
    drawn = periods.series(stored)["code"].tolist()
    # the quarters only, one step per quarter: the gap's quarters are in it (holding nothing)
    assert drawn[:4] == ["2009Q2", "2009Q3", "2009Q4", "2010Q1"] and drawn[-1] == "2026Q3"
    assert len(drawn) == (2026 - 2009) * 4 + 2 and "2023/24" not in drawn
    annual = _frame([periods.financial_year(2024), periods.financial_year(2021)])
    assert periods.series(annual)["code"].tolist() == ["2021/22", "2022/23", "2023/24", "2024/25"]
    months = _frame([periods.month(2025, 11), periods.month(2026, 2)])
    assert periods.contiguous(months)["code"].tolist() == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]


def test_the_quarter_before_is_one_ordinal_before_across_a_gap_in_the_store():
    from dashboard.returns.plausibility import period_ordinals

    stored = _frame([periods.quarter(2010, 1), periods.quarter(2026, 2), periods.quarter(2026, 3)])
    places = period_ordinals(stored)
    assert places["2026Q3"] - places["2026Q2"] == 1
    assert places["2026Q2"] - places["2010Q1"] > 1  # 2010Q1 is not the quarter before
