"""Importing returns on the real PostgreSQL: one transaction (all rows or none, with its audit
entry), and concurrent resubmissions of the same return serialised by a row lock."""

from __future__ import annotations

import threading

import pandas as pd
import pytest
from sqlalchemy import func, select

import dashboard.returns.storing as storing
from dashboard.returns import import_return, site_template
from data_access.db import Database
from data_access.models import AuditEntry, Measure, Observation, Organisation, Period
from tests.conftest import DOUBLED_CURRENT
from tests.returns_helpers import store_confirming

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg(seeded_postgres_url):
    from dashboard.factory import create_app

    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": seeded_postgres_url,
            "SECRET_KEY": "test",
            "CACHE_TYPE": "SimpleCache",
        }
    )
    db = Database(seeded_postgres_url)
    with app.server.app_context():
        yield db
    db.dispose()


def _file(db, site, period, numerator) -> bytes:
    with db.session() as s:
        frame = site_template(s, site, [period])
    rows = frame["measure_code"] == "M02A"
    frame.loc[rows, ["numerator", "denominator"]] = [str(numerator), "100"]
    return frame.to_csv(index=False).encode()


def _counts(db) -> tuple[int, int]:
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Observation)),
            s.scalar(select(func.count()).select_from(AuditEntry)),
        )


def test_a_failure_while_writing_stores_no_row_and_no_audit_entry(pg, monkeypatch):
    content = _file(pg, "SLAM", "2009Q4", 33)
    real = storing.store_return

    def store_then_fail(*args, **kwargs):
        real(*args, **kwargs)  # every row and the audit entry are in the transaction...
        raise RuntimeError("the disk filled up")  # ...when it fails

    monkeypatch.setattr(storing, "store_return", store_then_fail)
    before = _counts(pg)
    with pytest.raises(RuntimeError):
        store_confirming(pg, content, "r.csv", "test")
    assert _counts(pg) == before


def test_a_file_with_one_bad_row_stores_nothing(pg):
    frame = pd.read_csv(
        pd.io.common.BytesIO(_file(pg, "SLAM", "2009Q3", 20)), dtype=str, keep_default_na=False
    )
    frame.loc[frame.index[frame["measure_code"] == "M02A"][-1], "numerator"] = "-1"
    before = _counts(pg)
    result = import_return(pg, frame.to_csv(index=False).encode(), "r.csv", "test")
    assert not result.stored and len(result.errors) == 1
    assert _counts(pg) == before


def _at_once(pg, contents: list[bytes]) -> list:
    """Each file stored at the same moment, its warnings confirmed as its check listed them."""
    outcomes: list = [None] * len(contents)
    start = threading.Barrier(len(contents))
    checked = [import_return(pg, c, "r.csv", "lead", dry_run=True) for c in contents]
    confirmed = [{w.key for w in c.warnings} for c in checked]

    def submit(i):
        start.wait()
        outcomes[i] = import_return(
            pg, contents[i], f"r{i}.csv", f"lead{i}", confirmed=confirmed[i]
        )

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(len(contents))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_the_same_resubmission_sent_twice_at_once_makes_exactly_one_revision(pg):
    content = _file(pg, "ELFT", "2008Q1", 57)
    outcomes = _at_once(pg, [content, content])
    statuses = sorted(
        "stored" if o.counts()["new"] + o.counts()["revised"] else "unchanged" for o in outcomes
    )
    assert statuses == ["stored", "unchanged"]  # the second waited, then found it stored
    with pg.session() as s:
        doubled = s.execute(DOUBLED_CURRENT).all()
    assert doubled == []


def test_two_different_resubmissions_at_once_are_both_kept_as_revisions(pg):
    outcomes = _at_once(pg, [_file(pg, "CIFT", "2008Q2", 10), _file(pg, "CIFT", "2008Q2", 12)])
    assert all(o.stored for o in outcomes)
    with pg.session() as s:
        rows = s.execute(
            select(Observation.revision, Observation.numerator, Observation.is_current)
            .join(Measure, Measure.id == Observation.measure_id)
            .join(Organisation, Organisation.id == Observation.organisation_id)
            .join(Period, Period.id == Observation.period_id)
            .where(
                Measure.code == "M02A",
                Organisation.code == "CIFT",
                Period.code == "2008Q2",
                Observation.ethnic_code == "A",
            )
        ).all()
    numerators = {r.numerator for r in rows}
    assert {10, 12} <= numerators  # neither submission lost: one is history, one current
    assert sum(r.is_current for r in rows) == 1
    revisions = sorted(r.revision for r in rows)
    assert revisions[-1] == revisions[-2] + 1  # consecutive revisions, no gap, no clash


def test_a_new_period_is_added_once_however_many_returns_bring_it(pg):
    """Two returns for the quarter that just ended each bring its period: the second finds
    it there (ON CONFLICT DO NOTHING) instead of being refused. Rolled back: the seeded
    database is shared."""
    from dashboard.periods import financial_year, quarter
    from data_access.writes import ensure_periods

    new = quarter(2026, 3).row()
    with pg.engine.connect() as conn:
        from sqlalchemy.orm import Session

        with Session(conn) as s, conn.begin():
            ensure_periods(s, [new])
            ensure_periods(s, [new, financial_year(2026).row()])
            codes = s.scalars(select(Period.code).where(Period.code.in_(["2026Q3", "2026/27"])))
            assert sorted(codes) == ["2026/27", "2026Q3"]
            conn.rollback()
