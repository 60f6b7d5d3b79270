"""Callbacks of the Present page: the slides from the database (on load and on each refresh),
and moving between slides in the browser without a server round trip, the slide written into
the URL."""

from __future__ import annotations

import json
from datetime import datetime

from dash import ALL, Dash, Input, Output, State
from flask import current_app

from dashboard.loaders import cache, data_version, load_catalogue, unrounded_sites
from dashboard.present import presentation, seconds_param
from dashboard.selection import Selection, grain_of
from layouts.common import GRAPH_CONFIG, json_form
from layouts.present import ids
from layouts.present.layout import SLIDE_COUNT, slide_figures, slides
from layouts.shell.ids import URL


def update_deck(_refreshes: int | None, search: str | None) -> tuple[list, str]:
    """Page load or refresh tick → every slide rebuilt from the data (the index is kept)."""
    catalogue = load_catalogue(grain_of(search))
    selection = Selection.from_query(search).validated(catalogue)
    threshold = current_app.config["SMALL_NUMBER_THRESHOLD"]
    if _refreshes:  # a refresh tick reads the database: "updated" is when the figures were read
        deck = _deck(presentation(selection, catalogue, fresh=True), threshold)
    else:
        unrounded = unrounded_sites(selection.site_codes(catalogue))
        deck = cached_deck(data_version(), selection, unrounded, threshold)
    updated = ""
    if seconds_param(search, "refresh"):
        updated = f" · updated {datetime.now():%H:%M:%S}"
    return deck, updated


@cache.memoize()
def cached_deck(version, selection: Selection, unrounded, threshold) -> list:
    """The slides of a selection, cached per data version, selection and disclosure rights
    (as the overview's panels): building them took 0.4 to 0.6 s a page load at national
    scale, for a page that a national meeting opens again and again."""
    catalogue = load_catalogue(selection.grain)
    return _deck(presentation(selection, catalogue), threshold)


def _deck(shown, threshold: int) -> list:
    """The slides and the store of their figures, in their JSON form (`json_form`)."""
    return json_form([*slides(shown, threshold), slide_figures(shown)])


#: prev/next click or auto-advance tick → the slide index. Manual moves stop at the ends and
#: postpone the next automatic move by a full interval; automatic moves wrap to the start.
MOVE = f"""
function(prevClicks, nextClicks, ticks, slide, interval) {{
    var count = {SLIDE_COUNT};
    var s = slide || {{index: 0, at: 0}};
    var trigger = window.dash_clientside.callback_context.triggered_id;
    var now = Date.now();
    if (trigger === "{ids.PRESENT_ADVANCE}") {{
        if (now - (s.at || 0) < interval - 500) {{ return window.dash_clientside.no_update; }}
        return {{index: (s.index + 1) % count, at: s.at || 0}};
    }}
    if (trigger !== "{ids.PRESENT_PREV}" && trigger !== "{ids.PRESENT_NEXT}") {{
        return window.dash_clientside.no_update;
    }}
    var step = trigger === "{ids.PRESENT_PREV}" ? -1 : 1;
    return {{index: Math.min(count - 1, Math.max(0, s.index + step)), at: now}};
}}
"""

#: slide index → the root's class that shows that slide, and the counter.
SHOW = f"""
function(slide) {{
    var i = (slide && slide.index) || 0;
    return ["present-root present-at-" + i, (i + 1) + " / {SLIDE_COUNT}"];
}}
"""


#: slide index → `slide=` in the URL (1-based, as the counter; none for the opening slide), so
#: that Back, Forward and a copied link return to it. The rest of the query is kept as it is.
SLIDE_IN_URL = """
function(slide) {
    var i = (slide && slide.index) || 0;
    var kept = window.location.search.replace(/^\\?/, "").split("&").filter(
        function (part) { return part && part.split("=")[0] !== "slide"; });
    if (i > 0) { kept.push("slide=" + (i + 1)); }
    return kept.length ? "?" + kept.join("&") : "";
}
"""


#: slide index (or a new deck) → the shown slide's chart, drawn from the deck's figures the
#: first time it is shown; every other chart as it is (drawn already, or not yet needed).
DRAW_SHOWN = """
function(slide, figures, drawn) {
    var i = String((slide && slide.index) || 0);
    var outputs = window.dash_clientside.callback_context.outputs_list;
    return outputs.map(function (output, k) {
        var shown = String(output.id.index) === i;
        var empty = !drawn[k] || (Array.isArray(drawn[k]) && drawn[k].length === 0);
        if (!(shown && empty && figures && figures[i])) {
            return window.dash_clientside.no_update;
        }
        return {type: "Graph", namespace: "dash_core_components",
                props: {figure: figures[i], config: CONFIG}};
    });
}
""".replace("CONFIG", json.dumps(GRAPH_CONFIG))


def register(app: Dash) -> None:
    app.callback(
        Output(ids.PRESENT_DECK, "children"),
        Output(ids.PRESENT_UPDATED, "children"),
        Input(ids.PRESENT_REFRESH, "n_intervals"),
        State(URL, "search"),
    )(update_deck)
    app.clientside_callback(
        MOVE,
        Output(ids.PRESENT_SLIDE, "data"),
        Input(ids.PRESENT_PREV, "n_clicks"),
        Input(ids.PRESENT_NEXT, "n_clicks"),
        Input(ids.PRESENT_ADVANCE, "n_intervals"),
        State(ids.PRESENT_SLIDE, "data"),
        State(ids.PRESENT_ADVANCE, "interval"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        SLIDE_IN_URL,
        Output(URL, "search", allow_duplicate=True),
        Input(ids.PRESENT_SLIDE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        DRAW_SHOWN,
        Output({"type": ids.SLIDE_CHART, "index": ALL}, "children"),
        Input(ids.PRESENT_SLIDE, "data"),
        Input(ids.SLIDE_FIGURES, "data"),
        State({"type": ids.SLIDE_CHART, "index": ALL}, "children"),
    )
    app.clientside_callback(
        SHOW,
        Output(ids.PRESENT_ROOT, "className"),
        Output(ids.PRESENT_COUNTER, "children"),
        Input(ids.PRESENT_SLIDE, "data"),
    )
