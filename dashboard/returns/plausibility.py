"""A return that would distort the picture is stopped before it is stored (issue 13).

A row can be valid (whole numbers, a site, measure, period and category the store knows) and
still be implausible: a site lead once returned 999,999,999,999 detentions over 200,000 people,
and England's benchmark, which every viewer sees, became 13,387,526,101 per 100,000. Such rows
are not errors (an unusual quarter is sometimes true) but warnings: the return is stored only
once the uploader has confirmed each of them, and the audit entry keeps what was confirmed.

Four rules, judged only on the rows that would change what is stored (a row stored as it is
says nothing new):

1. **Numerator above denominator** where the measure does not allow it, the denominator
   being more than 0. (A proportion's or milestone's is an error, checked before.)
2. **Outside the plausible range** the menu of measures sets for the measure, or its kind's
   default (below), in the unit the dashboard shows.
3. **A denominator that moved** more than 20% from the period before (the return's own row
   for it, else the stored one) *and* by more than chance moves counts of that size: three
   standard deviations of the difference of two counts, 3 × √(before + now). Most
   denominators are small counts (half the demonstration cells count six people or fewer):
   by 20% alone a third of the rows of a true return would warn, and a warning that always
   shows is confirmed unread; with the floor, about one row in a thousand does. Counts are
   not judged: their denominator is not part of their value.
4. **Outside the site's own process limits**: the XmR limits (`stats.process_limits`, the
   limits of the site page's charts) of the same site, measure and ethnic category, from its
   latest 20 stored values before the first period of the cell in the return ("Making Data
   Count" builds a baseline on 20), and only when at least 12 are there: on fewer, limits are
   "trial limits" that move with every new point, and a warning would mostly say the history
   is short. Small numbers are not judged, by the dashboard's own rule (fewer than 10 events,
   or a proportion of fewer than 30 people: chance alone takes them past any limit), nor are
   milestones (a yes or a no). A row without a value (a rate's "not stated" row has no
   population to divide by) is judged by its numerator against the limits of the cell's past
   numerators: it still adds to the all-people totals.

On the demonstration data a genuine quarter warns on about one row in a hundred, most of them
values past the site's own limits (its real special causes).

The kinds' defaults, used wherever the menu leaves a measure's own empty:

=========== ===================== ================================================
kind        plausible range       numerator may exceed the denominator
=========== ===================== ================================================
proportion  0 to the multiplier   never (an error): it counts part of the denominator
milestone   0 to 100% of sites    never (an error): 1 or 0 of 1
rate        0 or more             no: events among the people or bed days counted
ratio       0 or more             yes: it compares two different counts
mean score  0 or more             yes: a sum of scores over the people who scored
count       0 or more             yes: its denominator is not part of its value
=========== ===================== ================================================

Ranges are open above by default because no ceiling fits every measure of a kind; the
administrator sets one on the menu where it is known (a score from 1 to 5, a rate that has
never passed 500 per 100,000).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.periods import ordinal
from dashboard.returns.plausibility_rules import (
    HISTORY_POINTS,
    moved,
    out_of_range,
    outside_limits,
    over_denominator,
    prepared,
)
from data_access.models import BOUNDED_KINDS

#: Whether a kind's numerator may exceed its denominator when the menu does not say.
MAY_EXCEED = {
    "proportion": False,
    "milestone": False,
    "rate": False,
    "ratio": True,
    "mean_score": True,
    "count": True,
}


def default_range(kind: str, multiplier: int) -> tuple[float, float | None]:
    """The plausible range of a kind when the menu sets none, in the unit shown."""
    if kind == "proportion":
        return 0.0, float(multiplier)
    if kind == "milestone":
        return 0.0, 100.0
    return 0.0, None


def measure_rules(menu: pd.DataFrame) -> pd.DataFrame:
    """Per measure code: name, kind, unit, multiplier, the plausible range (low, high: NaN
    where open; low_set, high_set: the menu's own) and whether its numerator may exceed its
    denominator (may_exceed), the menu's own where set, else the kind's default."""
    own = menu.set_index("code")
    rules = own[["name", "kind", "unit", "multiplier"]].copy()
    defaults = [
        default_range(k, int(m)) for k, m in zip(own["kind"], own["multiplier"], strict=True)
    ]
    for i, (column, stored_column) in enumerate(
        (("low", "plausible_min"), ("high", "plausible_max"))
    ):
        stored = pd.to_numeric(own.get(stored_column, pd.Series(np.nan, index=own.index)))
        kind = [np.nan if d[i] is None else d[i] for d in defaults]
        rules[column] = stored.astype(float).fillna(pd.Series(kind, index=own.index))
        rules[f"{column}_set"] = stored.notna()
    stored_may = own.get("numerator_may_exceed", pd.Series(None, index=own.index, dtype=object))
    rules["may_exceed"] = [
        kind not in BOUNDED_KINDS and (MAY_EXCEED[kind] if pd.isna(may) else bool(may))
        for kind, may in zip(own["kind"], stored_may, strict=True)
    ]
    return rules


@dataclass(frozen=True)
class RowWarning:
    """What is implausible about one row, in words that name it."""

    row: int  # as a spreadsheet numbers it: the header is row 1
    where: str  # site, period, measure code and name, ethnic category
    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        return f"Row {self.row} ({self.where}): " + "; ".join(self.reasons) + "."

    @property
    def key(self) -> str:
        """The warning as the uploader confirmed it: any change to its text is a new one."""
        return hashlib.sha256(self.text.encode()).hexdigest()[:16]


def period_ordinals(periods: pd.DataFrame) -> dict[str, int]:
    """Each period's place in time among those of its granularity, apart by granularity, so
    that the period before is the ordinal before even across a gap in the store (2026Q3
    after 2010Q1: the quarter before 2026Q3 is 2026Q2, not 2010Q1)."""
    if periods.empty:
        return {}
    rank = {g: i for i, g in enumerate(sorted(set(periods["granularity"])))}
    return {
        row.code: rank[row.granularity] * 1_000_000
        + ordinal(row.granularity, pd.Timestamp(row.start_date).date())
        for row in periods.itertuples()
    }


def history_periods(rows: pd.DataFrame, ordinals: dict[str, int]) -> list[str]:
    """The periods whose stored values the rules read for `rows`: from 20 before the
    earliest to the one before the latest."""
    at = rows["period"].map(ordinals)
    wanted: set[int] = set()
    for rank in set(at // 1_000_000):
        mine = at[at // 1_000_000 == rank]
        wanted |= set(range(int(mine.min()) - HISTORY_POINTS, int(mine.max())))
    return [code for code, ordinal in ordinals.items() if ordinal in wanted]


def find_warnings(
    rows: pd.DataFrame,
    menu: pd.DataFrame,
    categories: dict[str, str],
    history: pd.DataFrame,
    ordinals: dict[str, int],
) -> list[RowWarning]:
    """Every warning of a checked return, one per row that has any, in row order.

    `rows` are the checked rows (row, site, measure, period, ethnic_code, numerator,
    denominator; with a `status` from `plan_return`, only new and revised rows warn), `menu`
    the measures (`queries.measures`), `categories` code → name, `history` the stored cells
    (`queries.stored_cells` over `history_periods`), `ordinals` from `period_ordinals`."""
    if rows.empty:
        return []
    rules = measure_rules(menu)
    r = prepared(rows.reset_index(drop=True), rules, ordinals)
    h = prepared(history, rules, ordinals) if not history.empty else r.iloc[0:0]
    names = {ordinal: code for code, ordinal in ordinals.items()}
    judged = r["status"].ne("unchanged") if "status" in r else pd.Series(True, index=r.index)
    found = pd.concat(
        [
            over_denominator(r[judged]),
            out_of_range(r[judged]),
            moved(r, h, names),
            outside_limits(r, h, names),
        ]
    )
    found = found[found.index.isin(r.index[judged])]
    if found.empty:
        return []
    reasons = found.groupby(level=0, sort=False).agg(tuple)  # in the rules' order
    x = r.loc[reasons.index]
    category = x["ethnic_code"].map(categories).fillna(x["ethnic_code"])
    where = x["site"] + ", " + x["period"] + ", " + x["measure"] + " " + x["name"] + ", " + category
    warnings = [
        RowWarning(int(n), w, why) for n, w, why in zip(x["row"], where, reasons, strict=True)
    ]
    return sorted(warnings, key=lambda w: w.row)
