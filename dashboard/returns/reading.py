"""Reading an uploaded return: its cells as text, nothing evaluated, within bounds."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from dashboard.returns.limits import MAX_ROWS, MAX_UPLOAD_BYTES, ReturnRefused
from dashboard.returns.template import RETURN_COLUMNS

#: An .xlsx is a zip: its sheets may not unpack to more than this (a 5 MB file could
#: otherwise hold gigabytes of repeated cells).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


def _refuse_bombs(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ReturnRefused("The file is not a valid .xlsx workbook.") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise ReturnRefused("The workbook unpacks to more than 100 MB; send it as CSV.")


def read_return(content: bytes, file_name: str) -> pd.DataFrame:
    """The file's cells as text (nothing evaluated, no formulas run), or ReturnRefused."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise ReturnRefused(f"The file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB.")
    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    try:
        if suffix == "csv":
            frame = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
        elif suffix == "xlsx":
            _refuse_bombs(content)
            frame = pd.read_excel(
                io.BytesIO(content), dtype=str, keep_default_na=False, engine="openpyxl"
            )
        else:
            raise ReturnRefused("Upload a .csv or .xlsx file (the returns template).")
    except ReturnRefused:
        raise
    except Exception as exc:  # a broken file says why, whatever the parser raised
        raise ReturnRefused(f"The file could not be read as {suffix.upper()}: {exc}") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in RETURN_COLUMNS if c not in frame.columns]
    if missing:
        raise ReturnRefused(f"Columns missing: {', '.join(missing)}.")
    if len(frame) > MAX_ROWS:
        raise ReturnRefused(f"The file has {len(frame):,} rows; at most {MAX_ROWS:,} at once.")
    return frame[RETURN_COLUMNS].map(lambda v: str(v).strip())
