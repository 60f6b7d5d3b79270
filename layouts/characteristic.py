"""Characteristic detail page (stub: being built)."""

from __future__ import annotations

from dash import html

from dashboard.selection import Catalogue, Selection


def layout(
    selection: Selection, catalogue: Catalogue, search: str = "", number: str | None = None
) -> html.Div:
    """The page for a (validated) selection; `search` carries the page's own parameters."""
    return html.Div(html.H1("Characteristic detail", className="h3"))
