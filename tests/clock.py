"""The `today` fixture (a pytest plugin loaded by conftest.py): the returns tests are set on
one day, so that the quarters open for returns do not move with the calendar."""

from __future__ import annotations

import datetime as dt

import pytest

#: 2026Q3 has just ended and 2026Q2 is still open; the demo store's periods end in 2010Q1.
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Set the clock of dashboard.periods to TODAY."""
    monkeypatch.setattr("dashboard.periods.today", lambda: TODAY)
    return TODAY
