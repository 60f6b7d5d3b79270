"""The overview's logic between the selection and the panels."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app

from dashboard.loaders import load_adopted_measures, load_group_totals
from dashboard.selection import POOLING_PREFIX, POOLING_WINDOWS, Catalogue, Selection
from dashboard.stats import rolling_pool
from dashboard.summaries import MeasureSummary, summarise


def default_measures(selection: Selection, catalogue: Catalogue) -> list[str]:
    """The agreed measures that at least one of the selected sites adopted, in menu order."""
    sites = tuple(selection.site_codes(catalogue))
    adopted = set(load_adopted_measures(sites)) if sites else set()
    return [code for code in catalogue.measures.get("code", []) if code in adopted]


def menu_value(selection: Selection, catalogue: Catalogue) -> list[str]:
    """The menu's value: the URL's measures when it names them, else the sites' agreed ones."""
    if selection.measures is not None:
        return list(selection.measures)
    return default_measures(selection, catalogue)


@dataclass(frozen=True)
class OverviewData:
    panels: dict[int, list[MeasureSummary]]
    sites: list[str]
    periods: list[str]
    measures: list[str]  # the chosen measures in use (agreed)
    #: Chosen retired measures: in the panels for their history, left out of what is judged
    #: against targets and benchmarks now (the briefing's changes, for one).
    retired: list[str] = field(default_factory=list)


def overview_data(
    selection: Selection, catalogue: Catalogue, measures: list[str], fresh: bool = False
) -> OverviewData:
    """Panel summaries for the selection and the chosen measures.

    With pooling over periods, each quarter's value adds the counts of the `window` quarters
    ending at it, so the data are fetched from window-1 quarters before the range starts.
    `fresh=True` reads the database even when the cache holds these figures.
    """
    sites = selection.site_codes(catalogue)
    periods = selection.period_range(catalogue)
    window = POOLING_WINDOWS[selection.pooling]
    all_codes = catalogue.period_codes
    first = all_codes.index(periods[0]) if periods else 0
    fetched = all_codes[max(0, first - window + 1) : first + len(periods)]
    # Retired measures can be chosen too: their past figures stay viewable.
    menu = catalogue.viewable_measures
    chosen = [m for m in menu.get("code", []) if m in set(measures)]
    args = (tuple(sites), tuple(chosen), tuple(fetched))
    # fresh: a live display asks the database, not a copy cached minutes ago
    totals = load_group_totals(*args, fresh=fresh)
    quarters = None  # under pooling, the periods' own values: what the trend is judged on
    if window > 1 and not totals.empty:
        quarters = totals[totals["period"].isin(periods)]
        totals = rolling_pool(totals, fetched, window, by=["measure", "group"])
        totals = totals[totals["period"].isin(periods)]
    rows = menu[menu["code"].isin(chosen)] if not menu.empty else menu
    if "status" in rows.columns:
        old = rows["status"] == "retired"
        rows = rows.assign(name=rows["name"].where(~old, rows["name"] + " (retired)"))
    labels = dict(zip(catalogue.periods["code"], catalogue.periods["label"], strict=True))
    prefix = POOLING_PREFIX[selection.pooling]
    period_labels = {p: prefix + labels[p] for p in periods}
    threshold = current_app.config["SMALL_NUMBER_THRESHOLD"]
    panels = summarise(totals, rows, period_labels, threshold, quarters, selection.pooling)
    retired = set(catalogue.retired.get("code", []))
    return OverviewData(
        panels=panels,
        sites=sites,
        periods=periods,
        measures=[m for m in chosen if m not in retired],
        retired=[m for m in chosen if m in retired],
    )
