"""Estimates from numerators and denominators: the value and its 95% interval by the method that
fits the measure's kind, whether it rests on small numbers, and whether disclosure control
withholds it. Pure functions of DataFrames; no Dash, no database."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import stats
from dashboard.stats.disclosure import withheld_values

IMPROVEMENT = {
    "higher_is_better": "increase",
    "lower_is_better": "decrease",
    "no_judgement": "neutral",
}
GROUP_LABELS = {"bme": "BME", "white_british": "White British", "all": "All people"}
#: The group a measure compares the others with (`Measure.comparator`), in words. Its figures
#: are held as the DRE group "white_british" either way: White British where the detailed NHS
#: codes exist, White where a source gives only the 2021 census top-level groups.
COMPARATOR_NAMES = {"white_british": "White British", "white": "White"}
#: The ethnic categories each comparator goes with (`EthnicCategory.scheme`).
COMPARATOR_SCHEMES = {"white_british": "nhs", "white": "census_2021"}


def comparator_name(measure) -> str:
    """'White British' or 'White': what a measure's BME figures are set against."""
    comparator = measure.get("comparator") if hasattr(measure, "get") else None
    return COMPARATOR_NAMES.get(comparator if isinstance(comparator, str) else "", "White British")


def group_labels(measure) -> dict[str, str]:
    """GROUP_LABELS with the measure's own comparator ("White" for census groups)."""
    return {**GROUP_LABELS, "white_british": comparator_name(measure)}


def measure_categories(categories: pd.DataFrame, measure) -> pd.DataFrame:
    """The ethnic categories a measure is given by: the detailed NHS codes, or the 2021 census
    top-level groups for a measure compared with White."""
    if categories.empty or "scheme" not in categories:
        return categories
    comparator = measure.get("comparator") if hasattr(measure, "get") else None
    scheme = COMPARATOR_SCHEMES.get(comparator if isinstance(comparator, str) else "", "nhs")
    return categories[categories["scheme"] == scheme].reset_index(drop=True)


@dataclass(frozen=True)
class Estimate:
    """A value with its 95% interval and the counts behind it.

    `withheld` counts the sites' figures that disclosure control left out of it; `status` says
    why the value itself is not shown ("withheld", `stats.disclosure.STATUSES`), None when it
    is: a withheld estimate's value and interval are NaN and its counts are never shown."""

    value: float
    lower: float
    upper: float
    numerator: int
    denominator: int
    small: bool = False
    withheld: int = 0
    status: str | None = None

    @property
    def has_interval(self) -> bool:
        return not (math.isnan(self.lower) or math.isnan(self.upper))

    @property
    def shown(self) -> bool:
        return self.status is None


def estimate_frame(
    numerator: pd.Series, denominator: pd.Series, kind: str, multiplier: int
) -> pd.DataFrame:
    """value, lower, upper for each row, by the method that fits the measure's kind."""
    num = numerator.to_numpy(dtype=float)
    den = denominator.to_numpy(dtype=float)
    if kind in ("proportion", "milestone"):
        scale = multiplier if kind == "proportion" else 100
        value, lower, upper = stats.proportion_ci(num, den, multiplier=scale)
    elif kind == "rate":
        value, lower, upper = stats.rate_ci(num, den, multiplier=multiplier)
    elif kind == "count":
        value, lower, upper = stats.poisson_count_ci(num)
    else:  # ratio, mean score: no interval without the spread of the underlying values
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(den > 0, num / den * multiplier, np.nan)
        lower = upper = np.full_like(value, np.nan)
    return pd.DataFrame(
        {
            "value": np.atleast_1d(value),
            "lower": np.atleast_1d(lower),
            "upper": np.atleast_1d(upper),
        },
        index=numerator.index,
    )


def is_small(numerator: pd.Series, denominator: pd.Series, kind: str, threshold: int) -> pd.Series:
    """Values too small to be reliable: fewer than `threshold` events, or for a proportion
    fewer than three times as many people in the denominator. Milestones are never small."""
    if kind == "milestone":
        return pd.Series(False, index=numerator.index)
    small = numerator < threshold
    if kind == "proportion":
        small |= denominator < 3 * threshold
    return small


def shown_rows(rows: pd.DataFrame, kind: str) -> pd.Series:
    """Which rows have something to say: a denominator (a count or milestone needs none), or
    figures withheld (said in words, never dropped as if nobody had returned them)."""
    if kind in ("count", "milestone"):
        return pd.Series(True, index=rows.index)
    return (rows["denominator"] > 0) | (withheld_column(rows) > 0)


def suppressed_column(rows: pd.DataFrame) -> pd.Series:
    """The rows' `suppressed` counts: cells suppressed at source (0 for frames with none)."""
    if "suppressed" in rows:
        return rows["suppressed"].fillna(0).astype(int)
    return pd.Series(0, index=rows.index, dtype=int)


def withheld_column(rows: pd.DataFrame) -> pd.Series:
    """The rows' `withheld` counts (0 for frames that carry none)."""
    if "withheld" in rows:
        return rows["withheld"].fillna(0).astype(int)
    return pd.Series(0, index=rows.index, dtype=int)


def estimates_with_status(
    rows: pd.DataFrame, kind: str, multiplier: int, threshold: int
) -> pd.DataFrame:
    """`rows` (numerator, denominator, optionally withheld) with value, lower, upper, small,
    withheld and status: where `stats.disclosure.withheld_values` says the value is withheld,
    its value and interval are NaN, it is not "small" (nothing is shown to be small) and its
    status is "withheld"; elsewhere the status is None."""
    est = estimate_frame(rows["numerator"], rows["denominator"], kind, multiplier)
    small = is_small(rows["numerator"], rows["denominator"], kind, threshold)
    withheld = withheld_column(rows)
    hidden = withheld_values(rows["numerator"], withheld)
    est.loc[hidden, :] = np.nan
    out = rows.assign(withheld=withheld).join(est)
    out["small"] = small.to_numpy(dtype=bool) & ~hidden
    # Withheld for the publisher's reasons alone (a published blank): suppressed at source.
    at_source = hidden & (suppressed_column(rows) >= withheld) & (withheld > 0)
    out["status"] = np.where(at_source, "suppressed", np.where(hidden, "withheld", None))
    return out
