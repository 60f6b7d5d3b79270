"""The Present page: what each slide says, the figures drawn for a projector, the page's own
parameters, and the slides built from the demonstration data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import dcc, html

from dashboard.overview.data import OverviewData
from dashboard.present import (
    build_presentation,
    change,
    lead_measure,
    message,
    presentation,
    seconds_param,
    start_slide,
    verdict,
)
from dashboard.selection import Catalogue, Selection
from dashboard.summaries import summarise_measure
from dashboard.vocabulary import ratio_verdict
from layouts.present import ids
from layouts.present import layout as page
from tests.conftest import signed_in_request

ASSETS = Path(__file__).resolve().parents[1] / "assets"
PERIODS = [f"{y}Q{q}" for y in (2008, 2009) for q in (1, 2, 3, 4)]
LABELS = {p: f"{p[4:]} {p[:4]}" for p in PERIODS}


def _measure(**kw) -> pd.Series:
    base = dict(
        code="M04A",
        name="Detentions under the Mental Health Act",
        unit="per 100,000 population per year",
        kind="rate",
        multiplier=100_000,
        polarity="lower_is_better",
        by_ethnicity=True,
        characteristic=4,
    )
    return pd.Series({**base, **kw})


def _summary(bme=(40, 10_000), wb=(70, 90_000), periods=PERIODS, **kw):
    """A summary over `periods` quarters with the same counts each quarter."""
    rows = [
        (kw.get("code", "M04A"), p, group, n, d, 2)
        for p in periods
        for group, (n, d) in (("bme", bme), ("white_british", wb))
    ]
    totals = pd.DataFrame(
        rows, columns=["measure", "period", "group", "numerator", "denominator", "sites"]
    )
    return summarise_measure(_measure(**kw), totals, LABELS, threshold=10)


def _catalogue() -> Catalogue:
    chars = pd.DataFrame(
        {
            "id": range(1, 13),
            "short_name": [f"Char {n}" for n in range(1, 13)],
            "title": [f"Goal {n}" for n in range(1, 13)],
        }
    )
    measures = pd.DataFrame(
        {"code": ["M04A", "M04B"], "source": ["KP90 return", "Census"], "characteristic": [4, 4]}
    )
    periods = pd.DataFrame(
        {"code": PERIODS, "label": [LABELS[p] for p in PERIODS], "granularity": "quarter"}
    )
    return Catalogue(pd.DataFrame(), pd.DataFrame(), chars, measures, periods)


# The data functions: the one message in words.


def test_a_significant_ratio_is_worded_by_polarity():
    s = _summary()  # 400 against 78 per 100,000: about five times, lower is better
    assert ratio_verdict(s.ratio, s.polarity)[:2] == (
        "significantly higher for BME people (worse)",
        "worse",
    )
    better = _summary(polarity="higher_is_better")
    assert ratio_verdict(better.ratio, better.polarity).tone == "better"
    neutral = _summary(polarity="no_judgement")
    assert ratio_verdict(neutral.ratio, neutral.polarity)[:2] == (
        "significantly higher for BME people",
        "different",
    )
    assert verdict(s) == ("Worse", "worse")


def test_no_significance_is_claimed_on_small_numbers_or_an_interval_across_one():
    small = _summary(bme=(4, 1_000), wb=(30, 9_000))
    assert small.ratio.small
    assert ratio_verdict(small.ratio, small.polarity)[:2] == (
        "numbers too small to judge a difference",
        "small",
    )
    assert change(small) == "numbers too small to judge a change"
    assert verdict(small) == ("Too small to judge", "small")
    same = _summary(bme=(100, 10_000), wb=(900, 90_000))
    assert ratio_verdict(same.ratio, same.polarity)[:2] == ("no significant difference", "similar")


def test_the_message_carries_the_ratio_its_interval_and_the_trend():
    s = _summary()
    text = message(s)
    r = s.ratio
    assert text.startswith("Detentions under the Mental Health Act, BME : White British rate")
    assert f"rate ratio {r.value:.2f} (95% CI {r.lower:.2f} to {r.upper:.2f})" in text
    assert "significantly higher for BME people (worse)." in text
    assert text.endswith(
        "For BME people, no significant change (common-cause variation) in 8 quarters."
    )


def test_a_measure_without_ethnicity_is_worded_by_its_value():
    rows = [("M12A", p, "all", 50, 100, 3) for p in PERIODS]
    totals = pd.DataFrame(
        rows, columns=["measure", "period", "group", "numerator", "denominator", "sites"]
    )
    measure = _measure(
        code="M12A",
        name="Staff trained",
        unit="%",
        kind="proportion",
        multiplier=100,
        by_ethnicity=False,
    )
    s = summarise_measure(measure, totals, LABELS, threshold=10)
    text = message(s)
    assert text.startswith("Staff trained: 50.0% for all people in Q4 2009 (95% CI ")
    assert text.endswith("Overall, no significant change (common-cause variation) in 8 quarters.")
    assert verdict(s) == ("Stable", "trend")


def test_the_lead_measure_is_the_first_with_a_ratio_else_the_first_with_data():
    no_data = _summary(periods=[], code="M04C")
    no_ratio = _summary(kind="mean", code="M04D")
    with_ratio = _summary(code="M04E")
    assert lead_measure([no_data, no_ratio, with_ratio]) is with_ratio
    assert lead_measure([no_data, no_ratio]) is no_ratio
    assert lead_measure([no_data]) is None
    assert lead_measure([]) is None


def test_build_presentation_says_why_a_slide_is_empty():
    data = OverviewData(
        panels={n: [] for n in range(1, 13)} | {4: [_summary()], 5: [_summary(periods=[])]},
        sites=["SLAM"],
        periods=PERIODS,
        measures=["M04A"],
    )
    p = build_presentation(data, _catalogue(), "London")
    assert [s.number for s in p.slides] == list(range(1, 13))
    assert p.period == "Q1 2008 to Q4 2009" and p.notice is None
    four, five, six = p.slides[3], p.slides[4], p.slides[5]
    assert four.lead is not None and four.source == "KP90 return" and four.tone == "worse"
    assert five.message == "No returns for the selected sites and period."
    assert five.verdict == "No data"
    assert six.message.startswith("No measure of this characteristic is chosen")
    assert six.verdict == "Not chosen"
    nobody = build_presentation(OverviewData({}, [], PERIODS, []), _catalogue(), "")
    assert nobody.notice.startswith("No site matches this selection")
    assert all(s.message == nobody.notice for s in nobody.slides)


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("?advance=30", 30),
        ("?region=LDN&advance=5", 5),
        ("?advance=3600", 3600),
        ("?advance=4", None),
        ("?advance=3601", None),
        ("?advance=30.5", None),
        ("?advance=-10", None),
        ("?advance=soon", None),
        ("", None),
    ],
)
def test_seconds_are_integers_from_5_to_3600(search, expected):
    assert seconds_param(search, "advance") == expected


def test_the_starting_slide_is_one_based_and_validated():
    assert start_slide("?slide=5", 13) == 4
    assert start_slide("?slide=13", 13) == 12
    assert start_slide("?slide=14", 13) == 0
    assert start_slide("?slide=0", 13) == 0
    assert start_slide("?slide=x", 13) == 0


# The builders: figures for a projector, slides, the frame.


def test_slide_figure_is_thick_big_and_marks_small_numbers_hollow():
    s = _summary(bme=(4, 1_000), wb=(300, 90_000))
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
    s = _summary(name="A measure with a very long name that would run across the legend and beyond")
    layout = page.slide_figure(s)["layout"]
    assert "<br>" in layout["title"]["text"]
    assert layout["margin"]["t"] > page.slide_figure(_summary())["layout"]["margin"]["t"]


def _find(component, predicate) -> list:
    found = [component] if predicate(component) else []
    children = getattr(component, "children", None)
    if isinstance(children, (list, tuple)):
        for child in children:
            found += _find(child, predicate)
    elif children is not None and hasattr(children, "to_plotly_json"):
        found += _find(children, predicate)
    return found


def _text(component) -> str:
    return json.dumps(
        component.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False
    )


def test_slides_are_thirteen_with_a_chart_caption_and_a_table_on_each_data_slide():
    data = OverviewData(
        panels={n: [] for n in range(1, 13)} | {4: [_summary(bme=(4, 1_000))]},
        sites=["SLAM"],
        periods=PERIODS,
        measures=["M04A"],
    )
    sections = page.slides(build_presentation(data, _catalogue(), "London"), threshold=10)
    assert len(sections) == page.SLIDE_COUNT == 13
    assert [s.className.split()[1] for s in sections] == [f"present-slide-{i}" for i in range(13)]
    opening = _text(sections[0])
    assert "the twelve at a glance" in opening and opening.count('"tile tile-') == 12
    detention = sections[4]
    graphs = _find(detention, lambda c: isinstance(c, dcc.Graph))
    assert len(graphs) == 1
    caption = _find(detention, lambda c: isinstance(c, html.Figcaption))[0].children
    assert caption.startswith("Units: per 100,000 population per year · Source: KP90 return")
    assert "Period: Q1 2008 to Q4 2009" in caption and "hollow points: small numbers" in caption
    text = _text(detention)
    assert "View as table" in text and "| Period | Group |" in text
    assert "Small numbers for BME" in text and "†" in text
    empty = sections[5]
    assert not _find(empty, lambda c: isinstance(c, dcc.Graph))
    assert "No measure of this characteristic is chosen" in _text(empty)


def test_view_as_table_has_a_row_per_period_and_group():
    from layouts.common import data_table

    columns = {**page.TABLE_COLUMNS, "value": "Value (per 100,000 population per year)"}
    table = data_table(page.table_frame(_summary()), columns).children
    lines = table.splitlines()
    assert lines[0].startswith("| Period | Group | Value (per 100,000 population per year) |")
    assert len(lines) == 2 + 2 * len(PERIODS)
    assert "| Q1 2008 | BME | 400 |" in table and "| 40 | 10,000 |" in table
    small = data_table(page.table_frame(_summary(bme=(4, 1_000))), columns).children
    assert small.splitlines()[2].endswith("| 4 | 1,000 | yes |")


def test_layout_works_on_an_empty_catalogue_and_reads_its_parameters():
    frame = page.layout(Selection(), Catalogue.empty(), "")
    text = _text(frame)
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
        assert f'"{component_id}"' in text
    intervals = _find(frame, lambda c: isinstance(c, dcc.Interval))
    assert all(i.disabled for i in intervals)

    selection = Selection(regions=("LDN",))
    frame = page.layout(selection, Catalogue.empty(), "?region=LDN&advance=30&refresh=60&slide=5")
    advance, refresh = _find(frame, lambda c: isinstance(c, dcc.Interval))
    assert (advance.disabled, advance.interval) == (False, 30_000)
    assert (refresh.disabled, refresh.interval) == (False, 60_000)
    assert frame.className == "present-root present-at-4"
    assert _find(frame, lambda c: getattr(c, "id", None) == ids.PRESENT_EXIT)[0].href == (
        "/?region=LDN"
    )
    assert "next slide every 30 s" in _text(frame)


def test_the_css_shows_each_slide_and_is_scoped_to_the_page():
    css = (ASSETS / "20-present.css").read_text()
    for i in range(page.SLIDE_COUNT):
        assert f".present-root.present-at-{i} .present-slide-{i}" in css
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", rules) for s in block.split(",")]
    assert selectors and all(s.startswith(".present-root") for s in selectors)


def test_the_script_does_nothing_off_the_present_page():
    script = (ASSETS / "present.js").read_text()
    assert 'document.querySelector(".present-root")' in script
    assert "if (!root" in script


# The slides from the demonstration data.


def test_presentation_from_the_demonstration_data(app):
    from dashboard.loaders import load_catalogue

    with app.server.app_context():
        catalogue = load_catalogue()
        p = presentation(Selection(regions=("LDN",)).validated(catalogue), catalogue)
        nobody = presentation(
            Selection(trusts=("DORPCT",), regions=("LDN",)).validated(catalogue), catalogue
        )
    assert p.context.startswith("London · 10 sites · Apr–Jun 2005 to Jan–Mar 2010")
    detention = p.slides[3]
    assert detention.lead.code == "M04A"
    assert re.match(
        r"Detentions under the Mental Health Act, BME : White British rate ratio \d\.\d\d "
        r"\(95% CI \d\.\d\d to \d\.\d\d\): significantly higher for BME people \(worse\)\.",
        detention.message,
    )
    assert "20 quarters" in detention.message
    assert nobody.notice and all(s.lead is None for s in nobody.slides)


def test_deck_callback_rebuilds_the_slides_and_says_when(app):
    from callbacks.present import update_deck

    with signed_in_request(app):
        deck, updated = update_deck(0, "?region=LDN")
        again, updated_refresh = update_deck(3, "?region=LDN&refresh=60")
    assert len(deck) == 13 and updated == ""
    assert len(again) == 13 and re.fullmatch(r" · updated \d\d:\d\d:\d\d", updated_refresh)


def test_a_refresh_tick_reads_the_database_not_the_cache(app, monkeypatch):
    from callbacks.present import update_deck
    from data_access import totals

    calls = []

    def counted(real):
        def read(*args, **kwargs):
            calls.append(1)
            return real(*args, **kwargs)

        return read

    # a whole region is read from the summary by area, other selections by site
    for name in ("group_totals", "area_totals"):
        monkeypatch.setattr(totals, name, counted(getattr(totals, name)))
    with signed_in_request(app):
        update_deck(0, "?region=NW&refresh=60")
        update_deck(0, "?region=NW&refresh=60")  # the page opened again: cached
        assert len(calls) == 1
        update_deck(1, "?region=NW&refresh=60")  # a refresh tick: read again
        assert len(calls) == 2
