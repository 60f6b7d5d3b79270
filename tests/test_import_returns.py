"""Importing a filled-in return from the command line: checked as a whole, stored in one
transaction with an audit entry, a resubmission kept as a new revision."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from sqlalchemy import func, select

from data_access.db import Database
from data_access.models import AuditEntry, Observation


@pytest.fixture
def writable(demo_db_url, tmp_path):
    """A copy of the demonstration database that a test may write to, and its app's CLI."""
    from dashboard.factory import create_app

    path = tmp_path / "copy.sqlite3"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), path)
    url = f"sqlite:///{path}"
    app = create_app(
        {"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "t", "CACHE_TYPE": "SimpleCache"}
    )
    db = Database(url)
    yield app.server.test_cli_runner(), db
    db.dispose()


def _template(runner, tmp_path, period="2010Q1"):
    out = tmp_path / "t.csv"
    assert (
        runner.invoke(
            args=["returns-template", "--site", "DORPCT", "--out", str(out), "--period", period]
        ).exit_code
        == 0
    )
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    # 2010Q1 is stored, so its template comes filled: emptied, a test returns only its cells.
    frame[["numerator", "denominator"]] = ""
    return frame


def _counts(db):
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Observation)),
            s.scalar(select(func.count()).select_from(AuditEntry)),
        )


def test_a_bad_file_is_refused_row_by_row_and_nothing_is_stored(writable, tmp_path):
    runner, db = writable
    frame = _template(runner, tmp_path)
    m02a = frame.index[frame["measure_code"] == "M02A"]
    frame.loc[m02a, ["numerator", "denominator"]] = ["3", "10"]
    frame.loc[m02a[0], "numerator"] = "12"  # more than the denominator of a proportion
    frame.loc[m02a[1], "denominator"] = "3.5"
    frame.loc[m02a[2], "ethnic_code"] = "QQ"
    path = tmp_path / "bad.csv"
    frame.to_csv(path, index=False)
    before = _counts(db)
    result = runner.invoke(args=["import-returns", str(path)])
    assert result.exit_code != 0
    # Each error names the row's measure and ethnic category, not only the row.
    m02a_name = "M02A Service users rating their care as good or excellent"
    assert (
        f"row {m02a[0] + 2} ({m02a_name}, White British), column numerator: 12 is more than "
        "the denominator 10" in result.output
    )
    assert (
        f"row {m02a[1] + 2} ({m02a_name}, White Irish), column denominator: '3.5' is not a "
        "whole number" in result.output
    )
    assert f"row {m02a[2] + 2} ({m02a_name}, 'QQ'), column ethnic_code: 'QQ'" in result.output
    assert "nothing was stored" in result.output
    assert _counts(db) == before


def test_a_good_file_is_previewed_then_stored_once_and_revised_later(writable, tmp_path):
    runner, db = writable
    frame = _template(runner, tmp_path)
    rows = frame["measure_code"] == "M02A"
    frame.loc[rows, ["numerator", "denominator"]] = ["3", "10"]
    path = tmp_path / "good.csv"
    frame.to_csv(path, index=False)
    before = _counts(db)
    obs_before, audits_before = before

    dry = runner.invoke(args=["import-returns", str(path), "--dry-run"])
    assert dry.exit_code == 0 and "dry run, nothing stored" in dry.output
    # Ten people where about a hundred were counted the quarter before: said, row by row.
    warned = re.findall(
        r"Warning: Row (\d+) \(DORPCT, 2010Q1, M02A .*denominator moved", dry.output
    )
    assert warned and {int(r) for r in warned} <= set(frame.index[rows] + 2)
    assert _counts(db) == before

    unconfirmed = runner.invoke(args=["import-returns", str(path), "--as", "lead@dorset"])
    assert unconfirmed.exit_code != 0 and "--confirm-warnings" in unconfirmed.output
    assert f"Row {warned[0]} (DORPCT, 2010Q1, M02A" in unconfirmed.output
    assert "nothing was stored" in unconfirmed.output and _counts(db) == before

    confirm = ["--confirm-warnings", "--as", "lead@dorset"]
    stored = runner.invoke(args=["import-returns", str(path), *confirm])
    assert stored.exit_code == 0, stored.output
    assert f"Confirmed: Row {warned[0]} (DORPCT" in stored.output
    n = int(rows.sum())
    found = re.search(r"stored: (\d+) new, (\d+) revised, 0 unchanged", stored.output)
    assert found and int(found[1]) + int(found[2]) == n
    obs, audits = _counts(db)
    assert audits == audits_before + 1
    revised_or_new = obs - obs_before
    assert 0 < revised_or_new <= n
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert (
            entry.actor == "lead@dorset"
            and entry.file_name == "good.csv"
            and len(entry.checksum) == 64
        )
        kept = entry.details["confirmed_warnings"]
        assert len(kept) == len(warned) and kept[0].startswith(f"Row {warned[0]} (DORPCT")

    again = runner.invoke(args=["import-returns", str(path)])
    obs_again, _ = _counts(db)
    assert f"{n:,} unchanged" in again.output and obs_again == obs

    frame.loc[rows.idxmax(), "numerator"] = "4"
    frame.to_csv(path, index=False)
    revised = runner.invoke(args=["import-returns", str(path), "--confirm-warnings"])
    assert "1 revised" in revised.output
    with db.session() as s:
        history = s.scalars(
            select(Observation.revision).where(Observation.submitted_by == "cli")
        ).all()
        assert history and max(history) >= 2  # the old value kept as a previous revision


def test_files_that_are_not_returns_are_refused(writable, tmp_path):
    runner, _ = writable
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert "Upload a .csv or .xlsx" in runner.invoke(args=["import-returns", str(text)]).output
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n")
    result = runner.invoke(args=["import-returns", str(wrong)])
    assert result.exit_code != 0 and "Columns missing: site_code" in result.output
