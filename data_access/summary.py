"""The summary table and the data version, kept in step with every write of observations.

`site_group_total` holds each site's current numerators and denominators by measure, period
and DRE group (the observations summed over ethnic categories), with the counts a viewer may
see beside them. The pages aggregate this table, about a fifth of the observations' rows,
instead of the observations on every view. `refresh` rewrites the rows of the sites a write
touched, and the rows of their region and rurality in `area_group_total` (the same sums one
level up, for selections of whole regions), inside the write's own transaction: neither can
disagree with what was committed. The same transaction moves the data version on
(`bump_version`), which every cached figure is keyed by (dashboard/loaders.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import (
    BigInteger,
    Connection,
    String,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    literal_column,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from data_access.models import (
    AreaGroupTotal,
    DataVersion,
    EthnicCategory,
    Observation,
    Organisation,
    SiteGroupTotal,
)

#: The NHS Digital rule of dashboard/stats/disclosure.py (a test holds the two in step): a count
#: of 1 to SUPPRESS_UP_TO withholds its row, the others are rounded half up to ROUND_TO.
SUPPRESS_UP_TO = 7
ROUND_TO = 5
#: The rurality of the area cell that holds the sites with no rural/urban class (an ICB, say):
#: they count in their region and in England, never under urban or rural.
UNCLASSIFIED = "unclassified"


def _shown(count, withheld):
    """A count as a viewer sees it: NULL when the row is withheld, else rounded half up to
    the nearest ROUND_TO (for whole numbers, floor((x + 2) / 5) * 5 is exactly that)."""
    return case((withheld, None), else_=(count + ROUND_TO // 2) // ROUND_TO * ROUND_TO)


def refresh(bind: Connection | Session, organisation_ids: Sequence[int] | None = None) -> None:
    """Rewrite the summary rows of these organisations (all of them when None) from their
    current observations, in the caller's transaction."""
    grouped = (
        select(
            Observation.organisation_id,
            Observation.measure_id,
            Observation.period_id,
            EthnicCategory.dre_group,
            # SUM of a BIGINT is NUMERIC on PostgreSQL: cast back, so "// 5" divides whole numbers
            cast(func.sum(Observation.numerator), BigInteger).label("numerator"),
            cast(func.sum(Observation.denominator), BigInteger).label("denominator"),
            (func.count() - func.count(Observation.numerator)).label("suppressed"),
        )
        .join(EthnicCategory, EthnicCategory.code == Observation.ethnic_code)
        .where(Observation.is_current.is_(True))
        .group_by(
            Observation.organisation_id,
            Observation.measure_id,
            Observation.period_id,
            EthnicCategory.dre_group,
        )
    )
    clear = delete(SiteGroupTotal)
    if organisation_ids is not None:
        ids = [int(i) for i in organisation_ids]
        if not ids:
            return
        grouped = grouped.where(Observation.organisation_id.in_(ids))
        clear = clear.where(SiteGroupTotal.organisation_id.in_(ids))
    sums = grouped.subquery()
    small = literal(1)
    # A cell with a category suppressed at source has no known total: its counts are 0, never
    # shown (`suppressed` says why), and it is left out of every sum it would be part of.
    suppressed = sums.c.suppressed > 0
    numerator = case((suppressed, 0), else_=func.coalesce(sums.c.numerator, 0))
    denominator = case((suppressed, 0), else_=func.coalesce(sums.c.denominator, 0))
    withheld = (
        suppressed
        | sums.c.numerator.between(small, SUPPRESS_UP_TO)
        | sums.c.denominator.between(small, SUPPRESS_UP_TO)
    )
    rows = select(
        sums.c.organisation_id,
        sums.c.measure_id,
        sums.c.period_id,
        sums.c.dre_group,
        numerator,
        denominator,
        _shown(sums.c.numerator, withheld),
        _shown(sums.c.denominator, withheld),
        sums.c.suppressed,
    )
    columns = [
        "organisation_id",
        "measure_id",
        "period_id",
        "dre_group",
        "numerator",
        "denominator",
        "shown_numerator",
        "shown_denominator",
        "suppressed",
    ]
    bind.execute(clear)
    bind.execute(insert(SiteGroupTotal).from_select(columns, rows))
    _refresh_areas(bind, organisation_ids)
    bump_version(bind)
    if organisation_ids is None or len(organisation_ids) >= ANALYSE_FROM:
        analyse(bind)


#: Organisations rewritten at once from which PostgreSQL's statistics are refreshed: an
#: import or a seed, not a site's return (a few rows among many change nothing it plans by).
ANALYSE_FROM = 20
#: The tables every page and the API read, after a bulk write of observations.
#: The summaries and what they are joined to: a join's estimate needs both sides' statistics
#: (with the regions never analysed, a pair of regions was planned at 771 rows of 34,437, and
#: read by 34,437 index lookups of the measures: 122 ms, where hash joins take 96 ms).
ANALYSED = ("observation", "site_group_total", "area_group_total")
ANALYSED += ("region", "organisation", "measure", "period")


def analyse(bind: Connection | Session) -> None:
    """PostgreSQL's statistics of the tables the pages read, brought up to date (ANALYZE).

    It plans every query by them, and a bulk write leaves them stale until autovacuum comes
    round (never, where it is off): on a new national database, with none, it read a region's
    aggregates with nested loops in 39 ms where hash joins took 18 ms. SQLite plans without
    them; nothing is done there."""
    dialect = bind.dialect if isinstance(bind, Connection) else bind.get_bind().dialect
    if dialect.name == "postgresql":
        bind.execute(text(f"ANALYZE {', '.join(ANALYSED)}"))  # names of ours, not input


def refresh_areas(bind: Connection | Session) -> None:
    """Rewrite every area row from the site rows, in the caller's transaction: after sites
    moved to another region or rural/urban class, their figures move with them."""
    _refresh_areas(bind, None)


def _refresh_areas(bind: Connection | Session, organisation_ids: Sequence[int] | None) -> None:
    """Rewrite the area rows (region and rurality) holding these organisations."""
    # A literal, not a bound parameter: PostgreSQL would see the SELECT's and the GROUP BY's
    # parameters as two expressions and refuse the grouping.
    rurality = func.coalesce(
        Organisation.rurality, literal_column(f"'{UNCLASSIFIED}'"), type_=String(24)
    )
    cell = tuple_(Organisation.region_id, rurality)
    grouped = (
        select(
            Organisation.region_id,
            rurality,
            SiteGroupTotal.measure_id,
            SiteGroupTotal.period_id,
            SiteGroupTotal.dre_group,
            cast(func.sum(SiteGroupTotal.numerator), BigInteger),
            cast(func.sum(SiteGroupTotal.denominator), BigInteger),
            func.count(),
            cast(func.sum(SiteGroupTotal.shown_numerator), BigInteger),
            cast(func.sum(SiteGroupTotal.shown_denominator), BigInteger),
            func.count(SiteGroupTotal.shown_numerator),
            func.count(case((SiteGroupTotal.suppressed > 0, 1))),
        )
        .join(Organisation, Organisation.id == SiteGroupTotal.organisation_id)
        # England's own figures and organisations overlapping their area's others (a
        # publication's trusts beside its ICBs) are not added up into an area.
        .where(Organisation.counts_in_areas.is_(True), Organisation.region_id.is_not(None))
        .group_by(
            Organisation.region_id,
            rurality,
            SiteGroupTotal.measure_id,
            SiteGroupTotal.period_id,
            SiteGroupTotal.dre_group,
        )
    )
    clear = delete(AreaGroupTotal)
    if organisation_ids is not None:
        cells = bind.execute(
            select(Organisation.region_id, rurality)
            .distinct()
            .where(Organisation.id.in_([int(i) for i in organisation_ids]))
        ).all()
        wanted = [tuple(c) for c in cells]
        grouped = grouped.where(cell.in_(wanted))
        clear = clear.where(tuple_(AreaGroupTotal.region_id, AreaGroupTotal.rurality).in_(wanted))
    columns = [
        *("region_id", "rurality", "measure_id", "period_id", "dre_group"),
        *("numerator", "denominator", "sites", "shown_numerator", "shown_denominator"),
        "shown_sites",
        "suppressed_sites",
    ]
    bind.execute(clear)
    bind.execute(insert(AreaGroupTotal).from_select(columns, grouped))


def bump_version(bind: Connection | Session) -> None:
    """Move the data version on, in the caller's transaction (the first write makes the row)."""
    now = dt.datetime.now(dt.UTC)
    moved = bind.execute(
        update(DataVersion)
        .where(DataVersion.id == 1)
        .values(version=DataVersion.version + 1, changed_at=now)
    )
    if moved.rowcount == 0:
        bind.execute(insert(DataVersion).values(id=1, version=1, changed_at=now))


def current_version(bind: Connection | Session) -> int:
    """The data version (0 before anything was written)."""
    return int(bind.scalar(select(DataVersion.version).where(DataVersion.id == 1)) or 0)
