"""Period codes of every granularity, any year: the store's periods are not a fixed list.

A site returns the quarter that has just ended, whatever year that is, so a period is made from
its code rather than looked up in a table that ends somewhere:

- a calendar quarter `2026Q3` (label `Jul–Sep 2026`),
- a month `2026-09` (label `Sep 2026`),
- an NHS financial year `2023/24`, 1 April 2023 to 31 March 2024 (label `2023/24`), the year
  annual statistics are published by.

A quarter is open for returns once it has ended; the latest `n` ended quarters are open (the
`RETURN_QUARTERS_OPEN` setting), so a late return of the quarter before is still taken.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: How many ended quarters are open for returns unless configured otherwise.
DEFAULT_QUARTERS_OPEN = 2

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")


@dataclass(frozen=True)
class PeriodSpec:
    """A period as the store keeps it (data_access.models.Period's columns but the id)."""

    code: str
    label: str
    granularity: str
    start_date: dt.date
    end_date: dt.date

    def row(self) -> dict:
        """The columns of a new period row (data_access.writes.ensure_periods)."""
        return {
            "code": self.code,
            "label": self.label,
            "granularity": self.granularity,
            "start_date": self.start_date,
            "end_date": self.end_date,
        }


def span(first: str, last: str) -> str:
    """The periods from `first` to `last` in words, one period named once ("2023/24", not
    "2023/24 to 2023/24": a published year is one period)."""
    return first if first == last else f"{first} to {last}"


def _month_end(year: int, month: int) -> dt.date:
    """The last day of a month: the day before the next month's first."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def quarter(year: int, number: int) -> PeriodSpec:
    """Calendar quarter `number` (1 to 4) of `year`."""
    first = 3 * (number - 1) + 1
    label = f"{MONTH_NAMES[first - 1]}–{MONTH_NAMES[first + 1]} {year}"
    return PeriodSpec(
        f"{year}Q{number}", label, "quarter", dt.date(year, first, 1), _month_end(year, first + 2)
    )


def month(year: int, number: int) -> PeriodSpec:
    """Calendar month `number` (1 to 12) of `year`."""
    return PeriodSpec(
        f"{year}-{number:02d}",
        f"{MONTH_NAMES[number - 1]} {year}",
        "month",
        dt.date(year, number, 1),
        _month_end(year, number),
    )


def financial_year(start_year: int) -> PeriodSpec:
    """The NHS financial year that starts on 1 April of `start_year`."""
    code = f"{start_year}/{(start_year + 1) % 100:02d}"
    return PeriodSpec(
        code,
        code,
        "financial_year",
        dt.date(start_year, 4, 1),
        dt.date(start_year + 1, 3, 31),
    )


def parse(code: str) -> PeriodSpec | None:
    """The period a code names, or None when it names none (`2026Q5`, `2023/25`, `Q3`)."""
    text = code.strip() if isinstance(code, str) else ""
    if found := _QUARTER.match(text):
        return quarter(int(found[1]), int(found[2]))
    if found := _MONTH.match(text):
        return month(int(found[1]), int(found[2]))
    if found := _FINANCIAL_YEAR.match(text):
        start = int(found[1])
        if (start + 1) % 100 == int(found[2]):
            return financial_year(start)
    return None


def quarter_of(day: dt.date) -> PeriodSpec:
    """The calendar quarter `day` falls in."""
    return quarter(day.year, (day.month - 1) // 3 + 1)


def financial_year_of(day: dt.date) -> PeriodSpec:
    """The financial year `day` falls in: 31 March 2024 is in 2023/24, 1 April in 2024/25."""
    return financial_year(day.year if day.month >= 4 else day.year - 1)


def latest_ended_quarter(today: dt.date) -> PeriodSpec:
    """The quarter before today's: on 1 October and on 30 December alike, Jul–Sep."""
    return quarter_of(quarter_of(today).start_date - dt.timedelta(days=1))


def open_quarters(today: dt.date, n: int = DEFAULT_QUARTERS_OPEN) -> list[PeriodSpec]:
    """The `n` latest ended quarters, newest first: those a site may return now."""
    found: list[PeriodSpec] = []
    day = today
    for _ in range(max(n, 0)):
        latest = latest_ended_quarter(day)
        found.append(latest)
        day = latest.start_date
    return found


def today() -> dt.date:
    """The real date. Callers reach it through this module so that a test can set the date
    (monkeypatch `dashboard.periods.today`)."""
    return dt.date.today()


#: The granularities a series can be drawn in, in the order they are offered.
GRAINS = ("quarter", "financial_year", "month", "year")


def default_grain(periods: pd.DataFrame) -> str | None:
    """The granularity the pages draw unless asked for another: the quarters when the store
    has any (returns are quarterly), otherwise the one it has most of (a store of published
    annual statistics alone has only financial years)."""
    if periods.empty or "granularity" not in periods:
        return None
    kinds = periods["granularity"]
    return "quarter" if (kinds == "quarter").any() else str(kinds.value_counts().index[0])


def grains(periods: pd.DataFrame) -> list[str]:
    """The granularities the store holds periods of, in GRAINS order."""
    if periods.empty or "granularity" not in periods:
        return []
    held = set(periods["granularity"])
    return [g for g in GRAINS if g in held]


def series(periods: pd.DataFrame, grain: str | None = None) -> pd.DataFrame:
    """The periods the pages draw as one series in time, oldest first: those of `grain` (the
    default granularity when None or not held). Quarters and financial years are never mixed:
    2023Q2 and 2023/24 start on the same day and do not follow each other, so a store holding
    both (a programme's returns and published annual statistics) draws one or the other."""
    if periods.empty or "granularity" not in periods:
        return periods
    kinds = periods["granularity"]
    chosen = grain if grain in set(kinds) else default_grain(periods)
    return contiguous(periods[kinds == chosen].sort_values("start_date").reset_index(drop=True))


#: The period after one of each granularity, as (year, number) → the next's.
_MAKERS = {"quarter": (quarter, 4), "month": (month, 12)}


def _following(spec: PeriodSpec) -> PeriodSpec | None:
    """The period of the same granularity that follows `spec` (None for a kind without one)."""
    if spec.granularity == "financial_year":
        return financial_year(spec.start_date.year + 1)
    if spec.granularity not in _MAKERS:
        return None
    make, per_year = _MAKERS[spec.granularity]
    number = int(spec.code[-1]) if spec.granularity == "quarter" else spec.start_date.month
    year = spec.start_date.year
    return make(year + number // per_year, number % per_year + 1)


def contiguous(periods: pd.DataFrame) -> pd.DataFrame:
    """`periods` (one granularity, oldest first) with every period between them that the store
    does not hold, so that the series is one step per period in time.

    A rolling year is the four quarters ending at a period: counted by position in a series
    with a gap (2010Q1 then 2026Q3), "Year to Jul–Sep 2026" would add up 2009 and 2010. With
    the gap's quarters in the series (holding no figures), every window is its real quarters,
    and the charts show the years without returns as the gap they are.
    """
    if len(periods) < 2 or "code" not in periods:
        return periods
    held = {code: parse(code) for code in periods["code"]}
    if any(spec is None for spec in held.values()):
        return periods  # codes of another making (a test's, say): kept as they are
    rows, expected = [], None
    for spec in held.values():
        while expected is not None and expected.start_date < spec.start_date:
            rows.append(expected.row())
            expected = _following(expected)
        expected = _following(spec)
    if not rows:
        return periods
    filled = pd.concat([periods, pd.DataFrame(rows)], ignore_index=True)
    filled["start_date"] = pd.to_datetime(filled["start_date"]).dt.date
    return filled.sort_values("start_date").reset_index(drop=True)


def ordinal(spec_granularity: str, start: dt.date) -> int:
    """A period's place in time among its granularity's, so that the one before is one less
    whatever the store holds between: months and quarters count from year 0, years by year."""
    months = start.year * 12 + start.month - 1
    if spec_granularity == "month":
        return months
    if spec_granularity == "quarter":
        return months // 3
    return start.year
