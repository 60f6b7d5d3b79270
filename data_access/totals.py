"""Totals for the pages: each site's (or each region's) current numerators and
denominators by measure, period and DRE group, summed in SQL from the summary tables
(data_access/summary.py) or, by ethnic category, from the observations.

Viewers' totals are sums of per-site disclosure-controlled counts, so that comparing two
selections cannot give a withheld count away.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import BigInteger, Select, and_, case, cast, false, func, select, tuple_
from sqlalchemy.orm import Session

from data_access.models import (
    AreaGroupTotal,
    EthnicCategory,
    Measure,
    Observation,
    Organisation,
    Period,
    Region,
    SiteGroupTotal,
)
from data_access.queries import current_observations, read_frame


def _summary(
    stmt: Select,
    org_codes: Sequence[str],
    measure_codes: Sequence[str],
    period_codes: Sequence[str],
) -> Select:
    """`stmt` over the summary table (each site's current totals by DRE group, see
    data_access/summary.py) joined to its measure, period and organisation, for the codes."""
    return (
        stmt.join(Measure, Measure.id == SiteGroupTotal.measure_id)
        .join(Period, Period.id == SiteGroupTotal.period_id)
        .join(Organisation, Organisation.id == SiteGroupTotal.organisation_id)
        .where(
            Organisation.code.in_(list(org_codes)),
            Measure.code.in_(list(measure_codes)),
            Period.code.in_(list(period_codes)),
        )
    )


def group_totals(
    session: Session,
    org_codes: Sequence[str],
    measure_codes: Sequence[str],
    period_codes: Sequence[str],
    unrounded: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Current numerators and denominators summed over the sites, by measure, period and group.

    `unrounded` names the sites whose figures are summed as stored (None: every site); every
    other site's figures are summed as a viewer may see them (disclosure control per site and
    cell: a row with a count of 1 to 7 left out, the rest rounded to 5), so no difference of
    two totals gives a withheld count away.

    Columns: measure, period, group (white_british, bme, not_stated, all), numerator,
    denominator, sites (how many of the sites' figures went into that cell), withheld (how
    many were left out by disclosure control or suppressed at source), suppressed (how many of
    those were suppressed at source, for everyone). A cell whose every site is withheld is kept,
    with no site and counts of 0: the reader is told it is withheld, not that nobody returned
    (`dashboard.stats.disclosure.withheld_values`).
    """
    columns = [*_COLUMNS, "suppressed"]
    if not (org_codes and measure_codes and period_codes):
        return pd.DataFrame(columns=columns)
    cut = SiteGroupTotal.suppressed > 0
    numerator = case((cut, None), else_=SiteGroupTotal.numerator)
    denominator = case((cut, None), else_=SiteGroupTotal.denominator)
    if unrounded is not None:
        own = Organisation.code.in_(list(unrounded)) if unrounded else false()
        numerator = case((own, numerator), else_=SiteGroupTotal.shown_numerator)
        denominator = case((own, denominator), else_=SiteGroupTotal.shown_denominator)
    stmt = _summary(
        select(
            Measure.code.label("measure"),
            Period.code.label("period"),
            SiteGroupTotal.dre_group.label("group"),
            cast(func.coalesce(func.sum(numerator), 0), BigInteger).label("numerator"),
            cast(func.coalesce(func.sum(denominator), 0), BigInteger).label("denominator"),
            func.count(numerator).label("sites"),
            (func.count() - func.count(numerator)).label("withheld"),
            func.count(case((cut, 1))).label("suppressed"),
        ),
        org_codes,
        measure_codes,
        period_codes,
    ).group_by(Measure.code, Period.code, SiteGroupTotal.dre_group)
    return _typed(session, stmt, columns)


_COLUMNS = ["measure", "period", "group", "numerator", "denominator", "sites", "withheld"]


#: The summed counts: whole numbers, typed as the frame is made.
_COUNTS = dict.fromkeys(("numerator", "denominator", "sites", "withheld", "suppressed"), "int64")


#: The order of the totals' rows: by the codes they are grouped by, as text.
_ORDER = ["measure", "period", "group"]


def _typed(session: Session, stmt: Select, columns: list[str]) -> pd.DataFrame:
    """The totals of `stmt` (grouped by measure, period and group code) in the order of
    those codes. SQLite groups by sorting, so an ORDER BY of the same columns is free there.
    PostgreSQL groups by hashing: sorting its 9,000 rows of a region took the server 5 to
    12 ms of a 35 ms read, pandas 4 ms, and pandas orders text by code point whatever the
    database's collation, as SQLite does."""
    sorted_in_sql = session.get_bind().dialect.name == "sqlite"
    if sorted_in_sql:
        stmt = stmt.order_by(*(stmt.selected_columns[c] for c in _ORDER))
    frame = read_frame(session, stmt, _COUNTS, raw=True)  # codes and counts only
    if frame.empty:
        return pd.DataFrame(columns=columns)
    return frame if sorted_in_sql else frame.sort_values(_ORDER, ignore_index=True)


def area_totals(
    session: Session,
    cells: Sequence[tuple[str, str]],
    measure_codes: Sequence[str] | None = None,
    period_codes: Sequence[str] | None = None,
    unrounded: Sequence[tuple[str, str]] | None = None,
) -> pd.DataFrame:
    """`group_totals` for every site of the given (region code, rurality) cells, from the
    summary one level up: the same figures, from a few rows a cell instead of one a site.
    `unrounded` names the cells summed as stored (None: all of them); no measure or period
    codes (None): every measure and period stored."""
    columns = [*_COLUMNS, "suppressed"]
    if not cells or any(c is not None and not c for c in (measure_codes, period_codes)):
        return pd.DataFrame(columns=columns)
    t = AreaGroupTotal
    # Cells suppressed at source hold counts of 0 and are left out for everyone.
    numerator, denominator, sites = t.numerator, t.denominator, t.sites - t.suppressed_sites
    if unrounded is not None:
        own = tuple_(Region.code, t.rurality).in_(list(unrounded)) if unrounded else false()
        numerator = case((own, numerator), else_=t.shown_numerator)
        denominator = case((own, denominator), else_=t.shown_denominator)
        sites = case((own, sites), else_=t.shown_sites)
    chosen = [_in_cells(Region.code, t.rurality, cells)]
    if measure_codes is not None:
        chosen.append(Measure.code.in_(list(measure_codes)))
    if period_codes is not None:
        chosen.append(Period.code.in_(list(period_codes)))
    stmt = (
        select(
            Measure.code.label("measure"),
            Period.code.label("period"),
            t.dre_group.label("group"),
            cast(func.coalesce(func.sum(numerator), 0), BigInteger).label("numerator"),
            cast(func.coalesce(func.sum(denominator), 0), BigInteger).label("denominator"),
            cast(func.sum(sites), BigInteger).label("sites"),
            cast(func.sum(t.sites) - func.sum(sites), BigInteger).label("withheld"),
            cast(func.sum(t.suppressed_sites), BigInteger).label("suppressed"),
        )
        .join(Measure, Measure.id == t.measure_id)
        .join(Period, Period.id == t.period_id)
        .join(Region, Region.id == t.region_id)
        .where(*chosen)
        .group_by(Measure.code, Period.code, t.dre_group)
    )
    return _typed(session, stmt, columns)


def _in_cells(region, rurality, cells: Sequence[tuple[str, str]]):
    """(region, rurality) in `cells`: as two plain IN lists when the cells are every pair of
    their regions and ruralities (all sites of whole regions, the usual choice), which the
    databases match on their indexes; a row-value IN was twice as slow on SQLite."""
    regions = sorted({r for r, _ in cells})
    ruralities = sorted({u for _, u in cells})
    if len(set(cells)) == len(regions) * len(ruralities):
        return and_(region.in_(regions), rurality.in_(ruralities))
    return tuple_(region, rurality).in_(list(cells))


def combined(
    frames: Sequence[pd.DataFrame], measure_codes: Sequence[str], period_codes: Sequence[str]
) -> pd.DataFrame:
    """The sum of areas' totals (`area_totals`, each in code order) for the measures and
    periods, by measure, period and group in the order of those codes: a region read once
    with every measure and period is then a part of any set of regions, measures and periods
    (a pair of regions after each region alone costs no query)."""
    columns = [*_COLUMNS, "suppressed"]
    parts = [
        frame[frame["measure"].isin(measure_codes) & frame["period"].isin(period_codes)]
        for frame in frames
        if not frame.empty
    ]
    parts = [part for part in parts if not part.empty]
    if not parts:
        return pd.DataFrame(columns=columns)
    if len(parts) == 1:
        return parts[0].reset_index(drop=True)[columns]
    summed = pd.concat(parts, ignore_index=True).groupby(_ORDER, as_index=False, sort=True).sum()
    return summed[columns].astype(_COUNTS)


def site_totals(
    session: Session,
    org_codes: Sequence[str],
    measure_codes: Sequence[str],
    period_codes: Sequence[str],
    groups: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Current numerators and denominators of each site, by measure, period and group.

    Columns: site, measure, period, group (white_british, bme, not_stated, all), numerator,
    denominator, suppressed (1 where a category of the cell is suppressed at source: its
    counts are 0 and never shown). A site with no return for a cell has no row for it.
    `groups`: only these groups' rows (None: every group).
    """
    columns = ["site", "measure", "period", "group", "numerator", "denominator", "suppressed"]
    if not (org_codes and measure_codes and period_codes):
        return pd.DataFrame(columns=columns)
    stmt = _summary(
        select(
            Organisation.code.label("site"),
            Measure.code.label("measure"),
            Period.code.label("period"),
            SiteGroupTotal.dre_group.label("group"),
            SiteGroupTotal.numerator,
            SiteGroupTotal.denominator,
            case((SiteGroupTotal.suppressed > 0, 1), else_=0).label("suppressed"),
        ),
        org_codes,
        measure_codes,
        period_codes,
    )
    if groups is not None:
        stmt = stmt.where(SiteGroupTotal.dre_group.in_(list(groups)))
    counts = dict.fromkeys(["numerator", "denominator", "suppressed"], "int64")
    frame = read_frame(session, stmt, counts, raw=True)  # codes and counts only
    return frame if not frame.empty else pd.DataFrame(columns=columns)


def category_totals(
    session: Session,
    org_codes: Sequence[str],
    measure_codes: Sequence[str],
    period_codes: Sequence[str],
    by_site: bool = False,
) -> pd.DataFrame:
    """Current numerators and denominators summed over the sites, by NHS ethnic category
    (and by site, in a first `site` column, with `by_site`).

    Columns: measure, period, ethnic_code, ethnic_name, group, numerator, denominator,
    suppressed (how many of the summed cells were suppressed at source: left out of the sums,
    as withheld cells are, and a cell of one site suppressed has counts of 0 never shown).
    """
    site = [Organisation.code.label("site")] if by_site else []
    columns = [
        *(["site"] if by_site else []),
        "measure",
        "period",
        "ethnic_code",
        "ethnic_name",
        "group",
        "numerator",
        "denominator",
        "suppressed",
    ]
    if not (org_codes and measure_codes and period_codes):
        return pd.DataFrame(columns=columns)
    stmt = (
        current_observations(
            select(
                *site,
                Measure.code.label("measure"),
                Period.code.label("period"),
                EthnicCategory.code.label("ethnic_code"),
                EthnicCategory.name.label("ethnic_name"),
                EthnicCategory.dre_group.label("group"),
                func.coalesce(func.sum(Observation.numerator), 0).label("numerator"),
                func.coalesce(func.sum(Observation.denominator), 0).label("denominator"),
                (func.count() - func.count(Observation.numerator)).label("suppressed"),
            ),
            org_codes,
            measure_codes,
            period_codes,
        )
        .group_by(
            *(Organisation.code for _ in site),
            Measure.code,
            Period.code,
            EthnicCategory.code,
            EthnicCategory.name,
            EthnicCategory.dre_group,
            EthnicCategory.sort_order,
        )
        .order_by(EthnicCategory.sort_order)
    )
    frame = read_frame(session, stmt)
    if frame.empty:
        return pd.DataFrame(columns=columns)
    return frame.astype({"numerator": "int64", "denominator": "int64", "suppressed": "int64"})
