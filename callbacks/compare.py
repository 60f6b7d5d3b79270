"""Callbacks of the Compare sites page: the controls redraw the charts, the table and the spine
chart, narrow the site lists, and write the choice back into the URL; the button downloads CSV."""

from __future__ import annotations

import json
from dataclasses import replace

from dash import Dash, Input, Output, State, dcc, no_update
from flask import current_app

from dashboard.access import current_access
from dashboard.compare.data import compare_data, csv_frame, pooling_window, spine_data
from dashboard.compare.funnel import GROUP_CHOICES
from dashboard.compare.groups import group_options
from dashboard.loaders import cache, data_version, load_catalogue
from dashboard.no_site import why_no_site
from dashboard.pool_offer import region_offers
from dashboard.selection import Catalogue, Selection, grain_of, with_param
from layouts.common import GRAPH_CONFIG, json_form
from layouts.compare import ids
from layouts.compare.content import content, summary
from layouts.compare.grid import ranked_table, table_caption
from layouts.compare.layout import chosen_site, site_options
from layouts.compare.spine import spine_block
from layouts.overview.layout import trust_choices
from layouts.shell.ids import URL
from layouts.shell.layout import message

#: The controls that decide what is compared, in the order of every handler's arguments.
CONTROLS = [
    Input(ids.COMPARE_MEASURE, "value"),
    Input(ids.COMPARE_GROUP, "value"),
    Input(ids.COMPARE_BENCHMARK, "value"),
    Input(ids.COMPARE_POOLING, "value"),
    Input(ids.COMPARE_REGION, "value"),
    Input(ids.COMPARE_TRUST, "value"),
    Input(ids.COMPARE_RURALITY, "value"),
    Input(ids.COMPARE_SITE, "value"),
]


def page_selection(
    search: str | None,
    regions: list[str] | None,
    trusts: list[str] | None,
    rurality: str | None,
    pooling: str | None,
) -> tuple[Catalogue, Selection]:
    """The URL's selection (its periods and measures kept) with the page's site choice."""
    catalogue = load_catalogue(grain_of(search))
    selection = replace(
        Selection.from_query(search),
        regions=tuple(regions or ()),
        trusts=tuple(trusts or ()),
        rurality=rurality or "all",
        pooling=pooling or "quarter",
    )
    return catalogue, selection.validated(catalogue)


def update_comparison(
    measure: str | None,
    group: str | None,
    benchmark: str | None,
    pooling: str | None,
    regions: list[str] | None,
    trusts: list[str] | None,
    rurality: str | None,
    site: str | None,
    search: str | None,
) -> tuple:
    """Any control change → funnel and caterpillar, summary line, and the table."""
    _, selection = page_selection(search, regions, trusts, rurality, pooling)
    return comparison(
        data_version(),
        selection,
        (measure, group or "bme", benchmark or "england", site),
        current_app.config["SMALL_NUMBER_THRESHOLD"],
        current_access().rights,
    )


@cache.memoize()
def comparison(version, selection: Selection, choice: tuple, threshold, rights) -> tuple:
    """`update_comparison`'s outputs in their JSON form, per data version, selection, choice
    (measure, group, benchmark, site), small-number threshold and reader's rights: the same
    comparison is opened again and again (a link shared, a meeting's projector), and building
    it took 0.1 s alone and 0.25-0.3 s beside a browser drawing the page."""
    catalogue = load_catalogue(selection.grain)
    measure, group, benchmark, site = choice
    result = compare_data(selection, catalogue, measure, benchmark, group, site, threshold)
    count = len(selection.site_codes(catalogue))
    offers = []
    if result.measure is not None and "small" in result.sites:
        small = result.sites[result.sites["small"].eq(True) & result.sites["status"].isna()]
        offers = region_offers(selection, catalogue, small["site"].tolist(), result.measure)
    outputs = (
        content(
            result,
            count,
            why_no_site(selection, catalogue) if not count else None,
            selection.to_query(),
            offers,
        ),
        summary(result, count),
        ranked_table(result, selection.to_query()),
        table_caption(result),
    )
    return tuple(json_form(list(outputs)))


def update_spine(site: str | None, group: str | None, pooling: str | None, search: str | None):
    """Site, group or pooling change → the spine chart of the site's measures."""
    catalogue, selection = page_selection(search, None, None, None, pooling)
    if not site:
        return message("Choose a site to see it across all its measures.")
    threshold = current_app.config["SMALL_NUMBER_THRESHOLD"]
    window = pooling_window(selection, catalogue)
    rows = spine_data(catalogue, site, window, group or "bme", threshold)
    return spine_block(
        rows, catalogue, site, window, by_category=(group or "bme") not in GROUP_CHOICES
    )


def update_site_lists(
    regions: list[str] | None,
    rurality: str | None,
    trusts: list[str] | None,
    site: str | None,
    search: str | None,
) -> tuple[list[dict], list[str], list[dict], str | None]:
    """Region, rurality or site change → the sites to pick by hand and the spine chart's site."""
    catalogue, selection = page_selection(search, regions, None, rurality, None)
    options, kept = trust_choices(catalogue, selection.regions, selection.rurality, trusts)
    selection = replace(selection, trusts=tuple(kept))
    codes = selection.site_codes(catalogue)
    return (
        options,
        kept,
        site_options(catalogue, codes),
        chosen_site(selection, catalogue, site),
    )


def update_url(
    measure: str | None,
    group: str | None,
    benchmark: str | None,
    pooling: str | None,
    regions: list[str] | None,
    trusts: list[str] | None,
    rurality: str | None,
    site: str | None,
    search: str | None,
) -> str:
    """Any control change → the query string (the selection survives moving between pages)."""
    _, selection = page_selection(search, regions, trusts, rurality, pooling)
    query = selection.to_query()
    for name, value in (
        ("measure", measure),
        ("benchmark", benchmark if benchmark == "region" else None),
        ("group", group if group and group != "bme" else None),
        ("site", site),
    ):
        query = with_param(query, name, value)
    return no_update if query == (search or "") else query


def update_group_choices(measure: str | None, group: str | None) -> tuple[list[dict], str]:
    """Measure change → its groups (BME, its comparator, all people, and each census group
    where it has them), the chosen one kept where the measure has it."""
    menu = load_catalogue().viewable_measures
    found = menu[menu["code"] == measure] if not menu.empty else menu
    row = found.iloc[0] if not found.empty else None
    options = group_options(row)
    values = [o["value"] for o in options]
    # the same value again would redraw the comparison for nothing: only a change is sent
    return options, no_update if group in values else values[0]


def on_download(
    n_clicks: int | None,
    measure: str | None,
    group: str | None,
    benchmark: str | None,
    pooling: str | None,
    regions: list[str] | None,
    trusts: list[str] | None,
    rurality: str | None,
    site: str | None,
    search: str | None,
) -> dict:
    """Download button → the table as a CSV file, formula-like text cells neutralised."""
    if not n_clicks:
        return no_update
    catalogue, selection = page_selection(search, regions, trusts, rurality, pooling)
    threshold = current_app.config["SMALL_NUMBER_THRESHOLD"]
    result = compare_data(
        selection, catalogue, measure, benchmark or "england", group or "bme", site, threshold
    )
    frame = csv_frame(result)
    if frame.empty:
        return no_update
    name = f"dre-compare-{result.measure['code']}-{result.window.periods[-1]}.csv"
    return dcc.send_data_frame(frame.to_csv, name, index=False)


#: A click on a site's point (funnel plot or caterpillar chart) → that site's page, as its
#: link in the table would open it (the point carries the link in its customdata).
OPEN_SITE = f"""
function(funnel, caterpillar) {{
    var ctx = window.dash_clientside.callback_context;
    var click = ctx.triggered_id === "{ids.COMPARE_FUNNEL}" ? funnel : caterpillar;
    var point = click && click.points && click.points[0];
    var href = point && point.customdata;
    if (typeof href !== "string" || href.indexOf("/site/") !== 0) {{
        return [window.dash_clientside.no_update, window.dash_clientside.no_update];
    }}
    var at = href.indexOf("?");
    return at < 0 ? [href, ""] : [href.slice(0, at), href.slice(at)];
}}
"""


#: The spine chart's place seen (assets/draw-when-seen.js) → the chart drawn in it, once.
DRAW_SPINE = """
function(seen, figure) {
    if (!seen || !figure) {
        return window.dash_clientside.no_update;
    }
    return {type: "Graph", namespace: "dash_core_components",
            props: {figure: figure, config: CONFIG}};
}
""".replace("CONFIG", json.dumps(GRAPH_CONFIG))


def register(app: Dash) -> None:
    search = State(URL, "search")
    app.callback(
        Output(ids.COMPARE_CONTENT, "children"),
        Output(ids.COMPARE_SUMMARY, "children"),
        Output(ids.COMPARE_GRID, "children"),
        Output(ids.COMPARE_TABLE_CAPTION, "children"),
        *CONTROLS,
        search,
    )(update_comparison)
    app.callback(
        Output(ids.COMPARE_GROUP, "options"),
        Output(ids.COMPARE_GROUP, "value"),
        Input(ids.COMPARE_MEASURE, "value"),
        State(ids.COMPARE_GROUP, "value"),
        # the layout has the first measure's groups: the charts do not wait for this on arrival
        prevent_initial_call=True,
    )(update_group_choices)
    app.callback(
        Output(ids.COMPARE_SPINE, "children"),
        Input(ids.COMPARE_SITE, "value"),
        Input(ids.COMPARE_GROUP, "value"),
        Input(ids.COMPARE_POOLING, "value"),
        search,
    )(update_spine)
    app.clientside_callback(
        DRAW_SPINE,
        Output(ids.COMPARE_SPINE_GRAPH, "children"),
        Input(ids.COMPARE_SPINE_SEEN, "data"),
        State(ids.COMPARE_SPINE_FIGURE, "data"),
    )
    app.callback(
        Output(ids.COMPARE_TRUST, "options"),
        Output(ids.COMPARE_TRUST, "value"),
        Output(ids.COMPARE_SITE, "options"),
        Output(ids.COMPARE_SITE, "value"),
        Input(ids.COMPARE_REGION, "value"),
        Input(ids.COMPARE_RURALITY, "value"),
        Input(ids.COMPARE_TRUST, "value"),
        State(ids.COMPARE_SITE, "value"),
        search,
        prevent_initial_call=True,
    )(update_site_lists)
    app.callback(
        Output(URL, "search", allow_duplicate=True),
        *CONTROLS,
        search,
        prevent_initial_call=True,
    )(update_url)
    app.clientside_callback(
        OPEN_SITE,
        Output(URL, "pathname", allow_duplicate=True),
        Output(URL, "search", allow_duplicate=True),
        Input(ids.COMPARE_FUNNEL, "clickData"),
        Input(ids.COMPARE_CATERPILLAR, "clickData"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(ids.COMPARE_DOWNLOAD, "data"),
        Input(ids.COMPARE_DOWNLOAD_BUTTON, "n_clicks"),
        *[State(c.component_id, c.component_property) for c in CONTROLS],
        search,
        prevent_initial_call=True,
    )(on_download)
