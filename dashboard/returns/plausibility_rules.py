"""The four rules of a return's plausibility (dashboard/returns/plausibility.py says what
each is for), each over every row at once, each giving the reason of every row it finds in
words: a return of 50,000 rows is judged in a few vectorised passes, its sentences written
only for the rows found.

Each rule takes the rows `prepared` (with their measure's rules, their period's ordinal and
their value) and gives a Series of reasons indexed by row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.formats import fmt_value_unit
from dashboard.stats import process_limits
from dashboard.stats.spc import TRIAL_POINTS

#: The latest stored values behind a cell's process limits, and the fewest that make limits.
HISTORY_POINTS = 20
MIN_POINTS = TRIAL_POINTS
#: A denominator that moved by more than this share, and by more than this many standard
#: deviations of the difference of two counts (the square root of their sum).
MOVE_SHARE = 0.2
MOVE_ROOTS = 3.0
#: The dashboard's default small-number threshold (SMALL_NUMBER_THRESHOLD).
SMALL_EVENTS = 10
#: A cell: the same site, measure and ethnic category, period after period.
KEY = ["site", "measure", "ethnic_code"]


def shown_values(frame: pd.DataFrame) -> np.ndarray:
    """The value each row shows (numerator, denominator, kind, multiplier columns): the
    `value` of `estimates.estimate_frame` without its interval, cheap for 50,000 rows."""
    num = frame["numerator"].to_numpy(dtype=float)
    den = frame["denominator"].to_numpy(dtype=float)
    kind = frame["kind"].to_numpy()
    scale = np.where(kind == "milestone", 100.0, frame["multiplier"].to_numpy(dtype=float))
    ratio = np.divide(num, den, out=np.full(num.shape, np.nan), where=den > 0) * scale
    return np.where(kind == "count", num, ratio)


def prepared(frame: pd.DataFrame, rules: pd.DataFrame, ordinals: dict[str, int]) -> pd.DataFrame:
    """`frame` (cells) with its measure's rules, its period's ordinal and its value."""
    out = frame.drop(columns=["kind"], errors="ignore").join(rules, on="measure")
    out["pos"] = out["period"].map(ordinals).astype("int64")
    out["numerator"] = out["numerator"].astype("int64")
    out["denominator"] = out["denominator"].astype("int64")
    out["value"] = shown_values(out)
    return out


def _number(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0") if abs(value) >= 10 else f"{value:,.3g}"


def _bound(value: float, kind: str, unit: str, with_unit: bool = True) -> str:
    """A range's end or a limit as a sentence says it: '60%', '500 per 100,000 population'
    (without the unit, but for a percentage's sign: '0')."""
    if unit == "%" or kind == "milestone":
        return f"{_number(value)}%"
    return f"{_number(value)} {unit}" if with_unit else _number(value)


def _shown(x: pd.DataFrame) -> list[str]:
    return [
        fmt_value_unit(v, k, u) for v, k, u in zip(x["value"], x["kind"], x["unit"], strict=True)
    ]


def over_denominator(r: pd.DataFrame) -> pd.Series:
    """1. A numerator above its denominator where the measure does not allow it."""
    x = r[~r["may_exceed"] & (r["denominator"] > 0) & (r["numerator"] > r["denominator"])]
    reasons = [
        f"the numerator {n:,} is larger than the denominator {d:,}, which {m} does not allow "
        f"(it would show {shown})"
        for n, d, m, shown in zip(
            x["numerator"], x["denominator"], x["measure"], _shown(x), strict=True
        )
    ]
    return pd.Series(reasons, index=x.index, dtype=object)


def _span(low: float, high: float, kind: str, unit: str) -> str:
    if not np.isnan(low) and not np.isnan(high):
        return f"{_bound(low, kind, unit, False)} to {_bound(high, kind, unit)}"
    if not np.isnan(high):
        return f"{_bound(high, kind, unit)} or less"
    return f"{_bound(low, kind, unit)} or more"


def out_of_range(r: pd.DataFrame) -> pd.Series:
    """2. A value outside the measure's plausible range (the menu's, else its kind's)."""
    low, high, value = r["low"], r["high"], r["value"]
    x = r[value.notna() & ((low.notna() & (value < low)) | (high.notna() & (value > high)))]
    reasons = [
        f"the value {shown} is outside the plausible range "
        f"{f'set for {m}' if own_low or own_high else f'of a {kind}'}, {_span(lo, hi, kind, unit)}"
        for shown, m, own_low, own_high, kind, lo, hi, unit in zip(
            _shown(x),
            x["measure"],
            x["low_set"],
            x["high_set"],
            x["kind"],
            x["low"],
            x["high"],
            x["unit"],
            strict=True,
        )
    ]
    return pd.Series(reasons, index=x.index, dtype=object)


def moved(r: pd.DataFrame, h: pd.DataFrame, names: dict[int, str]) -> pd.Series:
    """3. A denominator far from the period before's: the return's own row, else the store's."""
    after = pd.concat([h[[*KEY, "pos", "denominator"]], r[[*KEY, "pos", "denominator"]]])
    after = after.drop_duplicates([*KEY, "pos"], keep="last")
    before = r[[*KEY, "pos"]].assign(pos=r["pos"] - 1).reset_index()
    before = before.merge(after, on=[*KEY, "pos"], how="left").set_index("index")["denominator"]
    den = r["denominator"]
    change = (den - before).abs()
    hit = (
        (r["kind"] != "count")
        & before.notna()
        & (change > MOVE_SHARE * before)
        & (change > MOVE_ROOTS * np.sqrt(before + den))
    )
    reasons = [
        f"the denominator moved from {int(was):,} in {names[pos - 1]} to {now:,}"
        + (f" ({(now - was) / was:+,.0%})" if was else "")
        for was, now, pos in zip(before[hit], den[hit], r["pos"][hit], strict=True)
    ]
    return pd.Series(reasons, index=r.index[hit], dtype=object)


def small_numbers(r: pd.DataFrame) -> pd.Series:
    """Rows too small to judge against limits, by the dashboard's own rule
    (`estimates.is_small` at its default threshold): fewer than 10 events, or a proportion
    of fewer than 30 people; and milestones, a yes or a no that has no spread to judge."""
    small = r["numerator"] < SMALL_EVENTS
    small |= (r["kind"] == "proportion") & (r["denominator"] < 3 * SMALL_EVENTS)
    return small | (r["kind"] == "milestone")


def _limits(r: pd.DataFrame, h: pd.DataFrame, column: str) -> pd.DataFrame:
    """Per row of `r`: the process limits of its cell's `column` (value or numerator) from
    the latest stored values before the cell's first period in the return."""
    first = r.groupby(KEY)["pos"].min().rename("first").reset_index()
    first["cell"] = np.arange(len(first))
    past = h[h[column].notna()].merge(first, on=KEY)
    past = past[(past["pos"] < past["first"]) & (past["pos"] >= past["first"] - HISTORY_POINTS)]
    series = np.full((len(first), HISTORY_POINTS), np.nan)
    at = HISTORY_POINTS - (past["first"] - past["pos"]).to_numpy()
    series[past["cell"].to_numpy(), at] = past[column].to_numpy(dtype=float)
    _, lower, upper, points = process_limits(series)
    found = pd.DataFrame(
        {"lower": lower, "upper": upper, "points": points, "first": first["first"]}
    )
    cells = r[KEY].reset_index().merge(first[[*KEY, "cell"]], on=KEY).set_index("index")
    return found.iloc[cells["cell"].to_numpy()].set_index(cells.index).reindex(r.index)


def outside_limits(r: pd.DataFrame, h: pd.DataFrame, names: dict[int, str]) -> pd.Series:
    """4. A value (a numerator, where the row has no value) outside the process limits of
    its cell's own past ones."""
    has_value = r["value"].notna()
    limits = _limits(r, h, "value").where(has_value, _limits(r, h, "numerator"))
    point = r["value"].where(has_value, r["numerator"].astype(float))
    enough = (limits["points"] >= MIN_POINTS) & ~small_numbers(r)
    above, below = point > limits["upper"], point < limits["lower"]
    hit = enough & (above | below)
    x, lim, up = r[hit], limits[hit], above[hit]
    reasons = []
    for valued, side_up, shown, n, kind, unit, lower, upper, points, first in zip(
        has_value[hit],
        up,
        _shown(x),
        x["numerator"],
        x["kind"],
        x["unit"],
        lim["lower"],
        lim["upper"],
        lim["points"],
        lim["first"],
        strict=True,
    ):
        side, limit = ("upper", upper) if side_up else ("lower", lower)
        if valued:
            what, limit_text, whose = f"the value {shown}", _bound(limit, kind, unit), "values"
        else:
            what, limit_text, whose = (
                f"with no denominator, the numerator {n:,}",
                _number(limit),
                "numerators",
            )
        reasons.append(
            f"{what} is {'above' if side_up else 'below'} the {side} process limit of the "
            f"site's own {whose} for it, {limit_text} (XmR from its {int(points)} values "
            f"before {names[int(first)]})"
        )
    return pd.Series(reasons, index=x.index, dtype=object)
