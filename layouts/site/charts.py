"""Figures of the My site page: a compact XmR chart per measure and the ethnicity recording
completeness trend. Data in, `go.Figure` out."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.selection import pooling_words
from dashboard.site.measure_view import MeasureView
from dashboard.vocabulary import short_unit
from layouts.charts import POINT_STYLE, xmr_chart
from layouts.figures import trend_figure
from layouts.scales import value_bounds
from layouts.sparkline import (
    BOTTOM,
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    nice_ticks,
    points,
    runs,
    svg_start,
    trend_svg,
    x_labels,
)
from layouts.xmr_svg import xmr_svg

#: The completeness chart's colour (Okabe-Ito blue, as it was in Plotly).
SHARE = "#0072B2"

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


def completeness_svg(frame: pd.DataFrame, title: str) -> str:
    """Share of records with ethnicity stated, each period, as a percentage line: an SVG image,
    as the measures' charts are (the page then needs no plotly.js, 1.2 MB, for one small
    chart). The axis runs from the 5% below the lowest share (80% at most) to 100%; periods
    resting on few records are drawn hollow, a withheld one is a gap in the line."""
    share = (frame["share"] * 100).round(1).to_numpy(dtype=float)
    drawn = share[np.isfinite(share)]
    low = min(80.0, (float(drawn.min()) // 5) * 5) if len(drawn) else 80.0
    ticks = nice_ticks(low, 100.0)
    bottom, top = ticks[0], ticks[-1]
    n = max(len(share), 1)

    def x(i: float) -> float:
        return LEFT + ((WIDTH - LEFT - RIGHT) * i / (n - 1) if n > 1 else (WIDTH - LEFT) / 2)

    def y(v: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (top - min(max(v, bottom), top)) / (top - bottom)

    parts = svg_start(title, (WIDTH, HEIGHT, LEFT, RIGHT), ticks, y, bool(len(drawn)))
    xs = [x(i) for i in range(n)]
    ys = [y(v) if np.isfinite(v) else 0.0 for v in share]
    small = frame["small"].astype(bool).tolist()
    for run in map(np.ndarray.tolist, runs(np.isfinite(share))):
        if len(run) > 1:
            line = " ".join(f"{xs[i]:.1f},{ys[i]:.1f}" for i in run)
            parts.append(
                f'<polyline points="{line}" fill="none" stroke="{SHARE}" stroke-width="2"/>'
            )
        parts.append(f"<g fill='{SHARE}' stroke='{SHARE}' stroke-width='1.5'>")
        parts += points(run, xs, ys, small, "circle", 3.2 if n <= 24 else 2.3)
        parts.append("</g>")
    parts += x_labels(list(zip(frame["period"], frame["label"], strict=True)), x, HEIGHT)
    parts.append("</svg>")
    return "".join(parts)


def completeness_words(frame: pd.DataFrame, title: str) -> str:
    """The chart in words (its image's text alternative): the first and latest shares."""
    shown = frame.dropna(subset=["share"])
    if shown.empty:
        return f"{title}: no share to show."
    first, last = shown.iloc[0], shown.iloc[-1]
    return (
        f"{title}: {first['share']:.1%} of records had ethnicity stated in {first['label']}, "
        f"{last['share']:.1%} in {last['label']}."
    )


def _title(measure: MeasureView, pooling: str) -> str:
    """ "BME, each quarter" (or "each financial year", "rolling year")."""
    periods = measure.series.get("period", [])
    return f"{GROUP_WORDS[measure.lead]}, {pooling_words(pooling, periods)}"
