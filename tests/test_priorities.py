"""The priorities view: concentration computed by hand, in words, from the data, and drawn."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from dashboard.priorities import concentration, in_words, parse_share, priorities_data
from dashboard.selection import Selection


def _counts(values):
    return pd.DataFrame(
        {
            "site": [f"S{i}" for i in range(len(values))],
            "name": [f"Org {i:02d}" for i in range(len(values))],
            "count": values,
        }
    )


def test_smallest_set_holding_the_share():
    # 100 people: 40 + 20 + 10 = 70 → three organisations hold 70%.
    result = concentration(_counts([10, 40, 5, 20, 5, 10, 10]), 70)
    assert result.in_set == 3 and result.organisations == 7
    assert result.ranked["count"].tolist()[:3] == [40, 20, 10]
    assert result.held == 70.0
    assert in_words(result, "BME inpatients") == (
        "70% of BME inpatients are in 3 of the 7 organisations that returned this count "
        "(together 70%)."
    )
    assert concentration(_counts([10, 40, 5, 20, 5, 10, 10]), 71).in_set == 4
    assert concentration(_counts([10, 40, 5, 20, 5, 10, 10]), 100).in_set == 7


def test_no_people_no_set():
    result = concentration(_counts([0, 0]), 70)
    assert result.in_set == 0
    assert (
        in_words(result, "BME inpatients")
        == "No BME inpatients were recorded by these organisations."
    )


@given(st.lists(st.integers(0, 500), min_size=1, max_size=40), st.integers(10, 100))
def test_the_set_is_the_smallest_and_order_does_not_matter(values, share):
    counts = _counts(values)
    result = concentration(counts, share)
    again = concentration(counts.sample(frac=1, random_state=1), share)
    assert result.set_codes == again.set_codes
    if result.total > 0:
        ranked = sorted(values, reverse=True)
        assert sum(ranked[: result.in_set]) * 100 >= share * result.total - 1e-6
        assert sum(ranked[: result.in_set - 1]) * 100 < share * result.total


def test_share_from_the_url_is_validated():
    assert parse_share("55") == 55
    assert parse_share("5") == 70 and parse_share("x") == 70 and parse_share(None) == 70


def test_priorities_from_the_demonstration_data(app):
    from dashboard.loaders import load_catalogue

    with app.server.app_context():
        catalogue = load_catalogue()
        result, period = priorities_data(Selection(), catalogue, "inpatients", 70)
        assert period == "Jan–Mar 2010"
        assert result is not None and 0 < result.in_set < result.organisations
        # The busiest London trust holds more BME inpatients than any other organisation.
        assert result.ranked["site"].iloc[0] == "SLAM"
        london, _ = priorities_data(Selection(regions=("LDN",)), catalogue, "detentions", 70)
        assert set(london.ranked["site"]) <= set(
            catalogue.organisations.query("region == 'LDN'")["code"]
        )
        none, _ = priorities_data(Selection(trusts=("HMPMH",)), catalogue, "inpatients", 70)
        assert none is None


def test_concentration_figure_marks_the_set():
    from layouts.priorities.layout import concentration_figure

    fig = concentration_figure(
        concentration(_counts([10, 40, 5, 20, 5, 10, 10]), 70), "BME inpatients"
    )
    inside = fig.data[0]
    assert inside.name == "The 3 organisations holding 70%" and list(inside.x) == [1, 2, 3]
    assert fig.data[1].marker.symbol == "circle-open"


def test_crafted_inputs_fall_back_to_the_defaults():
    from callbacks.priorities import _choices

    assert _choices(["x"], "abc") == ("inpatients", 70)
    assert _choices("detentions", float("nan")) == ("detentions", 70)
    assert _choices("detentions", 1e400) == ("detentions", 70)
    assert _choices("detentions", 55) == ("detentions", 55)
