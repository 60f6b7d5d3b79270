"""Compare sites page (stub: being built)."""

from __future__ import annotations

from dash import html

from dashboard.selection import Catalogue, Selection


def layout(selection: Selection, catalogue: Catalogue, search: str = "") -> html.Div:
    """The page for a (validated) selection; `search` carries the page's own parameters."""
    return html.Div(html.H1("Compare sites", className="h3"))
