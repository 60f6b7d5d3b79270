"""Shared data, through Flask-Caching memoised loaders keyed by primitive arguments.

Every worker reads the same database; the cache (per process by default, Redis when
configured) keeps repeated selections from re-running the same aggregate queries.
"""

from __future__ import annotations

import pandas as pd
from flask import current_app
from flask_caching import Cache

from dashboard.selection import Catalogue
from data_access import queries
from data_access.db import Database

cache = Cache()


def database() -> Database:
    return current_app.extensions["dre_db"]


@cache.memoize()
def load_catalogue() -> Catalogue:
    """Regions, organisations, characteristics, agreed measures and periods."""
    with database().session() as session:
        return Catalogue(
            regions=queries.regions(session),
            organisations=queries.organisations(session),
            characteristics=queries.characteristics(session),
            measures=queries.measures(session),
            periods=queries.periods(session),
        )


@cache.memoize()
def load_adopted_measures(org_codes: tuple[str, ...]) -> list[str]:
    """Measures the given organisations agreed to report."""
    with database().session() as session:
        return queries.adopted_measure_codes(session, org_codes)


@cache.memoize()
def load_group_totals(
    org_codes: tuple[str, ...], measure_codes: tuple[str, ...], period_codes: tuple[str, ...]
) -> pd.DataFrame:
    """Summed numerators and denominators by measure, period and group."""
    with database().session() as session:
        return queries.group_totals(session, org_codes, measure_codes, period_codes)


@cache.memoize()
def load_site_totals(
    org_codes: tuple[str, ...], measure_codes: tuple[str, ...], period_codes: tuple[str, ...]
) -> pd.DataFrame:
    """Each site's numerators and denominators by measure, period and group."""
    with database().session() as session:
        return queries.site_totals(session, org_codes, measure_codes, period_codes)


@cache.memoize()
def load_category_totals(
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
