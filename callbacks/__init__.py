"""Thin handlers: read inputs, call dashboard and data_access, return components."""

from __future__ import annotations

from dash import Dash

from callbacks import filters, overview, routing


def register(app: Dash) -> None:
    """Attach every callback to this app (an app factory cannot use @dash.callback)."""
    routing.register(app)
    filters.register(app)
    overview.register(app)
