"""Figure builders: DataFrame in, figure out.

The Present page draws a trend per measure on each slide, so its builder returns the figure
as a plain dict (what `go.Figure(...).to_plotly_json()` would give, without the cost of
validating every property on the server); `go.Figure(trend_figure(...))` validates it in tests.
"""

from __future__ import annotations

import pandas as pd

from dashboard.vocabulary import short_unit
from layouts.theme import FONT, GROUP_STYLE, group_name


def _round(values: pd.Series) -> list[float | None]:
    """Three significant figures are more than a 190-pixel chart can show."""
    return [None if pd.isna(v) else float(f"{v:.3g}") for v in values]


def trend_figure(
    series: pd.DataFrame, unit: str, title: str, comparator: str = "White British"
) -> dict:
    """A small trend chart: one line per group with its 95% interval as a band (the
    comparator named as the measure names it: White British, or White).

    Points resting on small numbers are drawn hollow; the caption under the chart says so in
    words as well.
    """
    data: list[dict] = []
    for group, rows in series.groupby("group", sort=False):
        style = {**GROUP_STYLE[group], "name": group_name(group, comparator)}
        x = rows["label"].tolist()
        upper, lower = _round(rows["upper"]), _round(rows["lower"])
        data.append(
            {
                "type": "scatter",
                "x": x + x[::-1],
                "y": upper + lower[::-1],
                "fill": "toself",
                "fillcolor": _rgba(style["color"], 0.13),
                "line": {"width": 0},
                "hoverinfo": "skip",
                "showlegend": False,
                "name": f"{style['name']} 95% interval",
            }
        )
        symbols = [f"{style['symbol']}-open" if s else style["symbol"] for s in rows["small"]]
        data.append(
            {
                "type": "scatter",
                "x": x,
                "y": _round(rows["value"]),
                "mode": "lines+markers",
                "name": style["name"],
                "line": {"color": style["color"], "dash": style["dash"], "width": 2},
                "marker": {"symbol": symbols, "size": 6, "color": style["color"]},
                "customdata": [[lo, hi] for lo, hi in zip(lower, upper, strict=True)],
                "hovertemplate": "%{x}<br>"
                + style["name"]
                + ": %{y}<br>95% CI %{customdata[0]} to %{customdata[1]}<extra></extra>",
            }
        )
    layout = {
        "title": {"text": title, "font": {"size": 12}, "x": 0, "xanchor": "left"},
        "height": 150,
        "margin": {"l": 44, "r": 6, "t": 22, "b": 24},
        "font": {"family": FONT, "size": 11, "color": "#222"},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "legend": {
            "orientation": "h",
            "y": 1.02,
            "x": 1,
            "xanchor": "right",
            "yanchor": "bottom",
            "font": {"size": 11},
        },
        "hovermode": "closest",
        "xaxis": {
            "showgrid": False,
            "nticks": 6,
            "tickangle": 0,
            "linecolor": "#999",
            "type": "category",
        },
        "yaxis": {
            "title": {"text": short_unit(unit), "font": {"size": 10}},
            "gridcolor": "#e5e5e5",
            "rangemode": "tozero",
            "zeroline": False,
        },
    }
    return {"data": data, "layout": layout}


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"
