"""Sites against a benchmark: positions on the funnel agree with PHStatsMethods, the words
follow polarity, and site values pool the chosen rows."""

from __future__ import annotations

import pandas as pd
import pytest
from PHStatsMethods import assign_funnel_significance

from dashboard.compare.funnel import funnel, funnel_positions, site_values
from dashboard.vocabulary import significance_words
from tests.test_funnels import PROPORTION_SITES, WORDS

DETENTION = pd.Series(
    {"code": "M04A", "kind": "rate", "multiplier": 100_000, "polarity": "lower_is_better"}
)
SATISFIED = pd.Series(
    {"code": "M02A", "kind": "proportion", "multiplier": 100, "polarity": "higher_is_better"}
)


def test_positions_around_the_pooled_average_match_phstatsmethods():
    sites = PROPORTION_SITES[PROPORTION_SITES["d"] > 0]
    baseline = sites["n"].sum() / sites["d"].sum()
    oracle = assign_funnel_significance(sites.copy(), "n", "proportion", "d")
    expected = [WORDS[w] for w in oracle["significance"]]
    assert funnel_positions(sites["n"], sites["d"], baseline, "proportion") == expected


def test_words_follow_polarity():
    assert significance_words("high_998", "lower_is_better") == (
        "Significantly worse (99.8% limits)"
    )
    assert significance_words("high_95", "higher_is_better") == "Significantly better (95% limits)"
    assert significance_words("low_95", "no_judgement") == "Significantly lower (95% limits)"
    assert significance_words("similar", "lower_is_better") == "Similar to the benchmark"


def _rows():
    return pd.DataFrame(
        {
            "site": ["A", "A", "A", "B", "B", "C"],
            "period": ["q1", "q2", "q1", "q1", "q1", "q1"],
            "group": ["bme", "bme", "white_british", "bme", "not_stated", "bme"],
            "numerator": [30, 40, 20, 3, 1, 0],
            "denominator": [10_000, 10_000, 100_000, 5_000, 500, 0],
        }
    )


def test_site_values_pool_periods_and_flag_small_numbers():
    values = site_values(DETENTION, _rows(), "bme", threshold=10).set_index("site")
    assert values.loc["A", "numerator"] == 70 and values.loc["A", "denominator"] == 20_000
    assert values.loc["A", "value"] == 350.0
    assert bool(values.loc["B", "small"]) and not bool(values.loc["A", "small"])
    assert "C" not in values.index  # no population, no rate
    everyone = site_values(DETENTION, _rows(), "all", threshold=10).set_index("site")
    assert everyone.loc["B", "numerator"] == 4  # "not stated" counts among all people


def test_a_site_far_above_the_benchmark_is_outside_the_limits():
    values = site_values(DETENTION, _rows(), "bme", threshold=10)
    result = funnel(DETENTION, values, benchmark_numerator=60, benchmark_denominator=100_000)
    assert result is not None and result.benchmark == pytest.approx(60.0)
    tags = dict(zip(result.sites["site"], result.sites["significance"], strict=True))
    assert tags["A"] == "high_998"  # 350 against 60 per 100,000 on 70 events
    assert tags["B"] == "similar"  # 3 events: within the wide limits of a small site
    words = dict(zip(result.sites["site"], result.sites["words"], strict=True))
    assert words["A"] == "Significantly worse (99.8% limits)"
    limits = result.limits
    assert (limits["lower_998"] <= limits["lower_95"]).all()
    assert (limits["upper_95"] <= limits["upper_998"]).all()
    assert ((limits["lower_95"] <= 60) & (limits["upper_95"] >= 60)).all()


def test_no_funnel_for_kinds_without_a_sampling_model():
    count = pd.Series(
        {"code": "M07A", "kind": "count", "multiplier": 1, "polarity": "lower_is_better"}
    )
    values = site_values(count, _rows(), "bme", threshold=10)
    assert funnel(count, values, 10, 100) is None
    assert funnel(SATISFIED, values.iloc[0:0], 10, 100) is None


def test_a_single_event_at_a_tiny_site_is_not_called_significant():
    # 1 complaint in 177 contacts against 1.05 per 1,000: 0.19 expected, P(X >= 1) = 0.17.
    assert funnel_positions([1], [177], 1.05 / 1000, "rate") == ["similar"]
    # 9 in 4,418 against the same: P(X >= 9) = 0.046, not below 0.025.
    assert funnel_positions([9], [4418], 1.05 / 1000, "rate") == ["similar"]
    # 15 in 4,418 (4.6 expected): far beyond chance.
    tag = funnel_positions([15], [4418], 1.05 / 1000, "rate")[0]
    assert tag.startswith("high")


def test_rate_positions_are_the_exact_poisson_test():
    from scipy.stats import poisson

    baseline, n = 0.002, [1_000, 5_000, 20_000, 20_000, 50_000]
    x = [8, 3, 60, 22, 100]
    tags = funnel_positions(x, n, baseline, "rate")
    for xi, ni, tag in zip(x, n, tags, strict=True):
        mu = baseline * ni
        p_high, p_low = poisson.sf(xi - 1, mu), poisson.cdf(xi, mu)
        expected = (
            "high_998"
            if p_high < 0.001
            else "high_95"
            if p_high < 0.025
            else "low_998"
            if p_low < 0.001
            else "low_95"
            if p_low < 0.025
            else "similar"
        )
        assert tag == expected
    assert len(set(tags)) >= 3
