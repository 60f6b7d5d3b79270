"""Intervals against PHStatsMethods (the DHSC port of PHEindicatormethods) and published values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PHStatsMethods import ph_proportion
from PHStatsMethods.confidence_intervals import byars_lower, byars_upper, exact_lower, exact_upper

from dashboard import stats

PROPORTION_CASES = [
    (0, 10),
    (1, 10),
    (5, 10),
    (10, 10),
    (65, 100),
    (9, 1000),
    (10, 1000),
    (250, 100_000),
    (3, 7),
    (999, 1000),
]
RATE_CASES = [
    (1, 10_000),
    (5, 10_000),
    (9, 2_000),
    (10, 2_000),
    (11, 50_000),
    (250, 1_000_000),
    (4_999, 7_000_000),
]


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_proportion_matches_phstatsmethods(confidence):
    frame = pd.DataFrame(PROPORTION_CASES, columns=["n", "d"])
    oracle = ph_proportion(frame, "n", "d", confidence=confidence)
    suffix = "95" if confidence == 0.95 else "99_8"
    value, lower, upper = stats.proportion_ci(frame["n"], frame["d"], confidence)
    np.testing.assert_allclose(value, oracle["Value"], rtol=1e-9)
    np.testing.assert_allclose(lower, oracle[f"lower_{suffix}_ci"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(upper, oracle[f"upper_{suffix}_ci"], rtol=1e-9)


@pytest.mark.parametrize("confidence", [0.95, 0.998])
@pytest.mark.parametrize(("count", "denominator"), RATE_CASES)
def test_rate_matches_phstatsmethods_either_side_of_ten(count, denominator, confidence):
    if count < 10:
        lo, hi = exact_lower(count, confidence), exact_upper(count, confidence)
    else:
        lo, hi = byars_lower(count, confidence), byars_upper(count, confidence)
    value, lower, upper = stats.rate_ci(count, denominator, confidence)
    assert value == pytest.approx(count / denominator * 100_000)
    assert lower == pytest.approx(lo / denominator * 100_000, rel=1e-9)
    assert upper == pytest.approx(hi / denominator * 100_000, rel=1e-9)


def test_published_wilson_example():
    # PHE Technical Guide, Confidence Intervals, worked example: 65 of 100 -> 55.3% to 73.6%.
    value, lower, upper = stats.proportion_ci(65, 100, multiplier=100)
    assert (round(value, 1), round(lower, 1), round(upper, 1)) == (65.0, 55.3, 73.6)


def test_zero_count_rate_has_zero_lower_limit_and_exact_upper():
    value, lower, upper = stats.rate_ci(0, 1000, multiplier=1000)
    assert value == 0 and lower == 0
    assert upper == pytest.approx(3.688879, rel=1e-6)  # chi2(0.975, 2)/2


def test_undefined_inputs_give_nan_not_errors():
    for fn in (stats.proportion_ci, stats.rate_ci):
        result = fn([1, 5, np.nan], [0, np.nan, 10])
        assert all(math.isnan(x) for x in (result[0][0], result[0][1], result[0][2]))
    assert all(math.isnan(v) for v in stats.rate_ratio(0, 100, 5, 100))


def test_confidence_accepts_percent_forms_and_refuses_others():
    assert stats.z_value(95) == stats.z_value(0.95) == pytest.approx(1.959964, rel=1e-6)
    assert stats.z_value(99.8) == pytest.approx(3.090232, rel=1e-6)
    with pytest.raises(ValueError, match="confidence"):
        stats.z_value(0.9)


def test_rate_ratio_log_method():
    # 40 events in 10,000 against 20 in 20,000: ratio 4, se sqrt(1/40 + 1/20).
    ratio, lower, upper = stats.rate_ratio(40, 10_000, 20, 20_000)
    se = math.sqrt(1 / 40 + 1 / 20)
    assert ratio == pytest.approx(4.0)
    assert lower == pytest.approx(4 * math.exp(-1.959964 * se), rel=1e-6)
    assert upper == pytest.approx(4 * math.exp(1.959964 * se), rel=1e-6)


def test_proportion_ratio_katz_method():
    ratio, lower, upper = stats.proportion_ratio(30, 100, 15, 100)
    se = math.sqrt(1 / 30 - 1 / 100 + 1 / 15 - 1 / 100)
    assert ratio == pytest.approx(2.0)
    assert (lower, upper) == pytest.approx(
        (2 * math.exp(-1.959964 * se), 2 * math.exp(1.959964 * se)), rel=1e-6
    )


@given(st.integers(0, 5000), st.integers(1, 5000))
def test_proportion_limits_bracket_the_value(x, extra):
    n = x + extra
    value, lower, upper = stats.proportion_ci(x, n)
    assert 0 <= lower <= value <= upper <= 1


@given(st.integers(0, 2000), st.integers(1, 10**7))
def test_rate_limits_bracket_the_value_and_narrow_with_more_events(x, n):
    value, lower, upper = stats.rate_ci(x, n)
    assert lower <= value <= upper
    _, lo4, hi4 = stats.rate_ci(4 * x, 4 * n)
    if x >= 10:
        assert hi4 - lo4 < upper - lower


def test_proportion_ratio_with_an_empty_cell_uses_haldane_correction():
    # 6 of 6 against 300 of 400: cells +0.5 for the interval, the ratio itself unchanged.
    ratio, lower, upper = stats.proportion_ratio(6, 6, 300, 400)
    se = math.sqrt(1 / 6.5 - 1 / 7 + 1 / 300.5 - 1 / 401)
    assert ratio == pytest.approx(1 / 0.75)
    assert lower == pytest.approx(ratio * math.exp(-1.959964 * se), rel=1e-6)
    assert upper > lower
