"""Edits checked against concurrent changes (issue 14).

Each record people edit in a form carries a version (an action, a measure, a site's set of
adopted measures and targets). The form remembers the version it was opened at; a save names
it, and the write is an `UPDATE ... WHERE id = :id AND version = :seen` that also moves the
version on, so checking and writing are one statement: of two saves made on the same version
only the first changes a row, on SQLite and on PostgreSQL (whose row lock makes the second wait
and then find the version moved). A refused save raises `Conflict`, carrying who made the
last change and when, read from the audit log; the caller's transaction then stores nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from data_access.models import AuditEntry


class Conflict(Exception):
    """The record changed since the editor opened it: nothing was written. `actor` and `at`
    are the last change's, from the audit log (None when the log does not say)."""

    def __init__(self, subject: str, actor: str | None, at: dt.datetime | None) -> None:
        super().__init__(f"{subject} was changed by {actor or 'someone else'} at {at}")
        self.subject = subject
        self.actor = actor
        self.at = at


def conflict(
    session: Session,
    subject: str,
    actions: Iterable[str],
    names: Iterable[str] = (),
    prefixes: Iterable[str] = (),
    suffixes: Iterable[str] = (),
) -> Conflict:
    """The Conflict over `subject`, with the latest audit entry of one of `actions` whose
    subject is one of `names`, or starts with one of `prefixes` or ends with one of
    `suffixes`."""
    where = [AuditEntry.file_name.in_(list(names))]
    where += [AuditEntry.file_name.startswith(p, autoescape=True) for p in prefixes]
    where += [AuditEntry.file_name.endswith(p, autoescape=True) for p in suffixes]
    last = session.execute(
        select(AuditEntry.actor, AuditEntry.at)
        .where(AuditEntry.action.in_(list(actions)), or_(*where))
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    return Conflict(subject, *(last if last is not None else (None, None)))


def plain(value: object) -> object:
    """`value` as JSON keeps it: a date as ISO text, a NumPy number as a Python one, a
    missing number (NaN, as pandas reads a NULL) as null: JSON has no NaN."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "item"):  # a NumPy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def changes(old: Mapping[str, object], new: Mapping[str, object]) -> dict[str, dict]:
    """{field: {"old": ..., "new": ...}} for each field of `new`, as the audit log keeps them."""
    return {k: {"old": plain(old.get(k)), "new": plain(v)} for k, v in new.items()}
