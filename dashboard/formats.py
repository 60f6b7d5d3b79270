"""Every number format: values and intervals as the measure shows them, ratios, shares and
axis numbers. Part of the vocabulary (`dashboard.vocabulary` re-exports each, and the pages
take them from there); kept apart from the sentences so that neither file grows past reading.

Pure Python on plain values (no Dash, no Flask).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_value(value: float | None, kind: str, unit: str = "") -> str:
    """A value as the measure shows it: '12.3%', '223.4', '3', '40% of sites'; '–' for none."""
    if _missing(value):
        return "–"
    if kind == "proportion" and unit == "%":
        return f"{value:.1f}%"
    if kind == "milestone":
        return f"{value:.0f}% of sites"
    if kind == "count":
        return f"{value:,.0f}"
    return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"


def fmt_value_unit(value: float | None, kind: str, unit: str) -> str:
    """A value with its unit in a sentence: '12.3%', '223.4 per 100,000 population'."""
    text = fmt_value(value, kind, unit)
    return text if unit == "%" or kind == "milestone" else f"{text} {unit}"


def fmt_interval(lower: float | None, upper: float | None, kind: str, unit: str = "") -> str:
    """A 95% interval in the measure's units: '10.2% to 14.8%'; 'no interval' without one."""
    if any(_missing(v) for v in (lower, upper)):
        return "no interval"
    return f"{fmt_value(lower, kind, unit)} to {fmt_value(upper, kind, unit)}"


def fmt_ci(lower: float | None, upper: float | None, kind: str, unit: str = "") -> str:
    """'95% CI 10.2% to 14.8%', or 'no interval'."""
    interval = fmt_interval(lower, upper, kind, unit)
    return interval if interval == "no interval" else f"95% CI {interval}"


def fmt_ratio(value: float) -> str:
    """A ratio to two decimals: '2.28'."""
    return f"{value:.2f}"


def fmt_percent(share: float) -> str:
    """A share (0 to 1) as a whole percentage: '12%'."""
    return f"{share:.0%}"


def fmt_number(value: float) -> str:
    """A plain number for a small chart's axis: '2.28' below 10, '1,234' from 10."""
    return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.0f}"


def fmt_date(value: object) -> str:
    """'31 Mar 2010' ('' for no date)."""
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return ""
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%b %Y}"


def fmt_axis(values: list[float], low: float, high: float) -> list[str]:
    """Labels on an axis from `low` to `high`, every one in the same format: '0' and '14',
    '95.4' and '100.0'; never '-0'."""
    decimals = axis_decimals(low, high)
    return [f"{round(v, decimals) + 0.0:,.{decimals}f}" for v in values]


def axis_decimals(low: float, high: float) -> int:
    """The decimals every tick of an axis from `low` to `high` needs: enough for the finest step
    a chart picks there (1, 2 or 5 × 10^k, at least a tenth of the span), and no more."""
    step = abs(high - low) / 10 or abs(high) / 10 or 0.1
    exponent = math.floor(math.log10(step))
    if step / 10**exponent > 5:  # the step rounds up to the next power of ten
        exponent += 1
    return max(0, -exponent)
