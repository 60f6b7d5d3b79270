"""What a return may be: its size, its rows, its columns, and the refusal of a whole file."""

from __future__ import annotations

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000


class ReturnRefused(Exception):
    """The file as a whole cannot be read as a return (wrong type, too big, columns missing)."""


#: The template has twelve columns; a sheet or header much wider is not a return.
MAX_COLUMNS = 50
#: Reading and checking one file may not keep a worker busier than this.
MAX_CHECK_SECONDS = 10
