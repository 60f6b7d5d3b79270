"""Callbacks of the priorities page: the share and the count chosen redraw the curve."""

from __future__ import annotations

from dataclasses import replace

from dash import Dash, Input, Output, State

from dashboard.loaders import load_catalogue
from dashboard.priorities import BASES, DEFAULT_SHARE, parse_share, priorities_data
from dashboard.selection import Selection, grain_of, with_param
from layouts.priorities import ids
from layouts.priorities.layout import content
from layouts.shell.ids import URL


def _choices(basis: object, share: object) -> tuple[str, int]:
    """The inputs as the page knows them; anything else (a crafted request) gets the default."""
    basis = basis if isinstance(basis, str) and basis in BASES else "inpatients"
    whole = isinstance(share, int | float) and share == share and float(share).is_integer()
    return basis, parse_share(str(int(share)) if whole else None)


def update_priorities(basis: str | None, share: int | None, search: str | None) -> list:
    """Count or share change → the sentence, the focus link and the concentration curve."""
    catalogue = load_catalogue(grain_of(search))
    selection = Selection.from_query(search).validated(catalogue)
    basis, share = _choices(basis, share)
    code, what, _ = BASES[basis]
    result, period = priorities_data(selection, catalogue, basis, share)
    measures = catalogue.measures
    row = measures[measures["code"] == code] if not measures.empty else measures
    source = row["source"].iloc[0] if not row.empty else ""
    focus = replace(selection, trusts=tuple(result.set_codes) if result else ())
    return content(result, what, source, period, "/" + focus.to_query())


def update_priorities_url(basis: str | None, share: int | None, search: str | None) -> str:
    """Count or share change → the query string, so a copied link keeps them."""
    catalogue = load_catalogue(grain_of(search))
    basis, share = _choices(basis, share)
    query = Selection.from_query(search).validated(catalogue).to_query()
    query = with_param(query, "basis", None if basis == "inpatients" else basis)
    return with_param(query, "share", None if share == DEFAULT_SHARE else str(share))


def register(app: Dash) -> None:
    inputs = (
        Input(ids.PRIORITIES_BASIS, "value"),
        Input(ids.PRIORITIES_SHARE, "value"),
        State(URL, "search"),
    )
    app.callback(Output(ids.PRIORITIES_CONTENT, "children"), *inputs)(update_priorities)
    app.callback(Output(URL, "search", allow_duplicate=True), *inputs, prevent_initial_call=True)(
        update_priorities_url
    )
