"""Which quarters are open for returns now: the latest `RETURN_QUARTERS_OPEN` ended quarters
(2 unless configured: the one that just ended and, for a late return, the one before)."""

from __future__ import annotations

import datetime as dt

from flask import current_app, has_app_context

from dashboard import periods
from dashboard.periods import DEFAULT_QUARTERS_OPEN, PeriodSpec


def quarters_open(today: dt.date | None = None, n: int | None = None) -> list[PeriodSpec]:
    """The open quarters, newest first, on `today` (the real date when None), `n` of them
    (the app's setting when None, outside an app the default)."""
    if n is None:
        n = (
            int(current_app.config.get("RETURN_QUARTERS_OPEN", DEFAULT_QUARTERS_OPEN))
            if has_app_context()
            else DEFAULT_QUARTERS_OPEN
        )
    return periods.open_quarters(today or periods.today(), n)
