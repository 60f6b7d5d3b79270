"""Shared fixtures: a migrated, seeded SQLite database per test session, the app on it, its
test client (signed in through /login) and CLI runner, and the Chromium options for dash_duo;
the PostgreSQL and Redis fixtures are in tests/servers.py. A test that reaches a server must
carry its marker (browser, postgres, redis): collection stops otherwise."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from selenium.webdriver.chrome.options import Options

from data_access.db import Database, make_engine
from data_access.migrate import upgrade
from data_access.seed import seed_demo

# No per-example deadline: on a machine shared with other runs an example may wait for a CPU,
# and a property test is about the answer, not its timing (the benchmarks time things).
settings.register_profile("dre", deadline=None)
settings.load_profile("dre")

#: The PostgreSQL and Redis fixtures (tests/servers.py).
pytest_plugins = ["tests.servers", "tests.clock"]


#: The fixtures that reach a server outside this process, with the marker a test using any of
#: them (directly or through another fixture) must carry, so that `-m "not browser and not
#: postgres and not redis"` leaves exactly the tests that need nothing running.
SERVER_FIXTURES = {
    "dash_duo": "browser",
    "postgres_url": "postgres",
    "seeded_postgres_url": "postgres",
    "redis_url": "redis",
}


@pytest.hookimpl(tryfirst=True)  # before -m deselects: a drifted test fails every selection
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse to run when a test uses a server's fixture without that server's marker."""
    unmarked = [
        f"{item.nodeid} uses {fixture} without pytest.mark.{marker}"
        for item in items
        for fixture, marker in SERVER_FIXTURES.items()
        if fixture in getattr(item, "fixturenames", ()) and item.get_closest_marker(marker) is None
    ]
    if unmarked:
        raise pytest.UsageError(
            "Tests that reach a server must carry its marker (module-level `pytestmark` is "
            "simplest):\n  " + "\n  ".join(unmarked)
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


#: The test accounts' password hash: scrypt as in production, at a cost of 2**10 rather than
#: 2**15, so that the wiring tests, which sign in through /login as a browser does, spend
#: milliseconds rather than a quarter of a second on each sign-in.
TEST_HASH_METHOD = "scrypt:1024:8:1"


def _add_test_accounts(url: str) -> None:
    from werkzeug.security import generate_password_hash

    from dashboard.accounts import create_user

    db = Database(url)
    with db.session() as s:
        users = [
            create_user(s, ADMIN, TEST_PASSWORD, "admin"),
            create_user(s, REGIONAL, TEST_PASSWORD, "regional", region="LDN"),
            create_user(s, SITE_LEAD, TEST_PASSWORD, "site_lead", site="SLAM"),
            create_user(s, OTHER_SITE_LEAD, TEST_PASSWORD, "site_lead", site="ELFT"),
            create_user(s, VIEWER, TEST_PASSWORD, "viewer"),
        ]
        for user in users:
            user.password_hash = generate_password_hash(TEST_PASSWORD, method=TEST_HASH_METHOD)
    db.dispose()


def csrf_token(client) -> str:
    """The sign-in form's CSRF token, read from the page as a browser gets it."""
    import re

    page = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def sign_in_client(client, email: str, password: str = TEST_PASSWORD):
    """Sign the test client in as `email` through the sign-in form (GET /login for its CSRF
    token, then POST it), as a browser would; fails the test unless it is signed in."""
    form = {"csrf": csrf_token(client), "email": email, "password": password, "next": "/"}
    response = client.post("/login", data=form)
    assert response.status_code == 302, f"sign-in as {email} refused: {response.status_code}"
    return response


def client_as(app, email: str | None):
    """A test client of `app` signed in as `email` through /login; anonymous for None."""
    client = app.server.test_client()
    if email:
        sign_in_client(client, email)
    return client


@contextmanager
def signed_in_request(app, email: str = ADMIN, **request_args):
    """A request context in which `email` is signed in (for calling handlers directly)."""
    from flask_login import login_user
    from sqlalchemy import select

    from dashboard.auth import start_session
    from data_access.models import User

    with app.server.test_request_context(**request_args):
        db = app.server.extensions["dre_db"]
        with db.session() as s:
            user_id = s.scalars(select(User.id).where(User.email == email)).one()
        login_user(start_session(user_id))
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
def writable_db(writable_db_url: str) -> Iterator[Database]:
    """The private copy of the demonstration database, to write to and read back."""
    db = Database(writable_db_url)
    yield db
    db.dispose()


@pytest.fixture
def server(app):
    return app.server


@pytest.fixture
def anonymous_client(server):
    return server.test_client()


@pytest.fixture
def client(server):
    """A test client signed in as an administrator."""
    c = server.test_client()
    sign_in_client(c, ADMIN)
    return c


@pytest.fixture
def ctx(app):
    """A request of `app` in which the administrator is signed in (to call handlers)."""
    with signed_in_request(app):
        yield


@pytest.fixture
def catalogue(ctx):
    """The demonstration data's catalogue, read inside `ctx`."""
    from dashboard.loaders import load_catalogue

    return load_catalogue()


@pytest.fixture
def runner(server):
    return server.test_cli_runner()


@pytest.fixture
def empty_db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'empty.sqlite3'}"


@pytest.fixture(autouse=True)
def _dash_port_free_now() -> None:
    """Each test's dash_duo server starts on a port that was free a moment before."""
    from dash.testing.application_runners import BaseDashRunner

    from tests.ports import free_port

    BaseDashRunner._next_port = free_port()


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
