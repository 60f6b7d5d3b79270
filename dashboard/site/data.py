"""My site: one site's agreed measures against its targets, its region and England.

For each measure the site agreed, the lead group's series (BME where the measure is kept by
ethnicity, else all people) over the selection's periods, pooled as the selection asks; its XmR
chart with the site's target (special causes and assurance, "Making Data Count"); and the
site's latest value, with its 95% interval, compared with the same group's value in the site's
region and in England (all sites reporting the measure), in words that follow the measure's
polarity. Data quality: how completely the site records ethnicity, and the quarters in which
it sent no return. And its action plan (dashboard/actions.py). Pure functions of DataFrames,
except `site_data`, which loads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd
from flask import current_app

from dashboard import stats
from dashboard.access import current_access
from dashboard.actions import SitePlan, site_plan
from dashboard.loaders import (
    cache,
    data_version,
    load_catalogue,
    load_group_totals,
    load_site_targets,
)
from dashboard.periods import span as period_span
from dashboard.selection import POOLING_PREFIX, POOLING_WINDOWS, Catalogue, Selection
from dashboard.site.measure_view import MeasureView, lead_series_by_measure, measure_view
from dashboard.site.quality import (
    collected_by_period,
    ethnicity_completeness,
    periods_without_return,
)


@dataclass(frozen=True)
class SiteData:
    """Everything the My site page shows for one organisation and selection."""

    code: str
    name: str
    kind: str
    rurality: str | None  # None: no rural/urban class
    region: str
    region_name: str
    periods: list[str]
    period_labels: dict[str, str]
    pooling: str
    adopted: int  # agreed measures the site adopted (before the menu's choice)
    measures: list[MeasureView] = field(default_factory=list)
    completeness: pd.DataFrame = field(default_factory=pd.DataFrame)
    quarter_labels: dict[str, str] = field(default_factory=dict)  # labels without pooling
    collected: dict[str, tuple[str, ...]] = field(default_factory=dict)  # period → measures
    plan: SitePlan | None = None  # the site's action plan

    def by_characteristic(self) -> dict[int, list[MeasureView]]:
        out: dict[int, list[MeasureView]] = {}
        for m in self.measures:
            out.setdefault(m.characteristic, []).append(m)
        return dict(sorted(out.items()))

    def summary(self) -> dict[str, list[MeasureView]]:
        """Measures by what a site lead must notice first."""
        return {
            "improvement": [m for m in self.measures if (m.variation or "").startswith("improv")],
            "concern": [m for m in self.measures if (m.variation or "").startswith("concern")],
            "met": [m for m in self.measures if m.assurance == "consistent_pass"],
            "missed": [m for m in self.measures if m.assurance == "consistent_fail"],
            "small": [m for m in self.measures if m.small],
        }

    @property
    def span(self) -> str:
        if not self.periods:
            return ""
        labels = self.quarter_labels or self.period_labels
        return period_span(labels[self.periods[0]], labels[self.periods[-1]])


def pooled(totals: pd.DataFrame, fetched: list[str], periods: list[str], window: int):
    """Rolling sums over `window` periods (none when 1), kept to the periods of the range."""
    if window > 1 and not totals.empty:
        totals = stats.rolling_pool(totals, fetched, window, by=["measure", "group"])
    return totals[totals["period"].isin(periods)] if not totals.empty else totals


def site_organisation(catalogue: Catalogue, code: str | None) -> pd.Series | None:
    """The catalogue's row of organisation `code`, or None when it is unknown."""
    orgs = catalogue.organisations
    if not code or orgs.empty:
        return None
    match = orgs[orgs["code"] == code]
    return match.iloc[0] if not match.empty else None


def site_data(code: str | None, selection: Selection, catalogue: Catalogue) -> SiteData | None:
    """The page's data for organisation `code` (None when it is unknown): its figures
    (`site_figures`) and its action plan, read each time (an edit of the plan moves no data
    version)."""
    figures = site_figures(code, selection, catalogue)
    return None if figures is None else replace(figures, plan=site_plan(code, catalogue))


def site_figures(code: str | None, selection: Selection, catalogue: Catalogue) -> SiteData | None:
    """The site's figures without its plan (None when it is unknown), read once per data
    version, reader's rights, selection and threshold (`_site_figures`)."""
    if site_organisation(catalogue, code) is None:
        return None
    rights = current_access().rights
    threshold = current_app.config["SMALL_NUMBER_THRESHOLD"]
    return _site_figures(data_version(), code, selection, catalogue.grain, rights, threshold)


@cache.memoize()
def _site_figures(version, code, selection, grain, rights, threshold) -> SiteData:
    """The site's figures (everything but its plan): cached, as a site lead and their
    colleagues open the same page again and again between returns."""
    catalogue = load_catalogue(grain)
    org = site_organisation(catalogue, code)
    periods = selection.period_range(catalogue)
    window = POOLING_WINDOWS[selection.pooling]
    all_codes = catalogue.period_codes
    first = all_codes.index(periods[0]) if periods else 0
    fetched = all_codes[max(0, first - window + 1) : first + len(periods)]
    labels = dict(zip(catalogue.periods["code"], catalogue.periods["label"], strict=True))
    prefix = POOLING_PREFIX[selection.pooling]
    period_labels = {p: prefix + labels[p] for p in periods}

    targets = load_site_targets(org["code"])
    menu = catalogue.measures
    adopted = menu[menu["code"].isin(targets["measure"])] if not menu.empty else menu
    chosen = adopted
    if selection.measures is not None:
        chosen = adopted[adopted["code"].isin(selection.measures)]
    codes = tuple(chosen["code"])
    orgs = catalogue.organisations
    region_sites = tuple(orgs.loc[orgs["region"] == org["region"], "code"])
    site_raw = load_group_totals((org["code"],), codes, tuple(fetched))
    region_raw = load_group_totals(region_sites, codes, tuple(fetched))
    england_raw = load_group_totals(tuple(orgs["code"]), codes, tuple(fetched))
    return build_site_data(
        org,
        chosen,
        dict(zip(targets["measure"], targets["target"], strict=True)),
        {"site": site_raw, org["region_name"]: region_raw, "England": england_raw},
        fetched,
        period_labels,
        selection.pooling,
        len(adopted),
        threshold,
    )


def _by_measure(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """`rows` split by their measure."""
    if rows.empty or "measure" not in rows:
        return {}
    return {str(code): part for code, part in rows.groupby("measure", sort=False)}


def _rows_of(split: dict[str, pd.DataFrame], code: str, whole: pd.DataFrame) -> pd.DataFrame:
    """The rows of measure `code` (none: an empty frame with `whole`'s columns)."""
    return split[code] if code in split else whole.iloc[0:0]


def build_site_data(
    org: pd.Series,
    measures: pd.DataFrame,
    targets: dict[str, float],
    raw: dict[str, pd.DataFrame],
    fetched: list[str],
    period_labels: dict[str, str],
    pooling: str = "quarter",
    adopted: int | None = None,
    threshold: int = 10,
) -> SiteData:
    """SiteData from unpooled group totals: `raw` maps "site", the region's name and "England"
    to their rows (measure, period, group, numerator, denominator) over the `fetched` periods
    (the range plus the window-1 periods before it that pooling needs)."""
    periods = list(period_labels)
    window = POOLING_WINDOWS[pooling]
    pools = {area: pooled(rows, fetched, periods, window) for area, rows in raw.items()}
    site_raw = raw["site"][raw["site"]["period"].isin(periods)]
    quarter_labels = {
        p: label.removeprefix(POOLING_PREFIX[pooling]) for p, label in period_labels.items()
    }
    england_raw = raw.get("England", raw["site"])
    missing = periods_without_return(site_raw, england_raw, list(measures.get("code", [])), periods)
    # each area's rows split by measure once, not filtered again for each of up to 70 measures
    split = {area: _by_measure(rows) for area, rows in pools.items()}
    own_rows = _by_measure(site_raw) if window > 1 else {}
    series = lead_series_by_measure(pools["site"], measures, period_labels, threshold)
    own_series = (
        lead_series_by_measure(site_raw, measures, period_labels, threshold) if window > 1 else {}
    )
    views = []
    for _, measure in measures.iterrows():
        code = measure["code"]
        target = targets.get(code)
        target = None if target is None or pd.isna(target) else float(target)
        by_area = {a: _rows_of(rows, code, pools[a]) for a, rows in split.items() if a != "site"}
        views.append(
            measure_view(
                measure,
                target,
                _rows_of(split["site"], code, pools["site"]),
                by_area,
                period_labels,
                missing.get(code, ()),
                threshold,
                _rows_of(own_rows, code, site_raw) if window > 1 else None,
                series.get(code),
                own_series.get(code),
            )
        )
    return SiteData(
        code=org["code"],
        name=org["name"],
        kind=org["kind"],
        rurality=org["rurality"] if isinstance(org["rurality"], str) else None,
        region=org["region"],
        region_name=org["region_name"],
        periods=periods,
        period_labels=period_labels,
        pooling=pooling,
        adopted=len(measures) if adopted is None else adopted,
        measures=views,
        completeness=ethnicity_completeness(site_raw, measures, quarter_labels, threshold),
        quarter_labels=quarter_labels,
        collected=collected_by_period(england_raw, list(measures.get("code", [])), periods),
    )
