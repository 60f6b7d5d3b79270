"""The overview page: filters, the measures menu and twelve panels, one per characteristic."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import ids
from dashboard.selection import Catalogue, Selection

RURALITY_OPTIONS = [
    {"label": "All sites", "value": "all"},
    {"label": "Urban", "value": "urban"},
    {"label": "Rural", "value": "rural"},
]
POOLING_OPTIONS = [
    {"label": "Each quarter", "value": "quarter"},
    {"label": "Rolling year", "value": "year"},
    {"label": "Rolling 3 years", "value": "3years"},
]
KIND_LABELS = {"mental_health_trust": "trust", "primary_care_trust": "PCT", "prison": "prison"}


def region_options(catalogue: Catalogue) -> list[dict]:
    return [{"label": r.name, "value": r.code} for r in catalogue.regions.itertuples()]


def trust_options(organisations: pd.DataFrame) -> list[dict]:
    """One option per organisation, its kind and rurality in the label."""
    return [
        {"label": f"{o.name} ({KIND_LABELS.get(o.kind, o.kind)}, {o.rurality})", "value": o.code}
        for o in organisations.itertuples()
    ]


def measure_options(catalogue: Catalogue) -> list[dict]:
    """The menu, grouped by characteristic: a disabled heading, then that characteristic's
    measures with how many sites use each."""
    options: list[dict] = []
    measures = catalogue.measures
    for char in catalogue.characteristics.itertuples():
        rows = measures[measures["characteristic"] == char.id] if not measures.empty else measures
        if rows.empty:
            continue
        options.append(
            {
                "label": f"{char.id} · {char.short_name}",
                "value": f"heading-{char.id}",
                "disabled": True,
            }
        )
        options.extend(
            {"label": f"    {m.name} ({m.sites} sites)", "value": m.code, "search": m.name}
            for m in rows.itertuples()
        )
    return options


def period_marks(catalogue: Catalogue) -> dict[int, str]:
    """A mark at the first quarter of each year."""
    return {
        i: code[:4]
        for i, code in enumerate(catalogue.period_codes)
        if i == 0 or code.endswith("Q1")
    }


def period_value(selection: Selection, catalogue: Catalogue) -> list[int]:
    codes = catalogue.period_codes
    chosen = selection.period_range(catalogue)
    if not chosen:
        return [0, 0]
    return [codes.index(chosen[0]), codes.index(chosen[-1])]


def filters(selection: Selection, catalogue: Catalogue, menu_value: list[str]) -> dbc.Card:
    orgs = catalogue.organisations_in(selection.regions, selection.rurality)
    last = max(len(catalogue.period_codes) - 1, 0)
    field = "filter-field"
    return dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label("Region", html_for=ids.FILTER_REGION),
                            dcc.Dropdown(
                                id=ids.FILTER_REGION,
                                options=region_options(catalogue),
                                value=list(selection.regions),
                                multi=True,
                                placeholder="All regions",
                            ),
                        ],
                        lg=3,
                        className=field,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Trust, PCT or prison", html_for=ids.FILTER_TRUST),
                            dcc.Dropdown(
                                id=ids.FILTER_TRUST,
                                options=trust_options(orgs),
                                value=list(selection.trusts),
                                multi=True,
                                placeholder="All sites in the chosen regions",
                            ),
                        ],
                        lg=4,
                        className=field,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Sites", html_for=ids.FILTER_RURALITY),
                            dbc.RadioItems(
                                id=ids.FILTER_RURALITY,
                                options=RURALITY_OPTIONS,
                                value=selection.rurality,
                                inline=True,
                            ),
                        ],
                        lg=2,
                        className=field,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Periods", html_for=ids.FILTER_PERIOD),
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
                        ],
                        lg=3,
                        className=field,
                    ),
                    dbc.Col(
                        [
                            dbc.Label("Pool periods", html_for=ids.FILTER_POOLING),
                            dbc.RadioItems(
                                id=ids.FILTER_POOLING,
                                options=POOLING_OPTIONS,
                                value=selection.pooling,
                                inline=True,
                            ),
                        ],
                        lg=4,
                        className=field,
                    ),
                    dbc.Col(
                        [
                            html.Div(
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
                            ),
                            dcc.Dropdown(
                                id=ids.MEASURE_MENU,
                                options=measure_options(catalogue),
                                value=menu_value,
                                multi=True,
                                closeOnSelect=False,
                                placeholder="Choose measures from the menu",
                                maxHeight=420,
                                search_order="original",
                            ),
                        ],
                        lg=8,
                        className=field,
                    ),
                ],
                className="g-3",
            )
        ),
        className="filters mb-3",
    )


def panel_card(number: int, short_name: str, title: str) -> dbc.Col:
    return dbc.Col(
        dbc.Card(
            [
                dbc.CardHeader(
                    [
                        html.H2(
                            [html.Span(str(number), className="char-number"), short_name],
                            className="panel-title",
                        ),
                        html.P(title, className="panel-subtitle"),
                    ]
                ),
                dbc.CardBody(
                    dcc.Loading(html.Div(id=ids.panel_body(number)), type="dot", delay_show=300)
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
        panel_card(n, *names.get(n, (f"Characteristic {n}", "")))
        for n in ids.CHARACTERISTIC_NUMBERS
    ]
    return html.Div(
        [
            filters(selection, catalogue, menu_value),
            html.P(
                id=ids.OVERVIEW_SUMMARY, className="overview-summary", **{"aria-live": "polite"}
            ),
            dbc.Row(cards, className="panels"),
        ]
    )
