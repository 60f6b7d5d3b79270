"""Files the dashboard writes for people to open in a spreadsheet: nothing in them may run.

A text cell that starts with = + - @ (or a tab or carriage return) is a formula to Excel and
LibreOffice; such cells get a leading single quote (OWASP, "CSV injection"). XLSX cells are
written as text, never as formulas.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose formula-like text cells start with a single quote."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(CSV_TRIGGERS) else v
            )
    return out


def write_table(frame: pd.DataFrame, path: Path, sheet: str = "data") -> None:
    """`frame` as .csv or .xlsx (by the file's suffix), formula-like cells neutralised."""
    safe = csv_safe(frame)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        safe.to_csv(path, index=False)
    elif suffix == ".xlsx":
        safe.to_excel(path, index=False, sheet_name=sheet, engine="openpyxl")
    else:
        raise ValueError(f"Write .csv or .xlsx, not {path.suffix or 'a file without a suffix'}")
