"""Each area's value of one measure by period and group, as the pages compute it.

The counts come through the same memoised loaders as the pages, so the same disclosure
control applies to whoever asks (`dashboard.loaders`): an organisation's row from its
controlled site totals (as on Compare sites), England's and a region's from the group totals
(as on the overview). The estimates are `dashboard.estimates.estimates_with_status`, pooled
over rolling windows by `stats.rolling_pool`, and set against England by the funnel's test
(`dashboard.compare.funnel.funnel_positions`), with no verdict on small numbers
(`dashboard.significance.category`). A withheld value has no number, no interval and no
verdict.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard import stats
from dashboard.api.areas import Area
from dashboard.compare.funnel import FUNNEL_STATISTIC, funnel_positions
from dashboard.estimates import GROUP_LABELS, estimates_with_status
from dashboard.loaders import (
    load_category_totals,
    load_group_totals,
    load_site_category_totals,
    load_site_totals,
)
from dashboard.selection import POOLING_WINDOWS
from dashboard.significance import category

#: The DRE groups a value is given for, in order ("all" adds up every group).
GROUPS = ("all", "bme", "white_british", "not_stated")
GROUP_NAMES = {**GROUP_LABELS, "not_stated": "Not stated"}
#: Why a value is absent, as the API names it (`stats.disclosure.STATUSES`).
STATUS_NAMES = {"withheld": "withheld", "suppressed": "suppressed_at_source"}
COUNT_COLUMNS = ["numerator", "denominator", "withheld"]
VALUE_COLUMNS = [
    *("area_code", "area_name", "area_type", "period", "group", "group_name"),
    *("numerator", "denominator", "value", "lower_95", "upper_95", "lower_998", "upper_998"),
    *("benchmark_value", "compared_to_benchmark", "small_numbers", "status", "withheld_sites"),
]


def fetched_periods(period_codes: list[str], chosen: list[str], pooling: str) -> list[str]:
    """The chosen periods and, under pooling, the window-1 periods before the first of them."""
    if not chosen:
        return []
    window = POOLING_WINDOWS[pooling]
    first = period_codes.index(chosen[0])
    last = period_codes.index(chosen[-1])
    return period_codes[max(0, first - window + 1) : last + 1]


def _with_all(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` (area, period, group, counts) and, per area and period, the group "all": every
    row added up (measures kept by ethnicity have no "all" rows of their own)."""
    if rows.empty:
        return rows
    own = rows[rows["group"] != "all"]
    by_cell = own.groupby(["area", "period"])
    summed = by_cell[["numerator", "denominator"]].sum().reset_index()
    # sites reporting, and sites left out: the most of any one group, not a sum over groups
    summed["withheld"] = by_cell["withheld"].max().to_numpy()
    if "suppressed" in own:
        summed["suppressed"] = by_cell["suppressed"].max().to_numpy()
    summed["sites"] = by_cell["sites"].max().to_numpy()
    # One organisation with a group left out has no figure for all its people: the rest alone
    # would be a part read as the whole (withheld, or suppressed at source, as that group is).
    part = (summed["withheld"] > 0) & (summed["sites"] <= 1)
    summed.loc[part, ["numerator", "denominator"]] = 0
    kept = rows[rows["group"] == "all"]
    summed = summed[
        ~summed.set_index(["area", "period"]).index.isin(kept.set_index(["area", "period"]).index)
    ]
    return pd.concat([rows, summed.assign(group="all")], ignore_index=True)


def category_counts(areas: list[Area], measure: str, periods: list[str], codes) -> list:
    """Counts by area, period and NHS ethnic category (its code as the group) for the
    categories `codes`: an organisation's from its controlled rows, an area's summed from them
    (`dashboard.loaders.load_category_totals`, as the characteristic page's table)."""
    frames = []
    organisations = [a.code for a in areas if a.type == "organisation"]
    keep = ["area", "period", "group", "numerator", "denominator", "withheld", "suppressed"]
    keep.append("sites")
    if organisations:
        rows = load_site_category_totals(tuple(organisations), (measure,), tuple(periods))
        rows = rows.rename(columns={"site": "area"}).assign(sites=1)
        frames.append(rows.assign(group=rows["ethnic_code"]).reindex(columns=keep))
    for area in areas:
        if area.type != "organisation" and area.sites:
            rows = load_category_totals(area.sites, (measure,), tuple(periods))
            rows = rows.assign(area=area.code, group=rows["ethnic_code"], sites=len(area.sites))
            frames.append(rows.reindex(columns=keep))
    return [f[f["group"].isin(codes)] for f in frames if not f.empty]


def area_counts(
    areas: list[Area], measure: str, periods: list[str], categories: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Counts by area, period and group (area, period, group, numerator, denominator, withheld,
    sites) for `periods`, as the current person may see them; NHS ethnic categories too, for
    the codes in `categories`."""
    frames = []
    organisations = [a.code for a in areas if a.type == "organisation"]
    if organisations and periods:
        site_rows = load_site_totals(tuple(organisations), (measure,), tuple(periods))
        if not site_rows.empty:
            site_rows = site_rows.rename(columns={"site": "area"}).assign(sites=1)
            frames.append(site_rows)
    for area in areas:
        if area.type == "organisation" or not area.sites or not periods:
            continue
        totals = load_group_totals(area.sites, (measure,), tuple(periods))
        if not totals.empty:
            frames.append(totals.assign(area=area.code))
    if not frames:
        return pd.DataFrame(columns=["area", "period", "group", *COUNT_COLUMNS, "sites"])
    rows = pd.concat(frames, ignore_index=True)
    if "withheld" not in rows:
        rows["withheld"] = 0
    rows["withheld"] = rows["withheld"].fillna(0).astype(int)
    rows["suppressed"] = rows.get("suppressed", pd.Series(0, index=rows.index)).fillna(0)
    rows = _with_all(rows[["area", "period", "group", *COUNT_COLUMNS, "suppressed", "sites"]])
    if categories and periods:
        extra = category_counts(areas, measure, periods, categories)
        rows = pd.concat([rows, *extra], ignore_index=True) if extra else rows
        rows["withheld"] = rows["withheld"].fillna(0).astype(int)
        rows["suppressed"] = rows["suppressed"].fillna(0).astype(int)
    return rows


def pooled(rows: pd.DataFrame, fetched: list[str], chosen: list[str], pooling: str):
    """`rows` pooled over the rolling window ending at each chosen period (as they are)."""
    window = POOLING_WINDOWS[pooling]
    if window > 1 and not rows.empty:
        rows = stats.rolling_pool(rows, fetched, window, by=["area", "group"])
        # a rolling sum's withheld: the most sites withheld in any one of its quarters
    return rows[rows["period"].isin(chosen)].reset_index(drop=True)


def _intervals_998(rows: pd.DataFrame, kind: str, multiplier: int) -> tuple[np.ndarray, ...]:
    num = rows["numerator"].to_numpy(dtype=float)
    den = rows["denominator"].to_numpy(dtype=float)
    nan = np.full(len(rows), np.nan)
    if kind in ("proportion", "milestone"):
        scale = multiplier if kind == "proportion" else 100
        _, lower, upper = stats.proportion_ci(num, den, confidence=0.998, multiplier=scale)
    elif kind == "rate":
        _, lower, upper = stats.rate_ci(num, den, confidence=0.998, multiplier=multiplier)
    elif kind == "count":
        _, lower, upper = stats.poisson_count_ci(num, confidence=0.998)
    else:
        return nan, nan
    return np.atleast_1d(lower).astype(float), np.atleast_1d(upper).astype(float)


def estimated(rows: pd.DataFrame, measure: pd.Series, threshold: int) -> pd.DataFrame:
    """`rows` with value, lower, upper (95%), lower_998, upper_998, small and status."""
    kind, multiplier = str(measure["kind"]), int(measure["multiplier"])
    if rows.empty:
        return rows.assign(
            **{c: [] for c in ("value", "lower", "upper", "lower_998", "upper_998", "small")},
            status=[],
        )
    rows = rows.reset_index(drop=True)
    out = estimates_with_status(rows, kind, multiplier, threshold)
    lower, upper = _intervals_998(rows, kind, multiplier)
    hidden = out["status"].notna().to_numpy()
    out["lower_998"] = np.where(hidden, np.nan, lower)
    out["upper_998"] = np.where(hidden, np.nan, upper)
    return out


def compared(rows: pd.DataFrame, england: pd.DataFrame, measure: pd.Series) -> pd.DataFrame:
    """Each row's `benchmark_value` (England's value for the same period and group) and
    `compared_to_benchmark` (high_998 … low_998, or small_numbers; None where there is no
    comparison: England itself, a withheld value, a kind without a funnel)."""
    keys = ["period", "group"]
    bench = england[[*keys, "value", "numerator", "denominator", "status"]].rename(
        columns={
            "value": "benchmark_value",
            "numerator": "b_num",
            "denominator": "b_den",
            "status": "b_status",
        }
    )
    out = rows.merge(bench, on=keys, how="left")
    statistic = FUNNEL_STATISTIC.get(str(measure["kind"]))
    verdicts = np.full(len(out), None, dtype=object)
    if statistic is not None and not out.empty:
        for (_, _), part in out.groupby(keys, sort=False):
            b_num, b_den = part["b_num"].iloc[0], part["b_den"].iloc[0]
            if pd.isna(b_den) or b_den <= 0 or isinstance(part["b_status"].iloc[0], str):
                continue
            ok = part[part["status"].isna() & (part["area_type"] != "england")]
            if ok.empty:
                continue
            tags = funnel_positions(ok["numerator"], ok["denominator"], b_num / b_den, statistic)
            shown = [category(t, bool(s)) for t, s in zip(tags, ok["small"], strict=True)]
            names = [
                "small_numbers" if c == "small" else (t if t != "not_compared" else None)
                for t, c in zip(tags, shown, strict=True)
            ]
            verdicts[out.index.get_indexer(ok.index)] = names
    out["compared_to_benchmark"] = verdicts
    out.loc[out["b_status"].notna(), "benchmark_value"] = np.nan
    return out.drop(columns=["b_num", "b_den", "b_status"])
