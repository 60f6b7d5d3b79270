"""Writes to the menu of measures and to the sites' adoptions and targets.

Each function writes one change and its audit entry into the caller's session, so the caller's
transaction (`Database.session()`) stores both or neither. The functions trust validated input
(dashboard/menu.py checks it in words first) but re-check the row they change inside the
transaction: a change made by someone else in between raises MenuConflict instead of being
overwritten. A measure, and a site's set of adoptions and targets, carry a version: a save
names the version its form was opened at and is refused with `Conflict` when it moved on
(data_access/versions.py). Every audit entry keeps the old and new value of what it changed.
Nothing here deletes a measure; a site's adoption is the only row that is removed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from data_access.audit import record
from data_access.models import AuditEntry, Measure, Organisation, SiteMeasure
from data_access.versions import Conflict, changes, conflict

#: The audit action of each state a measure is moved to.
STATUS_ACTIONS = {"agreed": "measure_agree", "retired": "measure_retire"}
#: The audit actions of the writes that move a measure's version, and a site's.
MEASURE_ACTIONS = ("measure_propose", "measure_edit", *STATUS_ACTIONS.values())
SITE_ACTIONS = ("measure_adopt", "measure_drop", "target_set", "target_clear")
#: The columns a menu write may set (`id` and `status` only through their own functions).
MEASURE_COLUMNS = (
    "code",
    "name",
    "characteristic_id",
    "kind",
    "unit",
    "multiplier",
    "polarity",
    "numerator_definition",
    "denominator_definition",
    "source",
    "by_ethnicity",
    "plausible_min",
    "plausible_max",
    "numerator_may_exceed",
)


class MenuConflict(Exception):
    """The row changed (or vanished) between reading it and writing it; nothing was written."""


def _audit(
    session: Session,
    actor: str,
    action: str,
    subject: str,
    details: dict,
    new: int = 0,
    revised: int = 0,
) -> AuditEntry:
    return record(session, actor, action, subject, new=new, revised=revised, details=details)


def measure_conflict(session: Session, code: str) -> Conflict:
    """The Conflict over measure `code`, with its last change (under this code or, renamed
    meanwhile, under its new one)."""
    return conflict(session, code, MEASURE_ACTIONS, [code], [f"{code} (was "], [f"(was {code})"])


def _columns(values: Mapping[str, object]) -> dict[str, object]:
    unknown = set(values) - set(MEASURE_COLUMNS)
    if unknown:
        raise ValueError(f"not a measure column: {', '.join(sorted(unknown))}")
    return dict(values)


def insert_measure(session: Session, values: Mapping[str, object], actor: str) -> AuditEntry:
    """A new measure on the menu, as proposed."""
    columns = _columns(values)
    measure = Measure(**columns, status="proposed", version=1)
    session.add(measure)
    session.flush()
    return _audit(session, actor, "measure_propose", measure.code, changes({}, columns), new=1)


def update_measure(
    session: Session,
    code: str,
    version: int,
    values: Mapping[str, object],
    actor: str,
    old: Mapping[str, object],
) -> AuditEntry:
    """Change the given columns of measure `code` (whose stored values of them are `old`),
    which must still be at `version` (Conflict otherwise); the version moves on."""
    done = session.execute(
        update(Measure)
        .where(Measure.code == code, Measure.version == version)
        .values(**_columns(values), version=version + 1)
    )
    if done.rowcount != 1:
        raise measure_conflict(session, code)
    renamed = values.get("code", code)
    subject = code if renamed == code else f"{renamed} (was {code})"
    return _audit(session, actor, "measure_edit", subject, changes(old, values), revised=1)


def set_status(
    session: Session,
    code: str,
    old_status: str,
    new_status: str,
    actor: str,
    *,
    seen: int | None = None,
) -> AuditEntry:
    """Move measure `code` from `old_status` to `new_status` (agreed or retired), as its form
    saw it at version `seen` (None: unchecked, but the status still is)."""
    where = [Measure.code == code, Measure.status == old_status]
    if seen is not None:
        where.append(Measure.version == seen)
    done = session.execute(
        update(Measure).where(*where).values(status=new_status, version=Measure.version + 1)
    )
    if done.rowcount != 1:
        version = session.scalar(select(Measure.version).where(Measure.code == code))
        if seen is not None and version != seen:
            raise measure_conflict(session, code)
        raise MenuConflict(f"{code} is no longer {old_status}: someone changed it meanwhile.")
    details = changes({"status": old_status}, {"status": new_status})
    return _audit(session, actor, STATUS_ACTIONS[new_status], code, details, revised=1)


def site_version(session: Session, site: str) -> int | None:
    """The version of site `site`'s adoptions and targets (None when there is no such site)."""
    return session.scalar(select(Organisation.adoptions_version).where(Organisation.code == site))


def site_conflict(session: Session, site: str) -> Conflict:
    """The Conflict over site `site`'s measures, with the last change to any of them."""
    return conflict(session, site, SITE_ACTIONS, prefixes=[f"{site}/"])


def claim_site(session: Session, site: str, seen: int) -> int:
    """Move the version of `site`'s adoptions and targets on from `seen`, before changing
    them (Conflict when it is no longer `seen`); the new version. On PostgreSQL the row stays
    locked until the transaction ends, so a second save of the site waits, then is refused."""
    done = session.execute(
        update(Organisation)
        .where(Organisation.code == site, Organisation.adoptions_version == seen)
        .values(adoptions_version=seen + 1)
    )
    if done.rowcount != 1:
        raise site_conflict(session, site)
    return seen + 1


def _ids(session: Session, site: str, code: str) -> tuple[int, int]:
    org_id = session.scalar(select(Organisation.id).where(Organisation.code == site))
    measure_id = session.scalar(select(Measure.id).where(Measure.code == code))
    if org_id is None or measure_id is None:
        raise MenuConflict(f"There is no site {site} or no measure {code}.")
    return org_id, measure_id


def adopt(
    session: Session, site: str, code: str, target: float | None, actor: str, on: dt.date
) -> list[AuditEntry]:
    """Site `site` adopts agreed measure `code` (with `target` when not None)."""
    org_id, measure_id = _ids(session, site, code)
    agreed = session.scalar(select(Measure.status).where(Measure.id == measure_id)) == "agreed"
    if not agreed:
        raise MenuConflict(f"{code} is no longer an agreed measure.")
    session.add(
        SiteMeasure(organisation_id=org_id, measure_id=measure_id, target=target, adopted_on=on)
    )
    session.flush()
    subject = f"{site}/{code}"
    adopted = changes({"adopted": False}, {"adopted": True})
    entries = [_audit(session, actor, "measure_adopt", subject, adopted, new=1)]
    if target is not None:
        details = changes({"target": None}, {"target": target})
        entries.append(_audit(session, actor, "target_set", subject, details, revised=1))
    return entries


def _target(session: Session, org_id: int, measure_id: int) -> float | None:
    return session.scalar(
        select(SiteMeasure.target).where(
            SiteMeasure.organisation_id == org_id, SiteMeasure.measure_id == measure_id
        )
    )


def drop(session: Session, site: str, code: str, actor: str) -> AuditEntry:
    """Site `site` no longer uses measure `code`; its target goes with the adoption."""
    org_id, measure_id = _ids(session, site, code)
    was = _target(session, org_id, measure_id)
    done = session.execute(
        delete(SiteMeasure).where(
            SiteMeasure.organisation_id == org_id, SiteMeasure.measure_id == measure_id
        )
    )
    if done.rowcount != 1:
        raise MenuConflict(f"{site} no longer uses {code}.")
    details = changes({"adopted": True, "target": was}, {"adopted": False, "target": None})
    return _audit(session, actor, "measure_drop", f"{site}/{code}", details, revised=1)


def set_target(
    session: Session, site: str, code: str, target: float | None, actor: str
) -> AuditEntry:
    """Set (or with None clear) the target of a measure the site adopted."""
    org_id, measure_id = _ids(session, site, code)
    was = _target(session, org_id, measure_id)
    done = session.execute(
        update(SiteMeasure)
        .where(SiteMeasure.organisation_id == org_id, SiteMeasure.measure_id == measure_id)
        .values(target=target)
    )
    if done.rowcount != 1:
        raise MenuConflict(f"{site} no longer uses {code}.")
    action = "target_set" if target is not None else "target_clear"
    details = changes({"target": was}, {"target": target})
    return _audit(session, actor, action, f"{site}/{code}", details, revised=1)
