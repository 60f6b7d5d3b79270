"""Importing published statistics: `flask import-published mha-annual FILE` and
`flask import-long FILE` (dashboard/published_commands.py).

A file is read and checked as a whole (problems by line number); with any problem nothing is
stored, unless `skip_bad` stores the rest and lists what it skipped. Then, in one transaction:
what the file names and the store lacks is added (the vocabularies, England, each ICB in its
NHS England region from the shipped mapping, the other organisations, the financial year, the
measures), and the cells are stored with revisions: the same file again changes nothing, a
corrected file makes new revisions. A dry run does all of it and rolls back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard import periods
from dashboard.published import long_format, mha_annual
from dashboard.published.mha_annual import Cells, Problem
from dashboard.uploads import FileRefused, numbered_rows
from data_access import published_writes as writes
from data_access.db import Database
from data_access.writes import ensure_periods

SOURCES = ("mha-annual",)
#: The shipped reference data: NHS England's regions and the 42 ICBs in them.
REFERENCE = Path(__file__).resolve().parents[2] / "data_access" / "reference"
#: Where an organisation whose region a publication does not give is listed.
NO_REGION = ("UNK", "Region not given")


class _RollBack(Exception):
    """Leaves the transaction with nothing written (a dry run, nothing to change, a problem)."""


class ImportRefused(Exception):
    """The file as a whole cannot be read (not CSV or Excel, too big, its header wrong)."""


@dataclass
class ImportResult:
    problems: list[Problem]
    stored: bool = False
    skipped: list[Problem] = field(default_factory=list)
    organisations_new: list[str] = field(default_factory=list)
    organisations: int = 0
    measures_new: list[str] = field(default_factory=list)
    measures: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    kept_aside: dict[str, int] = field(default_factory=dict)

    def words(self) -> str:
        """'213 organisations (213 new), 17 measures (17 new); cells: 1,234 new, 0 revised,
        0 unchanged, of which 321 suppressed at source'."""
        c = self.counts
        return (
            f"{self.organisations:,} organisations ({len(self.organisations_new):,} new), "
            f"{self.measures:,} measures ({len(self.measures_new):,} new); cells: "
            f"{c.get('new', 0):,} new, {c.get('revised', 0):,} revised, "
            f"{c.get('unchanged', 0):,} unchanged, of which {c.get('suppressed', 0):,} "
            "suppressed at source"
        )


def _shipped_icbs() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """The shipped ICBs (code: (name, region code)) and regions (code: name)."""
    icbs = pd.read_csv(REFERENCE / "nhs-england-icbs.csv", comment="#", dtype=str)
    regions = pd.read_csv(REFERENCE / "nhs-england-regions.csv", comment="#", dtype=str)
    return (
        {r.code: (r.name, r.region_code) for r in icbs.itertuples()},
        dict(zip(regions["code"], regions["name"], strict=True)),
    )


def _organisations(cells: pd.DataFrame, stored: set[str]) -> tuple[list, list, list[Problem]]:
    """The organisations and regions to ensure, and the ICBs no mapping places."""
    icbs, region_names = _shipped_icbs()
    specs: list[writes.OrganisationSpec] = []
    regions: dict[str, str] = {}
    problems: list[Problem] = []
    first = cells.drop_duplicates("site")
    for row in first.itertuples():
        if row.site in stored:
            continue
        if row.kind == "country":
            specs.append(writes.OrganisationSpec(row.site, "England", "country", None, False))
        elif row.kind == "integrated_care_board" and row.site in icbs:
            name, region = icbs[row.site]
            regions[region] = region_names[region]
            specs.append(writes.OrganisationSpec(row.site, name, row.kind, region, True))
        elif row.kind == "integrated_care_board" and row.site != "UNKNOWN":
            problems.append(
                Problem(
                    int(row.line),
                    f"ICB {row.site} ({row.site_name}) is not among the 42 ICBs of "
                    "data_access/reference/nhs-england-icbs.csv: load it with load-reference "
                    "first, with its region.",
                )
            )
        else:
            # Trusts, sub-ICB locations and independent providers overlap the ICBs: shown on
            # their own, never added into an area's totals. The file gives no region.
            regions[NO_REGION[0]] = NO_REGION[1]
            in_areas = row.kind == "integrated_care_board"
            specs.append(
                writes.OrganisationSpec(row.site, row.site_name, row.kind, NO_REGION[0], in_areas)
            )
    return specs, sorted(regions.items()), problems


def _measures(cells: pd.DataFrame) -> list[dict]:
    grouped = cells.groupby(["measure", "measure_name"], sort=True)["ethnic_code"]
    return [
        mha_annual.measure_record(code, name, bool((codes != "ALL").any()))
        for (code, name), codes in grouped
    ]


def import_cells(
    db: Database,
    read: Cells,
    content: bytes,
    file_name: str,
    actor: str,
    dry_run: bool = False,
    skip_bad: bool = False,
    measures_from_file: bool = True,
) -> ImportResult:
    """Store checked cells (see the module's docstring); the result says what happened."""
    problems, cells = list(read.problems), read.cells
    skipped: list[Problem] = []
    if problems and skip_bad and not cells.empty:
        bad = {p.line for p in problems}
        skipped, problems = problems, []
        cells = cells[~cells["line"].isin(bad)]
    result = ImportResult(problems, skipped=skipped, kept_aside=dict(read.kept_aside))
    if problems or cells.empty:
        return result
    checksum = hashlib.sha256(content).hexdigest()
    try:
        with db.session() as session:
            result.stored = _store(
                session,
                cells,
                result,
                actor,
                file_name,
                checksum,
                dry_run,
                skip_bad,
                measures_from_file,
            )
    except _RollBack:
        result.stored = False
    return result


def _store(
    session,
    cells: pd.DataFrame,
    result: ImportResult,
    actor: str,
    file_name: str,
    checksum: str,
    dry_run: bool,
    skip_bad: bool,
    measures_from_file: bool,
) -> bool:
    """Add what is missing and store the cells in the session's transaction; _RollBack when
    nothing is to be kept (a dry run, a problem, nothing new)."""
    writes.ensure_vocabulary(session)
    specs, regions, missing = _organisations(cells, writes.organisation_codes(session))
    if missing and not skip_bad:
        result.problems = missing
        raise _RollBack
    if missing:
        lost = set(cells.loc[cells["line"].isin({p.line for p in missing}), "site"])
        cells = cells[~cells["site"].isin(lost)]
        result.skipped += missing
    writes.ensure_regions(session, regions)
    result.organisations_new = writes.ensure_organisations(session, specs)
    result.organisations = int(cells["site"].nunique())
    if measures_from_file:
        result.measures_new = writes.ensure_measures(session, _measures(cells))
    result.measures = int(cells["measure"].nunique())
    ensure_periods(session, [periods.parse(p).row() for p in cells["period"].unique()])
    plan = writes.plan_cells(session, cells.drop(columns=["line"]))
    result.counts = {s: int((plan["status"] == s).sum()) for s in ("new", "revised", "unchanged")}
    result.counts["suppressed"] = int(plan["numerator"].isna().sum())
    nothing = result.counts["new"] == result.counts["revised"] == 0 and not (
        result.organisations_new or result.measures_new
    )
    if dry_run or nothing:
        raise _RollBack
    details = {
        "suppressed": result.counts["suppressed"],
        "kept_aside": result.kept_aside,
        "skipped_lines": [p.line for p in result.skipped],
        "organisations_new": result.organisations_new,
        "measures_new": result.measures_new,
    }
    writes.ensure_adoptions(session, cells, dt.date.today())
    writes.store_cells(session, plan, actor, file_name, checksum, details)
    return True


def _rows(content: bytes, file_name: str) -> list[tuple[int, list[str]]]:
    try:
        return numbered_rows(content, file_name)
    except FileRefused as exc:
        raise ImportRefused(str(exc)) from exc


def import_published(
    db: Database,
    source: str,
    content: bytes,
    file_name: str,
    actor: str,
    dry_run: bool = False,
    skip_bad: bool = False,
) -> ImportResult:
    """Import a publication's file (`source` one of SOURCES)."""
    if source not in SOURCES:
        raise ImportRefused(f"'{source}' is not a known publication ({', '.join(SOURCES)}).")
    read = mha_annual.read_cells(_rows(content, file_name))
    return import_cells(db, read, content, file_name, actor, dry_run, skip_bad)


def import_long(
    db: Database,
    content: bytes,
    file_name: str,
    actor: str,
    dry_run: bool = False,
    skip_bad: bool = False,
) -> ImportResult:
    """Import a tidy long file of figures for stored areas and measures."""
    with db.session() as session:
        known = long_format.known_codes(session)
    read = long_format.read_cells(_rows(content, file_name), known)
    return import_cells(
        db, read, content, file_name, actor, dry_run, skip_bad, measures_from_file=False
    )
