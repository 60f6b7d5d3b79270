"""Writes to the menu of measures and to the sites' adoptions and targets.

Each function writes one change and its audit entry into the caller's session, so the caller's
transaction (`Database.session()`) stores both or neither. The functions trust validated input
(dashboard/menu.py checks it in words first) but re-check the row they change inside the
transaction: a change made by someone else in between raises MenuConflict instead of being
overwritten. Nothing here deletes a measure; a site's adoption is the only row that is removed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from data_access.audit import record
from data_access.models import AuditEntry, Measure, Organisation, SiteMeasure

#: The audit action of each state a measure is moved to.
STATUS_ACTIONS = {"agreed": "measure_agree", "retired": "measure_retire"}
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
)


class MenuConflict(Exception):
    """The row changed (or vanished) between reading it and writing it; nothing was written."""


def _audit(
    session: Session, actor: str, action: str, subject: str, new: int = 0, revised: int = 0
) -> AuditEntry:
    return record(session, actor, action, subject, new=new, revised=revised)


def _columns(values: Mapping[str, object]) -> dict[str, object]:
    unknown = set(values) - set(MEASURE_COLUMNS)
    if unknown:
        raise ValueError(f"not a measure column: {', '.join(sorted(unknown))}")
    return dict(values)


def insert_measure(session: Session, values: Mapping[str, object], actor: str) -> AuditEntry:
    """A new measure on the menu, as proposed."""
    measure = Measure(**_columns(values), status="proposed")
    session.add(measure)
    session.flush()
    return _audit(session, actor, "measure_propose", measure.code, new=1)


def update_measure(
    session: Session, code: str, status: str, values: Mapping[str, object], actor: str
) -> AuditEntry:
    """Change the given columns of measure `code`, which must still have `status`."""
    done = session.execute(
        update(Measure)
        .where(Measure.code == code, Measure.status == status)
        .values(**_columns(values))
    )
    if done.rowcount != 1:
        raise MenuConflict(f"{code} changed while you were editing it.")
    renamed = values.get("code", code)
    subject = code if renamed == code else f"{renamed} (was {code})"
    return _audit(session, actor, "measure_edit", subject, revised=1)


def set_status(
    session: Session, code: str, old_status: str, new_status: str, actor: str
) -> AuditEntry:
    """Move measure `code` from `old_status` to `new_status` (agreed or retired)."""
    done = session.execute(
        update(Measure)
        .where(Measure.code == code, Measure.status == old_status)
        .values(status=new_status)
    )
    if done.rowcount != 1:
        raise MenuConflict(f"{code} is no longer {old_status}: someone changed it meanwhile.")
    return _audit(session, actor, STATUS_ACTIONS[new_status], code, revised=1)


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
    entries = [_audit(session, actor, "measure_adopt", f"{site}/{code}", new=1)]
    if target is not None:
        entries.append(_audit(session, actor, "target_set", f"{site}/{code}", revised=1))
    return entries


def drop(session: Session, site: str, code: str, actor: str) -> AuditEntry:
    """Site `site` no longer uses measure `code`; its target goes with the adoption."""
    org_id, measure_id = _ids(session, site, code)
    done = session.execute(
        delete(SiteMeasure).where(
            SiteMeasure.organisation_id == org_id, SiteMeasure.measure_id == measure_id
        )
    )
    if done.rowcount != 1:
        raise MenuConflict(f"{site} no longer uses {code}.")
    return _audit(session, actor, "measure_drop", f"{site}/{code}", revised=1)


def set_target(
    session: Session, site: str, code: str, target: float | None, actor: str
) -> AuditEntry:
    """Set (or with None clear) the target of a measure the site adopted."""
    org_id, measure_id = _ids(session, site, code)
    done = session.execute(
        update(SiteMeasure)
        .where(SiteMeasure.organisation_id == org_id, SiteMeasure.measure_id == measure_id)
        .values(target=target)
    )
    if done.rowcount != 1:
        raise MenuConflict(f"{site} no longer uses {code}.")
    action = "target_set" if target is not None else "target_clear"
    return _audit(session, actor, action, f"{site}/{code}", revised=1)
