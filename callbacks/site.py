"""Callbacks of the My site page: draw the site's content, and switch site from the picker."""

from __future__ import annotations

from dash import Dash, Input, Output, State, no_update
from flask import current_app
from werkzeug.exceptions import BadRequest

from dashboard.access import current_access
from dashboard.loaders import cache, data_version, load_catalogue
from dashboard.selection import Selection, grain_of
from dashboard.site.data import site_data, site_figures
from layouts.common import json_form
from layouts.html_block import Html, to_html
from layouts.shell.ids import URL
from layouts.site import ids
from layouts.site.layout import choose_site, measure_sections, site_content, unknown_site


def update_site_content(code: str | None, search: str | None) -> list:
    """Page shown (its site code) or query string change → the site's summary and measures."""
    if code is not None and not isinstance(code, str):  # the store holds what the page put
        raise BadRequest("The site must be an organisation code.")
    catalogue = load_catalogue(grain_of(search))
    selection = Selection.from_query(search).validated(catalogue)
    if not code:
        return choose_site(selection, catalogue)
    data = site_data(code, selection, catalogue)
    if data is None:
        return unknown_site(code)
    threshold = current_app.config["SMALL_NUMBER_THRESHOLD"]
    args = (data_version(), code, selection, catalogue.grain, current_access().rights, threshold)
    return site_content(data, selection, catalogue, threshold, site_sections(*args))


@cache.memoize()
def site_sections(version, code, selection, grain, rights, threshold) -> list:
    """The measures' cards of a site page (up to 70 charts and tables: about 0.45 s to build
    at national scale), written as HTML in one component (`layouts.html_block`: the browser
    took 0.3-0.5 s to build their 2,200 elements as components), cached by what its figures
    are cached by (`site_figures`); the plan around them is drawn each time."""
    catalogue = load_catalogue(grain)
    figures = site_figures(code, selection, catalogue)
    if figures is None:
        return []
    sections = to_html(measure_sections(figures, catalogue, threshold))
    return json_form([Html(html=sections, className="site-sections")])


def on_site_picked(value: str | None, current: str | None):
    """Picker choice → the chosen site's path (the query string, the selection, is kept)."""
    if not value or value == current:
        return no_update
    return f"/site/{value}"


def register(app: Dash) -> None:
    app.callback(
        Output(ids.SITE_CONTENT, "children"),
        Input(ids.SITE_CODE, "data"),
        Input(URL, "search"),
    )(update_site_content)
    app.callback(
        Output(URL, "pathname", allow_duplicate=True),
        Input(ids.SITE_PICKER, "value"),
        State(ids.SITE_CODE, "data"),
        prevent_initial_call=True,
    )(on_site_picked)
