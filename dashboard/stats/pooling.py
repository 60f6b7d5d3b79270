"""Pooling small numbers: add numerators and denominators, never average rates.

A pooled rate is total events over total population (PHE Technical Guide, "Combining
areas and periods"), so pooling is order-independent and a site with a large population
weighs as much as its population, no more.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

COUNTS = ["numerator", "denominator"]


def pool(frame: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """Sum numerators and denominators within each group of `by`; `pooled_rows` counts the rows
    (sites or periods) that went into each sum."""
    if frame.empty:
        return pd.DataFrame(columns=[*by, *COUNTS, "pooled_rows"])
    if not by:
        totals = frame[COUNTS].sum()
        return pd.DataFrame([{**totals.to_dict(), "pooled_rows": len(frame)}])
    grouped = frame.groupby(list(by), sort=True, dropna=False)
    out = grouped[COUNTS].sum()
    out["pooled_rows"] = grouped.size()
    if "sites" in frame:  # sites reporting: the most in any one pooled row, not a sum
        out["sites"] = grouped["sites"].max()
    return out.reset_index()


def rolling_pool(
    frame: pd.DataFrame, periods: Sequence[str], window: int, by: Sequence[str] = ()
) -> pd.DataFrame:
    """For each period, the sums over the `window` periods ending at it (a rolling year is four
    quarters, three years twelve), within each group of `by`.

    `periods` gives the order. A pooled value is reported only where every period of its window
    is inside the data range (the first window-1 periods are dropped); a missing return inside
    the window simply contributes nothing, and `pooled_rows` says how many rows did.
    """
    if window < 1:
        raise ValueError("window must be at least 1")
    order = {p: i for i, p in enumerate(periods)}
    base = frame[frame["period"].isin(order)]
    pieces = []
    for end in periods[window - 1 :]:
        span = set(periods[order[end] - window + 1 : order[end] + 1])
        chunk = pool(base[base["period"].isin(span)], by)
        chunk.insert(0, "period", end)
        pieces.append(chunk)
    if not pieces:
        return pd.DataFrame(columns=["period", *by, *COUNTS, "pooled_rows"])
    return pd.concat(pieces, ignore_index=True)
