"""Callback requests the handlers cannot read are refused as bad requests, not server errors.

A crafted request can put any JSON where a component's value belongs (a number for a list,
an object for a string). The handlers validate what they use, but a shape nobody foresaw
ends in a TypeError deep inside; that is the client's fault (400), and it is logged with
its traceback for us, never sent back.
"""

from __future__ import annotations

from dash import ctx, html, no_update
from flask import Flask, current_app, jsonify, request
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

#: What a handler raises when its inputs were not the shapes the page sends.
UNREADABLE = (TypeError, ValueError, KeyError, AttributeError, IndexError)


#: The database is down, unreachable, or too slow (statement timeout, pool exhausted).
DATABASE_DOWN = (DBAPIError, PoolTimeout)
UNAVAILABLE = (
    "Data temporarily unavailable: the database is not answering. "
    "Try again in a moment; nothing you chose is lost."
)


def _unavailable(spec):
    if isinstance(spec, list):  # a pattern-matching output: one value per matched component
        return [_unavailable(s) for s in spec]
    if spec.get("property") == "children":
        return html.Div(UNAVAILABLE, className="alert alert-warning page-message", role="status")
    return no_update


def on_callback_error(error: Exception):
    """A callback failed: while the database is down its outputs say so in words (and the
    next click, once it is back, works); anything else goes on to the Flask handler."""
    if isinstance(error, DATABASE_DOWN):
        current_app.logger.warning("database unavailable in a callback: %s", error)
        return _unavailable(ctx.outputs_list)
    raise error


def _callback_error(error: Exception):
    if isinstance(error, HTTPException):
        return error
    if isinstance(error, DATABASE_DOWN):
        current_app.logger.warning("database unavailable on %s: %s", request.path, error)
        if request.path.startswith("/_dash-") or request.method != "GET":
            return jsonify(error=UNAVAILABLE), 503
        return current_app.response_class(UNAVAILABLE, status=503, mimetype="text/plain")
    if request.path == "/_dash-update-component" and isinstance(error, UNREADABLE):
        current_app.logger.warning(
            "callback request refused (%s): %s", type(error).__name__, error, exc_info=error
        )
        return jsonify(error="The request could not be read."), 400
    current_app.logger.error("unhandled error on %s", request.path, exc_info=error)
    return jsonify(error="Something went wrong on the server; it has been logged."), 500


def init_app(server: Flask) -> None:
    server.register_error_handler(Exception, _callback_error)
