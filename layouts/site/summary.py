"""The top of the My site page: who the site is, what a site lead must notice first (special
causes, targets, small numbers), and the quality of its data (ethnicity recording, missing
returns)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.reference.words import kind_words
from dashboard.selection import pooling_words
from dashboard.site.data import SiteData
from dashboard.site.measure_view import MeasureView
from dashboard.stats.disclosure import HIDDEN
from dashboard.vocabulary import (
    SMALL_NUMBERS,
    SPECIAL_CAUSE_CONCERN,
    SPECIAL_CAUSE_IMPROVEMENT,
    SUPPRESSED_AT_SOURCE,
    TOO_FEW,
    WITHHELD,
    assurance_words,
    periods_withheld,
    sentence_case,
    small_numbers_rule,
)
from layouts.common import chart_caption, data_table, image_block, say_withheld
from layouts.icons import assurance_icon, variation_icon
from layouts.site.charts import completeness_svg, completeness_words
from layouts.site.measures import anchor
from layouts.sparkline import data_uri

#: key of SiteData.summary → (heading, icon key, what to show when the list is empty)
SUMMARY_BOXES = (
    ("improvement", sentence_case(SPECIAL_CAUSE_IMPROVEMENT), ("variation", "improvement_high")),
    ("concern", sentence_case(SPECIAL_CAUSE_CONCERN), ("variation", "concern_high")),
    ("met", sentence_case(assurance_words("consistent_pass")), ("assurance", "consistent_pass")),
    ("missed", sentence_case(assurance_words("consistent_fail")), ("assurance", "consistent_fail")),
)
COMPLETENESS_SOURCE = "the site's returns of the measures kept by ethnicity"

#: A list that scrolls: a keyboard can reach and scroll it, and a screen reader names it.
SCROLL_REGION = {"tabIndex": "0", "role": "region"}


def site_header(data: SiteData) -> html.Header:
    """Name, kind, region and rurality, the periods shown, and a small-numbers badge."""
    facts = [
        kind_words(data.kind),
        data.region_name,
        data.rurality,
        data.span,
        pooling_words(data.pooling, data.periods),
    ]
    badges = []
    small = data.summary()["small"]
    if small:
        badges.append(
            dbc.Badge(
                f"{SMALL_NUMBERS} in {len(small)} of {len(data.measures)} measures",
                color="warning",
                text_color="dark",
                className="ms-2 site-small-badge",
            )
        )
    return html.Header(
        [
            html.H2([data.name, *badges], className="site-name"),
            html.P(" · ".join(f for f in facts if f), className="site-facts"),
        ],
        className="site-header",
    )


def _item(measure: MeasureView) -> html.Li:
    return html.Li(
        html.A(
            [html.Span(measure.code, className="site-code"), measure.name],
            href=f"#{anchor(measure.code)}",
        )
    )


def summary_panel(data: SiteData) -> html.Section:
    """Four lists, with counts: special-cause improvement and concern, targets consistently
    met and missed (Making Data Count), each item a link to its measure's card."""
    summary = data.summary()
    targets = sum(m.target is not None for m in data.measures)
    boxes = []
    for key, heading, (icon_type, icon_key) in SUMMARY_BOXES:
        items = summary[key]
        icon = (variation_icon if icon_type == "variation" else assurance_icon)(icon_key, size=26)
        if items:
            body = html.Ul([_item(m) for m in items], className="site-summary-list")
        elif key in ("met", "missed") and not targets:
            body = html.P("The site set no target on these measures.", className="site-none")
        else:
            body = html.P("None", className="site-none")
        boxes.append(
            html.Div(
                [
                    html.H3(
                        [icon, html.Span(str(len(items)), className="site-count"), heading],
                        className="site-summary-title",
                    ),
                    body,
                ],
                className=f"site-summary-box site-summary-{key}",
                **{"data-count": str(len(items))},
            )
        )
    return html.Section(
        [
            html.H2("Summary", className="visually-hidden"),
            html.Div(boxes, className="site-summary"),
        ],
        className="site-summary-section",
        **{"aria-label": "Summary"},
    )


def small_numbers_note(data: SiteData, pool_href: str | None, threshold: int) -> html.Div | None:
    """Which measures rest on small numbers at their latest value, and how to pool them."""
    small = data.summary()["small"]
    if not small:
        return None
    names = ", ".join(m.code for m in small)
    children: list = [
        dbc.Badge(SMALL_NUMBERS, color="warning", text_color="dark", className="me-1"),
        f"The latest value of {names} rests on {small_numbers_rule(threshold)}: {TOO_FEW}; "
        "intervals are wide and special causes are unlikely to show. ",
    ]
    if pool_href:
        children.append(dcc.Link("Pool periods into a rolling year", href=pool_href))
        children.append(" to steady them.")
    return html.Div(children, className="small-numbers site-small-note")


def missing_by_period(data: SiteData) -> pd.DataFrame:
    """The periods with no return for at least one measure, and which: their codes, or "no
    return at all" when the site sent nothing of what it could have (every measure it agreed
    that some site returned that quarter)."""
    rows = []
    for period in data.periods:
        missing = [m.code for m in data.measures if period in m.missing]
        if not missing:
            continue
        expected = set(data.collected.get(period, ())) & {m.code for m in data.measures}
        if len(missing) > 1 and set(missing) == expected:
            which = f"no return at all ({len(missing)} measures)"
        else:
            which = ", ".join(missing)
        rows.append({"period": data.quarter_labels[period], "measures": which})
    return pd.DataFrame(rows, columns=["period", "measures"])


def withheld_by_period(data: SiteData) -> pd.DataFrame:
    """The periods in which the site returned a measure whose value disclosure control
    withholds from the reader, and which: returned, so not "no return"."""
    rows = []
    for period in data.periods:
        withheld = [m.code for m in data.measures if period in m.withheld]
        if withheld:
            rows.append({"period": data.quarter_labels[period], "measures": ", ".join(withheld)})
    return pd.DataFrame(rows, columns=["period", "measures"])


def _withheld_box(data: SiteData) -> html.Div | None:
    withheld = withheld_by_period(data)
    if withheld.empty:
        return None
    statuses = {s for m in data.measures if "status" in m.series for s in m.series["status"]}
    title, why = f"Periods {WITHHELD}", "withheld from you by disclosure control (counts of 1 to 7)"
    if "suppressed" in statuses:  # a publication's blanks: its publisher's own control
        title = f"Periods withheld or {SUPPRESSED_AT_SOURCE}"
        why += " or suppressed at source by their publisher"
    return html.Div(
        [
            html.H3(f"{title} ({len(withheld)})", className="site-dq-title"),
            html.P(
                f"Periods the site has figures for, whose values are {why}: not missing returns.",
                className="caption",
            ),
            html.Div(
                data_table(withheld, {"period": "Period", "measures": "Withheld for"}),
                className="site-missing-table site-withheld-table",
                **SCROLL_REGION,
                **{"aria-label": title},
            ),
        ],
        className="site-dq-box",
    )


COMPLETENESS_TITLE = "Ethnicity recording completeness, each quarter"


def data_quality(data: SiteData) -> html.Section:
    """Ethnicity recording completeness (latest, and a small trend) and periods with no return."""
    frame = data.completeness
    if frame.empty:
        recording = html.P(
            "No measure kept by ethnicity has a return in these periods, so recording "
            "completeness cannot be worked out.",
            className="measure-nodata",
        )
    else:
        last = frame.iloc[-1]
        span = f"{frame['label'].iloc[0]} to {last['label']}"
        latest = [
            html.Span(f"{last['share']:.1%}", className="site-dq-value"),
            f" of records in {last['label']} had ethnicity stated "
            f"({int(last['not_stated']):,} of {int(last['records']):,} not stated).",
        ]
        if last.get("status") in HIDDEN:  # the not-stated count is withheld: no share
            latest = [f"Records without ethnicity stated in {last['label']}: {WITHHELD}."]
        # every quarter in its place: a withheld one is a gap in the line, not left out (the
        # quarters withheld are those with the fewest records not stated: without them the
        # line would read worse than the site is)
        gaps = int(frame["share"].isna().sum())
        recording = html.Div(
            [
                html.P(latest, className="site-dq-latest"),
                image_block(
                    data_uri(completeness_svg(frame, COMPLETENESS_TITLE)),
                    completeness_words(frame, COMPLETENESS_TITLE),
                    say_withheld(
                        frame.assign(share=(frame["share"] * 100).round(1)),
                        words=("share",),
                        blank=("not_stated",),
                    ),
                    chart_caption(
                        "% of records with ethnicity stated (people for proportions, events "
                        "for rates and counts)",
                        COMPLETENESS_SOURCE,
                        span,
                        "hollow points: fewer than 30 records"
                        + (f" · {periods_withheld(gaps)}" if gaps else ""),
                    ),
                    columns={
                        "label": "Period",
                        "records": "Records",
                        "not_stated": "Ethnicity not stated",
                        "share": "% stated",
                    },
                    class_name="site-dq-chart",
                ),
            ]
        )
    missing = missing_by_period(data)
    if missing.empty:
        returns = html.P(
            "A return for every agreed measure in every period.", className="site-none"
        )
    else:
        returns = html.Div(
            data_table(missing, {"period": "Period", "measures": "No return for"}),
            className="site-missing-table",
            **SCROLL_REGION,
            **{"aria-label": "Periods with no return"},
        )
    return html.Section(
        [
            html.H2("Data quality", className="site-section-title"),
            html.Div(
                [
                    html.Div(
                        [html.H3("Ethnicity recorded", className="site-dq-title"), recording],
                        className="site-dq-box",
                    ),
                    html.Div(
                        [
                            html.H3(
                                f"Periods with no return ({len(missing)})",
                                className="site-dq-title",
                            ),
                            html.P(
                                "Quarters in which other sites returned the measure but this "
                                "site did not.",
                                className="caption",
                            ),
                            returns,
                        ],
                        className="site-dq-box",
                    ),
                    _withheld_box(data),
                ],
                className="site-dq",
            ),
        ],
        className="site-data-quality",
    )
