"""Loading regions and organisations (dashboard/reference): each kind of bad row is named by
row and column in words and nothing is stored; a good file inserts the new, updates the
changed and leaves the rest, with one audit entry and the data version moved on; loading it
again changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from dashboard.reference import ReferenceRefused, load_reference
from dashboard.reference.words import KIND_WORDS, parse_kind
from data_access.models import ORGANISATION_KINDS
from tests.reference_helpers import (
    HEADER,
    csv_bytes,
    last_audit,
    org,
    organisation,
    region,
    stored,
)


def _errors(db, rows, header=HEADER) -> list[str]:
    result = load_reference(db, csv_bytes(rows, header), "ref.csv", "test", dry_run=True)
    assert not result.stored
    return [str(e) for e in result.errors]


#: (rows after the header, the error expected, as the page and the command line say it)
BAD_ROWS = {
    "unknown kind": (
        [org("NEW1", kind="Hospital")],
        "row 2, column kind: 'Hospital' is not a kind: use integrated care board, Sub-ICB "
        "location, NHS trust, independent provider, prison, primary care trust or mental "
        "health trust",
    ),
    "missing kind": ([org("NEW1", kind="")], "row 2, column kind: missing: one of"),
    "unknown region": (
        [org("NEW1", region_code="ZZ")],
        "row 2, column region_code: no region ZZ: add a row of type region for it",
    ),
    "missing region": ([org("NEW1", region_code="")], "row 2, column region_code: missing"),
    "unknown parent": (
        [org("NEW1", parent="NOPE")],
        "row 2, column parent_code: no organisation NOPE in the file or stored",
    ),
    "own parent": ([org("NEW1", parent="new1")], "row 2, column parent_code: NEW1 cannot be"),
    "parents in a loop": (
        [org("NEWA", parent="NEWB"), org("NEWB", parent="NEWA")],
        "row 2, column parent_code: NEWB as parent makes a loop: NEWA → NEWB → NEWA",
    ),
    "a loop through a stored parent": (
        [org("NEWA", parent="SLAM"), org("SLAM", parent="NEWA")],
        "row 3, column parent_code: NEWA as parent makes a loop: SLAM → NEWA → SLAM",
    ),
    "date not ISO": (
        [org("NEW1", opened="31/03/2013")],
        "row 2, column opened_on: '31/03/2013' is not a date as YYYY-MM-DD",
    ),
    "impossible date": (
        [org("NEW1", closed="2013-02-30")],
        "row 2, column closed_on: '2013-02-30' is not a date",
    ),
    "closed before opened": (
        [org("NEW1", opened="2010-04-01", closed="2009-03-31")],
        "row 2, column closed_on: closed on 2009-03-31 before it opened on 2010-04-01",
    ),
    "duplicate code": (
        [org("NEW1"), org("new1", name="Again")],
        "row 3, column code: NEW1 is already on row 2: give each organisation once",
    ),
    "code too long": (
        [org("ABCDEFGHIJKLM")],
        "row 2, column code: 'ABCDEFGHIJKLM' is too long: an organisation code has at most 12 "
        "characters",
    ),
    "region code too long": (
        [region("ABCDEFGHI", "Far away")],
        "row 2, column code: 'ABCDEFGHI' is too long: a region code has at most 8 characters",
    ),
    "code with other characters": (
        [org("RV5-1")],
        "row 2, column code: 'RV5-1' has characters other than letters and digits",
    ),
    "missing code": ([org("")], "row 2, column code: missing"),
    "missing name": (
        [["organisation", "NEW1", "  ", "NHS trust", "LDN", "urban", "", "", ""]],
        "row 2, column name: missing: every organisation needs a name",
    ),
    "rurality not urban, rural or blank": (
        [org("NEW1", rurality="suburban")],
        "row 2, column rurality: 'suburban' is not urban, rural or blank (none)",
    ),
    "a region's name taken": (
        [region("LON2", "london")],
        "row 2, column name: 'london' is the name of region LDN",
    ),
    "a region with an organisation's columns": (
        [["region", "ZZ", "Zed", "NHS trust", "", "", "", "", ""]],
        "row 2, column kind: a region has only a code and a name",
    ),
    "unknown type": (
        [["trust", "NEW1", "A trust", "NHS trust", "LDN", "", "", "", ""]],
        "row 2, column type: 'trust' is not region or organisation",
    ),
}


@pytest.mark.parametrize("case", BAD_ROWS, ids=list(BAD_ROWS))
def test_each_kind_of_bad_row_is_named_by_row_and_column(demo_db, case):
    rows, expected = BAD_ROWS[case]
    errors = _errors(demo_db, rows)
    assert any(e.startswith(expected) for e in errors), errors


def test_every_error_is_listed_and_rows_keep_their_spreadsheet_numbers(demo_db):
    content = b"# NHS England, 2023\n" + csv_bytes(
        [org("NEW1"), [], org("NEW2", kind="Hospital"), org("NEW3", rurality="x")]
    )
    result = load_reference(demo_db, content, "ref.csv", "test", dry_run=True)
    # the comment is row 1, the header row 2, the blank row 4
    assert [(e.row, e.column) for e in result.errors] == [(5, "kind"), (6, "rurality")]


def test_a_file_with_one_bad_row_stores_nothing(writable_db):
    before = stored(writable_db)
    rows = [region("ZZ", "Zed"), org("NEW1", region_code="ZZ"), org("NEW2", kind="Hospital")]
    result = load_reference(writable_db, csv_bytes(rows), "ref.csv", "test")
    assert not result.stored and len(result.errors) == 1
    assert stored(writable_db) == before
    assert organisation(writable_db, "NEW1") is None


@pytest.mark.parametrize(
    ("header", "refusal"),
    [
        (["code", "name", "regoin_code"], "Column 'regoin_code' is not one of"),
        (["type", "name"], "Columns missing: code"),
        (["code", "name"], "Columns missing: kind and region_code"),
        (["code", "name", "Code"], "Column code appears more than once"),
    ],
)
def test_a_header_that_is_not_a_reference_files_refuses_the_file(demo_db, header, refusal):
    with pytest.raises(ReferenceRefused, match=refusal):
        load_reference(demo_db, csv_bytes([], header), "ref.csv", "test", dry_run=True)


def test_only_csv_and_plain_workbooks_are_read(demo_db):
    with pytest.raises(ReferenceRefused, match=r"Upload a \.csv or \.xlsx file"):
        load_reference(demo_db, b"code,name\n", "ref.txt", "test", dry_run=True)
    with pytest.raises(ReferenceRefused, match=r"not a valid \.xlsx"):
        load_reference(demo_db, b"code,name\n", "ref.xlsx", "test", dry_run=True)


def test_new_updated_and_unchanged_are_stored_once_with_an_audit_entry(writable_db):
    regions, organisations, audits, version = stored(writable_db)
    slam = ["organisation", "SLAM", "South London and Maudsley NHS Foundation Trust"]
    slam += ["Mental health trust", "LDN", "urban", "", "", ""]
    rows = [
        region("ZZ", "Zed region"),
        org("ZICB", "Zed ICB", "Integrated care board", "ZZ", "", opened="2022-07-01"),
        org("ZSUB", "Zed place", "sub_icb_location", "zz", "Rural", parent="zicb"),
        slam,
    ]
    result = load_reference(writable_db, csv_bytes(rows), "zed.csv", "admin@dre.example")
    assert result.stored and result.counts() == {"new": 3, "updated": 0, "unchanged": 1}
    assert stored(writable_db) == (regions + 1, organisations + 2, audits + 1, version + 1)
    assert organisation(writable_db, "ZSUB") == {
        "code": "ZSUB",
        "name": "Zed place",
        "kind": "sub_icb_location",
        "region": "ZZ",
        "rurality": "rural",
        "parent": "ZICB",
        "opened_on": None,
        "closed_on": None,
    }
    assert organisation(writable_db, "ZICB")["rurality"] is None
    entry = last_audit(writable_db)
    assert (entry.action, entry.actor, entry.file_name) == (
        "reference_load",
        "admin@dre.example",
        "zed.csv",
    )
    assert (entry.rows_new, entry.rows_revised, entry.rows_unchanged) == (3, 0, 1)
    assert entry.details["new"] == ["region ZZ", "organisation ZICB", "organisation ZSUB"]
    assert len(entry.checksum) == 64

    again = load_reference(writable_db, csv_bytes(rows), "zed.csv", "admin@dre.example")
    assert not again.stored and again.counts() == {"new": 0, "updated": 0, "unchanged": 4}
    assert stored(writable_db) == (regions + 1, organisations + 2, audits + 1, version + 1)

    rows[2] = org("ZSUB", "Zed place", "Sub ICB", "ZZ", "", parent="", closed="2024-03-31")
    changed = load_reference(writable_db, csv_bytes(rows[2:3]), "zed-2.csv", "admin@dre.example")
    assert changed.counts() == {"new": 0, "updated": 1, "unchanged": 0}
    assert changed.changes[0].changed == {
        "rurality": ("rural", None),
        "parent": ("ZICB", None),
        "closed_on": (None, dt.date(2024, 3, 31)),
    }
    assert "closed_on: none → 2024-03-31" in changed.changes[0].words()
    assert last_audit(writable_db).details["updated"]["organisation ZSUB"]["closed_on"] == {
        "old": None,
        "new": "2024-03-31",
    }
    # Rows not in a file are never deleted.
    assert organisation(writable_db, "ZICB") is not None
    assert stored(writable_db)[:2] == (regions + 1, organisations + 2)


def test_a_workbook_loads_as_the_same_file_would_in_csv(writable_db):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(region("ZZ", "Zed region"))
    sheet.append(["organisation", "ZT", "Zed trust", "NHS trust", "ZZ", "urban", None])
    sheet.append([None, None, None])
    sheet["H3"] = dt.datetime(2001, 4, 1)  # a date cell, as Excel keeps it
    buffer = io.BytesIO()
    book.save(buffer)
    result = load_reference(writable_db, buffer.getvalue(), "zed.xlsx", "test")
    assert result.errors == [] and result.stored
    assert organisation(writable_db, "ZT")["opened_on"] == dt.date(2001, 4, 1)


def test_every_kind_has_words_and_is_read_back_from_them():
    assert tuple(KIND_WORDS) == ORGANISATION_KINDS
    for kind, words in KIND_WORDS.items():
        assert parse_kind(words.upper()) == kind
        assert parse_kind(kind) == kind
    assert parse_kind("Independent Health Provider") == "independent_provider"
    assert parse_kind("ICB") == "integrated_care_board"
    assert parse_kind("Hospital") is None
