"""What the action plans' tests share: a good edit as the form sends it, and the counts, the
last audit entry and an action's id read back from the database written to."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from data_access import queries
from data_access.db import Database
from data_access.models import ActionItem, AuditEntry

GOOD = dict(
    characteristic="4",
    action="Audit the use of section 136 with the police by ethnic group",
    owner="Mental Health Act Manager",
    due_date="2010-09-30",
    status="on_track",
    progress_note="Joint audit agreed.",
)
#: The day the demonstration plans are judged on (the end of their last quarter).
AS_OF = dt.date(2010, 3, 31)


def counts(db: Database) -> tuple[int, int]:
    """(actions, audit entries)."""
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(ActionItem)),
            s.scalar(select(func.count()).select_from(AuditEntry)),
        )


def last_audit(db: Database) -> AuditEntry:
    with db.session() as s:
        return s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


def action_of(db: Database, site: str) -> int:
    """The id of an action on `site`'s plan."""
    with db.session() as s:
        return int(queries.action_items(s, [site])["id"].iloc[0])
