"""The cascade briefing as a standalone HTML document (inline CSS, inline SVG charts, no
script, every text escaped), and the small trend charts' geometry that the page, the HTML and
the PDF share, so that the three draw the same picture from the same numbers."""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass
from html import escape

import pandas as pd

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


def ratio_trend_svg(line: CharacteristicLine) -> str:
    """The characteristic's trend as an SVG element (empty string without a trend)."""
    s = line_sketch(line, WIDTH, HEIGHT, LEFT)
    if s is None:
        return ""
    first, last = line.trend["label"].iloc[0], line.trend["label"].iloc[-1]
    latest = fmt_number(line.trend["value"].iloc[-1])
    label = f"{line.chart_label}, {first} to {last}: latest {latest}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" '
        f'width="{WIDTH:.0f}" height="{HEIGHT:.0f}" role="img" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    if s.band:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in s.band)
        parts.append(f'<polygon points="{points}" fill="{BAND}" stroke="none"/>')
    if s.reference is not None:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - PAD}" y1="{s.reference:.1f}" y2="{s.reference:.1f}" '
            f'stroke="{MUTED}" stroke-width="1" stroke-dasharray="4 3"/>'
        )
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in s.line)
    parts.append(f'<polyline points="{points}" fill="none" stroke="{BME}" stroke-width="2"/>')
    x, y = s.line[-1]
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{BME}"/>')
    style = f'font-size="10" fill="{MUTED}" font-family="Arial, sans-serif" text-anchor="end"'
    parts.append(f'<text x="{LEFT - 3}" y="{PAD + 8}" {style}>{s.labels[0]}</text>')
    parts.append(f'<text x="{LEFT - 3}" y="{HEIGHT - PAD}" {style}>{s.labels[1]}</text>')
    parts.append("</svg>")
    return "".join(parts)


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


CSS = """
body { font-family: Arial, Helvetica, sans-serif; color: #1b1b1b; margin: 0; background: #fff; }
main { max-width: 54rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: .2rem 0; }
h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; border-bottom: 2px solid #1d3a5f;
  padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
.kicker, .context { color: #505a5f; margin: 0; }
.headline { font-size: 1.05rem; background: #eef3f8; border-left: 4px solid #1d3a5f;
  padding: .5rem .75rem; }
.chars { list-style: none; padding: 0; margin: 0; }
.char { display: flex; gap: 1rem; justify-content: space-between; padding: .45rem 0;
  border-bottom: 1px solid #e3e5e8; break-inside: avoid; }
.char p { margin: .15rem 0 0; font-size: .92rem; }
.char h3 { margin: 0; font-size: .98rem; }
.num { display: inline-block; min-width: 1.5rem; color: #fff; background: #1d3a5f;
  border-radius: 1rem; text-align: center; margin-right: .35rem; }
figure { margin: 0; flex: none; }
figcaption { font-size: .72rem; color: #505a5f; max-width: 240px; }
.tag { font-size: .75rem; font-weight: 700; padding: 0 .35rem; border: 1px solid;
  border-radius: .25rem; margin-left: .35rem; }
.verdict { font-size: .8rem; color: #505a5f; margin-left: .35rem; }
.tone-worse { color: #b3261e; }
.tone-better { color: #1b6e3a; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .4rem;
  border-bottom: 1px solid #e3e5e8; }
th { background: #f3f4f6; }
tr { break-inside: avoid; }
footer { margin-top: 1.5rem; font-size: .78rem; color: #505a5f; }
@page { size: A4; margin: 14mm; }
@media print { main { padding: 0; max-width: none; } }
"""


def _change_list(changes: list[Change], none: str) -> str:
    if not changes:
        return f"<p>{escape(none)}</p>"
    items = "".join(f'<li class="tone-{c.tone}">{escape(c.text)}</li>' for c in changes)
    return f"<ul>{items}</ul>"


def _table(headings: tuple[str, ...], rows: list[tuple[str, ...]], tones=None) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headings)
    lines = []
    for i, row in enumerate(rows):
        cells = [f"<td>{escape(str(c))}</td>" for c in row]
        if tones:
            cells[-1] = f'<td class="tone-{tones[i]}">{escape(str(row[-1]))}</td>'
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def _characteristic(line: CharacteristicLine) -> str:
    tag = f' <span class="verdict tone-{line.tone}">{escape(line.verdict)}</span>'
    tag += ' <span class="tag">New signal</span>' if line.new_signal else ""
    svg = ratio_trend_svg(line)
    chart = f"<figure>{svg}<figcaption>{escape(line.chart_label)}</figcaption></figure>"
    return (
        f'<li class="char"><div><h3><span class="num">{line.number}</span>'
        f"{escape(line.short_name)}{tag}</h3><p>{escape(line.sentence)}</p></div>"
        f"{chart if svg else ''}</li>"
    )


def briefing_html(briefing: Briefing, produced: str = "") -> str:
    """The briefing as one printable HTML document."""
    b = briefing
    rows = significance_rows(b)
    significance = "<p>No site's significance against England changed.</p>"
    if rows:
        headings = (*SIGNIFICANCE_HEADINGS, b.previous_label, b.period_label)
        significance = _table(headings, [r[:4] for r in rows], [r[4] for r in rows])
    sections = "".join(
        f"<h3>{escape(h)}</h3>{_change_list(lines, none)}" for h, lines, none in change_sections(b)
    )
    sections += f"<h3>Sites whose significance against England changed</h3>{significance}"
    if b.nothing_to_compare:
        sections = f"<p>{escape(b.nothing_to_compare)}</p>"
    actions = action_rows(b)
    table = _table(ACTION_HEADINGS, actions) if actions else ""
    overdue = f"<p>{escape(b.overdue_words)}</p>{table}"
    notice = f"<p><strong>{escape(b.notice)}</strong></p>" if b.notice else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DRE cascade briefing, {escape(b.month_label)}</title>
<style>{CSS}</style></head>
<body><main>
<header><p class="kicker">Delivering Race Equality in Mental Health Care · cascade briefing</p>
<h1>{escape(b.month_label)}: figures of {escape(b.period_label)}</h1>
<p class="context">{escape(b.context)}</p></header>
<p class="headline">{escape(b.headline)}</p>{notice}
<h2>The twelve characteristics</h2>
<ol class="chars">{"".join(_characteristic(c) for c in b.characteristics)}</ol>
<h2>What changed since last month</h2>
{sections}
<h2>Overdue actions</h2>{overdue}
<footer>DRE Dashboard{escape(produced)}. Ratios are BME to White British with 95% intervals;
trends by XmR (Making Data Count); sites against England by funnel plot limits; figures
as the reader's access allows (small counts withheld or rounded).</footer>
</main></body></html>
"""
