"""The largest return the README allows (50,000 rows) is checked and stored, on SQLite and
on PostgreSQL. Before the lookups and writes were batched, PostgreSQL refused it ("stack
depth limit exceeded" from 8,000 rows, "number of parameters must be between 0 and 65535"
from 16,384) and SQLite took about 52 s. How long it takes is measured by `make bench`."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from dashboard.returns import MAX_ROWS, import_return
from dashboard.returns.sample import large_return
from data_access.db import Database
from data_access.models import Observation
from tests.conftest import DOUBLED_CURRENT

pytestmark = pytest.mark.slow


def _store_largest(url: str) -> None:
    db = Database(url)
    try:
        content = large_return(db)
        with db.session() as s:
            before = s.scalar(select(func.count()).select_from(Observation))
        checked = import_return(db, content, "large.csv", "test", dry_run=True)
        assert not checked.errors and len(checked.plan) == MAX_ROWS
        # a resubmission as sites send them: a few rows to confirm, not one a row
        assert 0 < len(checked.warnings) < MAX_ROWS // 100
        confirmed = {w.key for w in checked.warnings}
        result = import_return(db, content, "large.csv", "test", confirmed=confirmed)
        assert result.stored
        counts = result.counts()
        assert counts["new"] + counts["revised"] + counts["unchanged"] == MAX_ROWS
        with db.session() as s:
            after = s.scalar(select(func.count()).select_from(Observation))
            assert after - before == counts["new"] + counts["revised"]
            assert s.scalar(DOUBLED_CURRENT) is None  # no cell with two current values
        again = import_return(db, content, "large.csv", "test")
        assert again.counts()["unchanged"] == MAX_ROWS
    finally:
        db.dispose()


def test_the_largest_return_is_stored_on_sqlite(writable_db_url):
    _store_largest(writable_db_url)


@pytest.mark.postgres
def test_the_largest_return_is_stored_on_postgres(seeded_postgres_url):
    _store_largest(seeded_postgres_url)
