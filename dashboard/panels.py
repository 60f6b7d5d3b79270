"""What each overview panel says: estimates with intervals, BME against White British, and
whether a value rests on small numbers. Pure functions of DataFrames; no Dash, no database."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard import stats

IMPROVEMENT = {
    "higher_is_better": "increase",
    "lower_is_better": "decrease",
    "no_judgement": "neutral",
}
GROUP_LABELS = {"bme": "BME", "white_british": "White British", "all": "All people"}


@dataclass(frozen=True)
class Estimate:
    value: float
    lower: float
    upper: float
    numerator: int
    denominator: int
    small: bool = False

    @property
    def has_interval(self) -> bool:
        return not (math.isnan(self.lower) or math.isnan(self.upper))


@dataclass(frozen=True)
class MeasureSummary:
    """One measure of a panel, ready to draw."""

    code: str
    name: str
    unit: str
    kind: str
    polarity: str
    by_ethnicity: bool
    latest_period: str | None = None
    latest_label: str | None = None
    latest: dict[str, Estimate] = field(default_factory=dict)
    ratio: Estimate | None = None
    ratio_kind: str | None = None  # "rate ratio" or "ratio of proportions"
    not_stated_share: float | None = None
    sites: int = 0
    series: pd.DataFrame = field(default_factory=pd.DataFrame)
    variation: str | None = None  # the XmR icon of the lead series' last point
    trend_points: int = 0
    trial_limits: bool = False
    #: (code, label) of every selected period in order, with or without data.
    periods: tuple[tuple[str, str], ...] = ()

    def lead_series(self, group: str) -> pd.DataFrame:
        """One group's rows over every selected period (NaN values where a period has none),
        the series an XmR chart is drawn from."""
        frame = pd.DataFrame(self.periods, columns=["period", "label"])
        rows = self.series[self.series["group"] == group] if not self.series.empty else None
        if rows is None or rows.empty:
            return frame.assign(value=np.nan, small=False)
        merged = frame.merge(rows.drop(columns=["label"]), on="period", how="left")
        merged["small"] = merged["small"].eq(True)
        return merged

    @property
    def has_data(self) -> bool:
        return bool(self.latest)

    @property
    def small_groups(self) -> list[str]:
        return [GROUP_LABELS[g] for g, est in self.latest.items() if est.small]


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


def summarise_measure(
    measure: pd.Series, totals: pd.DataFrame, period_labels: dict[str, str], threshold: int
) -> MeasureSummary:
    """Summary of one measure from its rows of `group_totals` over the selected periods."""
    base = dict(
        code=measure["code"],
        name=measure["name"],
        unit=measure["unit"],
        kind=measure["kind"],
        polarity=measure["polarity"],
        by_ethnicity=bool(measure["by_ethnicity"]),
    )
    groups = ["bme", "white_british"] if base["by_ethnicity"] else ["all"]
    rows = totals[totals["group"].isin(groups)].copy()
    if measure["kind"] not in ("count", "milestone"):
        rows = rows[rows["denominator"] > 0]
    if rows.empty:
        return MeasureSummary(**base)
    order = list(period_labels)
    rows["order"] = rows["period"].map(order.index)
    rows = rows.sort_values(["group", "order"])
    est = estimate_frame(
        rows["numerator"], rows["denominator"], measure["kind"], int(measure["multiplier"])
    )
    rows = rows.join(est)
    rows["small"] = is_small(rows["numerator"], rows["denominator"], measure["kind"], threshold)
    rows["label"] = rows["period"].map(period_labels)

    lead = groups[0]
    lead_rows = rows[rows["group"] == lead]
    if lead_rows.empty:
        return MeasureSummary(**base, series=rows)
    latest_period = lead_rows.loc[lead_rows["order"].idxmax(), "period"]
    at_latest = rows[rows["period"] == latest_period].set_index("group")
    latest = {
        g: Estimate(
            float(r.value),
            float(r.lower),
            float(r.upper),
            int(r.numerator),
            int(r.denominator),
            bool(r.small),
        )
        for g, r in at_latest.iterrows()
    }
    ratio, ratio_kind = _ratio(measure["kind"], latest)
    not_stated = (
        _not_stated_share(totals, latest_period, measure["kind"]) if base["by_ethnicity"] else None
    )
    sites = int(totals.loc[totals["period"] == latest_period, "sites"].max())
    # Every selected period, NaN where there is no value, so that moving ranges and runs never
    # span a gap (NHSRplotthedots); the My site page's charts do the same.
    values = lead_rows.set_index("period")["value"].reindex(order).to_numpy(dtype=float)
    trend = stats.xmr(values, improvement=IMPROVEMENT[base["polarity"]])
    return MeasureSummary(
        variation=trend.variation,
        periods=tuple(period_labels.items()),
        trend_points=len(lead_rows),
        trial_limits=trend.trial,
        **base,
        latest_period=latest_period,
        latest_label=period_labels[latest_period],
        latest=latest,
        ratio=ratio,
        ratio_kind=ratio_kind,
        not_stated_share=not_stated,
        sites=sites,
        series=rows.drop(columns=["order"]),
    )


def _ratio(kind: str, latest: dict[str, Estimate]) -> tuple[Estimate | None, str | None]:
    if "bme" not in latest or "white_british" not in latest:
        return None, None
    a, b = latest["bme"], latest["white_british"]
    if kind == "rate":
        fn, label = stats.rate_ratio, "rate ratio"
    elif kind == "proportion":
        fn, label = stats.proportion_ratio, "ratio of proportions"
    else:
        return None, None
    value, lower, upper = fn(a.numerator, a.denominator, b.numerator, b.denominator)
    if math.isnan(value):
        return None, None
    return Estimate(value, lower, upper, a.numerator, b.numerator, a.small or b.small), label


def _not_stated_share(totals: pd.DataFrame, period: str, kind: str) -> float | None:
    """Share of records at the latest period whose ethnicity was not stated."""
    rows = totals[totals["period"] == period]
    column = "denominator" if kind == "proportion" else "numerator"
    total = rows[column].sum()
    if total <= 0:
        return None
    return float(rows.loc[rows["group"] == "not_stated", column].sum() / total)


def summarise(
    totals: pd.DataFrame,
    measures: pd.DataFrame,
    period_labels: dict[str, str],
    threshold: int = 10,
) -> dict[int, list[MeasureSummary]]:
    """Summaries of the chosen measures, by characteristic number (1-12, every key present)."""
    panels: dict[int, list[MeasureSummary]] = {n: [] for n in range(1, 13)}
    by_measure = dict(tuple(totals.groupby("measure"))) if not totals.empty else {}
    empty = totals.iloc[0:0]
    for _, measure in measures.iterrows():
        rows = by_measure.get(measure["code"], empty)
        panels[int(measure["characteristic"])].append(
            summarise_measure(measure, rows, period_labels, threshold)
        )
    return panels
