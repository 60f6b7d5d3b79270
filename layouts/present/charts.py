"""The chart of a characteristic's slide: the overview's trend, drawn to be read from the back
of a room, with its caption and "View as table"."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.present import Presentation, Slide
from dashboard.selection import TREND_TITLES
from dashboard.summaries import MeasureSummary
from dashboard.vocabulary import ON_QUARTERS, WITHHELD
from layouts.common import chart_block, chart_caption, say_withheld
from layouts.figures import trend_figure
from layouts.present import ids

GROUPS = {"bme": "BME", "white_british": "White British", "all": "All people"}
TABLE_COLUMNS = {
    "label": "Period",
    "group": "Group",
    "value": "Value",
    "lower": "95% CI lower",
    "upper": "95% CI upper",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "small": "Small numbers",
}


def slide_chart(
    slide: Slide, presentation: Presentation, lead: MeasureSummary, index: int
) -> html.Figure:
    """The trend chart with its caption and "View as table"; the chart itself is put in its
    place from the deck's store of figures when the slide is first shown (`slide_figure`):
    twelve graphs on arrival, even empty, cost the browser plotly.js and twelve drawings
    before the slide that is shown."""
    extra = f"{lead.sites} site(s) · shaded: 95% interval · hollow points: small numbers"
    if lead.left_out:
        extra += f" · {lead.left_out}"
    if lead.pooling != "quarter":
        extra += f" · trend {ON_QUARTERS}"
    caption = chart_caption(lead.unit, slide.source or "site returns", presentation.period, extra)
    return chart_block(
        {},
        table_frame(lead),
        caption,
        columns={**TABLE_COLUMNS, "value": f"Value ({lead.unit})"},
        class_name="present-chart",
        chart=html.Div(id={"type": ids.SLIDE_CHART, "index": index}, className="present-graph"),
    )


def table_frame(lead: MeasureSummary) -> pd.DataFrame:
    """The chart's figures: each period and group, value, interval, counts, small flag; a
    withheld value's reason in its place, and no counts."""
    names = {**GROUPS, "white_british": lead.comparator}
    return say_withheld(lead.series.assign(group=lead.series["group"].map(names)))


def slide_figure(summary: MeasureSummary) -> dict:
    """The overview's trend chart, drawn to be read from the back of a room: thick lines,
    big markers (hollow where numbers are small), big type, and the height of its box."""
    drawn = summary.series.dropna(subset=["value"]) if not summary.series.empty else summary.series
    title = summary.name
    if summary.pooling != "quarter":
        title += f": {TREND_TITLES[summary.pooling].lower()}"
    figure = trend_figure(drawn, summary.unit, _wrap(title), summary.comparator)
    if drawn.empty and summary.withheld_periods:  # nothing to draw: why, across the chart
        figure["layout"]["annotations"] = [
            {"text": WITHHELD, "showarrow": False, "xref": "paper", "yref": "paper"}
            | {"x": 0.5, "y": 0.5, "font": {"size": 24, "color": "#505a5f"}}
        ]
    for trace in figure["data"]:
        if trace.get("fill") == "toself":
            trace["fillcolor"] = trace["fillcolor"].replace("0.13)", "0.2)")
        else:
            colour = trace["line"]["color"]
            trace["line"]["width"] = 5
            trace["marker"].update(size=15, line={"width": 3, "color": colour})
    layout = figure["layout"]
    layout.pop("height", None)
    layout.update(
        autosize=True,
        font={**layout["font"], "size": 20, "color": "#0b0c0c"},
        margin={"l": 90, "r": 20, "t": 50 + 30 * layout["title"]["text"].count("<br>"), "b": 40},
        hoverlabel={"font": {"size": 20}},
    )
    # The title just above the plot, in a top margin that fits its lines (`automargin` drew
    # the traces off their axis when it had to grow the margin); the legend under the axis,
    # where a long title cannot run into it.
    layout["title"].update(
        font={"size": 24}, xref="paper", yref="paper", y=1, yanchor="bottom", pad={"b": 12}
    )
    layout["legend"].update(font={"size": 22}, x=0, xanchor="left", y=-0.1, yanchor="top")
    layout["xaxis"].update(tickfont={"size": 18}, nticks=5, linecolor="#555")
    layout["yaxis"]["title"]["font"] = {"size": 20}
    layout["yaxis"].update(tickfont={"size": 18}, gridcolor="#d9d9d9")
    return figure


def _wrap(title: str, width: int = 70) -> str:
    """A long chart title on two lines (Plotly does not wrap titles)."""
    if len(title) <= width:
        return title
    cut = title.rfind(" ", 0, width)
    return title[:cut] + "<br>" + title[cut + 1 :] if cut > 0 else title
