"""The site page's XmR charts drawn on the server as SVG images, as the overview's trends are
(layouts/sparkline.py).

A site lead's page shows one XmR chart per agreed measure: at national scale up to 70. As
Plotly graphs each cost the browser tens of milliseconds to lay out and draw, and the server
as much to build and validate; the page took 11.9 s from a link. A chart that needs no zoom
or pan is an image: a few kilobytes, drawn at once, sharp at any size. Its figures are in the
table behind "View as table", and in words in its caption and its text alternative.
"""

from __future__ import annotations

import math

import numpy as np

from layouts.scales import NO_BOUNDS, Bounds
from layouts.sparkline import nice_ticks, runs, svg_start, x_labels

WIDTH, HEIGHT = 400.0, 150.0
LEFT, RIGHT, TOP, BOTTOM = 40.0, 8.0, 8.0, 19.0
LIMITS, MEAN, TARGET, LINE = "#555555", "#222222", "#009E73", "#8C8C8C"


def _finite(*arrays) -> np.ndarray:
    values = np.concatenate([np.asarray(a, dtype=float).reshape(-1) for a in arrays])
    return values[np.isfinite(values)]


def xmr_svg(
    labels: list[str],
    values,
    result,
    colours: list[str],
    small,
    title: str,
    bounds: Bounds = NO_BOUNDS,
) -> str:
    """An XmR chart as NHS boards read it (`layouts.charts.xmr_chart`, drawn as an image): the
    process limits dashed, the mean solid, the target dotted green, the values as a grey line
    whose points take each point's colour (`colours`: special causes blue, orange or purple,
    common cause grey), hollow where they rest on small numbers (`small`). A value that is
    missing or withheld is a gap. `title` is the image's accessible name."""
    values = np.asarray(values, dtype=float)
    small = np.asarray(small, dtype=bool)
    n = max(len(labels), 1)
    target = getattr(result, "target", None)
    limits = [result.upls, result.lpls, result.means] if result is not None else []
    seen = _finite(values, *limits, [target] if target is not None else [])
    low_bound, high_bound = bounds
    low = min(0.0, float(seen.min())) if len(seen) else 0.0
    high = float(seen.max()) if len(seen) else 1.0
    if low_bound is not None:
        low = max(low, low_bound)
    if high_bound is not None:
        high = min(high, high_bound)
    ticks = nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]
    span_x = WIDTH - LEFT - RIGHT

    def x(i: float) -> float:
        return LEFT + (span_x * i / (n - 1) if n > 1 else span_x / 2)

    def y(v: float) -> float:
        v = min(max(v, low), high)  # limits past the measure's bounds stop at its edge
        return TOP + (HEIGHT - TOP - BOTTOM) * (high - v) / (high - low)

    parts = svg_start(title, (WIDTH, HEIGHT, LEFT, RIGHT), ticks, y, bool(len(seen)))

    def line(series, colour: str, width: float, dash: str = "") -> None:
        series = np.asarray(series, dtype=float)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for run in runs(np.isfinite(series)):
            if len(run) < 2:
                continue
            points = " ".join(f"{x(i):.1f},{y(series[i]):.1f}" for i in run)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" '
                f'stroke-width="{width}"{dash_attr}/>'
            )

    if result is not None:
        line(result.upls, LIMITS, 1.2, "5 3")
        line(result.lpls, LIMITS, 1.2, "5 3")
        line(result.means, MEAN, 1.5)
    if target is not None and math.isfinite(target):
        line([target] * n, TARGET, 2, "2 3")
    line(values, LINE, 1.5)
    size = 3.2 if n <= 24 else 2.4
    for i in np.flatnonzero(np.isfinite(values)):
        colour = colours[i] if i < len(colours) else LINE
        fill = "white" if small[i] else colour
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(values[i]):.1f}" r="{size:.1f}" fill="{fill}" '
            f'stroke="{colour}" stroke-width="1.5"/>'
        )
    parts += x_labels(list(zip(labels, labels, strict=True)), x, HEIGHT)
    parts.append("</svg>")
    return "".join(parts)
