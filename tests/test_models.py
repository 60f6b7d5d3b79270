"""The database itself refuses impossible data, and the migrations build the models' schema."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from data_access.db import make_engine, normalise_url
from data_access.migrate import is_at_head, upgrade
from data_access.models import Base, Measure, Observation, Organisation, Period


def _observation(session, measure_code: str, **overrides):
    measure = session.execute(
        select(Measure.id, Measure.kind).where(Measure.code == measure_code)
    ).one()
    row = {
        "measure_id": measure.id,
        "measure_kind": measure.kind,
        "organisation_id": session.scalar(
            select(Organisation.id).where(Organisation.code == "DORPCT")
        ),
        "period_id": session.scalar(select(Period.id).where(Period.code == "2005Q2")),
        "ethnic_code": "A",
        "numerator": 1,
        "denominator": 10,
        "revision": 7,
        "is_current": False,
        "submitted_by": "test",
        "submitted_at": dt.datetime(2010, 1, 1, tzinfo=dt.UTC),
    }
    row.update(overrides)
    return row


@pytest.mark.parametrize(
    ("measure", "overrides"),
    [
        ("M02A", {"numerator": -1}),
        ("M02A", {"denominator": -5}),
        ("M02A", {"numerator": 11, "denominator": 10}),  # a proportion above 100%
        ("M11C", {"numerator": 2, "denominator": 1}),  # a milestone met twice
        ("M02A", {"revision": 0}),
        ("M02A", {"measure_kind": "rate"}),  # a kind that is not the measure's own
        ("M02A", {"ethnic_code": "Q"}),  # not an NHS ethnic category
    ],
)
def test_impossible_observations_are_refused(session, measure, overrides):
    with pytest.raises(IntegrityError), session.begin_nested():
        session.execute(insert(Observation), [_observation(session, measure, **overrides)])


def test_a_rate_may_exceed_its_denominator_but_not_twice_the_same_revision(session):
    row = _observation(session, "M04A", numerator=12, denominator=10)
    session.execute(insert(Observation), [row])
    with pytest.raises(IntegrityError), session.begin_nested():
        session.execute(insert(Observation), [row])


def test_migrations_reach_head_and_match_the_models(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    assert not is_at_head(engine)
    upgrade(engine)
    assert is_at_head(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_enforces_foreign_keys(empty_db_url):
    engine = make_engine(empty_db_url)
    upgrade(engine)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(
            insert(Organisation).values(
                code="X", name="X", kind="prison", region_id=99, rurality="rural"
            )
        )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_urls_are_normalised(given, expected):
    assert normalise_url(given) == expected


def test_the_sqlite_file_is_readable_by_its_owner_only(tmp_path):
    """Issue 14: it was created readable by everyone (password hashes, unrounded counts)."""
    import stat

    from data_access.db import make_engine

    fresh = tmp_path / "new" / "dre.sqlite3"
    make_engine(f"sqlite:///{fresh}").dispose()
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    wide = tmp_path / "wide.sqlite3"
    wide.touch(mode=0o644)
    wide.chmod(0o644)
    make_engine(f"sqlite:///{wide}").dispose()
    assert stat.S_IMODE(wide.stat().st_mode) == 0o600
