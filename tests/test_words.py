"""Words that mean one thing (issue 13e): "overdue" is the same on the site page, the action
plans page and the briefing for the same date; a chart's axis never shows a percentage below 0%
or above 100% (nor a rate below 0), and its ticks share one number format, on the
characteristic and site pages and in the briefing's small charts (HTML and PDF alike)."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from dash import dcc, html

from dashboard import stats
from dashboard.briefing.changes import overdue_actions
from dashboard.briefing.model import Briefing, CharacteristicLine
from dashboard.characteristic import PageContext
from dashboard.site.measure_view import measure_view
from layouts.briefing.pdf import briefing_pdf
from layouts.briefing.render import sketch

OWNER = "Words test owner"
#: action → (due date, status): judged on 31 Mar 2010, the end of the demonstration data
ACTIONS = {
    "Overdue since February": (dt.date(2010, 2, 27), "at_risk"),
    "Due the day before": (dt.date(2010, 3, 30), "on_track"),
    "Due on the day": (dt.date(2010, 3, 31), "not_started"),
    "Done in time": (dt.date(2010, 3, 15), "done"),
}
OVERDUE_ON_31_MARCH = {"Overdue since February", "Due the day before"}


# "Overdue" --------------------------------------------------------------------------------------


def test_overdue_actions_in_a_briefing_are_those_due_before_its_date_and_not_done():
    actions = pd.DataFrame(
        {
            "action": list(ACTIONS),
            "due_date": [d for d, _ in ACTIONS.values()],
            "status": [s for _, s in ACTIONS.values()],
        }
    )
    listed = overdue_actions(actions, dt.date(2010, 3, 31), dt.date(2010, 2, 28))
    assert set(listed["action"]) == OVERDUE_ON_31_MARCH
    new = dict(zip(listed["action"], listed["new"], strict=True))
    assert new == {"Overdue since February": False, "Due the day before": True}
    later = overdue_actions(actions, dt.date(2010, 4, 30), dt.date(2010, 3, 31))
    assert dict(zip(later["action"], later["new"], strict=True)) == {
        "Overdue since February": False,
        "Due the day before": False,
        "Due on the day": True,
    }


def _add_actions(db_url: str) -> None:
    from sqlalchemy import select

    from data_access.db import Database
    from data_access.models import ActionItem, Organisation

    db = Database(db_url)
    with db.session() as s:
        slam = s.scalars(select(Organisation.id).where(Organisation.code == "SLAM")).one()
        for action, (due, status) in ACTIONS.items():
            s.add(
                ActionItem(
                    organisation_id=slam,
                    characteristic_id=6,
                    action=action,
                    owner=OWNER,
                    due_date=due,
                    status=status,
                    progress_note="",
                    updated_by="test",
                )
            )
    db.dispose()


def _overdue_rows(tree) -> set[str]:
    """The actions a plan on screen marks overdue (the row's class and its badge)."""
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, (list, tuple)):
            for child in node:
                walk(child)
            return
        if isinstance(node, html.Tr) and "action-row-overdue" in (
            getattr(node, "className", "") or ""
        ):
            found.add(node.children[0].children)
        children = getattr(node, "children", None)
        if children is not None and not isinstance(children, str):
            walk(children)

    walk(tree)
    return found


@pytest.mark.slow
def test_the_same_action_is_overdue_or_not_on_all_three_pages(writable_app, writable_db_url):
    from callbacks.actions import update_plan
    from callbacks.site import update_site_content
    from dashboard.actions import judgement_date
    from dashboard.briefing.data import briefing_data
    from dashboard.loaders import load_catalogue
    from dashboard.selection import Selection
    from layouts.briefing.layout import preview
    from tests.conftest import signed_in_request

    _add_actions(writable_db_url)
    with signed_in_request(writable_app):
        catalogue = load_catalogue()
        assert judgement_date(catalogue.periods, dt.date.today()) == dt.date(2010, 3, 31)
        site_page = _overdue_rows(update_site_content("SLAM", ""))
        plans_page = _overdue_rows(update_plan("SLAM", None))
        slam = Selection(trusts=("SLAM",)).validated(catalogue)
        march = briefing_data(slam, catalogue, "2010-03")
    mine = set(ACTIONS)
    assert site_page & mine == OVERDUE_ON_31_MARCH
    assert plans_page & mine == OVERDUE_ON_31_MARCH
    listed = set(march.overdue["action"]) & mine
    assert listed == OVERDUE_ON_31_MARCH
    assert "due before 31 Mar 2010 and not done" in march.headline
    page = str(preview(march).to_plotly_json())
    assert all(a in page for a in OVERDUE_ON_31_MARCH) and "Due on the day" not in page


# Axes -------------------------------------------------------------------------------------------

SWINGS = [0.0, 100.0, 0.0, 90.0, 10.0, 100.0, 0.0, 95.0, 5.0, 100.0, 0.0, 80.0]


def _graph(tree) -> dict:
    def walk(node):
        if isinstance(node, (list, tuple)):
            for child in node:
                found = walk(child)
                if found is not None:
                    return found
            return None
        if isinstance(node, dcc.Graph):
            figure = node.figure
            return figure if isinstance(figure, dict) else figure.to_plotly_json()
        children = getattr(node, "children", None)
        return walk(children) if children is not None and not isinstance(children, str) else None

    found = walk(tree)
    assert found is not None
    return found


def _one_format(axis: dict) -> None:
    assert re.fullmatch(r",\.\df", axis["tickformat"]), axis.get("tickformat")


def _series(values: list[float]) -> pd.DataFrame:
    labels = [f"Q{i} {2007 + i // 4}" for i in range(len(values))]
    return pd.DataFrame(
        {
            "period": [f"P{i:02d}" for i in range(len(values))],
            "label": labels,
            "value": values,
            "lower": [max(v - 20, 0) for v in values],
            "upper": [min(v + 20, 100) for v in values],
            "small": [False] * len(values),
        }
    )


def test_the_characteristic_pages_xmr_chart_keeps_a_percentage_within_0_and_100():
    from layouts.characteristic.charts import xmr_block

    rows = _series(SWINGS)
    trend = stats.xmr(np.array(SWINGS), improvement="increase")
    assert min(trend.lpls) < 0 and max(trend.upls) > 100  # the limits a proportion cannot reach
    summary = SimpleNamespace(kind="proportion", unit="%", lead_series=lambda group: rows)
    detail = SimpleNamespace(
        summary=summary,
        trend=trend,
        lead_group="all",
        target=None,
        target_site=None,
        measure=pd.Series({"source": "Site return"}),
        pooled=False,
    )
    figure = _graph(xmr_block(detail, PageContext("Q0 2007 to Q11 2009", "each quarter", 1)))
    low, high = figure["layout"]["yaxis"]["range"]
    assert low == 0 and high == 100
    _one_format(figure["layout"]["yaxis"])


def test_the_site_pages_charts_keep_a_percentage_within_0_and_100():
    from layouts.site.charts import completeness_svg, site_xmr_figure

    measure = pd.Series(
        {
            "code": "M11A",
            "name": "Members",
            "characteristic": 11,
            "kind": "proportion",
            "unit": "%",
            "multiplier": 100,
            "polarity": "higher_is_better",
            "source": "Site return",
            "by_ethnicity": False,
        }
    )
    series = _series(SWINGS)
    rows = series.assign(group="all", numerator=series["value"] / 5, denominator=20)
    labels = dict(zip(series["period"], series["label"], strict=True))
    view = measure_view(measure, 50.0, rows, {}, labels)
    figure = site_xmr_figure(view)
    low, high = figure["layout"]["yaxis"]["range"]
    assert 0 <= low < high <= 100
    _one_format(figure["layout"]["yaxis"])
    shares = pd.DataFrame(
        {
            "period": ["P0", "P1"],
            "label": ["Q0", "Q1"],
            "records": [100, 100],
            "not_stated": [0, 3],
            "share": [1.0, 0.97],
            "small": [False, False],
        }
    )
    svg = completeness_svg(shares, "Ethnicity recorded")
    ticks = [float(t) for t in re.findall(r'text-anchor="end">([\d.]+)</text>', svg)]
    assert ticks and max(ticks) == 100 and min(ticks) >= 0  # the axis ends at 100%


@pytest.mark.parametrize(
    ("kind", "unit", "values", "bounds"),
    [
        ("proportion", "%", [0.4, 2.0, 97.0, 99.6], (0, 100)),
        ("rate", "per 100,000 population", [0.0, 3.0, 40.0], (0, None)),
    ],
)
def test_funnel_caterpillar_and_bars_clamp_their_value_axis(kind, unit, values, bounds):
    from layouts.charts import caterpillar_chart, funnel_plot, group_bar_chart
    from layouts.scales import value_bounds

    assert value_bounds(kind, unit) == bounds
    n = len(values)
    sites = pd.DataFrame(
        {
            "site": [f"S{i}" for i in range(n)],
            "denominator": [50 + 10 * i for i in range(n)],
            "value": values,
            "lower": [max(v - 15, 0) for v in values],
            "upper": [v + 15 if bounds[1] is None else min(v + 15, 100) for v in values],
            "category": ["similar"] * n,
            "small": [False] * n,
        }
    )
    limits = pd.DataFrame(
        {
            "denominator": [40, 200],
            "lower_95": [0.0, 10.0],
            "upper_95": [90.0, 60.0],
            "lower_998": [0.0, 5.0],
            "upper_998": [100.0, 70.0],
        }
    )
    funnel = funnel_plot(sites, limits, 30.0, unit, "F", bounds=bounds).to_plotly_json()
    caterpillar = caterpillar_chart(sites, 30.0, unit, "C", bounds=bounds).to_plotly_json()
    bars = group_bar_chart(
        sites.rename(columns={"site": "group"}), 30.0, unit, "B", bounds=bounds
    ).to_plotly_json()
    for axis in (
        funnel["layout"]["yaxis"],
        caterpillar["layout"]["xaxis"],
        bars["layout"]["yaxis"],
    ):
        low, high = axis["range"]
        assert low >= 0 and (bounds[1] is None or high <= bounds[1])
        _one_format(axis)


# The briefing's small charts ------------------------------------------------------------------


def _line(values: list[float], kind: str, unit: str) -> CharacteristicLine:
    trend = pd.DataFrame(
        {
            "label": [f"Q{i}" for i in range(len(values))],
            "value": values,
            "lower": [v * 0.5 for v in values],
            "upper": [v * 1.5 for v in values],
            "small": [False] * len(values),
        }
    )
    return CharacteristicLine(
        number=11,
        short_name="Community role",
        sentence="Sentence.",
        verdict="Stable",
        tone="none",
        chart_label=f"All people, {unit}",
        trend=trend,
        kind=kind,
        unit=unit,
    )


def test_the_briefings_small_chart_labels_its_axis_in_one_format_and_never_below_zero():
    line = _line([0.5, 3.0, 12.0, 8.5], "proportion", "%")
    s = sketch(line.trend, None, 46.0, 14.0, 9.0, bounds=(0.0, 100.0))
    assert s.low == 0 and s.high <= 100
    assert s.labels == ("14", "0")  # one number format for both ends
    near_full = sketch(_line([96.0, 99.0, 100.0], "proportion", "%").trend, None, 46, 14, 9)
    assert near_full is not None and near_full.high > 100  # without bounds: what a pdf drew
    briefing = Briefing(
        month="2010-03",
        month_label="March 2010",
        period="2010Q1",
        period_label="Jan–Mar 2010",
        previous_label="Oct–Dec 2009",
        context="London",
        query="",
        headline="Nothing.",
        characteristics=[line, _line([96.0, 99.0, 100.0], "proportion", "%")],
    )
    pdf = briefing_pdf(briefing, compress=False).decode("latin-1")
    shown = re.findall(r"\((-?[\d,.]+)\) Tj", pdf)
    assert {"14", "0", "100.0", "95.4"} <= set(shown)
    assert not any(v.startswith("-") for v in shown)
    assert not any(float(v.replace(",", "")) > 100 for v in shown)
