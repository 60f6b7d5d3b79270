"""The frame around every page: the URL, a navigation bar, the page's content."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import ids


def shell() -> html.Div:
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dbc.Navbar(
                dbc.Container(
                    [
                        dbc.NavbarBrand(
                            [
                                html.Strong("DRE Dashboard"),
                                html.Span(
                                    " · Delivering Race Equality in Mental Health Care",
                                    className="brand-sub d-none d-md-inline",
                                ),
                            ],
                            href="/",
                        ),
                    ],
                    fluid=True,
                ),
                color="dark",
                dark=True,
                className="mb-3",
            ),
            dbc.Container(html.Main(id=ids.PAGE), fluid=True, className="pb-4"),
        ]
    )


def not_found(pathname: str) -> html.Div:
    return html.Div(
        [
            html.H1("Page not found", className="h3"),
            html.P(f"There is no page at {pathname}."),
            dcc.Link("Go to the overview", href="/"),
        ],
        className="py-5",
    )
