"""What a failure looks like: the client's fault is a 4xx, a server bug looks like one.

Requests the page could not have sent are refused before any handler runs, with 400
(dashboard.callback_inputs), and handlers refuse what they cannot accept with an
HTTPException (400, 403) of their own. Anything else a handler raises is a bug of ours: it is
logged at ERROR with its traceback (never sent back), and the callback's components say so
("Something went wrong on the server; it has been logged.") as they say a database outage.
"""

from __future__ import annotations

from dash import ctx, html, no_update
from flask import Flask, current_app, g, jsonify, request
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from dashboard.problems import problem

#: What the database may raise when it is down, unreachable or too slow: `database_down`
#: tells those from a statement it refused (a bug of ours, with its real reason logged).
DATABASE_DOWN = (DBAPIError, PoolTimeout)
#: SQLSTATE classes of an outage: connection exception, insufficient resources, operator
#: intervention (which holds 57014, the statement timeout).
_OUTAGE_STATES = ("08", "53", "57")


def database_down(error: BaseException) -> bool:
    """The database is down, unreachable or too slow: not a statement it refused. Before,
    every DBAPIError was called an outage, so PostgreSQL refusing a statement (too many
    parameters, stack depth) reached the user as "the database is not answering"."""
    if isinstance(error, PoolTimeout | InterfaceError):
        return True
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    state = getattr(error.orig, "sqlstate", None)  # psycopg's; SQLite's errors have none
    if state is None:
        return isinstance(error, OperationalError)
    return state[:2] in _OUTAGE_STATES


UNAVAILABLE = (
    "Data temporarily unavailable: the database is not answering. "
    "Try again in a moment; nothing you chose is lost."
)
#: What a callback's components say when its handler failed on a bug of ours.
WENT_WRONG = "Something went wrong on the server; it has been logged."


def _say(spec, text: str, colour: str, role: str):
    """The callback's outputs saying `text`: an alert for each children, no update elsewhere."""
    if isinstance(spec, list):  # a pattern-matching output: one value per matched component
        return [_say(s, text, colour, role) for s in spec]
    if spec.get("property") == "children":
        return html.Div(text, className=f"alert alert-{colour} page-message", role=role)
    return no_update


def _says_something(spec) -> bool:
    """Whether any of the outputs is a component's children (where words can be shown)."""
    if isinstance(spec, list):
        return any(_says_something(s) for s in spec)
    return spec.get("property") == "children"


def on_callback_error(error: Exception):
    """A callback failed: while the database is down its outputs say so in words (and the
    next click, once it is back, works); a refusal (HTTPException) goes on to the Flask
    handler; a bug is logged at ERROR with its traceback and its outputs say that something
    went wrong (a callback with nowhere to say it goes on to the Flask handler: a 500)."""
    if database_down(error):
        current_app.logger.warning("database unavailable in a callback: %s", error)
        return _say(ctx.outputs_list, UNAVAILABLE, "warning", "status")
    if isinstance(error, HTTPException) or not _says_something(ctx.outputs_list):
        raise error
    body = request.get_json(silent=True)
    output = str(body.get("output"))[:200] if isinstance(body, dict) else "?"
    current_app.logger.error("unhandled error in callback %s", output, exc_info=error)
    g.callback_error = type(error).__name__  # for the request's log line (dashboard.request_log)
    return _say(ctx.outputs_list, WENT_WRONG, "danger", "alert")


def _api_error(error: Exception):
    """The read API answers every error as a problem document (RFC 9457), never a page."""
    if isinstance(error, HTTPException) and error.code == 429:  # Flask-Limiter: its limit
        detail = f"Too many requests: at most {error.description}. Try again after Retry-After."
        return problem(429, detail)  # Flask-Limiter adds Retry-After
    if isinstance(error, HTTPException):
        return problem(error.code or 500, error.description or "")
    if database_down(error):
        current_app.logger.warning("database unavailable on %s: %s", request.path, error)
        return problem(503, UNAVAILABLE)
    current_app.logger.error("unhandled error on %s", request.path, exc_info=error)
    return problem(500, WENT_WRONG)


def _callback_error(error: Exception):
    if request.path.startswith("/api/"):
        return _api_error(error)
    if isinstance(error, HTTPException):
        return error
    if database_down(error):
        current_app.logger.warning("database unavailable on %s: %s", request.path, error)
        if request.path.startswith("/_dash-") or request.method != "GET":
            return jsonify(error=UNAVAILABLE), 503
        return current_app.response_class(UNAVAILABLE, status=503, mimetype="text/plain")
    current_app.logger.error("unhandled error on %s", request.path, exc_info=error)
    return jsonify(error=WENT_WRONG), 500


def init_app(server: Flask) -> None:
    server.register_error_handler(Exception, _callback_error)
