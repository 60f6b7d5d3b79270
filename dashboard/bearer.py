"""Requests to the read API (/api/) signed in by `Authorization: Bearer TOKEN` (issue 15).

Only paths under /api/ read the header: the pages keep to their session cookie, so a token
copied into a browser extension or a proxy cannot open them. A request under /api/ that sends
an Authorization header is judged by it alone (dashboard/auth.py ignores its session cookie):
a wrong token answers 401 even when anonymous viewing is on, rather than silently reading as
nobody, and a right one is never outranked by a cookie of another account.

The request is signed in for itself only: Flask-Login's request loader sets the user for the
request and writes nothing to the session, and the session is never saved on a request judged
by its token (`TokenSessions`; Dash, setting itself up on its first request, builds the page
frame, which puts a form token in the session). So the answer carries no cookie: the API is
stateless, and a token neither starts nor extends a browser's session.

The account is read afresh on every request, as for a session: its role as it is now, and
nothing at all once it is deactivated. A token's last use is written at most once a minute
(TOUCH_EVERY), so that a busy script does not make every read a write.
"""

from __future__ import annotations

import datetime as dt

from flask import Flask, Request, Response, current_app, g, request
from flask.sessions import SecureCookieSessionInterface

from dashboard.problems import problem
from dashboard.roles import Access
from dashboard.signed_in import SignedIn
from dashboard.tokens import TOKEN_SHAPE, aware
from data_access.api_tokens import find_bearer, mark_used, token_hash

API_PREFIX = "/api/"
TOUCH_EVERY = dt.timedelta(minutes=1)

NOT_BEARER = (
    "The Authorization header must be 'Bearer' then a token made by `flask --app app create-token`."
)
WRONG_SHAPE = (
    "That is not a token of this dashboard: its tokens start 'dre_' and are 47 characters long."
)
UNKNOWN = "The token is unknown: mistyped, or its account was deleted."
REVOKED = "The token was revoked."
DEACTIVATED = "The token's account is deactivated."
#: What the refusal says when no check above gave a reason.
REFUSED = "The token is unknown, expired or revoked."
SIGN_IN = (
    "Sign in or send Authorization: Bearer TOKEN (an administrator makes one with "
    "`flask --app app create-token EMAIL`)."
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def bearer_sent(req: Request | None = None) -> bool:
    """The request is under /api/ and sends an Authorization header: the header decides."""
    req = request if req is None else req
    return req.path.startswith(API_PREFIX) and "Authorization" in req.headers


def authenticate(header: str) -> tuple[SignedIn | None, str]:
    """(the token's account, "") for a live token of an active account, else (None, why)."""
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None, NOT_BEARER
    if not TOKEN_SHAPE.fullmatch(token):
        return None, WRONG_SHAPE
    now = _now()
    with current_app.extensions["dre_db"].session() as s:
        found = find_bearer(s, token_hash(token))
        if found is None:
            return None, UNKNOWN
        if found.revoked_at is not None:
            return None, REVOKED
        expires = aware(found.expires_at)
        if expires is not None and expires <= now:
            return None, f"The token expired on {expires:%Y-%m-%d %H:%M} UTC."
        if not found.active:
            return None, DEACTIVATED
        last_used = aware(found.last_used_at)
        if last_used is None or now - last_used >= TOUCH_EVERY:
            mark_used(s, found.token_id, now, unless_since=now - TOUCH_EVERY)
    access = Access(found.role, email=found.email, site=found.site, region=found.region)
    return SignedIn(found.user_id, access), ""


def load_from_request(req: Request) -> SignedIn | None:
    """Flask-Login's request loader: the token's account, or None (the reason kept for the
    refusal, `refused`)."""
    if not bearer_sent(req):
        return None
    signed_in, why = authenticate(req.headers["Authorization"])
    if signed_in is None:
        g.bearer_refused = why
        current_app.logger.info("token refused on %s: %s", req.path, why)
    return signed_in


def unauthorized(detail: str) -> Response:
    """401 as a problem document, with the scheme the API accepts (RFC 6750)."""
    response = problem(401, detail)
    response.headers["WWW-Authenticate"] = "Bearer"
    response.headers["Cache-Control"] = "no-store"
    return response


def refused() -> Response:
    """The answer to a request under /api/ whose token was refused, saying why."""
    return unauthorized(g.get("bearer_refused") or REFUSED)


class TokenSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie session, never saved on a request judged by its token."""

    def save_session(self, app: Flask, session, response: Response) -> None:
        if bearer_sent():
            return
        super().save_session(app, session, response)
