"""Files the dashboard writes for people to open in a spreadsheet: nothing in them may run.

A text cell that starts with = + - @ (or a tab or carriage return) is a formula to Excel and
LibreOffice; such cells get a leading single quote (OWASP, "CSV injection"). XLSX cells are
written as text, never as formulas.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose formula-like text cells start with a single quote."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            # Built as object, not through Series.map, which would make a column of whole
            # numbers and blanks floats (66 written as 66.0: not a count a return may hold).
            out[column] = pd.Series(
                [
                    "'" + v if isinstance(v, str) and v.startswith(CSV_TRIGGERS) else v
                    for v in out[column]
                ],
                index=out.index,
                dtype=object,
            )
    return out


def table_bytes(frame: pd.DataFrame, suffix: str, sheet: str = "data") -> bytes:
    """`frame` as the bytes of a .csv or .xlsx file, formula-like cells neutralised."""
    safe = csv_safe(frame)
    suffix = suffix.lower()
    if suffix == ".csv":
        return safe.to_csv(index=False).encode("utf-8")
    if suffix == ".xlsx":
        buffer = io.BytesIO()
        safe.to_excel(buffer, index=False, sheet_name=sheet, engine="openpyxl")
        return buffer.getvalue()
    raise ValueError(f"Write .csv or .xlsx, not {suffix or 'a file without a suffix'}")


def write_table(frame: pd.DataFrame, path: Path, sheet: str = "data") -> None:
    """`frame` as .csv or .xlsx (by the file's suffix), formula-like cells neutralised."""
    path.write_bytes(table_bytes(frame, path.suffix, sheet))
