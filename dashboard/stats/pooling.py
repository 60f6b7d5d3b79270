"""Pooling small numbers: add numerators and denominators, never average rates.

A pooled rate is total events over total population (PHE Technical Guide, "Combining
areas and periods"), so pooling is order-independent and a site with a large population
weighs as much as its population, no more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from dashboard.stats.spc import XmrResult, xmr

COUNTS = ["numerator", "denominator"]


def pool(frame: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """Sum numerators and denominators within each group of `by`; `pooled_rows` counts the rows
    (sites or periods) that went into each sum. `sites` and `withheld` (sites reporting, and
    left out by disclosure control) are the most of any one row."""
    if frame.empty:
        return pd.DataFrame(columns=[*by, *COUNTS, "pooled_rows"])
    if not by:
        totals = frame[COUNTS].sum()
        return pd.DataFrame([{**totals.to_dict(), "pooled_rows": len(frame)}])
    grouped = frame.groupby(list(by), sort=True, dropna=False)
    out = grouped[COUNTS].sum()
    out["pooled_rows"] = grouped.size()
    # sites reporting (withheld, suppressed at source): the most in any one
    for column in ("sites", "withheld", "suppressed"):
        if column in frame:  # pooled row, not a sum
            out[column] = grouped[column].max()
    return out.reset_index()


def rolling_pool(
    frame: pd.DataFrame, periods: Sequence[str], window: int, by: Sequence[str] = ()
) -> pd.DataFrame:
    """For each period, the sums over the `window` periods ending at it (a rolling year is four
    quarters, three years twelve), within each group of `by`: what `pool` gives for each
    window, computed for every window at once (a cumulative sum per group) rather than one
    `pool` per period, which cost a page 0.3 s for each of its three areas.

    `periods` gives the order. A pooled value is reported only where every period of its window
    is inside the data range (the first window-1 periods are dropped); a missing return inside
    the window simply contributes nothing, and `pooled_rows` says how many rows did.
    """
    if window < 1:
        raise ValueError("window must be at least 1")
    order = {p: i for i, p in enumerate(periods)}
    base = frame[frame["period"].isin(order)]
    extras = [c for c in ("sites", "withheld", "suppressed") if c in base and by]
    columns = ["period", *by, *COUNTS, "pooled_rows", *extras]
    if base.empty or len(periods) < window:
        return pd.DataFrame(columns=columns)
    at = base["period"].map(order).to_numpy()
    keys = base.groupby(list(by), sort=True, dropna=False).ngroup().to_numpy() if by else 0
    groups = int(np.max(keys)) + 1 if by else 1
    n = len(periods)
    cell = np.asarray(keys) * n + at  # one cell per group and period

    def dense(values: np.ndarray, how: str) -> np.ndarray:
        out = np.zeros(groups * n, dtype=float if how == "max" else np.int64)
        if how == "max":
            out[:] = -np.inf
            np.maximum.at(out, cell, values)
        else:
            np.add.at(out, cell, values)
        return out.reshape(groups, n)

    def rolling(matrix: np.ndarray) -> np.ndarray:
        total = np.cumsum(matrix, axis=1)
        total[:, window:] = total[:, window:] - total[:, :-window]
        return total[:, window - 1 :]

    rows = rolling(dense(np.ones(len(base), dtype=np.int64), "sum"))
    found = np.nonzero(rows > 0)
    out = {"period": [periods[e + window - 1] for e in found[1]]}
    if by:
        labels = base.assign(_g=np.asarray(keys)).drop_duplicates("_g").set_index("_g")
        for column in by:
            out[column] = labels[column].reindex(found[0]).to_numpy()
    for column in COUNTS:
        values = base[column].to_numpy(dtype=np.int64)
        out[column] = rolling(dense(values, "sum"))[found]
    out["pooled_rows"] = rows[found]
    for column in extras:  # the most of any one row of the window, not a sum
        matrix = dense(base[column].fillna(0).to_numpy(dtype=float), "max")
        windows = np.lib.stride_tricks.sliding_window_view(matrix, window, axis=1)
        out[column] = windows.max(axis=2)[found].astype(np.int64)
    result = pd.DataFrame(out, columns=columns)
    result["order"] = result["period"].map(order)
    sort = ["order", *(["_g"] if by else [])]
    if by:
        result["_g"] = found[0]
    result = result.sort_values(sort, kind="stable").drop(columns=sort)
    return result.reset_index(drop=True)


def variation_basis(values: ArrayLike, base: ArrayLike | None, window: int) -> np.ndarray:
    """The series whose XmR verdict (special-cause rules, process limits, assurance) is given for
    `values` pooled over rolling windows of `window` periods: `base`, the periods' own values
    (the quarters, one value each, no two sharing a count), whenever `window` is more than one;
    `values` themselves only when they do not overlap.

    Rolling sums share three of every four quarters with their neighbours, so they are
    autocorrelated by construction: NHS England's "Making Data Count" guidance warns that the
    SPC rules assume independent points and that rolling averages or totals hide real signals
    and create false ones (a run of seven is seven overlapping windows, not seven
    observations). Rather than give no verdict, the verdict is the quarters' own XmR chart,
    which answers the same question ("has it changed?") on points that may be judged; the
    rolling values are still drawn, with their intervals, as a rolling trend without limits.

    References: NHS England and NHS Improvement (2019) "Making Data Count: Strengthening your
    decisions" (the assumptions of the XmR chart; why not rolling averages); Wheeler DJ (2000)
    "Understanding Variation".
    """
    if window <= 1:
        return np.asarray(values, dtype=float)
    if base is None:
        raise ValueError("a pooled series needs its base periods' own values for a verdict")
    return np.asarray(base, dtype=float)


#: The variation of a series that is not judged because some of its points are withheld.
WITHHELD_VARIATION = "withheld"


#: The fewest values a trend verdict is given on.
MIN_TREND_POINTS = 2


def judged_xmr(values: ArrayLike, withheld: bool, **options) -> XmrResult:
    """`xmr(values, **options)`, unless some point of the series judged is withheld by
    disclosure control: then no verdict, no mean, no limits and no assurance (variation
    "withheld").

    Disclosure control withholds exactly the counts of 1 to 7 and shows the zeros and the
    larger counts, so the points left are not a sample of the series: a mean and limits of
    them, and the runs and trends read off them, would be biased (a prison's mean of 0.00 over
    the quarters shown, where the quarters withheld held 1 to 7 events each). Making Data
    Count's rules assume every point of the series is there.
    """
    if not withheld:
        result = xmr(values, **options)
        if np.isfinite(np.asarray(values, dtype=float)).sum() < MIN_TREND_POINTS:
            # One value has no variation to judge: "no significant change" would be a finding
            # about nothing (a single published year, say).
            return replace(result, variation=None, assurance=None)
        return result
    blank = xmr(np.full(len(np.atleast_1d(values)), np.nan), **options)
    return replace(blank, variation=WITHHELD_VARIATION, assurance=None, trial=False)
