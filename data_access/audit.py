"""The audit log's one way in: every write to the store records who, when, what and how many
rows, in the same transaction as the write itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy.orm import Session

from data_access.models import AuditEntry


def record(
    session: Session,
    actor: str,
    action: str,
    subject: str,
    new: int = 0,
    revised: int = 0,
    unchanged: int = 0,
    checksum: str = "",
    details: Mapping[str, object] | None = None,
) -> AuditEntry:
    """Add an audit entry for `action` on `subject` (a file name, a measure, an action);
    `details` holds an edit's changed fields, {"field": {"old": ..., "new": ...}}, or the
    warnings a return's uploader confirmed, {"confirmed_warnings": [their texts]}."""
    entry = AuditEntry(
        at=dt.datetime.now(dt.UTC),
        actor=actor,
        action=action,
        file_name=subject[:255],
        checksum=checksum,
        rows_new=new,
        rows_revised=revised,
        rows_unchanged=unchanged,
        details=dict(details) if details else None,
    )
    session.add(entry)
    session.flush()
    return entry
