"""The briefing's handlers: the page's callbacks, the PDF and HTML downloads, and the
`flask --app app briefing` command, all registered by `register(app)`."""

from __future__ import annotations

from dash import Dash

from callbacks.briefing import cli, downloads, page


def register(app: Dash) -> None:
    page.register(app)
    downloads.init_app(app.server)
    app.server.cli.add_command(cli.briefing_command)
