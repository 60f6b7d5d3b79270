"""The Compare sites page's logic: one measure across a set of sites against a benchmark
(England or a region), pooled over the window ending at the selection's latest quarter, and one
site across all its measures for the spine chart. Pure functions of DataFrames, plus
`compare_data` and `spine_data`, which fetch through the memoised loaders."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.compare.export import csv_frame as csv_frame
from dashboard.compare.funnel import (
    GROUP_CHOICES,
    Funnel,
    funnel,
    rows_for_group,
    shown_sites,
    site_values,
    withheld_sites,
)
from dashboard.compare.groups import effective_group as effective_group
from dashboard.compare.groups import group_choices
from dashboard.compare.verdicts import england_sites
from dashboard.estimates import comparator_name, withheld_column
from dashboard.loaders import (
    cache,
    data_version,
    load_catalogue,
    load_site_category_totals,
    load_site_targets,
    load_site_totals,
    unrounded_sites,
)
from dashboard.selection import POOLING_PREFIX, POOLING_WINDOWS, Catalogue, Selection
from dashboard.significance import interval_category, judgement
from dashboard.stats.disclosure import withheld_values
from dashboard.vocabulary import WITHHELD, significance_words, status_words

BENCHMARKS = {"england": "England", "region": "Region"}
#: The programme's headline measure (detentions under the Mental Health Act) opens the page.
DEFAULT_MEASURE = "M04A"
FUNNEL_KINDS = ("proportion", "rate")
#: Kinds whose sites cannot be set against one benchmark value (no denominator to scale by).
NOT_ON_SPINE = ("count", "milestone")


@dataclass(frozen=True)
class Window:
    """The quarters pooled: the `pooling` window ending at the selection's latest quarter."""

    periods: list[str]
    label: str  # "Year to 2010 Q1"
    span: str  # "2009 Q2 to 2010 Q1"
    wanted: int  # quarters the pooling asks for (fewer at the start of the data)


def pooling_window(selection: Selection, catalogue: Catalogue) -> Window:
    chosen = selection.period_range(catalogue)
    if not chosen:
        return Window([], "no period", "", POOLING_WINDOWS[selection.pooling])
    codes = catalogue.period_codes
    wanted = POOLING_WINDOWS[selection.pooling]
    end = codes.index(chosen[-1])
    periods = codes[max(0, end - wanted + 1) : end + 1]
    labels = dict(zip(catalogue.periods["code"], catalogue.periods["label"], strict=True))
    span = labels[periods[0]] + (f" to {labels[periods[-1]]}" if len(periods) > 1 else "")
    return Window(periods, POOLING_PREFIX[selection.pooling] + labels[periods[-1]], span, wanted)


def choose_measure(catalogue: Catalogue, selection: Selection, wanted: str | None) -> str | None:
    """The page's measure: the URL's when known, else the first measure the selection names
    that has a funnel, else the headline measure, else the first measure with a funnel."""
    menu = catalogue.measures
    if menu.empty:
        return None
    known = menu["code"].tolist()
    if wanted in known:
        return wanted
    funnels = menu.loc[menu["kind"].isin(FUNNEL_KINDS), "code"].tolist()
    for code in [*(selection.measures or ()), DEFAULT_MEASURE, *funnels, *known]:
        if code in known and (code in funnels or not funnels):
            return code
    return known[0]


def _pooled_value(measure: pd.Series, rows: pd.DataFrame) -> tuple[float, float, float]:
    """(numerator, denominator, value) of `rows` pooled, in the measure's display units; the
    value is NaN where disclosure control withholds it (`withheld_values`)."""
    num, den = float(rows["numerator"].sum()), float(rows["denominator"].sum())
    if withheld_values(num, withheld_column(rows).sum()):
        return num, den, float("nan")
    if den <= 0 or measure["kind"] == "count":
        return num, den, float("nan") if measure["kind"] != "count" else num
    scale = 100 if measure["kind"] == "milestone" else float(measure["multiplier"])
    return num, den, num / den * scale


def benchmark_region(
    catalogue: Catalogue, sites: list[str], site: str | None
) -> tuple[str | None, str | None]:
    """The region to compare with, and a note when it had to be chosen: the sites' one region;
    for sites in several regions, the chosen site's region; else none (England is used)."""
    orgs = catalogue.organisations
    if orgs.empty or not sites:
        return None, "No site chosen: the benchmark is England."
    regions = orgs.loc[orgs["code"].isin(sites), "region"].unique().tolist()
    names = dict(zip(catalogue.regions["code"], catalogue.regions["name"], strict=True))
    if len(regions) == 1:
        return regions[0], None
    own = orgs.loc[orgs["code"] == site, "region"].tolist() if site else []
    if own:
        return own[0], (
            f"The sites are in {len(regions)} regions: the benchmark is {names[own[0]]}, "
            "the region of the site chosen for the spine chart."
        )
    return None, "The sites are in several regions: the benchmark is England."


@dataclass(frozen=True)
class Comparison:
    """One measure across the chosen sites, ready to draw."""

    measure: pd.Series | None
    group: str
    window: Window
    sites: pd.DataFrame  # site, name, region, numerator, denominator, value, lower, upper,
    # small, significance, words, comparison
    funnel: Funnel | None
    benchmark_label: str
    benchmark_value: float
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # names of chosen sites without data
    #: Sites whose value disclosure control withholds: in the table and the CSV with the
    #: words, on no chart (`shown`).
    withheld: int = 0
    group_label: str = "BME"  # the group in words ("Black or Black British")

    @property
    def shown(self) -> pd.DataFrame:
        """The sites a chart may draw (their values are not withheld)."""
        return shown_sites(self.sites)


def compare_sites(
    measure: pd.Series,
    rows: pd.DataFrame,
    compared: list[str],
    benchmark_sites: list[str],
    group: str,
    threshold: int,
) -> tuple[pd.DataFrame, Funnel | None, float]:
    """The compared sites' values and their significance against the pooled benchmark.

    `rows` are site_totals rows of the measure over the window for at least the compared and
    the benchmark sites. Significance is the funnel position (95% and 99.8% limits around the
    benchmark at the site's denominator); `category` is what the funnel, the caterpillar and
    the table show (`dashboard.significance`), `comparison` the same verdict as better/similar/
    worse (or higher/lower, small, not_compared).
    """
    values = site_values(measure, rows[rows["site"].isin(compared)], group, threshold)
    bench = rows_for_group(rows[rows["site"].isin(benchmark_sites)], group)
    num, den, bench_value = _pooled_value(measure, bench)
    result = None
    if measure["kind"] in FUNNEL_KINDS and not np.isnan(bench_value):
        result = funnel(measure, values, num, den)
    polarity = measure["polarity"]
    withheld = values[values["status"].isin(["withheld", "suppressed"])]
    if result is not None:
        values = result.sites
    else:
        not_compared = significance_words("none", polarity)
        values = shown_sites(values).assign(
            significance="not_compared", category="none", words=not_compared
        )
    values["comparison"] = [judgement(c, polarity) for c in values["category"]]
    # A withheld site is listed with the reason, compared with nothing and drawn on no chart.
    withheld = withheld.assign(
        significance="not_compared",
        category="none",
        words=[status_words(s) or WITHHELD for s in withheld["status"]],
        comparison="not_compared",
    )
    values = pd.concat([values, withheld], ignore_index=True)
    return values, result, bench_value


def compare_data(
    selection: Selection,
    catalogue: Catalogue,
    measure_code: str | None,
    benchmark: str,
    group: str,
    site: str | None,
    threshold: int,
    read: pd.DataFrame | None = None,
) -> Comparison:
    """Everything the page draws for one measure (`read`: its site totals, if read already)."""
    window = pooling_window(selection, catalogue)
    menu = catalogue.measures
    found = menu[menu["code"] == measure_code] if not menu.empty else menu
    empty = pd.DataFrame(columns=["site", "name", "region", "numerator", "denominator", "value"])
    if found.empty:
        return Comparison(None, group, window, empty, None, "England", float("nan"))
    measure = found.iloc[0]
    group = effective_group(measure, group)
    notes: list[str] = []
    if len(window.periods) < window.wanted:
        notes.append(
            f"Only {len(window.periods)} of the {window.wanted} quarters asked for are in the "
            "data before this period: the values pool fewer quarters."
        )
    compared = selection.site_codes(catalogue)
    orgs = catalogue.organisations
    everyone = orgs["code"].tolist() if not orgs.empty else []
    region, note = (
        benchmark_region(catalogue, compared, site) if benchmark == "region" else (None, None)
    )
    notes += [note] if note else []
    in_areas = (
        orgs["counts_in_areas"].fillna(True).astype(bool) if "counts_in_areas" in orgs else True
    )
    bench_sites = (
        orgs.loc[(orgs["region"] == region) & in_areas, "code"].tolist()
        if region
        else england_sites(catalogue)
    )
    region_names = dict(zip(catalogue.regions["code"], catalogue.regions["name"], strict=True))
    bench_label = region_names[region] if region else "England"
    # England's published figures, where stored, are its benchmark (not a sum of the sites).
    wanted = everyone + [c for c in bench_sites if c not in set(everyone)]
    if group in GROUP_CHOICES and read is not None:
        rows = read  # this measure's
    elif group in GROUP_CHOICES:
        rows = load_site_totals(tuple(wanted), (measure["code"],), tuple(window.periods))
    else:  # one ethnic category: its own rows, by site
        rows = load_site_category_totals(tuple(wanted), (measure["code"],), tuple(window.periods))
        rows = rows.assign(group=rows["ethnic_code"])
    values, result, bench_value = compare_sites(
        measure, rows, compared, bench_sites, group, threshold
    )
    no_orgs = pd.DataFrame(columns=["name", "region_name"])
    names = orgs.set_index("code") if not orgs.empty else no_orgs
    values.insert(1, "name", values["site"].map(names["name"]))
    values.insert(2, "region", values["site"].map(names["region_name"]))
    missing = [names.loc[c, "name"] for c in compared if c not in set(values["site"])]
    return Comparison(
        *(measure, group, window, values, result, bench_label, bench_value, notes, missing),
        withheld=withheld_sites(values),
        group_label=group_choices(measure).get(group, GROUP_CHOICES["all"]),
    )


def spine_rows(
    measures: pd.DataFrame,
    rows: pd.DataFrame,
    site: str,
    region_sites: list[str],
    group: str,
    threshold: int,
) -> pd.DataFrame:
    """One row per measure for the spine chart: the site's value and interval, the England and
    region values, and the spread of every site's value (minimum, quartiles, maximum).

    `rows` are site_totals rows of every organisation for the measures over the window. The
    site is compared with England by its 95% interval (PHE Fingertips; no verdict on small
    numbers, `dashboard.significance`); measures without a value for England are left out."""
    out = []
    for m in measures.itertuples(index=False):
        measure = pd.Series(m._asdict())
        if measure["kind"] in NOT_ON_SPINE:
            continue
        g = effective_group(measure, group if group in GROUP_CHOICES else "bme")  # by DRE group
        own = rows[rows["measure"] == measure["code"]]
        every = site_values(measure, own, g, threshold)
        values = shown_sites(every)  # the spread of the sites' values: those shown
        _, _, england = _pooled_value(measure, rows_for_group(own, g))
        if values.empty or not np.isfinite(england):
            continue
        in_region = rows_for_group(own[own["site"].isin(region_sites)], g)
        _, _, region = _pooled_value(measure, in_region)
        mine = every[every["site"] == site]
        first = mine.iloc[0] if not mine.empty else None
        status = first["status"] if first is not None and isinstance(first["status"], str) else None
        if status is not None:  # withheld: its reason, no count
            first = first.copy()
            first[["numerator", "denominator"]] = float("nan")
        nan = float("nan")
        value, lower, upper = (
            (first["value"], first["lower"], first["upper"]) if first is not None else (nan,) * 3
        )
        small = bool(first["small"]) if first is not None else False
        shown = interval_category(lower, upper, england, small)
        q = values["value"].quantile([0, 0.25, 0.75, 1]).to_numpy()
        out.append(
            {
                "measure": measure["code"],
                "name": measure["name"],
                "unit": measure["unit"],
                "source": measure["source"],
                "kind": measure["kind"],
                "polarity": measure["polarity"],
                "group": comparator_name(measure) if g == "white_british" else GROUP_CHOICES[g],
                "numerator": first["numerator"] if first is not None else nan,
                "denominator": first["denominator"] if first is not None else nan,
                "value": value,
                "lower": lower,
                "upper": upper,
                "small": small,
                "status": status,
                "region": region,
                "england": england,
                "minimum": q[0],
                "q25": q[1],
                "q75": q[2],
                "maximum": q[3],
                "category": shown,
                "comparison": judgement(shown, measure["polarity"]),
            }
        )
    return pd.DataFrame(out)


def spine_data(
    catalogue: Catalogue, site: str, window: Window, group: str, threshold: int
) -> pd.DataFrame:
    """`spine_rows` for one site's adopted measures: cached per data version and rights."""
    rights = unrounded_sites(tuple(catalogue.organisations.get("code", [])))
    return _spine(data_version(), rights, site, window, group, threshold, catalogue.grain)


@cache.memoize()
def _spine(version, rights, site, window, group, threshold, grain) -> pd.DataFrame:
    catalogue = load_catalogue(grain)
    orgs = catalogue.organisations
    if orgs.empty or site not in set(orgs["code"]) or not window.periods:
        return pd.DataFrame()
    adopted = set(load_site_targets(site)["measure"])
    measures = catalogue.measures[catalogue.measures["code"].isin(adopted)]
    if measures.empty:
        return pd.DataFrame()
    region = orgs.loc[orgs["code"] == site, "region"].iloc[0]
    region_sites = orgs.loc[orgs["region"] == region, "code"].tolist()
    rows = load_site_totals(tuple(orgs["code"]), tuple(measures["code"]), tuple(window.periods))
    return spine_rows(measures, rows, site, region_sites, group, threshold)
