"""Pieces every page's charts share: the caption (units, source, period) and the
"view as table" alternative, so that no figure is only a picture."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from html import escape

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html
from dash.development.base_component import Component
from plotly.io.json import to_json_plotly

from dashboard.vocabulary import status_words
from layouts.html_block import Html

#: Detail charts offer one tool on hover: Plotly's own "Download plot as a PNG" (twice the
#: screen's resolution, for slides and papers).
GRAPH_CONFIG = {
    "displayModeBar": "hover",
    "modeBarButtons": [["toImage"]],
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "responsive": True,
}


def chart_caption(unit: str, source: str, period: str, extra: str | None = None) -> str:
    """'Units: per 100,000 · Source: … · Period: … · extra'."""
    parts = [f"Units: {unit}", f"Source: {source}", f"Period: {period}"]
    if extra:
        parts.append(extra)
    return " · ".join(parts)


def _cell(value) -> str:
    """A table cell in words: '–' for missing, thousands separators, three significant
    figures for small values; whitespace (a newline too) collapsed to single spaces."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        return f"{value:,.0f}" if value.is_integer() and abs(value) >= 100 else f"{value:,.3g}"
    if isinstance(value, int):
        return f"{value:,}"
    return " ".join(str(value).split())


#: The longest cell (in characters) of a column that a table keeps on one line.
SHORT_CELL = 16


def data_table(frame: pd.DataFrame, columns: Mapping[str, str] | None = None) -> Html:
    """`frame` as a table (columns renamed by `columns`, in its order).

    Written as HTML in one component (`layouts.html_block`), every cell escaped: a page with
    twenty charts would otherwise carry thousands of cell components, which Dash 4's renderer
    takes tens of seconds to mount. (It was Markdown, which made the browser fetch and run a
    Markdown reader and a code highlighter before the characteristic page was drawn.)
    """
    if columns:
        frame = frame[[c for c in columns if c in frame.columns]].rename(columns=dict(columns))
    head = "".join(f'<th scope="col">{escape(str(c), quote=False)}</th>' for c in frame.columns)
    rows = [[_cell(value) for value in row] for row in frame.itertuples(index=False)]
    # A column of short cells (periods, figures, intervals) is kept on one line: in a half-
    # width card at 1366 px a quarter ("Apr-Jun 2010") was drawn on three; names wrap.
    tags = [
        '<td class="nowrap">' if all(len(row[i]) <= SHORT_CELL for row in rows) else "<td>"
        for i in range(len(frame.columns))
    ]
    body = "".join(
        "<tr>"
        + "".join(
            f"{tag}{escape(text, quote=False)}</td>" for tag, text in zip(tags, row, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return Html(html=table, className="data-table")


def say_withheld(
    frame: pd.DataFrame,
    words: tuple[str, ...] = ("value",),
    blank: tuple[str, ...] = ("lower", "upper", "numerator", "denominator", "small"),
) -> pd.DataFrame:
    """`frame` for a table: on rows whose `status` says why the value is absent (withheld), the
    reason in the `words` columns and nothing in the `blank` ones (its interval and counts),
    never a number. "Download CSV" writes the file from this table, so the file says it too."""
    if "status" not in frame or frame.empty:
        return frame
    absent = frame["status"].notna() & frame["status"].astype(str).ne("")
    if not absent.any():
        return frame
    out = frame.astype({c: object for c in (*words, *blank) if c in frame})
    for column in words:
        if column in out:
            out.loc[absent, column] = [status_words(s) for s in frame.loc[absent, "status"]]
    for column in blank:
        if column in out:
            out.loc[absent, column] = ""
    return out


def json_form(tree):
    """Components (or a list of them) as the JSON the browser is sent: plain lists and dicts,
    what a cache keeps of a built page, which the JSON encoder writes at C speed on every
    request instead of each component turning itself into JSON (10,000 on the overview)."""
    return json.loads(to_json_plotly(tree))


def chart_block(
    figure: go.Figure | dict,
    table: pd.DataFrame,
    caption: str,
    columns: Mapping[str, str] | None = None,
    graph_id: str | dict | None = None,
    class_name: str = "",
    chart: Component | None = None,
) -> html.Figure:
    """A chart, its caption, and the same figures as a table behind "View as table"
    (`chart`: what stands for the graph, where one is drawn later in its place)."""
    graph_kwargs = {"id": graph_id} if graph_id is not None else {}
    return html.Figure(
        [
            chart
            if chart is not None
            else dcc.Graph(figure=figure, config=GRAPH_CONFIG, **graph_kwargs),
            html.Figcaption(caption, className="caption"),
            html.Details(
                [
                    html.Summary("View as table"),
                    data_table(table, columns),
                    csv_button(caption),
                ],
                className="table-alternative",
            ),
        ],
        className=f"chart-block {class_name}".strip(),
    )


def image_block(
    src: str,
    alt: str,
    table: pd.DataFrame,
    caption: str,
    columns: Mapping[str, str] | None = None,
    class_name: str = "",
) -> html.Figure:
    """A chart drawn on the server as an image (`src`, a data URI) with its text alternative,
    its caption, and the same figures as a table behind "View as table"."""
    return html.Figure(
        [
            html.Img(src=src, alt=alt, title=alt, className="chart-img"),
            html.Figcaption(caption, className="caption"),
            html.Details(
                [
                    html.Summary("View as table"),
                    data_table(table, columns),
                    csv_button(caption),
                ],
                className="table-alternative",
            ),
        ],
        className=f"chart-block {class_name}".strip(),
    )


def csv_button(title: str) -> html.Button:
    """A "Download CSV" button for the table beside it. The browser writes the file from the
    table on screen (assets/table-csv.js): no second copy of the figures is sent, and what
    downloads is exactly what the reader may see."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()[:60] or "table"
    return html.Button(
        "Download CSV",
        className="table-csv-download btn btn-link btn-sm",
        **{"data-filename": f"dre-{name}.csv"},
    )


def field(label: str, control, for_id: str, **width) -> dbc.Col:
    """A form control with its label above it, in a column of the given width."""
    return dbc.Col([dbc.Label(label, html_for=for_id), control], **width)
