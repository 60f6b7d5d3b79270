"""The characteristic page's figures that are pure functions of DataFrames: the BME : White
British ratio of each period, each NHS ethnic category against White British, and the periods'
figures side by side for the page's table (`dashboard.characteristic` fetches and assembles)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dashboard import stats
from dashboard.estimates import estimates_with_status, withheld_column
from dashboard.stats.disclosure import HIDDEN

RATIO_FUNCTIONS = {
    "rate": (stats.rate_ratio, "rate ratio"),
    "proportion": (stats.proportion_ratio, "ratio of proportions"),
}
RATIO_COLUMNS = ["period", "label", "value", "lower", "upper", "small", "status"]
CATEGORY_COLUMNS = [
    *("ethnic_code", "ethnic_name", "group", "numerator", "denominator"),
    *("value", "lower", "upper", "small", "ratio", "ratio_lower", "ratio_upper", "status"),
]


def ratio_series(series: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The BME : White British rate ratio (or ratio of proportions) of each period with its 95%
    interval (log method; see `stats.rate_ratio`, `stats.proportion_ratio`). `small` when either
    side rests on small numbers; `status` "withheld" (and no ratio) when either side is
    withheld. Empty for kinds without a ratio or without both groups."""
    if kind not in RATIO_FUNCTIONS or series.empty:
        return pd.DataFrame(columns=RATIO_COLUMNS)
    bme = series[series["group"] == "bme"].set_index("period")
    wb = series[series["group"] == "white_british"].set_index("period")
    both = bme.join(wb, how="inner", suffixes=("_bme", "_wb"))
    if both.empty:
        return pd.DataFrame(columns=RATIO_COLUMNS)
    fn, _ = RATIO_FUNCTIONS[kind]
    value, lower, upper = fn(
        both["numerator_bme"], both["denominator_bme"], both["numerator_wb"], both["denominator_wb"]
    )
    withheld = np.zeros(len(both), dtype=bool)
    for side in ("status_bme", "status_wb"):
        if side in both:
            withheld |= both[side].isin(HIDDEN).to_numpy()
    out = pd.DataFrame(
        {
            "period": both.index,
            "label": both["label_bme"].to_numpy(),
            "value": np.asarray(value, dtype=float),
            "lower": np.asarray(lower, dtype=float),
            "upper": np.asarray(upper, dtype=float),
            "small": (both["small_bme"] | both["small_wb"]).to_numpy(dtype=bool) & ~withheld,
            "status": np.where(withheld, "withheld", None),
        }
    )
    out.loc[withheld, ["value", "lower", "upper"]] = np.nan
    return out.reset_index(drop=True)


def category_estimates(
    rows: pd.DataFrame, measure: pd.Series, threshold: int
) -> tuple[pd.DataFrame, float | None]:
    """Each stated NHS ethnic category pooled over the rows given (the latest window), with its
    95% interval, small-numbers flag and ratio to White British (category A) with its interval;
    and the share of records whose ethnicity was not stated (kept out of the bars, never lost).
    A category withheld by disclosure control has status "withheld", no value and no ratio."""
    if rows.empty:
        return pd.DataFrame(columns=CATEGORY_COLUMNS), None
    keys = ["ethnic_code", "ethnic_name", "group"]
    rows = rows.assign(withheld=withheld_column(rows))
    counts = ["numerator", "denominator", "withheld"]
    counts += ["suppressed"] if "suppressed" in rows else []
    pooled = rows.groupby(keys, sort=False, as_index=False)[counts].sum()
    column = "denominator" if measure["kind"] == "proportion" else "numerator"
    total = float(pooled[column].sum())
    not_stated = float(pooled.loc[pooled["group"] == "not_stated", column].sum())
    share = not_stated / total if total > 0 else None
    stated = pooled[pooled["group"].isin(["bme", "white_british"])]
    if measure["kind"] not in ("count", "milestone"):
        stated = stated[(stated["denominator"] > 0) | (stated["withheld"] > 0)]
    if stated.empty:
        return pd.DataFrame(columns=CATEGORY_COLUMNS), share
    stated = stated.reset_index(drop=True)
    kind, multiplier = measure["kind"], int(measure["multiplier"])
    out = estimates_with_status(stated, kind, multiplier, threshold)
    out["ratio"] = out["ratio_lower"] = out["ratio_upper"] = math.nan
    wb = out[(out["group"] == "white_british") & out["status"].isna()]
    if measure["kind"] in RATIO_FUNCTIONS and not wb.empty:
        fn, _ = RATIO_FUNCTIONS[measure["kind"]]
        ratio = fn(
            out["numerator"],
            out["denominator"],
            float(wb["numerator"].iloc[0]),
            float(wb["denominator"].iloc[0]),
        )
        for name, values in zip(("ratio", "ratio_lower", "ratio_upper"), ratio, strict=True):
            out[name] = np.where(out["status"].isna(), np.asarray(values, dtype=float), np.nan)
    return out[CATEGORY_COLUMNS], share


def period_figures(series: pd.DataFrame, ratios: pd.DataFrame) -> pd.DataFrame:
    """One row per period: each group's numerator, denominator, value, interval and small flag
    side by side (columns `<field>_<group>`), then the ratio and its interval."""
    if series.empty:
        return pd.DataFrame(columns=["period", "label"])
    fields = ["numerator", "denominator", "value", "lower", "upper", "small"]
    fields += [f for f in ("status",) if f in series]
    wide = series.pivot(index="period", columns="group", values=fields)
    wide.columns = [f"{f}_{g}" for f, g in wide.columns]
    order = list(dict.fromkeys(series["period"]))
    labels = series.drop_duplicates("period").set_index("period")["label"]
    wide = wide.reindex(order)
    wide.insert(0, "label", labels.reindex(order))
    if not ratios.empty:
        columns = [c for c in ("value", "lower", "upper", "status") if c in ratios]
        r = ratios.set_index("period")[columns].add_prefix("ratio_")
        wide = wide.join(r)
    return wide.reset_index()
