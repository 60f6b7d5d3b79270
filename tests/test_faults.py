"""The database going away while people click, and coming back, on the real PostgreSQL:
the panels say "data temporarily unavailable" (no traceback, no 500), and the next click
after it returns works without a restart."""

from __future__ import annotations

import threading
from urllib.parse import urlsplit, urlunsplit

import pytest

from layouts.returns import ids
from layouts.shell.ids import PAGE, URL
from tests.conftest import ADMIN, REGIONAL, TEST_PASSWORD, csrf_token, sign_in_client
from tests.dash_requests import dash_call
from tests.faults import Cuttable

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def outage(seeded_postgres_url):
    """The app on PostgreSQL through a connection that a test can cut, signed in."""
    from dashboard.factory import create_app

    parts = urlsplit(seeded_postgres_url)
    link = Cuttable((parts.hostname, parts.port or 5432))
    netloc = (
        f"{parts.username}@127.0.0.1:{link.port}" if parts.username else f"127.0.0.1:{link.port}"
    )
    app = create_app(
        {
            "DATABASE_URL": urlunsplit(parts._replace(netloc=netloc)),
            "SECRET_KEY": "t",
            "CACHE_TYPE": "NullCache",  # every click asks the database
            "CACHE_NO_NULL_WARNING": True,
            "SESSION_COOKIE_SECURE": False,
        }
    )
    client = app.server.test_client()
    sign_in_client(client, ADMIN)
    yield link, client
    link.cut()


def _overview(client):
    return dash_call(
        client,
        f"{PAGE}.children",
        [{"id": URL, "property": "pathname", "value": "/site/SLAM"}],
        [{"id": URL, "property": "search", "value": ""}],
    )


def test_a_database_outage_is_said_in_words_and_the_next_click_after_it_works(outage):
    link, client = outage
    before = _overview(client)
    assert before.status_code == 200 and "South London and Maudsley" in before.get_data(True)

    link.cut()
    # While the account cannot be checked, the session carries a viewer's rights only.
    template = dash_call(
        client,
        f"{ids.RETURNS_DOWNLOAD}.data",
        [
            {"id": ids.RETURNS_TEMPLATE_CSV, "property": "n_clicks", "value": 1},
            {"id": ids.RETURNS_TEMPLATE_XLSX, "property": "n_clicks", "value": None},
        ],
        [
            {"id": ids.RETURNS_SITE, "property": "value", "value": "SLAM"},
            {"id": ids.RETURNS_PERIODS, "property": "value", "value": []},
        ],
    )
    assert template.status_code == 403
    during = _overview(client)
    text = during.get_data(as_text=True)
    assert during.status_code == 200
    assert "Data temporarily unavailable" in text and "Traceback" not in text
    assert client.get("/readyz").status_code == 503
    assert client.get("/healthz").status_code == 200  # the worker itself is alive

    link.restore()
    after = _overview(client)
    assert after.status_code == 200 and "South London and Maudsley" in after.get_data(True)
    assert client.get("/readyz").status_code == 200


def test_guesses_sent_in_parallel_are_all_counted_and_lock_the_account(outage):
    _, signed_in = outage
    app = signed_in.application
    start = threading.Barrier(12)
    codes: list[int] = []

    def guess():
        client = app.test_client()
        form = {"csrf": csrf_token(client), "email": REGIONAL, "password": "a wrong guess"}
        start.wait()
        codes.append(client.post("/login", data=form).status_code)

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes == [401] * 12
    client = app.test_client()
    right = client.post(
        "/login", data={"csrf": csrf_token(client), "email": REGIONAL, "password": TEST_PASSWORD}
    )
    assert right.status_code == 401  # locked: twelve guesses were more than five
