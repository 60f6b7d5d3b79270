"""The body of an overview panel: each chosen measure's latest value, the comparison of BME
with White British, a small trend chart, and a plain warning where numbers are small."""

from __future__ import annotations

import math

import numpy as np
from dash import html

from dashboard.periods import parse
from dashboard.selection import EACH_PERIOD_TRENDS, TREND_TITLES
from dashboard.stats.disclosure import HIDDEN
from dashboard.summaries import MeasureSummary
from dashboard.vocabulary import (
    ON_QUARTERS,
    POOL_ADVICE,
    SMALL_NUMBERS,
    STATUS_WORD,
    TRIAL_LIMITS,
    WITHHELD,
    WITHHELD_WORD,
    fmt_interval,
    fmt_percent,
    fmt_value,
    hidden_reason,
    periods_withheld,
    ratio_ci,
    ratio_figure,
    ratio_not_given,
    ratio_verdict,
    sentence_case,
    short_unit,
    small_numbers_words,
    status_words,
    variation_words,
    withheld_words,
)
from layouts.html_block import badge
from layouts.icons import variation_icon
from layouts.sparkline import data_uri, trend_svg
from layouts.theme import GROUP_STYLE, group_name


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
                html.P("No figures for the selected sites and period.", className="measure-nodata"),
            ],
            className="measure measure-empty",
            **{"data-measure": summary.code},
        )
    children = [header, _headline(summary)]
    if summary.ratio is not None:
        children.append(_ratio_line(summary))
    elif summary.ratio_withheld:
        children.append(
            html.P(
                ratio_not_given(
                    summary.ratio_kind or "ratio",
                    summary.comparator,
                    hidden_reason(e.status for e in summary.latest.values()),
                )
                + ".",
                className="disparity",
            )
        )
    if summary.withheld_groups:
        children.append(_withheld_note(summary))
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
        html.Span(group_name(g, summary.comparator), className=f"key key-{g.replace('_', '-')}")
        for g in groups
    ]
    words = trend_words(summary, groups)
    note = WITHHELD if summary.withheld_periods else ""
    svg = trend_svg(summary.series, list(summary.periods), words, note)
    return html.Div(
        [
            html.Div(
                [
                    html.Span(
                        f"{trend_title(summary)} ({short_unit(summary.unit)})",
                        className="trend-title",
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
    """The trend in words: each group's first and latest value over the periods shown, and
    how many of its periods are withheld (gaps in its line)."""
    series = summary.series
    group = series["group"].to_numpy(dtype=object)
    value = series["value"].to_numpy(dtype=float)
    label = series["label"].to_numpy(dtype=object)
    status = series["status"].to_numpy(dtype=object) if "status" in series else group
    parts = []
    for g in groups:
        name = group_name(g, summary.comparator)
        withheld = int(((group == g) & np.isin(status, HIDDEN)).sum())
        rows = np.flatnonzero((group == g) & np.isfinite(value))
        if len(rows) == 0:
            parts += [f"{name} {WITHHELD} in every period"] if withheld else []
            continue
        first, last = rows[0], rows[-1]
        parts.append(
            f"{name} from {fmt_value(value[first], summary.kind, summary.unit)}"
            f" ({label[first]}) to {fmt_value(value[last], summary.kind, summary.unit)}"
            f" ({label[last]})" + (f", {periods_withheld(withheld)}" if withheld else "")
        )
    return f"Trend of {summary.name}: " + ("; ".join(parts) if parts else "no values") + "."


def _estimate_text(label: str, summary: MeasureSummary, group: str) -> list:
    est = summary.latest[group]
    if not est.shown:  # no number, no interval: the reason instead
        return [
            html.Span(label, className="est-label"),
            html.Span(STATUS_WORD[est.status], className="est-value est-withheld"),
            html.Span(status_words(est.status), className="est-ci"),
        ]
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
        [("BME", "bme"), (summary.comparator, "white_british")]
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
    verdict = ratio_verdict(r, summary.polarity).words
    return html.P(
        [
            html.Strong(ratio_figure(summary.ratio_kind or "ratio", r, summary.comparator)),
            f" ({ratio_ci(r)}): {verdict}.",
        ],
        className="disparity",
    )


#: The badge's colour for each XmR variation icon.
VARIATION_COLOURS = {
    "common_cause": "secondary",
    "improvement_high": "primary",
    "improvement_low": "primary",
    "concern_high": "warning",
    "concern_low": "warning",
    "neutral_high": "info",
    "neutral_low": "info",
    "withheld": "secondary",
}


def _variation_line(summary: MeasureSummary) -> html.P:
    """The XmR verdict on the lead series, in words (Making Data Count)."""
    variation = summary.variation or "common_cause"
    colour = VARIATION_COLOURS[variation]
    group = "BME" if summary.by_ethnicity else "All"
    trial = f", {TRIAL_LIMITS}" if summary.trial_limits else ""
    over = f"over {summary.trend_points} periods (XmR chart{trial})"
    if summary.pooling != "quarter":
        over = f"over {summary.trend_points} quarters (XmR chart, {ON_QUARTERS}{trial})"
    if summary.withheld_periods:
        over += f"; {periods_withheld(summary.withheld_periods)}"
    if variation == "withheld":  # no verdict, so no span it was judged over
        over = periods_withheld(summary.withheld_periods) if summary.withheld_periods else ""
    return html.P(
        [
            variation_icon(summary.variation, size=26),
            badge(sentence_case(variation_words(variation)), colour),
            f"{group}, {over}.",
        ],
        className="variation",
    )


def _withheld_note(summary: MeasureSummary) -> html.P:
    """Which latest values disclosure control withholds, and why, in words."""
    return html.P(
        [
            badge(WITHHELD_WORD, "secondary"),
            withheld_words(
                summary.withheld_groups,
                summary.latest_label or "",
                hidden_reason(e.status for e in summary.latest.values()),
            ),
        ],
        className="withheld-note",
    )


def _small_numbers_note(summary: MeasureSummary, threshold: int) -> html.P:
    words = small_numbers_words(summary.small_groups, threshold, summary.kind)
    return html.P(
        [
            variation_icon(summary.variation, size=26),
            badge(SMALL_NUMBERS, "warning"),
            f"† {words} {POOL_ADVICE}",
        ],
        className="small-numbers",
    )


def _caption(summary: MeasureSummary) -> html.P:
    parts = [f"Latest: {summary.latest_label}", f"{summary.sites} site(s) reporting"]
    if summary.left_out:
        parts.append(summary.left_out)
    if summary.not_stated_share is not None and not math.isnan(summary.not_stated_share):
        parts.append(f"ethnicity not stated for {fmt_percent(summary.not_stated_share)} of records")
    parts.append("hollow points: small numbers")
    return html.P(" · ".join(parts), className="caption")


def trend_title(summary: MeasureSummary) -> str:
    """ "Rolling-year trend", or unpooled, by the periods drawn: "Quarterly trend", "Trend by
    financial year"."""
    if summary.pooling != "quarter":
        return TREND_TITLES.get(summary.pooling, TREND_TITLES["quarter"])
    spec = parse(summary.periods[-1][0]) if summary.periods else None  # (code, label)
    return EACH_PERIOD_TRENDS.get(spec.granularity if spec else "quarter", "Trend")
