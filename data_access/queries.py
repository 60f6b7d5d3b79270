"""Read queries. Each takes a session and returns a DataFrame; callers never see ORM objects.

Aggregation happens in the database: numerators and denominators are summed in SQL over the
selected sites, so a pooled value is always total events over total population (never an
average of rates).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from data_access.models import (
    ActionItem,
    Characteristic,
    EthnicCategory,
    Measure,
    Observation,
    Organisation,
    Period,
    Region,
    SiteMeasure,
)


def read_frame(
    session: Session, stmt: Select, types: dict[str, str] | None = None, raw: bool = False
) -> pd.DataFrame:
    """The rows of `stmt` as a DataFrame, `types` (column → dtype) given at construction.

    Run on the session's connection: the ORM's result processing (a third of a summary
    read's time) makes nothing a frame needs, as every statement here selects columns.
    `raw`: the driver's tuples, without SQLAlchemy's rows (a tenth of an aggregate read), for
    statements of codes and counts only: a date or a boolean stored in SQLite comes back as
    the text or number it is stored as, which only SQLAlchemy's rows turn back."""
    result = session.connection().execute(stmt)
    columns = list(result.keys())
    if raw:
        rows = result.cursor.fetchall() if result.cursor is not None else []
        result.close()
    else:
        rows = result.all()
    if not rows:
        return pd.DataFrame(columns=columns)
    # column by column: pandas reads a list of Row objects three times slower
    types = types or {}
    return pd.DataFrame(
        {
            name: np.array(values, dtype=types[name]) if name in types else values
            for name, values in zip(columns, zip(*rows, strict=True), strict=True)
        }
    )


def current_observations(
    stmt: Select,
    org_codes: Sequence[str],
    measure_codes: Sequence[str],
    period_codes: Sequence[str],
) -> Select:
    """`stmt` over current observations joined to their measure, period, organisation and
    ethnic category, for the given codes: the shape every aggregate below shares."""
    return (
        stmt.join(Measure, Measure.id == Observation.measure_id)
        .join(Period, Period.id == Observation.period_id)
        .join(Organisation, Organisation.id == Observation.organisation_id)
        .join(EthnicCategory, EthnicCategory.code == Observation.ethnic_code)
        .where(
            Observation.is_current.is_(True),
            Organisation.code.in_(list(org_codes)),
            Measure.code.in_(list(measure_codes)),
            Period.code.in_(list(period_codes)),
        )
    )


def regions(session: Session) -> pd.DataFrame:
    """code, name of the regions, in their conventional order."""
    return read_frame(session, select(Region.code, Region.name).order_by(Region.id))


def organisations(session: Session) -> pd.DataFrame:
    """code, name, kind, rurality (None: no rural/urban class), population, region code and
    name, parent code (None: none), and the dates it opened and closed (None: not known, or
    still open) of every organisation. A closed organisation stays: its history is shown."""
    parent = aliased(Organisation)
    stmt = (
        select(
            Organisation.code,
            Organisation.name,
            Organisation.kind,
            Organisation.rurality,
            Organisation.population,
            Region.code.label("region"),
            Region.name.label("region_name"),
            parent.code.label("parent"),
            Organisation.opened_on,
            Organisation.closed_on,
            Organisation.counts_in_areas,
        )
        .join(Region, Region.id == Organisation.region_id)
        .outerjoin(parent, parent.id == Organisation.parent_id)
        .order_by(Organisation.name)
    )
    return read_frame(session, stmt)


def national_code(session: Session) -> str | None:
    """The code of the organisation of kind "country" (England's published figures), if any."""
    return session.scalar(
        select(Organisation.code).where(Organisation.kind == "country").order_by(Organisation.id)
    )


def characteristics(session: Session) -> pd.DataFrame:
    """id, short_name, title of the twelve characteristics."""
    stmt = select(Characteristic.id, Characteristic.short_name, Characteristic.title)
    return read_frame(session, stmt.order_by(Characteristic.id))


def measures(session: Session, statuses: Sequence[str] = ("agreed",)) -> pd.DataFrame:
    """The measures on the menu with the given statuses (each with its version), with how many
    sites adopted each."""
    adopted = (
        select(SiteMeasure.measure_id, func.count().label("sites"))
        .group_by(SiteMeasure.measure_id)
        .subquery()
    )
    stmt = (
        select(
            Measure.code,
            Measure.name,
            Measure.characteristic_id.label("characteristic"),
            Measure.kind,
            Measure.unit,
            Measure.multiplier,
            Measure.polarity,
            Measure.by_ethnicity,
            Measure.comparator,
            Measure.numerator_definition,
            Measure.denominator_definition,
            Measure.source,
            Measure.status,
            Measure.plausible_min,
            Measure.plausible_max,
            Measure.numerator_may_exceed,
            Measure.version,
            func.coalesce(adopted.c.sites, 0).label("sites"),
        )
        .outerjoin(adopted, adopted.c.measure_id == Measure.id)
        .where(Measure.status.in_(list(statuses)))
        .order_by(Measure.characteristic_id, Measure.code)
    )
    return read_frame(session, stmt)


def periods(session: Session) -> pd.DataFrame:
    """code, label, granularity, start and end date of every period, oldest first."""
    stmt = select(Period.code, Period.label, Period.granularity, Period.start_date, Period.end_date)
    return read_frame(session, stmt.order_by(Period.start_date))


def adopted_measure_codes(session: Session, org_codes: Sequence[str]) -> list[str]:
    """Codes of the measures that any of these organisations adopted."""
    stmt = (
        select(Measure.code)
        .distinct()
        .join(SiteMeasure, SiteMeasure.measure_id == Measure.id)
        .join(Organisation, Organisation.id == SiteMeasure.organisation_id)
        .where(Organisation.code.in_(list(org_codes)))
        .order_by(Measure.code)
    )
    return list(session.scalars(stmt))


def adoptions(session: Session) -> set[tuple[str, str]]:
    """(site code, measure code) of every measure every site adopted: a few thousand pairs,
    read once per return rather than once per row."""
    stmt = select(Organisation.code, Measure.code).join(
        SiteMeasure, SiteMeasure.organisation_id == Organisation.id
    )
    stmt = stmt.join(Measure, Measure.id == SiteMeasure.measure_id)
    return {(site, measure) for site, measure in session.execute(stmt)}


def site_targets(session: Session, org_code: str) -> pd.DataFrame:
    """The measures one organisation adopted, with its target for each (NaN without one).

    Columns: measure, target.
    """
    stmt = (
        select(Measure.code.label("measure"), SiteMeasure.target)
        .join(SiteMeasure, SiteMeasure.measure_id == Measure.id)
        .join(Organisation, Organisation.id == SiteMeasure.organisation_id)
        .where(Organisation.code == org_code)
        .order_by(Measure.characteristic_id, Measure.code)
    )
    frame = read_frame(session, stmt)
    if frame.empty:
        return pd.DataFrame(columns=["measure", "target"])
    return frame.astype({"target": "float64"})


def ethnic_categories(session: Session) -> pd.DataFrame:
    """code, name, broad_group, dre_group and scheme of the NHS ethnic categories (A…S, Z;
    "nhs"), the 2021 census top-level groups ("census_2021") and the ALL pseudo-code, in their
    conventional order."""
    stmt = select(
        EthnicCategory.code,
        EthnicCategory.name,
        EthnicCategory.broad_group,
        EthnicCategory.dre_group,
        EthnicCategory.scheme,
    )
    return read_frame(session, stmt.order_by(EthnicCategory.sort_order))


def action_items(session: Session, org_codes: Sequence[str] | None = None) -> pd.DataFrame:
    """The action plans: id, site, characteristic, action, owner, due date, status, progress
    note and date, who updated it and when, its version; by site, characteristic and due
    date."""
    stmt = (
        select(
            ActionItem.id,
            Organisation.code.label("site"),
            Organisation.name.label("site_name"),
            ActionItem.characteristic_id.label("characteristic"),
            ActionItem.action,
            ActionItem.owner,
            ActionItem.due_date,
            ActionItem.status,
            ActionItem.progress_note,
            ActionItem.progress_date,
            ActionItem.updated_by,
            ActionItem.updated_at,
            ActionItem.version,
        )
        .join(Organisation, Organisation.id == ActionItem.organisation_id)
        .order_by(Organisation.code, ActionItem.characteristic_id, ActionItem.due_date)
    )
    if org_codes is not None:
        stmt = stmt.where(Organisation.code.in_(list(org_codes)))
    return read_frame(session, stmt)


def revision_history(session: Session, org_code: str, limit: int = 200) -> pd.DataFrame:
    """Every stored revision of the cells of one site that were resubmitted, newest first:
    measure, period, ethnic code, revision, numerator, denominator, who, when, current."""
    revised = (
        select(Observation.measure_id, Observation.period_id, Observation.ethnic_code)
        .join(Organisation, Organisation.id == Observation.organisation_id)
        .where(Organisation.code == org_code, Observation.revision > 1)
        .subquery()
    )
    stmt = (
        select(
            Measure.code.label("measure"),
            Period.code.label("period"),
            Observation.ethnic_code,
            Observation.revision,
            Observation.numerator,
            Observation.denominator,
            Observation.submitted_by,
            Observation.submitted_at,
            Observation.is_current,
        )
        .join(Organisation, Organisation.id == Observation.organisation_id)
        .join(Measure, Measure.id == Observation.measure_id)
        .join(Period, Period.id == Observation.period_id)
        .join(
            revised,
            (revised.c.measure_id == Observation.measure_id)
            & (revised.c.period_id == Observation.period_id)
            & (revised.c.ethnic_code == Observation.ethnic_code),
        )
        .where(Organisation.code == org_code)
        .distinct()
        .order_by(
            Observation.submitted_at.desc(),
            Measure.code,
            Period.code,
            Observation.ethnic_code,
            Observation.revision.desc(),
        )
        .limit(limit)
    )
    return read_frame(session, stmt)


def stored_cells(
    session: Session, org_codes: Sequence[str], measure_codes: Sequence[str], periods: Sequence[str]
) -> pd.DataFrame:
    """The current numerator and denominator of every cell of these sites, measures and
    periods: site, measure, period, ethnic_code, numerator, denominator, and the revision
    and id of the observation that holds them.

    Asked by ids (a handful of codes, whatever the number of cells) and named here, so that a
    return's history of 100,000 cells is read without a join per row."""
    names = {
        table: dict(
            session.execute(select(table.id, table.code).where(table.code.in_(codes))).all()
        )
        for table, codes in (
            (Organisation, list(org_codes)),
            (Measure, list(measure_codes)),
            (Period, list(periods)),
        )
    }
    stmt = select(
        Observation.organisation_id.label("site"),
        Observation.measure_id.label("measure"),
        Observation.period_id.label("period"),
        Observation.ethnic_code,
        Observation.numerator,
        Observation.denominator,
        Observation.revision,
        Observation.id.label("observation_id"),
    ).where(
        Observation.is_current.is_(True),
        Observation.organisation_id.in_(sorted(names[Organisation])),
        Observation.measure_id.in_(sorted(names[Measure])),
        Observation.period_id.in_(sorted(names[Period])),
    )
    frame = read_frame(session, stmt)
    for column, table in (("site", Organisation), ("measure", Measure), ("period", Period)):
        frame[column] = frame[column].map(names[table])
    return frame
