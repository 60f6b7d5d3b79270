"""The app factory: defaults, then the environment, then a test's overrides."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc  # noqa: F401  (registers the components' assets)
from dash import Dash, html
from flask import Flask, Response, abort

import callbacks
from dashboard import auth, briefing_routes, cli, errors, health, request_log
from dashboard.config import load_config
from dashboard.loaders import cache
from dashboard.selection import Catalogue, Selection
from data_access.db import PROJECT_ROOT, Database, server_options
from layouts import (
    briefing,
    characteristic,
    compare,
    data_actions,
    data_measures,
    data_returns,
    overview,
    present,
    priorities,
    site,
)
from layouts.icons import icon_svg
from layouts.shell import shell


def _icon(group: str, key: str) -> Response:
    """A Making Data Count icon as an SVG file, cached by the browser for a day."""
    svg = icon_svg(group, key)
    if svg is None:
        abort(404)
    response = Response(svg, mimetype="image/svg+xml")
    response.cache_control.public = True
    response.cache_control.max_age = 86_400
    return response


def create_app(test_config: dict[str, Any] | None = None) -> Dash:
    """A configured Dash app; its Flask server is `app.server`. No database work happens here."""
    server = Flask("dashboard", instance_path=str(PROJECT_ROOT / "instance"))
    server.config.from_mapping(load_config())
    if test_config:
        server.config.update(test_config)
    url = server.config["DATABASE_URL"]
    options = server_options(url, server.config["STATEMENT_TIMEOUT_MS"])
    server.extensions["dre_db"] = Database(url, **options)
    cache.init_app(server)
    request_log.init_app(server)  # first, so that refused requests are timed too
    auth.init_app(server)
    briefing_routes.init_app(server)
    errors.init_app(server)
    health.init_app(server)
    cli.init_app(server)
    server.add_url_rule("/icons/<group>/<key>.svg", "icon", _icon)

    app = Dash(
        "dashboard",
        server=server,
        title="DRE Dashboard",
        assets_folder=str(PROJECT_ROOT / "assets"),
        update_title=None,
        on_error=errors.on_callback_error,
        compress=True,  # gzip/brotli for pages, scripts and callback responses
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = shell
    # Every page's components, so that Dash can check callbacks against ids not yet on screen.
    empty, nothing = Selection(), Catalogue.empty()
    app.validation_layout = html.Div(
        [
            shell(),
            overview.layout(empty, nothing, []),
            characteristic.layout(empty, nothing, "", number="1"),
            compare.layout(empty, nothing, ""),
            site.layout(empty, nothing, "", code=None),
            present.layout(empty, nothing, ""),
            priorities.layout(empty, nothing, ""),
            briefing.layout(empty, nothing, ""),
            data_returns.layout(empty, nothing, ""),
            data_measures.layout(empty, nothing, ""),
            data_actions.layout(empty, nothing, ""),
        ]
    )
    callbacks.register(app)
    server.extensions["dre_dash"] = app
    return app
