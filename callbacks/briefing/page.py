"""Callbacks of the Briefing page: the month chosen redraws the preview and the links to the
PDF and HTML downloads, and goes into the URL so that a copied link keeps it."""

from __future__ import annotations

from dash import Dash, Input, Output, State

from dashboard.briefing.data import briefing_data
from dashboard.briefing.months import MonthRefused, months_with_data
from dashboard.loaders import load_catalogue
from dashboard.selection import Selection, grain_of, with_param
from layouts.briefing import ids
from layouts.briefing.layout import download_links, preview
from layouts.shell.ids import URL
from layouts.shell.layout import message


def update_preview(month: str | None, search: str | None) -> tuple[object, list]:
    """Month change → the briefing's preview and its download links."""
    catalogue = load_catalogue(grain_of(search))
    selection = Selection.from_query(search).validated(catalogue)
    query = selection.to_query()
    if not month:
        return message("No figures yet: nothing to brief on."), download_links(None, query)
    try:
        briefing = briefing_data(selection, catalogue, month)
    except MonthRefused as exc:
        return message(str(exc), "warning"), download_links(None, query)
    return preview(briefing), download_links(briefing.month, briefing.query)


def update_briefing_url(month: str | None, search: str | None) -> str:
    """Month change → the query string with the month, so a copied link opens on it."""
    catalogue = load_catalogue(grain_of(search))
    query = Selection.from_query(search).validated(catalogue).to_query()
    return with_param(query, "month", month if month in months_with_data(catalogue) else None)


def register(app: Dash) -> None:
    app.callback(
        Output(ids.BRIEFING_PREVIEW, "children"),
        Output(ids.BRIEFING_DOWNLOADS, "children"),
        Input(ids.BRIEFING_MONTH, "value"),
        State(URL, "search"),
    )(update_preview)
    app.callback(
        Output(URL, "search", allow_duplicate=True),
        Input(ids.BRIEFING_MONTH, "value"),
        State(URL, "search"),
        prevent_initial_call=True,
    )(update_briefing_url)
