"""Colours and number formats shared by every builder.

Colours are from the Okabe-Ito palette, which stays distinct under the common colour-vision
deficiencies; groups are also told apart by line dash and marker, never by colour alone.
"""

from __future__ import annotations

import math

GROUP_STYLE = {
    "bme": {"name": "BME", "color": "#0072B2", "dash": "solid", "symbol": "circle"},
    "white_british": {
        "name": "White British",
        "color": "#D55E00",
        "dash": "dash",
        "symbol": "square",
    },
    "all": {"name": "All people", "color": "#333333", "dash": "solid", "symbol": "circle"},
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def fmt_value(value: float, kind: str, unit: str = "") -> str:
    """A value as the measure shows it: '12.3%', '223.4', '3', '40% of sites'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if kind == "proportion" and unit == "%":
        return f"{value:.1f}%"
    if kind == "milestone":
        return f"{value:.0f}% of sites"
    if kind == "count":
        return f"{value:,.0f}"
    return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"


def fmt_interval(lower: float, upper: float, kind: str, unit: str = "") -> str:
    if any(v is None or math.isnan(v) for v in (lower, upper)):
        return "no interval"
    return f"{fmt_value(lower, kind, unit)} to {fmt_value(upper, kind, unit)}"


_SHORT_UNITS = {
    "per 100,000 population per year": "per 100,000/yr",
    "per 100,000 population": "per 100,000",
    "per 1,000 occupied bed days": "per 1,000 bed days",
    "per 1,000 prisoners per year": "per 1,000/yr",
}


def short_unit(unit: str) -> str:
    """A unit short enough for the vertical axis of a small chart."""
    return _SHORT_UNITS.get(unit, unit if len(unit) <= 18 else unit.split(" in ")[0][:18])
