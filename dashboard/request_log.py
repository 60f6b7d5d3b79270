"""One structured log line per request: method, route, the Dash callback it ran (its
outputs), status, duration and who asked (role only). Callbacks slower than
SLOW_CALLBACK_MS are logged again as warnings, named, so that slow pages are found."""

from __future__ import annotations

import json
import logging
import time

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger("dre.requests")


def _start() -> None:
    g.request_started = time.perf_counter()


def _callback_name() -> str | None:
    if request.path != "/_dash-update-component":
        return None
    try:
        body = request.get_json(silent=True, cache=True)
    except HTTPException:  # a body refused as too large is not read again here
        return None
    output = body.get("output") if isinstance(body, dict) else None
    return str(output)[:200] if output else None


def _role() -> str:
    from flask_login import current_user

    try:
        return current_user.access.role if current_user.is_authenticated else "anonymous"
    except Exception:  # the account could not be read (database down): say so, never fail
        return "unknown"


def _finish(response: Response) -> Response:
    started = g.pop("request_started", None)
    if started is None or request.path.startswith(("/assets/", "/_dash-component-suites/")):
        return response
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    record = {
        "method": request.method,
        "route": request.path,
        "callback": _callback_name(),
        "status": response.status_code,
        "duration_ms": duration_ms,
        "role": _role(),
    }
    if "callback_error" in g:  # a bug, answered in words with 200 (dashboard.errors)
        record["error"] = g.callback_error
    log.info(json.dumps(record))
    slow = current_app.config.get("SLOW_CALLBACK_MS", 1000)
    if record["callback"] and duration_ms > slow:
        log.warning("slow callback %s: %.0f ms", record["callback"], duration_ms)
    return response


def init_app(server: Flask) -> None:
    if not log.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    server.before_request(_start)
    server.after_request(_finish)
