"""Reads and writes of reference data: the regions and organisations as stored, and a checked
file's new and changed ones written with their audit entry, in the caller's transaction.

Nothing here deletes: an organisation that closed keeps its row (with its closing date) and
its history. The caller (dashboard/reference) checks the file as a whole first; the database
refuses what slips through (a code taken by a load made at the same moment, say).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session, aliased

from data_access import summary
from data_access.audit import record
from data_access.models import AuditEntry, Organisation, Region

#: The audit log's name for a load of reference data.
ACTION = "reference_load"


@dataclass(frozen=True)
class RegionRecord:
    code: str
    name: str


@dataclass(frozen=True)
class OrganisationRecord:
    """An organisation as a reference file gives it: its region and parent by code."""

    code: str
    name: str
    kind: str
    region: str
    rurality: str | None = None
    parent: str | None = None
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None


def stored_regions(session: Session) -> dict[str, RegionRecord]:
    """Every stored region by code."""
    rows = session.execute(select(Region.code, Region.name)).all()
    return {code: RegionRecord(code, name) for code, name in rows}


def stored_organisations(session: Session) -> dict[str, OrganisationRecord]:
    """Every stored organisation by code, with its region's and parent's codes."""
    parent = aliased(Organisation)
    rows = session.execute(
        select(
            Organisation.code,
            Organisation.name,
            Organisation.kind,
            Region.code,
            Organisation.rurality,
            parent.code,
            Organisation.opened_on,
            Organisation.closed_on,
        )
        .join(Region, Region.id == Organisation.region_id)
        .outerjoin(parent, parent.id == Organisation.parent_id)
    ).all()
    return {row[0]: OrganisationRecord(*row) for row in rows}


def _write_regions(session: Session, regions: Sequence[RegionRecord]) -> None:
    ids = dict(session.execute(select(Region.code, Region.id)).all())
    for region in regions:
        if region.code in ids:
            session.execute(
                update(Region).where(Region.id == ids[region.code]).values(name=region.name)
            )
        else:
            session.add(Region(code=region.code, name=region.name))
    session.flush()


def _write_organisations(session: Session, organisations: Sequence[OrganisationRecord]) -> bool:
    """Insert or update the organisations, then set their parents (a parent may be new in the
    same file). True when a stored organisation moved region or rural/urban class."""
    region_ids = dict(session.execute(select(Region.code, Region.id)).all())
    stored = {
        code: (org_id, region_id, rurality)
        for code, org_id, region_id, rurality in session.execute(
            select(
                Organisation.code, Organisation.id, Organisation.region_id, Organisation.rurality
            )
        )
    }
    moved = False
    for org in organisations:
        values = {
            "name": org.name,
            "kind": org.kind,
            "region_id": region_ids[org.region],
            "rurality": org.rurality,
            "opened_on": org.opened_on,
            "closed_on": org.closed_on,
        }
        if org.code in stored:
            org_id, region_id, rurality = stored[org.code]
            moved = moved or (region_id, rurality) != (values["region_id"], org.rurality)
            session.execute(update(Organisation).where(Organisation.id == org_id).values(**values))
        else:
            session.add(Organisation(code=org.code, **values))
    session.flush()
    org_ids = dict(session.execute(select(Organisation.code, Organisation.id)).all())
    for org in organisations:
        parent_id = org_ids[org.parent] if org.parent else None
        session.execute(
            update(Organisation)
            .where(Organisation.id == org_ids[org.code])
            .values(parent_id=parent_id)
        )
    return moved


def write_reference(
    session: Session,
    regions: Sequence[RegionRecord],
    organisations: Sequence[OrganisationRecord],
    actor: str,
    file_name: str,
    checksum: str,
    counts: Mapping[str, int],
    details: Mapping[str, object],
) -> AuditEntry:
    """Write the new and changed regions and organisations of a checked file, its audit entry
    (`counts` of new, updated and unchanged rows; `details` what changed), and move the data
    version on, so that no page goes on showing the organisations as they were. When stored
    sites moved region or rural/urban class, the area totals are rebuilt: their figures move
    with them."""
    _write_regions(session, regions)
    if _write_organisations(session, organisations):
        summary.refresh_areas(session)
    entry = record(
        session,
        actor,
        ACTION,
        file_name,
        new=counts.get("new", 0),
        revised=counts.get("updated", 0),
        unchanged=counts.get("unchanged", 0),
        checksum=checksum,
        details=details,
    )
    summary.bump_version(session)
    return entry
