"""The Compare sites page: one measure across a set of sites (funnel plot, caterpillar chart,
a table sorted by any column, with a CSV download) and one site across its measures (spine
chart).

The layout holds the controls, initialised from the URL; callbacks/compare.py fills in the
charts. The builders below are pure: a `Comparison` in, components out."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.compare.data import BENCHMARKS, choose_measure
from dashboard.compare.groups import group_options
from dashboard.selection import Catalogue, Selection, page_param, pooling_choices
from layouts.compare import ids
from layouts.overview.layout import (
    measure_options,
    region_options,
    rurality_note,
    trust_choices,
)

SMALL_MARK = " †"
NBSP, WJ = "\u00a0", "\u2060"  # no-break space; word joiner (no break after "/")
POOLING_LABELS = {"quarter": "Quarter", "year": "Rolling year", "3years": "3 years"}
RURALITY_LABELS = {"all": "All", "urban": "Urban", "rural": "Rural"}


def site_options(catalogue: Catalogue, codes: list[str]) -> list[dict]:
    orgs = catalogue.organisations
    if orgs.empty:
        return []
    return [{"label": o.name, "value": o.code} for o in orgs[orgs["code"].isin(codes)].itertuples()]


def chosen_site(selection: Selection, catalogue: Catalogue, wanted: str | None) -> str | None:
    """The spine chart's site: the URL's when among the compared sites, else the first chosen
    trust, else the first compared site."""
    codes = selection.site_codes(catalogue)
    for code in (wanted, *selection.trusts, *codes):
        if code in codes:
            return code
    return None


def _field(label: str, control, width: int, for_id: str) -> dbc.Col:
    return dbc.Col([dbc.Label(label, html_for=for_id), control], lg=width, className="filter-field")


def _segmented(id_: str, options: list[dict], value: str) -> dbc.RadioItems:
    """Radio buttons drawn as a compact button group."""
    return dbc.RadioItems(
        id=id_,
        options=options,
        value=value,
        className="btn-group btn-group-sm compare-segmented",
        inputClassName="btn-check",
        labelClassName="btn btn-outline-secondary",
        labelCheckedClassName="active",
    )


def _choices(labels: dict[str, str]) -> list[dict]:
    return [{"label": label, "value": value} for value, label in labels.items()]


def _dropdown(id_: str, options: list[dict], value, placeholder: str, **kwargs) -> dcc.Dropdown:
    return dcc.Dropdown(id=id_, options=options, value=value, placeholder=placeholder, **kwargs)


def controls(selection: Selection, catalogue: Catalogue, search: str) -> dbc.Card:
    """The measure, group, benchmark and pooling, and which sites: by region, rurality or hand."""
    measure = choose_measure(catalogue, selection, page_param(search, "measure"))
    # the measure's own groups from the start (not by a callback the charts would wait for)
    menu = catalogue.viewable_measures
    found = menu[menu["code"] == measure] if not menu.empty else menu
    groups = group_options(found.iloc[0] if not found.empty else None)
    group = page_param(search, "group")
    group = group if group in {g["value"] for g in groups} else groups[0]["value"]
    benchmark = page_param(search, "benchmark")
    first = [
        _field(
            "Measure",
            _dropdown(
                ids.COMPARE_MEASURE,
                measure_options(catalogue),
                measure,
                "Choose a measure",
                clearable=False,
                maxHeight=420,
            ),
            4,
            ids.COMPARE_MEASURE,
        ),
        _field(
            "Group",
            _segmented(ids.COMPARE_GROUP, groups, group),
            3,
            ids.COMPARE_GROUP,
        ),
        _field(
            "Benchmark",
            _segmented(
                ids.COMPARE_BENCHMARK,
                _choices(BENCHMARKS),
                benchmark if benchmark in BENCHMARKS else "england",
            ),
            2,
            ids.COMPARE_BENCHMARK,
        ),
        _field(
            "Pool periods",
            _segmented(
                ids.COMPARE_POOLING,
                pooling_choices(POOLING_LABELS, catalogue.grain),
                selection.pooling,
            ),
            3,
            ids.COMPARE_POOLING,
        ),
    ]
    second = [
        _field(
            "Sites in region",
            _dropdown(
                ids.COMPARE_REGION,
                region_options(catalogue),
                list(selection.regions),
                "All regions (England)",
                multi=True,
            ),
            4,
            ids.COMPARE_REGION,
        ),
        _field(
            "Rural or urban",
            html.Div(
                [
                    _segmented(ids.COMPARE_RURALITY, _choices(RURALITY_LABELS), selection.rurality),
                    rurality_note(catalogue.organisations),
                ]
            ),
            2,
            ids.COMPARE_RURALITY,
        ),
        _field(
            "Or pick sites by hand",
            _dropdown(
                ids.COMPARE_TRUST,
                trust_choices(
                    catalogue, selection.regions, selection.rurality, list(selection.trusts)
                )[0],
                list(selection.trusts),
                "Every site in the chosen regions",
                multi=True,
            ),
            6,
            ids.COMPARE_TRUST,
        ),
    ]
    return dbc.Card(
        dbc.CardBody([dbc.Row(first, className="g-2 mb-2"), dbc.Row(second, className="g-2")]),
        className="filters compare-controls mb-2",
    )


def layout(selection: Selection, catalogue: Catalogue, search: str = "") -> html.Div:
    """The page for a (validated) selection; `search` carries measure, benchmark, group, site."""
    site = chosen_site(selection, catalogue, page_param(search, "site"))
    table_heading = html.Div(
        [
            html.H2("Sites ranked", className="h5 mb-0"),
            dbc.Button(
                "Download CSV",
                id=ids.COMPARE_DOWNLOAD_BUTTON,
                color="primary",
                outline=True,
                size="sm",
            ),
        ],
        className="compare-table-heading",
    )
    # the table of sites scrolls inside its frame: a Tab stop, so that the keyboard scrolls it
    grid = html.Div(
        id=ids.COMPARE_GRID,
        className="compare-grid",
        tabIndex="0",
        role="region",
        **{"aria-label": "Sites ranked"},
    )
    spine_heading = html.Div(
        [
            html.H2("One site across its measures", className="h5 mb-0"),
            html.Div(
                [
                    dbc.Label("Site", html_for=ids.COMPARE_SITE, className="mb-0 me-2"),
                    dcc.Dropdown(
                        id=ids.COMPARE_SITE,
                        options=site_options(catalogue, selection.site_codes(catalogue)),
                        value=site,
                        clearable=False,
                        className="compare-site-picker",
                    ),
                ],
                className="d-flex align-items-center",
            ),
        ],
        className="compare-table-heading",
    )
    return html.Div(
        [
            html.H1("Compare sites", className="h3 mb-1"),
            html.P(
                "One measure across the chosen sites against England or their region, pooled "
                "over the window ending at the selection's latest quarter.",
                className="compare-lede",
            ),
            controls(selection, catalogue, search),
            html.P(id=ids.COMPARE_SUMMARY, className="compare-summary", **{"aria-live": "polite"}),
            dcc.Loading(html.Div(id=ids.COMPARE_CONTENT), type="dot", delay_show=300),
            html.Section(
                [table_heading, grid, html.P(id=ids.COMPARE_TABLE_CAPTION, className="caption")],
                className="chart-block compare-table",
            ),
            dcc.Download(id=ids.COMPARE_DOWNLOAD),
            html.Section(
                [spine_heading, dcc.Loading(html.Div(id=ids.COMPARE_SPINE), delay_show=300)],
                className="compare-spine",
            ),
        ],
        className="compare-page",
    )
