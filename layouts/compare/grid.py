"""The Compare page's table (dash-ag-grid): its columns, rows, height and caption."""

from __future__ import annotations

import math

from dashboard.compare.data import FUNNEL_KINDS, Comparison
from dashboard.vocabulary import fmt_interval, short_unit
from layouts.common import chart_caption
from layouts.compare.content import site_href
from layouts.significance import mark

SMALL_MARK = " †"
WJ = "\u2060"  # word joiner: no break after "/"


def _value_formatter(kind: str, unit: str) -> dict:
    """The grid's value column formatted as `fmt_value` does, in d3-format."""
    if kind == "proportion" and unit == "%":
        body = "d3.format('.1f')(params.value) + '%'"
    elif kind in ("count", "milestone"):
        body = "d3.format(',.0f')(params.value)"
    else:
        body = "d3.format(Math.abs(params.value) >= 10 ? ',.1f' : ',.2f')(params.value)"
    return {"function": f"params.value == null ? '–' : {body}"}


#: A long name or verdict wraps onto a second line of a taller row, rather than vanishing
#: behind an ellipsis at 1366 pixels wide.
WRAP = {"wrapText": True, "autoHeight": True, "cellStyle": {"lineHeight": "1.35"}}


def grid_columns(comparison: Comparison) -> list[dict]:
    measure = comparison.measure
    kind, unit = (measure["kind"], measure["unit"]) if measure is not None else ("", "")
    number = {
        "type": "numericColumn",
        # a withheld site's counts are null: shown as nothing, never as 0
        "valueFormatter": {"function": "params.value == null ? '' : d3.format(',')(params.value)"},
    }
    return [
        {
            "field": "name",
            "headerName": "Site",
            "minWidth": 240,
            "flex": 3.4,
            "cellRenderer": "SiteLink",  # the site's page: assets/dashAgGridComponentFunctions.js
            **WRAP,
        },
        {"field": "region", "headerName": "Region", "minWidth": 130, "flex": 1.4},
        {"field": "numerator", "headerName": "Numerator", "minWidth": 115, "flex": 1, **number},
        {"field": "denominator", "headerName": "Denominator", "minWidth": 125, "flex": 1, **number},
        {
            "field": "value",
            # the unit kept whole: a header may wrap between words, never inside "100,000/yr"
            "headerName": "Value (" + short_unit(unit).replace("/", "/" + WJ) + ")",
            "type": "numericColumn",
            "sort": "desc",
            "minWidth": 150,  # room for "(per 100,000/yr)" on two lines, never inside a number
            "flex": 1,
            "valueFormatter": _value_formatter(kind, unit),
        },
        {"field": "interval", "headerName": "95% interval", "sortable": False, "flex": 1.4},
        {
            "field": "words",
            "headerName": f"Against {comparison.benchmark_label}",
            "minWidth": 220,
            "flex": 2.6,
            "cellRenderer": "SignificanceMark",  # assets/dashAgGridComponentFunctions.js
            **WRAP,
        },
        {"field": "small", "headerName": "Small numbers", "flex": 1},
    ]


def table_caption(comparison: Comparison) -> str:
    """Units, source and period of the table, and how its words were decided."""
    measure = comparison.measure
    if measure is None:
        return ""
    if measure["kind"] in FUNNEL_KINDS:
        how = (
            "Significance: outside the 95% or 99.8% funnel limits around "
            f"{comparison.benchmark_label} at the site's denominator"
        )
    else:
        how = f"A {measure['kind']} is listed without a significance test"
    period = comparison.window.label
    if comparison.window.span != period:
        period += f" ({comparison.window.span})"
    extra = f"{comparison.group_label} · {how} · † small numbers"
    return chart_caption(measure["unit"], measure["source"], period, extra)


def grid_style(rows: int) -> dict:
    """Tall enough for twelve rows; more scroll inside the grid."""
    return {"height": f"{96 + 42 * min(max(rows, 3), 12)}px", "width": "100%"}


def grid_rows(comparison: Comparison, query: str = "") -> list[dict]:
    """One JSON-safe row per site (NaN as null) for the grid; each site's name leads to its
    page (`href`), with the selection's `query`."""
    measure, sites = comparison.measure, comparison.sites
    if measure is None or sites.empty:
        return []
    kind, unit = measure["kind"], measure["unit"]
    marks = [mark(c, measure["polarity"]) for c in sites["category"]]
    rows = []
    for r, m in zip(sites.itertuples(index=False), marks, strict=True):
        shown = not isinstance(getattr(r, "status", None), str)  # a withheld site: its reason
        rows.append(
            {
                "site": r.site,
                "name": r.name,
                "href": site_href(r.site, query),
                "region": r.region,
                "numerator": int(r.numerator) if shown else None,
                "denominator": int(r.denominator) if shown else None,
                "value": None if math.isnan(r.value) else round(float(r.value), 4),
                "interval": fmt_interval(r.lower, r.upper, kind, unit) if shown else "",
                "words": m.label if shown else r.words,
                "mark_glyph": m.glyph if shown else "",
                "mark_colour": m.colour,
                "mark_ink": m.ink,
                "small": "Yes" + SMALL_MARK if r.small else "",
            }
        )
    return rows
