"""The overview's small trend charts, drawn on the server as SVG images.

The overview shows one trend per chosen measure: at national scale 80 to 90 of them. As Plotly
graphs they cost the browser about 60 ms each to lay out and draw (five seconds for the
page, after 1.4 MB of plotly.js), for a chart that needs no zoom or pan. As SVG, they are an
image each: a few hundred bytes, drawn at once, sharp at any size. The values behind them are
in the panel's text and on the characteristic's page (Details), where the charts are Plotly's
and answer the pointer.
"""

from __future__ import annotations

import math
import re
from html import escape
from urllib.parse import quote

import numpy as np
import pandas as pd

from layouts.theme import GROUP_STYLE

#: The chart's box in SVG user units; the image scales with the panel's width.
WIDTH, HEIGHT = 400.0, 128.0
LEFT, RIGHT, TOP, BOTTOM = 40.0, 8.0, 7.0, 19.0
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"
AXIS = "#505a5f"
GRID = "#e5e5e5"
DASHES = {"solid": "", "dash": "6 4"}


def nice_ticks(low: float, high: float, most: int = 4) -> list[float]:
    """Round values from at or below `low` to at or above `high`, at most `most` of them, a
    step of 1, 2 or 5 times a power of ten apart (as a chart's axis would have them)."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        high = low + 1 if math.isfinite(low) else 1.0
        low = 0.0 if not math.isfinite(low) else low
    raw = (high - low) / (most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = [start]
    while ticks[-1] < high - 1e-9 * step:
        ticks.append(ticks[-1] + step)
    return [round(t, 10) for t in ticks]


def _tick_label(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"


def _columns(series: pd.DataFrame) -> dict[str, np.ndarray]:
    """The series' columns as arrays (one conversion, then cheap masks per group)."""
    if series.empty:
        empty = np.array([], dtype=object)
        return {"group": empty, "period": empty, "small": np.array([], dtype=bool)} | {
            c: np.array([], dtype=float) for c in ("value", "lower", "upper")
        }
    return {
        "group": series["group"].to_numpy(dtype=object),
        "period": series["period"].to_numpy(dtype=object),
        "small": series["small"].to_numpy(dtype=bool),
        **{c: series[c].to_numpy(dtype=float) for c in ("value", "lower", "upper")},
    }


def runs(mask: np.ndarray) -> list[np.ndarray]:
    """Indexes of each run of consecutive True values."""
    index = np.flatnonzero(mask)
    if len(index) == 0:
        return []
    return np.split(index, np.flatnonzero(np.diff(index) > 1) + 1)


def trend_svg(
    series: pd.DataFrame, periods: list[tuple[str, str]], title: str, note: str = ""
) -> str:
    """An SVG trend of each group in `series` (columns group, period, value, lower, upper,
    small) over `periods` ((code, label) in order; a period without a value, none returned or
    withheld, is a gap in the line): the 95% interval as a band, the values as a line with
    points, hollow where they rest on small numbers. `title` becomes the image's accessible
    name; `note` is written across a chart with no value to draw (why there is none)."""
    position = {code: i for i, (code, _) in enumerate(periods)}
    n = max(len(periods), 1)
    span_x = WIDTH - LEFT - RIGHT

    def x(i: float) -> float:
        return LEFT + (span_x * i / (n - 1) if n > 1 else span_x / 2)

    column = _columns(series)
    at_all = np.array([position.get(p, -1) for p in column["period"]], dtype=int)
    finite = np.concatenate([column[c][at_all >= 0] for c in ("value", "lower", "upper")])
    finite = finite[np.isfinite(finite)]
    ticks = nice_ticks(
        min(0.0, float(finite.min())) if len(finite) else 0.0,
        float(finite.max()) if len(finite) else 1.0,
    )
    low, high = ticks[0], ticks[-1]

    def y(v: float) -> float:
        v = min(max(v, low), high)
        return TOP + (HEIGHT - TOP - BOTTOM) * (high - v) / (high - low)

    parts = svg_start(title, (WIDTH, HEIGHT, LEFT, RIGHT), ticks, y, bool(len(finite)))
    size = 3.2 if n <= 24 else 2.3  # smaller points where there are many
    # every coordinate at once, as text: the points' places are formatted once, not per use
    xf = [x(i) for i in range(n)]
    xs = [f"{v:.1f}" for v in xf]
    for group, style in GROUP_STYLE.items():
        mine = np.flatnonzero((column["group"] == group) & (at_all >= 0))
        if len(mine) == 0:
            continue
        # each period's row of this group (-1: none), so gaps stay gaps
        at = np.full(n, -1)
        at[at_all[mine]] = mine
        present = at >= 0
        values = {c: np.where(present, column[c][at], np.nan) for c in ("value", "lower", "upper")}
        # plain lists: a float of a list formats faster than a NumPy scalar
        ys = {c: _ys(v, low, high).tolist() for c, v in values.items()}
        small = (present & column["small"][at]).tolist()
        colour = style["color"]
        banded = present & np.isfinite(values["lower"]) & np.isfinite(values["upper"])
        for run in map(np.ndarray.tolist, runs(banded)):
            if len(run) < 2:
                continue
            upper = " ".join(f"{xs[i]},{ys['upper'][i]:.1f}" for i in run)
            lower = " ".join(f"{xs[i]},{ys['lower'][i]:.1f}" for i in run[::-1])
            parts.append(
                f'<polygon points="{upper} {lower}" fill="{colour}" '
                'fill-opacity="0.13" stroke="none"/>'
            )
        dash = DASHES.get(style["dash"], "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        for run in map(np.ndarray.tolist, runs(present & np.isfinite(values["value"]))):
            if len(run) > 1:
                line = " ".join(f"{xs[i]},{ys['value'][i]:.1f}" for i in run)
                parts.append(
                    f'<polyline points="{line}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"{dash_attr}/>'
                )
            # one group of points carries their colours: each point is its place alone
            parts.append(f"<g fill='{colour}' stroke='{colour}' stroke-width='1.5'>")
            parts += points(run, xf, ys["value"], small, style["symbol"], size)
            parts.append("</g>")
    if note and not len(finite):
        parts.append(
            f'<text x="{LEFT + span_x / 2:.1f}" y="{(HEIGHT - BOTTOM + TOP) / 2:.1f}" '
            f'fill="{AXIS}" font-style="italic" text-anchor="middle">{escape(note)}</text>'
        )
    parts += x_labels(periods, x, HEIGHT)
    parts.append("</svg>")
    return "".join(parts)


def _ys(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """The values' heights on the chart (`y` of trend_svg, for an array; NaN stays NaN)."""
    clipped = np.clip(values, low, high)
    return TOP + (HEIGHT - TOP - BOTTOM) * (high - clipped) / (high - low)


def points(run: list[int], xs: list[float], ys: list[float], small: list[bool], symbol: str, size):
    """A marker at each point of `run` (at `xs` and `ys`), hollow where it rests on small
    numbers."""
    hollow = " fill='white'"
    if symbol == "square":
        side = f"width='{2 * size:.1f}' height='{2 * size:.1f}'"
        return [
            f"<rect x='{xs[i] - size:.1f}' y='{ys[i] - size:.1f}' {side}"
            f"{hollow if small[i] else ''}/>"
            for i in run
        ]
    return [
        f"<circle cx='{xs[i]:.1f}' cy='{ys[i]:.1f}' r='{size:.1f}'{hollow if small[i] else ''}/>"
        for i in run
    ]


def svg_start(title: str, box: tuple, ticks: list[float], y, labelled: bool) -> list[str]:
    """The opening of a chart's SVG: its box (width, height, left and right margins), `title`
    as its accessible name, and a horizontal grid line at each tick of the value axis `y`,
    numbered unless there is nothing to draw (a scale of nothing says nothing true)."""
    width, height, left, right = box
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'font-family="{FONT}" font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    for t in ticks:
        label = _tick_label(t) if labelled else ""
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
            f'stroke="{GRID if t != ticks[0] else AXIS}" stroke-width="1"/>'
            f'<text x="{left - 5}" y="{y(t) + 4:.1f}" fill="{AXIS}" text-anchor="end">'
            f"{label}</text>"
        )
    return parts


def x_labels(periods: list[tuple[str, str]], x, height: float) -> list[str]:
    """The first, middle and last periods' labels under the chart, at `x` of their index."""
    n = len(periods)
    parts = []
    for i, label in _x_labels(periods):
        anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - 4:.1f}" fill="{AXIS}" text-anchor="{anchor}">'
            f"{escape(label)}</text>"
        )
    return parts


def _x_labels(periods: list[tuple[str, str]]) -> list[tuple[int, str]]:
    """The first, middle and last periods' labels (the first and last when there are few)."""
    n = len(periods)
    if not n:
        return []
    at = [0, n - 1] if n < 7 else [0, (n - 1) // 2, n - 1]
    return [(i, periods[i][1]) for i in sorted(set(at))]


#: What must not stand bare in a data URI: the escape mark itself, the fragment mark that
#: would cut the image short, and the characters an attribute or a parser may take as markup.
#: (The escape mark first, so that no escape is escaped again.)
_URI_ESCAPES = [(c, f"%{ord(c):02X}") for c in '%#<>"\n']
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def data_uri(svg: str) -> str:
    """An SVG as a data URI for an <img>: percent-encoded text (what must be), which gzip packs
    far better than base64 (the callback's response is compressed). Six replaces, each at C
    speed: str.translate with a table of strings went character by character in Python's
    loop, a tenth of a cold overview's time."""
    text = svg
    for mark, escaped in _URI_ESCAPES:
        text = text.replace(mark, escaped)
    if not text.isascii():
        text = _NON_ASCII.sub(lambda m: quote(m.group(0)), text)
    return "data:image/svg+xml;charset=utf-8," + text
