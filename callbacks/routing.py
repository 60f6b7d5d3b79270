"""Which page a URL shows."""

from __future__ import annotations

from dash import Dash, Input, Output, State

from dashboard import ids
from dashboard.loaders import load_catalogue
from dashboard.overview import menu_value
from dashboard.selection import Selection
from layouts import overview
from layouts.shell import not_found


def update_page(pathname: str | None, search: str | None):
    """URL path → the page's layout, built from the selection in the query string."""
    if pathname in (None, "", "/"):
        catalogue = load_catalogue()
        selection = Selection.from_query(search).validated(catalogue)
        return overview.layout(selection, catalogue, menu_value(selection, catalogue))
    return not_found(pathname)


def register(app: Dash) -> None:
    app.callback(
        Output(ids.PAGE, "children"), Input(ids.URL, "pathname"), State(ids.URL, "search")
    )(update_page)
