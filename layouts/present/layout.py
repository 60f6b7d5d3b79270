"""The Present page: full-screen slides for a projector, one per characteristic and an opening
slide with the twelve at a glance. Large type, high contrast, one message per slide.

Every slide is rendered at once and stacked; the root's class (`present-at-<i>`) says which
one is visible, so moving between slides never waits for the server, and a data refresh
replaces the slides' content without touching the current index.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard.present import (
    Presentation,
    Slide,
    seconds_param,
    seconds_problem,
    start_slide,
    trend_word,
)
from dashboard.selection import Catalogue, Selection
from dashboard.summaries import Estimate, MeasureSummary
from dashboard.vocabulary import (
    SMALL_NUMBERS,
    STATUS_WORD,
    WITHHELD,
    WITHHELD_WORD,
    fmt_ci,
    fmt_ratio,
    fmt_value,
    hidden_reason,
    ratio_ci,
    ratio_not_given,
    short_unit,
    small_numbers_words,
    status_words,
    withheld_words,
)
from layouts.icons import variation_icon
from layouts.overview.ids import CHARACTERISTIC_NUMBERS
from layouts.present import ids
from layouts.present.charts import GROUPS, slide_chart
from layouts.present.charts import TABLE_COLUMNS as TABLE_COLUMNS
from layouts.present.charts import slide_figure as slide_figure
from layouts.present.charts import table_frame as table_frame

#: The opening slide and one per characteristic.
SLIDE_COUNT = 1 + len(CHARACTERISTIC_NUMBERS)


def layout(selection: Selection, catalogue: Catalogue, search: str = "") -> html.Div:
    """The presentation's frame; a callback fills the slides (`update_deck`)."""
    advance = seconds_param(search, "advance")
    refresh = seconds_param(search, "refresh")
    problems = [p for p in (seconds_problem(search, n) for n in ("advance", "refresh")) if p]
    start = start_slide(search, SLIDE_COUNT)
    return html.Div(
        [
            dcc.Store(id=ids.PRESENT_SLIDE, data={"index": start, "at": 0}),
            dcc.Interval(
                id=ids.PRESENT_ADVANCE, interval=(advance or 3600) * 1000, disabled=not advance
            ),
            dcc.Interval(
                id=ids.PRESENT_REFRESH, interval=(refresh or 3600) * 1000, disabled=not refresh
            ),
            html.Div(
                html.P("Preparing the slides…", className="slide-message present-loading"),
                id=ids.PRESENT_DECK,
                className="present-deck",
            ),
            html.Div(
                [html.P(p, className="present-problem") for p in problems],
                className="present-problems",
                role="alert",
            )
            if problems
            else None,
            _controls(selection.to_query(), start, advance, refresh),
        ],
        id=ids.PRESENT_ROOT,
        className=f"present-root present-at-{start}",
        role="region",
        **{"aria-label": "Presentation: use the left and right arrow keys to move"},
    )


def _controls(query: str, start: int, advance: int | None, refresh: int | None) -> html.Footer:
    """A discreet bar: previous, counter, next, what runs by itself, full screen, exit."""
    running = []
    if advance:
        running.append(f"next slide every {advance} s")
    if refresh:
        running.append(f"data refreshed every {refresh} s")
    return html.Footer(
        [
            html.Span("DRE Dashboard", className="present-brand"),
            html.Div(
                [
                    html.Button(
                        "‹", id=ids.PRESENT_PREV, className="present-prev", title="Previous (←)"
                    ),
                    html.Span(
                        f"{start + 1} / {SLIDE_COUNT}",
                        id=ids.PRESENT_COUNTER,
                        className="present-counter",
                        **{"aria-live": "polite"},
                    ),
                    html.Button(
                        "›", id=ids.PRESENT_NEXT, className="present-next", title="Next (→, space)"
                    ),
                ],
                className="present-nav",
            ),
            html.Span(
                [" · ".join(running), html.Span(id=ids.PRESENT_UPDATED)],
                className="present-running",
            ),
            html.Button("Full screen (F)", className="present-fullscreen", type="button"),
            dcc.Link("Exit (Esc)", href="/" + query, id=ids.PRESENT_EXIT, className="present-exit"),
        ],
        className="present-bar",
    )


def drawn_later() -> list:
    """The deck's store of figures and a slide's chart, as `slides` draws them (no data)."""
    return [dcc.Store(id=ids.SLIDE_FIGURES), html.Div(id={"type": ids.SLIDE_CHART, "index": 1})]


def slides(presentation: Presentation, threshold: int = 10) -> list[html.Section]:
    """The opening slide, then one slide per characteristic."""
    return [
        opening_slide(presentation),
        *(
            characteristic_slide(slide, presentation, i + 1, threshold)
            for i, slide in enumerate(presentation.slides)
        ),
    ]


def slide_figures(presentation: Presentation) -> dcc.Store:
    """The slides' charts' figures (slide index → figure), each drawn when its slide is first
    shown (callbacks.present.DRAW_SHOWN): drawing twelve on arrival took 0.8 s."""
    figures = {
        str(i + 1): slide_figure(slide.lead)
        for i, slide in enumerate(presentation.slides)
        if slide.lead is not None
    }
    return dcc.Store(id=ids.SLIDE_FIGURES, data=figures)


def _slide(index: int, label: str, children: list, extra: str = "") -> html.Section:
    return html.Section(
        children,
        className=f"present-slide present-slide-{index} {extra}".strip(),
        **{
            "aria-roledescription": "slide",
            "aria-label": f"{index + 1} of {SLIDE_COUNT}: {label}",
            "data-slide": str(index),
        },
    )


def opening_slide(presentation: Presentation) -> html.Section:
    """The twelve characteristics at a glance, a 4 × 3 grid of tiles."""
    children = [
        html.Header(
            [
                html.H1(
                    "Delivering Race Equality: the twelve at a glance", className="slide-title"
                ),
                html.P(presentation.context, className="slide-goal"),
            ]
        ),
    ]
    if presentation.notice:
        children.append(html.P(presentation.notice, className="slide-message slide-notice"))
    children.append(html.Div([tile(s) for s in presentation.slides], className="tiles"))
    children.append(
        html.P(
            "Each tile: the lead measure's BME : White British (or White) ratio at the latest "
            "period (value where there is no ratio), the measure it is of, the verdict, and the "
            f"trend icon (XmR). † small numbers; {WITHHELD} (disclosure control).",
            className="slide-footnote",
        )
    )
    return _slide(0, "the twelve at a glance", children, "slide-opening")


def tile(slide: Slide) -> html.Div:
    """One characteristic on the opening slide: number, name, figure, verdict, trend icon."""
    lead = slide.lead
    figure, label = "–", "no data"
    if lead is not None and lead.ratio is not None:
        figure = fmt_ratio(lead.ratio.value) + (" †" if lead.ratio.small else "")
        label = f"BME : {lead.comparator}"
    elif lead is not None and lead.ratio_withheld:
        figure, label = WITHHELD_WORD, f"BME : {lead.comparator}"
    elif lead is not None:
        group = "bme" if "bme" in lead.latest else next(iter(lead.latest))
        est = lead.latest[group]
        figure = fmt_value(est.value, lead.kind, lead.unit) + (" †" if est.small else "")
        if not est.shown:
            figure = STATUS_WORD[est.status]
        unit = "" if lead.unit == "%" else f", {short_unit(lead.unit)}"
        label = {**GROUPS, "white_british": lead.comparator}[group] + unit
    # What the number is of: the measure behind it, and why it is not the lead when not.
    named = [html.Span(lead.name, className="tile-measure")] if lead is not None else []
    if slide.lead_note:
        named.append(html.Span(slide.lead_note, className="tile-note"))
    return html.Div(
        [
            html.Div(
                [
                    html.Span(str(slide.number), className="tile-number"),
                    html.Span(slide.short_name, className="tile-name"),
                ],
                className="tile-head",
            ),
            html.Div(
                [
                    html.Span(figure, className="tile-figure"),
                    html.Span(label, className="tile-label"),
                ],
                className="tile-body",
            ),
            html.Div(named, className="tile-what") if named else None,
            html.Div(
                [
                    variation_icon(lead.variation, size=44) if lead else None,
                    html.Span(slide.verdict, className="tile-verdict"),
                ],
                className="tile-foot",
            ),
        ],
        className=f"tile tile-{slide.tone}",
        **{"data-characteristic": str(slide.number)},
    )


def characteristic_slide(
    slide: Slide, presentation: Presentation, index: int, threshold: int = 10
) -> html.Section:
    """Title, the one message, the big values with intervals and the trend chart."""
    header = html.Header(
        [
            html.P(f"Characteristic {slide.number} of 12", className="slide-kicker"),
            html.H1(slide.short_name, className="slide-title"),
            html.P(slide.title, className="slide-goal"),
        ]
    )
    lead = slide.lead
    if lead is None:
        body = html.P(slide.message, className="slide-message slide-notice")
        return _slide(index, slide.short_name, [header, body], "slide-empty")
    if slide.lead_note:
        header.children.append(html.P(slide.lead_note, className="slide-lead-note"))
    unit = "" if lead.unit == "%" else f", {lead.unit}"
    stats = [
        html.P(f"Latest: {lead.latest_label}{unit}", className="stat-period"),
        *(
            _estimate(label, lead.latest[g], lead, g)
            for g, label in {**GROUPS, "white_british": lead.comparator}.items()
            if g in lead.latest and (g != "all" or not lead.by_ethnicity)
        ),
    ]
    if lead.ratio is not None:
        r = lead.ratio
        stats.append(
            _stat(
                f"BME : {lead.comparator}",
                fmt_ratio(r.value) + (" †" if r.small else ""),
                f"{lead.ratio_kind}, {ratio_ci(r)}",
                "ratio",
                r.small,
            )
        )
    elif lead.ratio_withheld:
        text = ratio_not_given(
            lead.ratio_kind or "ratio",
            lead.comparator,
            hidden_reason(e.status for e in lead.latest.values()),
        )
        stats.append(_stat(f"BME : {lead.comparator}", WITHHELD_WORD, text, "ratio"))
    if lead.variation:
        who = "BME" if lead.by_ethnicity else "All people"
        basis = " (the quarters)" if lead.pooling != "quarter" else ""
        stats.append(
            html.P(
                [
                    variation_icon(lead.variation, size=56),
                    f"{who} trend{basis}: {trend_word(lead)}",
                ],
                className="stat-trend",
            )
        )
    if lead.withheld_groups:
        text = withheld_words(
            lead.withheld_groups,
            lead.latest_label or "",
            hidden_reason(e.status for e in lead.latest.values()),
        )
        stats.append(html.P(text, className="withheld-note"))
    if lead.small_groups:
        stats.append(
            html.P(
                f"† {SMALL_NUMBERS} for "
                + small_numbers_words(lead.small_groups, threshold, lead.kind),
                className="small-numbers-note",
            )
        )
    body = html.Div(
        [html.Div(stats, className="slide-stats"), slide_chart(slide, presentation, lead, index)],
        className="slide-body",
    )
    message = html.P(slide.message, className="slide-message")
    return _slide(index, slide.short_name, [header, message, body])


def _estimate(label: str, est: Estimate, lead: MeasureSummary, group: str) -> html.Div:
    if not est.shown:  # the reason, not a number
        return _stat(label, STATUS_WORD[est.status], status_words(est.status), group)
    return _stat(
        label,
        fmt_value(est.value, lead.kind, lead.unit) + (" †" if est.small else ""),
        fmt_ci(est.lower, est.upper, lead.kind, lead.unit) if est.has_interval else "no interval",
        group,
        est.small,
    )


def _stat(label: str, value: str, note: str, kind: str, small: bool = False) -> html.Div:
    """A headline number: what it is, the number, its interval."""
    return html.Div(
        [
            html.Span(label, className="stat-label"),
            html.Span(value, className="stat-value" + (" stat-small" if small else "")),
            html.Span(note, className="stat-ci"),
        ],
        className=f"stat stat-{kind}",
    )
