"""`flask load-reference FILE [--dry-run]`: errors listed by row with a non-zero exit and nothing
stored; a dry run that stores nothing; and a new programme's empty database brought up from
the files in data_access/reference/ alone, its overview saying there are no figures yet."""

from __future__ import annotations

from pathlib import Path

import pytest

from callbacks.overview import NO_FIGURES
from data_access.db import Database
from layouts.shell.ids import PAGE, URL
from tests.components import text
from tests.dash_requests import dash_call
from tests.reference_helpers import csv_bytes, org, organisation, region, stored

REFERENCE = Path(__file__).resolve().parents[1] / "data_access" / "reference"


@pytest.fixture
def cli(writable_app):
    return writable_app.server.test_cli_runner()


def _file(tmp_path: Path, rows: list[list[str]], name: str = "ref.csv") -> str:
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows))
    return str(path)


def test_a_bad_file_exits_non_zero_lists_its_errors_and_stores_nothing(cli, writable_db, tmp_path):
    before = stored(writable_db)
    path = _file(tmp_path, [org("NEW1"), org("NEW2", region_code="ZZ"), org("NEW3", kind="Clinic")])
    result = cli.invoke(args=["load-reference", path])
    assert result.exit_code == 1
    assert "row 3, column region_code: no region ZZ" in result.output
    assert "row 4, column kind: 'Clinic' is not a kind" in result.output
    assert "ref.csv refused: 2 error(s); nothing was stored." in result.output
    assert stored(writable_db) == before
    assert organisation(writable_db, "NEW1") is None


def test_a_file_that_cannot_be_read_exits_non_zero(cli, writable_db, tmp_path):
    path = tmp_path / "ref.csv"
    path.write_text("code,name,colour\nX,Y,red\n")
    result = cli.invoke(args=["load-reference", str(path)])
    assert result.exit_code == 1
    assert "ref.csv refused: Column 'colour' is not one of" in result.output
    assert "Nothing was stored." in result.output


def test_a_dry_run_says_what_would_change_and_stores_nothing(cli, writable_db, tmp_path):
    before = stored(writable_db)
    path = _file(tmp_path, [region("ZZ", "Zed"), org("ZT", region_code="ZZ")])
    result = cli.invoke(args=["load-reference", "--dry-run", path])
    assert result.exit_code == 0, result.output
    assert "new organisation ZT Organisation ZT" in result.output
    assert "checked (dry run, nothing stored): would be 2 new, 0 updated and 0 unchanged" in (
        result.output
    )
    assert stored(writable_db) == before


def test_a_load_stores_then_a_second_changes_nothing(cli, writable_db, tmp_path):
    path = _file(tmp_path, [org("SLAM", "SLAM renamed"), org("ZT", region_code="SW")])
    result = cli.invoke(args=["load-reference", "--as", "someone@dre.example", path])
    assert result.exit_code == 0, result.output
    assert "updated organisation SLAM SLAM renamed (name: " in result.output
    assert "ref.csv stored: 1 new, 1 updated and 0 unchanged." in result.output
    again = cli.invoke(args=["load-reference", path])
    assert again.exit_code == 0
    assert "every row is already stored as it is; nothing changed" in again.output


def test_an_empty_database_comes_up_from_the_reference_files(empty_db_url, tmp_path):
    from dashboard.factory import create_app

    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": empty_db_url,
            "SECRET_KEY": "t",
            "CACHE_TYPE": "SimpleCache",
            "ALLOW_ANONYMOUS_VIEWERS": True,
        }
    )
    cli = app.server.test_cli_runner()
    assert cli.invoke(args=["db-upgrade"]).exit_code == 0
    for name in ("nhs-england-regions.csv", "nhs-england-icbs.csv"):
        result = cli.invoke(args=["load-reference", str(REFERENCE / name)])
        assert result.exit_code == 0, result.output
    sites = _file(
        tmp_path,
        [
            org("RV5", "South London and Maudsley NHS Foundation Trust", "NHS trust", "Y56"),
            org("RRP", "Barnet, Enfield and Haringey Mental Health NHS Trust", region_code="Y56"),
            org("5LD", "Lambeth PCT", "PCT", "Y56", "", closed="2013-03-31"),
        ],
    )
    loaded = cli.invoke(args=["load-reference", sites])
    assert "3 new, 0 updated and 0 unchanged" in loaded.output, loaded.output
    db = Database(empty_db_url)
    assert stored(db)[:2] == (7, 45)
    assert organisation(db, "QKK")["region"] == "Y56"
    db.dispose()

    client = app.server.test_client()
    response = dash_call(
        client,
        f"{PAGE}.children",
        [{"id": URL, "property": "pathname", "value": "/"}],
        [{"id": URL, "property": "search", "value": ""}],
    )
    assert response.status_code == 200
    page = text(response.get_json()["response"][PAGE]["children"])
    assert "43 sites have no rural/urban class" in page  # the 42 ICBs and the PCT

    from callbacks.overview import update_panels
    from tests.components import read_panels

    with app.server.test_request_context("/"):
        *bodies, summary, _ = read_panels(update_panels([], [], "all", [0, 0], [], "quarter", None))
    assert summary == NO_FIGURES
    assert len(bodies) == 12
