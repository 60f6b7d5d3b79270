"""One agreed measure of a site: the lead group's series with its XmR chart against the site's
target, and the latest value against the region and England. The lead group is BME for measures
kept by ethnicity, else all people; comparisons follow PHE Fingertips (the site's 95% interval
wholly above or below the area's value; no verdict on small numbers, `dashboard.significance`)
in words that follow the measure's polarity."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from dashboard import stats
from dashboard.significance import interval_category, judgement
from dashboard.summaries import IMPROVEMENT, Estimate, estimate_frame, is_small

#: Kinds whose values can be compared between areas of different sizes.
COMPARABLE_KINDS = ("proportion", "rate")


@dataclass(frozen=True)
class Benchmark:
    """The lead group's value in an area around the site, and how the site compares with it."""

    area: str
    estimate: Estimate | None
    verdict: str  # better, worse, similar, higher, lower, small, not_compared
    sites: int | None = None  # sites behind the area's value (None when not known)
    category: str = "none"  # dashboard.significance.CATEGORIES


@dataclass(frozen=True)
class MeasureView:
    """One agreed measure of the site, ready to draw."""

    code: str
    name: str
    characteristic: int
    kind: str
    unit: str
    polarity: str
    source: str
    by_ethnicity: bool
    target: float | None
    lead: str  # "bme" or "all"
    series: pd.DataFrame  # period, label, numerator, denominator, value, lower, upper, small
    xmr: stats.XmrResult | None = None
    latest_period: str | None = None
    latest: Estimate | None = None
    benchmarks: tuple[Benchmark, ...] = ()
    missing: tuple[str, ...] = ()  # period codes in the range with no return from the site
    ratio: Estimate | None = None  # BME : White British at the latest period
    ratio_kind: str | None = None

    @property
    def has_data(self) -> bool:
        return self.latest is not None

    @property
    def variation(self) -> str | None:
        return self.xmr.variation if self.xmr is not None else None

    @property
    def assurance(self) -> str | None:
        return self.xmr.assurance if self.xmr is not None else None

    @property
    def small(self) -> bool:
        return bool(self.latest is not None and self.latest.small)


def lead_group(by_ethnicity: bool) -> str:
    return "bme" if by_ethnicity else "all"


def estimates(rows: pd.DataFrame, measure: pd.Series, threshold: int) -> pd.DataFrame:
    """`rows` (numerator, denominator) with value, lower, upper and small columns."""
    rows = rows.copy()
    if measure["kind"] not in ("count", "milestone"):
        rows = rows[rows["denominator"] > 0]
    if rows.empty:
        return rows.assign(value=[], lower=[], upper=[], small=[])
    est = estimate_frame(
        rows["numerator"], rows["denominator"], measure["kind"], int(measure["multiplier"])
    )
    rows = rows.join(est)
    rows["small"] = is_small(rows["numerator"], rows["denominator"], measure["kind"], threshold)
    return rows


def _estimate(row: pd.Series) -> Estimate:
    return Estimate(
        float(row["value"]),
        float(row["lower"]),
        float(row["upper"]),
        int(row["numerator"]),
        int(row["denominator"]),
        bool(row["small"]),
    )


def _area_estimate(
    rows: pd.DataFrame, measure: pd.Series, group: str, period: str, threshold: int
) -> tuple[Estimate | None, int | None]:
    """The area's estimate of `group` at `period`, and how many sites it rests on."""
    at = rows[(rows["group"] == group) & (rows["period"] == period)]
    if at.empty:
        return None, None
    sites = int(at["sites"].max()) if "sites" in at else None
    numerator = pd.Series([int(at["numerator"].sum())])
    denominator = pd.Series([int(at["denominator"].sum())])
    if measure["kind"] not in ("count", "milestone") and denominator[0] <= 0:
        return None, sites
    est = estimate_frame(numerator, denominator, measure["kind"], int(measure["multiplier"]))
    small = is_small(numerator, denominator, measure["kind"], threshold)
    value, lower, upper = (float(est[c].iloc[0]) for c in ("value", "lower", "upper"))
    return Estimate(
        value, lower, upper, int(numerator[0]), int(denominator[0]), bool(small.iloc[0])
    ), sites


def benchmark(
    area: str, site: Estimate, other: Estimate | None, measure: pd.Series, sites: int | None = None
) -> Benchmark:
    """The site's interval against the area's value (PHE Fingertips: wholly above or below),
    with no verdict on small numbers.

    Counts and milestones are not compared: areas of different sizes have different counts."""
    if other is None or measure["kind"] not in COMPARABLE_KINDS:
        return Benchmark(area, other, "not_compared", sites)
    shown = interval_category(site.lower, site.upper, other.value, site.small)
    return Benchmark(area, other, judgement(shown, measure["polarity"]), sites, shown)


def _ratio(measure: pd.Series, site_rows: pd.DataFrame, period: str, threshold: int):
    kind = measure["kind"]
    fn = {"rate": stats.rate_ratio, "proportion": stats.proportion_ratio}.get(kind)
    if fn is None or not measure["by_ethnicity"]:
        return None, None
    est = {
        g: _area_estimate(site_rows, measure, g, period, threshold)[0]
        for g in ("bme", "white_british")
    }
    a, b = est["bme"], est["white_british"]
    if a is None or b is None:
        return None, None
    value, lower, upper = fn(a.numerator, a.denominator, b.numerator, b.denominator)
    if math.isnan(value):
        return None, None
    label = "rate ratio" if kind == "rate" else "ratio of proportions"
    return Estimate(value, lower, upper, a.numerator, b.numerator, a.small or b.small), label


def measure_view(
    measure: pd.Series,
    target: float | None,
    site_rows: pd.DataFrame,
    areas: dict[str, pd.DataFrame],
    period_labels: dict[str, str],
    missing: tuple[str, ...] = (),
    threshold: int = 10,
) -> MeasureView:
    """One measure: the site's lead series over every period of the range (NaN where it has no
    value, so the XmR chart keeps the gaps), its XmR with the target, and its latest value
    against each area (name → that area's pooled rows of the measure)."""
    lead = lead_group(bool(measure["by_ethnicity"]))
    base = dict(
        code=measure["code"],
        name=measure["name"],
        characteristic=int(measure["characteristic"]),
        kind=measure["kind"],
        unit=measure["unit"],
        polarity=measure["polarity"],
        source=measure["source"],
        by_ethnicity=bool(measure["by_ethnicity"]),
        target=target,
        lead=lead,
        missing=missing,
    )
    rows = site_rows[site_rows["group"] == lead][["period", "numerator", "denominator"]]
    values = estimates(rows, measure, threshold)
    frame = pd.DataFrame({"period": list(period_labels), "label": list(period_labels.values())})
    series = frame.merge(values, on="period", how="left")
    series["small"] = series["small"].eq(True)  # no value, nothing small
    observed = series.dropna(subset=["value"])
    if observed.empty:
        return MeasureView(**base, series=series)
    result = stats.xmr(
        series["value"].to_numpy(dtype=float),
        improvement=IMPROVEMENT.get(measure["polarity"], "neutral"),
        target=target,
    )
    last = observed.iloc[-1]
    latest = _estimate(last)
    period = str(last["period"])
    marks = []
    for area, area_rows in areas.items():
        other, sites = _area_estimate(area_rows, measure, lead, period, threshold)
        marks.append(benchmark(area, latest, other, measure, sites))
    ratio, ratio_kind = _ratio(measure, site_rows, period, threshold)
    return MeasureView(
        **base,
        series=series,
        xmr=result,
        latest_period=period,
        latest=latest,
        benchmarks=tuple(marks),
        ratio=ratio,
        ratio_kind=ratio_kind,
    )
