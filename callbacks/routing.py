"""Which page a URL shows, and the navigation that follows the selection."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State

from dashboard.access import current_access
from dashboard.loaders import cache, data_version, load_catalogue
from dashboard.pages import PAGES, nav_entries, section_of
from dashboard.selection import Selection, grain_of
from layouts.common import json_form
from layouts.shell import ids
from layouts.shell.layout import nav_links, not_allowed, not_found, selection_chips


def update_page(pathname: str | None, search: str | None):
    """URL path → the page's layout, built from the selection in the query string."""
    path = "/" + (pathname or "/").strip("/")
    for page in PAGES:
        match = page.pattern.fullmatch(path)
        if match:
            access = current_access()
            if page.roles is not None and access.role not in page.roles:
                return not_allowed(path)
            if page.cached:
                return cached_page(data_version(), page.name, path, search or "", access.rights)
            return _build(page, path, search)
    return not_found(pathname or "")


def _build(page, path: str, search: str | None):
    catalogue = load_catalogue(grain_of(search))
    selection = Selection.from_query(search).validated(catalogue)
    groups = page.pattern.fullmatch(path).groupdict()
    return page.build(selection, catalogue, search or "", current_access(), groups)


@cache.memoize()
def cached_page(version, name: str, path: str, search: str, rights) -> object:
    """A page that is the same for everyone with the same rights until the data change
    (`Page.cached`), in its JSON form, per data version, URL and reader's rights: the
    characteristic page took 0.5-0.6 s to build at national scale on every visit."""
    page = next(p for p in PAGES if p.name == name)
    return json_form(_build(page, path, search))


def on_history_move(_moves: int | None, pathname: str | None, search: str | None):
    """Back, Forward or a link within the same path → the page built again from the URL, so
    that every control shows what the URL says."""
    return update_page(pathname, search)


def update_navigation(pathname: str | None, search: str | None) -> tuple[list, list]:
    """URL change → page links that carry the selection, and the selection as chips."""
    catalogue = load_catalogue(grain_of(search))
    selection = Selection.from_query(search).validated(catalogue)
    path = pathname or "/"
    links = nav_links(nav_entries(), section_of(path), selection.to_query())
    return links, selection_chips(selection, catalogue, path)


COPY_CURRENT_URL = "function(n) { return window.location.href; }"


def register(app: Dash) -> None:
    app.callback(
        Output(ids.PAGE, "children"), Input(ids.URL, "pathname"), State(ids.URL, "search")
    )(update_page)
    # assets/history.js counts the history's moves within a path; a page's own writes into
    # the URL do not count (its controls show them already)
    app.clientside_callback(
        ClientsideFunction("history", "moves"),
        Output(ids.HISTORY_MOVES, "data"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        State(ids.HISTORY_MOVES, "data"),
    )
    app.callback(
        Output(ids.PAGE, "children", allow_duplicate=True),
        Input(ids.HISTORY_MOVES, "data"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(on_history_move)
    app.callback(
        Output(ids.NAV_LINKS, "children"),
        Output(ids.SELECTION_CHIPS, "children"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
    )(update_navigation)
    app.clientside_callback(
        COPY_CURRENT_URL,
        Output(ids.COPY_LINK, "content"),
        Input(ids.COPY_LINK, "n_clicks"),
        prevent_initial_call=True,
    )
