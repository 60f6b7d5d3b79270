"""Funnel limits, funnel significance and benchmark comparison against PHStatsMethods."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PHStatsMethods import assign_funnel_significance
from PHStatsMethods.utils_funnel import sigma_adjustment
from scipy import stats as sst

from dashboard.stats import compare_to_benchmark, funnel_limits, funnel_significance

WORDS = {
    "Not significant": "similar",
    "High (0.025)": "high_95",
    "High (0.001)": "high_998",
    "Low (0.025)": "low_95",
    "Low (0.001)": "low_998",
}

PROPORTION_SITES = pd.DataFrame(
    {
        "n": [3, 30, 50, 80, 12, 0, 7, 410, 9, 150],
        "d": [10, 100, 100, 200, 60, 20, 90, 1000, 9, 600],
    }
)
RATE_SITES = pd.DataFrame(
    {
        "n": [3, 30, 50, 80, 12, 0, 7, 120, 9, 10, 11],
        "d": [
            10_000,
            100_000,
            100_000,
            200_000,
            60_000,
            20_000,
            90_000,
            150_000,
            2_000,
            30_000,
            8_000,
        ],
    }
)


@pytest.mark.parametrize("confidence,prob", [(0.95, 0.975), (0.998, 0.999)])
@pytest.mark.parametrize("baseline", [0.02, 0.3, 0.75])
def test_proportion_limits_match_phe_sigma_adjustment(baseline, confidence, prob):
    denominators = [5, 20, 87, 400, 2500, 100_000]
    lower, upper = funnel_limits(baseline, denominators, "proportion", confidence, multiplier=100)
    for n, lo, hi in zip(denominators, lower, upper, strict=True):
        assert lo == pytest.approx(
            max(0, sigma_adjustment(prob, n, baseline, "low", 100)), abs=1e-9
        )
        assert hi == pytest.approx(
            min(100, sigma_adjustment(prob, n, baseline, "high", 100)), abs=1e-9
        )


def test_proportion_significance_matches_phstatsmethods():
    oracle = assign_funnel_significance(PROPORTION_SITES.copy(), "n", "proportion", "d")
    expected = [WORDS[w] for w in oracle["significance"]]
    assert (
        funnel_significance(PROPORTION_SITES["n"], PROPORTION_SITES["d"], "proportion") == expected
    )
    assert len(set(expected)) >= 4  # the case set exercises high and low at both levels


def test_rate_significance_matches_phstatsmethods_either_side_of_ten():
    frame = RATE_SITES.copy()
    frame["r"] = frame["n"] / frame["d"] * 100_000
    oracle = assign_funnel_significance(
        frame, "n", "rate", "d", rate="r", rate_type="crude", multiplier=100_000
    )
    expected = [WORDS[w] for w in oracle["significance"]]
    assert funnel_significance(RATE_SITES["n"], RATE_SITES["d"], "rate", 100_000) == expected


def test_rate_limits_are_exact_poisson_and_approach_the_normal():
    p0 = 0.002
    lower, upper = funnel_limits(p0, [500, 5_000_000], "rate", 0.998, multiplier=1000)
    # Small expected count (1 event): the upper limit is the interpolated 99.9% Poisson quantile.
    r = sst.poisson.ppf(0.999, 1.0)
    assert r - 1 <= upper[0] * 500 / 1000 <= r
    assert lower[0] == 0
    # Large expected count: close to p0 ± z·sqrt(p0/n).
    half = 3.090232 * math.sqrt(p0 / 5_000_000) * 1000
    assert upper[1] == pytest.approx(2 + half, rel=2e-3)
    assert lower[1] == pytest.approx(2 - half, rel=2e-3)


def test_overdispersion_widens_limits_only_when_sites_vary_more_than_chance():
    rng = np.random.default_rng(1)
    n = np.full(40, 400)
    spread = rng.binomial(400, rng.uniform(0.1, 0.5, 40))
    tight = rng.binomial(400, 0.3, 40)
    plain = funnel_limits(0.3, n, "proportion")
    wide = funnel_limits(0.3, n, "proportion", overdispersion=True, numerators=spread)
    same = funnel_limits(0.3, n, "proportion", overdispersion=True, numerators=tight)
    assert (wide[1] - wide[0] > 1.5 * (plain[1] - plain[0])).all()
    assert np.allclose(same[1] - same[0], plain[1] - plain[0], rtol=0.25)


def test_missing_inputs_are_not_compared_and_nan():
    lower, upper = funnel_limits(0.3, [0, np.nan, 10], "proportion")
    assert math.isnan(lower[0]) and math.isnan(upper[1]) and not math.isnan(lower[2])
    assert funnel_significance([1, np.nan], [0, 10], "rate") == ["not_compared", "not_compared"]


@pytest.mark.parametrize(
    ("polarity", "expected"),
    [
        ("higher_is_better", ["better", "similar", "worse", "not_compared"]),
        ("lower_is_better", ["worse", "similar", "better", "not_compared"]),
        ("no_judgement", ["higher", "similar", "lower", "not_compared"]),
    ],
)
def test_compare_to_benchmark_follows_polarity(polarity, expected):
    lower = [5.1, 4.0, 1.0, np.nan]
    upper = [9.0, 6.0, 4.9, 3.0]
    assert compare_to_benchmark(lower, upper, 5.0, polarity) == expected


@given(st.floats(0.001, 0.999), st.lists(st.integers(1, 100_000), min_size=1, max_size=20))
def test_proportion_limits_bracket_the_baseline_and_narrow(baseline, denominators):
    lower, upper = funnel_limits(baseline, sorted(denominators), "proportion")
    assert (lower <= baseline + 1e-12).all() and (upper >= baseline - 1e-12).all()
    width = upper - lower
    assert (np.diff(width) <= 1e-12).all()
