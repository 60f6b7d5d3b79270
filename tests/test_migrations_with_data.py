"""The migrations run on a database that holds data, not only on an empty one. On SQLite a
batch migration drops and recreates a table; with foreign keys on, the drop failed as soon as
other rows referred to the table (`FOREIGN KEY constraint failed` on `DROP TABLE measure`),
so a site's existing database could not be upgraded."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from data_access.db import make_engine
from data_access.migrate import downgrade, is_at_head, upgrade
from data_access.seed import seed_demo

pytestmark = pytest.mark.slow


def test_a_seeded_sqlite_database_goes_down_and_up_again_keeping_its_rows(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'data.sqlite3'}")
    upgrade(engine)
    seed_demo(engine)
    with engine.connect() as conn:
        before = conn.scalar(text("SELECT count(*) FROM observation"))
    downgrade(engine, "0004")  # before the versions and the session version
    upgrade(engine)
    assert is_at_head(engine)
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM observation")) == before
        assert conn.scalar(text("SELECT min(version) FROM measure")) == 1
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        assert conn.scalar(text("PRAGMA foreign_keys")) == 1  # on again for the app
    engine.dispose()
