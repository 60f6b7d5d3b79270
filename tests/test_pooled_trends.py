"""Trends of pooled periods: special-cause rules and process limits never run on overlapping
rolling windows; the rolling values are drawn as a rolling trend, and the verdict comes from
the quarters themselves (NHS England, "Making Data Count")."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard import stats
from dashboard.stats.pooling import variation_basis
from dashboard.summaries import summarise_measure
from tests.conftest import signed_in_request

#: 23 quarters of a proportion (numerators out of 1,000) whose own XmR chart has no special
#: cause, while the rolling year of them shows one: autocorrelation made by the overlap.
NUMERATORS = [740, 671, 653, 675, 689, 737, 694, 651, 680, 712, 737, 727]
NUMERATORS += [759, 662, 745, 646, 706, 672, 664, 718, 676, 707, 671]
PERIODS = [f"Q{i:02d}" for i in range(len(NUMERATORS))]
SELECTED = PERIODS[3:]  # the first full rolling year ends at the fourth quarter

MEASURE = pd.Series(
    dict(
        code="M02A",
        name="Rating care as good",
        unit="%",
        kind="proportion",
        multiplier=100,
        polarity="higher_is_better",
        by_ethnicity=False,
        characteristic=2,
    )
)


def _quarters() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure": "M02A",
            "period": PERIODS,
            "group": "all",
            "numerator": NUMERATORS,
            "denominator": 1000,
            "sites": 1,
            "withheld": 0,
        }
    )


def test_the_quarters_have_no_special_cause_but_their_rolling_sums_seem_to():
    quarters = np.array(NUMERATORS[3:]) / 10
    assert set(stats.xmr(quarters).point_type) == {"common_cause"}
    rolling = np.convolve(NUMERATORS, np.ones(4), "valid") / 40
    assert stats.xmr(rolling).variation != "common_cause"


def test_no_special_cause_in_the_quarters_gives_none_under_rolling_year_pooling():
    totals = _quarters()
    rolled = stats.rolling_pool(totals, PERIODS, 4, by=["measure", "group"])
    labels = {p: f"Year to {p}" for p in SELECTED}
    rolled = rolled[rolled["period"].isin(SELECTED)]
    quarters = totals[totals["period"].isin(SELECTED)]
    summary = summarise_measure(MEASURE, rolled, labels, 10, quarters, "year")
    assert summary.variation == "common_cause"
    assert summary.trend_points == len(SELECTED)  # quarters, not rolling windows
    # the values drawn are still the rolling ones, with their intervals
    series = summary.lead_series("all")
    assert series["value"].iloc[-1] == pytest.approx(sum(NUMERATORS[-4:]) / 40)
    assert series["lower"].notna().all()
    assert summary.quarters["label"].iloc[-1] == "Q22"


def test_without_pooling_the_values_are_their_own_basis():
    values = np.array([1.0, 2.0, 3.0])
    assert variation_basis(values, None, 1).tolist() == [1.0, 2.0, 3.0]
    assert variation_basis(values, [4.0, 5.0, 6.0], 4).tolist() == [4.0, 5.0, 6.0]
    with pytest.raises(ValueError):
        variation_basis(values, None, 4)


# London's satisfaction (M02A) under "Rolling year": no special cause in its quarters.


def _london(app, query: str):
    from dashboard.loaders import load_catalogue
    from dashboard.overview.data import overview_data
    from dashboard.selection import Selection

    with signed_in_request(app):
        catalogue = load_catalogue()
        selection = Selection.from_query(query).validated(catalogue)
        data = overview_data(selection, catalogue, ["M02A"])
    return next(s for s in data.panels[2] if s.code == "M02A")


def test_london_satisfaction_is_judged_on_its_quarters_when_pooled(app):
    quarterly = _london(app, "?region=LDN&measures=M02A")
    pooled = _london(app, "?region=LDN&measures=M02A&pool=year")
    assert quarterly.variation == "common_cause"
    assert pooled.variation == quarterly.variation == "common_cause"
    rolling = stats.xmr(pooled.lead_series("bme")["value"].to_numpy(dtype=float))
    assert rolling.variation != "common_cause"  # what the rolling sums alone would have said


def test_the_overview_titles_the_chart_as_rolling_and_says_where_the_verdict_comes_from(app):
    from callbacks.overview import update_panels
    from tests.components import read_panels
    from tests.test_vocabulary import _find, _with, _words

    with signed_in_request(app):
        quarterly = read_panels(update_panels(["LDN"], [], "all", None, ["M02A"], "quarter"))
        yearly = read_panels(update_panels(["LDN"], [], "all", None, ["M02A"], "year"))
        three = read_panels(update_panels(["LDN"], [], "all", None, ["M02A"], "3years"))
    text = {
        name: _words(_find(panels[1], _with("data-measure", "M02A")))
        for name, panels in (("quarter", quarterly), ("year", yearly), ("3years", three))
    }
    assert "Quarterly trend" in text["quarter"]
    assert "Rolling-year trend" in text["year"] and "Quarterly trend" not in text["year"]
    assert "Rolling 3-year trend" in text["3years"]
    assert "No significant change" in text["year"] and "Improving" not in text["year"]
    assert "judged on the quarters" in text["year"]


def test_the_characteristic_page_draws_rolling_values_without_process_limits(app):
    from dashboard.loaders import load_catalogue
    from dashboard.selection import Selection
    from layouts.characteristic import layout as page
    from tests.test_vocabulary import _find, _with, _with_class, _words

    search = "?region=LDN&measures=M02A&pool=year&measure=M02A"
    with signed_in_request(app):
        catalogue = load_catalogue()
        selection = Selection.from_query(search).validated(catalogue)
        tree = page.layout(selection, catalogue, search, number="2")
    heading = _words(_find(tree, _with_class("cm-measure-heading")))
    assert "no significant change" in heading.lower() and "judged on the quarters" in heading
    xmr = _find(tree, _with("id", "characteristic-xmr"))
    graph = _find(xmr, lambda c: getattr(c, "figure", None) is not None)
    names = [t.get("name") for t in graph.figure["data"]]
    assert "rolling-year trend" in graph.figure["layout"]["title"]["text"]
    assert not any("limit" in str(n).lower() for n in names)


def test_the_site_page_judges_variation_and_assurance_on_the_quarters(app):
    from dashboard.loaders import load_catalogue
    from dashboard.selection import Selection
    from dashboard.site.data import site_data

    with signed_in_request(app):
        catalogue = load_catalogue()
        quarterly = site_data("SLAM", Selection.from_query("").validated(catalogue), catalogue)
        yearly = site_data(
            "SLAM", Selection.from_query("?pool=year").validated(catalogue), catalogue
        )
    for a, b in zip(quarterly.measures, yearly.measures, strict=True):
        assert b.pooled and not a.pooled
        assert (a.variation, a.assurance) == (b.variation, b.assurance), a.code


def test_present_mode_says_the_trend_is_of_the_quarters(app):
    from callbacks.present import update_deck
    from tests.test_vocabulary import _find, _with, _words

    search = "?region=LDN&measures=M02A&pool=year"
    with signed_in_request(app, path="/present", query_string=search.lstrip("?")):
        deck, _ = update_deck(0, search)
    slide = _words(_find(deck, _with("data-slide", "2")))
    assert "trend (the quarters): Stable" in slide
    assert "Improving" not in slide
