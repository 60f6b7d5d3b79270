"""The ratio chart, and how the characteristic page's charts mark small numbers and write
their axis titles."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from layouts.charts import base_layout
from layouts.theme import GROUP_STYLE

RATIO_COLOUR = GROUP_STYLE["bme"]["color"]
SMALL_LABEL = "Small numbers (†)"


def axis_label(label: str) -> str:
    """A period label on two lines ('Apr–Jun<br>2005'), so that more of them fit an axis; a
    pooled label loses its 'Year to' (the caption says how the values are pooled)."""
    words = str(label).split()
    return "<br>".join(words[-2:])


def mark_small(fig: go.Figure, x, y, small) -> go.Figure:
    """Ring the points that rest on small numbers, with a legend entry that says so."""
    flags = pd.Series(list(small), dtype="boolean").fillna(False).to_numpy(dtype=bool)
    if not flags.any():
        return fig
    xs = [v for v, f in zip(x, flags, strict=True) if f]
    ys = [v for v, f in zip(y, flags, strict=True) if f]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            name=SMALL_LABEL,
            marker={"symbol": "circle-open", "size": 17, "color": "#222", "line": {"width": 1.5}},
            cliponaxis=False,  # whole at an axis's end (0 or 100%)
            hoverinfo="skip",
        )
    )
    return fig


def ratio_chart(
    ratios: pd.DataFrame, ratio_kind: str, title: str, comparator: str = "White British"
) -> go.Figure:
    """The BME : White British ratio of each period (columns label, value, lower, upper, small)
    with its 95% interval as a band and a reference line at 1 (no difference), on a log scale
    so that a ratio of 2 and one of 0.5 lie equally far from 1."""
    labels = [axis_label(v) for v in ratios["label"]]
    drawn = ratios[ratios["value"].map(lambda v: v is not None and math.isfinite(v))]
    x = [axis_label(v) for v in drawn["label"]]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=x + x[::-1],
            y=drawn["upper"].tolist() + drawn["lower"].tolist()[::-1],
            fill="toself",
            fillcolor="rgba(0,114,178,0.15)",
            line={"width": 0},
            name="95% interval",
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=[1.0] * len(labels),
            mode="lines",
            name="No difference (ratio 1)",
            line={"color": "#222", "width": 1.5, "dash": "dash"},
            hoverinfo="skip",
        )
    )
    symbols = ["circle-open" if s else "circle" for s in drawn["small"]]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=drawn["value"],
            mode="lines+markers",
            name=f"BME : {comparator} {ratio_kind}",
            line={"color": RATIO_COLOUR, "width": 2},
            marker={"symbol": symbols, "size": 8, "color": RATIO_COLOUR},
            customdata=drawn[["lower", "upper"]].to_numpy(),
            hovertemplate="%{x}: %{y:.2f} (95% CI %{customdata[0]:.2f} to %{customdata[1]:.2f})"
            "<extra></extra>",
        )
    )
    mark_small(fig, x, drawn["value"].tolist(), drawn["small"])
    fig.update_yaxes(type="log", title_text=f"{ratio_kind} (log scale)")
    fig.update_xaxes(categoryorder="array", categoryarray=labels, nticks=5, tickangle=0)
    return base_layout(fig, title)
