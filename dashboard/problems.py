"""Problem documents (RFC 9457): what the read API answers when it cannot answer the request."""

from __future__ import annotations

import json
from http import HTTPStatus

from flask import Response


def problem(status: int, detail: str, **extra: object) -> Response:
    """A JSON problem document: its status, the status's title, why in words, and any
    extension members (`invalid_params`, say)."""
    body = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status}
    body["detail"] = detail
    body.update(extra)
    response = Response(json.dumps(body), status=status, mimetype="application/problem+json")
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="DRE Dashboard API"'
    return response
