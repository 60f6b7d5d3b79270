"""Shared fixtures: a migrated, seeded SQLite database per test session, the app on it, its
test client and CLI runner, a PostgreSQL database when the server answers, and the Chromium
options for dash_duo."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

from data_access.db import Database, make_engine
from data_access.migrate import upgrade
from data_access.seed import seed_demo

PG_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def pytest_setup_options() -> Options:
    """Debian's Chromium, headless, with the flags this closed network needs."""
    options = Options()
    options.binary_location = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    return options


@pytest.fixture(scope="session")
def demo_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite file migrated to head and filled with the demonstration data, once."""
    path: Path = tmp_path_factory.mktemp("db") / "demo.sqlite3"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    seed_demo(engine)
    _add_test_accounts(url)
    engine.dispose()
    return url


#: The password of every test account (tests only; real accounts are made by create-user).
TEST_PASSWORD = "correct horse battery staple"
ADMIN = "admin@dre.example"
REGIONAL = "london@dre.example"  # London (LDN)
SITE_LEAD = "slam@dre.example"  # South London and Maudsley (SLAM)
OTHER_SITE_LEAD = "elft@dre.example"  # East London (ELFT)
VIEWER = "viewer@dre.example"


def _add_test_accounts(url: str) -> None:
    from dashboard.accounts import create_user

    db = Database(url)
    with db.session() as s:
        create_user(s, ADMIN, TEST_PASSWORD, "admin")
        create_user(s, REGIONAL, TEST_PASSWORD, "regional", region="LDN")
        create_user(s, SITE_LEAD, TEST_PASSWORD, "site_lead", site="SLAM")
        create_user(s, OTHER_SITE_LEAD, TEST_PASSWORD, "site_lead", site="ELFT")
        create_user(s, VIEWER, TEST_PASSWORD, "viewer")
    db.dispose()


def sign_in_client(client, demo_db: Database, email: str) -> None:
    """Put `email`'s signed-in session into the test client's cookie (as /login would)."""
    from sqlalchemy import select

    from data_access.models import User

    with demo_db.session() as s:
        user_id = s.scalars(select(User.id).where(User.email == email)).one()
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True


@contextmanager
def signed_in_request(app, email: str = ADMIN, **request_args):
    """A request context in which `email` is signed in (for calling handlers directly)."""
    from flask_login import login_user
    from sqlalchemy import select

    from dashboard.auth import load_user
    from data_access.models import User

    with app.server.test_request_context(**request_args):
        db = app.server.extensions["dre_db"]
        with db.session() as s:
            user_id = s.scalars(select(User.id).where(User.email == email)).one()
        login_user(load_user(str(user_id)))
        yield


def start_signed_in(dash_duo, app, email: str = ADMIN, path: str = "/") -> None:
    """Start `app`, sign in as `email` through the sign-in page, and land on `path`."""
    dash_duo.start_server(app, navigate=False)
    dash_duo._url = dash_duo.server.url  # the setter would wait for a Dash page, not /login
    sign_in_browser(dash_duo, email, path)


def sign_in_browser(dash_duo, email: str = ADMIN, path: str = "/") -> None:
    """Sign in through the sign-in page, then wait for `path`'s Dash page."""
    from urllib.parse import quote

    dash_duo.driver.get(dash_duo.server_url + "/login?next=" + quote(path, safe="/"))
    dash_duo.wait_for_element("#email").send_keys(email)
    dash_duo.find_element("#password").send_keys(TEST_PASSWORD)
    dash_duo.find_element("#sign-in").click()
    dash_duo.wait_for_element("#react-entry-point", timeout=15)


@pytest.fixture(scope="session")
def demo_db(demo_db_url: str) -> Iterator[Database]:
    db = Database(demo_db_url)
    yield db
    db.dispose()


@pytest.fixture
def session(demo_db: Database):
    """A session on the demonstration data whose writes are rolled back after the test."""
    connection = demo_db.engine.connect()
    transaction = connection.begin()
    from sqlalchemy.orm import Session

    s = Session(bind=connection, join_transaction_mode="create_savepoint")
    yield s
    s.close()
    transaction.rollback()
    connection.close()


@pytest.fixture
def app(demo_db_url: str):
    from dashboard.factory import create_app

    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": demo_db_url,
            "SECRET_KEY": "test",
            "CACHE_TYPE": "SimpleCache",
        }
    )


@pytest.fixture
def writable_db_url(demo_db_url: str, tmp_path: Path) -> str:
    """A private copy of the demonstration database, for a test that writes."""
    import shutil

    source = Path(demo_db_url.removeprefix("sqlite:///"))
    copy = tmp_path / "writable.sqlite3"
    shutil.copyfile(source, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def writable_app(writable_db_url: str):
    """The app on a private copy of the demonstration database: writes stay in this test."""
    from dashboard.factory import create_app

    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": writable_db_url,
            "SECRET_KEY": "test",
            "CACHE_TYPE": "SimpleCache",
        }
    )


@pytest.fixture
def server(app):
    return app.server


@pytest.fixture
def anonymous_client(server):
    return server.test_client()


@pytest.fixture
def client(server, demo_db):
    """A test client signed in as an administrator."""
    c = server.test_client()
    sign_in_client(c, demo_db, ADMIN)
    return c


@pytest.fixture
def runner(server):
    return server.test_cli_runner()


@pytest.fixture
def empty_db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'empty.sqlite3'}"


@contextmanager
def _postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database, dropped afterwards. When the server does not answer,
    the test fails under CI (CI=true) and is skipped elsewhere."""
    from sqlalchemy import text

    admin = make_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"dre_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at 127.0.0.1:5432 is required under CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test."""
    with _postgres_database() as url:
        yield url


@pytest.fixture(scope="module")
def seeded_postgres_url() -> Iterator[str]:
    """A PostgreSQL database migrated and seeded once for a module's tests, with the test
    accounts."""
    with _postgres_database() as url:
        engine = make_engine(url)
        upgrade(engine)
        seed_demo(engine)
        engine.dispose()
        _add_test_accounts(url)
        yield url


@pytest.fixture(scope="session", autouse=True)
def _dash_ports_per_process() -> None:
    """Each pytest process starts its dash_duo servers on its own range of ports, so that two
    runs on one machine (a developer's and a helper's) never meet on dash's default 58050."""
    from dash.testing.application_runners import BaseDashRunner

    BaseDashRunner._next_port = 20_000 + (os.getpid() % 2_000) * 20


def dash_call(client, output: str, inputs: list[dict], state: list[dict] | None = None):
    """POST a Dash callback request as the browser would (`output` in Dash's own form,
    "id.prop" or "..a.p...b.q..")."""
    specs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]}
        for part in output.strip(".").split("...")
    ]
    outputs = specs if output.startswith("..") else specs[0]
    body = {
        "output": output,
        "outputs": outputs,
        "inputs": inputs,
        "state": state or [],
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs],
    }
    return client.post("/_dash-update-component", json=body)


def _doubled_current():
    """Cells of the store with more than one current value (there must be none)."""
    from sqlalchemy import func, select

    from data_access.models import Observation

    return (
        select(func.count())
        .select_from(Observation)
        .where(Observation.is_current.is_(True))
        .group_by(
            Observation.measure_id,
            Observation.organisation_id,
            Observation.period_id,
            Observation.ethnic_code,
        )
        .having(func.count() > 1)
    )


DOUBLED_CURRENT = _doubled_current()
