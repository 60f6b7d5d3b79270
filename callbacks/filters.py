"""The filters narrow each other: regions narrow the trusts, the sites set the default menu."""

from __future__ import annotations

from dash import Dash, Input, Output, State, no_update

from dashboard.loaders import load_catalogue
from dashboard.overview.data import default_measures
from dashboard.selection import Selection
from layouts.overview import ids
from layouts.overview.layout import trust_choices


def update_trust_options(
    regions: list[str] | None, rurality: str | None, trusts: list[str] | None
) -> tuple[list[dict], list[str]]:
    """Region or rurality change → the organisations to choose from; chosen ones outside the
    regions dropped, those of the other rural/urban class kept (`trust_choices`)."""
    catalogue = load_catalogue()
    selection = Selection(regions=tuple(regions or ()), rurality=rurality or "all")
    regions = selection.validated(catalogue).regions
    return trust_choices(catalogue, regions, selection.rurality, trusts)


def update_measure_menu(
    regions: list[str] | None, trusts: list[str] | None, rurality: str | None, _reset: int | None
) -> list[str]:
    """Site selection change (or the reset link) → the measures those sites agreed."""
    catalogue = load_catalogue()
    selection = Selection(
        regions=tuple(regions or ()), trusts=tuple(trusts or ()), rurality=rurality or "all"
    ).validated(catalogue)
    return default_measures(selection, catalogue)


def on_select_all(chosen: list[str] | None) -> list[str]:
    """ "Select all" (which takes every option, the disabled "Retired" heading too) → the agreed
    measures only, so that the menu, the chip and the summary count the same."""
    if not any(str(code).startswith("heading-") for code in chosen or ()):
        return no_update
    return list(load_catalogue().measures.get("code", []))


def register(app: Dash) -> None:
    app.callback(
        Output(ids.FILTER_TRUST, "options"),
        Output(ids.FILTER_TRUST, "value"),
        Input(ids.FILTER_REGION, "value"),
        Input(ids.FILTER_RURALITY, "value"),
        State(ids.FILTER_TRUST, "value"),
        prevent_initial_call=True,
    )(update_trust_options)
    app.callback(
        Output(ids.MEASURE_MENU, "value"),
        Input(ids.FILTER_REGION, "value"),
        Input(ids.FILTER_TRUST, "value"),
        Input(ids.FILTER_RURALITY, "value"),
        Input(ids.MEASURE_MENU_RESET, "n_clicks"),
        prevent_initial_call=True,
    )(update_measure_menu)
    app.callback(
        Output(ids.MEASURE_MENU, "value", allow_duplicate=True),
        Input(ids.MEASURE_MENU, "value"),
        prevent_initial_call=True,
    )(on_select_all)
