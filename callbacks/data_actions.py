"""Scaffold: being built (issue 5)."""

from __future__ import annotations

from dash import Dash


def register(app: Dash) -> None:
    pass
