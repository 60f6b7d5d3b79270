"""The Present page: full-screen slides for a projector, one per characteristic and an opening
slide with the twelve at a glance. Large type, high contrast, one message per slide.

Every slide is rendered at once and stacked; the root's class (`present-at-<i>`) says which
one is visible, so moving between slides never waits for the server, and a data refresh
replaces the slides' content without touching the current index.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.present import Presentation, Slide, seconds_param, start_slide, trend_word
from dashboard.selection import Catalogue, Selection
from dashboard.summaries import Estimate, MeasureSummary
from dashboard.vocabulary import (
    SMALL_NUMBERS,
    fmt_ci,
    fmt_ratio,
    fmt_value,
    ratio_ci,
    short_unit,
    small_numbers_words,
)
from layouts.common import chart_block, chart_caption
from layouts.figures import trend_figure
from layouts.icons import variation_icon
from layouts.overview.ids import CHARACTERISTIC_NUMBERS
from layouts.present import ids

#: The opening slide and one per characteristic.
SLIDE_COUNT = 1 + len(CHARACTERISTIC_NUMBERS)
GROUPS = {"bme": "BME", "white_british": "White British", "all": "All people"}
TABLE_COLUMNS = {
    "label": "Period",
    "group": "Group",
    "value": "Value",
    "lower": "95% CI lower",
    "upper": "95% CI upper",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "small": "Small numbers",
}


def layout(selection: Selection, catalogue: Catalogue, search: str = "") -> html.Div:
    """The presentation's frame; a callback fills the slides (`update_deck`)."""
    advance = seconds_param(search, "advance")
    refresh = seconds_param(search, "refresh")
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


def slides(presentation: Presentation, threshold: int = 10) -> list[html.Section]:
    """The opening slide, then one slide per characteristic."""
    return [
        opening_slide(presentation),
        *(
            characteristic_slide(slide, presentation, i + 1, threshold)
            for i, slide in enumerate(presentation.slides)
        ),
    ]


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
            "Each tile: the lead measure's BME : White British ratio at the latest period "
            "(value where there is no ratio), the verdict, and the trend icon (XmR). "
            "† small numbers.",
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
        label = "BME : White British"
    elif lead is not None:
        group = "bme" if "bme" in lead.latest else next(iter(lead.latest))
        est = lead.latest[group]
        figure = fmt_value(est.value, lead.kind, lead.unit) + (" †" if est.small else "")
        unit = "" if lead.unit == "%" else f", {short_unit(lead.unit)}"
        label = GROUPS[group] + unit
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
    unit = "" if lead.unit == "%" else f", {lead.unit}"
    stats = [
        html.P(f"Latest: {lead.latest_label}{unit}", className="stat-period"),
        *(
            _estimate(label, lead.latest[g], lead, g)
            for g, label in GROUPS.items()
            if g in lead.latest and (g != "all" or not lead.by_ethnicity)
        ),
    ]
    if lead.ratio is not None:
        r = lead.ratio
        stats.append(
            _stat(
                "BME : White British",
                fmt_ratio(r.value) + (" †" if r.small else ""),
                f"{lead.ratio_kind}, {ratio_ci(r)}",
                "ratio",
                r.small,
            )
        )
    if lead.variation:
        who = "BME" if lead.by_ethnicity else "All people"
        stats.append(
            html.P(
                [variation_icon(lead.variation, size=56), f"{who} trend: {trend_word(lead)}"],
                className="stat-trend",
            )
        )
    if lead.small_groups:
        stats.append(
            html.P(
                f"† {SMALL_NUMBERS} for "
                + small_numbers_words(lead.small_groups, threshold, lead.kind),
                className="small-numbers-note",
            )
        )
    body = html.Div(
        [html.Div(stats, className="slide-stats"), _chart(slide, presentation, lead)],
        className="slide-body",
    )
    message = html.P(slide.message, className="slide-message")
    return _slide(index, slide.short_name, [header, message, body])


def _estimate(label: str, est: Estimate, lead: MeasureSummary, group: str) -> html.Div:
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


def _chart(slide: Slide, presentation: Presentation, lead: MeasureSummary) -> html.Figure:
    """The trend chart with its caption and "View as table"."""
    caption = chart_caption(
        lead.unit,
        slide.source or "site returns",
        presentation.period,
        f"{lead.sites} site(s) · shaded: 95% interval · hollow points: small numbers",
    )
    return chart_block(
        slide_figure(lead),
        table_frame(lead),
        caption,
        columns={**TABLE_COLUMNS, "value": f"Value ({lead.unit})"},
        class_name="present-chart",
    )


def table_frame(lead: MeasureSummary) -> pd.DataFrame:
    """The chart's figures: each period and group, value, interval, counts, small flag."""
    return lead.series.assign(group=lead.series["group"].map(GROUPS))


def slide_figure(summary: MeasureSummary) -> dict:
    """The overview's trend chart, drawn to be read from the back of a room: thick lines,
    big markers (hollow where numbers are small), big type, and the height of its box."""
    figure = trend_figure(summary.series, summary.unit, _wrap(summary.name))
    for trace in figure["data"]:
        if trace.get("fill") == "toself":
            trace["fillcolor"] = trace["fillcolor"].replace("0.13)", "0.2)")
        else:
            colour = trace["line"]["color"]
            trace["line"]["width"] = 5
            trace["marker"].update(size=15, line={"width": 3, "color": colour})
    layout = figure["layout"]
    layout.pop("height", None)
    layout.update(
        autosize=True,
        font={**layout["font"], "size": 20, "color": "#0b0c0c"},
        margin={"l": 90, "r": 20, "t": 50 + 30 * layout["title"]["text"].count("<br>"), "b": 40},
        hoverlabel={"font": {"size": 20}},
    )
    # The title just above the plot, in a top margin that fits its lines (`automargin` drew
    # the traces off their axis when it had to grow the margin); the legend under the axis,
    # where a long title cannot run into it.
    layout["title"].update(
        font={"size": 24}, xref="paper", yref="paper", y=1, yanchor="bottom", pad={"b": 12}
    )
    layout["legend"].update(font={"size": 22}, x=0, xanchor="left", y=-0.1, yanchor="top")
    layout["xaxis"].update(tickfont={"size": 18}, nticks=5, linecolor="#555")
    layout["yaxis"]["title"]["font"] = {"size": 20}
    layout["yaxis"].update(tickfont={"size": 18}, gridcolor="#d9d9d9")
    return figure


def _wrap(title: str, width: int = 70) -> str:
    """A long chart title on two lines (Plotly does not wrap titles)."""
    if len(title) <= width:
        return title
    cut = title.rfind(" ", 0, width)
    return title[:cut] + "<br>" + title[cut + 1 :] if cut > 0 else title
