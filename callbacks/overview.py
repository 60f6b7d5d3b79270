"""The twelve panels and the URL follow the filters."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from dash import ALL, Dash, Input, Output, State, html, no_update
from flask import current_app

from dashboard.loaders import cache, data_version, load_catalogue, unrounded_sites
from dashboard.no_site import why_no_site
from dashboard.overview.data import default_measures, menu_value, overview_data
from dashboard.periods import span as period_span
from dashboard.selection import Catalogue, Selection, grain_of
from layouts.html_block import to_html
from layouts.overview import ids
from layouts.overview.layout import layout
from layouts.overview.panel import panel_body
from layouts.shell.ids import URL

FILTER_INPUTS = [
    Input(ids.FILTER_REGION, "value"),
    Input(ids.FILTER_TRUST, "value"),
    Input(ids.FILTER_RURALITY, "value"),
    Input(ids.FILTER_PERIOD, "value"),
    Input(ids.MEASURE_MENU, "value"),
    Input(ids.FILTER_POOLING, "value"),
]


def selection_from_inputs(
    catalogue: Catalogue,
    regions: list[str] | None,
    trusts: list[str] | None,
    rurality: str | None,
    period: list[int] | None,
    measures: list[str] | None,
    pooling: str | None = "quarter",
    grain: str | None = None,
) -> Selection:
    """The filters' values as a validated Selection (what the URL will carry); `catalogue`
    is in the selection's granularity (`grain`), whose periods the slider indexes."""
    codes = catalogue.period_codes
    start = end = None
    if period and len(period) == 2 and codes:
        i, j = (max(0, min(int(v), len(codes) - 1)) for v in period)
        start, end = codes[min(i, j)], codes[max(i, j)]
    return Selection(
        regions=tuple(regions or ()),
        trusts=tuple(trusts or ()),
        rurality=rurality or "all",
        period_from=start,
        period_to=end,
        measures=tuple(m for m in (measures or []) if not m.startswith("heading-")),
        pooling=pooling or "quarter",
        grain=grain,
    ).validated(catalogue)


def update_panels(
    regions, trusts, rurality, period, measures, pooling="quarter", shown=None, search=None
):
    """Any filter or menu change → the panel bodies that changed, the summary line, and what
    each panel on screen is now drawn from.

    A panel is drawn from the data version, the filters, its own chosen measures, the
    person's disclosure rights and the small-number threshold; when these are what the
    panel on screen was drawn from (`shown`), it is not sent again (a change of the menu
    redraws one panel, not twelve). The bodies of a whole selection are cached.
    """
    grain = grain_of(search)
    catalogue = load_catalogue(grain)
    selection = selection_from_inputs(
        catalogue, regions, trusts, rurality, period, measures, pooling, grain
    )
    # the order things were picked in changes nothing drawn: one cache entry per set
    selection = replace(
        selection,
        regions=tuple(sorted(selection.regions)),
        trusts=tuple(sorted(selection.trusts)),
        measures=tuple(sorted(selection.measures or ())),
    )
    args = (
        data_version(),
        selection,
        unrounded_sites(selection.site_codes(catalogue)),
        current_app.config["SMALL_NUMBER_THRESHOLD"],
    )
    keys = panel_keys(catalogue, *args)
    shown = shown if isinstance(shown, dict) else {}
    bodies, summary = overview_bodies(*args)
    sent = [
        no_update if shown.get(str(n)) == keys[str(n)] else bodies[i]
        for i, n in enumerate(ids.CHARACTERISTIC_NUMBERS)
    ]
    return [*sent, summary, keys]


def panel_keys(catalogue: Catalogue, version, selection: Selection, unrounded, threshold) -> dict:
    """What each panel is drawn from, as a short digest per characteristic number."""
    menu = catalogue.viewable_measures
    chosen = set(selection.measures or ())
    common = repr((version, replace(selection, measures=None), unrounded, threshold))
    keys = {}
    for n in ids.CHARACTERISTIC_NUMBERS:
        own = menu.loc[menu["characteristic"] == n, "code"] if not menu.empty else []
        mine = tuple(code for code in own if code in chosen)
        digest = hashlib.blake2b(f"{common}|{mine}".encode(), digest_size=8)
        keys[str(n)] = digest.hexdigest()
    return keys


#: What the overview says before any measure or period is stored.
NO_FIGURES = (
    "No figures are stored yet: no measures or reporting periods have been loaded, only "
    "regions and organisations. The panels fill in as returns or published statistics arrive."
)


@cache.memoize()
def overview_bodies(version, selection: Selection, unrounded, threshold) -> tuple[list, str]:
    """The twelve panel bodies and the summary line for a selection (cached per data version,
    selection and disclosure rights), the bodies written as HTML (`layouts.html_block`): the
    browser took half a second to build the panels' 2,450 elements as components."""
    bodies, summary = _bodies(selection, threshold)
    return [to_html(body) for body in bodies], summary


def _bodies(selection: Selection, threshold) -> tuple[list, str]:
    catalogue = load_catalogue(selection.grain)
    data = overview_data(selection, catalogue, list(selection.measures or ()))
    bodies = [panel_body(data.panels[n], threshold) for n in ids.CHARACTERISTIC_NUMBERS]
    labels = dict(zip(catalogue.periods["code"], catalogue.periods["label"], strict=True))
    if catalogue.viewable_measures.empty or not catalogue.period_codes:
        # A new programme's database: its regions and organisations loaded, nothing else yet.
        return bodies, NO_FIGURES
    if not data.sites:
        return bodies, why_no_site(selection, catalogue)
    first, last = (labels[data.periods[0]], labels[data.periods[-1]]) if data.periods else ("", "")
    span = period_span(first, last)
    pooled = {
        "quarter": "",
        "year": " · each value pools a rolling year",
        "3years": " · each value pools a rolling three years",
    }[selection.pooling]
    # every chosen measure, as the menu and the chip count them; the retired ones said
    count = len(data.measures) + len(data.retired)
    retired = f" ({len(data.retired)} retired)" if data.retired else ""
    sites = catalogue.pooled_words(selection, len(data.sites))
    summary = (
        f"{sites} · {span} · {count} measure(s){retired}{pooled}"
        " · values are pooled numerators over pooled denominators, with 95% confidence"
        " intervals"
    )
    return bodies, summary


def update_url(regions, trusts, rurality, period, measures, pooling="quarter", search=None) -> str:
    """Any filter or menu change → the query string, so a copied link shows the same view.

    The measures are written only when they differ from the sites' agreed measures.
    """
    grain = grain_of(search)
    catalogue = load_catalogue(grain)
    selection = selection_from_inputs(
        catalogue, regions, trusts, rurality, period, measures, pooling, grain
    )
    codes = catalogue.period_codes
    if codes and selection.period_from == codes[0]:
        selection = replace(selection, period_from=None)
    if codes and selection.period_to == codes[-1]:
        selection = replace(selection, period_to=None)
    if list(selection.measures or ()) == default_measures(selection, catalogue):
        selection = replace(selection, measures=None)
    return selection.to_query()


def page_layout(selection: Selection, catalogue: Catalogue, search: str) -> html.Div:
    """The overview page, its measure menu set to the selection's measures (or the sites')."""
    return layout(selection, catalogue, menu_value(selection, catalogue))


#: URL change → the overview panels' links to each characteristic, with the selection: pure
#: UI, so the browser writes them (the characteristic page validates the query it is given).
DETAIL_LINKS = """function(search) {
    return window.dash_clientside.callback_context.outputs_list.map(
        o => "/characteristic/" + o.id.index + (search || ""));
}"""


def register(app: Dash) -> None:
    outputs = [Output(ids.panel_body(n), "html") for n in ids.CHARACTERISTIC_NUMBERS]
    app.callback(
        *outputs,
        Output(ids.OVERVIEW_SUMMARY, "children"),
        Output(ids.PANEL_KEYS, "data"),
        *FILTER_INPUTS,
        State(ids.PANEL_KEYS, "data"),
        State(URL, "search"),
    )(update_panels)
    app.callback(Output(URL, "search"), *FILTER_INPUTS, State(URL, "search"))(update_url)
    app.clientside_callback(
        DETAIL_LINKS,
        Output({"type": ids.DETAIL_LINK, "index": ALL}, "href"),
        Input(URL, "search"),
    )
