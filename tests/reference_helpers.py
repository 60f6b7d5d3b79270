"""What the reference data's tests share: a file made from rows, and the counts, the audit
entries and the data version read back from the database written to."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select

from data_access import summary
from data_access.db import Database
from data_access.models import AuditEntry, Organisation, Region

HEADER = [
    "type",
    "code",
    "name",
    "kind",
    "region_code",
    "rurality",
    "parent_code",
    "opened_on",
    "closed_on",
]


def region(code: str, name: str) -> list[str]:
    return ["region", code, name, "", "", "", "", "", ""]


def org(
    code: str,
    name: str = "",
    kind: str = "NHS trust",
    region_code: str = "LDN",
    rurality: str = "urban",
    parent: str = "",
    opened: str = "",
    closed: str = "",
) -> list[str]:
    """An organisation's row (by default an urban NHS trust in London)."""
    name = name or f"Organisation {code}"
    return ["organisation", code, name, kind, region_code, rurality, parent, opened, closed]


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    """A CSV file of `header` and `rows`, as a spreadsheet would save it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def stored(db: Database) -> tuple[int, int, int, int]:
    """(regions, organisations, audit entries, data version)."""
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Region)),
            s.scalar(select(func.count()).select_from(Organisation)),
            s.scalar(select(func.count()).select_from(AuditEntry)),
            summary.current_version(s),
        )


def last_audit(db: Database) -> AuditEntry:
    with db.session() as s:
        return s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()


def organisation(db: Database, code: str) -> dict | None:
    """An organisation's stored columns, with its region's and parent's codes."""
    from data_access.reference_writes import stored_organisations

    with db.session() as s:
        record = stored_organisations(s).get(code)
    return None if record is None else record.__dict__
