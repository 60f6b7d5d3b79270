"""Figure builders and table frames for the characteristic detail page: DataFrame in, figure or
table out. Values resting on small numbers are ringed (hollow markers), as on the overview."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.characteristic import MeasureDetail, PageContext
from dashboard.compare.funnel import FUNNEL_STATISTIC
from dashboard.selection import TREND_TITLES
from dashboard.stats.disclosure import HIDDEN
from dashboard.vocabulary import (
    ON_QUARTERS,
    SMALL_DIFFERENCE,
    WITHHELD,
    fmt_interval,
    fmt_percent,
    fmt_value,
    left_out,
    periods_withheld,
    ratio_not_given,
    sentence_case,
    short_unit,
)
from layouts.characteristic import ids
from layouts.characteristic.marks import axis_label, mark_small, ratio_chart
from layouts.characteristic.tables import (
    categories_frame,
    figures_table,
    sites_frame,
)
from layouts.charts import funnel_plot, group_bar_chart, xmr_chart
from layouts.common import chart_block, chart_caption, data_table, say_withheld
from layouts.figures import trend_figure
from layouts.scales import value_bounds
from layouts.shell.layout import message
from layouts.theme import GROUP_STYLE

NO_FUNNEL = {
    "count": "a count has no denominator to set how far a site may vary by chance",
    "milestone": "a milestone is met or not at each site",
    "ratio": "a ratio has no sampling model for control limits",
    "mean_score": "a mean score needs the spread of the scores for control limits",
}


def _panel(panel_id: str, child) -> html.Div:
    return html.Div(child, id=panel_id, className="cm-panel")


def lead_name(detail: MeasureDetail) -> str:
    return GROUP_STYLE[detail.lead_group]["name"]


def _caption(detail: MeasureDetail, period: str | None, *extra: str) -> str:
    s = detail.summary
    return chart_caption(s.unit, str(detail.measure["source"]), period or "–", " · ".join(extra))


def _withheld_count(rows: pd.DataFrame) -> int:
    return int(rows["status"].isin(HIDDEN).sum()) if "status" in rows else 0


def rolling_block(detail: MeasureDetail, context: PageContext) -> html.Div:
    """(1) Under pooling, the lead group's rolling values with their 95% intervals, and no
    process limits: rolling values overlap, so the XmR verdict (the heading's) is the
    quarters' own (`dashboard.stats.pooling.variation_basis`)."""
    s = detail.summary
    rows = s.lead_series(detail.lead_group)
    title = f"{lead_name(detail)}: {TREND_TITLES[s.pooling].lower()}"
    drawn = rows.dropna(subset=["value"]).assign(group=detail.lead_group)
    figure = trend_figure(
        drawn.assign(label=drawn["label"].map(axis_label)), s.unit, title, s.comparator
    )
    figure["layout"].update(height=360, showlegend=False, margin={"l": 56, "r": 10, "t": 40})
    figure["layout"]["xaxis"]["nticks"] = 5
    extra = [context.pooling, "shaded: 95% interval", f"no process limits: {ON_QUARTERS}"]
    withheld = _withheld_count(rows)
    if withheld:
        extra.append(periods_withheld(withheld))
    columns = {
        "label": "Period",
        "value": "Value",
        "lower": "95% CI from",
        "upper": "95% CI to",
        "small": "Small numbers",
    }
    table = say_withheld(rows)
    block = chart_block(figure, table, _caption(detail, context.span, *extra), columns)
    return _panel(ids.CHARACTERISTIC_XMR, block)


def xmr_block(detail: MeasureDetail, context: PageContext) -> html.Div:
    """(1) The lead series on an XmR chart, its variation and assurance icons in the corner;
    under pooling, its rolling values instead (`rolling_block`)."""
    if detail.trend is None:
        text = "Fewer than two periods with data: too few for a control chart."
        withheld = _withheld_count(detail.summary.lead_series(detail.lead_group))
        if withheld:
            text += f" {sentence_case(periods_withheld(withheld))}."
        return _panel(ids.CHARACTERISTIC_XMR, message(text))
    if detail.pooled:
        return rolling_block(detail, context)
    s, trend = detail.summary, detail.trend
    rows = s.lead_series(detail.lead_group)
    labels, values = [axis_label(v) for v in rows["label"]], rows["value"].tolist()
    title = f"{lead_name(detail)}: change over time (XmR chart)"
    bounds = value_bounds(s.kind, s.unit)
    fig = mark_small(
        xmr_chart(labels, values, trend, short_unit(s.unit), title, bounds),
        labels,
        values,
        rows["small"],
    )
    fig.update_xaxes(nticks=5, tickangle=0)
    table = rows.assign(mean=trend.means, lpl=trend.lpls, upl=trend.upls, point=trend.point_type)
    table = say_withheld(table)
    extra = [context.pooling, "dashed: process limits", "ringed: small numbers"]
    if _withheld_count(rows):
        extra.append(periods_withheld(_withheld_count(rows)))
    if detail.target is not None:
        extra.append(f"dotted: the target of {detail.target_site}")
    columns = {
        "label": "Period",
        "value": "Value",
        "lower": "95% CI from",
        "upper": "95% CI to",
        "small": "Small numbers",
        "mean": "Mean",
        "lpl": "Lower process limit",
        "upl": "Upper process limit",
        "point": "Point",
    }
    block = chart_block(fig, table, _caption(detail, context.span, *extra), columns)
    return _panel(ids.CHARACTERISTIC_XMR, block)


def ratio_block(detail: MeasureDetail, context: PageContext) -> html.Div:
    """(3) The BME : White British ratio over time, with its 95% interval and a line at 1."""
    s, ratios = detail.summary, detail.ratios
    if not s.by_ethnicity:
        text = (
            f"Recorded for all people, not by ethnic group: there is no BME : {s.comparator} ratio."
        )
    elif detail.ratio_kind is None:
        text = f"A {s.kind.replace('_', ' ')} has no ratio with a confidence interval."
    elif not ratios.empty and ratios["status"].isin(HIDDEN).all():
        text = f"{ratio_not_given(detail.ratio_kind, s.comparator)} in any period."
    elif ratios.empty or not ratios["value"].notna().any():
        text = f"No period has both BME and {s.comparator} events to compare."
    else:
        title = f"BME : {s.comparator} {detail.ratio_kind} over time"
        fig = ratio_chart(ratios, detail.ratio_kind, title, s.comparator)
        withheld = _withheld_count(ratios)
        caption = chart_caption(
            f"{detail.ratio_kind} (1 = no difference)",
            str(detail.measure["source"]),
            context.span,
            f"{context.pooling} · band: 95% interval (log method) · ringed: {SMALL_DIFFERENCE}"
            + (f" · {periods_withheld(withheld)}" if withheld else ""),
        )
        columns = {
            "label": "Period",
            "value": "Ratio",
            "lower": "95% CI from",
            "upper": "95% CI to",
            "small": "Small numbers",
        }
        block = chart_block(fig, say_withheld(ratios), caption, columns)
        return _panel(ids.CHARACTERISTIC_RATIO, block)
    return _panel(ids.CHARACTERISTIC_RATIO, message(text))


def groups_block(detail: MeasureDetail) -> html.Div:
    """(2) Each NHS ethnic category at the latest (pooled) period against White British."""
    s, cats = detail.summary, detail.categories
    wb = cats[cats["group"] == "white_british"] if not cats.empty else cats
    withheld = cats["status"].isin(HIDDEN) if not cats.empty else cats.get("status")
    if not s.by_ethnicity:
        text = (
            "Recorded for all people, not by ethnic group: there is no breakdown by ethnicity "
            f"and no BME : {s.comparator} ratio."
        )
    elif cats.empty:
        text = f"No figures by ethnic category for {detail.window_label}."
    elif wb.empty:
        text = f"No {s.comparator} figure for {detail.window_label} to compare with."
    elif withheld[wb.index].any():
        text = f"{s.comparator}, {detail.window_label}: {WITHHELD}: nothing to compare with."
    else:
        ref = wb.iloc[0]
        shown = cats[~withheld & (cats["group"] != "white_british")]
        bars = shown.assign(group=lambda f: f["ethnic_name"])
        title = f"By ethnic category, {detail.window_label}"
        unit, bounds = short_unit(s.unit), value_bounds(s.kind, s.unit)
        fig = group_bar_chart(bars, float(ref["value"]), unit, title, bounds, s.comparator)
        extra = [
            f"dashed line: {s.comparator} {fmt_value(ref['value'], s.kind, s.unit)} "
            f"(95% CI {fmt_interval(ref['lower'], ref['upper'], s.kind, s.unit)})",
            "error bars: 95% intervals",
            "hatched: small numbers",
        ]
        if detail.not_stated_share is not None:
            share = fmt_percent(detail.not_stated_share)
            extra.append(f"ethnicity not stated for {share} (not shown)")
        if withheld.any():
            extra.append(left_out(int(withheld.sum()), "category"))
        caption = _caption(detail, detail.window_label, *extra)
        block = chart_block(fig, categories_frame(cats, s.kind, s.unit, s.comparator), caption)
        return _panel(ids.CHARACTERISTIC_GROUPS, block)
    return _panel(ids.CHARACTERISTIC_GROUPS, message(text))


def funnel_block(detail: MeasureDetail) -> html.Div:
    """(4) The selected sites on a funnel plot around the selection's pooled value."""
    s = detail.summary
    if s.kind not in FUNNEL_STATISTIC:
        reason = NO_FUNNEL.get(s.kind, "there is no sampling model for control limits")
        text = f"No funnel plot for this measure: {reason}."
    elif len(detail.sites) - detail.withheld_sites < 2:
        shown = len(detail.sites) - detail.withheld_sites
        text = (
            f"A funnel plot compares sites: {shown} site of this selection has data "
            f"for {detail.window_label}. Choose a region or several sites."
        )
        if detail.withheld_sites:
            text += f" {sentence_case(left_out(detail.withheld_sites))}."
    elif detail.benchmark_withheld:
        text = (
            f"The selection's pooled value is {WITHHELD}: no benchmark to compare the sites with."
        )
    elif detail.funnel is None:
        text = "No pooled value to compare the sites with."
    else:
        f = detail.funnel
        sites = f.sites.assign(site=f.sites["name"])
        title = f"Sites: {lead_name(detail)} value, {detail.window_label}"
        bounds = value_bounds(s.kind, s.unit)
        fig = funnel_plot(
            sites, f.limits, f.benchmark, short_unit(s.unit), title, s.polarity, bounds
        )
        caption = _caption(
            detail,
            detail.window_label,
            f"{len(sites)} sites around the selection's pooled {lead_name(detail)} value "
            f"{fmt_value(f.benchmark, s.kind, s.unit)}",
            "dashed and solid: 95% and 99.8% limits",
            "hollow circle: small numbers, no verdict",
            *([left_out(detail.withheld_sites)] if detail.withheld_sites else []),
        )
        block = chart_block(fig, sites_frame(f.sites, s.kind, s.unit, s.polarity), caption)
        return _panel(ids.CHARACTERISTIC_FUNNEL, block)
    return _panel(ids.CHARACTERISTIC_FUNNEL, message(text))


def figures_block(detail: MeasureDetail, context: PageContext) -> html.Figure:
    """(5) The figures by period: both groups with intervals, counts and the ratio."""
    s = detail.summary
    groups = ["bme", "white_british"] if s.by_ethnicity else ["all"]
    frame = figures_table(detail.table, groups, s.kind, s.unit, s.comparator)
    return html.Figure(
        [
            html.H3("Figures by period", className="cm-table-title"),
            # a region a keyboard can scroll (focusable, named)
            html.Div(
                data_table(frame),
                className="cm-table-scroll",
                tabIndex="0",
                role="region",
                **{"aria-label": "The chart's figures as a table"},
            ),
            html.Figcaption(
                _caption(detail, context.span, context.pooling, "†: small numbers"),
                className="caption",
            ),
        ],
        id=ids.CHARACTERISTIC_TABLE,
        className="chart-block cm-figures",
    )
