"""The priorities page: the concentration curve of BME inpatients (or detentions) across
organisations, the smallest set holding a chosen share, and a link that focuses on it."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.priorities import BASES, Concentration, in_words, parse_share
from dashboard.selection import Catalogue, Selection, page_param
from dashboard.vocabulary import left_out
from layouts.charts import base_layout
from layouts.common import chart_block, chart_caption
from layouts.priorities import ids
from layouts.shell.layout import message

IN_SET, OUTSIDE = "#0072B2", "#8C8C8C"
TABLE_COLUMNS = {
    "rank": "Rank",
    "name": "Organisation",
    "count": "Count",
    "share": "Share (%)",
    "cumulative": "Cumulative share (%)",
    "priority": "In the set",
}


def layout(selection: Selection, catalogue: Catalogue, search: str = "") -> html.Div:
    """Controls for the share and what is counted; the content is drawn by a callback."""
    basis = page_param(search, "basis")
    share = parse_share(page_param(search, "share"))
    return html.Div(
        [
            html.H1("Priorities: where BME service users are concentrated", className="h3"),
            html.P(
                "Organisations ranked by their count of BME service users, largest first. The "
                "smallest set that holds the chosen share is where effort reaches most people.",
                className="lead-text",
            ),
            dbc.Card(
                dbc.CardBody(
                    dbc.Row(
                        [
                            dbc.Col(
                                [
                                    dbc.Label("Count", html_for=ids.PRIORITIES_BASIS),
                                    dbc.RadioItems(
                                        id=ids.PRIORITIES_BASIS,
                                        options=[
                                            {
                                                "label": "BME inpatients (census day)",
                                                "value": "inpatients",
                                            },
                                            {
                                                "label": "BME detentions (year)",
                                                "value": "detentions",
                                            },
                                        ],
                                        value=basis if basis in BASES else "inpatients",
                                        inline=True,
                                    ),
                                ],
                                lg=5,
                            ),
                            dbc.Col(
                                [
                                    dbc.Label("Share to hold", html_for=ids.PRIORITIES_SHARE),
                                    dcc.Slider(
                                        id=ids.PRIORITIES_SHARE,
                                        min=10,
                                        max=100,
                                        step=5,
                                        value=share,
                                        marks={v: f"{v}%" for v in range(10, 101, 10)},
                                        allow_direct_input=False,
                                    ),
                                ],
                                lg=7,
                            ),
                        ],
                        className="g-3",
                    )
                ),
                className="filters mb-3",
            ),
            dcc.Loading(html.Div(id=ids.PRIORITIES_CONTENT), type="dot", delay_show=300),
        ],
        className="priorities-page",
    )


def concentration_figure(result: Concentration, what: str) -> go.Figure:
    """The cumulative share against the organisations' rank, the set holding the share in
    blue (markers filled) and the rest grey (open), with the chosen share marked."""
    ranked = result.ranked
    rank = ranked.index + 1
    fig = go.Figure()
    for in_set, colour, symbol, label in (
        (True, IN_SET, "circle", f"The {result.in_set} organisations holding {result.share}%"),
        (False, OUTSIDE, "circle-open", "The other organisations"),
    ):
        rows = ranked[ranked["in_set"] == in_set]
        if rows.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=rank[ranked["in_set"] == in_set],
                y=rows["cumulative"],
                mode="markers+lines",
                name=label,
                line={"color": colour, "width": 2},
                marker={"color": colour, "symbol": symbol, "size": 8},
                customdata=list(zip(rows["name"], rows["count"], strict=True)),
                hovertemplate="%{customdata[0]}<br>" + what + ": %{customdata[1]:,}"
                "<br>cumulative %{y:.1f}%<extra></extra>",
            )
        )
    fig.add_hline(
        y=result.share,
        line={"color": "#222", "dash": "dash", "width": 1.2},
        annotation_text=f"{result.share}%",
        annotation_position="bottom right",
    )
    if result.in_set:
        fig.add_vline(x=result.in_set, line={"color": IN_SET, "dash": "dot", "width": 1.2})
    fig.update_xaxes(
        title_text="Organisations, ranked by count (largest first)",
        range=[0.5, len(ranked) + 0.5],
        tickformat=",d",
    )
    fig.update_yaxes(title_text="Cumulative share (%)", range=[0, 102])
    return base_layout(fig, f"Concentration of {what}", 440)


def _these(count: int) -> str:
    return "this organisation" if count == 1 else f"these {count} organisations"


def content(
    result: Concentration | None, what: str, source: str, period: str, focus_href: str
) -> list:
    """The sentence, the link that focuses the dashboard, the curve and its table."""
    if result is None:
        return [
            message(
                f"No {what} are recorded for the selected organisations and period: widen the "
                "region or rurality choice, or choose another period on the overview."
            )
        ]
    table = result.ranked.assign(
        rank=result.ranked.index + 1,
        share=result.ranked["share"].round(1),
        cumulative=result.ranked["cumulative"].round(1),
        priority=result.ranked["in_set"].map({True: "yes", False: ""}),
    )
    return [
        html.P(in_words(result, what), className="priorities-headline", **{"aria-live": "polite"}),
        dcc.Link(
            f"Show {_these(result.in_set)} on the overview",
            href=focus_href,
            id=ids.PRIORITIES_APPLY,
            className="btn btn-primary mb-3",
        ),
        chart_block(
            concentration_figure(result, what),
            table,
            chart_caption(
                "count of people",
                source,
                period,
                f"{result.organisations} organisations"
                + (f" · {left_out(result.withheld, 'organisation')}" if result.withheld else ""),
            ),
            columns=TABLE_COLUMNS,
        ),
    ]
