"""The database going away while people click, and coming back, on the real PostgreSQL:
the panels say "data temporarily unavailable" (no traceback, no 500), and the next click
after it returns works without a restart."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

import pytest

from dashboard import ids
from tests.conftest import ADMIN, TEST_PASSWORD, dash_call
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
            "SESSION_COOKIE_SECURE": False,
        }
    )
    client = app.server.test_client()
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").get_data(as_text=True))
    signed = client.post(
        "/login", data={"csrf": token.group(1), "email": ADMIN, "password": TEST_PASSWORD}
    )
    assert signed.status_code == 302
    yield link, client
    link.cut()


def _overview(client):
    return dash_call(
        client,
        f"{ids.PAGE}.children",
        [{"id": ids.URL, "property": "pathname", "value": "/site/SLAM"}],
        [{"id": ids.URL, "property": "search", "value": ""}],
    )


def test_a_database_outage_is_said_in_words_and_the_next_click_after_it_works(outage):
    link, client = outage
    before = _overview(client)
    assert before.status_code == 200 and "South London and Maudsley" in before.get_data(True)

    link.cut()
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
