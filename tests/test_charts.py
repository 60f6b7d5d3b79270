"""Chart builders: valid figures that say what they show."""

from __future__ import annotations

import pandas as pd

from dashboard.stats import funnel_limits, funnel_significance, rate_ci
from layouts.charts import caterpillar_chart, funnel_plot, group_bar_chart
from layouts.significance import mark


def _sites():
    frame = pd.DataFrame(
        {
            "site": list("ABCDEF"),
            "numerator": [5, 60, 30, 200, 2, 90],
            "denominator": [10_000, 40_000, 50_000, 150_000, 8_000, 30_000],
        }
    )
    frame["value"], frame["lower"], frame["upper"] = rate_ci(
        frame["numerator"], frame["denominator"]
    )
    frame["category"] = funnel_significance(frame["numerator"], frame["denominator"], "rate")
    return frame


def test_funnel_plot_draws_both_limit_levels_and_every_site():
    sites = _sites()
    baseline = sites["numerator"].sum() / sites["denominator"].sum()
    grid = pd.Series([1_000, 10_000, 50_000, 150_000])
    limits = pd.DataFrame({"denominator": grid})
    for conf, tag in ((0.95, "95"), (0.998, "998")):
        lo, hi = funnel_limits(baseline, grid, "rate", conf, multiplier=100_000)
        limits[f"lower_{tag}"], limits[f"upper_{tag}"] = lo, hi
    fig = funnel_plot(sites, limits, baseline * 100_000, "per 100,000", "Detentions")
    names = {t.name for t in fig.data}
    assert {"95% limits", "99.8% limits"} <= names
    plotted = sum(len(t.x) for t in fig.data if t.mode == "markers")
    assert plotted == len(sites)
    assert fig.layout.yaxis.title.text == "per 100,000"
    assert "Denominator" in fig.layout.xaxis.title.text


def test_caterpillar_ranks_sites_and_colours_by_comparison():
    sites = _sites()
    fig = caterpillar_chart(sites, 150.0, "per 100,000", "Detentions by site", "lower_is_better")
    order = list(fig.layout.yaxis.categoryarray)
    assert order == sites.sort_values("value")["site"].tolist()
    labels = {mark(c, "lower_is_better").label for c in sites["category"]}
    assert {t.name for t in fig.data} == labels | {"Benchmark"}


def test_group_bars_hatch_small_numbers_and_mark_white_british():
    groups = pd.DataFrame(
        {
            "group": ["Black", "Asian", "Mixed"],
            "value": [300.0, 80.0, 150.0],
            "lower": [250.0, 60.0, 40.0],
            "upper": [350.0, 100.0, 380.0],
            "small": [False, False, True],
        }
    )
    fig = group_bar_chart(groups, 70.0, "per 100,000", "Detentions by group")
    assert list(fig.data[0].marker.pattern.shape) == ["", "", "/"]
    assert any("White British" in a.text for a in fig.layout.annotations)


def test_xmr_chart_colours_special_causes_and_says_the_variation():
    from dashboard.stats import xmr
    from layouts.charts import xmr_chart

    values = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 11, 30]
    result = xmr(values, improvement="decrease", target=12)
    labels = [f"Q{i}" for i in range(len(values))]
    fig = xmr_chart(labels, values, result, "per 100,000", "Detentions")
    names = {t.name for t in fig.data}
    assert {"Process limits", "Mean", "Target", "Special-cause concern"} <= names
    concern = next(t for t in fig.data if t.name == "Special-cause concern")
    assert list(concern.x) == ["Q12"] and concern.marker.color == "#E69F00"
    assert "Special-cause concern (higher values)" in fig.layout.title.text


def test_xmr_chart_carries_the_variation_and_assurance_icons():
    from urllib.parse import unquote

    from dashboard.stats import xmr
    from layouts.charts import xmr_chart

    values = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 11, 30]
    result = xmr(values, improvement="decrease", target=40)
    fig = xmr_chart([f"Q{i}" for i in range(13)], values, result, "per 100,000", "Detentions")
    sources = [unquote(img.source) for img in fig.layout.images]
    assert len(sources) == 2
    # Concern (orange) with H for a high special cause; the target of 40 is always met: P.
    assert "#E69F00" in sources[0] and ">H</text>" in sources[0]
    assert ">P</text>" in sources[1]


def test_icons_say_their_meaning_in_words():
    from layouts.icons import assurance_icon, variation_icon

    icon = variation_icon("improvement_low")
    assert icon.alt == "Special-cause improvement (lower values)"
    assert assurance_icon("consistent_fail").alt == "Target consistently missed"
    assert assurance_icon(None) is None and variation_icon("nonsense") is None


def test_funnel_colours_follow_polarity():
    lower_better = mark("high_998", "lower_is_better")
    assert lower_better.label == "Significantly worse (99.8% limits)"
    assert lower_better.colour == "#D55E00"  # orange: worse
    assert mark("high_998", "higher_is_better").colour == "#0072B2"  # blue: better
    assert mark("high_998", "no_judgement").label == "Significantly higher (99.8% limits)"


def test_icon_images_point_at_the_served_files():
    from layouts.icons import variation_icon

    assert variation_icon("concern_low").src == "/icons/variation/concern_low.svg"
