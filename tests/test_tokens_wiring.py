"""`Authorization: Bearer TOKEN` through the Flask test client (issue 15): what a token reads
as, every refusal as a 401 problem document, and what a token never does (set a cookie, open
a page, read as anonymous after a mistake). The API's endpoints come separately, so this app
gets two routes of its own under /api/: who is reading, and the figures the reader gets."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import jsonify
from sqlalchemy import event, select, update

from dashboard import bearer
from dashboard.access import current_access
from dashboard.accounts import deactivate, set_role
from dashboard.loaders import load_site_totals
from dashboard.tokens import create_token, revoke
from data_access.api_tokens import token_hash
from data_access.models import ApiToken
from tests.conftest import ADMIN, SITE_LEAD, VIEWER, sign_in_client

SMALL = (("SLAM", "ELFT", "DORPCT", "HMPBRX"), ("M04A", "M07A", "M02A"))
PERIODS = ("2009Q2", "2009Q3", "2009Q4", "2010Q1")
WHO = "/api/test/whoami"


def _whoami():
    access = current_access()
    return jsonify(role=access.role, email=access.email, site=access.site)


def _numerators():
    totals = load_site_totals(*SMALL, PERIODS)
    return jsonify(numerators=[int(n) for n in totals["numerator"]])


@pytest.fixture
def api(writable_db_url):
    """make(**config): the app on the test's database, with the two test routes."""
    from dashboard.factory import create_app

    def make(**config):
        app = create_app(
            {
                "TESTING": True,
                "DATABASE_URL": writable_db_url,
                "SECRET_KEY": "t",
                "CACHE_TYPE": "SimpleCache",
                **config,
            }
        )
        app.server.add_url_rule(WHO, "test_whoami", _whoami)
        app.server.add_url_rule("/api/test/numerators", "test_numerators", _numerators)
        return app.server

    return make


@pytest.fixture
def token(writable_db):
    """token(email, **options): a new token of the account."""

    def make(email: str, **options) -> str:
        with writable_db.session() as s:
            return create_token(s, email, **options).token

    return make


def _bearer(value: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {value}"}


def _assert_refused(response, says: str) -> None:
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert "Location" not in response.headers and "Set-Cookie" not in response.headers
    body = response.get_json(force=True)
    assert body == {
        "type": "about:blank",
        "title": "Unauthorized",
        "status": 401,
        "detail": body["detail"],
    }
    assert says in body["detail"], body["detail"]


def test_a_token_reads_as_its_account_and_sets_no_cookie(api, token):
    client = api().test_client()
    for email, role, site in ((ADMIN, "admin", None), (SITE_LEAD, "site_lead", "SLAM")):
        response = client.get(WHO, headers=_bearer(token(email)))
        assert response.status_code == 200
        assert response.get_json() == {"role": role, "email": email, "site": site}
        assert "Set-Cookie" not in response.headers
    assert client.get_cookie("session") is None
    _assert_refused(client.get(WHO), "Sign in or send Authorization: Bearer TOKEN")


def test_a_viewers_token_never_receives_a_count_of_1_to_7(api, token):
    client = api().test_client()
    raw = client.get("/api/test/numerators", headers=_bearer(token(ADMIN))).get_json()
    shown = client.get("/api/test/numerators", headers=_bearer(token(VIEWER))).get_json()
    assert any(1 <= n <= 7 for n in raw["numerators"])  # the case is there for the admin
    assert shown["numerators"] and not any(1 <= n <= 7 for n in shown["numerators"])
    assert all(n % 5 == 0 for n in shown["numerators"])


@pytest.mark.parametrize(
    ("header", "says"),
    [
        ("Bearer dre_" + "A" * 43, "The token is unknown"),
        ("Bearer dre_short", "its tokens start 'dre_' and are 47 characters long"),
        ("Bearer " + "x" * 5000, "47 characters long"),
        ("Bearer", "must be 'Bearer' then a token"),
        ("Basic dmlld2VyOnBhc3N3b3Jk", "must be 'Bearer' then a token"),
        ("", "must be 'Bearer' then a token"),
    ],
    ids=["unknown", "short", "huge", "no token", "basic", "empty"],
)
def test_a_wrong_token_is_refused_even_with_anonymous_viewing_on(api, header, says):
    client = api(ALLOW_ANONYMOUS_VIEWERS=True).test_client()
    anonymous = client.get(WHO)  # without a header: anonymous viewing, as a viewer
    assert anonymous.status_code == 200 and anonymous.get_json()["email"] is None
    _assert_refused(client.get(WHO, headers={"Authorization": header}), says)


def _set_expiry(writable_db, token: str, when: dt.datetime) -> None:
    with writable_db.session() as s:
        s.execute(
            update(ApiToken).where(ApiToken.token_hash == token_hash(token)).values(expires_at=when)
        )


def test_revoked_expired_and_deactivated_tokens_are_refused(api, token, writable_db):
    client = api(ALLOW_ANONYMOUS_VIEWERS=True).test_client()
    kept, revoked, expired = token(SITE_LEAD), token(SITE_LEAD, name="old"), token(ADMIN)
    with writable_db.session() as s:
        revoke(s, SITE_LEAD, name="old")
    _set_expiry(writable_db, expired, dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
    assert client.get(WHO, headers=_bearer(kept)).status_code == 200
    _assert_refused(client.get(WHO, headers=_bearer(revoked)), "The token was revoked.")
    _assert_refused(client.get(WHO, headers=_bearer(expired)), "The token expired on")
    with writable_db.session() as s:
        deactivate(s, SITE_LEAD)
    _assert_refused(client.get(WHO, headers=_bearer(kept)), "account is deactivated")


def test_a_new_role_applies_to_the_next_request(api, token, writable_db):
    client = api().test_client()
    viewer = token(VIEWER)
    assert client.get(WHO, headers=_bearer(viewer)).get_json()["role"] == "viewer"
    with writable_db.session() as s:
        set_role(s, VIEWER, "site_lead", site="ELFT")
    after = client.get(WHO, headers=_bearer(viewer)).get_json()
    assert (after["role"], after["site"]) == ("site_lead", "ELFT")


def test_a_token_sent_to_a_page_is_ignored(api, token, writable_db):
    client = api().test_client()
    admin = token(ADMIN)
    assert client.get("/_dash-layout", headers=_bearer(admin)).status_code == 401
    page = client.get("/", headers=_bearer(admin))
    assert page.status_code == 302 and page.headers["Location"].startswith("/login")
    with writable_db.session() as s:
        assert s.scalar(select(ApiToken.last_used_at)) is None  # never even looked up


def test_the_token_decides_over_a_session_cookie(api, token):
    client = api().test_client()
    sign_in_client(client, VIEWER)
    assert client.get(WHO).get_json()["email"] == VIEWER  # a browser's session reads the API
    assert client.get(WHO, headers=_bearer(token(ADMIN))).get_json()["email"] == ADMIN
    _assert_refused(client.get(WHO, headers=_bearer("dre_" + "B" * 43)), "unknown")


def test_unauthenticated_api_requests_get_a_problem_not_a_redirect(api):
    client = api().test_client()
    for method in (client.get, client.post):
        _assert_refused(method(WHO), "Sign in or send Authorization: Bearer TOKEN")
    # The API's description and documentation are public (Dash's page until the API is there).
    for path in ("/api/v1/openapi.json", "/api/docs", "/api/docs/index.css"):
        response = client.get(path)
        assert response.status_code != 401 and "WWW-Authenticate" not in response.headers, path
    _assert_refused(client.get("/api/docsx"), "Sign in")
    _assert_refused(client.get("/api/v1/openapi.json/x"), "Sign in")


def test_last_use_is_written_at_most_once_a_minute(api, token, writable_db, monkeypatch):
    server = api()
    client = server.test_client()
    writes = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("UPDATE API_TOKEN"):
            writes.append(statement)

    event.listen(server.extensions["dre_db"].engine, "before_cursor_execute", count)
    admin = token(ADMIN)
    start = dt.datetime.now(dt.UTC)
    for _ in range(3):
        assert client.get(WHO, headers=_bearer(admin)).status_code == 200
    assert len(writes) == 1
    with writable_db.session() as s:
        first = s.scalar(select(ApiToken.last_used_at)).replace(tzinfo=dt.UTC)
    assert abs(first - start) < dt.timedelta(seconds=30)
    later = start + dt.timedelta(seconds=61)
    monkeypatch.setattr(bearer, "_now", lambda: later)
    client.get(WHO, headers=_bearer(admin))
    client.get(WHO, headers=_bearer(admin))
    assert len(writes) == 2
    with writable_db.session() as s:
        assert s.scalar(select(ApiToken.last_used_at)).replace(tzinfo=dt.UTC) == later
