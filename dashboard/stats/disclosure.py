"""Disclosure control for viewers without record-level rights.

The NHS Digital rule for hospital statistics below national level: counts of 1 to 7 are
suppressed (shown as "*") and other counts are rounded to the nearest 5; rates and intervals
derived from a suppressed count are not shown. Secondary suppression then makes sure no
suppressed cell can be worked out from a published total and the other cells of that total.
It runs on the server, before data leaves it.

Limitation: secondary suppression is applied along one dimension at a time (the cells that
add up to one published total, named by `total_by`); a table published with totals in two
dimensions needs the function applied for each.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

SUPPRESSED = "*"
#: Counts of 1 to this are withheld.
SUPPRESS_UP_TO = 7
#: Why a value is absent: withheld by this disclosure control, suppressed at source (a
#: published file's blank, under its publisher's own control), or no return at all. Never 0.
STATUSES = ("withheld", "suppressed", "no_return")
#: The statuses of a value that is there but not shown: nothing is drawn or derived from it.
HIDDEN = ("withheld", "suppressed")


def withheld_values(numerator: ArrayLike, withheld: ArrayLike) -> np.ndarray:
    """Which pooled values are withheld themselves: True where counts behind the value were
    withheld and the counts that may be shown add up to no event at all.

    A pooled value (sites, periods) adds up only counts that may be shown, each controlled
    before it is added, so that no difference of two totals gives a withheld count away; what
    it leaves out is said beside it ("4 sites left out"). But where the shown counts add up to
    zero, every event the selection had, if any, is in the withheld counts: the zero would be
    those counts drawn as a number (NHS Digital: nothing derived from a suppressed count is
    shown), so the value, its interval and its ratios are withheld too. A value with no count
    shown at all is the same case.
    """
    numerator = np.asarray(numerator, dtype=float)
    withheld = np.asarray(withheld, dtype=float)
    return (np.nan_to_num(withheld) > 0) & (np.nan_to_num(numerator) == 0)


def round_to(values: pd.Series, base: int) -> pd.Series:
    """Round half up to the nearest `base` (NHS Digital rounds 2.5 up, not to even)."""
    return (np.floor(values.astype(float) / base + 0.5) * base).astype("Int64")


def disclosure_control(
    frame: pd.DataFrame,
    count_columns: Sequence[str] = ("numerator",),
    total_by: Sequence[str] | None = None,
    threshold: int = SUPPRESS_UP_TO,
    rounding: int = 5,
    derived_columns: Sequence[str] = ("value", "lower", "upper"),
) -> pd.DataFrame:
    """A copy of `frame` safe to show without record-level rights.

    - each count column becomes a rounded nullable integer, NA where suppressed;
    - `suppressed` is True for every row withheld (primary: a count of 1 to `threshold`;
      secondary: chosen so that no group of `total_by` has exactly one suppressed row);
    - the `derived_columns` (values and intervals) are NaN on suppressed rows.
    Zero is shown: nobody can be identified from a zero.
    """
    out = frame.copy()
    counts = out[list(count_columns)]
    primary = ((counts >= 1) & (counts <= threshold)).any(axis=1)
    suppressed = primary.copy()
    if total_by:
        suppressed = _secondary(out, suppressed, count_columns[0], list(total_by))
    for column in count_columns:
        shown = round_to(out[column], rounding)
        out[column] = shown.mask(suppressed)
    for column in derived_columns:
        if column in out:
            out[column] = out[column].astype(float).mask(suppressed)
    out["suppressed"] = suppressed
    return out


def _secondary(
    frame: pd.DataFrame, suppressed: pd.Series, column: str, total_by: list[str]
) -> pd.Series:
    """Where a group has exactly one suppressed row, also suppress its smallest other row
    (by `column`), so the one cannot be recovered as total minus the rest."""
    suppressed = suppressed.copy()
    for _, rows in frame.groupby(total_by, sort=False, dropna=False):
        index = rows.index
        group = suppressed.loc[index]
        if group.sum() != 1 or len(index) < 2:
            continue
        others = rows[~group][column].sort_values(kind="stable")
        suppressed.loc[others.index[0]] = True
    return suppressed
