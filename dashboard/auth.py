"""Sign-in, sign-out and the gate in front of every page, callback and download.

Passwords are stored as salted hashes (werkzeug's scrypt); the session lives in Flask's
signed cookie, HttpOnly, SameSite=Lax and Secure unless SESSION_COOKIE_SECURE=false (for
plain-HTTP development). Five failed sign-ins in a row lock an account for fifteen minutes.

A signed cookie alone would outlive sign-out (a copy still works) and, re-signed on every
request, never expire while in use. So the cookie carries the account's session version at
sign-in and the time of sign-in: the version is checked against the account on every
request (sign-out, a new password, a new role and deactivation move it on, ending every
session of the account at once), and a session older than SESSION_MAX_HOURS ends however
busy it is; SESSION_HOURS (PERMANENT_SESSION_LIFETIME) is the idle limit.

The read API (/api/) also takes `Authorization: Bearer TOKEN` (dashboard/bearer.py): a request
under /api/ that sends the header is judged by the token alone, never by its cookie, and is
refused with a problem document (401) rather than sent to the sign-in page.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from urllib.parse import quote

from flask import (
    Blueprint,
    Flask,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
)
from flask_login import LoginManager, current_user, login_user, logout_user
from sqlalchemy import or_, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from dashboard import bearer
from dashboard.access import Access
from dashboard.errors import DATABASE_DOWN, database_down
from dashboard.signed_in import SignedIn
from data_access.models import Organisation, Region, User

MAX_FAILED_SIGN_INS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 12
#: Paths anyone may fetch: the sign-in page, static files with no data, health checks, the
#: read API's description and its documentation page.
PUBLIC_PREFIXES = (
    "/login",
    "/logout",
    "/assets/",
    "/_dash-component-suites/",
    "/icons/",
    "/healthz",
    "/readyz",
    "/_favicon.ico",
    "/api/docs/",
)
PUBLIC_PATHS = frozenset({"/api/v1/openapi.json", "/api/docs"})
#: A hash to check against when the email is unknown, so both answers take as long.
_DUMMY_HASH = generate_password_hash(secrets.token_hex(16))

login_manager = LoginManager()
blueprint = Blueprint("auth", __name__)


def _db():
    return current_app.extensions["dre_db"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; they were written in UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


@login_manager.user_loader
def load_user(user_id: str) -> SignedIn | None:
    """The account behind a session, read afresh (a deactivated account loses its session at
    once). While the database is down, the email signed into the session at sign-in stands
    in with a viewer's rights, so that pages can say the data are unavailable rather than
    fail. Under /api/ with an Authorization header the session is not read: the token decides
    (dashboard/bearer.py)."""
    if not user_id.isdigit() or bearer.bearer_sent():
        return None
    try:
        return _load_user(int(user_id))
    except DATABASE_DOWN as error:
        if not database_down(error):
            raise
        # Unverified (the account may have been closed since): a viewer's rights only, so
        # nothing record-level and nothing written until the database answers again.
        kept = session.get("access")
        if isinstance(kept, dict) and kept.get("id") == int(user_id):
            return SignedIn(int(user_id), Access("viewer", email=kept.get("email")))
        raise


def _session_current(version: int) -> bool:
    """The session was signed in with the account's current version, and not too long ago."""
    if session.get("v") != version:
        return False
    try:
        since = dt.datetime.fromisoformat(session.get("since", ""))
    except (TypeError, ValueError):
        return False
    limit = dt.timedelta(hours=current_app.config.get("SESSION_MAX_HOURS", 12))
    return _now() - since < limit


def _load_user(user_id: int) -> SignedIn | None:
    with _db().session() as s:
        row = s.execute(
            select(
                User.id,
                User.email,
                User.role,
                User.active,
                Organisation.code,
                Region.code,
                User.session_version,
            )
            .outerjoin(Organisation, Organisation.id == User.organisation_id)
            .outerjoin(Region, Region.id == User.region_id)
            .where(User.id == user_id)
        ).first()
    if row is None or not row.active or not _session_current(row.session_version):
        return None
    return SignedIn(row.id, Access(row.role, email=row.email, site=row[4], region=row[5]))


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
    return generate_password_hash(password)


#: One answer for every refusal, so that the page never tells which accounts exist (or
#: which are locked).
REFUSED = (
    f"Email or password not recognised. After {MAX_FAILED_SIGN_INS} failed sign-ins in a row "
    f"an account is locked for {LOCK_MINUTES} minutes."
)


def check_sign_in(email: str, password: str) -> tuple[int | None, str]:
    """(user id, "") when the email and password match an active, unlocked account, else
    (None, REFUSED). Counts failures and locks after MAX_FAILED_SIGN_INS: the account's row
    is locked while it is checked (PostgreSQL) and the count is raised in SQL, so guesses
    sent in parallel are all counted."""
    email = email.strip().lower()
    with _db().session() as s:
        user = s.scalars(select(User).where(User.email == email).with_for_update()).first()
        if user is None or not user.active:
            check_password_hash(_DUMMY_HASH, password)
            return None, REFUSED
        # The attempt is counted before its password is checked, in one statement that
        # also asks "not locked": guesses sent together each take the next count, so no
        # more than MAX_FAILED_SIGN_INS passwords are checked before the lock (SQLite has no
        # row lock to hold the others back; its write lock serialises this statement).
        now = _now()
        attempt = s.execute(
            update(User)
            .where(User.id == user.id, or_(User.locked_until.is_(None), User.locked_until <= now))
            .values(failed_sign_ins=User.failed_sign_ins + 1)
            .returning(User.failed_sign_ins)
            .execution_options(synchronize_session=False)  # SQLite's times are naive
        ).scalar_one_or_none()
        if attempt is None or attempt > MAX_FAILED_SIGN_INS:
            check_password_hash(_DUMMY_HASH, password)
            return None, REFUSED
        if not check_password_hash(user.password_hash, password):
            if attempt >= MAX_FAILED_SIGN_INS:
                s.execute(
                    update(User)
                    .where(User.id == user.id)
                    .values(
                        failed_sign_ins=0, locked_until=now + dt.timedelta(minutes=LOCK_MINUTES)
                    )
                )
                current_app.logger.warning("account locked after failed sign-ins: %s", email)
            return None, REFUSED
        s.execute(
            update(User)
            .where(User.id == user.id)
            .values(failed_sign_ins=0, locked_until=None, last_sign_in=now)
        )
        return user.id, ""


def csrf_token() -> str:
    """This session's token for the forms it posts (sign-in, sign-out)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


#: A path on this site: '/', then no second '/' and nothing a browser would strip or
#: reinterpret (whitespace, control characters, backslashes).
_LOCAL_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*")


def _safe_next(target: str | None) -> str:
    """Only a path on this site, else the overview: no scheme, no host, no '//', no
    character a browser would drop ("/\t/evil.example" is "//evil.example" to it)."""
    if target and len(target) <= 2000 and _LOCAL_PATH.fullmatch(target):
        return target
    return "/"


def _page(error: str = "", email: str = "", next_url: str = "/", status: int = 200):
    """The sign-in page (dashboard/templates/login.html, every value escaped by Jinja2)."""
    html = render_template(
        "login.html",
        error=error,
        email=email,
        next_url=next_url,
        csrf=csrf_token(),
        anonymous=current_app.config.get("ALLOW_ANONYMOUS_VIEWERS"),
    )
    response = current_app.response_class(html, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.route("/login", methods=["GET", "POST"])
def sign_in():
    next_url = _safe_next(request.values.get("next"))
    if request.method == "GET":
        return _page(next_url=next_url)
    sent = request.form.get("csrf", "").encode()
    if not sent or not secrets.compare_digest(sent, session.get("csrf", "").encode()):
        return _page("The form had expired: please sign in again.", next_url=next_url, status=400)
    email = request.form.get("email", "")[:254]
    user_id, why = check_sign_in(email, request.form.get("password", "")[:1024])
    if user_id is None:
        current_app.logger.info("sign-in refused for %r: %s", email, why)
        return _page(why, email=email, next_url=next_url, status=401)
    session.clear()  # a new session on sign-in: nothing carried over from before
    user = start_session(user_id)
    session.permanent = True
    login_user(user)
    session["access"] = {"id": user.id, **vars(user.access)}
    current_app.logger.info("signed in: %s (%s)", user.access.email, user.access.role)
    return redirect(next_url)


def _session_version(user_id: int) -> int:
    with _db().session() as s:
        return s.scalar(select(User.session_version).where(User.id == user_id)) or 0


def start_session(user_id: int) -> SignedIn | None:
    """Mark the session as signed in now with the account's current version; the account
    as the session will see it."""
    session["v"] = _session_version(user_id)
    session["since"] = _now().isoformat()
    # The token the sign-out form posts, made now: made later, by the page's first request,
    # it could be lost to a callback answered at the same moment with the cookie before it.
    csrf_token()
    return load_user(str(user_id))


def end_sessions(s, user_id: int) -> None:
    """End every session of the account (in the caller's transaction)."""
    s.execute(
        update(User).where(User.id == user_id).values(session_version=User.session_version + 1)
    )


@blueprint.route("/logout", methods=["GET", "POST"])
def sign_out():
    """POST with the form's token: the account's sessions end, here and wherever a copy of
    the cookie is. GET only asks (a link or an image must not sign anyone out)."""
    if request.method == "GET":
        response = current_app.response_class(
            render_template("logout.html", csrf=csrf_token()), mimetype="text/html"
        )
        response.headers["Cache-Control"] = "no-store"
        return response
    sent = request.form.get("csrf", "").encode()
    if not sent or not secrets.compare_digest(sent, session.get("csrf", "").encode()):
        return redirect("/logout")
    if current_user.is_authenticated:
        with _db().session() as s:
            end_sessions(s, current_user.id)
        current_app.logger.info("signed out: %s", current_user.access.email)
    logout_user()
    session.clear()
    return redirect("/login")


def _gate():
    """Every request that is not public needs a signed-in person, or anonymous viewing on. A
    token that was sent and refused is refused even with anonymous viewing on."""
    path = request.path
    if path.startswith(PUBLIC_PREFIXES) or path in PUBLIC_PATHS or current_user.is_authenticated:
        return None
    if bearer.bearer_sent():
        return bearer.refused()
    if current_app.config.get("ALLOW_ANONYMOUS_VIEWERS"):
        return None
    if path.startswith(bearer.API_PREFIX):
        return bearer.unauthorized(bearer.SIGN_IN)
    if path.startswith("/_dash-") or request.method != "GET":
        return jsonify(error="Sign in to use the dashboard."), 401
    return redirect("/login?next=" + quote(request.full_path.rstrip("?"), safe="/"))


def init_app(server: Flask) -> None:
    login_manager.init_app(server)
    login_manager.request_loader(bearer.load_from_request)
    server.session_interface = bearer.TokenSessions()
    server.register_blueprint(blueprint)
    server.before_request(_gate)
