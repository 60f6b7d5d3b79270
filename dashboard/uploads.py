"""Reading an uploaded CSV or Excel file as rows of text, within the same bounds as a return.

The returns' reader (dashboard/returns/reading.py) already refuses a file on what it declares
before parsing it, streams rows up to a limit, and refuses macro-enabled workbooks. Other
uploads (reference data) read through it here rather than through a second reader with its own
gaps. Each row keeps its number as a spreadsheet shows it, so that errors can name it even
after blank rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dashboard.returns.limits import MAX_ROWS, MAX_UPLOAD_BYTES
from dashboard.returns.limits import ReturnRefused as FileRefused
from dashboard.returns.reading import _bounded, _check_workbook, _csv_rows, _workbook_rows

__all__ = ["MAX_ROWS", "MAX_UPLOAD_BYTES", "FileRefused", "numbered_rows"]


def _numbered(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    """Each row with its number in front, so that the bounded read cannot lose it."""
    for number, row in enumerate(rows, start=1):
        yield [str(number), *row]


def numbered_rows(content: bytes, file_name: str) -> list[tuple[int, list[str]]]:
    """(spreadsheet row number, cells as text) of every non-blank row, header first; cells
    stripped of surrounding spaces. Nothing in the file is evaluated. FileRefused when the
    file is not a CSV or a plain workbook, or is too big."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise FileRefused(f"The file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB.")
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    try:
        if suffix == "csv":
            rows = _bounded(_numbered(_csv_rows(content)))
        elif suffix == "xlsx":
            _check_workbook(content)
            rows = _bounded(_numbered(_workbook_rows(content)))
        else:
            raise FileRefused("Upload a .csv or .xlsx file.")
    except FileRefused:
        raise
    except Exception as exc:  # a broken file says why, whatever the parser raised
        raise FileRefused(f"The file could not be read as {suffix.upper()}: {exc}") from exc
    numbered = [(int(row[0]), [cell.strip() for cell in row[1:]]) for row in rows]
    return [(number, cells) for number, cells in numbered if any(cells)]
