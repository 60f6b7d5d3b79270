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


FINANCIAL_YEAR = (
    "INSERT INTO period (code, label, granularity, start_date, end_date) "
    "VALUES ('2009/10', '2009/10', 'financial_year', '2009-04-01', '2010-03-31')"
)


def test_0009_upgrades_a_seeded_database_to_take_a_financial_year_beside_its_quarter(tmp_path):
    """Before 0009 a financial year could not be stored beside the quarter that starts on
    the same day (2009/10 and 2009Q2), nor be called one; after it both are, and the
    quarters already stored are kept as they were."""
    import sqlalchemy.exc

    engine = make_engine(f"sqlite:///{tmp_path / 'data.sqlite3'}")
    upgrade(engine)
    seed_demo(engine)
    downgrade(engine, "0008")
    with engine.connect() as conn:
        quarters = conn.execute(text("SELECT code, start_date FROM period ORDER BY code")).all()
        with pytest.raises(sqlalchemy.exc.IntegrityError):
            conn.execute(text(FINANCIAL_YEAR))
        conn.rollback()
    upgrade(engine)
    assert is_at_head(engine)
    with engine.begin() as conn:
        conn.execute(text(FINANCIAL_YEAR))
        assert (
            conn.execute(
                text(
                    "SELECT code, start_date FROM period "
                    "WHERE granularity = 'quarter' ORDER BY code"
                )
            ).all()
            == quarters
        )
        with pytest.raises(sqlalchemy.exc.IntegrityError), conn.begin_nested():
            conn.execute(text(FINANCIAL_YEAR.replace("'2009/10', '2009/10'", "'x', 'x'")))
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    engine.dispose()
