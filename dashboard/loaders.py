"""Shared data, through Flask-Caching memoised loaders keyed by primitive arguments.

Every worker reads the same database; the cache (per process by default, Redis when
configured) keeps repeated selections from re-running the same aggregate queries. Every key
starts with the store's data version (data_access/summary.py), read once per request: a
return stored through any worker or server moves it on, so no worker goes on serving
figures cached before the write, whether its cache is its own or shared.
"""

from __future__ import annotations

import pandas as pd
from flask import current_app, g, has_request_context
from flask_caching import Cache

from dashboard.access import current_access, protect_site_rows
from dashboard.periods import series
from dashboard.selection import Catalogue, Selection
from data_access import queries, summary, totals
from data_access.db import Database

cache = Cache()


def database() -> Database:
    return current_app.extensions["dre_db"]


def data_version() -> int:
    """The store's data version: read from the database once per request (every figure a
    request draws comes from one version), on every call outside one."""
    if has_request_context() and "dre_data_version" in g:
        return g.dre_data_version
    with database().session() as session:
        version = summary.current_version(session)
    if has_request_context():
        g.dre_data_version = version
    return version


def load_catalogue(grain: str | None = None) -> Catalogue:
    """Regions, organisations, characteristics, agreed measures, periods (the series of
    `grain`, or the store's default), and the retired measures whose history stays viewable."""
    return _catalogue(data_version()).in_grain(grain)


def load_selection(search: str | None) -> tuple[Catalogue, Selection]:
    """The URL's selection, validated, and the catalogue in its granularity (`?grain=`)."""
    selection = Selection.from_query(search)
    catalogue = load_catalogue(selection.grain)
    return catalogue, selection.validated(catalogue)


def load_adopted_measures(org_codes: tuple[str, ...]) -> list[str]:
    """Measures the given organisations agreed to report."""
    return _adopted_measures(data_version(), tuple(org_codes))


def load_site_targets(org_code: str) -> pd.DataFrame:
    """One organisation's adopted measures and targets."""
    return _site_targets(data_version(), org_code)


@cache.memoize()
def _catalogue(version: int) -> Catalogue:
    with database().session() as session:
        return Catalogue(
            regions=queries.regions(session),
            organisations=queries.organisations(session),
            characteristics=queries.characteristics(session),
            measures=queries.measures(session),
            # One series in time: the quarters, never mixed with financial years
            # (dashboard/periods.py `series`).
            periods=series(queries.periods(session)),
            all_periods=queries.periods(session),
            retired=queries.measures(session, ("retired",)),
            national=queries.national_code(session),
        )


@cache.memoize()
def _adopted_measures(version: int, org_codes: tuple[str, ...]) -> list[str]:
    with database().session() as session:
        return queries.adopted_measure_codes(session, org_codes)


Key = tuple[str, ...]


@cache.memoize()
def _group_totals(
    version: int, orgs: Key, measures: Key, periods: Key, unrounded: Key | None
) -> pd.DataFrame:
    with database().session() as session:
        return totals.group_totals(session, orgs, measures, periods, unrounded)


def _area_totals(
    version: int, cells: tuple, measures: Key, periods: Key, unrounded: tuple | None, fresh=False
) -> pd.DataFrame:
    """The cells' totals, summed from each region's (its cells among `cells`), each read with
    every measure and period and cached: any set of regions after each region alone (as the
    cache is warmed) is a sum in memory, not a query."""
    frames = []
    for region in sorted({r for r, _ in cells}):
        own_cells = tuple(c for c in cells if c[0] == region)
        own = None if unrounded is None else tuple(c for c in own_cells if c in unrounded)
        args = (version, own_cells, own)
        if fresh:
            cache.delete_memoized(_region_totals, *args)
        frames.append(_region_totals(*args))
    return totals.combined(frames, measures, periods)


@cache.memoize()
def _region_totals(version: int, cells: tuple, unrounded: tuple | None) -> pd.DataFrame:
    with database().session() as session:
        return totals.area_totals(session, cells, unrounded=unrounded)


@cache.memoize()
def _site_totals(
    version: int, orgs: Key, measures: Key, periods: Key, groups: Key | None = None
) -> pd.DataFrame:
    with database().session() as session:
        return totals.site_totals(session, orgs, measures, periods, groups)


@cache.memoize()
def _category_totals(version: int, orgs: Key, measures: Key, periods: Key) -> pd.DataFrame:
    with database().session() as session:
        return totals.category_totals(session, orgs, measures, periods)


@cache.memoize()
def _site_targets(version: int, org_code: str) -> pd.DataFrame:
    with database().session() as session:
        return queries.site_targets(session, org_code)


@cache.memoize()
def _site_category_totals(version: int, orgs: Key, measures: Key, periods: Key) -> pd.DataFrame:
    with database().session() as session:
        return totals.category_totals(session, orgs, measures, periods, by_site=True)


# What leaves the cache passes through the current person's disclosure control
# (dashboard/access.py): the cache holds the database's figures once, whoever asked first.
# Totals over sites outside the person's record-level rights are summed from each site's
# controlled rows, so that no difference of two totals gives a withheld count away.


def unrounded_sites(org_codes) -> Key | None:
    """The sites among `org_codes` whose figures the current person sees as stored, or None
    when that is all of them."""
    allowed = current_access().record_level_sites(load_catalogue().organisations)
    if allowed is None or set(org_codes) <= allowed:
        return None
    return tuple(sorted(set(org_codes) & allowed))


def _summed(site_rows: pd.DataFrame, by: list[str], columns: list[str]) -> pd.DataFrame:
    if site_rows.empty:
        return pd.DataFrame(columns=columns)
    summed = site_rows.groupby(by, as_index=False, sort=True, dropna=False).agg(
        numerator=("numerator", "sum"),
        denominator=("denominator", "sum"),
        sites=("site", "nunique"),
        withheld=("withheld", "sum"),
        **({"suppressed": ("suppressed", "sum")} if "suppressed" in site_rows else {}),
    )
    return summed[columns]


def whole_areas(org_codes) -> tuple[tuple[str, str], ...] | None:
    """The (region, rurality) cells whose sites are exactly `org_codes`, or None when the
    sites are not whole cells (a trust filter, say). Sites with no rural/urban class make a
    cell of their own in each region (data_access/summary.py)."""
    frame = load_catalogue().organisations
    chosen = set(org_codes)
    rurality = [r if isinstance(r, str) else summary.UNCLASSIFIED for r in frame["rurality"]]
    cell = list(zip(frame["region"], rurality, strict=True))
    cells = {c for c, code in zip(cell, frame["code"], strict=True) if code in chosen}
    covered = {code for c, code in zip(cell, frame["code"], strict=True) if c in cells}
    return tuple(sorted(cells)) if covered == chosen else None


def all_of_england(org_codes) -> str | None:
    """The code of England's published figures when `org_codes` are every organisation and
    such figures are stored, else None."""
    catalogue = load_catalogue()
    if not catalogue.national or catalogue.organisations.empty:
        return None
    return catalogue.national if set(org_codes) >= set(catalogue.organisations["code"]) else None


def _with_national(summed: pd.DataFrame, national: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """`summed` with every (measure, period) England publishes replaced by England's own rows:
    a sum of the sites stored would be England only if every site were stored."""
    if national.empty:
        return summed
    published = set(map(tuple, national[keys].to_numpy()))
    own = summed[keys].apply(tuple, axis=1).isin(published) if not summed.empty else []
    return pd.concat([summed[~own] if len(summed) else summed, national], ignore_index=True)


def national_group_totals(national: str, measure_codes, period_codes) -> pd.DataFrame:
    """England's published figures by measure, period and group, as group totals (one
    "site"; a cell suppressed at source is withheld, and says so)."""
    rows = load_site_totals((national,), measure_codes, period_codes)
    if rows.empty:
        return rows
    shown = rows["withheld"].eq(0).astype(int)
    return rows.drop(columns=["site"]).assign(sites=shown)


def load_group_totals(org_codes, measure_codes, period_codes, fresh=False) -> pd.DataFrame:
    """Summed numerators and denominators by measure, period and group, as the current
    person may see them (summed in the database). Sites that make up whole regions (and
    ruralities) are read from the summary by area, others from the summary by site; all of
    England is England's published figures where they are stored. `fresh` reads the database
    even when the cache holds these figures."""
    summed = _load_group_totals(org_codes, measure_codes, period_codes, fresh)
    national = all_of_england(org_codes)
    if national is None:
        return summed
    own = national_group_totals(national, measure_codes, period_codes)
    return _with_national(summed, own, ["measure", "period"])


def _load_group_totals(org_codes, measure_codes, period_codes, fresh=False) -> pd.DataFrame:
    version, measures, periods = data_version(), tuple(measure_codes), tuple(period_codes)
    unrounded = unrounded_sites(org_codes)
    cells = whole_areas(org_codes)
    own_cells = None if unrounded is None else whole_areas(unrounded) if unrounded else ()
    if cells is not None and (unrounded is None or own_cells is not None):
        return _area_totals(version, cells, measures, periods, own_cells, fresh)
    args = (version, tuple(org_codes), measures, periods, unrounded)
    if fresh:
        cache.delete_memoized(_group_totals, *args)
    return _group_totals(*args)


def load_site_totals(org_codes, measure_codes, period_codes, groups=None) -> pd.DataFrame:
    """Each site's numerators and denominators, as the current person may see them, with
    `withheld` 1 on a row that disclosure control withheld (its counts are not to be shown);
    `groups`: only these DRE groups' rows (None: every group)."""
    args = (data_version(), tuple(org_codes), tuple(measure_codes), tuple(period_codes))
    groups = tuple(groups) if groups is not None else None
    return protect_site_rows(_site_totals(*args, groups), load_catalogue().organisations)


def load_ethnic_categories() -> pd.DataFrame:
    """The NHS ethnic categories (A to S, Z): code, name, dre_group, in their order."""
    return _ethnic_categories(data_version())


@cache.memoize()
def _ethnic_categories(version: int) -> pd.DataFrame:
    with database().session() as session:
        categories = queries.ethnic_categories(session)
    return categories[categories["code"] != "ALL"].reset_index(drop=True)


def load_site_category_totals(org_codes, measure_codes, period_codes) -> pd.DataFrame:
    """Each site's totals by NHS ethnic category, as the current person may see them (with
    `withheld` 1 on a row disclosure control withheld)."""
    args = (data_version(), tuple(org_codes), tuple(measure_codes), tuple(period_codes))
    return protect_site_rows(_site_category_totals(*args), load_catalogue().organisations)


def load_category_totals(org_codes, measure_codes, period_codes) -> pd.DataFrame:
    """Totals by NHS ethnic category, as the current person may see them; `withheld` counts
    the sites' rows left out of each by disclosure control."""
    national = all_of_england(org_codes)
    if national is not None:
        summed = _load_category_totals(org_codes, measure_codes, period_codes)
        own = load_site_category_totals((national,), measure_codes, period_codes)
        return _with_national(summed, own.drop(columns=["site"]), ["measure", "period"])
    return _load_category_totals(org_codes, measure_codes, period_codes)


def _load_category_totals(org_codes, measure_codes, period_codes) -> pd.DataFrame:
    args = (data_version(), tuple(org_codes), tuple(measure_codes), tuple(period_codes))
    if unrounded_sites(org_codes) is None:
        rows = _category_totals(*args)
        return rows.assign(withheld=rows.get("suppressed", 0))
    rows = protect_site_rows(_site_category_totals(*args), load_catalogue().organisations)
    by = ["measure", "period", "ethnic_code", "ethnic_name", "group"]
    return _summed(rows, by, [*by, "numerator", "denominator", "withheld", "suppressed"])
