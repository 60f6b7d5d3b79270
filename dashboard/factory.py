"""The app factory: defaults, then the environment, then a test's overrides.

Pages come from the registry (`dashboard.pages`): the factory builds Dash's validation layout
from it and registers each page's callbacks; the routing callback reads it at request time.
"""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc  # noqa: F401  (registers the components' assets)
from dash import Dash, html
from flask import Flask, Response, abort, has_request_context
from werkzeug.exceptions import Unauthorized

from callbacks import routing, warm
from dashboard import api, auth, callback_inputs, cli, errors, headers, health, request_log
from dashboard.access import CLI, Access, current_access
from dashboard.config import load_config
from dashboard.loaders import cache
from dashboard.pages import PAGES, nav_entries
from dashboard.selection import Catalogue, Selection
from data_access.db import PROJECT_ROOT, Database, server_options
from layouts.icons import icon_svg
from layouts.shell.layout import nav_links, shell


def _icon(group: str, key: str) -> Response:
    """A Making Data Count icon as an SVG file, cached by the browser for a day."""
    svg = icon_svg(group, key)
    if svg is None:
        abort(404)
    response = Response(svg, mimetype="image/svg+xml")
    response.cache_control.public = True
    response.cache_control.max_age = 86_400
    return response


def _reader() -> Access | None:
    """Who is reading, or None when nobody may (the gate answers for the page itself)."""
    try:
        return current_access()
    except Unauthorized:
        return None


def frame() -> html.Div:
    """The page frame for this request: the reader's account area (with the token its
    sign-out form posts) and the navigation."""
    reader = _reader()
    signed_in = reader is not None and reader.signed_in and has_request_context()
    token = auth.csrf_token() if signed_in else None
    return shell(reader, nav_links(nav_entries(), "/", ""), token)


def validation_layout() -> html.Div:
    """Every page's components, so that Dash can check callbacks against ids not yet shown."""
    empty, nothing = Selection(), Catalogue.empty()
    return html.Div(
        [
            shell(),
            *(page.build(empty, nothing, "", CLI, page.example) for page in PAGES),
            *(part for page in PAGES if page.drawn_later for part in page.drawn_later()),
        ]
    )


#: Dash's page, in English (screen readers pronounce it so) and with a link past the
#: navigation to the content for keyboard users (WCAG 2.4.1), the first thing Tab reaches.
INDEX = """<!DOCTYPE html>
<html lang="en-GB">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        <a class="skip-link" href="#page-content">Skip to the content</a>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def create_app(test_config: dict[str, Any] | None = None) -> Dash:
    """A configured Dash app; its Flask server is `app.server`. No database work happens here."""
    server = Flask(
        "dashboard",
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "dashboard" / "templates"),  # the sign-in page
    )
    server.config.from_mapping(load_config())
    if test_config:
        server.config.update(test_config)
    url = server.config["DATABASE_URL"]
    options = server_options(url, server.config["STATEMENT_TIMEOUT_MS"])
    server.extensions["dre_db"] = Database(url, **options)
    cache.init_app(server)
    request_log.init_app(server)  # first, so that refused requests are timed too
    auth.init_app(server)
    headers.init_app(server)
    errors.init_app(server)
    health.init_app(server)
    api.init_app(server)
    cli.init_app(server)
    # not under tests: a thread still reading a test's database after it is dropped
    warm.init_app(server, background=server.config["WARM_CACHE"] and not server.testing)
    server.add_url_rule("/icons/<group>/<key>.svg", "icon", _icon)

    app = Dash(
        "dashboard",
        server=server,
        title="DRE Dashboard",
        assets_folder=str(PROJECT_ROOT / "assets"),
        # served when asked for (plotly.js's basic bundle, assets/plotly-bundle.js), not
        # loaded by every page
        assets_path_ignore=["vendor"],
        update_title=None,
        on_error=errors.on_callback_error,
        compress=True,  # gzip/brotli for pages, scripts and callback responses
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX
    app.layout = frame
    app.validation_layout = validation_layout()
    routing.register(app)
    for page in PAGES:
        for register in page.callbacks:
            register(app)
    callback_inputs.init_app(app)  # reads the callbacks' declarations
    server.extensions["dre_dash"] = app
    return app
