"""Thin handlers: read inputs, call dashboard and data_access, return components."""

from __future__ import annotations

from dash import Dash

from callbacks import characteristic, compare, filters, overview, present, priorities, routing, site


def register(app: Dash) -> None:
    """Attach every callback to this app (an app factory cannot use @dash.callback)."""
    for module in (routing, filters, overview, characteristic, compare, site, present, priorities):
        module.register(app)
