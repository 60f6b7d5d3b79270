"""The characteristic detail page: every chosen measure of one characteristic as a card that
also picks the measure in focus, and that measure's detail charts (`charts.py`)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.characteristic import (
    CharacteristicData,
    MeasureDetail,
    PageContext,
    characteristic_data,
    choose_measure,
    detail_for,
    page_context,
    parse_number,
)
from dashboard.no_site import GENERAL
from dashboard.selection import Catalogue, Selection, page_param
from dashboard.summaries import MeasureSummary
from dashboard.vocabulary import (
    ON_QUARTERS,
    POOL_ADVICE,
    SMALL_NUMBERS,
    STATUS_WORD,
    fmt_interval,
    fmt_ratio,
    fmt_value,
    hidden_reason,
    ratio_not_given,
    ratio_statement,
    small_numbers_rule,
    small_numbers_words,
    status_words,
    withheld_words,
    xmr_words,
)
from layouts.characteristic import ids
from layouts.characteristic.charts import (
    figures_block,
    funnel_block,
    groups_block,
    lead_name,
    ratio_block,
    xmr_block,
)
from layouts.icons import assurance_icon, variation_icon
from layouts.shell.layout import message

POLARITY_WORDS = {
    "higher_is_better": "higher is better",
    "lower_is_better": "lower is better",
    "no_judgement": "no judgement of better or worse",
}


def layout(
    selection: Selection, catalogue: Catalogue, search: str = "", number: str | None = None
) -> html.Div:
    """The page for a (validated) selection and characteristic `number` ("1" to "12");
    `?measure=` in `search` picks the measure in focus."""
    n = parse_number(number)
    query = selection.to_query()
    if n is None:
        return no_such_characteristic(number, query)
    data = characteristic_data(selection, catalogue, n)
    code = choose_measure(data.codes, page_param(search, "measure"))
    summary, detail = detail_for(selection, catalogue, data, code)
    context = page_context(selection, catalogue, data)
    return page(data, code, detail_section(summary, detail, context), query, context)


def no_such_characteristic(number: str | None, query: str) -> html.Div:
    return html.Div(
        [
            html.H1("No such characteristic", className="h3"),
            html.P(
                f"There is no characteristic {number!s}: the DRE programme has twelve, "
                "numbered 1 to 12."
            ),
            dcc.Link("Go to the overview", href="/" + query),
        ],
        className="py-5 characteristic-missing",
    )


def _estimate(label: str, group: str, summary: MeasureSummary) -> html.Div:
    est = summary.latest[group]
    small = " †" if est.small else ""
    value = fmt_value(est.value, summary.kind, summary.unit) + small
    interval = fmt_interval(est.lower, est.upper, summary.kind, summary.unit)
    if not est.shown:  # the reason in place of a number and its interval
        value, interval = STATUS_WORD[est.status], status_words(est.status)
    return html.Div(
        [
            html.Span(label, className=f"cm-group cm-{group}"),
            html.Span(value, className="cm-val" + ("" if est.shown else " cm-withheld")),
            html.Span(interval, className="cm-ci"),
        ],
        className="cm-estimate",
    )


def measure_card(summary: MeasureSummary) -> html.Div:
    """A measure's latest values with intervals and its ratio: the label of its radio item."""
    children: list = [html.Div(summary.name, className="cm-name")]
    if not summary.has_data:
        children.append(html.Div("No figures for these sites and periods.", className="cm-none"))
        return html.Div(children, className="cm-card")
    groups = (
        [("BME", "bme"), (summary.comparator, "white_british")]
        if summary.by_ethnicity
        else [("All people", "all")]
    )
    children += [_estimate(label, g, summary) for label, g in groups if g in summary.latest]
    if summary.ratio is not None:
        r = summary.ratio
        children.append(
            html.Div(
                f"{summary.ratio_kind.capitalize()} {fmt_ratio(r.value)} "
                f"({fmt_ratio(r.lower)} to {fmt_ratio(r.upper)}){' †' if r.small else ''}",
                className="cm-ratio",
            )
        )
    elif summary.ratio_withheld:
        children.append(
            html.Div(
                ratio_not_given(
                    summary.ratio_kind,
                    summary.comparator,
                    hidden_reason(e.status for e in summary.latest.values()),
                ),
                className="cm-ratio",
            )
        )
    children.append(
        html.Div(
            [variation_icon(summary.variation, size=20), html.Span(summary.latest_label)],
            className="cm-latest",
        )
    )
    return html.Div(children, className="cm-card")


def measure_picker(data: CharacteristicData, code: str | None) -> dbc.RadioItems:
    """The characteristic's chosen measures; picking one redraws the detail charts."""
    return dbc.RadioItems(
        id=ids.CHARACTERISTIC_MEASURE,
        options=[
            {
                "label": measure_card(s),
                "value": s.code,
                "input_id": ids.characteristic_option(s.code),
            }
            for s in data.summaries
        ],
        value=code,
        class_name="cm-picker",
        input_class_name="btn-check",
        label_class_name="cm-option",
        label_checked_class_name="cm-option-checked",
    )


def _sidebar(data: CharacteristicData, code: str | None, query: str, threshold: int) -> list:
    children: list = [
        html.H2("Measures", className="cm-heading"),
        html.P(
            "Latest value with its 95% interval. Pick one to see it in detail.",
            className="cm-help",
        ),
        measure_picker(data, code),
    ]
    if data.summaries:
        children.append(
            html.P(
                f"† small numbers: {small_numbers_rule(threshold)}.",
                className="cm-help",
            )
        )
    if data.not_chosen:
        children.append(
            html.P(
                [
                    "Not in the menu: " + "; ".join(data.not_chosen) + ". ",
                    dcc.Link("Choose measures on the overview", href="/" + query),
                    ".",
                ],
                className="cm-help cm-not-chosen",
            )
        )
    return children


def page(
    data: CharacteristicData,
    code: str | None,
    detail: list,
    query: str,
    context: PageContext,
) -> html.Div:
    """The page: heading, the measures (cards that pick), the chosen measure's detail."""
    header = html.Div(
        [
            dcc.Link("← Overview", href="/" + query, className="cm-back"),
            html.H1(
                [html.Span(str(data.number), className="char-number"), data.short_name],
                className="cm-title",
            ),
            html.P(data.title, className="cm-subtitle"),
            html.P(
                f"{context.pooled or f'{context.sites} site(s) pooled'} · {context.span} · "
                f"{context.pooling} · "
                "pooled numerators over pooled denominators, with 95% confidence intervals",
                className="cm-summary",
            ),
        ],
        className="cm-header",
    )
    if not data.summaries and not data.sites and data.not_chosen == []:
        note = [message("No measure of this characteristic is on the menu yet.")]
    else:
        note = []
    body = dbc.Row(
        [
            dbc.Col(
                _sidebar(data, code, query, context.threshold),
                lg=3,
                className="cm-sidebar",
            ),
            dbc.Col(
                [
                    dcc.Store(id=ids.CHARACTERISTIC_SHOWN, data=code),
                    dcc.Loading(
                        html.Div(detail, id=ids.CHARACTERISTIC_CONTENT),
                        type="dot",
                        delay_show=300,
                    ),
                ],
                lg=9,
            ),
        ],
        className="g-3",
    )
    return html.Div([header, *note, body], className="characteristic-page")


def measure_heading(
    summary: MeasureSummary, detail: MeasureDetail | None, threshold: int = 10
) -> html.Div:
    """The measure's name, definition, its ratio's verdict, and its trend verdict in words and
    icons, in the overview's words (`dashboard.vocabulary`)."""
    children: list = [html.H2(summary.name, className="cm-measure-title")]
    if detail is not None:
        m = detail.measure
        children.append(
            html.P(
                f"Numerator: {m['numerator_definition']} · Denominator: "
                f"{m['denominator_definition']} · {POLARITY_WORDS.get(m['polarity'], '')}",
                className="cm-definition",
            )
        )
    if summary.ratio is not None:
        statement = ratio_statement(
            summary.ratio_kind or "ratio", summary.ratio, summary.polarity, summary.comparator
        )
        children.append(html.P(f"{statement}.", className="cm-ratio-verdict disparity"))
    elif summary.ratio_withheld:
        why = hidden_reason(e.status for e in summary.latest.values())
        text = ratio_not_given(summary.ratio_kind or "ratio", summary.comparator, why) + "."
        children.append(html.P(text, className="cm-ratio-verdict disparity"))
    if summary.withheld_groups:
        words = withheld_words(
            summary.withheld_groups,
            summary.latest_label or "",
            hidden_reason(e.status for e in summary.latest.values()),
        )
        children.append(html.P(words, className="withheld-note"))
    elif summary.left_out:
        children.append(html.P(f"{summary.left_out}.", className="withheld-note"))
    if detail is not None and detail.trend is not None:
        trend = detail.trend
        words = xmr_words(trend.variation, trend.assurance)
        if detail.pooled:
            words.append(ON_QUARTERS)
        verdict = [variation_icon(trend.variation, size=30)]
        if trend.assurance:
            verdict.append(assurance_icon(trend.assurance, size=30))
        verdict.append(html.Span(f"{lead_name(detail)}: " + "; ".join(words) + "."))
        children.append(html.P(verdict, className="cm-verdict"))
    if summary.small_groups:
        words = small_numbers_words(
            summary.small_groups, threshold, summary.kind, summary.latest_label
        )
        children.append(
            html.P(f"† {SMALL_NUMBERS} for {words} {POOL_ADVICE}", className="small-numbers")
        )
    return html.Div(children, className="cm-measure-heading")


def detail_section(
    summary: MeasureSummary | None, detail: MeasureDetail | None, context: PageContext
) -> list:
    """The content under the measure picker: the chosen measure's five panels, or a message."""
    if context.sites == 0:
        return [message(context.no_site or GENERAL)]
    if summary is None:
        return [
            message(
                "None of this characteristic's measures is in the menu for this "
                "selection. Choose measures on the overview."
            )
        ]
    if detail is None:
        return [
            measure_heading(summary, None, context.threshold),
            message(
                "No figures for the selected sites and periods: widen the period or "
                "choose more sites."
            ),
        ]
    if summary.by_ethnicity:
        trend = dbc.Row(
            [
                dbc.Col(xmr_block(detail, context), xl=6),
                dbc.Col(ratio_block(detail, context), xl=6),
            ],
            className="g-3",
        )
    else:  # one series, no ratio: the control chart takes the width
        trend = xmr_block(detail, context)
    return [
        measure_heading(summary, detail, context.threshold),
        trend,
        groups_block(detail),
        funnel_block(detail),
        figures_block(detail, context),
    ]
