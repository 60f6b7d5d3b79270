"""The frame of the data pages: returns, the menu of measures, action plans, and the regions
and organisations (administrators only: the page tells anyone else it is not for them)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

#: (label, path) of each data page, in the order the work happens.
DATA_PAGES = (
    ("Quarterly returns", "/data/returns"),
    ("Menu of measures", "/data/measures"),
    ("Action plans", "/data/actions"),
    ("Organisations", "/data/organisations"),
)


def data_page(path: str, title: str, intro: str, body: list) -> html.Div:
    """A data page: tabs between them, the title, one line of what it is for, the body."""
    tabs = dbc.Nav(
        [
            dbc.NavItem(dbc.NavLink(label, href=href, active=href == path))
            for label, href in DATA_PAGES
        ],
        pills=True,
        className="data-tabs mb-3",
    )
    return html.Div(
        [tabs, html.H1(title, className="h3"), html.P(intro, className="text-muted"), *body],
        className="data-page",
    )
