"""Health checks for load balancers: `/healthz` (this process answers) and `/readyz` (the
database answers and its schema is at the latest migration). Both are public and say no
more than ok or not ready."""

from __future__ import annotations

from flask import Flask, current_app, jsonify
from sqlalchemy import text

from data_access.migrate import is_at_head


def healthz():
    return jsonify(status="ok")


def readyz():
    db = current_app.extensions["dre_db"]
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        at_head = is_at_head(db.engine)
    except Exception as exc:  # any failure to reach the database means "not ready"
        current_app.logger.warning("readyz: database not reachable: %s", exc)
        return jsonify(status="not ready", reason="database unreachable"), 503
    if not at_head:
        return jsonify(status="not ready", reason="schema not at the latest migration"), 503
    return jsonify(status="ok")


def init_app(server: Flask) -> None:
    server.add_url_rule("/healthz", "healthz", healthz)
    server.add_url_rule("/readyz", "readyz", readyz)
