"""The characteristic detail page's logic: every chosen measure of one characteristic, and for
the measure in focus its trend (XmR), its breakdown by NHS ethnic category against White
British, the BME : White British ratio over time, and the selected sites on a funnel plot.

The pure figures (`ratio_series`, `category_estimates`, `period_figures`) are in
`dashboard.characteristic_figures`; `characteristic_data` and `measure_detail` fetch through
the cached loaders.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from flask import current_app

from dashboard import stats
from dashboard.characteristic_figures import CATEGORY_COLUMNS as CATEGORY_COLUMNS
from dashboard.characteristic_figures import RATIO_COLUMNS as RATIO_COLUMNS
from dashboard.characteristic_figures import RATIO_FUNCTIONS as RATIO_FUNCTIONS
from dashboard.characteristic_figures import category_estimates as category_estimates
from dashboard.characteristic_figures import period_figures as period_figures
from dashboard.characteristic_figures import ratio_series as ratio_series
from dashboard.compare.funnel import Funnel, funnel, site_values, withheld_sites
from dashboard.loaders import (
    all_of_england,
    load_category_totals,
    load_site_targets,
    load_site_totals,
)
from dashboard.no_site import why_no_site
from dashboard.overview.data import menu_value, overview_data
from dashboard.periods import span as period_span
from dashboard.selection import (
    PERIOD_NAMES,
    POOLING_WINDOWS,
    Catalogue,
    Selection,
    window_ending,
)
from dashboard.stats.disclosure import withheld_values
from dashboard.stats.pooling import WITHHELD_VARIATION, judged_xmr, variation_basis
from dashboard.summaries import IMPROVEMENT, MeasureSummary

POOLING_WORDS = {
    "quarter": "each value is one quarter",
    "year": "each value pools a rolling year (four quarters)",
    "3years": "each value pools a rolling three years (twelve quarters)",
}


def parse_number(number: str | int | None) -> int | None:
    """The characteristic number from the path, or None unless it is 1 to 12."""
    try:
        n = int(str(number))
    except (TypeError, ValueError):
        return None
    return n if 1 <= n <= 12 else None


def characteristic_measures(catalogue: Catalogue, number: int) -> pd.DataFrame:
    """The menu's measures of characteristic `number`, in menu order."""
    measures = catalogue.measures
    if measures.empty:
        return measures
    return measures[measures["characteristic"] == number]


def choose_measure(codes: list[str], requested: str | None) -> str | None:
    """The requested measure when it is one of `codes`, else the first (None when none)."""
    if requested in codes:
        return requested
    return codes[0] if codes else None


@dataclass(frozen=True)
class CharacteristicData:
    """What the page lists: the characteristic's measures in the menu, summarised."""

    number: int
    short_name: str
    title: str
    summaries: list[MeasureSummary]
    not_chosen: list[str]  # names of the characteristic's measures left out of the menu
    sites: list[str]
    periods: list[str]
    threshold: int = 10  # fewer events than this is "small numbers"

    @property
    def codes(self) -> list[str]:
        return [s.code for s in self.summaries]

    def summary(self, code: str | None) -> MeasureSummary | None:
        return next((s for s in self.summaries if s.code == code), None)


def characteristic_data(
    selection: Selection, catalogue: Catalogue, number: int
) -> CharacteristicData:
    """Summaries (latest BME and White British with intervals, the ratio, the series) of the
    characteristic's measures that are in the selection's menu."""
    chars = catalogue.characteristics
    row = chars[chars["id"] == number] if not chars.empty else chars
    short_name = str(row["short_name"].iloc[0]) if not row.empty else f"Characteristic {number}"
    title = str(row["title"].iloc[0]) if not row.empty else ""
    rows = characteristic_measures(catalogue, number)
    if rows.empty:
        return CharacteristicData(number, short_name, title, [], [], [], [])
    threshold = int(current_app.config["SMALL_NUMBER_THRESHOLD"])
    menu = set(menu_value(selection, catalogue))
    chosen = [c for c in rows["code"] if c in menu]
    not_chosen = rows.loc[~rows["code"].isin(chosen), "name"].tolist()
    if not chosen:
        sites = selection.site_codes(catalogue)
        periods = selection.period_range(catalogue)
        return CharacteristicData(
            number, short_name, title, [], not_chosen, sites, periods, threshold
        )
    data = overview_data(selection, catalogue, chosen)
    return CharacteristicData(
        number,
        short_name,
        title,
        data.panels[number],
        not_chosen,
        data.sites,
        data.periods,
        threshold,
    )


@dataclass(frozen=True)
class MeasureDetail:
    """Everything the detail charts of one measure draw."""

    measure: pd.Series
    summary: MeasureSummary
    lead_group: str  # "bme", or "all" for a measure not kept by ethnicity
    trend: stats.XmrResult | None
    target: float | None
    target_site: str | None
    ratios: pd.DataFrame
    ratio_kind: str | None
    categories: pd.DataFrame
    not_stated_share: float | None
    window_label: str | None
    sites: pd.DataFrame  # site_values of the lead group, with site names
    funnel: Funnel | None
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    withheld_sites: int = 0  # sites left out of the funnel (disclosure control)
    benchmark_withheld: bool = False  # the selection's pooled value is withheld: no funnel
    #: The values the chart draws: under pooling the rolling values (the verdict, `trend`, is
    #: the quarters' XmR: `stats.pooling.variation_basis`), else the XmR chart's own.
    pooled: bool = False


def _single_site_target(sites: list[str], code: str) -> tuple[float | None, str | None]:
    """A target exists for one site, not for a pool of sites."""
    if len(sites) != 1:
        return None, None
    targets = load_site_targets(sites[0])
    row = targets[targets["measure"] == code]
    if row.empty or pd.isna(row["target"].iloc[0]):
        return None, None
    return float(row["target"].iloc[0]), sites[0]


def measure_detail(
    selection: Selection, catalogue: Catalogue, summary: MeasureSummary, sites: list[str]
) -> MeasureDetail:
    """The detail of one summarised measure for the selection's sites."""
    threshold = current_app.config["SMALL_NUMBER_THRESHOLD"]
    menu = catalogue.measures
    measure = menu[menu["code"] == summary.code].iloc[0]
    lead = "bme" if summary.by_ethnicity else "all"
    series = summary.series
    lead_rows = series[series["group"] == lead] if not series.empty else series
    target, target_site = _single_site_target(sites, summary.code)
    trend = None
    window = POOLING_WINDOWS[selection.pooling]
    if (0 if lead_rows.empty else int(lead_rows["value"].notna().sum())) >= 2:
        values = summary.lead_series(lead)["value"].to_numpy(dtype=float)
        quarters = summary.quarters["value"] if not summary.quarters.empty else None
        trend = judged_xmr(
            variation_basis(values, quarters, window if quarters is not None else 1),
            summary.variation == WITHHELD_VARIATION,  # as the summary judged it
            improvement=IMPROVEMENT[summary.polarity],
            target=target,
        )
    ratios = ratio_series(series, summary.kind)
    periods: list[str] = []
    if summary.latest_period:
        periods = window_ending(catalogue.period_codes, summary.latest_period, window)
    categories, share = pd.DataFrame(columns=CATEGORY_COLUMNS), None
    if summary.by_ethnicity and periods:
        rows = load_category_totals(tuple(sites), (summary.code,), tuple(periods))
        categories, share = category_estimates(rows, measure, threshold)
    site_rows = (
        load_site_totals(tuple(sites), (summary.code,), tuple(periods))
        if periods
        else pd.DataFrame()
    )
    per_site = site_values(measure, site_rows, lead, threshold)
    names = dict(zip(catalogue.organisations["code"], catalogue.organisations["name"], strict=True))
    per_site = per_site.assign(name=[names.get(s, s) for s in per_site["site"]])
    site_funnel, benchmark_withheld = None, False
    left_out = withheld_sites(per_site)
    if len(per_site) - left_out >= 2:
        numerator, denominator = per_site["numerator"].sum(), per_site["denominator"].sum()
        benchmark_withheld = bool(withheld_values(numerator, left_out))
        england = summary.latest.get(lead) if all_of_england(sites) else None
        if england is not None and england.shown:
            # All of England: its published figure, not a sum of the sites stored.
            numerator, denominator, benchmark_withheld = (
                england.numerator,
                england.denominator,
                False,
            )
        if not benchmark_withheld:
            site_funnel = funnel(measure, per_site, numerator, denominator)
    return MeasureDetail(
        measure=measure,
        summary=summary,
        lead_group=lead,
        trend=trend,
        target=target,
        target_site=target_site,
        ratios=ratios,
        ratio_kind=RATIO_FUNCTIONS[summary.kind][1] if summary.kind in RATIO_FUNCTIONS else None,
        categories=categories,
        not_stated_share=share,
        window_label=summary.latest_label,
        sites=per_site,
        funnel=site_funnel,
        table=period_figures(series, ratios),
        withheld_sites=left_out,
        benchmark_withheld=benchmark_withheld,
        pooled=window > 1,
    )


def detail_for(
    selection: Selection, catalogue: Catalogue, data: CharacteristicData, code: str | None
) -> tuple[MeasureSummary | None, MeasureDetail | None]:
    """The summary of measure `code` and, when it has data, its detail."""
    summary = data.summary(code)
    if summary is None or not summary.has_data or not data.sites:
        return summary, None
    return summary, measure_detail(selection, catalogue, summary, data.sites)


@dataclass(frozen=True)
class PageContext:
    """What every caption of the page repeats: the period span, the pooling, the sites."""

    span: str
    pooling: str
    sites: int
    threshold: int = 10
    no_site: str = ""  # why the selection matches no site, when it matches none
    pooled: str = ""  # "12 site(s) pooled", or "England's published figures"


def page_context(
    selection: Selection, catalogue: Catalogue, data: CharacteristicData
) -> PageContext:
    periods = catalogue.periods
    labels = dict(zip(periods["code"], periods["label"], strict=True)) if not periods.empty else {}
    span = period_span(labels[data.periods[0]], labels[data.periods[-1]]) if data.periods else "–"
    no_site = why_no_site(selection, catalogue) if not data.sites else ""
    return PageContext(
        span,
        POOLING_WORDS[selection.pooling].replace(
            "quarter", PERIOD_NAMES[catalogue.grain or "quarter"]
        )
        if selection.pooling == "quarter"
        else POOLING_WORDS[selection.pooling],
        len(data.sites),
        data.threshold,
        no_site,
        catalogue.pooled_words(selection, len(data.sites)),
    )


def _pooling_words(pooling: str, grain: str | None) -> str:
    """ "each value pools a rolling year (four quarters)"; unpooled, "each value is one
    financial year" on financial years."""
    words = POOLING_WORDS[pooling]
    if pooling == "quarter":
        return words.replace("quarter", PERIOD_NAMES.get(grain or "quarter", "period"))
    return words
