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


SERIES_COLUMNS = [
    *("measure", "period", "group", "numerator", "denominator", "sites"),
    *("value", "lower", "upper", "small", "label"),
]


def _prepared(
    totals: pd.DataFrame, measures: pd.DataFrame, period_labels: dict[str, str], threshold: int
) -> pd.DataFrame:
    """The rows of `totals` each measure draws (its lead groups; periods with a denominator,
    except for counts and milestones), with their estimates, small-number flags, labels and
    order, sorted by measure, group and period. One pass over every measure: the estimates
    are vectorised by kind, not computed measure by measure."""
    meta = measures[["code", "kind", "multiplier", "by_ethnicity"]].rename(
        columns={"code": "measure"}
    )
    rows = totals.merge(meta, on="measure", how="inner")
    if rows.empty:
        return pd.DataFrame(columns=[*SERIES_COLUMNS, "order"])
    by_ethnicity = rows["by_ethnicity"].astype(bool).to_numpy()
    group = rows["group"]
    keep = np.where(
        by_ethnicity, group.isin(["bme", "white_british"]).to_numpy(), group.eq("all").to_numpy()
    )
    keep &= rows["kind"].isin(["count", "milestone"]).to_numpy() | (rows["denominator"] > 0)
    order = {p: i for i, p in enumerate(period_labels)}
    rows = rows[keep].assign(order=lambda f: f["period"].map(order))
    rows = rows.sort_values(["measure", "group", "order"], kind="stable")
    parts = []
    for (kind, multiplier), part in rows.groupby(["kind", "multiplier"], sort=False):
        est = estimate_frame(part["numerator"], part["denominator"], kind, int(multiplier))
        small = is_small(part["numerator"], part["denominator"], kind, threshold)
        parts.append(est.assign(small=small))
    rows = rows.join(pd.concat(parts)) if parts else rows.assign(value=np.nan)
    rows["label"] = rows["period"].map(period_labels)
    return rows[[*SERIES_COLUMNS, "order"]]


def summarise_measure(
    measure: pd.Series, totals: pd.DataFrame, period_labels: dict[str, str], threshold: int
) -> MeasureSummary:
    """Summary of one measure from its rows of `group_totals` over the selected periods."""
    totals = totals.assign(measure=measure["code"])
    rows = _prepared(totals, pd.DataFrame([measure]), period_labels, threshold)
    return _summary(measure, rows, totals, period_labels)


def _summary(
    measure, rows: pd.DataFrame, totals: pd.DataFrame, period_labels: dict[str, str]
) -> MeasureSummary:
    """One measure's summary from its prepared rows (`_prepared`) and all its totals (every
    group, for the share not stated and the count of sites)."""
    base = dict(
        code=measure["code"],
        name=measure["name"],
        unit=measure["unit"],
        kind=measure["kind"],
        polarity=measure["polarity"],
        by_ethnicity=bool(measure["by_ethnicity"]),
    )
    if rows.empty:
        return MeasureSummary(**base)
    lead = "bme" if base["by_ethnicity"] else "all"
    groups = rows["group"].to_numpy()
    lead_at = np.flatnonzero(groups == lead)
    series = rows.drop(columns=["order"])
    if len(lead_at) == 0:
        return MeasureSummary(**base, series=series)
    order = rows["order"].to_numpy()
    periods = rows["period"].to_numpy()
    latest_period = periods[lead_at[np.argmax(order[lead_at])]]
    column = {c: rows[c].to_numpy() for c in ("value", "lower", "upper", "small")}
    counts = {c: rows[c].to_numpy() for c in ("numerator", "denominator")}
    latest = {
        groups[i]: Estimate(
            float(column["value"][i]),
            float(column["lower"][i]),
            float(column["upper"][i]),
            int(counts["numerator"][i]),
            int(counts["denominator"][i]),
            bool(column["small"][i]),
        )
        for i in np.flatnonzero(periods == latest_period)
    }
    ratio, ratio_kind = _ratio(measure["kind"], latest)
    at = totals["period"].to_numpy() == latest_period
    not_stated = _not_stated_share(totals, at, measure["kind"]) if base["by_ethnicity"] else None
    sites = int(totals["sites"].to_numpy()[at].max())
    # Every selected period, NaN where there is no value, so that moving ranges and runs never
    # span a gap (NHSRplotthedots); the My site page's charts do the same.
    values = np.full(len(period_labels), np.nan)
    values[order[lead_at].astype(int)] = column["value"][lead_at]
    trend = stats.xmr(values, improvement=IMPROVEMENT[base["polarity"]])
    return MeasureSummary(
        variation=trend.variation,
        periods=tuple(period_labels.items()),
        trend_points=len(lead_at),
        trial_limits=trend.trial,
        **base,
        latest_period=latest_period,
        latest_label=period_labels[latest_period],
        latest=latest,
        ratio=ratio,
        ratio_kind=ratio_kind,
        not_stated_share=not_stated,
        sites=sites,
        series=series,
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


def _not_stated_share(totals: pd.DataFrame, at: np.ndarray, kind: str) -> float | None:
    """Share of records at the latest period (rows `at` of the measure's totals) whose
    ethnicity was not stated."""
    column = "denominator" if kind == "proportion" else "numerator"
    counts = totals[column].to_numpy()[at]
    total = counts.sum()
    if total <= 0:
        return None
    not_stated = totals["group"].to_numpy()[at] == "not_stated"
    return float(counts[not_stated].sum() / total)


def summarise(
    totals: pd.DataFrame,
    measures: pd.DataFrame,
    period_labels: dict[str, str],
    threshold: int = 10,
) -> dict[int, list[MeasureSummary]]:
    """Summaries of the chosen measures, by characteristic number (1-12, every key present)."""
    panels: dict[int, list[MeasureSummary]] = {n: [] for n in range(1, 13)}
    prepared = _prepared(totals, measures, period_labels, threshold)
    rows_of = dict(tuple(prepared.groupby("measure", sort=False)))
    totals_of = dict(tuple(totals.groupby("measure", sort=False))) if not totals.empty else {}
    no_rows, no_totals = prepared.iloc[0:0], totals.iloc[0:0]
    for _, measure in measures.iterrows():
        code = measure["code"]
        summary = _summary(
            measure, rows_of.get(code, no_rows), totals_of.get(code, no_totals), period_labels
        )
        panels[int(measure["characteristic"])].append(summary)
    return panels
