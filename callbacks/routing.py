"""Which page a URL shows, and the navigation that follows the selection."""

from __future__ import annotations

import re
from collections.abc import Callable

from dash import ALL, Dash, Input, Output, State, html

from dashboard import ids
from dashboard.loaders import load_catalogue
from dashboard.overview import menu_value
from dashboard.selection import Catalogue, Selection
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
from layouts.shell import nav_links, not_found, selection_chips


def _overview(selection: Selection, catalogue: Catalogue, search: str) -> html.Div:
    return overview.layout(selection, catalogue, menu_value(selection, catalogue))


#: path pattern → page builder; named groups are passed to the builder as keyword arguments.
ROUTES: tuple[tuple[re.Pattern[str], Callable[..., html.Div]], ...] = (
    (re.compile(r"/"), _overview),
    (re.compile(r"/characteristic/(?P<number>\d{1,2})"), characteristic.layout),
    (re.compile(r"/compare"), compare.layout),
    (re.compile(r"/site(?:/(?P<code>[A-Za-z0-9_-]{1,16}))?"), site.layout),
    (re.compile(r"/present"), present.layout),
    (re.compile(r"/priorities"), priorities.layout),
    (re.compile(r"/briefing"), briefing.layout),
    (re.compile(r"/data/returns"), data_returns.layout),
    (re.compile(r"/data/measures"), data_measures.layout),
    (re.compile(r"/data/actions"), data_actions.layout),
)


def update_page(pathname: str | None, search: str | None):
    """URL path → the page's layout, built from the selection in the query string."""
    path = "/" + (pathname or "/").strip("/")
    for pattern, builder in ROUTES:
        match = pattern.fullmatch(path)
        if match:
            catalogue = load_catalogue()
            selection = Selection.from_query(search).validated(catalogue)
            return builder(selection, catalogue, search or "", **match.groupdict())
    return not_found(pathname or "")


def update_navigation(pathname: str | None, search: str | None) -> tuple[list, list]:
    """URL change → page links that carry the selection, and the selection as chips."""
    catalogue = load_catalogue()
    selection = Selection.from_query(search).validated(catalogue)
    path = pathname or "/"
    return nav_links(path, selection.to_query()), selection_chips(selection, catalogue, path)


#: URL change → the overview panels' links to each characteristic, with the selection: pure
#: UI, so the browser writes them (the characteristic page validates the query it is given).
DETAIL_LINKS = """function(search) {
    return window.dash_clientside.callback_context.outputs_list.map(
        o => "/characteristic/" + o.id.index + (search || ""));
}"""


COPY_CURRENT_URL = "function(n) { return window.location.href; }"


def register(app: Dash) -> None:
    app.callback(
        Output(ids.PAGE, "children"), Input(ids.URL, "pathname"), State(ids.URL, "search")
    )(update_page)
    app.callback(
        Output(ids.NAV_LINKS, "children"),
        Output(ids.SELECTION_CHIPS, "children"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
    )(update_navigation)
    app.clientside_callback(
        DETAIL_LINKS,
        Output({"type": ids.DETAIL_LINK, "index": ALL}, "href"),
        Input(ids.URL, "search"),
    )
    app.clientside_callback(
        COPY_CURRENT_URL,
        Output(ids.COPY_LINK, "content"),
        Input(ids.COPY_LINK, "n_clicks"),
        prevent_initial_call=True,
    )
