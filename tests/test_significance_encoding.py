"""One encoding for significance (issue 13c): a site's verdict against a benchmark gets the same
mark (colour, marker shape, words) on the funnel plot, the caterpillar chart, the tables and the
site page, for a measure of each polarity, and every chart's legend says what each mark means."""

from __future__ import annotations

import pandas as pd
import pytest
from dash import dcc, html

from dashboard.compare.data import Comparison, Window, compare_sites, spine_rows
from dashboard.site.measure_view import Benchmark, measure_view
from dashboard.summaries import Estimate
from layouts.compare import ids
from layouts.compare.content import content
from layouts.compare.grid import grid_rows
from layouts.compare.spine import spine_chart, spine_table
from layouts.significance import CATEGORIES, mark
from layouts.site.measures import benchmark_line
from tests.components import table_lines, with_class

POLARITIES = ("higher_is_better", "lower_is_better", "no_judgement")
#: site → (events, population): every place on the funnel, and one site on small numbers
SITES = {
    "A998": (400, 100_000),
    "B95": (250, 100_000),
    "MID": (200, 100_000),
    "C95": (178, 100_000),
    "D998": (100, 100_000),
    "E": (210, 100_000),
    "F": (190, 100_000),
    "TINY": (9, 2_000),
}
EXPECTED = {
    "A998": "high_998",
    "B95": "high_95",
    "MID": "similar",
    "C95": "low_95",
    "D998": "low_998",
    "TINY": "small",
}


def _measure(polarity: str) -> pd.Series:
    return pd.Series(
        {
            "code": "R1",
            "name": "Detentions",
            "characteristic": 4,
            "kind": "rate",
            "unit": "per 100,000 population",
            "multiplier": 100_000,
            "polarity": polarity,
            "by_ethnicity": True,
            "source": "Test return",
        }
    )


def _rows(values: dict[str, tuple[int, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"site": s, "measure": "R1", "period": "P1", "group": "bme", "numerator": n}
            | {"denominator": d}
            for s, (n, d) in values.items()
        ]
    )


def _comparison(polarity: str) -> Comparison:
    measure = _measure(polarity)
    sites, funnel, bench = compare_sites(measure, _rows(SITES), list(SITES), list(SITES), "bme", 10)
    sites.insert(1, "name", sites["site"])
    sites.insert(2, "region", "London")
    window = Window(["P1"], "Jan–Mar 2010", "Jan–Mar 2010", 1)
    return Comparison(measure, "bme", window, sites, funnel, "England", bench)


def _graphs(tree) -> dict[str, dict]:
    """Each dcc.Graph in a component tree, by id, as the JSON the browser receives."""
    found: dict[str, dict] = {}

    def walk(node) -> None:
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
        elif isinstance(node, dcc.Graph):
            figure = node.figure
            key = getattr(node, "id", len(found))
            found[key] = figure if isinstance(figure, dict) else figure.to_plotly_json()
        elif hasattr(node, "children") and not isinstance(node.children, str):
            walk(node.children)

    walk(tree)
    return found


def _mark_of(figure: dict, site_label: str, axis: str) -> tuple[str, str, str]:
    """(legend name, colour, marker symbol) of the trace that draws `site_label`."""
    for trace in figure["data"]:
        labels = trace.get("text") if axis == "text" else trace.get("y")
        if trace.get("mode") == "markers" and labels is not None and site_label in list(labels):
            marker = trace["marker"]
            return trace["name"], marker["color"], marker["symbol"]
    raise AssertionError(f"{site_label} is not drawn")


def _legend(figure: dict) -> list[str]:
    return [
        t["name"] for t in figure["data"] if t.get("mode") == "markers" and t.get("showlegend", 1)
    ]


@pytest.mark.parametrize("polarity", POLARITIES)
def test_a_verdict_has_one_mark_on_funnel_caterpillar_and_table(polarity):
    comparison = _comparison(polarity)
    categories = dict(zip(comparison.sites["site"], comparison.sites["category"], strict=True))
    assert {s: categories[s] for s in EXPECTED} == EXPECTED  # small numbers: no verdict claimed
    graphs = _graphs(content(comparison, len(SITES)))
    funnel, caterpillar = graphs[ids.COMPARE_FUNNEL], graphs[ids.COMPARE_CATERPILLAR]
    grid = {r["site"]: r for r in grid_rows(comparison)}
    for site, category in EXPECTED.items():
        expected = mark(category, polarity)
        shown = (expected.label, expected.colour, expected.symbol)
        small = " †" if category == "small" else ""
        assert _mark_of(funnel, site + small, "text") == shown
        assert _mark_of(caterpillar, site + small, "y") == shown
        row = grid[site]
        assert (row["words"], row["mark_colour"], row["mark_glyph"]) == (
            expected.label,
            expected.colour,
            expected.glyph,
        )
    present = [mark(c, polarity).label for c in CATEGORIES if c in set(categories.values())]
    assert _legend(funnel) == present
    assert _legend(caterpillar) == present


def test_the_words_follow_the_polarity_and_the_colours_never_judge_without_one():
    worse = mark("high_998", "lower_is_better")
    assert worse.label == "Significantly worse (99.8% limits)"
    assert mark("low_998", "higher_is_better").colour == worse.colour
    assert mark("high_998", "higher_is_better").label == "Significantly better (99.8% limits)"
    assert mark("high_998", "higher_is_better").colour != worse.colour
    higher, lower = mark("high_95", "no_judgement"), mark("low_95", "no_judgement")
    assert higher.label == "Significantly higher (95% limits)"
    assert lower.label == "Significantly lower (95% limits)"
    judged = {mark(c, p).colour for c in ("high_95", "low_95") for p in POLARITIES[:2]}
    assert higher.colour == lower.colour and higher.colour not in judged
    assert mark("high_95", "lower_is_better").symbol != mark("high_998", "lower_is_better").symbol
    assert mark("small", "no_judgement").symbol == "circle-open"
    assert mark("none", "no_judgement").label == "Not compared"


@pytest.mark.parametrize("polarity", POLARITIES)
def test_the_site_page_and_the_spine_use_the_funnels_marks(polarity):
    measure = _measure(polarity)
    rows = _rows({"A": (10, 1_000), "B": (30, 1_000), "C": (50, 1_000), "D": (20, 1_000)})
    spine = spine_rows(pd.DataFrame([measure]), rows, "C", ["C", "D"], "bme", 10)
    assert spine["category"].tolist() == ["high_95"]  # C's interval lies wholly above England
    expected = mark("high_95", polarity, "England", limits=False)
    figure = spine_chart(spine, "Site C", "London region", "Site C").to_plotly_json()
    drawn = next(t for t in figure["data"] if t.get("name") == expected.label)
    assert (drawn["marker"]["color"], drawn["marker"]["symbol"]) == (
        expected.colour,
        expected.symbol,
    )
    assert spine_table(spine)["Compared with England"].tolist() == [expected.text]
    # The site page's line against England: the same shape and colour, then the same words.
    england = Estimate(2_750.0, 2_300.0, 3_300.0, 110, 4_000, False)
    view = measure_view(measure, None, _series_rows(), {}, {"P1": "Jan–Mar 2010"})
    line = benchmark_line(view, Benchmark("England", england, "", 4, category="high_95"))
    glyph, words = line.children[0], line.children[1]
    assert isinstance(glyph, html.Span) and glyph.children == expected.glyph
    assert glyph.style == {"color": expected.colour}
    assert words.children == expected.label


def _series_rows() -> pd.DataFrame:
    return pd.DataFrame(
        {"period": ["P1"], "group": ["bme"], "numerator": [50], "denominator": [1_000]}
    )


def test_the_site_page_claims_no_verdict_on_small_numbers():
    from dashboard.site.measure_view import benchmark

    small = Estimate(450.0, 205.0, 854.0, 9, 2_000, True)
    england = Estimate(200.0, 190.0, 210.0, 2_000, 1_000_000, False)
    verdict = benchmark("England", small, england, _measure("lower_is_better"))
    assert verdict.category == "small" and verdict.verdict == "small"
    expected = mark("small", "lower_is_better", "England", limits=False)
    line = benchmark_line(
        measure_view(_measure("lower_is_better"), None, _series_rows(), {}, {"P1": "Q1"}),
        verdict,
    )
    assert line.children[1].children == expected.label
    assert expected.label == "Numbers too small to judge a difference with England"


@pytest.mark.parametrize("polarity", POLARITIES)
def test_the_characteristic_pages_funnel_and_table_use_the_same_marks(polarity):
    from types import SimpleNamespace

    from dashboard.compare.funnel import funnel, site_values
    from layouts.characteristic.charts import funnel_block

    measure = _measure(polarity)
    per_site = site_values(measure, _rows(SITES), "bme", 10)
    per_site = per_site.assign(name=per_site["site"])
    result = funnel(measure, per_site, per_site["numerator"].sum(), per_site["denominator"].sum())
    summary = SimpleNamespace(kind="rate", unit="per 100,000 population", polarity=polarity)
    detail = SimpleNamespace(
        summary=summary,
        measure=measure,
        sites=per_site,
        funnel=result,
        window_label="Jan–Mar 2010",
        lead_group="bme",
        withheld_sites=0,
        benchmark_withheld=False,
    )
    block = funnel_block(detail)
    figure = next(iter(_graphs(block).values()))
    table = _markdown(block)
    categories = dict(zip(result.sites["site"], result.sites["category"], strict=True))
    for site, category in EXPECTED.items():
        expected = mark(category, polarity)
        assert categories[site] == category
        assert _mark_of(figure, site, "text") == (expected.label, expected.colour, expected.symbol)
        assert f"| {site} " in table and expected.text in table
    assert _legend(figure) == [
        mark(c, polarity).label for c in CATEGORIES if c in EXPECTED.values()
    ]


def _markdown(tree) -> str:
    """The tables' cells as lines ("| A998 | ... |"), as they were when written as Markdown."""
    return "\n".join(table_lines(t) for t in with_class(tree, "data-table"))
