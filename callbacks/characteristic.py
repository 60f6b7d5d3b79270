"""Callbacks of the Characteristic detail page: picking a measure redraws its detail."""

from __future__ import annotations

from dash import Dash, Input, Output, State, no_update

from dashboard.characteristic import characteristic_data, detail_for, page_context
from dashboard.loaders import load_catalogue
from dashboard.selection import Selection, grain_of, with_param
from layouts.characteristic import ids
from layouts.characteristic.layout import detail_section
from layouts.shell.ids import URL


def update_detail(code: str | None, search: str | None, shown: str | None = None):
    """Measure picked → its detail charts, and `?measure=` in the URL for a copied link.

    Dash also calls this when the page is inserted (the URL is not inserted with it); the
    measure on screen is then the one picked, and nothing changes.
    """
    catalogue = load_catalogue(grain_of(search))
    menu = catalogue.measures
    row = menu[menu["code"] == code] if code and not menu.empty else menu.iloc[0:0]
    if row.empty or code == shown:
        return no_update, no_update, no_update
    selection = Selection.from_query(search).validated(catalogue)
    data = characteristic_data(selection, catalogue, int(row["characteristic"].iloc[0]))
    summary, detail = detail_for(selection, catalogue, data, code)
    content = detail_section(summary, detail, page_context(selection, catalogue, data))
    return content, code, with_param(selection.to_query(), "measure", code)


def register(app: Dash) -> None:
    app.callback(
        Output(ids.CHARACTERISTIC_CONTENT, "children"),
        Output(ids.CHARACTERISTIC_SHOWN, "data"),
        Output(URL, "search", allow_duplicate=True),
        Input(ids.CHARACTERISTIC_MEASURE, "value"),
        State(URL, "search"),
        State(ids.CHARACTERISTIC_SHOWN, "data"),
        prevent_initial_call=True,
    )(update_detail)
