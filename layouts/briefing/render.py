"""The cascade briefing as a standalone HTML document (inline CSS, inline SVG charts, no
script), and the small trend charts' geometry that the page, the HTML and the PDF share, so
that the three draw the same picture from the same numbers.

The document and the charts are Jinja2 templates (layouts/briefing/templates) rendered with
autoescaping: every name and sentence is escaped where it enters the markup."""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from functools import cache

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined

from dashboard.actions import STATUSES
from dashboard.briefing.model import Briefing, Change, CharacteristicLine
from dashboard.vocabulary import fmt_axis, fmt_date, fmt_number
from layouts.scales import NO_BOUNDS, Bounds, value_bounds

BME = "#0072B2"
BAND = "#cfe3f1"
MUTED = "#505a5f"
TONE_COLOURS = {"worse": "#b3261e", "better": "#1b6e3a", "neutral": "#1b1b1b"}
SIGNIFICANCE_HEADINGS = ("Site", "Measure")
ACTION_HEADINGS = ("Site", "Characteristic", "Action", "Owner", "Due", "Status")
#: The small chart's box, in SVG user units (the PDF scales the same shape to millimetres).
WIDTH, HEIGHT, LEFT, PAD = 240.0, 64.0, 30.0, 5.0


@dataclass(frozen=True)
class Sketch:
    """A trend drawn in a box of `width` × `height` (y downwards), ready for any renderer."""

    line: list[tuple[float, float]]
    band: list[tuple[float, float]]  # the 95% interval as a polygon ([] without one)
    reference: float | None  # y of the reference line (a ratio of 1)
    high: float  # the values at the top and the bottom of the box
    low: float
    labels: tuple[str, str] = ("", "")  # high and low as the axis shows them, in one format


def sketch(
    trend: pd.DataFrame,
    reference: float | None,
    width: float,
    height: float,
    left: float = 0,
    bounds: Bounds = NO_BOUNDS,
) -> Sketch | None:
    """The trend's points scaled into the box (x from `left`); None without two values. The
    scale follows the values and the reference, stops at what the measure can take (`bounds`:
    no percentage below 0 or above 100), and is labelled top and bottom in one number format;
    the band is clipped to the box, so that one wide interval on small numbers does not
    flatten the line."""
    values = trend["value"].to_numpy(dtype=float) if not trend.empty else []
    if len(values) < 2 or not all(math.isfinite(v) for v in values):
        return None
    shown = [*values, *([reference] if reference is not None else [])]
    low, high = min(shown), max(shown)
    span = (high - low) or abs(high) or 1.0
    low, high = low - span * 0.15, high + span * 0.15
    if bounds[0] is not None:
        low = max(low, bounds[0])
    if bounds[1] is not None:
        high = min(high, bounds[1])

    def y(v: float) -> float:
        v = min(max(v, low), high)
        return PAD + (height - 2 * PAD) * (high - v) / (high - low)

    step = (width - left - PAD) / (len(values) - 1)
    xs = [left + i * step for i in range(len(values))]
    line = [(x, y(v)) for x, v in zip(xs, values, strict=True)]
    lower, upper = (trend[c].to_numpy(dtype=float) for c in ("lower", "upper"))
    band: list[tuple[float, float]] = []
    if all(math.isfinite(v) for v in [*lower, *upper]):
        band = [(x, y(u)) for x, u in zip(xs, upper, strict=True)]
        band += [(x, y(lo)) for x, lo in reversed(list(zip(xs, lower, strict=True)))]
    labels = tuple(fmt_axis([high, low], low, high))
    return Sketch(line, band, y(reference) if reference is not None else None, high, low, labels)


def line_sketch(
    line: CharacteristicLine, width: float, height: float, left: float
) -> Sketch | None:
    """A characteristic's trend as `sketch` draws it, within what its values can be."""
    bounds = value_bounds(line.kind, line.unit)
    return sketch(line.trend, line.reference, width, height, left, bounds)


@cache
def templates() -> Environment:
    """The briefing's templates, every value escaped (one environment, made on first use)."""
    return Environment(
        loader=PackageLoader("layouts.briefing"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _render(name: str, **context: object) -> str:
    return templates().get_template(name).render(**context)


def trend_chart(line: CharacteristicLine) -> dict[str, object] | None:
    """What templates/trend.svg draws for the characteristic (its label and the sketch's
    points, formatted); None without a trend."""
    s = line_sketch(line, WIDTH, HEIGHT, LEFT)
    if s is None:
        return None
    first, last = line.trend["label"].iloc[0], line.trend["label"].iloc[-1]
    label = (
        f"{line.chart_label}, {first} to {last}: latest {fmt_number(line.trend['value'].iloc[-1])}"
    )
    return {
        "width": f"{WIDTH:.0f}",
        "height": f"{HEIGHT:.0f}",
        "label": label,
        "band": " ".join(f"{x:.1f},{y:.1f}" for x, y in s.band),
        "band_colour": BAND,
        "reference": None if s.reference is None else f"{s.reference:.1f}",
        "left": LEFT,
        "right": WIDTH - PAD,
        "muted": MUTED,
        "line": " ".join(f"{x:.1f},{y:.1f}" for x, y in s.line),
        "colour": BME,
        "end": tuple(f"{v:.1f}" for v in s.line[-1]),
        "label_x": LEFT - 3,
        "high_y": PAD + 8,
        "low_y": HEIGHT - PAD,
        "high": s.labels[0],
        "low": s.labels[1],
    }


def ratio_trend_svg(line: CharacteristicLine) -> str:
    """The characteristic's trend as an SVG element (empty string without a trend)."""
    chart = trend_chart(line)
    return _render("trend.svg", chart=chart) if chart else ""


def svg_data_uri(svg: str) -> str:
    """An SVG as a data URI, for an <img> on the Dash page."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def significance_rows(briefing: Briefing) -> list[tuple[str, str, str, str, str]]:
    """(site, measure, before, now, tone) of each significance change."""
    frame = briefing.significance
    if frame.empty:
        return []
    return list(
        frame[["site_name", "measure_name", "before", "now", "tone"]].itertuples(
            index=False, name=None
        )
    )


def action_rows(briefing: Briefing) -> list[tuple[str, ...]]:
    """(site, characteristic, action, owner, due, status) of each action fallen overdue."""
    frame = briefing.overdue
    if frame.empty:
        return []
    return [
        (
            str(r.site_name),
            str(getattr(r, "characteristic_name", r.characteristic)),
            str(r.action),
            str(r.owner),
            fmt_date(r.due_date),
            STATUSES.get(r.status, str(r.status)),
        )
        for r in frame.itertuples()
    ]


def change_sections(briefing: Briefing) -> list[tuple[str, list[Change], str]]:
    """(heading, lines, what to say when there are none) of the sentence lists."""
    return [
        (
            "New special-cause signals",
            briefing.signals,
            "No measure shows a new special-cause signal.",
        ),
        (
            "Targets newly met or missed",
            briefing.targets,
            "No site's target was newly met or missed consistently.",
        ),
    ]


def briefing_html(briefing: Briefing, produced: str = "") -> str:
    """The briefing as one printable HTML document (templates/briefing.html)."""
    b = briefing
    rows = significance_rows(b)
    return _render(
        "briefing.html",
        b=b,
        produced=produced,
        characteristics=[(line, trend_chart(line)) for line in b.characteristics],
        sections=change_sections(b),
        significance_headings=(*SIGNIFICANCE_HEADINGS, b.previous_label, b.period_label),
        significance=[(r[:4], r[4]) for r in rows],
        action_headings=ACTION_HEADINGS,
        overdue=[(r, None) for r in action_rows(b)],
    )
