"""Errors as RFC 9457 problem documents (`application/problem+json`), the form the read API
(/api/) answers in: a client reads `status` and `detail` the same way whichever check
refused it, and a person reading the body gets the reason in words."""

from __future__ import annotations

from http import HTTPStatus

from flask import Response, current_app


def problem(status: int, detail: str, **extra) -> Response:
    """A response with a problem document: `type` about:blank (the status says it all),
    `title` the status's phrase, `detail` why in words, and any `extra` members (which may
    also replace `type` and `title`)."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    response = current_app.response_class(
        current_app.json.dumps(body), status=status, mimetype="application/problem+json"
    )
    if status == 401:  # RFC 9110: a 401 says how to authenticate
        response.headers["WWW-Authenticate"] = "Bearer"
    return response
