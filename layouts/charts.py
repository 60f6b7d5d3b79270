"""Figure builders for comparing sites and groups: DataFrame in, `go.Figure` out.

Where a site stands against the benchmark is drawn with the marks of `layouts.significance`
(colour, shape and words, one encoding for every chart and table); value axes stop where the
measure does (`layouts.scales`: no percentage below 0 or above 100) with one tick format each.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.vocabulary import POINT_WORDS, sentence_case, xmr_words
from layouts.icons import ASSURANCE_ICONS, VARIATION_ICONS, assurance_svg, data_uri, variation_svg
from layouts.scales import NO_BOUNDS, Bounds, value_axis
from layouts.significance import mark, marks_present
from layouts.theme import FONT, GROUP_STYLE

BENCHMARK_LINE = {"color": "#222", "width": 1.5}


def base_layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    """The look every figure builder shares: title left, white ground, light grid."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 15}},
        height=height,
        font={"family": FONT, "size": 13, "color": "#222"},
        plot_bgcolor="white",
        paper_bgcolor="white",
        margin={"l": 70, "r": 20, "t": 50, "b": 60},
        legend={"orientation": "h", "y": -0.18},
    )
    fig.update_yaxes(gridcolor="#e5e5e5", zeroline=False)
    fig.update_xaxes(gridcolor="#f0f0f0", zeroline=False)
    return fig


def _links(rows: pd.DataFrame) -> list[str] | None:
    """The pages the points open (assets/history.js follows them), when the rows have them."""
    return rows["href"].tolist() if "href" in rows else None


def _click_note(rows: pd.DataFrame) -> str:
    return "<br><i>Click to open the site's page</i>" if "href" in rows else ""


def funnel_plot(
    sites: pd.DataFrame,
    limits: pd.DataFrame,
    baseline: float,
    unit: str,
    title: str,
    polarity: str = "no_judgement",
    bounds: Bounds = NO_BOUNDS,
) -> go.Figure:
    """Sites (columns site, denominator, value, category) over 95% and 99.8% limits (columns
    denominator, lower_95, upper_95, lower_998, upper_998) around `baseline`, each with the
    mark of its category for a measure of `polarity`, named in the legend. A column `href`
    goes into each point's customdata: the page a click on it opens."""
    fig = go.Figure()
    for level, dash in (("998", "solid"), ("95", "dash")):
        label = "99.8% limits" if level == "998" else "95% limits"
        for i, side in enumerate(("lower", "upper")):
            fig.add_trace(
                go.Scatter(
                    x=limits["denominator"],
                    y=limits[f"{side}_{level}"],
                    mode="lines",
                    line={"color": "#555", "dash": dash, "width": 1.2},
                    name=label,
                    legendgroup=label,
                    showlegend=i == 0,
                    hoverinfo="skip",
                )
            )
    fig.add_hline(
        y=baseline, line=BENCHMARK_LINE, annotation_text="benchmark", annotation_position="top left"
    )
    hover = "%{text}<br>%{y:.3g} " + unit + "<br>denominator %{x:,}" + _click_note(sites)
    for category in marks_present(sites["category"]):
        m = mark(category, polarity)
        rows = sites[sites["category"] == category]
        fig.add_trace(
            go.Scatter(
                x=rows["denominator"],
                y=rows["value"],
                mode="markers",
                name=m.label,
                marker=m.marker(),
                cliponaxis=False,
                text=rows["site"],
                customdata=_links(rows),
                hovertemplate=hover + f"<extra>{m.label}</extra>",
            )
        )
    fig.update_xaxes(title_text="Denominator (size of the site's population)")
    shown = [*sites["value"], baseline, *limits.drop(columns="denominator").to_numpy().ravel()]
    fig.update_yaxes(title_text=unit, **value_axis(shown, bounds))
    return base_layout(fig, title, 480)


def caterpillar_chart(
    sites: pd.DataFrame,
    benchmark: float,
    unit: str,
    title: str,
    polarity: str = "no_judgement",
    bounds: Bounds = NO_BOUNDS,
) -> go.Figure:
    """Sites ranked by value with 95% intervals (columns site, value, lower, upper, category),
    each with the mark of its category (as on the funnel plot), and the benchmark as a dashed
    line, all named in the legend; a column `href` as in `funnel_plot`."""
    ranked = sites.sort_values("value", na_position="first")
    hover = "%{y}: %{x:.3g} " + unit + _click_note(sites)
    fig = go.Figure()
    for category in marks_present(ranked["category"]):
        m = mark(category, polarity)
        rows = ranked[ranked["category"] == category]
        fig.add_trace(
            go.Scatter(
                x=rows["value"],
                y=rows["site"],
                mode="markers",
                name=m.label,
                marker=m.marker(10),
                cliponaxis=False,
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": (rows["upper"] - rows["value"]).tolist(),
                    "arrayminus": (rows["value"] - rows["lower"]).tolist(),
                    "color": m.colour,
                    "thickness": 1.5,
                },
                customdata=_links(rows),
                hovertemplate=hover + f"<extra>{m.label}</extra>",
            )
        )
    fig.add_vline(x=benchmark, line={**BENCHMARK_LINE, "dash": "dash"})
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            name="Benchmark",
            line={**BENCHMARK_LINE, "dash": "dash"},
        )
    )
    fig.update_yaxes(categoryorder="array", categoryarray=ranked["site"].tolist(), title_text=None)
    shown = [*ranked["lower"], *ranked["upper"], *ranked["value"], benchmark]
    fig.update_xaxes(title_text=unit, **value_axis(shown, bounds))
    return base_layout(fig, title, max(320, 26 * len(ranked) + 140))


def group_bar_chart(
    groups: pd.DataFrame,
    reference: float,
    unit: str,
    title: str,
    bounds: Bounds = NO_BOUNDS,
    comparator: str = "White British",
) -> go.Figure:
    """Ethnic groups (columns group, value, lower, upper, small) as bars with 95% intervals and
    a line at the comparator's value (White British, or White), from 0. Bars resting on small
    numbers are hatched."""
    hatch = np.where(groups["small"].fillna(False), "/", "")
    fig = go.Figure(
        go.Bar(
            x=groups["group"],
            y=groups["value"],
            marker={"color": GROUP_STYLE["bme"]["color"], "pattern": {"shape": hatch}},
            error_y={
                "type": "data",
                "symmetric": False,
                "array": (groups["upper"] - groups["value"]).tolist(),
                "arrayminus": (groups["value"] - groups["lower"]).tolist(),
                "color": "#333",
            },
            hovertemplate="%{x}: %{y:.3g} " + unit + "<extra></extra>",
            name="Value with 95% interval",
        )
    )
    fig.add_hline(
        y=reference,
        line={"color": GROUP_STYLE["white_british"]["color"], "width": 2, "dash": "dash"},
        annotation_text=comparator,
        annotation_position="top right",
    )
    shown = [0.0, reference, *groups["upper"], *groups["value"]]
    fig.update_yaxes(title_text=unit, **value_axis(shown, (0.0, bounds[1])))
    fig.update_xaxes(title_text=None, tickangle=-30)
    return base_layout(fig, title, 420)


#: XmR point type → (legend label, colour)
POINT_STYLE = {
    key: (sentence_case(POINT_WORDS[key]), colour)
    for key, colour in (
        ("common_cause", "#8C8C8C"),
        ("special_cause_improvement", "#0072B2"),
        ("special_cause_concern", "#E69F00"),
        ("special_cause_neutral_high", "#7A4EAB"),
        ("special_cause_neutral_low", "#7A4EAB"),
    )
}


def xmr_chart(
    labels: list[str], values, result, unit: str, title: str, bounds: Bounds = NO_BOUNDS
) -> go.Figure:
    """An XmR chart as NHS boards read it: the values, the mean, the process limits (dashed),
    the target, special-cause points coloured (improvement blue, concern orange, common cause
    grey), and the variation and assurance in words under the title ("Making Data Count").
    The value axis stops at the measure's `bounds`, where limits may run past them."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=result.upls,
            mode="lines",
            name="Process limits",
            line={"color": "#555", "dash": "dash", "width": 1.2},
            legendgroup="limits",
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=result.lpls,
            mode="lines",
            name="Process limits",
            line={"color": "#555", "dash": "dash", "width": 1.2},
            legendgroup="limits",
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=result.means,
            mode="lines",
            name="Mean",
            line={"color": "#222", "width": 1.5},
            hoverinfo="skip",
        )
    )
    if result.target is not None:
        fig.add_trace(
            go.Scatter(
                x=labels,
                y=[result.target] * len(labels),
                mode="lines",
                name="Target",
                line={"color": "#009E73", "dash": "dot", "width": 2},
            )
        )
    fig.add_trace(
        go.Scatter(
            x=labels,
            y=list(values),
            mode="lines",
            name="Value",
            line={"color": "#8C8C8C", "width": 1.5},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    types = pd.Series(result.point_type)
    for key, (label, colour) in POINT_STYLE.items():
        mask = (types == key).to_numpy()
        if not mask.any():
            continue
        fig.add_trace(
            go.Scatter(
                x=[x for x, m in zip(labels, mask, strict=True) if m],
                y=[v for v, m in zip(values, mask, strict=True) if m],
                mode="markers",
                name=label,
                marker={"color": colour, "size": 9 if key != "common_cause" else 7},
                cliponaxis=False,
                hovertemplate="%{x}: %{y:.3g} " + unit + "<extra>" + label + "</extra>",
            )
        )
    words = xmr_words(result.variation, result.assurance, result.trial)
    shown = [*values, *result.lpls, *result.upls, *result.means]
    shown += [result.target] if result.target is not None else []
    fig.update_yaxes(title_text=unit, **value_axis(shown, bounds))
    base_layout(fig, f"{title}<br><sup>{' · '.join(words)}</sup>", 420)
    fig.update_layout(margin={"t": 70, "r": 110}, images=_icon_images(result))
    return fig


def _icon_images(result) -> list[dict]:
    """The variation and assurance icons in the top right corner, as boards expect them."""
    icons = []
    if result.variation in VARIATION_ICONS:
        icons.append(data_uri(variation_svg(result.variation)))
    if result.assurance in ASSURANCE_ICONS:
        icons.append(data_uri(assurance_svg(result.assurance)))
    return [
        {
            "source": src,
            "xref": "paper",
            "yref": "paper",
            "x": 1.01,
            "y": 1.0 - i * 0.2,
            "sizex": 0.16,
            "sizey": 0.16,
            "xanchor": "left",
            "yanchor": "top",
            "layer": "above",
        }
        for i, src in enumerate(icons)
    ]
