"""XmR charts: the special-cause rules, rebasing, missing data and properties, on hand-computed
cases (the published reference values are in test_spc.py)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dashboard.stats.spc import process_limits, xmr
from tests.test_spc import CC, CON, IMP, special

# --- hand-computed cases --------------------------------------------------------------------


def spike_series():
    """5, 15 alternating (20 points) with y[9] = 60: mean 245/20 = 12.25. Moving ranges 10 (x17)
    and 55 (x2): mean 280/19 = 14.74, 55 >= 3.267 x 14.74 is screened out, leaving 10, so the
    limits are 12.25 -/+ 26.6 and 2 sigma is 12.25 -/+ 17.73."""
    y = np.array([5.0, 15.0] * 10)
    y[9] = 60
    return y


def test_spike_outside_the_limits():
    r = xmr(spike_series())
    assert (r.mean, r.lpl, r.upl) == pytest.approx((12.25, -14.35, 38.85))
    assert r.lower_two_sigma[0] == pytest.approx(12.25 - 2 * 26.6 / 3)
    assert r.upper_two_sigma[0] == pytest.approx(12.25 + 2 * 26.6 / 3)
    assert special(r) == {9: IMP}
    assert math.isnan(r.moving_range[0])
    assert r.moving_range[1:].tolist() == [10] * 8 + [55, 55] + [10] * 9


def test_no_screening_widens_the_limits():
    # Mean moving range 280/19, so the limits are 12.25 -/+ 2.66 x 280/19 = -/+ 39.2.
    r = xmr(spike_series(), screen_outliers=False)
    assert (r.lpl, r.upl) == pytest.approx((-26.95, 51.45))
    assert special(r) == {9: IMP}


@pytest.mark.parametrize(
    ("improvement", "point_type"),
    [
        ("increase", IMP),
        ("decrease", CON),
        ("neutral", "special_cause_neutral_high"),
    ],
)
def test_improvement_direction(improvement, point_type):
    assert special(xmr(spike_series(), improvement=improvement)) == {9: point_type}


def test_trend_of_seven_rising_points_crossing_the_mean():
    # Mean 88/20 = 4.4, mean moving range 132/19: no limit or 2-sigma breach, no shift. The
    # whole rising run is an improvement, also below the mean (NHSRplotthedots issue #171).
    y = [0, 10] * 5 + [1, 2, 3, 4, 5, 6, 7] + [0, 10, 0]
    r = xmr(y)
    assert r.mean == pytest.approx(4.4)
    assert special(r) == dict.fromkeys(range(10, 17), IMP)
    assert special(xmr(y, improvement="decrease")) == dict.fromkeys(range(10, 17), CON)


def test_six_rising_points_are_no_trend():
    assert special(xmr([0, 10] * 5 + [1, 2, 3, 4, 5, 6] + [0, 10, 0])) == {}


def test_point_in_two_trends_takes_the_trend_on_its_right():
    # A rise 1..7 then a fall 7..1 share the peak, which is coloured as part of the fall
    # (ptd_special_cause_type). Mean 109/25, limits -/+ 2.66 x 130/24: no other rule fires.
    y = [0, 10] * 5 + [1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1] + [10, 0]
    r = xmr(y)
    assert special(r) == {**dict.fromkeys(range(10, 16), IMP), **dict.fromkeys(range(16, 23), CON)}
    neutral = xmr(y, improvement="neutral")
    assert neutral.point_type[15:17] == ["special_cause_neutral_high", "special_cause_neutral_low"]


def test_shift_of_seven_points_above_the_mean():
    # Mean 109/20 = 5.45; seven 7s above it, between two 0s below it.
    y = [10, 0] * 5 + [7] * 7 + [0, 10, 0]
    assert special(xmr(y)) == dict.fromkeys(range(10, 17), IMP)
    assert special(xmr(y, improvement="decrease")) == dict.fromkeys(range(10, 17), CON)


def test_point_on_the_mean_breaks_a_shift():
    # Mean 250/25 = 10: the 10 in the middle splits the 11s into runs of 6 and 1; the seven 9s
    # that follow are a shift below the mean.
    y = [20, 0] * 5 + [11] * 6 + [10] + [11] + [9] * 7
    r = xmr(y)
    assert r.mean == pytest.approx(10)
    assert special(r) == dict.fromkeys(range(18, 25), CON)


def test_two_of_three_beyond_two_sigma():
    # Mean 114/20 = 5.7, mean moving range 56/19: 2 sigma at 10.93, upper limit at 13.54. The
    # two 12s are beyond 2 sigma with a 6 (above the mean) between them: only they are flagged.
    y = [4, 6] * 8 + [12, 6, 12] + [4]
    r = xmr(y)
    assert (r.upper_two_sigma[0], r.upl) == pytest.approx((5.7 + 112 / 57 * 2.66, 13.54))
    assert special(r) == {16: IMP, 18: IMP}
    assert special(xmr(y, improvement="neutral")) == {
        16: "special_cause_neutral_high",
        18: "special_cause_neutral_high",
    }


def test_variation_icon_is_the_last_points():
    y = [0, 10] * 5 + [1, 2, 3, 4, 5, 6, 7]
    assert xmr(y).variation == "improvement_high"
    assert xmr(y, improvement="decrease").variation == "concern_high"
    assert xmr(y, improvement="neutral").variation == "neutral_high"
    assert xmr([*y[::-1][:-2], 0, 10]).variation == "common_cause"


@pytest.mark.parametrize(
    ("target", "improvement", "assurance"),
    [
        (50, "increase", "consistent_fail"),
        (50, "decrease", "consistent_pass"),
        (-20, "increase", "consistent_pass"),
        (-20, "decrease", "consistent_fail"),
        (0, "increase", "inconsistent"),
        (38.85, "increase", "inconsistent"),
        (0, "neutral", None),
        (None, "increase", None),
    ],
)
def test_assurance_against_the_limits(target, improvement, assurance):
    # Limits -14.35, 38.85 (spike_series); a target on a limit is inconsistent.
    r = xmr(spike_series(), improvement=improvement, target=target)
    assert r.assurance == assurance
    assert r.target == target


def test_trial_limits_below_twelve_points():
    assert xmr([0, 10] * 5 + [0]).trial
    assert not xmr([0, 10] * 6).trial
    assert xmr([0, 10] * 10, fix_after_n_points=6).trial
    assert xmr([0, 10] * 10, rebase_at=[10]).trial


def test_fix_after_n_points_holds_the_baseline_limits():
    # Baseline 0, 10 x 6: mean 5, limits 5 -/+ 26.6; the later 40 breaches them.
    y = [0, 10] * 6 + [40, 5, 10]
    r = xmr(y, fix_after_n_points=12)
    assert (r.mean, r.lpl, r.upl) == pytest.approx((5, -21.6, 31.6))
    np.testing.assert_allclose(r.means, 5)
    assert special(r) == {12: IMP}
    assert not r.trial
    assert xmr(y, fix_after_n_points=100).mean == pytest.approx(np.mean(y))


def test_rebase_gives_each_phase_its_own_mean_and_limits():
    y = [0, 10] * 6 + [100, 110] * 6
    r = xmr(y, rebase_at=[12])
    assert r.means.tolist() == [5] * 12 + [105] * 12
    np.testing.assert_allclose(r.lpls, [-21.6] * 12 + [78.4] * 12)
    assert (r.mean, r.lpl, r.upl) == pytest.approx((105, 78.4, 131.6))
    assert special(r) == {}
    assert math.isnan(r.moving_range[12])
    # Unrebased, the jump of 90 is screened out and every point lies outside 55 -/+ 26.6.
    assert set(xmr(y).point_type) == {IMP, CON}


def test_rules_run_within_each_phase():
    y = [0, 10] * 5 + [1, 2, 3, 4, 5, 6, 7, 10, 0]
    assert special(xmr(y)) == dict.fromkeys(range(10, 18), IMP)
    assert special(xmr(y, rebase_at=[13])) == {}


def test_rebase_indices_outside_the_series_are_ignored():
    y = [0, 10] * 6 + [100, 110] * 6
    for rebase_at in ([0], [-3, 24, 99], []):
        assert xmr(y, rebase_at=rebase_at).means.tolist() == [55] * 24


def test_assurance_uses_the_last_phase():
    # test-ptd_calculate_assurance_type.R, "when rebase": the last row's limits decide.
    y = [0, 10] * 6 + [100, 110] * 6
    assert xmr(y, target=50, rebase_at=[12]).assurance == "consistent_pass"
    assert xmr(y, target=50).assurance == "inconsistent"


@pytest.mark.parametrize("values", [[], [math.nan], [math.nan] * 5])
def test_no_data_is_nan(values):
    r = xmr(values, target=1)
    assert math.isnan(r.mean) and math.isnan(r.lpl) and math.isnan(r.upl)
    assert r.point_type == [CC] * len(values)
    assert r.means.shape == r.moving_range.shape == (len(values),)
    assert (r.variation, r.assurance, r.trial) == (None, None, True)


def test_single_point_has_a_mean_but_no_limits():
    r = xmr([7.0], target=1)
    assert r.mean == 7 and math.isnan(r.lpl) and math.isnan(r.upl)
    assert (r.point_type, r.variation, r.assurance) == ([CC], "common_cause", None)


def test_constant_series_has_no_limits_when_screened():
    # All moving ranges are 0 and none is < 3.267 x 0, as in ptd_spc_standard.
    assert math.isnan(xmr([3, 3, 3, 3]).upl)
    r = xmr([3, 3, 3, 3], screen_outliers=False)
    assert (r.lpl, r.mean, r.upl) == (3, 3, 3)
    assert r.point_type == [CC] * 4


def test_missing_values_are_skipped_and_kept_in_place():
    y = spike_series()
    y[4] = np.nan
    r = xmr(y)
    assert r.mean == pytest.approx(np.nanmean(y))
    assert r.point_type[4] == CC and r.point_type[9] == IMP
    assert np.isnan(r.moving_range[[0, 4, 5]]).all()
    # A missing point breaks a run, as a point on the mean does.
    run = [10, 0] * 5 + [7] * 7 + [0, 10, 0]
    assert special(xmr(run)) != {}
    run[13] = math.inf
    assert special(xmr(run)) == {}
    # The variation icon is that of the last non-missing point.
    assert xmr([0, 10] * 5 + [1, 2, 3, 4, 5, 6, 7, None]).variation == "improvement_high"


def test_result_is_immutable_and_arguments_are_checked():
    r = xmr([1, 2, 3])
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.mean = 0
    with pytest.raises(ValueError):
        r.means[0] = 0
    with pytest.raises(ValueError):
        xmr([1, 2, 3], improvement="up")
    with pytest.raises(ValueError):
        xmr([1, 2, 3], fix_after_n_points=0)


# --- properties -----------------------------------------------------------------------------

series = st.lists(st.integers(-1000, 1000), min_size=2, max_size=40)


@given(series)
def test_limits_bracket_the_mean(y):
    r = xmr(y)
    if np.all(np.diff(y) == 0):
        assert math.isnan(r.lpl) and math.isnan(r.upl)
    else:
        assert r.lpl <= r.lower_two_sigma[0] <= r.mean <= r.upper_two_sigma[0] <= r.upl


@given(series, st.integers(-(10**6), 10**6))
def test_adding_a_constant_shifts_the_lines_only(y, c):
    r = xmr(y)
    # Integer moving ranges, and so the screening, are unchanged by the shift, and a point on
    # the mean is decided exactly; skip exact ties with a limit or 2-sigma line only.
    lines = np.stack([r.lpls, r.upls, r.lower_two_sigma, r.upper_two_sigma])
    if np.all(lines != r.means):
        assume(np.min(np.abs(np.array(y) - lines)) > 1e-6)
    shifted = xmr([v + c for v in y])
    np.testing.assert_allclose(shifted.means, r.means + c, rtol=1e-12, atol=1e-6)
    np.testing.assert_allclose(shifted.lpls, r.lpls + c, rtol=1e-12, atol=1e-6)
    np.testing.assert_allclose(shifted.upls, r.upls + c, rtol=1e-12, atol=1e-6)
    np.testing.assert_array_equal(shifted.moving_range, r.moving_range)
    assert shifted.point_type == r.point_type


gappy = st.lists(st.one_of(st.none(), st.integers(-1000, 1000)), min_size=0, max_size=20).map(
    lambda y: [np.nan if v is None else float(v) for v in y]
)


@given(st.lists(gappy, min_size=1, max_size=6))
def test_process_limits_of_many_series_are_each_series_xmr_limits(rows):
    """`process_limits` (a return's thousands of cells at once) draws the limits `xmr` draws
    for each series alone, gaps and screening included: one XmR, not two."""
    width = max(len(r) for r in rows)
    matrix = np.array([r + [np.nan] * (width - len(r)) for r in rows])
    mean, lower, upper, points = process_limits(matrix)
    for i, row in enumerate(rows):
        alone = xmr(row)  # trailing gaps change nothing: no moving range spans a gap
        np.testing.assert_allclose(
            [mean[i], lower[i], upper[i]], [alone.mean, alone.lpl, alone.upl], rtol=1e-9
        )
        assert points[i] == np.count_nonzero(~np.isnan(row))
