"""The My site page's measures: one card per agreed measure, grouped by characteristic, each
with its icons, latest value against target, region and England, and its XmR chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
from dash import html

from dashboard.site.data import SiteData
from dashboard.site.measure_view import Benchmark, MeasureView
from dashboard.stats.disclosure import HIDDEN
from dashboard.vocabulary import (
    NO_RETURN,
    ON_QUARTERS,
    POINT_WORDS,
    SMALL_NUMBERS,
    SUPPRESSED_AT_SOURCE,
    WITHHELD,
    fmt_ci,
    fmt_interval,
    fmt_value,
    fmt_value_unit,
    ratio_statement,
    sentence_case,
    small_reason,
    status_words,
    xmr_words,
)
from layouts.common import chart_caption, image_block
from layouts.html_block import badge
from layouts.icons import assurance_icon, variation_icon
from layouts.significance import mark as significance_mark
from layouts.significance import mark_words
from layouts.site.charts import GROUP_WORDS, site_xmr_image
from layouts.sparkline import data_uri

XMR_COLUMNS = {
    "label": "Period",
    "value_text": "Value",
    "interval": "95% CI",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "note": "Note",
}


def anchor(code: str) -> str:
    """The id of a measure's card, for the summary's links."""
    return f"site-measure-{code}"


def value_text(measure: MeasureView, value: float) -> str:
    """A value in the measure's units; a single site's milestone is met or not met."""
    if measure.kind == "milestone":
        return "met" if value >= 50 else "not met"
    return fmt_value_unit(value, measure.kind, measure.unit)


def benchmark_line(measure: MeasureView, mark: Benchmark) -> html.Span:
    """'▲ Significantly better than London (143.9)': the mark of the compare page's charts
    (`layouts.significance`), then the verdict in words."""
    if mark.estimate is None:
        return html.Span(f"{mark.area}: no value", className="bench bench-none")
    if not mark.estimate.shown:
        why = status_words(mark.estimate.status) or WITHHELD
        return html.Span(f"{mark.area}: {why}", className="bench bench-none")
    if measure.latest is not None and not measure.latest.shown:
        value = fmt_value(mark.estimate.value, measure.kind, measure.unit)
        return html.Span(f"{mark.area} {value}", className="bench bench-none")
    value = fmt_value(mark.estimate.value, measure.kind, measure.unit)
    if mark.sites == 1:
        return html.Span(
            f"{mark.area} {value}: this is the only site reporting it there",
            className="bench bench-none",
        )
    if mark.verdict == "not_compared":
        why = "a count depends on the area's size" if measure.kind == "count" else "no interval"
        return html.Span(f"{mark.area} {value} (not compared: {why})", className="bench bench-none")
    shown = significance_mark(mark.category, measure.polarity, mark.area, limits=False)
    return mark_words(shown, f" ({value})")


def _latest(measure: MeasureView, span_labels: dict[str, str], threshold: int) -> html.Div:
    est = measure.latest
    assert est is not None
    label = span_labels.get(measure.latest_period or "", "")
    if not est.shown:  # the reason, in place of the number and its interval
        parts: list = [
            html.Span(f"{GROUP_WORDS[measure.lead]}, {label}: ", className="site-latest-label"),
            html.Strong(status_words(est.status) or WITHHELD, className="site-withheld"),
        ]
        if measure.target is not None:
            parts.append(html.Span(f" · target {value_text(measure, measure.target)}"))
        return html.Div(html.P(parts, className="site-latest"))
    interval = (
        f" ({fmt_ci(est.lower, est.upper, measure.kind, measure.unit)})"
        if est.has_interval and measure.kind != "milestone"
        else ""
    )
    parts: list = [
        html.Span(f"{GROUP_WORDS[measure.lead]}, {label}: ", className="site-latest-label"),
        html.Strong(value_text(measure, est.value) + (" †" if est.small else "")),
        interval,
    ]
    if measure.target is not None:
        parts.append(html.Span(f" · target {value_text(measure, measure.target)}"))
    lines = [html.P(parts, className="site-latest")]
    if est.small:
        lines.append(
            html.P(
                [
                    badge(SMALL_NUMBERS, "warning"),
                    small_reason(est.numerator, est.denominator, measure.kind, threshold),
                ],
                className="small-numbers",
            )
        )
    return html.Div(lines)


def _ratio(measure: MeasureView) -> html.P | None:
    r = measure.ratio
    if r is None:
        return None
    kind = measure.ratio_kind or "ratio"
    statement = ratio_statement(kind, r, measure.polarity, measure.comparator)
    return html.P(f"{statement}.", className="site-ratio")


def xmr_table(measure: MeasureView) -> pd.DataFrame:
    """The chart's figures: each period's value and interval, its counts, and a note (small
    numbers, a special cause, no return). The caption carries the mean and limits."""
    table = measure.series.copy()
    points = measure.xmr.point_type if measure.xmr is not None else [""] * len(table)
    if measure.pooled:  # the chart draws the rolling values: the quarters' points are not theirs
        points = [""] * len(table)
    kind, unit = measure.kind, measure.unit
    withheld = table["status"].isin(HIDDEN).tolist()  # this row's value (rolling or not)
    why = [status_words(s) or WITHHELD for s in table["status"]]  # withheld, or at source
    table["value_text"] = [
        y if w else fmt_value(v, kind, unit)
        for v, w, y in zip(table["value"], withheld, why, strict=True)
    ]
    table["interval"] = [
        fmt_interval(lo, hi, kind, unit) if pd.notna(v) else "" if w else "–"
        for v, lo, hi, w in zip(
            table["value"], table["lower"], table["upper"], withheld, strict=True
        )
    ]
    for column in ("numerator", "denominator"):  # a withheld count is no one's to read
        table[column] = table[column].astype(object).where(~pd.Series(withheld), "")
    notes = []
    rows = zip(table["period"], table["small"], points, withheld, why, strict=True)
    for period, small, point, hidden, reason in rows:
        words = [NO_RETURN] if period in measure.missing else []
        words += [reason] if hidden else []
        words += ["small numbers"] if small else []
        words += [POINT_WORDS[point]] if point in POINT_WORDS and point != "common_cause" else []
        notes.append("; ".join(words))
    table["note"] = notes
    return table


def limits_text(measure: MeasureView) -> str:
    """'mean 130, process limits 95.2 to 166' for the caption (the table has the points)."""
    result = measure.xmr
    if result is None or not np.isfinite(result.mean):
        return ""
    text = f"mean {fmt_value(result.mean, measure.kind, measure.unit)}"
    if np.isfinite(result.lpl) and np.isfinite(result.upl):
        # limits beyond what the measure can take are read as that bound (Making Data Count)
        ceiling = 100.0 if measure.unit == "%" else np.inf
        low = fmt_value(max(result.lpl, 0.0), measure.kind, measure.unit)
        high = fmt_value(min(result.upl, ceiling), measure.kind, measure.unit)
        text += f", process limits {low} to {high}"
    return text


def _icons(measure: MeasureView) -> html.Span:
    return html.Span(
        [
            variation_icon(measure.variation, size=30),
            assurance_icon(measure.assurance, size=30),
        ],
        className="site-icons",
    )


def measure_card(measure: MeasureView, data: SiteData, threshold: int = 10) -> html.Article:
    """One agreed measure: name and icons, latest against target and benchmarks, XmR chart."""
    header = html.Header(
        [
            html.H4([html.Span(measure.code, className="site-code"), measure.name]),
            _icons(measure),
        ],
        className="site-measure-head",
    )
    children: list = [header]
    if not measure.has_data:
        children.append(
            html.P(
                "No return from this site for this measure in the selected periods.",
                className="measure-nodata",
            )
        )
    else:
        children.append(_latest(measure, data.period_labels, threshold))
        children.append(
            html.P(
                [
                    piece
                    for mark in measure.benchmarks
                    for piece in (benchmark_line(measure, mark), " · ")
                ][:-1],
                className="site-benchmarks",
            )
        )
        ratio = _ratio(measure)
        if ratio is not None:
            children.append(ratio)
        words = xmr_words(measure.variation, measure.assurance) if measure.variation else []
        words.append(limits_text(measure) if not measure.pooled else ON_QUARTERS)
        extra = f"{GROUP_WORDS[measure.lead]} · XmR: {', '.join(w for w in words if w)}"
        extra += " · hollow points: small numbers"
        if measure.pooled:
            extra += " · shaded: 95% interval"
        caption = chart_caption(measure.unit, measure.source, data.span, extra)
        alt = f"{measure.name}: {extra}"
        children.append(
            image_block(
                data_uri(site_xmr_image(measure, data.pooling)),
                alt,
                xmr_table(measure),
                caption,
                columns=XMR_COLUMNS,
                class_name="site-chart",
            )
        )
    if measure.missing:
        labels = ", ".join(data.quarter_labels[p] for p in measure.missing)
        children.append(html.P(f"No return: {labels}", className="site-missing"))
    if measure.withheld:
        labels = ", ".join(data.quarter_labels[p] for p in measure.withheld)
        statuses = set(measure.series.loc[measure.series["status"].isin(HIDDEN), "status"])
        why = SUPPRESSED_AT_SOURCE if statuses == {"suppressed"} else WITHHELD
        text = f"{sentence_case(why)} ({GROUP_WORDS[measure.lead]}): {labels}"
        children.append(html.P(text, className="site-withheld-periods"))
    return html.Article(
        children,
        id=anchor(measure.code),
        className="site-measure" + (" site-measure-small" if measure.small else ""),
        **{"data-measure": measure.code},
    )


def characteristic_sections(
    data: SiteData, names: dict[int, str], threshold: int = 10
) -> list[html.Details]:
    """The measures grouped by characteristic, each group a section that can be folded."""
    sections = []
    for number, measures in data.by_characteristic().items():
        title = names.get(number, f"Characteristic {number}")
        count = f"{len(measures)} measure{'s' if len(measures) != 1 else ''}"
        sections.append(
            html.Details(
                [
                    html.Summary(
                        html.H3(
                            [
                                html.Span(str(number), className="char-number"),
                                title,
                                html.Span(count, className="site-char-count"),
                            ],
                            className="site-char-title",
                        )
                    ),
                    html.Div(
                        [measure_card(m, data, threshold) for m in measures],
                        className="site-measure-grid",
                    ),
                ],
                open=True,
                className="site-characteristic",
                **{"data-characteristic": str(number)},
            )
        )
    return sections
