"""Thin handlers: read inputs, call dashboard and data_access, return components."""

from __future__ import annotations

from dash import Dash

from callbacks import (
    briefing,
    characteristic,
    compare,
    data_actions,
    data_measures,
    data_returns,
    filters,
    overview,
    present,
    priorities,
    routing,
    site,
)


def register(app: Dash) -> None:
    """Attach every callback to this app (an app factory cannot use @dash.callback)."""
    for module in (
        routing,
        filters,
        overview,
        characteristic,
        compare,
        site,
        present,
        priorities,
        briefing,
        data_returns,
        data_measures,
        data_actions,
    ):
        module.register(app)
