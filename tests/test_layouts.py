"""Layout builders: pure functions, checked without a browser."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from dash import html

from dashboard.selection import Catalogue, Selection
from dashboard.summaries import Estimate, MeasureSummary
from dashboard.vocabulary import fmt_value
from layouts.figures import trend_figure
from layouts.overview import ids
from layouts.overview.layout import layout, measure_options
from layouts.overview.panel import measure_block, panel_body
from tests.components import find, find_all, prop, text


def _series():
    return pd.DataFrame(
        {
            "group": ["bme", "bme", "white_british", "white_british"],
            "period": ["2009Q4", "2010Q1", "2009Q4", "2010Q1"],
            "label": ["Q1", "Q2", "Q1", "Q2"],
            "value": [10.0, 12.0, 5.0, 5.5],
            "lower": [8.0, 9.0, 4.0, 4.5],
            "upper": [12.0, 15.0, 6.0, 6.5],
            "numerator": [20, 8, 50, 55],
            "small": [False, True, False, False],
        }
    )


def test_trend_figure_is_a_valid_plotly_figure_with_units_and_hollow_small_points():
    fig = go.Figure(trend_figure(_series(), "per 100,000 population per year", "Trend"))
    assert fig.layout.yaxis.title.text == "per 100,000/yr"
    assert fig.layout.title.text == "Trend"
    bme_line = next(t for t in fig.data if t.name == "BME")
    assert list(bme_line.marker.symbol) == ["circle", "circle-open"]


def _summary(small=False):
    est = Estimate(12.0, 9.0, 15.0, 8 if small else 80, 1000, small)
    return MeasureSummary(
        code="M04A",
        name="Detentions",
        unit="per 100,000",
        kind="rate",
        polarity="lower_is_better",
        by_ethnicity=True,
        latest_period="2010Q1",
        latest_label="Jan–Mar 2010",
        latest={"bme": est, "white_british": est},
        ratio=Estimate(3.5, 2.9, 4.2, 80, 50, small),
        ratio_kind="rate ratio",
        not_stated_share=0.06,
        sites=3,
        series=_series(),
        periods=(("2009Q4", "Q1"), ("2010Q1", "Q2")),
    )


def test_measure_block_says_the_ratio_in_words_with_polarity():
    shown = text(measure_block(_summary()))
    assert "rate ratio 3.50" in shown and "significantly higher for BME people (worse)" in shown
    assert "ethnicity not stated for 6% of records" in shown
    assert "Small numbers" not in shown


def test_small_numbers_are_marked_in_words():
    shown = text(measure_block(_summary(small=True)))
    assert "Small numbers" in shown and "too few for a reliable estimate" in shown


def test_empty_panel_messages():
    assert "No measure of this characteristic" in text(panel_body([]))
    empty = MeasureSummary("M01A", "Referrals", "%", "proportion", "higher_is_better", True)
    assert "No data for this selection" in text(panel_body([empty]))
    # published statistics are not returns: the words fit a programme's data and NHS England's
    assert "No figures for the selected sites" in text(panel_body([empty]))
    assert "returns" not in text(panel_body([empty]))


def test_menu_is_grouped_by_characteristic():
    cat = Catalogue(
        regions=pd.DataFrame({"code": [], "name": []}),
        organisations=pd.DataFrame(),
        characteristics=pd.DataFrame(
            {"id": [1, 2], "short_name": ["Less fear", "Satisfaction"], "title": ["a", "b"]}
        ),
        measures=pd.DataFrame(
            {
                "code": ["M01A", "M02A"],
                "name": ["x", "y"],
                "characteristic": [1, 2],
                "sites": [3, 4],
            }
        ),
        periods=pd.DataFrame({"code": [], "label": []}),
    )
    options = measure_options(cat)
    # each measure under its characteristic's heading, in its own label (Dash 4 lists the
    # chosen options first: headings of their own were left at the bottom)
    assert [o["value"] for o in options] == ["M01A", "M02A"]
    assert options[0]["label"].startswith("1 · ") and "(3 sites)" in options[0]["label"]
    assert options[1]["label"].startswith("2 · ")


def test_overview_has_twelve_panels_even_without_data():
    page = layout(Selection(), Catalogue.empty(), [])
    for n in ids.CHARACTERISTIC_NUMBERS:
        assert find(page, ids.panel(n)) is not None and find(page, ids.panel_body(n)) is not None


def test_formats():
    assert fmt_value(12.345, "proportion", "%") == "12.3%"
    assert fmt_value(float("nan"), "rate") == "–"
    assert fmt_value(3.0, "count") == "3"


def test_no_significance_claim_on_small_numbers():
    shown = text(measure_block(_summary(small=True)))
    assert "numbers too small to judge a difference" in shown
    assert "significantly" not in shown


def test_trend_verdict_in_words():
    from dataclasses import replace

    block = measure_block(replace(_summary(), variation="improvement_low", trend_points=20))
    assert "Special-cause improvement (lower values)" in text(block)  # the badge
    assert "over 20 periods (XmR chart)" in text(block)
    alternatives = [prop(image, "alt") for image in find_all(block, html.Img)]
    assert "Special-cause improvement (lower values)" in alternatives  # the icon's words


def test_table_cells_cannot_break_the_table_or_make_links():
    import pandas as pd

    from layouts.common import data_table

    names = ["Evil\n<b>bold</b> </td></tr><script>x()</script>", "see https://x.example"]
    table = data_table(pd.DataFrame({"name": names}))
    written = table.html
    assert "<script>" not in written and "<b>" not in written and "&lt;script&gt;" in written
    assert written.count("<tr>") == 3 and written.count("<td>") == 2  # header and two rows
    assert "<a" not in written  # a URL stays words
    rows = text(table).splitlines()
    assert rows[2] == "| Evil <b>bold</b> </td></tr><script>x()</script> |"  # as written
    assert rows[3] == "| see https://x.example |"


def test_selection_rurality_is_checked_even_when_built_in_code():
    from dashboard.selection import Catalogue, Selection

    assert Selection(rurality="<b>").validated(Catalogue.empty()).rurality == "all"


def test_detail_charts_download_as_png_and_tables_as_csv():
    import pandas as pd

    from layouts.common import chart_block

    block = chart_block({}, pd.DataFrame({"a": [1]}), "Detentions: rate per 100,000")
    graph, _, details = block.children
    assert graph.config["modeBarButtons"] == [["toImage"]]
    assert graph.config["toImageButtonOptions"]["format"] == "png"
    button = details.children[-1]
    assert button.children == "Download CSV"
    assert getattr(button, "data-filename") == "dre-detentions-rate-per-100-000.csv"
