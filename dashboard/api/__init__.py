"""The read API (/api/v1/) for analysts, its OpenAPI description and its human page
(/api/docs, Swagger UI served from the swagger-ui-py package's files: no CDN), with rate
limits per token or address (Flask-Limiter; counted in Redis when CACHE_REDIS_URL is set, so
that every worker counts the same requests)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import swagger_ui
from flask import Flask, Response, render_template_string, request, send_from_directory
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import NotFound

from dashboard.api.views import blueprint
from dashboard.problems import problem

SWAGGER_FILES = Path(swagger_ui.__file__).parent / "static"
DOCS_FILES = ("swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png")
DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DRE Dashboard read API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="api-docs"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script></body></html>"""
DOCS_START = """window.ui = SwaggerUIBundle({url: "/api/v1/openapi.json", dom_id: "#api-docs",
  deepLinking: true, tryItOutEnabled: false});"""


def _client() -> str:
    """Whom a rate limit counts: the token (by its hash), else the address."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return "token:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:24]
    return "address:" + get_remote_address()


def _exempt() -> bool:
    """Only the API's figures count towards a limit (its description and docs do not)."""
    return not request.path.startswith("/api/v1/") or request.path == "/api/v1/openapi.json"


def docs_page() -> str:
    return render_template_string(DOCS_PAGE)


def docs_file(name: str) -> Response:
    if name == "start.js":
        return Response(DOCS_START, mimetype="text/javascript")
    if name not in DOCS_FILES:
        raise NotFound()
    return send_from_directory(SWAGGER_FILES, name, max_age=86400)


def init_app(server: Flask) -> None:
    server.config.setdefault("RATELIMIT_DEFAULT", server.config.get("API_RATE_LIMIT"))
    redis_url = server.config.get("CACHE_REDIS_URL")
    server.config.setdefault("RATELIMIT_STORAGE_URI", redis_url or "memory://")
    server.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)  # Retry-After on a 429
    # One limiter per app: each counts its own requests (in Redis: shared by its workers).
    limiter = Limiter(_client, default_limits_exempt_when=_exempt)
    limiter.init_app(server)
    server.extensions["dre_limiter"] = limiter
    server.register_blueprint(blueprint)
    server.add_url_rule("/api/docs", "api_docs", docs_page)
    server.add_url_rule("/api/docs/<name>", "api_docs_file", docs_file)
    server.add_url_rule("/api/<path:rest>", "api_unknown", _unknown)


def _unknown(rest: str) -> Response:
    """Any other path under /api/ (else the pages' catch-all would answer it with a page)."""
    return problem(404, f"No such endpoint: /api/{rest[:80]}. See /api/v1/openapi.json.")
