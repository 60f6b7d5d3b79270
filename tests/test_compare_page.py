"""Compare sites: the page's builders (funnel and caterpillar, messages, the grid, the layout
from the URL), its handlers called directly, and the page and its callbacks over HTTP."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import plotly.graph_objects as go
from dash import dcc, html

from callbacks.compare import on_download, update_comparison, update_site_lists, update_spine
from callbacks.compare import update_url as update_compare_url
from dashboard.compare.data import compare_data
from dashboard.selection import Catalogue, Selection
from layouts.compare import grid, ids
from layouts.compare import layout as page
from layouts.compare.content import content, summary
from layouts.shell.ids import PAGE, URL
from tests.components import find, find_all, prop, text
from tests.dash_requests import dash_call


def _figure(component, graph_id) -> go.Figure:
    """The figure of the graph `graph_id` inside `component`."""
    graph = find(component, graph_id)
    assert graph is not None, f"no graph {graph_id}"
    return go.Figure(prop(graph, "figure"))


def test_funnel_and_caterpillar_mark_small_numbers(catalogue):
    selection = Selection(regions=("SW",)).validated(catalogue)
    result = compare_data(selection, catalogue, "M04A", "england", "bme", None, 10)
    assert result.sites["small"].any()
    blocks = content(result, len(selection.site_codes(catalogue)))
    small = "Numbers too small to judge a difference"
    ringed = [t for t in _figure(blocks, ids.COMPARE_FUNNEL).data if t.name == small]
    assert len(ringed) == 1 and ringed[0].marker.symbol == "circle-open"
    hollow = [
        symbol
        for trace in _figure(blocks, ids.COMPARE_CATERPILLAR).data
        if trace.mode == "markers" and trace.marker.symbol is not None
        for symbol in np.atleast_1d(trace.marker.symbol)
    ]
    assert "circle-open" in hollow
    shown = text(blocks)
    assert shown.count("View as table") == 2 and "Units: per 100,000" in shown
    assert "benchmark England" in summary(result, 7)


def test_kinds_without_a_funnel_and_empty_choices_give_messages(catalogue):
    count = compare_data(Selection(), catalogue, "M07A", "england", "bme", None, 10)
    drawn = content(count, 54)
    assert "funnel plot needs a proportion or a rate" in text(drawn)
    assert not find_all(drawn, dcc.Graph)
    assert grid.grid_rows(count)  # the table still lists the sites
    none = Selection(trusts=("HMPBRX",)).validated(catalogue)
    empty = compare_data(none, catalogue, "M04A", "england", "bme", None, 10)
    assert "has data for" in text(content(empty, 1)) and grid.grid_rows(empty) == []


def test_grid_rows_are_json_safe_and_flag_small_numbers(catalogue):
    result = compare_data(
        Selection(regions=("SW",)).validated(catalogue),
        catalogue,
        "M04A",
        "england",
        "bme",
        None,
        10,
    )
    rows = grid.grid_rows(result)
    json.dumps(rows, allow_nan=False)
    assert any(r["small"].startswith("Yes") for r in rows)
    fields = [c.field for c in grid.grid_columns(result)]
    assert fields == [
        "name",
        "region",
        "numerator",
        "denominator",
        "value",
        "interval",
        "words",
        "small",
    ]


def test_layout_builds_on_an_empty_catalogue_and_from_the_url(catalogue):
    assert page.layout(Selection(), Catalogue.empty(), "") is not None
    selection = Selection(regions=("LDN",), pooling="year").validated(catalogue)
    built = page.layout(selection, catalogue, "?region=LDN&measure=M02A&benchmark=region&site=ELFT")
    chosen = {
        control: prop(find(built, control), "value")
        for control in (ids.COMPARE_MEASURE, ids.COMPARE_SITE, ids.COMPARE_BENCHMARK)
    }
    assert chosen == {
        ids.COMPARE_MEASURE: "M02A",
        ids.COMPARE_SITE: "ELFT",
        ids.COMPARE_BENCHMARK: "region",
    }
    assert prop(find(built, ids.COMPARE_POOLING), "value") == "year"
    assert prop(find(built, ids.COMPARE_REGION), "value") == ["LDN"]


# Handlers -------------------------------------------------------------------------------------


def test_handlers_draw_the_page_and_keep_the_selection_in_the_url(catalogue):
    search = "?region=LDN&from=2006Q1&to=2009Q4"
    args = ("M02A", "bme", "region", "year", ["LDN"], [], "all", "SLAM", search)
    children, line, table, caption = update_comparison(*args)
    assert find(children, ids.COMPARE_FUNNEL) is not None and "Site" in text(table)
    links = find_all(table, lambda c: prop(c, "className") == "site-link")
    assert links and "benchmark London" in line and "Year to" in line and "2009" in line
    assert "Source:" in caption
    query = update_compare_url(*args)
    assert "from=2006Q1" in query and "to=2009Q4" in query and "pool=year" in query
    assert "measure=M02A" in query and "benchmark=region" in query and "site=SLAM" in query
    assert update_compare_url("M04A", "bme", "england", "quarter", [], [], "all", None, "") == (
        "?measure=M04A"
    )
    # the spine chart's figure waits beside its place, drawn when scrolled near
    stored = find(update_spine("SLAM", "bme", "year", search), ids.COMPARE_SPINE_FIGURE)
    spine = go.Figure(prop(stored, "data"))
    assert "South London and Maudsley" in spine.layout.title.text


def test_site_lists_follow_the_region(catalogue):
    options, kept, sites, site = update_site_lists(["SW"], "rural", ["DORPCT", "SLAM"], "SLAM", "")
    assert kept == ["DORPCT"] and site == "DORPCT"
    assert {o["value"] for o in sites} == {"DORPCT"}
    assert "SLAM" not in {o["value"] for o in options}


def test_download_is_csv_with_formulas_neutralised(catalogue, monkeypatch):
    import dashboard.compare.data as domain

    original = domain.compare_data

    def with_odd_name(*args, **kwargs):
        result = original(*args, **kwargs)
        result.sites.loc[0, "name"] = "=cmd|' /C calc'!A0"
        return result

    monkeypatch.setattr("callbacks.compare.compare_data", with_odd_name)
    sent = on_download(1, "M04A", "bme", "england", "quarter", ["LDN"], [], "all", None, "")
    assert sent["filename"] == "dre-compare-M04A-2010Q1.csv"
    assert "'=cmd" in sent["content"] and "\n=cmd" not in sent["content"]
    assert np.isfinite(len(sent["content"]))


def test_the_page_and_its_callbacks_over_http(client):
    response = dash_call(
        client,
        f"{PAGE}.children",
        [{"id": URL, "property": "pathname", "value": "/compare"}],
        [{"id": URL, "property": "search", "value": "?region=LDN&measure=M02A"}],
    )
    assert response.status_code == 200
    built = response.get_json()["response"][PAGE]["children"]
    assert find(built, ids.COMPARE_GRID) is not None
    assert prop(find(built, ids.COMPARE_MEASURE), "value") == "M02A"
    sites = {o["value"]: o["label"] for o in prop(find(built, ids.COMPARE_SITE), "options")}
    assert "South London and Maudsley" in sites["SLAM"]
    outputs = " ".join(d["output"] for d in client.get("/_dash-dependencies").get_json())
    assert (
        f"{ids.COMPARE_CONTENT}.children" in outputs and f"{ids.COMPARE_DOWNLOAD}.data" in outputs
    )


def test_each_sites_name_leads_to_its_page_with_the_selection(catalogue):
    selection = Selection(regions=("LDN",), pooling="year").validated(catalogue)
    result = compare_data(selection, catalogue, "M04A", "england", "bme", None, 10)
    rows = grid.grid_rows(result, selection.to_query())
    assert rows and all(r["href"] == f"/site/{r['site']}?region=LDN&pool=year" for r in rows)
    table = grid.ranked_table(result, selection.to_query())
    links = {prop(a, "href") for a in find_all(table, html.A)}
    assert links == {r["href"] for r in rows}


def test_the_value_header_never_breaks_inside_a_number_or_its_unit(catalogue):
    result = compare_data(Selection(), catalogue, "M04A", "england", "bme", None, 10)
    (value,) = [c for c in grid.grid_columns(result) if c.field == "value"]
    unit = value.header.removeprefix("Value (").removesuffix(")")
    # it may wrap between "per" and "100,000/yr" (assets/20-compare.css), never inside either
    assert unit == "per 100,000/\u2060yr"


def test_the_page_arrives_with_its_measures_own_groups(catalogue):
    """The groups were a callback's, which the charts waited for on arrival (a round trip):
    the layout now has them, a group the measure lacks falling back to its first."""
    staff = page.layout(Selection().validated(catalogue), catalogue, "?measure=M12A&group=bme")
    choice = find(staff, ids.COMPARE_GROUP)
    assert [o["value"] for o in prop(choice, "options")] == ["all"]
    assert prop(choice, "value") == "all"  # training is not counted by ethnicity
    search = "?measure=M04A&group=white_british"
    detained = page.layout(Selection().validated(catalogue), catalogue, search)
    choice = find(detained, ids.COMPARE_GROUP)
    assert [o["value"] for o in prop(choice, "options")] == ["bme", "white_british", "all"]
    assert prop(choice, "value") == "white_british"


def test_the_table_ranks_highest_first_and_is_a_new_table_for_new_figures(catalogue):
    london = Selection(regions=("LDN",), pooling="year").validated(catalogue)
    result = compare_data(london, catalogue, "M04A", "england", "bme", None, 10)
    table = grid.ranked_table(result)
    body = [c for c in find_all(table, html.Tr) if not find_all(c, html.Th)]
    values = [prop(r.children[4], "data-sort") for r in body]
    shown = [v for v in values if v != ""]
    assert shown == sorted(shown, reverse=True) and values[: len(shown)] == shown  # blanks last
    headers = find_all(table, html.Th)
    assert [prop(h, "aria-sort") for h in headers].count("descending") == 1
    assert prop(headers[4], "aria-sort") == "descending"  # the value's column
    assert not find_all(headers[5], html.Button)  # an interval is not sorted
    # the same figures are the same table; others are a new one, drawn afresh
    assert prop(grid.ranked_table(result), "id") == prop(table, "id")
    region = compare_data(london, catalogue, "M04A", "region", "bme", None, 10)
    assert prop(grid.ranked_table(region), "id") != prop(table, "id")


def test_a_withheld_sites_counts_are_blank_in_the_table_never_0(catalogue):
    result = compare_data(Selection(), catalogue, "M04A", "england", "bme", None, 10)
    sites = result.sites.copy()
    sites.loc[sites.index[0], "status"] = "withheld (fewer than 8)"
    withheld = replace(result, sites=sites)
    table = grid.ranked_table(withheld)
    name = sites["name"].iloc[0]
    (row,) = [r for r in find_all(table, html.Tr) if name in text(r)]
    numerator, denominator = row.children[2], row.children[3]
    assert text(numerator) == "" and text(denominator) == ""
    assert prop(numerator, "data-sort") == ""  # sorted last, not as 0
