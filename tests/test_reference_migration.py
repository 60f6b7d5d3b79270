"""Migration 0008 on a database that holds data, on SQLite and PostgreSQL: every organisation
keeps its kind and class, the new columns start empty, today's kinds and organisations without
a class are accepted afterwards, and the area totals are rebuilt with them."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from dashboard.reference import load_reference
from data_access.db import Database, make_engine
from data_access.migrate import downgrade, is_at_head, upgrade
from data_access.seed import seed_demo
from tests.reference_helpers import csv_bytes, org, organisation, region

#: An ICB without a rural/urban class, a trust under it, and Dorset PCT losing its class.
TODAY = [
    region("Y58", "South West (NHS England)"),
    org("QVV", "NHS Dorset Integrated Care Board", "ICB", "Y58", ""),
    org(
        "RDY",
        "Dorset HealthCare University NHS Foundation Trust",
        "NHS trust",
        "Y58",
        "rural",
        "QVV",
    ),
    org("DORPCT", "Dorset PCT", "Primary care trust", "SW", "", "", "2002-10-01", "2013-03-31"),
]


def _kinds(conn) -> dict[str, tuple[str, str | None]]:
    rows = conn.execute(text("SELECT code, kind, rurality FROM organisation")).all()
    return {code: (kind, rurality) for code, kind, rurality in rows}


def _upgrade_seeded(url: str):
    """The demonstration data taken down to 0007, then upgraded to the newest migration (the
    seed writes today's columns, so it seeds at the newest and goes down first)."""
    engine = make_engine(url)
    upgrade(engine)
    seed_demo(engine)
    downgrade(engine, "0007")
    with engine.connect() as conn:
        before = _kinds(conn), conn.scalar(text("SELECT count(*) FROM area_group_total"))
    upgrade(engine)
    assert is_at_head(engine)
    with engine.connect() as conn:
        assert _kinds(conn) == before[0]
        assert conn.scalar(text("SELECT count(*) FROM area_group_total")) == before[1]
        filled = "parent_id IS NOT NULL OR opened_on IS NOT NULL OR closed_on IS NOT NULL"
        assert conn.scalar(text(f"SELECT count(*) FROM organisation WHERE {filled}")) == 0
    return engine


def _load_today(url: str) -> None:
    db = Database(url)
    try:
        result = load_reference(db, csv_bytes(TODAY), "today.csv", "test")
        assert result.stored, result.errors
        assert organisation(db, "RDY")["parent"] == "QVV"
        assert organisation(db, "DORPCT")["rurality"] is None
        with db.session() as s:
            cells = s.execute(
                text(
                    "SELECT DISTINCT rurality FROM area_group_total a"
                    " JOIN region r ON r.id = a.region_id WHERE r.code = 'SW'"
                )
            ).scalars()
            assert set(cells) == {"urban", "rural", "unclassified"}
    finally:
        db.dispose()


@pytest.mark.slow
def test_a_seeded_sqlite_database_upgrades_and_takes_todays_organisations(tmp_path):
    url = f"sqlite:///{tmp_path / 'data.sqlite3'}"
    engine = _upgrade_seeded(url)
    _load_today(url)
    # Going back is refused while organisations of today's kinds or without a class exist:
    # nothing is dropped silently, and the database stays as it was.
    with pytest.raises(IntegrityError):
        downgrade(engine, "0007")
    with engine.connect() as conn:
        assert is_at_head(engine)
        assert _kinds(conn)["QVV"] == ("integrated_care_board", None)
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    engine.dispose()


@pytest.mark.postgres
def test_a_seeded_postgres_database_upgrades_and_takes_todays_organisations(postgres_url):
    engine = _upgrade_seeded(postgres_url)
    engine.dispose()
    _load_today(postgres_url)
