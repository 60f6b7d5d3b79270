"""Scaffold: being built (issue 5)."""

from __future__ import annotations

from dash import html

from dashboard.selection import Catalogue, Selection


def layout(selection: Selection, catalogue: Catalogue, search: str = "") -> html.Div:
    return html.Div(html.H1("data_returns", className="h3"))
