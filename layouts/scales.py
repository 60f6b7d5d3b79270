"""Value axes that never show what a measure cannot be: a percentage between 0 and 100, a rate,
a count or a ratio from 0; and one number format for every tick of an axis
(`dashboard.vocabulary.axis_decimals`), so that no axis reads '0.5' beside '1'.

Limits drawn around the values (funnel limits, XmR process limits, intervals) may reach past
what the measure can take; the axis stops at the bound and the caption and the table still give
them. Markers are drawn whole at the bound (`cliponaxis=False`)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from dashboard.vocabulary import axis_decimals

Bounds = tuple[float | None, float | None]
NO_BOUNDS: Bounds = (None, None)


def value_bounds(kind: str, unit: str = "") -> Bounds:
    """What values of a measure of `kind` can be: 0 to 100 for a percentage (a proportion in
    %, a milestone's share of sites), from 0 for rates, counts, ratios and other proportions;
    a mean score, whatever its scale, is left unbounded."""
    if kind == "milestone" or (kind == "proportion" and unit == "%"):
        return 0.0, 100.0
    if kind in ("proportion", "rate", "count", "ratio"):
        return 0.0, None
    return NO_BOUNDS


def _finite(values: Iterable) -> list[float]:
    out = []
    for v in values:
        try:
            f = float(v)
        except (TypeError, ValueError):
            continue
        if math.isfinite(f):
            out.append(f)
    return out


def value_axis(values: Iterable, bounds: Bounds = NO_BOUNDS, pad: float = 0.06) -> dict:
    """The range and tick format of an axis showing `values` (None and NaN ignored): the values
    with a margin of `pad` of their span on each side, cut at the measure's `bounds`. With
    nothing to show, an axis without numbers (left to itself, a chart of nothing would draw
    -1 to 4, values a count or a rate cannot take)."""
    shown = _finite(values)
    floor = bounds[0]
    if not shown:
        base = 0.0 if floor is None else float(floor)
        return {"range": [base, base + 1.0], "showticklabels": False}
    low, high = min(shown), max(shown)
    margin = ((high - low) or abs(high) or 1.0) * pad
    low, high = low - margin, high + margin
    floor, ceiling = bounds
    if floor is not None:
        low = max(low, floor)
    if ceiling is not None:
        high = min(high, ceiling)
    if high <= low:  # every value at a bound: show a little of the measure's scale
        high = low + (ceiling - low if ceiling is not None and ceiling > low else 1.0)
    return {"range": [low, high], "tickformat": f",.{axis_decimals(low, high)}f"}
