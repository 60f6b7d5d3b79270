"""Shared data, through Flask-Caching memoised loaders keyed by primitive arguments.

Every worker reads the same database; the cache (per process by default, Redis when
configured) keeps repeated selections from re-running the same aggregate queries.
"""

from __future__ import annotations

import pandas as pd
from flask import current_app
from flask_caching import Cache

from dashboard.access import protect_site_rows, record_level
from dashboard.selection import Catalogue
from data_access import queries
from data_access.db import Database

cache = Cache()


def database() -> Database:
    return current_app.extensions["dre_db"]


@cache.memoize()
def load_catalogue() -> Catalogue:
    """Regions, organisations, characteristics, agreed measures, periods, and the retired
    measures whose history stays viewable."""
    with database().session() as session:
        return Catalogue(
            regions=queries.regions(session),
            organisations=queries.organisations(session),
            characteristics=queries.characteristics(session),
            measures=queries.measures(session),
            periods=queries.periods(session),
            retired=queries.measures(session, ("retired",)),
        )


@cache.memoize()
def load_adopted_measures(org_codes: tuple[str, ...]) -> list[str]:
    """Measures the given organisations agreed to report."""
    with database().session() as session:
        return queries.adopted_measure_codes(session, org_codes)


@cache.memoize()
def _group_totals(
    org_codes: tuple[str, ...], measure_codes: tuple[str, ...], period_codes: tuple[str, ...]
) -> pd.DataFrame:
    """Summed numerators and denominators by measure, period and group."""
    with database().session() as session:
        return queries.group_totals(session, org_codes, measure_codes, period_codes)


@cache.memoize()
def _site_totals(
    org_codes: tuple[str, ...], measure_codes: tuple[str, ...], period_codes: tuple[str, ...]
) -> pd.DataFrame:
    """Each site's numerators and denominators by measure, period and group."""
    with database().session() as session:
        return queries.site_totals(session, org_codes, measure_codes, period_codes)


@cache.memoize()
def _category_totals(
    org_codes: tuple[str, ...], measure_codes: tuple[str, ...], period_codes: tuple[str, ...]
) -> pd.DataFrame:
    """Numerators and denominators summed over the sites, by NHS ethnic category."""
    with database().session() as session:
        return queries.category_totals(session, org_codes, measure_codes, period_codes)


@cache.memoize()
def load_site_targets(org_code: str) -> pd.DataFrame:
    """One organisation's adopted measures and targets."""
    with database().session() as session:
        return queries.site_targets(session, org_code)


@cache.memoize()
def _site_category_totals(
    org_codes: tuple[str, ...], measure_codes: tuple[str, ...], period_codes: tuple[str, ...]
) -> pd.DataFrame:
    """Each site's numerators and denominators by NHS ethnic category."""
    with database().session() as session:
        return queries.category_totals(
            session, org_codes, measure_codes, period_codes, by_site=True
        )


# What leaves the cache passes through the current person's disclosure control
# (dashboard/access.py): the cache holds the database's figures once, whoever asked first.
# Totals over sites outside the person's record-level rights are summed from each site's
# controlled rows, so that no difference of two totals gives a withheld count away.


def _summed(site_rows: pd.DataFrame, by: list[str], columns: list[str]) -> pd.DataFrame:
    if site_rows.empty:
        return pd.DataFrame(columns=columns)
    summed = site_rows.groupby(by, as_index=False, sort=True, dropna=False).agg(
        numerator=("numerator", "sum"),
        denominator=("denominator", "sum"),
        sites=("site", "nunique"),
    )
    return summed[columns]


def load_group_totals(org_codes, measure_codes, period_codes, fresh=False) -> pd.DataFrame:
    """Summed numerators and denominators by measure, period and group, as the current
    person may see them. `fresh` reads the database even when the cache holds these
    figures."""
    args = (tuple(org_codes), tuple(measure_codes), tuple(period_codes))
    organisations = load_catalogue().organisations
    if record_level(org_codes, organisations):
        if fresh:
            cache.delete_memoized(_group_totals, *args)
        return _group_totals(*args)
    if fresh:
        cache.delete_memoized(_site_totals, *args)
    rows = protect_site_rows(_site_totals(*args), organisations)
    columns = ["measure", "period", "group", "numerator", "denominator", "sites"]
    return _summed(rows, ["measure", "period", "group"], columns)


def load_site_totals(org_codes, measure_codes, period_codes) -> pd.DataFrame:
    """Each site's numerators and denominators, as the current person may see them."""
    frame = _site_totals(tuple(org_codes), tuple(measure_codes), tuple(period_codes))
    return protect_site_rows(frame, load_catalogue().organisations)


def load_category_totals(org_codes, measure_codes, period_codes) -> pd.DataFrame:
    """Totals by NHS ethnic category, as the current person may see them."""
    args = (tuple(org_codes), tuple(measure_codes), tuple(period_codes))
    organisations = load_catalogue().organisations
    if record_level(org_codes, organisations):
        return _category_totals(*args)
    rows = protect_site_rows(_site_category_totals(*args), organisations)
    by = ["measure", "period", "ethnic_code", "ethnic_name", "group"]
    return _summed(rows, by, [*by, "numerator", "denominator"])
