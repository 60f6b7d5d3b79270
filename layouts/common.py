"""Pieces every page's charts share: the caption (units, source, period) and the
"view as table" alternative, so that no figure is only a picture."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

GRAPH_CONFIG = {"displayModeBar": False, "responsive": True}


def chart_caption(unit: str, source: str, period: str, extra: str | None = None) -> str:
    """'Units: per 100,000 · Source: … · Period: … · extra'."""
    parts = [f"Units: {unit}", f"Source: {source}", f"Period: {period}"]
    if extra:
        parts.append(extra)
    return " · ".join(parts)


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        return f"{value:,.0f}" if value.is_integer() and abs(value) >= 100 else f"{value:,.3g}"
    return str(value)


def data_table(frame: pd.DataFrame, columns: Mapping[str, str] | None = None) -> html.Table:
    """A plain, accessible HTML table of `frame` (columns renamed by `columns`, in its order)."""
    if columns:
        frame = frame[[c for c in columns if c in frame.columns]].rename(columns=dict(columns))
    head = html.Thead(html.Tr([html.Th(str(c), scope="col") for c in frame.columns]))
    body = html.Tbody(
        [html.Tr([html.Td(_cell(v)) for v in row]) for row in frame.itertuples(index=False)]
    )
    return html.Table([head, body], className="table table-sm table-striped data-table")


def chart_block(
    figure: go.Figure | dict,
    table: pd.DataFrame,
    caption: str,
    columns: Mapping[str, str] | None = None,
    graph_id: str | dict | None = None,
    class_name: str = "",
) -> html.Figure:
    """A chart, its caption, and the same figures as a table behind "View as table"."""
    graph_kwargs = {"id": graph_id} if graph_id is not None else {}
    return html.Figure(
        [
            dcc.Graph(figure=figure, config=GRAPH_CONFIG, **graph_kwargs),
            html.Figcaption(caption, className="caption"),
            html.Details(
                [html.Summary("View as table"), data_table(table, columns)],
                className="table-alternative",
            ),
        ],
        className=f"chart-block {class_name}".strip(),
    )
