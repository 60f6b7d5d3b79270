"""What the menu's tests share: a new measure as the form sends it, and the counts, the audit
entries and the statuses read back from the database written to."""

from __future__ import annotations

from sqlalchemy import func, select

from data_access.db import Database
from data_access.models import AuditEntry, Measure, SiteMeasure

NEW_MEASURE = {
    "code": " m12e ",
    "characteristic": 12,
    "name": "  Staff   with cultural competence supervision ",
    "kind": "proportion",
    "polarity": "higher_is_better",
    "unit": "%",
    "multiplier": 100,
    "by_ethnicity": False,
    "numerator_definition": "Clinical staff with supervision on cultural competence",
    "denominator_definition": "Clinical staff in post",
    "source": "Trust supervision records",
    "plausible_min": None,  # the kind's default
    "plausible_max": None,
    "numerator_may_exceed": "default",
}


def counts(db: Database) -> tuple[int, int, int]:
    """(measures, adoptions, audit entries)."""
    with db.session() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(t))
            for t in (Measure, SiteMeasure, AuditEntry)
        )


def last_audit(db: Database, n: int = 1) -> list[AuditEntry]:
    with db.session() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(n)).all()
    return list(reversed(entries))


def measure_status(db: Database, code: str) -> str | None:
    with db.session() as s:
        return s.scalar(select(Measure.status).where(Measure.code == code))
