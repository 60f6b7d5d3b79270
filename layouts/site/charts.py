"""Figures of the My site page: a compact XmR chart per measure and the ethnicity recording
completeness trend. Data in, `go.Figure` out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.selection import pooling_words
from dashboard.site.measure_view import MeasureView
from dashboard.vocabulary import short_unit
from layouts.charts import POINT_STYLE, xmr_chart
from layouts.figures import trend_figure
from layouts.scales import value_axis, value_bounds
from layouts.sparkline import trend_svg
from layouts.theme import FONT
from layouts.xmr_svg import xmr_svg

XMR_HEIGHT = 260
SMALL_MARKER = "Small numbers (hollow)"
GROUP_WORDS = {"bme": "BME", "all": "All people"}


def year_ticks(periods: list[str], labels: list[str]) -> dict:
    """Category ticks at the first quarter of each year, labelled with the year, so that a
    half-width chart shows five short labels instead of twenty long ones."""
    keep = [i for i, p in enumerate(periods) if p.endswith("Q1")] or list(range(len(periods)))[:1]
    return {
        "tickmode": "array",
        "tickvals": [labels[i] for i in keep],
        "ticktext": [periods[i][:4] for i in keep],
        "tickangle": 0,
    }


def site_xmr_image(measure: MeasureView, pooling: str = "quarter") -> str:
    """The measure's chart as an SVG image (layouts/xmr_svg.py): the XmR chart (mean, process
    limits, target, special causes coloured, small numbers hollow), or under pooling the
    rolling values with their 95% intervals (`layouts.sparkline.trend_svg`)."""
    series = measure.series
    title = _title(measure, pooling)
    if measure.pooled or measure.xmr is None:
        periods = list(zip(series["period"], series["label"], strict=True))
        return trend_svg(series.assign(group=measure.lead), periods, title)
    types = measure.xmr.point_type
    colours = [POINT_STYLE.get(t, POINT_STYLE["common_cause"])[1] for t in types]
    small = series["small"].to_numpy(dtype=bool) & series["value"].notna().to_numpy()
    return xmr_svg(
        series["label"].tolist(),
        series["value"].to_numpy(dtype=float),
        measure.xmr,
        colours,
        small,
        title,
        value_bounds(measure.kind, measure.unit),
    )


def site_xmr_figure(measure: MeasureView, pooling: str = "quarter") -> dict:
    """The measure's XmR chart (`layouts.charts.xmr_chart`: mean, process limits, target,
    special causes, variation and assurance icons), made compact for a grid of twenty, with
    the points that rest on small numbers drawn hollow, as on the overview.

    Returned as a plain dict: twenty of them are drawn at once, and changing a validated
    `go.Figure` costs more than drawing it (`go.Figure(...)` validates it in tests).

    Under pooling, the rolling values with their 95% intervals and no process limits: rolling
    values overlap, so the XmR verdict is the quarters' own (the card says so)."""
    if measure.pooled:
        return rolling_figure(measure, pooling)
    series = measure.series
    labels = series["label"].tolist()
    values = series["value"].tolist()
    title = _title(measure, pooling)
    bounds = value_bounds(measure.kind, measure.unit)  # limits past 0 or 100% are cut at the edge
    unit = short_unit(measure.unit)
    fig = xmr_chart(labels, values, measure.xmr, unit, title, bounds).to_plotly_json()
    small = series["small"].to_numpy(dtype=bool) & series["value"].notna().to_numpy()
    if small.any():
        colours = [
            POINT_STYLE.get(t, POINT_STYLE["common_cause"])[1]
            for t, s in zip(measure.xmr.point_type, small, strict=True)
            if s
        ]
        fig["data"].append(
            {
                "type": "scatter",
                "x": [x for x, s in zip(labels, small, strict=True) if s],
                "y": [v for v, s in zip(values, small, strict=True) if s],
                "mode": "markers",
                "name": SMALL_MARKER,
                "marker": {"color": "white", "size": 8, "line": {"color": colours, "width": 2}},
                "cliponaxis": False,
                "hovertemplate": "%{x}: %{y:.3g} (small numbers)<extra></extra>",
            }
        )
    layout = fig["layout"]
    layout.pop("template", None)  # colours are explicit; the default template is 7 KB a chart
    # The card shows the icons beside the measure's name; twice in one card is clutter.
    layout.pop("images", None)
    layout.update(
        height=XMR_HEIGHT,
        showlegend=False,
        margin={"l": 56, "r": 14, "t": 46, "b": 30},
        hovermode="closest",
    )
    layout["title"]["font"] = {"size": 13}
    layout["font"] = {**layout.get("font", {}), "size": 11}
    layout["xaxis"] = {
        **layout.get("xaxis", {}),
        "type": "category",
        **year_ticks(series["period"].tolist(), labels),
    }
    layout["yaxis"] = {**layout.get("yaxis", {})}
    layout["yaxis"]["title"] = {**layout["yaxis"].get("title", {}), "font": {"size": 11}}
    return fig


def rolling_figure(measure: MeasureView, pooling: str) -> dict:
    """The measure's rolling values with their intervals (`layouts.figures.trend_figure`),
    compact as the XmR charts beside it; withheld periods are gaps."""
    drawn = measure.series.dropna(subset=["value"]).assign(group=measure.lead)
    title = _title(measure, pooling)
    fig = trend_figure(drawn, measure.unit, title)
    fig["layout"].update(
        height=XMR_HEIGHT, showlegend=False, margin={"l": 56, "r": 14, "t": 46, "b": 30}
    )
    fig["layout"]["title"]["font"] = {"size": 13}
    periods, labels = measure.series["period"].tolist(), measure.series["label"].tolist()
    fig["layout"]["xaxis"] = {
        **fig["layout"]["xaxis"],
        "categoryorder": "array",
        "categoryarray": labels,
        **year_ticks(periods, labels),
    }
    return fig


def completeness_figure(frame: pd.DataFrame, title: str) -> go.Figure:
    """Share of records with ethnicity stated, each period, as a percentage line; periods
    resting on few records are drawn hollow."""
    share = (frame["share"] * 100).round(1)
    symbols = ["circle-open" if s else "circle" for s in frame["small"]]
    fig = go.Figure(
        go.Scatter(
            x=frame["label"],
            y=share,
            mode="lines+markers",
            name="Ethnicity stated",
            line={"color": "#0072B2", "width": 2},
            marker={"symbol": symbols, "size": 7, "color": "#0072B2"},
            cliponaxis=False,
            customdata=frame[["records", "not_stated"]].to_numpy(),
            hovertemplate="%{x}: %{y:.1f}% stated<br>%{customdata[1]:,} of %{customdata[0]:,}"
            " records not stated<extra></extra>",
        )
    )
    low = min(80.0, (float(share.min()) // 5) * 5) if len(share) else 80.0
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 13}},
        height=200,
        margin={"l": 48, "r": 12, "t": 34, "b": 28},
        font={"family": FONT, "size": 11, "color": "#222"},
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
    )
    fig.update_yaxes(
        title_text="% stated",
        **value_axis([low, 100.0], (0.0, 100.0), pad=0),
        gridcolor="#e5e5e5",
        zeroline=False,
    )
    fig.update_xaxes(
        type="category",
        showgrid=False,
        **year_ticks(frame["period"].tolist(), frame["label"].tolist()),
    )
    return fig


def _title(measure: MeasureView, pooling: str) -> str:
    """ "BME, each quarter" (or "each financial year", "rolling year")."""
    periods = measure.series.get("period", [])
    return f"{GROUP_WORDS[measure.lead]}, {pooling_words(pooling, periods)}"
