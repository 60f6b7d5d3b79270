"""The Compare sites page's charts: a funnel plot and a caterpillar chart of one measure across
the chosen sites, with the small-numbers marking, captions and "view as table", or a message
saying why a chart cannot be drawn. Pure: a `Comparison` in, components out."""

from __future__ import annotations

from urllib.parse import quote

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.compare.data import Comparison
from dashboard.pool_offer import PoolOffer
from dashboard.vocabulary import (
    SMALL_NUMBERS,
    WITHHELD,
    fmt_interval,
    fmt_value,
    hidden_reason,
    left_out,
    short_unit,
)
from layouts.charts import caterpillar_chart, funnel_plot
from layouts.common import chart_block, chart_caption
from layouts.compare import ids
from layouts.compare.spine import drawn_when_seen
from layouts.scales import value_bounds
from layouts.shell.layout import message
from layouts.significance import mark

SMALL_MARK = " †"


_LONG_WORDS = (
    (" NHS Foundation Trust", ""),
    (" NHS Trust", ""),
    (" Foundation Trust", ""),
    (" Mental Health", " MH"),
    (" Partnership", ""),
    (" and Social Care", ""),
    (" University", ""),
)
NAME_LENGTH = 26


def short_names(names: pd.Series) -> pd.Series:
    """Site names short enough for a chart's axis ("South London and Maudsley"), kept whole
    where shortening would make two alike."""
    short = names.astype(str)
    for long, brief in _LONG_WORDS:
        short = short.str.replace(long, brief, regex=False)
    short = short.map(lambda n: n if len(n) <= NAME_LENGTH else n[: NAME_LENGTH - 1] + "…")
    return short if short.is_unique else names.astype(str)


def site_href(code: str, query: str) -> str:
    """The site's page, with the selection's query string."""
    return f"/site/{quote(str(code), safe='')}{query}"


def clickable_charts() -> list[dcc.Graph]:
    """The charts whose points open a site's page, as `content` draws them (without data)."""
    return [dcc.Graph(id=ids.COMPARE_FUNNEL), dcc.Graph(id=ids.COMPARE_CATERPILLAR)]


def drawn_later() -> list:
    """What callbacks draw into the page after it arrives, for their validation: the
    clickable charts and the spine chart's place (drawn when scrolled near)."""
    return [*clickable_charts(), drawn_when_seen()]


def _period(comparison: Comparison) -> str:
    window = comparison.window
    return window.label if window.span == window.label else f"{window.label} ({window.span})"


def _why(comparison: Comparison) -> str:
    """Why sites are left out: withheld, or suppressed at source (a publication's blanks)."""
    statuses = comparison.sites.get("status", [])
    return hidden_reason(statuses)


def summary(comparison: Comparison, site_count: int) -> str:
    """The line under the controls: what is compared, when, against what."""
    measure = comparison.measure
    if measure is None:
        return "Choose a measure to compare the sites."
    unit = short_unit(measure["unit"])
    bench = fmt_value(comparison.benchmark_value, measure["kind"], unit)
    shown = f"{bench} {unit}" if measure["kind"] in ("rate", "ratio", "mean_score") else bench
    if comparison.withheld and bench == "–":  # no number for it: the reason
        shown = WITHHELD
    if measure["kind"] == "count":
        against = f"total for {comparison.benchmark_label}: {shown} {unit}"
    else:
        against = f"benchmark {comparison.benchmark_label}: {shown}"
    shown = f"{len(comparison.shown)} of {site_count} site(s) with data"
    if comparison.withheld:
        shown += f", {left_out(comparison.withheld, reason=_why(comparison))}"
    parts = [
        shown,
        _period(comparison),
        comparison.group_label,
        against,
    ]
    return " · ".join(parts)


def content(
    comparison: Comparison,
    site_count: int,
    no_site: str | None = None,
    query: str = "",
    offers: list[PoolOffer] | None = None,
) -> list:
    """The funnel plot and the caterpillar chart, or messages saying why they are missing
    (`no_site`: why the choices match no site, `dashboard.no_site.why_no_site`); a click on a
    site's point opens its page with the selection's `query`. `offers`: where sites rest on
    small numbers, the link that pools them with their region."""
    measure = comparison.measure
    if measure is None:
        return [message("There is no measure to compare: the menu of measures is empty.")]
    notes = [message(n, "info") for n in comparison.notes]
    if comparison.missing and not comparison.sites.empty:
        more = len(comparison.missing) - 6
        names = ", ".join(comparison.missing[:6]) + (f" and {more} more" if more > 0 else "")
        notes.append(
            html.P(
                f"No data for this measure from {len(comparison.missing)} site(s): {names}.",
                className="compare-missing",
            )
        )
    if comparison.withheld:
        notes.append(
            html.P(
                f"{left_out(comparison.withheld, reason=_why(comparison)).capitalize()}: on no "
                "chart, and in the "
                "table with the reason.",
                className="compare-withheld",
            )
        )
    for offer in offers or []:
        names = ", ".join(offer.names[:4]) + (
            f" and {len(offer.names) - 4} more" if len(offer.names) > 4 else ""
        )
        notes.append(
            html.P(
                [
                    f"† {SMALL_NUMBERS} at {names}: ",
                    dcc.Link(f"see them pooled with {offer.region}", href=offer.href),
                    ".",
                ],
                className="compare-pool-offer",
            )
        )
    if site_count == 0:
        return [message(no_site or "No site matches these choices: widen the region or rurality.")]
    sites = comparison.shown
    if sites.empty:
        return [
            *notes,
            message(
                f"None of the chosen sites has data for “{measure['name']}” in "
                f"{_period(comparison)}: choose another measure, more sites or a longer pooling."
            ),
        ]
    if comparison.funnel is None and measure["kind"] in ("proportion", "rate"):
        return [
            *notes,
            message(
                f"The benchmark, {comparison.benchmark_label}, is {WITHHELD}: there is nothing "
                "to compare the sites with."
            ),
        ]
    if comparison.funnel is None:
        return [
            *notes,
            message(
                f"“{measure['name']}” is a {measure['kind']}: a funnel plot needs a proportion or "
                "a rate, so the sites are listed in the table below without a significance test."
            ),
        ]
    unit = short_unit(measure["unit"])
    group = comparison.group_label
    caption = chart_caption(
        measure["unit"],
        measure["source"],
        _period(comparison),
        f"{group} · benchmark {comparison.benchmark_label}",
    )
    hrefs = [site_href(code, query) for code in sites["site"]]
    labelled = sites.assign(
        site=sites["name"] + sites["small"].map({True: SMALL_MARK, False: ""}), href=hrefs
    )
    f = comparison.funnel
    polarity, bounds = measure["polarity"], value_bounds(measure["kind"], measure["unit"])
    funnel_fig = funnel_plot(
        labelled,
        f.limits,
        f.benchmark,
        unit,
        f"{measure['name']}: {group}, against {comparison.benchmark_label}",
        polarity=polarity,
        bounds=bounds,
    )
    marks = [mark(c, polarity).text for c in sites["category"]]
    funnel_table = labelled.assign(mark=marks)[
        ["site", "numerator", "denominator", "value", "mark"]
    ]
    short = sites["small"].map({True: SMALL_MARK, False: ""})
    cat_fig = caterpillar_chart(
        sites.assign(site=short_names(sites["name"]) + short, href=hrefs),
        comparison.benchmark_value,
        unit,
        f"Sites ranked, with 95% intervals ({group})",
        polarity=polarity,
        bounds=bounds,
    )
    cat_fig.update_yaxes(automargin=True)
    cat_fig.update_layout(
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        margin={"t": 125, "l": 10},
        title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 14}},
        height=max(380, 26 * len(sites) + 215),
    )
    cat_table = labelled.assign(
        interval=[
            fmt_interval(a, b, measure["kind"], unit)
            for a, b in zip(sites["lower"], sites["upper"], strict=True)
        ],
        mark=marks,
    )[["site", "value", "interval", "mark"]]
    return [
        *notes,
        dbc.Row(
            [
                dbc.Col(
                    chart_block(
                        funnel_fig,
                        funnel_table,
                        caption + " · limits at 95% (dashed) and 99.8% · hollow circle, †: "
                        "small numbers, no verdict",
                        {
                            "site": "Site",
                            "numerator": "Numerator",
                            "denominator": "Denominator",
                            "value": f"Value ({unit})",
                            "mark": "Position on the funnel",
                        },
                        graph_id=ids.COMPARE_FUNNEL,
                    ),
                    lg=6,
                ),
                dbc.Col(
                    chart_block(
                        cat_fig,
                        cat_table,
                        caption + " · marks: the site's place on the funnel plot · hollow "
                        "circle, †: small numbers, no verdict",
                        {
                            "site": "Site",
                            "value": f"Value ({unit})",
                            "interval": "95% interval",
                            "mark": "Against the benchmark",
                        },
                        graph_id=ids.COMPARE_CATERPILLAR,
                        class_name="compare-caterpillar",
                    ),
                    lg=6,
                ),
            ],
            className="g-3",
        ),
    ]
