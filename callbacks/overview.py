"""The twelve panels and the URL follow the filters."""

from __future__ import annotations

from dataclasses import replace

from dash import Dash, Input, Output
from flask import current_app

from dashboard import ids
from dashboard.loaders import load_catalogue
from dashboard.overview import default_measures, overview_data
from dashboard.selection import Catalogue, Selection
from layouts.panel import panel_body

FILTER_INPUTS = [
    Input(ids.FILTER_REGION, "value"),
    Input(ids.FILTER_TRUST, "value"),
    Input(ids.FILTER_RURALITY, "value"),
    Input(ids.FILTER_PERIOD, "value"),
    Input(ids.MEASURE_MENU, "value"),
    Input(ids.FILTER_POOLING, "value"),
]


def selection_from_inputs(
    catalogue: Catalogue,
    regions: list[str] | None,
    trusts: list[str] | None,
    rurality: str | None,
    period: list[int] | None,
    measures: list[str] | None,
    pooling: str | None = "quarter",
) -> Selection:
    """The filters' values as a validated Selection (what the URL will carry)."""
    codes = catalogue.period_codes
    start = end = None
    if period and len(period) == 2 and codes:
        i, j = (max(0, min(int(v), len(codes) - 1)) for v in period)
        start, end = codes[min(i, j)], codes[max(i, j)]
    return Selection(
        regions=tuple(regions or ()),
        trusts=tuple(trusts or ()),
        rurality=rurality or "all",
        period_from=start,
        period_to=end,
        measures=tuple(m for m in (measures or []) if not m.startswith("heading-")),
        pooling=pooling or "quarter",
    ).validated(catalogue)


def update_panels(regions, trusts, rurality, period, measures, pooling="quarter"):
    """Any filter or menu change → the twelve panel bodies and the summary line."""
    catalogue = load_catalogue()
    selection = selection_from_inputs(
        catalogue, regions, trusts, rurality, period, measures, pooling
    )
    data = overview_data(selection, catalogue, list(selection.measures or ()))
    threshold = current_app.config["SMALL_NUMBER_THRESHOLD"]
    bodies = [panel_body(data.panels[n], threshold) for n in ids.CHARACTERISTIC_NUMBERS]
    labels = dict(zip(catalogue.periods["code"], catalogue.periods["label"], strict=True))
    if not data.sites:
        summary = "No site matches these filters: widen the region, trust or rurality choice."
    else:
        span = f"{labels[data.periods[0]]} to {labels[data.periods[-1]]}" if data.periods else ""
        pooled = {
            "quarter": "",
            "year": " · each value pools a rolling year",
            "3years": " · each value pools a rolling three years",
        }[selection.pooling]
        summary = (
            f"{len(data.sites)} site(s) pooled · {span} · {len(data.measures)} measure(s){pooled}"
            " · values are pooled numerators over pooled denominators, with 95% confidence"
            " intervals"
        )
    return [*bodies, summary]


def update_url(regions, trusts, rurality, period, measures, pooling="quarter") -> str:
    """Any filter or menu change → the query string, so a copied link shows the same view.

    The measures are written only when they differ from the sites' agreed measures.
    """
    catalogue = load_catalogue()
    selection = selection_from_inputs(
        catalogue, regions, trusts, rurality, period, measures, pooling
    )
    codes = catalogue.period_codes
    if codes and selection.period_from == codes[0]:
        selection = replace(selection, period_from=None)
    if codes and selection.period_to == codes[-1]:
        selection = replace(selection, period_to=None)
    if list(selection.measures or ()) == default_measures(selection, catalogue):
        selection = replace(selection, measures=None)
    return selection.to_query()


def register(app: Dash) -> None:
    outputs = [Output(ids.panel_body(n), "children") for n in ids.CHARACTERISTIC_NUMBERS]
    app.callback(*outputs, Output(ids.OVERVIEW_SUMMARY, "children"), *FILTER_INPUTS)(update_panels)
    app.callback(Output(ids.URL, "search"), *FILTER_INPUTS)(update_url)
