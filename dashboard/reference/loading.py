"""Loading a reference file: read, check as a whole, compare with what is stored, and (unless a
dry run, or anything is wrong) insert the new and update the changed in one transaction with
its audit entry. Nothing is ever deleted: an organisation that is not in the file stays.

The command line (`flask load-reference`) and the administrators' page (/data/organisations)
both load through `load_reference`, so they accept and refuse the same files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, fields

import pandas as pd
from sqlalchemy.exc import IntegrityError

from dashboard.reference.checking import check_file
from dashboard.reference.reading import COLUMNS, Problem, ReferenceRefused, Row, read_rows
from dashboard.reference.words import kind_words
from dashboard.uploads import FileRefused, numbered_rows
from data_access import queries
from data_access.db import Database
from data_access.reference_writes import (
    OrganisationRecord,
    RegionRecord,
    stored_organisations,
    stored_regions,
    write_reference,
)

STATUSES = ("new", "updated", "unchanged")


@dataclass(frozen=True)
class Change:
    """What loading one row does: its status, and for an update each changed field's stored
    and new value."""

    type: str  # region or organisation
    code: str
    name: str
    status: str  # new, updated or unchanged
    changed: dict[str, tuple[object, object]] = field(default_factory=dict)

    def words(self) -> str:
        """'kind: Primary care trust → NHS trust; closed_on: none → 2013-03-31'."""
        return "; ".join(
            f"{name}: {_shown(name, old)} → {_shown(name, new)}"
            for name, (old, new) in self.changed.items()
        )


def _shown(name: str, value: object) -> str:
    if value is None:
        return "none"
    if name == "kind":
        return kind_words(str(value))
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@dataclass(frozen=True)
class LoadResult:
    errors: list[Problem]
    changes: list[Change]
    stored: bool
    checksum: str

    def counts(self) -> dict[str, int]:
        return {s: sum(c.status == s for c in self.changes) for s in STATUSES}

    def counts_words(self) -> str:
        """'3 new, 1 updated and 40 unchanged'."""
        n = self.counts()
        return f"{n['new']:,} new, {n['updated']:,} updated and {n['unchanged']:,} unchanged"


def _change(row: Row, stored: RegionRecord | OrganisationRecord | None) -> Change:
    record = row.record
    if stored is None:
        return Change(row.type, record.code, record.name, "new")
    changed = {
        f.name: (getattr(stored, f.name), getattr(record, f.name))
        for f in fields(record)
        if getattr(stored, f.name) != getattr(record, f.name)
    }
    return Change(
        row.type, record.code, record.name, "updated" if changed else "unchanged", changed
    )


def _details(changes: list[Change]) -> dict[str, object]:
    """The audit entry's account of the load: the new codes, and each update's fields."""

    def value(v: object) -> object:
        return v.isoformat() if isinstance(v, dt.date) else v

    return {
        "new": [f"{c.type} {c.code}" for c in changes if c.status == "new"],
        "updated": {
            f"{c.type} {c.code}": {
                k: {"old": value(o), "new": value(n)} for k, (o, n) in c.changed.items()
            }
            for c in changes
            if c.status == "updated"
        },
    }


def load_reference(
    db: Database, content: bytes, file_name: str, actor: str, dry_run: bool = False
) -> LoadResult:
    """Read, check and (unless `dry_run` or there is any error) store a reference file in one
    transaction with its audit entry. ReferenceRefused when the file as a whole cannot be read
    (not CSV or Excel, too big, its header wrong)."""
    checksum = hashlib.sha256(content).hexdigest()
    try:
        numbered = numbered_rows(content, file_name)
    except FileRefused as exc:
        raise ReferenceRefused(str(exc)) from exc
    rows, errors = read_rows(numbered)
    try:
        with db.session() as session:
            regions, organisations = stored_regions(session), stored_organisations(session)
            errors = sorted(errors + check_file(rows, regions, organisations), key=lambda p: p.row)
            if errors:
                return LoadResult(errors, [], False, checksum)
            stored = {"region": regions, "organisation": organisations}
            changes = [_change(row, stored[row.type].get(row.record.code)) for row in rows]
            wanted = {(c.type, c.code) for c in changes if c.status != "unchanged"}
            if dry_run or not wanted:
                # Nothing to write is not written: no audit entry, and the data version (which
                # every cached figure is keyed by) stays where it is.
                return LoadResult([], changes, False, checksum)
            chosen = [row.record for row in rows if (row.type, row.record.code) in wanted]
            result = LoadResult([], changes, True, checksum)
            write_reference(
                session,
                [r for r in chosen if isinstance(r, RegionRecord)],
                [r for r in chosen if isinstance(r, OrganisationRecord)],
                actor,
                file_name,
                checksum,
                result.counts(),
                _details(changes),
            )
    except IntegrityError as exc:
        # Another load (or a seed) wrote the same codes between our check and our write.
        raise ReferenceRefused(
            "Another change to the regions or organisations was stored at the same moment; "
            "nothing of this file was stored. Load it again to see what it would change now."
        ) from exc
    return result


def stored_tables(db: Database) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The regions and organisations as stored now, read past any cache (the page lists them
    straight after a load)."""
    with db.session() as session:
        return queries.regions(session), queries.organisations(session)


def reference_table(regions: pd.DataFrame, organisations: pd.DataFrame) -> pd.DataFrame:
    """The regions and organisations as a reference file holds them (the catalogue's frames
    in, the file's columns out): the template to download, edit and load again."""
    rows = [{"type": "region", "code": r.code, "name": r.name} for r in regions.itertuples()]
    for org in organisations.sort_values("code").itertuples() if not organisations.empty else ():
        rows.append(
            {
                "type": "organisation",
                "code": org.code,
                "name": org.name,
                "kind": kind_words(org.kind),
                "region_code": org.region,
                "rurality": org.rurality if isinstance(org.rurality, str) else "",
                "parent_code": _text(getattr(org, "parent", None)),
                "opened_on": _text(getattr(org, "opened_on", None)),
                "closed_on": _text(getattr(org, "closed_on", None)),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS)).fillna("")


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)
