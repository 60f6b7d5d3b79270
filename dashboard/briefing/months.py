"""Months and quarters for the cascade briefing: which quarter a month shows (the latest that
ended by the month's end), which months have a briefing, and how a month is written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pandas as pd

from dashboard.selection import Catalogue, Selection

_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_LENGTH = {"quarter": 3, "year": 12, "financial_year": 12, "month": 1}  # months in a period


class MonthRefused(ValueError):
    """A month that is not YYYY-MM, or one without figures; the message says why in words."""


def parse_month(text: object) -> dt.date:
    """The first day of month `text` ("YYYY-MM"); MonthRefused for anything else."""
    text = text.strip() if isinstance(text, str) else ""
    match = _MONTH.match(text)
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1900:
        shown = text[:20]
        raise MonthRefused(f"{shown!r} is not a month: write it as YYYY-MM, for example 2010-03.")
    return dt.date(int(match[1]), int(match[2]), 1)


def month_code(month: dt.date) -> str:
    return f"{month:%Y-%m}"


def month_label(month: dt.date) -> str:
    return f"{month:%B %Y}"


def month_index(month: dt.date) -> int:
    """Months since year 0: consecutive months are consecutive numbers."""
    return month.year * 12 + month.month - 1


def month_at(index: int) -> dt.date:
    """The first day of the month numbered `index` (see month_index)."""
    return dt.date(index // 12, index % 12 + 1, 1)


def period_ends(catalogue: Catalogue) -> list[tuple[str, int]]:
    """(period code, index of the month in which it ends), oldest first."""
    periods = catalogue.periods
    if periods.empty:
        return []
    starts = pd.to_datetime(periods["start_date"])
    lengths = periods["granularity"].map(_LENGTH).fillna(3).astype(int)
    return [
        (code, start.year * 12 + start.month - 1 + n - 1)
        for code, start, n in zip(periods["code"], starts, lengths, strict=True)
    ]


def period_for_month(catalogue: Catalogue, month: dt.date) -> str | None:
    """The latest period that ended on or before the end of `month` (None before the first)."""
    ended = [code for code, end in period_ends(catalogue) if end <= month_index(month)]
    return ended[-1] if ended else None


def months_with_data(catalogue: Catalogue) -> list[str]:
    """Every month with a briefing, newest first: from the one in which the first quarter
    ended to the one before the next quarter after the data would end. In those last months
    the figures stay the latest quarter's, but actions still fall overdue; by the end of the
    next quarter its figures are due, and a briefing without them would mislead."""
    ends = [end for _, end in period_ends(catalogue)]
    if not ends:
        return []
    length = _LENGTH.get(catalogue.periods["granularity"].iloc[-1], 3)
    return [month_code(month_at(i)) for i in range(max(ends) + length - 1, min(ends) - 1, -1)]


def checked_month(catalogue: Catalogue, text: str | None) -> dt.date:
    """Month `text`, if it is one and has figures; MonthRefused saying which months do."""
    month = parse_month(text)
    months = months_with_data(catalogue)
    if month_code(month) not in months:
        span = f"from {months[-1]} to {months[0]}" if months else "for no month yet"
        raise MonthRefused(
            f"No briefing for {month_label(month)}: the figures give briefings {span}."
        )
    return month


def default_month(selection: Selection, catalogue: Catalogue) -> str | None:
    """The month in which the selection's last period ended (the newest figures it shows)."""
    chosen = selection.period_range(catalogue)
    ends = dict(period_ends(catalogue))
    return month_code(month_at(ends[chosen[-1]])) if chosen else None


def at_period(selection: Selection, catalogue: Catalogue, period: str) -> Selection:
    """The selection as a briefing shows it: its periods up to `period` (from the start when
    the selection would begin after it)."""
    codes = catalogue.period_codes
    start = selection.period_from
    if start in codes and codes.index(start) > codes.index(period):
        start = None
    return replace(selection, period_from=start, period_to=period)
