"""The Briefing page: choose a month, read the cascade briefing, download it as PDF or HTML.

The preview is built from the same `Briefing` as the downloads, with the same small charts
(the HTML's SVG, shown as images), so what the page shows is what is sent round.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.briefing.model import Briefing, Change, CharacteristicLine
from dashboard.briefing.months import default_month, month_label, months_with_data, parse_month
from dashboard.selection import Catalogue, Selection, page_param, with_param
from layouts.briefing import ids
from layouts.briefing.render import (
    ACTION_HEADINGS,
    SIGNIFICANCE_HEADINGS,
    action_rows,
    change_sections,
    ratio_trend_svg,
    significance_rows,
    svg_data_uri,
)
from layouts.shell.layout import message

VERDICT_TONES = ("worse", "better", "similar", "small", "different", "trend", "none")


def chosen_month(selection: Selection, catalogue: Catalogue, search: str | None) -> str | None:
    """The month the page opens on: the URL's `month` when it has figures, else the month in
    which the selection's last quarter ended."""
    months = months_with_data(catalogue)
    wanted = page_param(search, "month")
    if wanted in months:
        return wanted
    fallback = default_month(selection, catalogue)
    return fallback if fallback in months else (months[0] if months else None)


def layout(selection: Selection, catalogue: Catalogue, search: str = "") -> html.Div:
    """The month, the download links and the preview (drawn by `update_preview`)."""
    month = chosen_month(selection, catalogue, search)
    options = [
        {"label": month_label(parse_month(m)), "value": m} for m in months_with_data(catalogue)
    ]
    return html.Div(
        [
            html.H1("Cascade briefing", className="h3"),
            html.P(
                "A monthly written update on the current selection, to cascade to staff: the "
                "twelve characteristics, what changed since last month's briefing, and the "
                "actions of the sites' plans overdue at the month's end. Each month shows the "
                "latest quarter that had ended by the end of that month.",
                className="lead-text",
            ),
            dbc.Card(
                dbc.CardBody(
                    dbc.Row(
                        [
                            dbc.Col(
                                [
                                    dbc.Label("Month", html_for=ids.BRIEFING_MONTH),
                                    dcc.Dropdown(
                                        id=ids.BRIEFING_MONTH,
                                        options=options,
                                        value=month,
                                        clearable=False,
                                        searchable=True,
                                    ),
                                ],
                                md=4,
                                lg=3,
                            ),
                            dbc.Col(
                                html.Div(
                                    download_links(month, selection.to_query()),
                                    id=ids.BRIEFING_DOWNLOADS,
                                    className="briefing-downloads",
                                ),
                                md=8,
                                lg=9,
                            ),
                        ],
                        className="g-3 align-items-end",
                    )
                ),
                className="filters mb-3",
            ),
            dcc.Loading(
                html.Div(id=ids.BRIEFING_PREVIEW, className="briefing-preview"),
                type="dot",
                delay_show=300,
            ),
        ],
        className="briefing-page",
    )


def download_href(kind: str, month: str, query: str) -> str:
    """'/briefing/download.pdf?region=LDN&month=2010-03': the selection and the month."""
    return f"/briefing/download.{kind}{with_param(query, 'month', month)}"


def download_links(month: str | None, query: str) -> list:
    """ "Download PDF" and "Download HTML", for `month` and the selection's query string."""
    if not month:
        return [html.P("No figures yet: nothing to brief on.", className="briefing-none")]
    return [
        html.A(
            "Download PDF",
            href=download_href("pdf", month, query),
            id=ids.BRIEFING_PDF,
            className="btn btn-primary",
        ),
        html.A(
            "Download HTML",
            href=download_href("html", month, query),
            id=ids.BRIEFING_HTML,
            className="btn btn-outline-primary",
        ),
    ]


def _characteristic(line: CharacteristicLine) -> html.Li:
    svg = ratio_trend_svg(line)
    tone = line.tone if line.tone in VERDICT_TONES else "none"
    title = [
        html.Span(str(line.number), className="char-number"),
        html.Span(line.short_name, className="briefing-char-name"),
        html.Span(line.verdict, className=f"briefing-verdict briefing-verdict-{tone}"),
    ]
    if line.new_signal:
        title.append(html.Span("New signal", className="briefing-new"))
    chart = (
        html.Figure(
            [
                html.Img(src=svg_data_uri(svg), alt=f"Trend: {line.chart_label}"),
                html.Figcaption(line.chart_label),
            ],
            className="briefing-chart",
        )
        if svg
        else None
    )
    return html.Li(
        [html.Div([html.H4(title), html.P(line.sentence)], className="briefing-char-text"), chart],
        className="briefing-char",
        **{"data-characteristic": str(line.number)},
    )


def _changes(changes: list[Change], none: str) -> html.Ul | html.P:
    if not changes:
        return html.P(none, className="briefing-none")
    return html.Ul([html.Li(c.text, className=f"briefing-{c.tone}") for c in changes])


def _table(
    headings: tuple[str, ...], rows: list[tuple], tones: list[str] | None = None, kind: str = ""
):
    def cells(i: int, row: tuple) -> list[html.Td]:
        out = [html.Td(str(v)) for v in row]
        if tones:
            out[-1] = html.Td(str(row[-1]), className=f"briefing-{tones[i]}")
        return out

    return html.Div(
        html.Table(
            [
                html.Thead(html.Tr([html.Th(h) for h in headings])),
                html.Tbody([html.Tr(cells(i, r)) for i, r in enumerate(rows)]),
            ],
            className=f"table table-sm briefing-table {kind}".strip(),
        ),
        className="table-responsive",
    )


def preview(briefing: Briefing) -> html.Article:
    """The briefing as the page shows it: headline, twelve characteristics, what changed,
    overdue actions."""
    b = briefing
    rows = significance_rows(b)
    significance = (
        _table(
            (*SIGNIFICANCE_HEADINGS, b.previous_label, b.period_label),
            [r[:4] for r in rows],
            [r[4] for r in rows],
        )
        if rows
        else html.P("No site's significance against England changed.", className="briefing-none")
    )
    actions = action_rows(b)
    changed: list = []
    for heading, lines, none in change_sections(b):
        changed += [html.H4(heading), _changes(lines, none)]
    changed += [html.H4("Sites whose significance against England changed"), significance]
    if b.nothing_to_compare:
        changed = [html.P(b.nothing_to_compare, className="briefing-none")]
    return html.Article(
        [
            html.Header(
                [
                    html.H2(f"{b.month_label}: figures of {b.period_label}"),
                    html.P(b.context, className="briefing-context"),
                ]
            ),
            html.P(b.headline, className="briefing-headline", **{"aria-live": "polite"}),
            message(b.notice, "warning") if b.notice else None,
            html.H3("The twelve characteristics"),
            html.Ol([_characteristic(c) for c in b.characteristics], className="briefing-chars"),
            html.H3("What changed since last month"),
            *changed,
            html.H3("Overdue actions"),
            html.P(b.overdue_words, className="briefing-none" if not actions else None),
            _table(ACTION_HEADINGS, actions, kind="briefing-actions") if actions else None,
        ],
        className="briefing-sheet",
        **{"aria-label": f"Briefing of {b.month_label}"},
    )
