"""The Compare page's table of sites: a plain HTML table, sorted in the browser by its column
headers' buttons (assets/sortable-table.js), with its rows, columns and caption.

It was an AG Grid, whose scripts (1.3 MB on every page of the app, 0.9 MB more on this one)
cost every page 150 ms of a fresh browser's time before anything was drawn, for a table of a
few dozen to 250 rows that needs no grid: a table's own semantics, links a Tab reaches and
headers that say their order (`aria-sort`) serve keyboard and screen-reader users better.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import NamedTuple

from dash import html

from dashboard.compare.data import FUNNEL_KINDS, Comparison
from dashboard.significance import CATEGORIES
from dashboard.vocabulary import fmt_interval, fmt_value, short_unit
from layouts.common import chart_caption
from layouts.compare.content import site_href
from layouts.significance import Mark, mark, mark_words

SMALL_MARK = " †"
WJ = "\u2060"  # word joiner: no break after "/"


class Column(NamedTuple):
    field: str
    header: str
    numeric: bool = False
    sortable: bool = True


def grid_columns(comparison: Comparison) -> list[Column]:
    """The table's columns: field of `grid_rows`, header, numbers or words, sortable."""
    measure = comparison.measure
    unit = measure["unit"] if measure is not None else ""
    # the unit kept whole: a header may wrap between words, never inside "100,000/yr"
    value = "Value (" + short_unit(unit).replace("/", "/" + WJ) + ")"
    return [
        Column("name", "Site"),
        Column("region", "Region"),
        Column("numerator", "Numerator", numeric=True),
        Column("denominator", "Denominator", numeric=True),
        Column("value", value, numeric=True),
        Column("interval", "95% interval", sortable=False),
        Column("words", f"Against {comparison.benchmark_label}"),
        Column("small", "Small numbers"),
    ]


def ranked_table(comparison: Comparison, query: str = "") -> html.Table:
    """The sites, highest value first, as a table sortable by each column's header. Its id
    stands for its content: new figures are a new table, which the page draws afresh rather
    than pouring into rows the browser has put in another order."""
    columns = grid_columns(comparison)
    rows = sorted(grid_rows(comparison, query), key=_highest_first)
    measure = comparison.measure
    kind, unit = (measure["kind"], measure["unit"]) if measure is not None else ("", "")
    digest = hashlib.blake2b(
        json.dumps([columns, rows], default=str).encode(), digest_size=6
    ).hexdigest()
    head = html.Thead(html.Tr([_header(c) for c in columns]))
    body = [html.Tr([_cell(c, r, kind, unit) for c in columns]) for r in rows]
    if not body:
        body = [html.Tr(html.Td("No site to list.", colSpan=len(columns)))]
    return html.Table(
        [head, html.Tbody(body)],
        id=f"compare-ranked-{digest}",
        className="table table-sm sortable-table compare-ranked",
    )


def _highest_first(row: dict) -> tuple:
    value = row["value"]
    return (value is None, -(value or 0.0), row["name"])


def _header(column: Column) -> html.Th:
    if not column.sortable:
        return html.Th(column.header, scope="col", className=_align(column))
    sort = {"aria-sort": "descending"} if column.field == "value" else {}
    return html.Th(
        html.Button(column.header, type="button", className="sort-button"),
        scope="col",
        className=_align(column),
        **{"data-type": "number" if column.numeric else "text"},
        **sort,
    )


def _align(column: Column) -> str:
    return f"col-{column.field}" + (" text-end" if column.numeric else "")


def _cell(column: Column, row: dict, kind: str, unit: str) -> html.Td:
    value = shown = row[column.field]
    if column.field == "name":
        shown = html.A(value, href=row["href"], className="site-link")
    elif column.field in ("numerator", "denominator"):
        shown = "" if value is None else f"{value:,}"  # withheld: nothing, never 0
    elif column.field == "value":
        shown = "–" if value is None else fmt_value(value, kind, unit)
    elif column.field == "words":
        # the mark as every sentence shows it (no shape when withheld: its reason in words)
        category = row["category"] or "none"
        ink = row["mark_ink"]
        shown = mark_words(Mark(category, value, row["mark_colour"], ink, "", row["mark_glyph"]))
        value = _ORDER.get(row["category"], len(_ORDER))
    key = "" if value is None else value
    return html.Td(shown, className=_align(column), **{"data-sort": key})


#: "Against" sorts by where the site stands (highest first), then words without a mark.
_ORDER = {c: i for i, c in enumerate(CATEGORIES)}


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


def grid_rows(comparison: Comparison, query: str = "") -> list[dict]:
    """One JSON-safe row per site (NaN as null) for the table; each site's name leads to its
    page (`href`), with the selection's `query`; `category` is where it stands (None when
    withheld: its reason is its words)."""
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
                "category": r.category if shown else None,
                "mark_glyph": m.glyph if shown else "",
                "mark_colour": m.colour,
                "mark_ink": m.ink,
                "small": "Yes" + SMALL_MARK if r.small else "",
            }
        )
    return rows
