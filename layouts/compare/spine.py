"""The spine chart of the public-health profiles (PHE Fingertips "area profile"): one site
across all its measures, each row set against the spread of every site in England.

Method (as Fingertips draws it). Measures have different units, so each row is standardised
around England: with E the England value and d the largest distance from E to the lowest or
highest site value (or to the site's and the region's own value, so that no marker falls off
the row), a value x is drawn at (x - E) / d. England is the vertical centre line at 0 and every
row spans -1 to 1. Rows whose polarity is "lower is better" are mirrored, so that for every
measure with a polarity *better is on the right*; rows without one run from lower (left) to
higher (right). The light bar spans the lowest to the highest site value, the dark bar the 25th
to the 75th percentile. The site's marker is its comparison with England (its 95% interval
wholly above or below the England value; no verdict on small numbers) with the marks every
chart uses (`layouts.significance`); the short black bar is the region.
"""

from __future__ import annotations

import hashlib

import dash_bootstrap_components as dbc
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.compare.data import Window
from dashboard.selection import Catalogue
from dashboard.vocabulary import fmt_interval, fmt_value, status_words
from layouts.common import chart_block, chart_caption
from layouts.compare import ids
from layouts.shell.layout import message
from layouts.significance import CATEGORIES, mark
from layouts.theme import FONT

RANGE_COLOUR, QUARTILE_COLOUR, REGION_COLOUR = "#E3E3E3", "#A9A9A9", "#222222"
LABEL_LENGTH = 52


def standardise(rows: pd.DataFrame) -> pd.DataFrame:
    """The columns value, region, minimum, q25, q75, maximum on the spine's common scale
    (England at 0, the furthest value at ±1, better to the right; see the module docstring)."""
    cols = ["value", "region", "minimum", "q25", "q75", "maximum"]
    centred = rows[cols].sub(rows["england"], axis=0)
    spread = centred.abs().max(axis=1).replace(0, np.nan).fillna(1.0)
    scaled = centred.div(spread, axis=0)
    flip = np.where(rows["polarity"] == "lower_is_better", -1.0, 1.0)
    scaled = scaled.mul(flip, axis=0)
    low = np.minimum(scaled["minimum"], scaled["maximum"])
    high = np.maximum(scaled["minimum"], scaled["maximum"])
    q_low = np.minimum(scaled["q25"], scaled["q75"])
    q_high = np.maximum(scaled["q25"], scaled["q75"])
    return pd.DataFrame(
        {
            "value": scaled["value"],
            "region": scaled["region"],
            "low": low,
            "high": high,
            "q_low": q_low,
            "q_high": q_high,
        },
        index=rows.index,
    )


def _label(row) -> str:
    name = (
        row["name"] if len(row["name"]) <= LABEL_LENGTH else row["name"][: LABEL_LENGTH - 1] + "…"
    )
    return f"{name} ({row['measure']})"


def _shown(row, column: str) -> str:
    if column == "value" and isinstance(row.get("status"), str):  # withheld: the reason
        return status_words(row["status"])
    return fmt_value(row[column], row["kind"], row["unit"])


def spine_chart(rows: pd.DataFrame, site_name: str, region_name: str, title: str) -> go.Figure:
    """Rows from `dashboard.compare.data.spine_rows` as a spine chart (see the module docstring)."""
    rows = rows.reset_index(drop=True)
    scale = standardise(rows)
    labels = [_label(r) for _, r in rows.iterrows()]
    hover = [
        f"<b>{r['name']}</b><br>{site_name}: {_shown(r, 'value')} "
        f"({fmt_interval(r['lower'], r['upper'], r['kind'], r['unit'])})<br>"
        f"{region_name}: {_shown(r, 'region')} · England: {_shown(r, 'england')}<br>"
        f"Sites range {_shown(r, 'minimum')} to {_shown(r, 'maximum')} · {r['unit']}"
        for _, r in rows.iterrows()
    ]
    fig = go.Figure()
    for name, lo, hi, colour, width in (
        ("Lowest to highest site", "low", "high", RANGE_COLOUR, 0.6),
        ("25th to 75th percentile", "q_low", "q_high", QUARTILE_COLOUR, 0.6),
    ):
        fig.add_trace(
            go.Bar(
                y=labels,
                x=scale[hi] - scale[lo],
                base=scale[lo],
                orientation="h",
                width=width,
                marker={"color": colour, "line": {"width": 0}},
                name=name,
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=scale["region"],
            y=labels,
            mode="markers",
            name=region_name or "Region",
            marker={
                "symbol": "line-ns-open",
                "size": 18,
                "color": REGION_COLOUR,
                "line": {"width": 3, "color": REGION_COLOUR},
            },
            hoverinfo="skip",
        )
    )
    marks = [
        mark(c, p, "England", limits=False)
        for c, p in zip(rows["category"], rows["polarity"], strict=True)
    ]
    for shown in sorted(set(marks), key=lambda m: (CATEGORIES.index(m.category), m.label)):
        index = [i for i, m in enumerate(marks) if m == shown]
        fig.add_trace(
            go.Scatter(
                x=scale.loc[index, "value"],
                y=[labels[i] for i in index],
                mode="markers",
                name=shown.label,
                marker=shown.marker(13),
                cliponaxis=False,
                hovertext=[hover[i] for i in index],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    fig.add_vline(x=0, line={"color": "#222", "width": 2})
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        height=max(300, 34 * len(rows) + 150),
        font={"family": FONT, "size": 13, "color": "#222"},
        plot_bgcolor="white",
        paper_bgcolor="white",
        barmode="overlay",
        margin={"l": 20, "r": 20, "t": 50, "b": 80},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0},
        hoverlabel={"align": "left"},
    )
    fig.update_yaxes(
        autorange="reversed", automargin=True, showgrid=False, ticks="", title_text=None
    )
    fig.update_xaxes(
        range=[-1.12, 1.12],
        tickvals=[-1, 0, 1],
        ticktext=["◀ Worse (or lower)", "England", "Better (or higher) ▶"],
        side="top",
        showgrid=False,
    )
    return fig


def spine_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The spine chart's figures as text, for "View as table"."""

    def shown(column: str) -> list[str]:
        return [_shown(r, column) for _, r in rows.iterrows()]

    return pd.DataFrame(
        {
            "Measure": [f"{r['name']} ({r['measure']})" for _, r in rows.iterrows()],
            "Group": rows["group"],
            "Unit": rows["unit"],
            "Site": [
                v + (" †" if s else "") for v, s in zip(shown("value"), rows["small"], strict=True)
            ],
            "95% interval": [
                fmt_interval(r["lower"], r["upper"], r["kind"], r["unit"])
                for _, r in rows.iterrows()
            ],
            "Region": shown("region"),
            "England": shown("england"),
            "Lowest site": shown("minimum"),
            "Highest site": shown("maximum"),
            "Compared with England": [
                mark(c, p, "England", limits=False).text
                for c, p in zip(rows["category"], rows["polarity"], strict=True)
            ],
            "Source": rows["source"],
        }
    )


def spine_block(
    rows: pd.DataFrame, catalogue: Catalogue, site: str, window: Window, by_category: bool = False
) -> html.Figure | dbc.Alert:
    """The spine chart with its caption and table, or a message when the site has nothing.
    `by_category`: an ethnic category is chosen above, which the spine (by DRE group) is not
    drawn for: the caption says so rather than let its group be read as the one chosen."""
    orgs = catalogue.organisations
    found = orgs[orgs["code"] == site] if not orgs.empty else orgs
    if found.empty:
        return message("Choose a site to see it across all its measures.")
    org = found.iloc[0]
    if rows.empty:
        return message(
            f"{org['name']} has no measure with data to set against England in {window.label}: "
            "counts and milestones are not drawn on a spine chart."
        )
    region = f"{org['region_name']} region"
    period = window.label if window.span == window.label else f"{window.label} ({window.span})"
    groups = ", ".join(sorted(set(rows["group"])))
    if by_category:
        groups += " (drawn by DRE group: one ethnic category is compared on the charts above)"
    title = f"{org['name']}: {len(rows)} measures against England and {region}"
    caption = chart_caption(
        "each measure's own, on a common scale centred on England (see the table)",
        "each measure's own, listed in the table",
        period,
        f"Group: {groups} · grey bars: every site's range and middle half · black tick: {region} · "
        "marks: the site against England, as in the legend · counts and milestones left out",
    )
    figure = spine_chart(rows, org["name"], region, title)
    return chart_block(figure, spine_table(rows), caption, chart=drawn_when_seen(figure))


def drawn_when_seen(figure: go.Figure | None = None) -> html.Div:
    """The spine chart's place, its height kept, and its figure: the chart is drawn when its
    place is first scrolled near (assets/draw-when-seen.js). It stands below the funnel,
    the caterpillar and the table, a screen or two down, and drawing it on arrival held the
    browser for 0.1-0.15 s before the charts at the top could be seen."""
    height = figure.layout.height if figure is not None else None
    # which figure the place stands for: the browser may keep the element for the next site's
    # chart, and the script watches it again when this changes
    key = hashlib.blake2b(figure.to_json().encode(), digest_size=6) if figure else None
    return html.Div(
        [
            dcc.Store(id=ids.COMPARE_SPINE_FIGURE, data=figure),
            dcc.Store(id=ids.COMPARE_SPINE_SEEN, data=False),
            html.Div(
                id=ids.COMPARE_SPINE_GRAPH,
                style={"minHeight": f"{height}px"} if height else None,
                **{
                    "data-seen-store": ids.COMPARE_SPINE_SEEN,
                    "data-seen-key": key.hexdigest() if key else "",
                },
            ),
        ]
    )
