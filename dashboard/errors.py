"""Callback requests the handlers cannot read are refused as bad requests, not server errors.

A crafted request can put any JSON where a component's value belongs (a number for a list,
an object for a string). The handlers validate what they use, but a shape nobody foresaw
ends in a TypeError deep inside; that is the client's fault (400), and it is logged with
its traceback for us, never sent back.
"""

from __future__ import annotations

from flask import Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

#: What a handler raises when its inputs were not the shapes the page sends.
UNREADABLE = (TypeError, ValueError, KeyError, AttributeError, IndexError)


def _callback_error(error: Exception):
    if isinstance(error, HTTPException):
        return error
    if request.path == "/_dash-update-component" and isinstance(error, UNREADABLE):
        current_app.logger.warning(
            "callback request refused (%s): %s", type(error).__name__, error, exc_info=error
        )
        return jsonify(error="The request could not be read."), 400
    current_app.logger.error("unhandled error on %s", request.path, exc_info=error)
    return jsonify(error="Something went wrong on the server; it has been logged."), 500


def init_app(server: Flask) -> None:
    server.register_error_handler(Exception, _callback_error)
