"""A reference file read row by row: each row a region or an organisation, or its problems.

The file (CSV, or the first sheet of an .xlsx) has a header row and one row per region or
organisation:

- `type`: `region` or `organisation` (without the column, every row is an organisation);
- `code`: the ODS code (letters and digits; at most 8 for a region, 12 for an organisation);
- `name`;
- for an organisation: `kind` (its code or its words, "NHS trust"), `region_code` (a region
  in the file or already stored), `rurality` (`urban`, `rural` or blank for none),
  `parent_code` (optional: another organisation), `opened_on` and `closed_on` (optional,
  YYYY-MM-DD).

Rows whose first cell starts with `#` are comments (the file's source, say); blank rows are
skipped. Each row gives the whole record: a blank optional cell clears what was stored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dashboard.reference.words import allowed_kinds, parse_kind
from data_access.reference_writes import OrganisationRecord, RegionRecord

COLUMNS = (
    "type",
    "code",
    "name",
    "kind",
    "region_code",
    "rurality",
    "parent_code",
    "opened_on",
    "closed_on",
)
#: The columns only an organisation fills.
ORGANISATION_ONLY = COLUMNS[3:]
MAX_CODE = {"region": 8, "organisation": 12}
MAX_NAME = {"region": 80, "organisation": 160}
A = {"region": "a region", "organisation": "an organisation"}
TYPES = {"region": "region", "organisation": "organisation", "organization": "organisation"}
_CODE = re.compile(r"[A-Z0-9]+")


class ReferenceRefused(Exception):
    """The file as a whole cannot be read as reference data (its header, its type)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, where a spreadsheet shows it."""

    row: int  # the header is row 1
    column: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class Row:
    """A row read without problems: its number and what it holds."""

    number: int
    record: RegionRecord | OrganisationRecord

    @property
    def type(self) -> str:
        return "region" if isinstance(self.record, RegionRecord) else "organisation"


def _column_name(text: str) -> str:
    """'Region code' → region_code: a header typed by hand is read as meant."""
    return re.sub(r"[\s-]+", "_", text.strip().lower())


def header_columns(header: list[str]) -> list[str]:
    """The header's columns as the reader names them; ReferenceRefused when one is unknown,
    repeated, or code or name is missing."""
    names = [_column_name(cell) for cell in header]
    unknown = [
        cell for cell, name in zip(header, names, strict=True) if name and name not in COLUMNS
    ]
    if unknown:
        raise ReferenceRefused(
            f"Column {unknown[0]!r} is not one of a reference file's: {', '.join(COLUMNS)}."
        )
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise ReferenceRefused(f"Column {repeated[0]} appears more than once.")
    missing = [c for c in ("code", "name") if c not in names]
    if missing:
        raise ReferenceRefused(f"Columns missing: {', '.join(missing)}.")
    return names


def _code(value: str, kind: str, column: str, number: int, problems: list[Problem]) -> str:
    code = value.upper()
    if not code:
        problems.append(Problem(number, column, "missing: every row needs a code"))
    elif not _CODE.fullmatch(code):
        problems.append(
            Problem(number, column, f"{value!r} has characters other than letters and digits")
        )
    elif len(code) > MAX_CODE[kind]:
        problems.append(
            Problem(
                number,
                column,
                f"{value!r} is too long: {A[kind]} code has at most {MAX_CODE[kind]} characters",
            )
        )
    return code


def _date(value: str, column: str, number: int, problems: list[Problem]) -> dt.date | None:
    """A YYYY-MM-DD date; a workbook's date cell (read as 'YYYY-MM-DD 00:00:00') too."""
    if not value:
        return None
    text = value[:10] if value.endswith(" 00:00:00") else value
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.append(Problem(number, column, f"{value!r} is not a date as YYYY-MM-DD"))
        return None


def _organisation(
    cells: dict[str, str], number: int, problems: list[Problem]
) -> OrganisationRecord:
    code = _code(cells["code"], "organisation", "code", number, problems)
    kind = parse_kind(cells["kind"]) if cells["kind"] else None
    kind = None if kind == "country" else kind  # England comes with a publication's figures
    if not cells["kind"]:
        problems.append(Problem(number, "kind", f"missing: one of {allowed_kinds()}"))
    elif kind is None:
        problems.append(
            Problem(number, "kind", f"{cells['kind']!r} is not a kind: use {allowed_kinds()}")
        )
    region = cells["region_code"].upper()
    if not region:
        problems.append(
            Problem(number, "region_code", "missing: every organisation is in a region")
        )
    rurality = cells["rurality"].lower() or None
    if rurality not in (None, "urban", "rural"):
        problems.append(
            Problem(
                number, "rurality", f"{cells['rurality']!r} is not urban, rural or blank (none)"
            )
        )
    parent = None
    if cells["parent_code"]:
        parent = _code(cells["parent_code"], "organisation", "parent_code", number, problems)
    if parent is not None and parent == code:
        problems.append(Problem(number, "parent_code", f"{code} cannot be its own parent"))
    opened = _date(cells["opened_on"], "opened_on", number, problems)
    closed = _date(cells["closed_on"], "closed_on", number, problems)
    if opened and closed and closed < opened:
        problems.append(
            Problem(number, "closed_on", f"closed on {closed} before it opened on {opened}")
        )
    return OrganisationRecord(
        code, cells["name"], kind or "", region, rurality, parent, opened, closed
    )


def read_row(cells: dict[str, str], number: int) -> tuple[Row | None, list[Problem]]:
    """One row (cells by column name, blank where the file has no such column) as a region or
    an organisation, or its problems."""
    problems: list[Problem] = []
    type_text = cells.get("type", "organisation")
    row_type = TYPES.get(type_text.lower())
    if row_type is None:
        said = f"{type_text!r} is not" if type_text else "missing: say"
        problems.append(Problem(number, "type", f"{said} region or organisation"))
        return None, problems
    name = " ".join(cells["name"].split())
    if not name:
        problems.append(Problem(number, "name", f"missing: every {row_type} needs a name"))
    elif len(name) > MAX_NAME[row_type]:
        problems.append(Problem(number, "name", f"longer than {MAX_NAME[row_type]} characters"))
    cells = {**cells, "name": name}
    if row_type == "region":
        filled = [c for c in ORGANISATION_ONLY if cells.get(c)]
        if filled:
            problems.append(
                Problem(
                    number,
                    filled[0],
                    "a region has only a code and a name: is this row an organisation?",
                )
            )
        record: RegionRecord | OrganisationRecord = RegionRecord(
            _code(cells["code"], "region", "code", number, problems), name
        )
    else:
        record = _organisation(cells, number, problems)
    return (None if problems else Row(number, record)), problems


def read_rows(numbered: list[tuple[int, list[str]]]) -> tuple[list[Row], list[Problem]]:
    """The rows of a file (header first, as dashboard.uploads reads them), comments skipped,
    each read into a region or an organisation; and every problem, by row and column."""
    content = [(n, cells) for n, cells in numbered if not cells[0].startswith("#")]
    if not content:
        raise ReferenceRefused(
            f"The file is empty. The header needs at least code and name; the columns are "
            f"{', '.join(COLUMNS)}."
        )
    names = header_columns(content[0][1])
    if "type" not in names and not {"kind", "region_code"} <= set(names):
        raise ReferenceRefused(
            "Columns missing: kind and region_code (or a type column to say which rows are "
            "regions)."
        )
    rows: list[Row] = []
    problems: list[Problem] = []
    for number, values in content[1:]:
        cells = dict.fromkeys(COLUMNS, "")
        cells.update({n: v for n, v in zip(names, values, strict=False) if n})
        if "type" not in names:
            cells.pop("type")
        row, found = read_row(cells, number)
        problems.extend(found)
        if row is not None:
            rows.append(row)
    return rows, problems
