"""The read API's figures: each endpoint's rows from the functions the pages call.

- values: `dashboard.api.values` (the overview's group totals, Compare's site totals);
- disparities: the BME : White British ratio of `dashboard.summaries` in the words of
  `dashboard.vocabulary.ratio_verdict`, as every page says it;
- spc: `stats.xmr` on the series the overview judges (`stats.pooling.variation_basis`: under
  pooling, the quarters' own values, never the overlapping rolling sums);
- funnel: `dashboard.compare.data.compare_sites`, Compare sites' own function, with
  Spiegelhalter's overdispersed limits on request.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import stats
from dashboard.api.areas import ENGLAND, Area
from dashboard.api.disparities import COLUMNS as DISPARITY_COLUMNS
from dashboard.api.disparities import disparity_rows
from dashboard.api.values import (
    GROUP_NAMES,
    GROUPS,
    STATUS_NAMES,
    VALUE_COLUMNS,
    area_counts,
    compared,
    estimated,
    fetched_periods,
    pooled,
)
from dashboard.compare.data import compare_sites
from dashboard.compare.funnel import FUNNEL_STATISTIC
from dashboard.estimates import IMPROVEMENT, group_labels, measure_categories
from dashboard.loaders import load_ethnic_categories, load_site_totals
from dashboard.selection import POOLING_WINDOWS, Catalogue
from dashboard.stats.disclosure import HIDDEN
from dashboard.stats.pooling import judged_xmr, variation_basis
from dashboard.summaries import RATIOS


@dataclass(frozen=True)
class Request:
    """What a figures request chose, checked against the catalogue (`dashboard.api.params`)."""

    measure: pd.Series
    areas: list[Area]
    periods: list[str]  # the periods reported, in order
    groups: tuple[str, ...]
    pooling: str
    threshold: int


def _period_rows(req: Request, catalogue: Catalogue, with_england: bool = True) -> pd.DataFrame:
    """Estimates by area, period and group for the request (and England, for the benchmark)."""
    codes = catalogue.period_codes
    fetched = fetched_periods(codes, req.periods, req.pooling)
    areas = list(req.areas)
    if with_england and not any(a.code == ENGLAND for a in areas):
        everyone = tuple(sorted(catalogue.organisations.get("code", [])))
        areas.append(Area(ENGLAND, "England", "england", everyone))
    categories = tuple(g for g in req.groups if g not in GROUPS)
    counts = area_counts(areas, str(req.measure["code"]), fetched, categories)
    rows = pooled(counts, fetched, req.periods, req.pooling)
    return estimated(rows, req.measure, req.threshold)


def values(req: Request, catalogue: Catalogue) -> pd.DataFrame:
    """One row per area × period × group (`VALUE_COLUMNS`); a period an area returned nothing
    for is a row with status no_return (only for areas with some figure of the measure)."""
    rows = _period_rows(req, catalogue)
    kinds = {a.code: a for a in req.areas}
    types = {a.code: a.type for a in req.areas} | {ENGLAND: "england"}
    rows["area_type"] = rows["area"].map(types)
    england = rows[rows["area"] == ENGLAND]
    rows = compared(rows[rows["area"].isin(kinds)], england, req.measure)
    by_ethnicity = bool(req.measure["by_ethnicity"])
    groups = [g for g in req.groups if by_ethnicity or g == "all"]
    reported = [a for a in req.areas if a.code in set(rows["area"])]
    grid = pd.MultiIndex.from_product(
        [[a.code for a in reported], req.periods, groups], names=["area", "period", "group"]
    ).to_frame(index=False)
    out = grid.merge(rows, on=["area", "period", "group"], how="left")
    status = out["status"].map(STATUS_NAMES)
    has_row = out["numerator"].notna()
    out["status"] = np.where(status.notna(), status, np.where(has_row, "ok", "no_return"))
    hidden = out["status"] != "ok"
    for column in ("numerator", "denominator"):
        out[column] = out[column].astype("Int64").mask(hidden)
    names = {a.code: a.name for a in reported}
    out["area_code"] = out["area"]
    out["area_name"] = out["area"].map(names)
    out["area_type"] = out["area"].map(types)
    categories = load_ethnic_categories()
    names = GROUP_NAMES | group_labels(req.measure)
    names |= dict(zip(categories["code"], categories["name"], strict=True))
    out["group_name"] = out["group"].map(names)
    out["small_numbers"] = out["small"].eq(True)
    out["withheld_sites"] = out["withheld"].fillna(0).astype(int)
    out = out.rename(columns={"lower": "lower_95", "upper": "upper_95"})
    return out[VALUE_COLUMNS]


def disparities(req: Request, catalogue: Catalogue) -> pd.DataFrame:
    """Per area and period, BME against White British and each NHS ethnic category against
    White British (category A): the ratio with its 95% interval and the verdict in the pages'
    words (`dashboard.api.disparities`); none for a kind without a ratio or a measure not kept
    by ethnicity, and none (with the reason) where either group is withheld."""
    if str(req.measure["kind"]) not in RATIOS or not bool(req.measure["by_ethnicity"]):
        return pd.DataFrame(columns=DISPARITY_COLUMNS)
    categories = measure_categories(load_ethnic_categories(), req.measure)
    groups = ("bme", "white_british", *categories["code"])
    wide = Request(req.measure, req.areas, req.periods, groups, req.pooling, req.threshold)
    rows = _period_rows(wide, catalogue, with_england=False)
    names = GROUP_NAMES | group_labels(req.measure)
    names |= dict(zip(categories["code"], categories["name"], strict=True))
    frame = disparity_rows(rows, req.measure, categories, names)
    if frame.empty:
        return pd.DataFrame(columns=DISPARITY_COLUMNS)
    areas = {a.code: a for a in req.areas}
    frame = frame[frame["area"].isin(areas)]
    frame = frame.assign(
        area_code=frame["area"],
        area_name=frame["area"].map({c: a.name for c, a in areas.items()}),
        area_type=frame["area"].map({c: a.type for c, a in areas.items()}),
    )
    period_order = {p: i for i, p in enumerate(req.periods)}
    group_order = {g: i for i, g in enumerate(groups)}
    frame = frame.assign(
        p_order=frame["period"].map(period_order), g_order=frame["group"].map(group_order)
    )
    frame = frame.sort_values(["area_code", "p_order", "g_order"])
    return frame[DISPARITY_COLUMNS].reset_index(drop=True)


def spc(req: Request, catalogue: Catalogue) -> tuple[pd.DataFrame, dict[str, object]]:
    """The XmR chart of one area and group over the periods: per period the value, and the
    mean, process limits and point type of the series it is judged on (the quarters' own
    values under pooling), with the icons' names and whether the limits are trial limits."""
    group = req.groups[0]
    rows = _period_rows(req, catalogue, with_england=False)
    rows = rows[rows["group"] == group].set_index("period")
    values = rows["value"].reindex(req.periods).to_numpy(dtype=float)
    base = None
    if req.pooling != "quarter":
        own = Request(req.measure, req.areas, req.periods, req.groups, "quarter", req.threshold)
        quarters = _period_rows(own, catalogue, with_england=False)
        quarters = quarters[quarters["group"] == group].set_index("period")
        base = quarters["value"].reindex(req.periods).to_numpy(dtype=float)
    judged = variation_basis(values, base, POOLING_WINDOWS[req.pooling])
    basis = quarters if base is not None else rows
    withheld = bool(basis["status"].reindex(req.periods).isin(HIDDEN).any())
    polarity = str(req.measure["polarity"])
    result = judged_xmr(judged, withheld, improvement=IMPROVEMENT[polarity])
    frame = pd.DataFrame(
        {
            "period": req.periods,
            "value": values,
            "judged_value": judged,
            "mean": result.means,
            "lower_process_limit": result.lpls,
            "upper_process_limit": result.upls,
            "point_type": result.point_type,
        }
    )
    frame.loc[~np.isfinite(judged), ["mean", "lower_process_limit", "upper_process_limit"]] = None
    status = rows["status"].reindex(req.periods)
    frame["status"] = [
        STATUS_NAMES.get(s, s) if isinstance(s, str) else ("ok" if p in rows.index else "no_return")
        for p, s in zip(req.periods, status, strict=True)
    ]
    about = {
        "variation": result.variation,
        "assurance": result.assurance,
        "trial_limits": bool(result.trial),
        "judged_on": "quarters" if base is not None else "values",
    }
    return frame, about


def _overdispersed(
    measure: pd.Series, sites: pd.DataFrame, limits: pd.DataFrame, baseline: float
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sites placed against, and the curve of, limits widened by the between-site variance
    (`stats.funnel_limits(overdispersion=True)`): the sites' numerators set tau², and the
    curve's points (no numerator of their own) take the same tau²."""
    statistic = FUNNEL_STATISTIC[str(measure["kind"])]
    multiplier = float(measure["multiplier"])
    n_sites = len(sites)
    dens = np.concatenate([sites["denominator"].to_numpy(float), limits["denominator"]])
    nums = np.concatenate([sites["numerator"].to_numpy(float), np.full(len(limits), np.nan)])
    value = sites["value"].to_numpy(float)
    tags = np.full(n_sites, "similar", dtype=object)
    curve = limits[["denominator"]].copy()
    for level, tag in ((0.95, "95"), (0.998, "998")):
        lower, upper = stats.funnel_limits(
            baseline, dens, statistic, level, multiplier, overdispersion=True, numerators=nums
        )
        tags[value > upper[:n_sites]] = f"high_{tag}"
        tags[value < lower[:n_sites]] = f"low_{tag}"
        curve[f"lower_{tag}"], curve[f"upper_{tag}"] = lower[n_sites:], upper[n_sites:]
    return sites.assign(significance=tags), curve


def funnel(
    req: Request, catalogue: Catalogue, benchmark: Area, overdispersion: bool
) -> tuple[pd.DataFrame, dict[str, object]]:
    """Compare sites' funnel for the organisations of the request against `benchmark`
    (England or a region), pooled over the window ending at the request's period."""
    columns = [
        *("area_code", "area_name", "numerator", "denominator", "value", "lower_95"),
        *("upper_95", "significance", "category", "small_numbers", "status"),
    ]
    measure, group = req.measure, req.groups[0]
    codes = catalogue.period_codes
    window = fetched_periods(codes, req.periods[-1:], req.pooling) if req.periods else []
    compared = [a.code for a in req.areas if a.type == "organisation"]
    everyone = sorted(set(compared) | set(benchmark.sites))
    rows = load_site_totals(tuple(everyone), (measure["code"],), tuple(window))
    about: dict[str, object] = {
        "benchmark_area": benchmark.code,
        "benchmark_value": None,
        "periods_pooled": window,
        "overdispersion": overdispersion,
        "limits": [],
    }
    if rows.empty or not compared:
        return pd.DataFrame(columns=columns), about
    group = group if bool(measure["by_ethnicity"]) else "all"
    sites, drawn, bench_value = compare_sites(
        measure, rows, compared, list(benchmark.sites), group, req.threshold
    )
    about["benchmark_value"] = None if math.isnan(bench_value) else bench_value
    limits = drawn.limits if drawn is not None else pd.DataFrame()
    shown = sites["status"].isna()
    if drawn is not None and overdispersion:
        baseline = drawn.benchmark / float(measure["multiplier"])
        placed, limits = _overdispersed(measure, sites[shown], drawn.limits, baseline)
        sites.loc[shown, "significance"] = placed["significance"].to_numpy()
        small = sites.loc[shown, "small"].astype(bool)
        sites.loc[shown, "category"] = np.where(small, "small", placed["significance"])
    about["limits"] = limits.replace({np.nan: None}).to_dict("records")
    names = {a.code: a.name for a in req.areas}
    out = pd.DataFrame(
        {
            "area_code": sites["site"],
            "area_name": sites["site"].map(names),
            "numerator": sites["numerator"].astype("Int64").mask(~shown),
            "denominator": sites["denominator"].astype("Int64").mask(~shown),
            "value": sites["value"],
            "lower_95": sites["lower"],
            "upper_95": sites["upper"],
            "significance": sites["significance"].where(
                shown & sites["significance"].ne("not_compared")
            ),
            "category": sites["category"].where(shown),
            "small_numbers": sites["small"].eq(True),
            "status": np.where(shown, "ok", "withheld"),
        }
    )
    return out.sort_values("area_code").reset_index(drop=True)[columns], about
