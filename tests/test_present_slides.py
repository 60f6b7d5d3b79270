"""The Present page's builders: figures drawn for a projector, the thirteen slides with their
captions and tables, the frame with its parameters, and the page's CSS and script."""

from __future__ import annotations

import re
from pathlib import Path

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.overview.data import OverviewData
from dashboard.present import build_presentation
from dashboard.selection import Catalogue, Selection
from layouts.present import ids
from layouts.present import layout as page
from tests.components import find, find_all, prop, text, with_class
from tests.present_helpers import PERIODS, catalogue, summary

ASSETS = Path(__file__).resolve().parents[1] / "assets"


def test_slide_figure_is_thick_big_and_marks_small_numbers_hollow():
    s = summary(bme=(4, 1_000), wb=(300, 90_000))
    figure = page.slide_figure(s)
    go.Figure(figure)  # a valid figure
    lines = [t for t in figure["data"] if t.get("mode") == "lines+markers"]
    assert [t["name"] for t in lines] == ["BME", "White British"]
    assert all(t["line"]["width"] >= 4 and t["marker"]["size"] >= 12 for t in lines)
    assert all(sym.endswith("-open") for sym in lines[0]["marker"]["symbol"])
    assert not any(sym.endswith("-open") for sym in lines[1]["marker"]["symbol"])
    layout = figure["layout"]
    assert "height" not in layout  # fills its box on any screen
    assert layout["font"]["size"] >= 18 and layout["title"]["text"].startswith("Detentions")
    assert layout["yaxis"]["title"]["text"] == "per 100,000/yr"


def test_a_long_chart_title_takes_two_lines_and_more_margin():
    s = summary(name="A measure with a very long name that would run across the legend and beyond")
    layout = page.slide_figure(s)["layout"]
    assert "<br>" in layout["title"]["text"]
    assert layout["margin"]["t"] > page.slide_figure(summary())["layout"]["margin"]["t"]


def _slide(sections: list, number: int):
    """The slide of this number (0 the opening, then one per characteristic), by its class."""
    (section,) = with_class(sections, f"present-slide-{number}")
    return section


def _place(component) -> str | None:
    """The slide index of a place for a slide's chart, else None."""
    found = getattr(component, "id", None)
    if isinstance(found, dict) and found.get("type") == ids.SLIDE_CHART:
        return str(found["index"])
    return None


def test_slides_are_thirteen_with_a_chart_caption_and_a_table_on_each_data_slide():
    data = OverviewData(
        panels={n: [] for n in range(1, 13)} | {4: [summary(bme=(4, 1_000))]},
        sites=["SLAM"],
        periods=PERIODS,
        measures=["M04A"],
    )
    sections = page.slides(build_presentation(data, catalogue(), "London"), threshold=10)
    assert len(sections) == page.SLIDE_COUNT == 13
    assert [s.className.split()[1] for s in sections] == [f"present-slide-{i}" for i in range(13)]
    opening = _slide(sections, 0)
    assert "the twelve at a glance" in text(opening) and len(with_class(opening, "tile")) == 12
    detention = _slide(sections, 4)
    # the chart's place, given its graph when the slide is first shown (callbacks/present.py)
    assert len(find_all(detention, lambda c: _place(c) == "4")) == 1
    (caption,) = find_all(detention, html.Figcaption)
    words = caption.children
    assert words.startswith("Units: per 100,000 population per year · Source: KP90 return")
    assert "Period: Q1 2008 to Q4 2009" in words and "hollow points: small numbers" in words
    shown = text(detention)
    assert "View as table" in shown and "| Period | Group |" in shown
    assert "Small numbers for BME" in shown and "†" in shown
    empty = _slide(sections, 5)
    assert not find_all(empty, dcc.Graph) and not find_all(empty, lambda c: _place(c))
    assert "No measure of this characteristic is chosen" in text(empty)


def test_view_as_table_has_a_row_per_period_and_group():
    from layouts.common import data_table

    columns = {**page.TABLE_COLUMNS, "value": "Value (per 100,000 population per year)"}
    table = text(data_table(page.table_frame(summary()), columns))
    lines = table.splitlines()
    assert lines[0].startswith("| Period | Group | Value (per 100,000 population per year) |")
    assert len(lines) == 2 + 2 * len(PERIODS)
    assert "| Q1 2008 | BME | 400 |" in table and "| 40 | 10,000 |" in table
    small = text(data_table(page.table_frame(summary(bme=(4, 1_000))), columns))
    assert small.splitlines()[2].endswith("| 4 | 1,000 | yes |")


def test_layout_works_on_an_empty_catalogue_and_reads_its_parameters():
    frame = page.layout(Selection(), Catalogue.empty(), "")
    for component_id in (
        ids.PRESENT_ROOT,
        ids.PRESENT_DECK,
        ids.PRESENT_SLIDE,
        ids.PRESENT_PREV,
        ids.PRESENT_NEXT,
        ids.PRESENT_COUNTER,
        ids.PRESENT_EXIT,
        ids.PRESENT_ADVANCE,
        ids.PRESENT_REFRESH,
        ids.PRESENT_UPDATED,
    ):
        assert find(frame, component_id) is not None, component_id
    intervals = find_all(frame, dcc.Interval)
    assert intervals and all(i.disabled for i in intervals)

    selection = Selection(regions=("LDN",))
    frame = page.layout(selection, Catalogue.empty(), "?region=LDN&advance=30&refresh=60&slide=5")
    advance, refresh = find(frame, ids.PRESENT_ADVANCE), find(frame, ids.PRESENT_REFRESH)
    assert (advance.disabled, advance.interval) == (False, 30_000)
    assert (refresh.disabled, refresh.interval) == (False, 60_000)
    assert frame.className == "present-root present-at-4"
    assert prop(find(frame, ids.PRESENT_EXIT), "href") == "/?region=LDN"
    assert "next slide every 30 s" in text(frame)


def test_the_css_shows_each_slide_and_is_scoped_to_the_page():
    css = (ASSETS / "20-present.css").read_text()
    for i in range(page.SLIDE_COUNT):
        assert f".present-root.present-at-{i} .present-slide-{i}" in css
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", rules) for s in block.split(",")]
    # an at-rule (a laptop's height) is not a selector: the rules inside it are checked
    selectors = [s for s in selectors if not s.startswith("@media")]
    # every rule applies only while the present page is shown (its root, or a page holding it)
    scoped = (".present-root", "body:has(.present-root)")
    assert selectors and all(s.startswith(scoped) for s in selectors)


def test_the_script_does_nothing_off_the_present_page():
    script = (ASSETS / "present.js").read_text()
    assert 'document.querySelector(".present-root")' in script
    assert "if (!root" in script
