"""Reading an uploaded return: its cells as text, nothing evaluated, within bounds.

A file is refused on what it declares before it is parsed (a workbook's sheet dimension, a
CSV's header width), then read as a stream of rows that stops at the row limit, so that a
few kilobytes cannot make a worker build gigabytes of empty cells. Only plain workbooks are
read: a macro-enabled one renamed .xlsx is refused.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import time
import zipfile
from collections.abc import Iterable, Iterator

import openpyxl
import pandas as pd

from dashboard.returns.limits import (
    MAX_CHECK_SECONDS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    ReturnRefused,
)
from dashboard.returns.template import RETURN_COLUMNS

#: An .xlsx is a zip: its parts may not unpack to more than this (a 5 MB file could
#: otherwise hold gigabytes of repeated cells).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: The start of a sheet's XML that holds its <dimension> element.
DIMENSION_HEAD = 4096
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
_MACRO_PARTS = ("xl/vbaProject.bin", "xl/vbaProjectSignature.bin")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _check_workbook(content: bytes) -> None:
    """Refuse a workbook that is not a plain one, unpacks too far, or whose sheets declare
    more columns or rows than a return has, before any sheet is parsed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as exc:
        raise ReturnRefused("The file is not a valid .xlsx workbook.") from exc
    with archive:
        names = archive.namelist()
        if any(name in names for name in _MACRO_PARTS) or any(
            b"macroEnabled" in archive.read(n) for n in names if n == "[Content_Types].xml"
        ):
            raise ReturnRefused(
                "The workbook contains macros; save it as a plain Excel workbook (.xlsx) or CSV."
            )
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise ReturnRefused("The workbook unpacks to more than 100 MB; send it as CSV.")
        for name in names:
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with archive.open(name) as part:
                    _check_dimension(part.read(DIMENSION_HEAD))


def _check_dimension(head: bytes) -> None:
    found = _DIMENSION.search(head)
    if not found or not found.group(3):
        return  # no dimension (or one cell): the streamed read bounds it instead
    columns, rows = _column_number(found.group(3).decode()), int(found.group(4))
    if columns > MAX_COLUMNS or rows > MAX_ROWS + 1:
        raise ReturnRefused(
            f"The sheet declares {columns:,} columns and {rows:,} rows; a return has at most "
            f"{MAX_COLUMNS} columns and {MAX_ROWS:,} rows. Save just the template's cells, "
            "or send it as CSV."
        )


def _cell_text(value: object) -> str:
    """A cell as text, as pandas reads it with dtype=str: whole numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _workbook_rows(content: bytes) -> Iterator[list[str]]:
    book = openpyxl.load_workbook(
        io.BytesIO(content), read_only=True, data_only=True, keep_links=False
    )
    try:
        # One column past the limit is read, so that a wider sheet is told, not cut.
        for row in book.worksheets[0].iter_rows(max_col=MAX_COLUMNS + 1, values_only=True):
            yield [_cell_text(v) for v in row]
    finally:
        book.close()


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    first_line = content[: content.find(b"\n") + 1 or len(content)]
    if first_line.count(b",") >= MAX_COLUMNS * 4:  # quoted commas count: a generous bound
        raise ReturnRefused(
            f"The header has {first_line.count(b',') + 1:,} columns; a return has at most "
            f"{MAX_COLUMNS}."
        )
    text = codecs.getreader("utf-8-sig")(io.BytesIO(content), errors="strict")
    yield from csv.reader(text)


def _bounded(rows: Iterable[list[str]]) -> list[list[str]]:
    """The rows (header first) as read, refused past the column or row limit, or when
    reading takes longer than a check may."""
    deadline = time.monotonic() + MAX_CHECK_SECONDS
    out: list[list[str]] = []
    for number, row in enumerate(rows, start=1):
        while row and row[-1] == "":
            row.pop()  # trailing empty cells (a workbook pads rows to the widest)
        if len(row) > MAX_COLUMNS:
            raise ReturnRefused(
                f"Row {number} has {len(row):,} columns; a return has at most {MAX_COLUMNS}."
            )
        if not row:
            continue  # a blank line, as pandas skips them
        if len(out) > MAX_ROWS:
            raise ReturnRefused(
                f"The file has more than {MAX_ROWS:,} rows; at most {MAX_ROWS:,} at once."
            )
        if number % 1000 == 0 and time.monotonic() > deadline:
            raise ReturnRefused(f"Reading the file took longer than {MAX_CHECK_SECONDS} s.")
        out.append(row)
    return out


def read_return(content: bytes, file_name: str) -> pd.DataFrame:
    """The file's cells as text (nothing evaluated, no formulas run), or ReturnRefused."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ReturnRefused(f"The file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB.")
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    try:
        if suffix == "csv":
            rows = _bounded(_csv_rows(content))
        elif suffix == "xlsx":
            _check_workbook(content)
            rows = _bounded(_workbook_rows(content))
        else:
            raise ReturnRefused("Upload a .csv or .xlsx file (the returns template).")
    except ReturnRefused:
        raise
    except Exception as exc:  # a broken file says why, whatever the parser raised
        raise ReturnRefused(f"The file could not be read as {suffix.upper()}: {exc}") from exc
    if not rows:
        raise ReturnRefused(f"The file is empty. Columns needed: {', '.join(RETURN_COLUMNS)}.")
    header = [c.strip() for c in rows[0]]
    missing = [c for c in RETURN_COLUMNS if c not in header]
    if missing:
        raise ReturnRefused(f"Columns missing: {', '.join(missing)}.")
    where = [header.index(c) for c in RETURN_COLUMNS]
    cells = [[row[i].strip() if i < len(row) else "" for i in where] for row in rows[1:]]
    return pd.DataFrame(cells, columns=RETURN_COLUMNS, dtype=object)
