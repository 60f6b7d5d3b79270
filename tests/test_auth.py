"""Sign-in, sessions, roles and disclosure control: every refusal a user or an attacker
would meet, through the Flask test client and the command line."""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

import pytest
from sqlalchemy import select

from dashboard.loaders import load_group_totals, load_site_totals
from data_access.db import Database
from data_access.models import User
from layouts.overview import ids
from layouts.shell.ids import PAGE, URL
from tests.components import text, with_class
from tests.conftest import (
    ADMIN,
    REGIONAL,
    SITE_LEAD,
    TEST_PASSWORD,
    VIEWER,
    csrf_token,
    signed_in_request,
)
from tests.dash_requests import dash_call


def _sign_in(client, email, password=TEST_PASSWORD, next_url="/", csrf=None):
    """POST the sign-in form as it is sent (a forged token when `csrf` is given)."""
    token = csrf_token(client) if csrf is None else csrf
    form = {"csrf": token, "email": email, "password": password, "next": next_url}
    return client.post("/login", data=form)


@pytest.fixture
def fresh(writable_app, writable_db_url):
    """A client of an app whose accounts a test may lock, and its database."""
    db = Database(writable_db_url)
    yield writable_app.server.test_client(), db
    db.dispose()


def test_without_a_session_pages_redirect_and_callbacks_are_refused(anonymous_client):
    page = anonymous_client.get("/compare?region=LDN&trust=SLAM")
    assert page.status_code == 302
    assert page.headers["Location"] == "/login?next=/compare%3Fregion%3DLDN%26trust%3DSLAM"
    for path in ("/_dash-layout", "/_dash-dependencies"):
        assert anonymous_client.get(path).status_code == 401
    crafted = dash_call(
        anonymous_client,
        f"{PAGE}.children",
        [{"id": URL, "property": "pathname", "value": "/site/SLAM"}],
        [{"id": URL, "property": "search", "value": ""}],
    )
    assert crafted.status_code == 401 and "SLAM" not in crafted.get_data(as_text=True)
    # What carries no data stays public: the sign-in page, styles, scripts, icons.
    assert anonymous_client.get("/login").status_code == 200
    assert anonymous_client.get("/assets/10-dashboard.css").status_code == 200


def test_signing_in_sets_a_safe_session_cookie_and_lands_on_the_page_asked_for(fresh):
    client, _ = fresh
    response = _sign_in(client, SITE_LEAD, next_url="/site/SLAM?pool=year")
    assert response.status_code == 302 and response.headers["Location"] == "/site/SLAM?pool=year"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie
    expires = re.search(r"Expires=([^;]+)", cookie).group(1)
    hours = (parsedate_to_datetime(expires) - dt.datetime.now(dt.UTC)).total_seconds() / 3600
    assert 7.9 < hours <= 8
    assert client.get("/_dash-layout").status_code == 200
    (role,) = with_class(client.get("/_dash-layout").get_json(), "account-role")
    assert text(role) == "Site lead · SLAM"
    client.post("/logout", data={"csrf": csrf_token(client)})
    assert client.get("/_dash-layout").status_code == 401


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil",
        "/\t/evil.example",
        "/\r\nSet-Cookie:x",
    ],
)
def test_sign_in_never_redirects_off_the_site(fresh, target):
    client, _ = fresh
    assert _sign_in(client, ADMIN, next_url=target).headers["Location"] == "/"


def test_wrong_password_unknown_email_and_missing_form_token_are_refused(fresh):
    client, _ = fresh
    wrong = _sign_in(client, ADMIN, "not the password")
    unknown = _sign_in(client, "nobody@dre.example")
    assert wrong.status_code == unknown.status_code == 401
    # The same words for both: the page does not tell which accounts exist.
    assert "Email or password not recognised." in wrong.get_data(as_text=True)
    assert "Email or password not recognised." in unknown.get_data(as_text=True)
    forged = _sign_in(client, ADMIN, csrf="forged")
    assert forged.status_code == 400 and client.get("/_dash-layout").status_code == 401
    assert _sign_in(client, ADMIN, csrf="é").status_code == 400  # not a 500


def test_five_failed_sign_ins_lock_the_account_even_with_the_right_password(fresh):
    client, db = fresh
    for _ in range(5):
        _sign_in(client, VIEWER, "guess")
    locked = _sign_in(client, VIEWER)
    assert locked.status_code == 401
    # Locked says what unknown says: the page tells no one which accounts exist.
    unknown = _sign_in(client, "nobody@dre.example")
    assert locked.get_data(as_text=True) == unknown.get_data(as_text=True).replace(
        "nobody@dre.example", VIEWER
    )
    assert "locked for 15 minutes" in locked.get_data(as_text=True)
    with db.session() as s:
        user = s.scalars(select(User).where(User.email == VIEWER)).one()
        assert user.locked_until is not None
        assert user.password_hash.startswith("scrypt:") and TEST_PASSWORD not in user.password_hash


def test_a_deactivated_account_loses_its_session(fresh):
    client, db = fresh
    _sign_in(client, REGIONAL)
    assert client.get("/_dash-layout").status_code == 200
    with db.session() as s:
        s.scalars(select(User).where(User.email == REGIONAL)).one().active = False
    assert client.get("/_dash-layout").status_code == 401


def test_anonymous_viewing_is_a_setting_and_shows_viewer_figures(writable_db_url):
    from dashboard.factory import create_app

    app = create_app(
        {
            "DATABASE_URL": writable_db_url,
            "SECRET_KEY": "t",
            "CACHE_TYPE": "SimpleCache",
            "ALLOW_ANONYMOUS_VIEWERS": True,
        }
    )
    client = app.server.test_client()
    assert client.get("/").status_code == 200
    assert "Sign in" in client.get("/_dash-layout").get_data(as_text=True)
    with app.server.test_request_context():
        totals = load_site_totals(("SLAM",), ("M04A",), ("2009Q4", "2010Q1"))
    assert (totals["numerator"] % 5 == 0).all()


def test_the_setting_is_off_by_default():
    from dashboard.config import load_config

    config = load_config({"DATABASE_URL": "sqlite://"})
    assert config["ALLOW_ANONYMOUS_VIEWERS"] is False
    assert config["SESSION_COOKIE_SECURE"] is True


SMALL = (("SLAM", "ELFT", "DORPCT", "HMPBRX"), ("M04A", "M07A", "M02A"))


def _site_totals(app, email):
    periods = ("2009Q2", "2009Q3", "2009Q4", "2010Q1")
    with signed_in_request(app, email):
        return load_site_totals(*SMALL, periods)


def test_viewers_see_counts_of_1_to_7_withheld_and_the_rest_rounded(app):
    raw, shown = _site_totals(app, ADMIN), _site_totals(app, VIEWER)
    assert ((raw["numerator"] >= 1) & (raw["numerator"] <= 7)).any()  # the case is there
    assert not ((shown["numerator"] >= 1) & (shown["numerator"] <= 7)).any()
    assert (shown["numerator"] % 5 == 0).all() and (shown["denominator"] % 5 == 0).all()
    # a withheld row is marked, so the page says "withheld", not "no return"; its counts
    # are not sent (0 in their place, never shown as such)
    withheld = shown[shown["withheld"] == 1]
    assert len(withheld) and (withheld[["numerator", "denominator"]] == 0).all().all()
    assert len(shown) == len(raw) and (raw["withheld"] == 0).all()


def test_regional_and_site_leads_see_their_own_sites_unrounded(app):
    key = ["site", "measure", "period", "group"]
    raw = _site_totals(app, ADMIN).set_index(key).sort_index()
    for email, own in ((REGIONAL, {"SLAM", "ELFT", "HMPBRX"}), (SITE_LEAD, {"SLAM"})):
        shown = _site_totals(app, email).set_index(key).sort_index()
        mine = shown[shown.index.get_level_values("site").isin(own)]
        assert mine.equals(raw[raw.index.get_level_values("site").isin(own)]), email
        others = shown[~shown.index.get_level_values("site").isin(own)]
        assert (others["numerator"] % 5 == 0).all(), email


def test_pooled_totals_add_a_site_leads_own_counts_to_the_others_controlled(app):
    args = (("SLAM", "ELFT"), ("M04A",), ("2010Q1",))
    with signed_in_request(app, ADMIN):
        raw = load_group_totals(*args).set_index("group")
    with signed_in_request(app, SITE_LEAD):
        own = load_group_totals(("SLAM",), *args[1:])
        pooled = load_group_totals(*args).set_index("group")
        rows = load_site_totals(*args)
    with signed_in_request(app, ADMIN):
        own_raw = load_group_totals(("SLAM",), *args[1:])
    assert own.equals(own_raw)  # their own site: every count
    summed = rows.groupby("group")[["numerator", "denominator"]].sum()
    assert (pooled[["numerator", "denominator"]] == summed.loc[pooled.index]).all().all()
    assert not pooled["numerator"].equals(raw.loc[pooled.index, "numerator"])  # ELFT rounded


def test_create_user_from_the_command_line(runner, writable_db_url, monkeypatch):
    from dashboard.factory import create_app

    app = create_app({"DATABASE_URL": writable_db_url, "SECRET_KEY": "t"})
    cli = app.server.test_cli_runner()
    monkeypatch.setenv("DRE_NEW_PASSWORD", "a long enough password")
    ok = cli.invoke(
        args=["create-user", "Lead@Example.org", "--role", "site_lead", "--site", "ELFT"]
    )
    assert ok.exit_code == 0 and "lead@example.org made: site_lead for site ELFT" in ok.output
    for args, why in (
        (["x@example.org", "--role", "site_lead"], "needs --site"),
        (["x@example.org", "--role", "regional", "--site", "ELFT"], "needs --region"),
        (["x@example.org", "--role", "viewer", "--region", "LDN"], "not bound"),
        (["lead@example.org", "--role", "admin"], "already an account"),
        (["not-an-email", "--role", "admin"], "not an email"),
        (["x@example.org", "--role", "site_lead", "--site", "NOPE"], "no site"),
    ):
        refused = cli.invoke(args=["create-user", *args])
        assert refused.exit_code != 0 and why in refused.output, args
    monkeypatch.setenv("DRE_NEW_PASSWORD", "short")
    short = cli.invoke(args=["create-user", "y@example.org", "--role", "admin"])
    assert short.exit_code != 0 and "at least 12 characters" in short.output


@pytest.mark.parametrize(
    "inputs",
    [
        # A number where the filters send lists, an object where they send a string.
        [
            {"id": ids.FILTER_REGION, "property": "value", "value": 7},
            {"id": ids.FILTER_TRUST, "property": "value", "value": {"a": 1}},
            {"id": ids.FILTER_RURALITY, "property": "value", "value": ["x"]},
            {"id": ids.FILTER_PERIOD, "property": "value", "value": "0-19"},
            {"id": ids.MEASURE_MENU, "property": "value", "value": 3},
            {"id": ids.FILTER_POOLING, "property": "value", "value": None},
        ],
    ],
)
def test_crafted_callback_inputs_are_refused_without_a_traceback(client, inputs):
    deps = client.get("/_dash-dependencies").get_json()
    (output,) = [d["output"] for d in deps if f"{ids.panel_body(1)}.html" in d["output"]]
    response = dash_call(client, output, inputs)
    assert response.status_code == 400
    # refused at the edge (dashboard.callback_inputs), naming the first input that is wrong
    assert response.get_json() == {
        "error": "The request could not be read.",
        "input": f"{ids.FILTER_REGION}.value",
    }


def test_a_viewer_cannot_recover_a_withheld_count_by_differencing_selections(app):
    """Totals are summed from each site's controlled rows: (A and B) minus B is A as
    controlled (here withheld, so nothing), never A's real count."""
    args = (("M01A",), ("2010Q1",))
    with signed_in_request(app, ADMIN):
        real = load_site_totals(("CIOSPCT",), *args)
    bme = real[real["group"] == "bme"]
    assert 1 <= int(bme["numerator"].iloc[0]) <= 7  # a withheld count is the case here
    with signed_in_request(app, VIEWER):
        both = load_group_totals(("CIOSPCT", "SLAM"), *args).set_index("group")
        other = load_group_totals(("SLAM",), *args).set_index("group")
    assert both.loc["bme", "numerator"] - other.loc["bme", "numerator"] == 0
    assert both.loc["bme", "sites"] == 1  # the withheld site is not counted in


@pytest.mark.slow
def test_the_command_line_briefing_carries_viewers_figures_unless_full(app, tmp_path):
    runner = app.server.test_cli_runner()
    files = {}
    for name, extra in (("viewer", []), ("full", ["--full"])):
        out = tmp_path / f"{name}.html"
        args = ["briefing", "--month", "2010-03", "--site", "HMPBRX", "--out", str(out), *extra]
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
        files[name] = out.read_text()
    assert "disclosure control" in runner.invoke(args=["briefing", "--help"]).output
    assert files["viewer"] != files["full"]


def test_request_bodies_are_limited(client):
    response = client.post(
        "/_dash-update-component", data=b"x" * (9 * 1024 * 1024), content_type="application/json"
    )
    assert response.status_code == 413


def test_create_user_is_audited(writable_db_url, monkeypatch):
    from dashboard.factory import create_app
    from data_access.models import AuditEntry

    app = create_app({"DATABASE_URL": writable_db_url, "SECRET_KEY": "t"})
    monkeypatch.setenv("DRE_NEW_PASSWORD", "a long enough password")
    app.server.test_cli_runner().invoke(args=["create-user", "a@example.org", "--role", "viewer"])
    db = Database(writable_db_url)
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    db.dispose()
    assert (entry.action, entry.file_name) == ("create_user", "a@example.org as viewer")
