"""Writes to the sites' action plans, each with its audit entry.

Each function writes one action and its audit entry into the caller's session, so the caller's
transaction (`Database.session()`) stores both or neither. The values are trusted to be valid
(dashboard/actions.py checks them in words first), but the site is not: the site the request
names is checked against the action's own site inside the transaction, so an action id taken
from another site's plan is refused however the request was made. An update names the version
of the action its form was opened at and is refused (`Conflict`) when it has moved on
(data_access/versions.py). Nothing here deletes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from data_access.audit import record
from data_access.models import ActionItem, AuditEntry, Organisation
from data_access.versions import Conflict, changes, conflict

#: The columns an edit may set; who and when are set here, never by the caller.
ACTION_COLUMNS = ("characteristic_id", "action", "owner", "due_date", "status", "progress_note")
AUDIT_ACTION = "action_plan"


class ActionRefused(Exception):
    """The action is not one of the named site's, or the site does not exist: nothing written."""


def _subject(item_id: int) -> str:
    return f"action {item_id}"


def _audit(
    session: Session, actor: str, item_id: int, new: int, revised: int, details: dict
) -> AuditEntry:
    subject = _subject(item_id)
    return record(session, actor, AUDIT_ACTION, subject, new=new, revised=revised, details=details)


def _conflict(session: Session, item_id: int) -> Conflict:
    return conflict(session, _subject(item_id), [AUDIT_ACTION], [_subject(item_id)])


def _columns(values: Mapping[str, object]) -> dict[str, object]:
    missing = set(ACTION_COLUMNS) - set(values)
    unknown = set(values) - set(ACTION_COLUMNS)
    if missing or unknown:
        raise ValueError(f"an action needs exactly the columns {', '.join(ACTION_COLUMNS)}")
    return dict(values)


def _site_id(session: Session, site: str) -> int:
    org_id = session.scalar(
        select(Organisation.id).where(Organisation.code == site).with_for_update()
    )
    if org_id is None:
        raise ActionRefused(f"There is no site {site!r}.")
    return org_id


def add_action(
    session: Session, site: str, values: Mapping[str, object], actor: str, today: dt.date
) -> tuple[int, AuditEntry]:
    """A new action on `site`'s plan, its progress dated `today` when it has a note; returns
    the new action's id and the audit entry."""
    columns = _columns(values)
    columns["progress_date"] = today if columns["progress_note"] else None
    item = ActionItem(
        organisation_id=_site_id(session, site),
        **columns,
        updated_by=actor,
        updated_at=dt.datetime.now(dt.UTC),
        version=1,
    )
    session.add(item)
    session.flush()
    return item.id, _audit(session, actor, item.id, 1, 0, changes({}, columns))


def update_action(
    session: Session,
    item_id: int,
    site: str,
    values: Mapping[str, object],
    actor: str,
    today: dt.date,
    *,
    seen: int | None = None,
) -> AuditEntry | None:
    """Change action `item_id`, which must be on `site`'s plan (ActionRefused otherwise), as
    its form saw it at version `seen` (None: the version read here). Conflict, and nothing
    written, when the stored version is another: someone saved the action in between.

    Only the fields that differ from the stored ones are written, and the audit entry keeps
    their old and new values. A changed progress note is dated `today`; an unchanged one keeps
    its date. Returns None, and writes nothing, when every value is as stored.
    """
    columns = _columns(values)
    org_id = _site_id(session, site)
    item = session.scalar(select(ActionItem).where(ActionItem.id == item_id).with_for_update())
    if item is None or item.organisation_id != org_id:
        raise ActionRefused(f"Action {item_id} is not on the plan of {site}: nothing was changed.")
    version = item.version if seen is None else seen
    if item.version != version:
        raise _conflict(session, item_id)
    changed = {k: v for k, v in columns.items() if getattr(item, k) != v}
    if not changed:
        return None
    dated = today if columns["progress_note"] else None
    if "progress_note" in changed and dated != item.progress_date:
        changed["progress_date"] = dated
    old = {k: getattr(item, k) for k in changed}
    done = session.execute(
        update(ActionItem)
        .where(ActionItem.id == item_id, ActionItem.version == version)
        .values(
            **changed, updated_by=actor, updated_at=dt.datetime.now(dt.UTC), version=version + 1
        )
    )
    if done.rowcount != 1:
        raise _conflict(session, item_id)
    return _audit(session, actor, item_id, 0, 1, changes(old, changed))


def action_version(session: Session, item_id: int) -> int | None:
    """The version action `item_id` is at (None when there is no such action)."""
    return session.scalar(select(ActionItem.version).where(ActionItem.id == item_id))
