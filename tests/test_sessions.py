"""Sessions end when they should (issue 14): a cookie copied before sign-out worked after it,
a cookie in use was re-signed for ever, and sign-out was a GET that any link could send."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dashboard import auth
from dashboard.accounts import deactivate, set_password, set_role
from tests.conftest import ADMIN, SITE_LEAD, TEST_PASSWORD, csrf_token, sign_in_client

NEW_PASSWORD = "a new and unguessable passphrase"


@pytest.fixture
def signed_in(writable_app):
    """A client signed in as the site lead, and a second one holding a copy of its cookie."""
    server = writable_app.server
    client = server.test_client()
    sign_in_client(client, SITE_LEAD)
    copy = server.test_client()
    cookie = client.get_cookie("session")
    copy.set_cookie("session", cookie.value)
    assert copy.get("/_dash-layout").status_code == 200  # the copy works, as a copy would
    return client, copy


def _signed_out(client) -> bool:
    return client.get("/_dash-layout").status_code == 401


def test_sign_out_ends_the_session_and_every_copy_of_its_cookie(signed_in):
    client, copy = signed_in
    response = client.post("/logout", data={"csrf": csrf_token(client)})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert _signed_out(client) and _signed_out(copy)


def test_a_get_or_a_post_without_the_token_signs_nobody_out(signed_in):
    client, _ = signed_in
    page = client.get("/logout")
    assert page.status_code == 200 and 'method="post" action="/logout"' in page.text
    assert not _signed_out(client)
    assert client.post("/logout").status_code == 302  # back to the question, nothing done
    assert client.post("/logout", data={"csrf": "forged"}).status_code == 302
    assert not _signed_out(client)


def test_the_frame_signs_out_with_a_form_not_a_link(signed_in):
    client, _ = signed_in
    layout = json.dumps(client.get("/_dash-layout").get_json(), separators=(",", ":"))
    assert '"action":"/logout"' in layout and '"method":"post"' in layout
    assert '"href":"/logout"' not in layout


@pytest.mark.parametrize(
    "change",
    [
        lambda s: set_password(s, SITE_LEAD, NEW_PASSWORD),
        lambda s: set_role(s, SITE_LEAD, "viewer"),
        lambda s: deactivate(s, SITE_LEAD),
    ],
    ids=["new password", "new role", "deactivated"],
)
def test_a_new_password_role_or_deactivation_ends_every_session(writable_app, signed_in, change):
    client, copy = signed_in
    server = writable_app.server
    with server.app_context(), server.extensions["dre_db"].session() as s:
        change(s)
    assert _signed_out(client) and _signed_out(copy)


def test_a_session_in_use_ends_after_the_absolute_limit(writable_app, signed_in, monkeypatch):
    client, _ = signed_in
    hours = writable_app.server.config["SESSION_MAX_HOURS"]
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours - 1)
    monkeypatch.setattr(auth, "_now", lambda: later)
    assert not _signed_out(client)  # used all along: still signed in an hour before the limit
    monkeypatch.setattr(auth, "_now", lambda: later + dt.timedelta(hours=1, minutes=1))
    assert _signed_out(client)


def test_signing_in_again_after_sign_out_works(signed_in):
    client, copy = signed_in
    client.post("/logout", data={"csrf": csrf_token(client)})
    sign_in_client(client, SITE_LEAD, TEST_PASSWORD)
    assert not _signed_out(client) and _signed_out(copy)


def test_the_other_accounts_sessions_go_on(writable_app, signed_in):
    client, _ = signed_in
    admin = writable_app.server.test_client()
    sign_in_client(admin, ADMIN)
    client.post("/logout", data={"csrf": csrf_token(client)})
    assert not _signed_out(admin)
