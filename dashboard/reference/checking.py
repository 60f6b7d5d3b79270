"""Checking a reference file as a whole, against itself and what is stored: each code once,
each region's name its own, every region and parent named known, and no organisation its own
ancestor. The rows were each read already (dashboard/reference/reading.py); what is wrong
here is wrong only in company."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.reference.reading import Problem, Row
from data_access.reference_writes import OrganisationRecord, RegionRecord


def _duplicates(rows: list[Row]) -> list[Problem]:
    first: dict[tuple[str, str], int] = {}
    problems = []
    for row in rows:
        key = (row.type, row.record.code)
        if key in first:
            problems.append(
                Problem(
                    row.number,
                    "code",
                    f"{row.record.code} is already on row {first[key]}: give each {row.type} once",
                )
            )
        else:
            first[key] = row.number
    return problems


def _region_names(regions: list[Row], stored: Mapping[str, RegionRecord]) -> list[Problem]:
    """Two regions may not share a name, once the file's names replace the stored ones."""
    names = {code: region.name for code, region in stored.items()}
    names.update({row.record.code: row.record.name for row in regions})
    problems = []
    for row in regions:
        others = [
            code
            for code, name in names.items()
            if code != row.record.code and name.casefold() == row.record.name.casefold()
        ]
        if others:
            problems.append(
                Problem(
                    row.number, "name", f"{row.record.name!r} is the name of region {others[0]}"
                )
            )
    return problems


def _ancestry_loop(code: str, parents: Mapping[str, str | None]) -> list[str] | None:
    """The codes from `code` up its parents and back to it, if its parents loop back."""
    path = [code]
    parent = parents.get(code)
    while parent is not None and parent not in path:
        path.append(parent)
        parent = parents.get(parent)
    return [*path, code] if parent == code else None


def check_file(
    rows: list[Row],
    stored_regions: Mapping[str, RegionRecord],
    stored_organisations: Mapping[str, OrganisationRecord],
) -> list[Problem]:
    """Every problem of the rows taken together, by row and column."""
    problems = _duplicates(rows)
    regions = [row for row in rows if row.type == "region"]
    organisations = [row for row in rows if row.type == "organisation"]
    problems += _region_names(regions, stored_regions)
    region_codes = set(stored_regions) | {row.record.code for row in regions}
    org_codes = set(stored_organisations) | {row.record.code for row in organisations}
    parents = {code: org.parent for code, org in stored_organisations.items()}
    parents.update({row.record.code: row.record.parent for row in organisations})
    for row in organisations:
        org = row.record
        assert isinstance(org, OrganisationRecord)
        if org.region not in region_codes:
            problems.append(
                Problem(
                    row.number,
                    "region_code",
                    f"no region {org.region}: add a row of type region for it, or load the "
                    "regions first",
                )
            )
        if org.parent is None:
            continue
        if org.parent not in org_codes:
            problems.append(
                Problem(
                    row.number, "parent_code", f"no organisation {org.parent} in the file or stored"
                )
            )
            continue
        loop = _ancestry_loop(org.code, parents)
        if loop:
            problems.append(
                Problem(
                    row.number,
                    "parent_code",
                    f"{org.parent} as parent makes a loop: {' → '.join(loop)}",
                )
            )
    return sorted(problems, key=lambda p: p.row)
