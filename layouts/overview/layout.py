"""The overview page: filters, the measures menu and twelve panels, one per characteristic."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.reference.words import UNCLASSIFIED_SITES, kind_short
from dashboard.selection import Catalogue, Selection, pooling_choices
from layouts.html_block import Html
from layouts.overview import ids

RURALITY_OPTIONS = [
    {"label": "All sites", "value": "all"},
    {"label": "Urban", "value": "urban"},
    {"label": "Rural", "value": "rural"},
]
POOLING_LABELS = {"quarter": "Each quarter", "year": "Rolling year", "3years": "Rolling 3 years"}


def region_options(catalogue: Catalogue) -> list[dict]:
    return [{"label": r.name, "value": r.code} for r in catalogue.regions.itertuples()]


def _facts(org) -> str:
    """'trust, urban', 'ICB' (no rural/urban class), 'PCT, rural, closed 2013'."""
    facts = [kind_short(org.kind)]
    if isinstance(org.rurality, str):
        facts.append(org.rurality)
    closed = getattr(org, "closed_on", None)
    if closed is not None and not pd.isna(closed):
        facts.append(f"closed {closed.year}")
    return ", ".join(facts)


def trust_options(organisations: pd.DataFrame) -> list[dict]:
    """One option per organisation, its kind, rurality (if it has one) and the year it closed
    (if it did: its history is still shown) in the label."""
    return [
        {"label": f"{o.name} ({_facts(o)})", "value": o.code} for o in organisations.itertuples()
    ]


def trust_choices(
    catalogue: Catalogue, regions: tuple[str, ...], rurality: str, trusts: list[str] | None
) -> tuple[list[dict], list[str]]:
    """The organisations to choose from (the regions' of the rural/urban class) and what stays
    chosen: a region drops chosen organisations outside it, but the rural/urban choice does
    not, so that a clash is said ("… is urban: no site matches Rural", `dashboard.no_site`)
    rather than the organisation vanishing from the selection without a word."""
    in_regions = catalogue.organisations_in(regions, "all")
    if in_regions.empty:
        return [], []
    kept = [t for t in (trusts or []) if t in set(in_regions.get("code", []))]
    shown = catalogue.organisations_in(regions, rurality)
    clashing = in_regions[in_regions["code"].isin(kept) & ~in_regions["code"].isin(shown["code"])]
    return trust_options(shown) + trust_options(clashing), kept


def rurality_note(organisations: pd.DataFrame) -> html.P | None:
    """Beside the rural/urban filter, when some sites have no class: that they are in
    neither Urban nor Rural, only in All sites."""
    if organisations.empty or "rurality" not in organisations:
        return None
    unclassified = int(sum(not isinstance(r, str) for r in organisations["rurality"]))
    if not unclassified:
        return None
    sites = "site has" if unclassified == 1 else "sites have"
    return html.P(
        f"{unclassified} {sites} no rural/urban class. {UNCLASSIFIED_SITES}",
        className="text-muted small mb-0 rurality-note",
    )


def measure_options(catalogue: Catalogue) -> list[dict]:
    """The menu in characteristic order, each agreed measure under its characteristic's heading
    ("4 · Detention · …") with how many sites use it; retired measures last, under their own
    heading, so that their past figures can still be shown.

    The heading is in each measure's label, not an option of its own: Dash 4's menu lists the
    chosen options first, which left headings (never chosen) piled up at the bottom. The one
    heading left, "Retired", also tells "Select all" (which takes every option) from a choice
    (`callbacks.filters.on_select_all`)."""
    options: list[dict] = []
    measures = catalogue.measures
    for char in catalogue.characteristics.itertuples():
        rows = measures[measures["characteristic"] == char.id] if not measures.empty else measures
        heading = f"{char.id} · {char.short_name}"
        options.extend(
            {
                "label": f"{heading} · {m.name} ({m.sites} sites)",
                "value": m.code,
                "search": f"{char.short_name} {m.name}",
            }
            for m in rows.itertuples()
        )
    if not catalogue.retired.empty:
        # Selectable for their history, but never part of the sites' agreed measures.
        options.append(
            {"label": "Retired (history only)", "value": "heading-retired", "disabled": True}
        )
        options.extend(
            {"label": f"{m.name} ({m.sites} sites)", "value": m.code, "search": m.name}
            for m in catalogue.retired.itertuples()
        )
    return options


def period_marks(catalogue: Catalogue) -> dict[int, str]:
    """A mark at the first quarter (or month) of each year; a financial year's own code
    ("2023/24": its first year alone would be read as the calendar year)."""
    codes = catalogue.period_codes
    if catalogue.grain == "financial_year":
        step = max(1, len(codes) // 6)
        return {i: code for i, code in enumerate(codes) if i % step == 0 or i == len(codes) - 1}
    return {i: code[:4] for i, code in enumerate(codes) if i == 0 or code.endswith(("Q1", "-01"))}


def period_value(selection: Selection, catalogue: Catalogue) -> list[int]:
    codes = catalogue.period_codes
    chosen = selection.period_range(catalogue)
    if not chosen:
        return [0, 0]
    return [codes.index(chosen[0]), codes.index(chosen[-1])]


def _field(label: str | html.Div, control, width: int, for_id: str) -> dbc.Col:
    """A labelled filter in the filter card's grid."""
    heading = dbc.Label(label, html_for=for_id) if isinstance(label, str) else label
    return dbc.Col([heading, control], lg=width, className="filter-field")


def filters(selection: Selection, catalogue: Catalogue, menu_value: list[str]) -> dbc.Card:
    last = max(len(catalogue.period_codes) - 1, 0)
    menu_heading = html.Div(
        [
            dbc.Label("Measures", html_for=ids.MEASURE_MENU),
            dbc.Button(
                "Use the sites' agreed measures",
                id=ids.MEASURE_MENU_RESET,
                color="link",
                size="sm",
                className="p-0 ms-2",
            ),
        ],
        className="d-flex align-items-baseline",
    )
    fields = [
        _field(
            "Region",
            dcc.Dropdown(
                id=ids.FILTER_REGION,
                options=region_options(catalogue),
                value=list(selection.regions),
                multi=True,
                placeholder="All regions",
            ),
            3,
            ids.FILTER_REGION,
        ),
        _field(
            "Organisation",
            dcc.Dropdown(
                id=ids.FILTER_TRUST,
                options=trust_choices(
                    catalogue, selection.regions, selection.rurality, list(selection.trusts)
                )[0],
                value=list(selection.trusts),
                multi=True,
                placeholder="All sites in the chosen regions",
            ),
            4,
            ids.FILTER_TRUST,
        ),
        _field(
            "Sites",
            html.Div(
                [
                    dbc.RadioItems(
                        id=ids.FILTER_RURALITY,
                        options=RURALITY_OPTIONS,
                        value=selection.rurality,
                        inline=True,
                    ),
                    rurality_note(catalogue.organisations),
                ]
            ),
            2,
            ids.FILTER_RURALITY,
        ),
        _field(
            "Periods",
            dcc.RangeSlider(
                id=ids.FILTER_PERIOD,
                min=0,
                max=last,
                step=1,
                value=period_value(selection, catalogue),
                marks=period_marks(catalogue),
                allowCross=False,
                allow_direct_input=False,
            ),
            3,
            ids.FILTER_PERIOD,
        ),
        _field(
            "Pool periods",
            dbc.RadioItems(
                id=ids.FILTER_POOLING,
                options=pooling_choices(POOLING_LABELS, catalogue.grain),
                value=selection.pooling,
                inline=True,
            ),
            4,
            ids.FILTER_POOLING,
        ),
        _field(
            menu_heading,
            dcc.Dropdown(
                id=ids.MEASURE_MENU,
                options=measure_options(catalogue),
                value=menu_value,
                multi=True,
                closeOnSelect=False,
                placeholder="Choose measures from the menu",
                labels={"select_all": "Select all agreed", "deselect_all": "Deselect all"},
                maxHeight=420,
            ),
            8,
            ids.MEASURE_MENU,
        ),
    ]
    return dbc.Card(dbc.CardBody(dbc.Row(fields, className="g-3")), className="filters mb-3")


def panel_card(number: int, short_name: str, title: str, query: str = "") -> dbc.Col:
    return dbc.Col(
        dbc.Card(
            [
                dbc.CardHeader(
                    [
                        html.Div(
                            [
                                html.H2(
                                    [html.Span(str(number), className="char-number"), short_name],
                                    className="panel-title",
                                ),
                                dcc.Link(
                                    "Details",
                                    id={"type": ids.DETAIL_LINK, "index": number},
                                    href=f"/characteristic/{number}{query}",
                                    className="detail-link",
                                    title=f"Every measure of characteristic {number} in detail",
                                ),
                            ],
                            className="panel-heading",
                        ),
                        html.P(title, className="panel-subtitle"),
                    ]
                ),
                dbc.CardBody(
                    dcc.Loading(Html(id=ids.panel_body(number)), type="dot", delay_show=300)
                ),
            ],
            id=ids.panel(number),
            className="panel h-100",
        ),
        xs=12,
        lg=6,
        xxl=4,
        className="mb-3",
    )


def layout(selection: Selection, catalogue: Catalogue, menu_value: list[str]) -> html.Div:
    """The overview for a (validated) selection."""
    chars = catalogue.characteristics
    names = (
        {int(c.id): (c.short_name, c.title) for c in chars.itertuples()} if not chars.empty else {}
    )
    cards = [
        panel_card(n, *names.get(n, (f"Characteristic {n}", "")), query=selection.to_query())
        for n in ids.CHARACTERISTIC_NUMBERS
    ]
    return html.Div(
        [
            filters(selection, catalogue, menu_value),
            html.P(
                id=ids.OVERVIEW_SUMMARY, className="overview-summary", **{"aria-live": "polite"}
            ),
            dbc.Row(cards, className="panels"),
            dcc.Store(id=ids.PANEL_KEYS, data={}),
        ]
    )
