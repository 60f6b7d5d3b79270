"""Writes to the store. A return is written in one transaction with its audit entry: all of
its rows or none; a resubmitted cell becomes a new revision and the old one stays as history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import pandas as pd
from sqlalchemy import insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
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


def ensure_periods(session: Session, periods: Iterable[Mapping]) -> None:
    """Add the periods (code, label, granularity, start_date, end_date) the store does not
    hold yet, in the session's transaction: a return for the quarter that just ended brings its
    period with it. A period added meanwhile by another return is left as it is (ON CONFLICT
    DO NOTHING), so two returns for a new quarter do not refuse each other."""
    rows = [dict(p) for p in periods]
    if not rows:
        return
    # The store runs on PostgreSQL or SQLite (data_access/db.py); both say ON CONFLICT alike.
    postgres = session.get_bind().dialect.name == "postgresql"
    make = postgresql.insert if postgres else sqlite.insert
    session.execute(make(Period).on_conflict_do_nothing(), rows)


def lock_sites(session: Session, site_codes: list[str]) -> None:
    """Hold the sites' rows until the transaction ends (SELECT ... FOR UPDATE on
    PostgreSQL; SQLite writes one transaction at a time and ignores the clause)."""
    session.execute(
        select(Organisation.id)
        .where(Organisation.code.in_(site_codes))
        .order_by(Organisation.id)
        .with_for_update()
    ).all()


#: Ids per statement in the batched reads and writes below: well under SQLite's 32,766 and
#: PostgreSQL's 65,535 parameters, and no long tuple `IN` for PostgreSQL's parser to recurse on.
BATCH = 5_000


def _chunks(values: list, size: int = BATCH):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def current_values(session: Session, rows: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """The current numerator, denominator, revision and id of each cell in `rows` (columns
    of KEY), NaN where the store has none, with the ids of its site, measure and period.

    `stored` holds the current cells of the return's sites and measures over at least its
    periods (`queries.stored_cells`: a handful of codes asked, whatever the number of rows,
    and read once for this and for the return's warnings); they are matched to the rows
    here."""
    if rows.empty:
        return rows.assign(
            current_numerator=pd.NA, current_denominator=pd.NA, revision=0, observation_id=pd.NA
        )
    named = {"numerator": "current_numerator", "denominator": "current_denominator"}
    current = stored[[*KEY, "numerator", "denominator", "revision", "observation_id"]]
    merged = _ids(session, rows).merge(current.rename(columns=named), on=KEY, how="left")
    merged["revision"] = merged["revision"].fillna(0).astype(int)
    return merged


def _insert_observations(session: Session, rows: list[dict]) -> None:
    """Add the rows in the session's transaction: on PostgreSQL with COPY (psycopg's
    executemany sends 50,000 rows as 50,000 statements: 7 s of a return's store), elsewhere
    as batched inserts. The column names are the model's own, never input."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        for chunk in _chunks(rows):
            session.execute(insert(Observation), chunk)
        return
    columns = list(rows[0])
    table = Observation.__table__
    statement = f"COPY {table.name} ({', '.join(table.c[c].name for c in columns)}) FROM STDIN"
    cursor = connection.connection.driver_connection.cursor()
    with cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def _count(value) -> int | None:
    """A stored count: a whole number, or None (NULL) where it is suppressed at source."""
    return None if pd.isna(value) else int(value)


def write_revisions(session: Session, changed: pd.DataFrame, actor: str) -> None:
    """Write the new and revised cells of a plan (`current_values` with a `status`): each
    revised cell's current row stops being current, and every cell gets a row with the next
    revision, in the session's transaction."""
    now = dt.datetime.now(dt.UTC)
    revised = changed[changed["status"] == "revised"]
    for chunk in _chunks([int(i) for i in revised["observation_id"]]):
        session.execute(
            update(Observation)
            .where(Observation.id.in_(chunk), Observation.is_current.is_(True))
            .values(is_current=False)
            .execution_options(synchronize_session=False)
        )
    _insert_observations(
        session,
        [
            {
                "measure_id": int(r.measure_id),
                "measure_kind": r.kind,
                "organisation_id": int(r.organisation_id),
                "period_id": int(r.period_id),
                "ethnic_code": r.ethnic_code,
                "numerator": _count(r.numerator),
                "denominator": _count(r.denominator),
                "revision": int(r.revision) + 1,
                "is_current": True,
                "submitted_by": actor,
                "submitted_at": now,
            }
            for r in changed.itertuples()
        ],
    )


def store_return(
    session: Session,
    plan: pd.DataFrame,
    actor: str,
    file_name: str,
    checksum: str,
    confirmed_warnings: list[str] | None = None,
) -> AuditEntry:
    """Write the new and revised cells of `plan` (from `current_values`, with a `status`
    column) and the audit entry, which keeps the texts of the warnings the uploader
    confirmed; the caller's transaction makes it all or nothing."""
    changed = plan[plan["status"] != "unchanged"]
    revised = changed[changed["status"] == "revised"]
    write_revisions(session, changed, actor)
    return record(
        session,
        actor,
        "import_returns",
        file_name,
        new=int((plan["status"] == "new").sum()),
        revised=len(revised),
        unchanged=int((plan["status"] == "unchanged").sum()),
        checksum=checksum,
        details={"confirmed_warnings": confirmed_warnings} if confirmed_warnings else None,
    )
