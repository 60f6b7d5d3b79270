"""One agreed measure of a site: the lead group's series with its XmR chart against the site's
target, and the latest value against the region and England. The lead group is BME for measures
kept by ethnicity, else all people; comparisons follow PHE Fingertips (the site's 95% interval
wholly above or below the area's value; no verdict on small numbers, `dashboard.significance`)
in words that follow the measure's polarity."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard import stats
from dashboard.estimates import comparator_name, estimates_with_status, shown_rows, withheld_column
from dashboard.significance import interval_category, judgement
from dashboard.stats.disclosure import HIDDEN, withheld_values
from dashboard.stats.pooling import judged_xmr, variation_basis
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
    ratio: Estimate | None = None  # BME : the comparator at the latest period
    #: What BME is set against: "White British", or "White" for census groups (published data).
    comparator: str = "White British"
    ratio_kind: str | None = None
    #: Quarters whose lead value disclosure control withholds (returned, not shown).
    withheld: tuple[str, ...] = ()
    pooled: bool = False  # values pool rolling windows: `xmr` is the quarters' own chart

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

    @property
    def latest_withheld(self) -> bool:
        return self.latest is not None and not self.latest.shown


def lead_group(by_ethnicity: bool) -> str:
    return "bme" if by_ethnicity else "all"


def estimates(rows: pd.DataFrame, measure: pd.Series, threshold: int) -> pd.DataFrame:
    """`rows` (numerator, denominator, optionally withheld) with value, lower, upper, small,
    withheld and status columns (`dashboard.estimates.estimates_with_status`)."""
    rows = rows.assign(withheld=withheld_column(rows))
    rows = rows[shown_rows(rows, measure["kind"])]
    if rows.empty:
        return rows.assign(value=[], lower=[], upper=[], small=[], status=[])
    return estimates_with_status(rows, measure["kind"], int(measure["multiplier"]), threshold)


def _estimate(row: pd.Series) -> Estimate:
    status = row.get("status")
    return Estimate(
        float(row["value"]),
        float(row["lower"]),
        float(row["upper"]),
        int(row["numerator"]),
        int(row["denominator"]),
        bool(row["small"]),
        int(row.get("withheld", 0) or 0),
        status if isinstance(status, str) else None,
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
    withheld = int(withheld_column(at).max())
    if withheld_values(numerator, withheld)[0]:
        nan = float("nan")
        at_source = "suppressed" in at and int(at["suppressed"].max()) >= withheld
        status = "suppressed" if at_source else "withheld"
        return Estimate(nan, nan, nan, 0, 0, False, withheld, status), sites
    if measure["kind"] not in ("count", "milestone") and denominator[0] <= 0:
        return None, sites
    est = estimate_frame(numerator, denominator, measure["kind"], int(measure["multiplier"]))
    small = is_small(numerator, denominator, measure["kind"], threshold)
    value, lower, upper = (float(est[c].iloc[0]) for c in ("value", "lower", "upper"))
    counts = (int(numerator[0]), int(denominator[0]))
    return Estimate(value, lower, upper, *counts, bool(small.iloc[0]), withheld), sites


def benchmark(
    area: str, site: Estimate, other: Estimate | None, measure: pd.Series, sites: int | None = None
) -> Benchmark:
    """The site's interval against the area's value (PHE Fingertips: wholly above or below),
    with no verdict on small numbers.

    Counts and milestones are not compared: areas of different sizes have different counts;
    nor is anything withheld."""
    withheld = not site.shown or (other is not None and not other.shown)
    if other is None or measure["kind"] not in COMPARABLE_KINDS or withheld:
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
    if a is None or b is None or not (a.shown and b.shown):
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
    quarters: pd.DataFrame | None = None,
    series: pd.DataFrame | None = None,
    own_series: pd.DataFrame | None = None,
    with_ratio: bool = True,
) -> MeasureView:
    """One measure: the site's lead series over every period of the range (NaN where it has no
    value or where it is withheld, so the XmR chart keeps the gaps), its XmR with the target,
    and its latest value against each area (name → that area's pooled rows of the measure).

    Under pooling, `site_rows` are rolling sums and `quarters` the site's own rows of the same
    periods: the XmR verdict and assurance are the quarters' (`stats.pooling.variation_basis`),
    never the overlapping rolling values'."""
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
        comparator=comparator_name(measure),
        target=target,
        lead=lead,
        missing=missing,
    )
    if series is None:  # else given, worked out for every measure at once
        series = _lead_series(site_rows, measure, lead, period_labels, threshold)
    # plain arrays: a site page and the briefing judge hundreds of these at once
    withheld = series["status"].isin(HIDDEN).to_numpy()
    own = None
    if quarters is not None:
        if own_series is None:
            own_series = _lead_series(quarters, measure, lead, period_labels, threshold)
        own = own_series["value"]
        # the quarters withheld (what the site returned), not the rolling windows holding them
        hidden = own_series["status"].isin(HIDDEN).to_numpy()
        base["withheld"] = tuple(own_series["period"].to_numpy()[hidden])
    else:
        base["withheld"] = tuple(series["period"].to_numpy()[withheld])
    values = series["value"].to_numpy(dtype=float)
    observed = np.flatnonzero(~np.isnan(values) | withheld)
    if observed.size == 0:
        return MeasureView(**base, series=series)
    result = judged_xmr(
        variation_basis(values, own, 1 if own is None else 2),
        bool(base["withheld"]),  # quarters withheld: no verdict (stats.pooling.judged_xmr)
        improvement=IMPROVEMENT.get(measure["polarity"], "neutral"),
        target=target,
    )
    last = series.iloc[observed[-1]]
    latest = _estimate(last)
    period = str(last["period"])
    marks = []
    for area, area_rows in areas.items():
        other, sites = _area_estimate(area_rows, measure, lead, period, threshold)
        marks.append(benchmark(area, latest, other, measure, sites))
    ratio, ratio_kind = (
        _ratio(measure, site_rows, period, threshold) if with_ratio else (None, None)
    )
    return MeasureView(
        **base,
        pooled=quarters is not None,
        series=series,
        xmr=result,
        latest_period=period,
        latest=latest,
        benchmarks=tuple(marks),
        ratio=ratio,
        ratio_kind=ratio_kind,
    )


def lead_series_by_measure(
    rows: pd.DataFrame, measures: pd.DataFrame, period_labels: dict[str, str], threshold: int
) -> dict[str, pd.DataFrame]:
    """`_lead_series` of every measure at once (code → series): one estimate per kind and
    multiplier across the measures, and one merge onto the periods, instead of one of each a
    measure (a site page has up to 70)."""
    if rows.empty or measures.empty:
        return {}
    meta = measures[["code", "kind", "multiplier", "by_ethnicity"]].rename(
        columns={"code": "measure"}
    )
    counts = [c for c in ("numerator", "denominator", "withheld", "suppressed") if c in rows]
    merged = rows[["measure", "period", "group", *counts]].merge(meta, on="measure")
    lead = np.where(merged["by_ethnicity"].astype(bool), "bme", "all")
    merged = merged[merged["group"].to_numpy() == lead]
    merged = merged.assign(withheld=withheld_column(merged))
    parts = []
    for (kind, multiplier), part in merged.groupby(["kind", "multiplier"], sort=False):
        part = part[shown_rows(part, kind)]
        if not part.empty:
            keep = part[["measure", "period", *dict.fromkeys([*counts, "withheld"])]]
            parts.append(estimates_with_status(keep, kind, int(multiplier), threshold))
    if not parts:
        return {}  # nothing to estimate: each measure's own (empty) series is worked out alone
    codes = measures["code"].tolist()
    grid = pd.DataFrame(
        {
            "measure": np.repeat(codes, len(period_labels)),
            "period": list(period_labels) * len(codes),
            "label": list(period_labels.values()) * len(codes),
        }
    )
    values = pd.concat(parts, ignore_index=True)
    series = grid.merge(values, on=["measure", "period"], how="left")
    series["small"] = series["small"].eq(True)  # no value, nothing small
    body = series.drop(columns=["measure"])
    if len(series) != len(grid):  # not one row a measure and period: split by measure
        return {
            str(code): body.iloc[at].reset_index(drop=True)
            for code, at in series.groupby("measure", sort=False).indices.items()
        }
    # a left merge keeps the grid's order: each measure's periods are one block of rows
    n = len(period_labels)
    return {
        str(code): body.iloc[i * n : (i + 1) * n].reset_index(drop=True)
        for i, code in enumerate(codes)
    }


def _lead_series(
    rows: pd.DataFrame, measure: pd.Series, lead: str, period_labels: dict[str, str], threshold
) -> pd.DataFrame:
    """The lead group's estimates over every period of the range (NaN where none)."""
    counts = ("period", "numerator", "denominator", "withheld", "suppressed")
    columns = [c for c in counts if c in rows]
    values = estimates(rows[rows["group"] == lead][columns], measure, threshold)
    frame = pd.DataFrame({"period": list(period_labels), "label": list(period_labels.values())})
    series = frame.merge(values, on="period", how="left")
    series["small"] = series["small"].eq(True)  # no value, nothing small
    return series
