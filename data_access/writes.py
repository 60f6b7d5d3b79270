"""Writes to the store. A return is written in one transaction with its audit entry: all of
its rows or none; a resubmitted cell becomes a new revision and the old one stays as history."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import select, tuple_, update
from sqlalchemy.orm import Session

from data_access.audit import record
from data_access.models import AuditEntry, Measure, Observation, Organisation, Period

KEY = ["site", "measure", "period", "ethnic_code"]


def _ids(session: Session, rows: pd.DataFrame) -> pd.DataFrame:
    """rows with organisation_id, measure_id and period_id added."""
    orgs = dict(session.execute(select(Organisation.code, Organisation.id)).all())
    measures = dict(session.execute(select(Measure.code, Measure.id)).all())
    periods = dict(session.execute(select(Period.code, Period.id)).all())
    return rows.assign(
        organisation_id=rows["site"].map(orgs),
        measure_id=rows["measure"].map(measures),
        period_id=rows["period"].map(periods),
    )


def lock_sites(session: Session, site_codes: list[str]) -> None:
    """Hold the sites' rows until the transaction ends (SELECT ... FOR UPDATE on
    PostgreSQL; SQLite writes one transaction at a time and ignores the clause)."""
    session.execute(
        select(Organisation.id)
        .where(Organisation.code.in_(site_codes))
        .order_by(Organisation.id)
        .with_for_update()
    ).all()


def current_values(session: Session, rows: pd.DataFrame) -> pd.DataFrame:
    """The current numerator, denominator and revision of each cell in `rows` (columns of
    KEY), NaN where the store has none."""
    if rows.empty:
        return rows.assign(current_numerator=pd.NA, current_denominator=pd.NA, revision=0)
    keyed = _ids(session, rows)
    wanted = list(
        zip(
            keyed["measure_id"],
            keyed["organisation_id"],
            keyed["period_id"],
            keyed["ethnic_code"],
            strict=True,
        )
    )
    stmt = select(
        Observation.measure_id,
        Observation.organisation_id,
        Observation.period_id,
        Observation.ethnic_code,
        Observation.numerator.label("current_numerator"),
        Observation.denominator.label("current_denominator"),
        Observation.revision,
    ).where(
        Observation.is_current.is_(True),
        tuple_(
            Observation.measure_id,
            Observation.organisation_id,
            Observation.period_id,
            Observation.ethnic_code,
        ).in_(wanted),
    )
    result = session.execute(stmt)
    current = pd.DataFrame(result.all(), columns=list(result.keys()))
    ids = ["measure_id", "organisation_id", "period_id", "ethnic_code"]
    merged = (
        keyed.merge(current, on=ids, how="left")
        if not current.empty
        else keyed.assign(current_numerator=pd.NA, current_denominator=pd.NA, revision=pd.NA)
    )
    merged["revision"] = merged["revision"].fillna(0).astype(int)
    return merged


def store_return(
    session: Session, plan: pd.DataFrame, actor: str, file_name: str, checksum: str
) -> AuditEntry:
    """Write the new and revised cells of `plan` (from `current_values`, with a `status`
    column) and the audit entry; the caller's transaction makes it all or nothing."""
    now = dt.datetime.now(dt.UTC)
    changed = plan[plan["status"] != "unchanged"]
    revised = changed[changed["status"] == "revised"]
    for r in revised.itertuples():
        session.execute(
            update(Observation)
            .where(
                Observation.measure_id == int(r.measure_id),
                Observation.organisation_id == int(r.organisation_id),
                Observation.period_id == int(r.period_id),
                Observation.ethnic_code == r.ethnic_code,
                Observation.is_current.is_(True),
            )
            .values(is_current=False)
        )
    session.add_all(
        Observation(
            measure_id=int(r.measure_id),
            measure_kind=r.kind,
            organisation_id=int(r.organisation_id),
            period_id=int(r.period_id),
            ethnic_code=r.ethnic_code,
            numerator=int(r.numerator),
            denominator=int(r.denominator),
            revision=int(r.revision) + 1,
            is_current=True,
            submitted_by=actor,
            submitted_at=now,
        )
        for r in changed.itertuples()
    )
    return record(
        session,
        actor,
        "import_returns",
        file_name,
        new=int((plan["status"] == "new").sum()),
        revised=len(revised),
        unchanged=int((plan["status"] == "unchanged").sum()),
        checksum=checksum,
    )
