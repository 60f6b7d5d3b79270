"""The body of an overview panel: each chosen measure's latest value, the comparison of BME
with White British, a small trend chart, and a plain warning where numbers are small."""

from __future__ import annotations

import math

import dash_bootstrap_components as dbc
import numpy as np
from dash import html

from dashboard.summaries import MeasureSummary
from layouts.icons import variation_icon
from layouts.sparkline import data_uri, trend_svg
from layouts.theme import GROUP_STYLE, fmt_interval, fmt_value, short_unit


def panel_body(summaries: list[MeasureSummary], threshold: int = 10) -> list:
    """Children of a panel's body for these measures (a message when there are none)."""
    if not summaries:
        return [empty_message("No measure of this characteristic is chosen in the menu.")]
    blocks = [measure_block(s, threshold) for s in summaries]
    if not any(s.has_data for s in summaries):
        blocks.insert(0, empty_message("No data for this selection and period."))
    return blocks


def empty_message(text: str) -> html.Div:
    return html.P(text, className="panel-empty text-muted mb-2")


def measure_block(summary: MeasureSummary, threshold: int = 10) -> html.Div:
    header = html.H3(summary.name, className="measure-name")
    if not summary.has_data:
        return html.Div(
            [
                header,
                html.P("No returns for the selected sites and period.", className="measure-nodata"),
            ],
            className="measure measure-empty",
            **{"data-measure": summary.code},
        )
    children = [header, _headline(summary)]
    if summary.ratio is not None:
        children.append(_ratio_line(summary))
    if summary.variation:
        children.append(_variation_line(summary))
    if summary.small_groups:
        children.append(_small_numbers_note(summary, threshold))
    children.append(trend_chart(summary))
    children.append(_caption(summary))
    return html.Div(children, className="measure", **{"data-measure": summary.code})


def trend_chart(summary: MeasureSummary) -> html.Div:
    """The measure's trend as an image (layouts/sparkline.py) under its title and key; the
    image's text alternative says what the line shows."""
    present = set(summary.series["group"]) if "group" in summary.series else set()
    groups = [g for g in GROUP_STYLE if g in present]
    key = [
        html.Span(GROUP_STYLE[g]["name"], className=f"key key-{g.replace('_', '-')}")
        for g in groups
    ]
    words = trend_words(summary, groups)
    svg = trend_svg(summary.series, list(summary.periods), words)
    return html.Div(
        [
            html.Div(
                [
                    html.Span(
                        f"Quarterly trend ({short_unit(summary.unit)})", className="trend-title"
                    ),
                    html.Span(key, className="trend-key"),
                ],
                className="trend-head",
            ),
            html.Img(src=data_uri(svg), alt=words, title=words, className="trend-img"),
        ],
        className="trend",
    )


def trend_words(summary: MeasureSummary, groups: list[str]) -> str:
    """The trend in words: each group's first and latest value over the periods shown."""
    series = summary.series
    group = series["group"].to_numpy(dtype=object)
    value = series["value"].to_numpy(dtype=float)
    label = series["label"].to_numpy(dtype=object)
    parts = []
    for g in groups:
        rows = np.flatnonzero((group == g) & np.isfinite(value))
        if len(rows) == 0:
            continue
        first, last = rows[0], rows[-1]
        parts.append(
            f"{GROUP_STYLE[g]['name']} from {fmt_value(value[first], summary.kind, summary.unit)}"
            f" ({label[first]}) to {fmt_value(value[last], summary.kind, summary.unit)}"
            f" ({label[last]})"
        )
    return f"Trend of {summary.name}: " + ("; ".join(parts) if parts else "no values") + "."


def _estimate_text(label: str, summary: MeasureSummary, group: str) -> list:
    est = summary.latest[group]
    value = fmt_value(est.value, summary.kind, summary.unit)
    interval = fmt_interval(est.lower, est.upper, summary.kind, summary.unit)
    marker = " †" if est.small else ""
    return [
        html.Span(label, className="est-label"),
        html.Span(value + marker, className="est-value" + (" est-small" if est.small else "")),
        html.Span(f"95% CI {interval}", className="est-ci"),
    ]


def _headline(summary: MeasureSummary) -> html.Div:
    groups = (
        [("BME", "bme"), ("White British", "white_british")]
        if summary.by_ethnicity
        else [("All", "all")]
    )
    items = [
        html.Div(_estimate_text(label, summary, g), className=f"estimate estimate-{g}")
        for label, g in groups
        if g in summary.latest
    ]
    return html.Div(items, className="estimates")


def _ratio_line(summary: MeasureSummary) -> html.P:
    r = summary.ratio
    assert r is not None
    interval = f"{r.lower:.2f} to {r.upper:.2f}"
    if r.small:
        verdict = "numbers too small to judge a difference"
    elif r.lower > 1:
        verdict = "significantly higher for BME people"
    elif r.upper < 1:
        verdict = "significantly lower for BME people"
    else:
        verdict = "no significant difference"
    judgement = ""
    if verdict.startswith("significantly") and summary.polarity != "no_judgement":
        worse = (r.lower > 1) == (summary.polarity == "lower_is_better")
        judgement = " (worse)" if worse else " (better)"
    return html.P(
        [
            html.Strong(f"BME : White British {summary.ratio_kind} {r.value:.2f}"),
            f" (95% CI {interval}): {verdict}{judgement}.",
        ],
        className="disparity",
    )


VARIATION_TEXT = {
    "common_cause": ("No significant change", "secondary"),
    "improvement_high": ("Improving (special cause)", "primary"),
    "improvement_low": ("Improving (special cause)", "primary"),
    "concern_high": ("Concern (special cause)", "warning"),
    "concern_low": ("Concern (special cause)", "warning"),
    "neutral_high": ("Rising (special cause)", "info"),
    "neutral_low": ("Falling (special cause)", "info"),
}


def _variation_line(summary: MeasureSummary) -> html.P:
    """The XmR verdict on the lead series, in words (Making Data Count)."""
    text, colour = VARIATION_TEXT[summary.variation or "common_cause"]
    group = "BME" if summary.by_ethnicity else "All"
    trial = ", trial limits" if summary.trial_limits else ""
    return html.P(
        [
            variation_icon(summary.variation, size=26),
            dbc.Badge(
                text,
                color=colour,
                className="me-1",
                text_color="dark" if colour in ("warning", "info") else None,
            ),
            f"{group}, over {summary.trend_points} periods (XmR chart{trial}).",
        ],
        className="variation",
    )


def _small_numbers_note(summary: MeasureSummary, threshold: int) -> html.P:
    groups = " and ".join(summary.small_groups)
    return html.P(
        [
            variation_icon(summary.variation, size=26),
            dbc.Badge("Small numbers", color="warning", text_color="dark", className="me-1"),
            f"† {groups}: fewer than {threshold} events or {3 * threshold} people, too few for a "
            "reliable estimate. Pool periods (rolling year) or sites before drawing conclusions.",
        ],
        className="small-numbers",
    )


def _caption(summary: MeasureSummary) -> html.P:
    parts = [f"Latest: {summary.latest_label}", f"{summary.sites} site(s) reporting"]
    if summary.not_stated_share is not None and not math.isnan(summary.not_stated_share):
        parts.append(f"ethnicity not stated for {summary.not_stated_share:.0%} of records")
    parts.append("hollow points: small numbers")
    return html.P(" · ".join(parts), className="caption")
