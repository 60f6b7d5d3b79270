"""What each overview panel says: estimates with intervals, BME against White British, and
whether a value rests on small numbers. Pure functions of DataFrames; no Dash, no database."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from dashboard import stats
from dashboard.estimates import GROUP_LABELS as GROUP_LABELS
from dashboard.estimates import IMPROVEMENT as IMPROVEMENT
from dashboard.estimates import Estimate as Estimate
from dashboard.estimates import comparator_name
from dashboard.estimates import estimate_frame as estimate_frame
from dashboard.estimates import is_small as is_small
from dashboard.measure_rows import MeasureRows, Part, prepared_rows
from dashboard.selection import POOLING_PREFIX, POOLING_WINDOWS
from dashboard.stats.pooling import judged_xmr, variation_basis
from dashboard.vocabulary import WITHHELD, count_words, left_out


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
    latest: dict[str, Estimate] = field(default_factory=dict)  # each lead group's, or withheld
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
    ratio_withheld: bool = False  # no ratio: one of its groups is withheld
    withheld: int = 0  # sites left out of the latest figures by disclosure control
    pooling: str = "quarter"  # the values pool this window (dashboard.selection)
    #: Under pooling, the lead group's own quarters (period, label, value, ...): the series the
    #: variation verdict is computed on (`stats.pooling.variation_basis`); else empty.
    quarters: pd.DataFrame = field(default_factory=pd.DataFrame)
    comparator: str = "White British"  # BME is set against it ("White": census groups)

    @property
    def lead(self) -> str:
        return "bme" if self.by_ethnicity else "all"

    def lead_series(self, group: str) -> pd.DataFrame:
        """One group's rows over every selected period (NaN values where a period has none,
        or where it is withheld: `status`), the series an XmR chart is drawn from."""
        frame = pd.DataFrame(self.periods, columns=["period", "label"])
        rows = self.series[self.series["group"] == group] if not self.series.empty else None
        if rows is None or rows.empty:
            return frame.assign(value=np.nan, small=False, status=None)
        merged = frame.merge(rows.drop(columns=["label"]), on="period", how="left")
        merged["small"] = merged["small"].eq(True)
        return merged

    @property
    def has_data(self) -> bool:
        """Whether anything was returned for the latest period, shown or withheld."""
        return bool(self.latest)

    @property
    def has_values(self) -> bool:
        """Whether a value of the latest period may be shown."""
        return any(est.shown for est in self.latest.values())

    @property
    def small_groups(self) -> list[str]:
        return [GROUP_LABELS[g] for g, est in self.latest.items() if est.shown and est.small]

    @property
    def withheld_groups(self) -> list[str]:
        """The groups whose latest value is withheld or suppressed at source ('BME')."""
        return [GROUP_LABELS[g] for g, est in self.latest.items() if not est.shown]

    @property
    def left_out(self) -> str:
        """The sites each lead group's latest value leaves out, in words: '4 sites left out
        (withheld: fewer than 8)', or per group where they differ ('BME: 4 sites, White British:
        5 sites left out (withheld: fewer than 8)'); '' when none."""
        counts = {GROUP_LABELS[g]: est.withheld for g, est in self.latest.items() if est.withheld}
        if not counts:
            return ""
        if len(set(counts.values())) == 1:
            return left_out(next(iter(counts.values())))
        each = ", ".join(f"{g}: {count_words(n, 'site')}" for g, n in counts.items())
        return f"{each} left out ({WITHHELD})"

    @cached_property  # a panel asks three times; the series never changes
    def withheld_periods(self) -> int:
        """How many periods of the lead series are withheld (gaps in its line)."""
        if self.series.empty or "status" not in self.series:
            return 0
        lead = self.series["group"].to_numpy() == self.lead  # arrays: a panel asks often
        return sum(s in stats.disclosure.HIDDEN for s in self.series["status"].to_numpy()[lead])


def summarise_measure(
    measure: pd.Series,
    totals: pd.DataFrame,
    period_labels: dict[str, str],
    threshold: int,
    quarters: pd.DataFrame | None = None,
    pooling: str = "quarter",
) -> MeasureSummary:
    """Summary of one measure from its rows of `group_totals` over the selected periods (pooled
    as `pooling` says; then `quarters` holds the same periods' own, unpooled rows)."""
    code = measure["code"]
    if quarters is not None:
        quarters = quarters.assign(measure=code)
    frame = pd.DataFrame([measure])
    summaries = _summaries(frame, totals.assign(measure=code), period_labels, threshold, quarters)
    return summaries(measure, pooling)


#: The columns of a measure's prepared rows and of its totals that a summary reads.
ROW_COLUMNS = ("group", "order", "period", "value", "lower", "upper", "small", "status")
ROW_COLUMNS += ("numerator", "denominator", "withheld")
TOTAL_COLUMNS = ("period", "group", "sites", "withheld", "numerator", "denominator")


def _summaries(measures, totals, period_labels, threshold, quarters):
    """A function of (measure, pooling) giving its summary, the rows of every measure
    prepared at once (`prepared_rows`) and each measure's taken by slicing (`MeasureRows`)."""
    prepared = MeasureRows(
        prepared_rows(totals, measures, period_labels, threshold), ROW_COLUMNS, drop=["order"]
    )
    base = None
    if quarters is not None:
        base_rows = prepared_rows(quarters, measures, period_labels, threshold)
        base = MeasureRows(base_rows, ROW_COLUMNS, drop=["order"])
    by_measure = MeasureRows(totals, TOTAL_COLUMNS)
    items = tuple(period_labels.items())

    def summary(measure, pooling: str) -> MeasureSummary:
        code = measure["code"]
        own_base = None if base is None else base.part(code)
        parts = (prepared.part(code), by_measure.part(code), own_base)
        return _summary(measure, *parts, period_labels, items, pooling)

    return summary


def _status(value) -> str | None:
    return value if isinstance(value, str) else None


def _lead_values(rows: Part, lead: str, size: int) -> np.ndarray:
    """The lead group's values at their periods' positions, NaN where there is none (gaps)."""
    values = np.full(size, np.nan)
    at = rows.col["group"] == lead
    values[rows.col["order"][at].astype(int)] = rows.col["value"][at].astype(float)
    return values


def _quarters(base: pd.DataFrame, lead: str, period_labels: dict[str, str], pooling: str):
    """The lead group's own quarters over every selected period, labelled as quarters."""
    frame = pd.DataFrame(
        {
            "period": list(period_labels),
            "label": [v.removeprefix(POOLING_PREFIX[pooling]) for v in period_labels.values()],
        }
    )
    rows = base[base["group"] == lead].drop(columns=["label", "measure", "group"])
    merged = frame.merge(rows, on="period", how="left")
    merged["small"] = merged["small"].eq(True)
    return merged


def _summary(
    measure,
    rows: Part,
    totals: Part,
    base: Part | None,
    period_labels: dict[str, str],
    items: tuple[tuple[str, str], ...],
    pooling: str = "quarter",
) -> MeasureSummary:
    """One measure's summary from its prepared rows (`prepared_rows`) and all its totals (every
    group, for the share not stated and the count of sites); under pooling, `base` holds the
    prepared rows of the periods' own quarters, which the variation verdict is computed on.
    `items` are `period_labels`' items."""
    info = dict(
        code=measure["code"],
        name=measure["name"],
        unit=measure["unit"],
        kind=measure["kind"],
        polarity=measure["polarity"],
        by_ethnicity=bool(measure["by_ethnicity"]),
        pooling=pooling,
        comparator=comparator_name(measure),
    )
    if not len(rows):
        return MeasureSummary(**info)
    lead = "bme" if info["by_ethnicity"] else "all"
    column = rows.col
    groups = column["group"]
    lead_at = np.flatnonzero(groups == lead)
    if len(lead_at) == 0:
        return MeasureSummary(**info, series=rows.frame)
    order, periods = column["order"], column["period"]
    latest_period = periods[lead_at[np.argmax(order[lead_at])]]
    now = np.flatnonzero(periods == latest_period)
    latest = {
        groups[i]: Estimate(
            float(column["value"][i]),
            float(column["lower"][i]),
            float(column["upper"][i]),
            int(column["numerator"][i]),
            int(column["denominator"][i]),
            bool(column["small"][i]),
            int(column["withheld"][i]),
            _status(column["status"][i]),
        )
        for i in now
    }
    ratio, ratio_kind = _ratio(measure["kind"], latest)
    at = totals.col["period"] == latest_period
    not_stated = _not_stated_share(totals, at, measure["kind"]) if info["by_ethnicity"] else None
    # every site that returned the latest period: those shown and those disclosure control
    # left out (a group's own count of each differs: its left out are said per group)
    sites = int((totals.col["sites"] + totals.col["withheld"])[at].max())
    # Every selected period, NaN where there is no value (none returned, or withheld), so that
    # moving ranges and runs never span a gap (NHSRplotthedots); My site's charts do the same.
    values = _lead_values(rows, lead, len(period_labels))
    quarters = pd.DataFrame()
    if base is not None:
        quarters = _quarters(base.frame, lead, period_labels, pooling)
    window = POOLING_WINDOWS.get(pooling, 1)
    judged = variation_basis(
        values, quarters["value"] if base is not None else None, window if base is not None else 1
    )
    # the series judged: the quarters under pooling, else the values; none judged with a gap
    # that disclosure control made (`stats.pooling.judged_xmr`)
    judged_rows = (base if base is not None else rows).col
    lead_status = judged_rows["status"][judged_rows["group"] == lead]
    withheld = any(s in stats.disclosure.HIDDEN for s in lead_status)
    trend = judged_xmr(judged, withheld, improvement=IMPROVEMENT[info["polarity"]])
    return MeasureSummary(
        variation=trend.variation,
        periods=items,
        trend_points=int(np.isfinite(judged).sum()),
        trial_limits=trend.trial,
        **info,
        latest_period=latest_period,
        latest_label=period_labels[latest_period],
        latest=latest,
        ratio=ratio,
        ratio_kind=ratio_kind,
        ratio_withheld=ratio is None and ratio_kind is not None,
        withheld=int(column["withheld"][now].max()),
        not_stated_share=not_stated,
        sites=sites,
        series=rows.frame,
        quarters=quarters,
    )


RATIOS = {
    "rate": (stats.rate_ratio, "rate ratio"),
    "proportion": (stats.proportion_ratio, "ratio of proportions"),
}


def _ratio(kind: str, latest: dict[str, Estimate]) -> tuple[Estimate | None, str | None]:
    """The BME : White British ratio at the latest period; (None, its kind) when one of its
    groups is withheld (so nothing is derived from a withheld value), (None, None) without."""
    if "bme" not in latest or "white_british" not in latest or kind not in RATIOS:
        return None, None
    a, b = latest["bme"], latest["white_british"]
    fn, label = RATIOS[kind]
    if not (a.shown and b.shown):
        return None, label
    value, lower, upper = fn(a.numerator, a.denominator, b.numerator, b.denominator)
    if math.isnan(value):
        return None, None
    return Estimate(value, lower, upper, a.numerator, b.numerator, a.small or b.small), label


def _not_stated_share(totals: Part, at: np.ndarray, kind: str) -> float | None:
    """Share of records at the latest period (rows `at` of the measure's totals) whose
    ethnicity was not stated."""
    counts = totals.col["denominator" if kind == "proportion" else "numerator"][at]
    total = counts.sum()
    if total <= 0:
        return None
    not_stated = totals.col["group"][at] == "not_stated"
    return float(counts[not_stated].sum() / total)


def summarise(
    totals: pd.DataFrame,
    measures: pd.DataFrame,
    period_labels: dict[str, str],
    threshold: int = 10,
    quarters: pd.DataFrame | None = None,
    pooling: str = "quarter",
) -> dict[int, list[MeasureSummary]]:
    """Summaries of the chosen measures, by characteristic number (1-12, every key present).
    Under pooling (`pooling` other than "quarter"), `quarters` holds the periods' own rows."""
    panels: dict[int, list[MeasureSummary]] = {n: [] for n in range(1, 13)}
    summary = _summaries(measures, totals, period_labels, threshold, quarters)
    for measure in measures.to_dict("records"):
        panels[int(measure["characteristic"])].append(summary(measure, pooling))
    return panels
