"""The quality of one site's data: how completely it records ethnicity, and the periods in
which it sent no return. "Not stated" is reported, never silently dropped (PRODUCT.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.stats.disclosure import withheld_values


def periods_without_return(
    site_raw: pd.DataFrame, england_raw: pd.DataFrame, measures: list[str], periods: list[str]
) -> dict[str, tuple[str, ...]]:
    """For each measure, the periods of the range in which the site sent nothing although some
    site in England did (so quarters before a measure was collected anywhere do not count). A
    period whose figures disclosure control withholds was returned: it is not listed here."""
    out: dict[str, tuple[str, ...]] = {}
    for code in measures:
        collected = set(england_raw.loc[england_raw["measure"] == code, "period"])
        returned = set(site_raw.loc[site_raw["measure"] == code, "period"])
        out[code] = tuple(p for p in periods if p in collected and p not in returned)
    return out


def collected_by_period(
    england_raw: pd.DataFrame, measures: list[str], periods: list[str]
) -> dict[str, tuple[str, ...]]:
    """For each period, the measures that some site in England returned (what a site that
    adopted them all could have returned)."""
    rows = england_raw[england_raw["measure"].isin(measures)]
    by_period = rows.groupby("period")["measure"].unique() if not rows.empty else {}
    order = {m: i for i, m in enumerate(measures)}
    return {
        p: tuple(sorted(by_period[p], key=order.get)) if p in by_period else () for p in periods
    }


def ethnicity_completeness(
    site_raw: pd.DataFrame,
    measures: pd.DataFrame,
    period_labels: dict[str, str],
    threshold: int = 10,
) -> pd.DataFrame:
    """Share of the site's records with ethnicity stated, each period, over the measures kept
    by ethnicity: people (denominators) for proportions, events (numerators) for rates and
    counts. Columns: period, label, records, not_stated, share (0-1), small, status
    ("withheld" where the records not stated are withheld by disclosure control and none are
    shown: the share would be that count drawn as zero; `withheld_values`)."""
    columns = ["period", "label", "records", "not_stated", "share", "small", "status"]
    kept = measures[measures["by_ethnicity"].astype(bool)] if not measures.empty else measures
    if kept.empty or site_raw.empty:
        return pd.DataFrame(columns=columns)
    kinds = dict(zip(kept["code"], kept["kind"], strict=True))
    rows = site_raw[site_raw["measure"].isin(kinds) & site_raw["period"].isin(period_labels)]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    use_den = rows["measure"].map(kinds).eq("proportion")
    rows = rows.assign(records=np.where(use_den, rows["denominator"], rows["numerator"]))
    rows = rows.assign(not_stated=rows["records"].where(rows["group"] == "not_stated", 0))
    withheld = rows["withheld"] if "withheld" in rows else pd.Series(0, index=rows.index)
    rows = rows.assign(withheld=withheld.where(rows["group"] == "not_stated", 0))
    out = rows.groupby("period", as_index=False)[["records", "not_stated", "withheld"]].sum()
    out = out[(out["records"] > 0) | (out["withheld"] > 0)]
    hidden = withheld_values(out["not_stated"], out["withheld"])
    with np.errstate(divide="ignore", invalid="ignore"):
        out["share"] = np.where(hidden, np.nan, 1 - out["not_stated"] / out["records"])
    out["small"] = (out["records"] < 3 * threshold) & ~hidden
    out["status"] = np.where(hidden, "withheld", None)
    out["label"] = out["period"].map(period_labels)
    order = {p: i for i, p in enumerate(period_labels)}
    out = out.sort_values("period", key=lambda s: s.map(order))
    return out[columns].reset_index(drop=True)
