"""Sites compared with a benchmark on one measure: each site's value with its interval, its
place on the funnel plot, the category shown for it (`dashboard.significance`: no verdict on
small numbers) and what that means in words that follow the measure's polarity
(`dashboard.vocabulary.significance_words`).

A site is "significantly higher/lower" only when it lies outside the funnel's control limits
around the benchmark at its own denominator (Spiegelhalter 2005; PHE Fingertips technical
guidance), so the table and the funnel plot never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import poisson

from dashboard import stats
from dashboard.estimates import estimates_with_status, shown_rows
from dashboard.significance import category
from dashboard.vocabulary import significance_words

#: Measure kinds a funnel plot can be drawn for, and the statistic its limits use.
FUNNEL_STATISTIC = {"proportion": "proportion", "rate": "rate"}
GROUP_CHOICES = {"bme": "BME", "white_british": "White British", "all": "All people"}


def rows_for_group(site_rows: pd.DataFrame, group: str) -> pd.DataFrame:
    """The rows that make up `group`: BME, White British, or all people (every row, "not
    stated" included, and the undivided `all` rows of measures not kept by ethnicity)."""
    if group == "all" or site_rows.empty:
        return site_rows
    return site_rows[site_rows["group"] == group]


def site_values(
    measure: pd.Series, site_rows: pd.DataFrame, group: str, threshold: int
) -> pd.DataFrame:
    """Each site's pooled numerator and denominator over the rows given (the chosen periods),
    with value, 95% interval and small-numbers flag, and `withheld` (its rows that disclosure
    control left out) and `status` ("withheld" where its value is withheld: NaN value and
    interval, counts never to be shown; `stats.disclosure.withheld_values`). Columns: site,
    numerator, denominator, value, lower, upper, small, withheld, status. Sites with a zero
    denominator and nothing withheld are left out."""
    rows = rows_for_group(site_rows, group)
    columns = [*("site", "numerator", "denominator", "value", "lower", "upper", "small")]
    columns += ["withheld", "status"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    if "withheld" not in rows:
        rows = rows.assign(withheld=0)
    counts = ["numerator", "denominator", "withheld"] + (
        ["suppressed"] if "suppressed" in rows else []
    )
    per_site = rows.groupby("site", as_index=False)[counts].sum()
    per_site = per_site[shown_rows(per_site, measure["kind"])]
    if per_site.empty:
        return pd.DataFrame(columns=columns)
    out = estimates_with_status(per_site, measure["kind"], int(measure["multiplier"]), threshold)
    return out[columns].reset_index(drop=True)


def shown_sites(values: pd.DataFrame) -> pd.DataFrame:
    """The sites of `site_values` whose value may be shown (what a chart draws)."""
    if "status" not in values:
        return values
    return values[values["status"].isna()].reset_index(drop=True)


def withheld_sites(values: pd.DataFrame) -> int:
    """How many sites of `site_values` are withheld (left out of every chart)."""
    if "status" not in values:
        return 0
    return int(values["status"].isin(["withheld", "suppressed"]).sum())


def funnel_positions(numerators, denominators, baseline: float, statistic: str) -> list[str]:
    """Each site against `baseline` (per person) at its own denominator: "high_998",
    "high_95", "similar", "low_95", "low_998", or "not_compared".

    Proportions: outside the Wilson-inverted limits (PHEindicatormethods). Rates: the exact
    Poisson test of the site's count against the count the baseline expects (high when
    P(X >= x) < alpha/2, low when P(X <= x) < alpha/2); the drawn funnel uses Spiegelhalter's
    smoothed limits, which are for drawing and are too strict on counts of a few events.
    """
    x = np.asarray(numerators, dtype=float)
    n = np.asarray(denominators, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(n > 0, x / n, np.nan)
    out = np.full(len(x), "similar", dtype=object)
    for level, tag in ((0.95, "95"), (0.998, "998")):
        if statistic == "rate":
            alpha = (1 - level) / 2
            expected = baseline * np.where(n > 0, n, 0.0)
            high = poisson.sf(x - 1, expected) < alpha
            low = poisson.cdf(x, expected) < alpha
        else:
            lower, upper = stats.funnel_limits(baseline, n, statistic, confidence=level)
            high, low = value > np.asarray(upper), value < np.asarray(lower)
        out[high] = f"high_{tag}"
        out[low] = f"low_{tag}"
    out[~np.isfinite(value) | (not np.isfinite(baseline))] = "not_compared"
    return out.tolist()


@dataclass(frozen=True)
class Funnel:
    """Sites on a funnel plot, in the measure's display units."""

    sites: pd.DataFrame  # site_values columns + significance (the place), category, words
    limits: pd.DataFrame  # denominator, lower_95, upper_95, lower_998, upper_998
    benchmark: float
    statistic: str


def funnel(
    measure: pd.Series,
    sites: pd.DataFrame,
    benchmark_numerator: float,
    benchmark_denominator: float,
    points: int = 120,
) -> Funnel | None:
    """The funnel of `sites` (from `site_values`) around a benchmark given as its pooled
    numerator and denominator; None for a kind without a funnel or without a benchmark."""
    statistic = FUNNEL_STATISTIC.get(measure["kind"])
    sites = shown_sites(sites)  # a withheld site is on no chart; the page says how many
    if statistic is None or benchmark_denominator <= 0 or sites.empty:
        return None
    multiplier = float(measure["multiplier"])
    baseline = benchmark_numerator / benchmark_denominator
    tags = funnel_positions(sites["numerator"], sites["denominator"], baseline, statistic)
    shown = [category(t, bool(s)) for t, s in zip(tags, sites["small"], strict=True)]
    sites = sites.assign(
        significance=tags,
        category=shown,
        words=[significance_words(c, measure["polarity"]) for c in shown],
    )
    low = max(float(sites["denominator"].min()) * 0.8, 1.0)
    high = float(sites["denominator"].max()) * 1.1
    grid = np.unique(np.geomspace(low, max(high, low * 1.01), points).round(2))
    limits = pd.DataFrame({"denominator": grid})
    for level, tag in ((0.95, "95"), (0.998, "998")):
        lower, upper = stats.funnel_limits(
            baseline, grid, statistic, confidence=level, multiplier=multiplier
        )
        limits[f"lower_{tag}"] = lower
        limits[f"upper_{tag}"] = upper
    return Funnel(sites, limits, baseline * multiplier, statistic)
