"""What the published statistics' tests share: the real extract, an empty database made ready
as a new programme would (migrations, the shipped reference data), and an import through the
command line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dashboard.accounts import create_user
from data_access.db import Database, make_engine
from data_access.migrate import upgrade
from data_access.models import AuditEntry, Observation
from tests.conftest import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[1]
EXTRACT = ROOT / "data" / "mha-annual-2023-24" / "mha-annual-2023-24-extract.csv"
REFERENCE = [
    ROOT / "data_access" / "reference" / "nhs-england-regions.csv",
    ROOT / "data_access" / "reference" / "nhs-england-icbs.csv",
]
ADMIN, VIEWER = "admin@dre.example", "viewer@dre.example"


def published_rows() -> list[dict[str, str]]:
    """The extract's rows as the publication gives them (line numbers from 2)."""
    with EXTRACT.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def empty_database(url: str) -> None:
    """Migrated, with an administrator and a viewer: nothing else."""
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    db = Database(url)
    with db.session() as session:
        create_user(session, ADMIN, TEST_PASSWORD, "admin")
        create_user(session, VIEWER, TEST_PASSWORD, "viewer")
    db.dispose()


def make_app(url: str):
    from dashboard.factory import create_app

    # As `make run DATA=mha-annual` serves it: small numbers below 20 events (ONS).
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": url,
            "SECRET_KEY": "test",
            "CACHE_TYPE": "SimpleCache",
            "SMALL_NUMBER_THRESHOLD": 20,
        }
    )


def cli(app, *args: str):
    return app.server.test_cli_runner().invoke(args=list(args))


def load_reference(app) -> None:
    for path in REFERENCE:
        result = cli(app, "load-reference", str(path))
        assert result.exit_code == 0, result.output


def counts(url: str) -> tuple[int, int]:
    """(observations, audit entries) stored."""
    db = Database(url)
    with db.session() as session:
        found = (
            session.scalar(select(func.count()).select_from(Observation)),
            session.scalar(select(func.count()).select_from(AuditEntry)),
        )
    db.dispose()
    return found


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """An empty database given the shipped reference data and the extract: (app, url, output)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('published') / 'mha.sqlite3'}"
    empty_database(url)
    app = make_app(url)
    load_reference(app)
    result = cli(app, "import-published", "mha-annual", str(EXTRACT))
    assert result.exit_code == 0, result.output
    return app, url, result.output
