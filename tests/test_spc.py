"""XmR charts against NHSRplotthedots (nhs-r-community/NHSRplotthedots) and hand-computed cases.

Reference values come from NHSRplotthedots' tests and snapshots, cited per test. The serialised
snapshots in tests/testthat/_snaps/integration_tests.md were decoded from R's XDR format to
full-precision doubles.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dashboard.stats.spc import (
    _assurance,
    _member_of_run,
    _shift,
    _trend,
    _two_in_three,
    xmr,
)

CC, IMP, CON = "common_cause", "special_cause_improvement", "special_cause_concern"

# set.seed(123); rnorm(48) in R. The first 20 (the `data` of test-ptd_spc_standard.R and
# test-ptd_spc.R) are confirmed by the snapshots' means and limits below.
RNORM_123 = [
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621,
    -1.26506123, -0.68685285, -0.44566197, 1.22408180, 0.35981383, 0.40077145, 0.11068272,
    -0.55584113, 1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141, -1.06782371,
    -0.21797491, -1.02600445, -0.72889123, -0.62503927, -1.68669331, 0.83778704, 0.15337312,
    -1.13813694, 1.25381492, 0.42646422, -0.29507148, 0.89512566, 0.87813349, 0.82158108,
    0.68864025, 0.55391765, -0.06191171, -0.30596266, -0.38047100, -0.69470698, -0.20791728,
    -1.26539635, 2.16895597, 1.20796200, -1.12310858, -0.40288484, -0.46665535,
]  # fmt: skip

# NHSRdatasets::ae_attendances summed by month, Apr 2016 - Mar 2019: the `y` column of the
# snapshots in tests/testthat/_snaps/integration_tests.md (test-integration_tests.R).
AE_ATTENDANCES = [
    1867781, 2070340, 1958802, 2079034, 1932901, 1952464, 2001816, 1907871, 1944567, 1895272,
    1735619, 2015834, 1949762, 2066789, 1994056, 2073944, 1924663, 1925961, 2044137, 1976971,
    2003954, 2000086, 1820012, 2049785, 1984369, 2164458, 2093942, 2179896, 1997854, 2005695,
    2079492, 2037847, 2047518, 2113413, 1954947, 2167550,
]  # fmt: skip
AE_PERFORMANCE = [
    0.9003512724457525, 0.9027555860390081, 0.9055994429248081, 0.9028524786030435,
    0.909763097023593, 0.9064786853944554, 0.8905308979446662, 0.8837903610883545,
    0.8617594559611471, 0.851413411900772, 0.8753090395991286, 0.9000949482943537,
    0.9051525263083392, 0.8970035160821932, 0.9072518525056468, 0.9034785895858326,
    0.9029928875860346, 0.8966609396555797, 0.8994186788850258, 0.8876655246839736,
    0.8498503458662225, 0.8529918213516818, 0.8504476893558943, 0.8462121637147311,
    0.8857248828216929, 0.9039011151983545, 0.9076297242234981, 0.8931949047110505,
    0.8972702710007838, 0.8894368286304747, 0.8900933497219513, 0.8760446687116353,
    0.8644632183941728, 0.843525141560121, 0.8422525009629417, 0.8660427671795345,
]  # fmt: skip


def special(result):
    """{index: point type} of the special-cause points."""
    return {i: t for i, t in enumerate(result.point_type) if t != CC}


# --- NHSRplotthedots' own tests and snapshots ---------------------------------------------


def test_ptd_spc_standard_snapshot_r1():
    # tests/testthat/_snaps/ptd_spc_standard.md (r1) and _snaps/ptd_spc.md (20 common cause).
    r = xmr(RNORM_123[:20])
    assert r.mean == pytest.approx(0.1416238, abs=1e-7)
    assert r.lpl == pytest.approx(-3.01138, abs=1e-5)
    assert r.upl == pytest.approx(3.294627, abs=1e-6)
    assert r.point_type == [CC] * 20
    assert r.variation == "common_cause"


@pytest.mark.parametrize(
    ("screen", "lpl", "upl"), [(True, -2.383666, 3.722497), (False, -4.596625, 5.935457)]
)
def test_ptd_spc_standard_snapshot_outlier_screening(screen, lpl, upl):
    # tests/testthat/_snaps/ptd_spc_standard.md (r2, r3): y[15] <- 10, with/without screening.
    y = list(RNORM_123[:20])
    y[14] = 10
    r = xmr(y, screen_outliers=screen)
    assert r.mean == pytest.approx(0.6694159, abs=1e-7)
    assert (r.lpl, r.upl) == pytest.approx((lpl, upl), abs=1e-6)


@pytest.mark.parametrize(
    ("half", "mean", "lpl", "upl"),
    [(slice(0, 10), 0.0746, -2.60, 2.75), (slice(10, 20), 0.209, -3.28, 3.70)],
)
def test_ptd_spc_summary_snapshot_facets(half, mean, lpl, upl):
    # tests/testthat/_snaps/ptd_spc.md: facets of 10 points each, all common cause (trial).
    r = xmr(RNORM_123[half])
    assert (r.mean, r.lpl, r.upl) == pytest.approx((mean, lpl, upl), abs=0.005)
    assert r.point_type == [CC] * 10
    assert r.trial


def test_ptd_spc_standard_two_in_three_needs_one_side():
    # test-ptd_spc_standard.R: two successive points beyond 2 sigma on opposite sides.
    y = [1.0, -1.0] * 8
    y[14], y[15] = 5.5, -5.5
    assert xmr(y).point_type[-2:] == [CC, CC]


def test_integration_ae_attendances():
    # _snaps/integration_tests.md, "ae_all attendances spc returns expected values".
    r = xmr(AE_ATTENDANCES)
    assert r.mean == pytest.approx(2000538.9444444445, rel=1e-12)
    assert r.lpl == pytest.approx(1731844.3644444444, rel=1e-12)
    assert r.upl == pytest.approx(2269233.5244444446, rel=1e-12)
    assert r.point_type == [CC] * 36
    assert not r.trial


def test_integration_ae_attendances_rebased():
    # _snaps/integration_tests.md, "... with rebase": rebase = 2017-04-01, the 13th month.
    r = xmr(AE_ATTENDANCES, rebase_at=[12])
    np.testing.assert_allclose(r.means, [1946858.4166666667] * 12 + [2027379.2083333333] * 24)
    np.testing.assert_allclose(r.lpls, [1639947.374848485] * 12 + [1772921.0639855072] * 24)
    np.testing.assert_allclose(r.upls, [2253769.4584848485] * 12 + [2281837.3526811595] * 24)
    assert r.mean == pytest.approx(2027379.2083333333, rel=1e-12)
    assert r.point_type == [CC] * 36


def test_integration_ae_performance_fixed_after_12():
    # _snaps/integration_tests.md, "ae_all performance": fix_after_n_points = 12. The snapshot
    # predates NHSRplotthedots 0.2.2's trend/2-in-3 fixes, which do not touch this series.
    r = xmr(AE_PERFORMANCE, fix_after_n_points=12)
    np.testing.assert_allclose(r.means, 0.8908915564349236, rtol=1e-12)
    np.testing.assert_allclose(r.lpls, 0.8614049789074258, rtol=1e-12)
    np.testing.assert_allclose(r.upls, 0.9203781339624213, rtol=1e-12)
    assert r.point_type == (
        [CC] * 9 + [CON, CC] + [IMP] * 8 + [CC] + [CON] * 4 + [CC] * 5 + [CON] * 7
    )
    assert r.variation == "concern_low"


@pytest.mark.parametrize(
    ("shift", "kwargs", "variation", "assurance"),
    [
        (None, {}, "common_cause", None),
        (None, {"target": 0.5}, "common_cause", "inconsistent"),
        (5, {"target": -3}, "improvement_high", "consistent_pass"),
        (5, {"target": -3, "improvement": "decrease"}, "concern_high", "consistent_fail"),
        (-5, {"target": 3}, "concern_low", "consistent_fail"),
        (-5, {"target": 3, "improvement": "decrease"}, "improvement_low", "consistent_pass"),
        (-5, {"target": 3, "improvement": "neutral"}, "neutral_low", None),
    ],
)
def test_geom_ptd_icon_icons(shift, kwargs, variation, assurance):
    # test-geom_ptd_icon.R, "ptd_get_icons transforms the data correctly" (s1, s2, s5-s9):
    # rnorm(24), then the last 12 replaced by rnorm(12, 5) and later rnorm(12, -5).
    y = np.array(RNORM_123[:24])
    if shift == 5:
        y[12:] = np.array(RNORM_123[24:36]) + 5
    elif shift == -5:
        y[12:] = np.array(RNORM_123[36:48]) - 5
    r = xmr(y, **kwargs)
    assert (r.variation, r.assurance) == (variation, assurance)


@pytest.mark.parametrize(
    ("improvement", "expected"),
    [
        ("increase", ["consistent_fail", "consistent_pass", "inconsistent"]),
        ("decrease", ["consistent_pass", "consistent_fail", "inconsistent"]),
        ("neutral", [None, None, None]),
    ],
)
def test_calculate_assurance_type(improvement, expected):
    # test-ptd_calculate_assurance_type.R: target 4 against (lpl, upl) = (1, 3), (5, 7), (1, 5).
    limits = [(1, 3), (5, 7), (1, 5)]
    assert [_assurance(4.0, lo, hi, improvement) for lo, hi in limits] == expected
    assert _assurance(None, 1, 3, improvement) is None


def test_seven_point_one_side_mean():
    # test-ptd_calculate_point_type.R, ptd_seven_point_one_side_mean + ptd_part_of_seven_trend.
    assert _shift(np.array([])).tolist() == []
    assert not _shift(np.ones(6)).any()
    assert not _shift(np.array([1.0] * 6 + [-1])).any()
    assert _shift(np.array([1.0] * 8 + [-1])).tolist() == [True] * 8 + [False]
    assert _shift(np.array([-1.0] * 8 + [1])).tolist() == [True] * 8 + [False]


def test_part_of_seven_trend():
    # test-ptd_calculate_point_type.R, ptd_part_of_seven_trend.
    assert _member_of_run(np.zeros(0, bool)).tolist() == []
    assert _member_of_run(np.array([0, 0, 0, 0, 0, 0, 1, 0], bool)).tolist() == [True] * 7 + [False]
    assert _member_of_run(np.array([0] * 7 + [1, 0], bool)).tolist() == [False] + [True] * 7 + [
        False
    ]


@pytest.mark.parametrize(
    ("y", "expected"),
    [
        ([], []),
        ([1, 2, 3, 4, 5, 6], [0] * 6),
        ([1, 2, 3, 3, 4, 5, 6], [0] * 7),
        ([1, 2, 3, 4, 5, 6, 7], [1] * 7),
        ([2, 1, 2, 3, 4, 5, 6, 7, 3], [0] + [1] * 7 + [0]),
        ([7, 6, 5, 4, 3, 2, 1], [1] * 7),
        ([2, 7, 6, 5, 4, 3, 2, 1, 3], [0] + [1] * 7 + [0]),
    ],
)
def test_seven_point_trend(y, expected):
    # test-ptd_calculate_point_type.R, ptd_seven_point_trend (run ends) + part_of_seven_trend.
    assert _trend(np.array(y, float)).tolist() == [bool(e) for e in expected]


@pytest.mark.parametrize(
    ("close", "side", "expected"),
    [
        ([1, 0, 1], [1, 1, 1], [1, 0, 1]),
        ([0, 1, 1], [1, 1, 1], [0, 1, 1]),
        ([1, 1, 0], [1, 1, 1], [1, 1, 0]),
        ([0, 0, 1, 0, 1, 0, 0], [1] * 7, [0, 0, 1, 0, 1, 0, 0]),
        ([0, 0, 1, 1, 0, 0, 0], [1] * 7, [0, 0, 1, 1, 0, 0, 0]),
        ([1, 0, 0, 1], [1] * 4, [0] * 4),
        ([1, 0, 0, 1, 1], [1] * 5, [0, 0, 0, 1, 1]),
        ([1, 0, 1], [1, -1, 1], [0] * 3),
        ([0, 1, 1], [1, -1, 1], [0] * 3),
        ([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1], [0] * 7),
        ([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1], [0] * 7),
    ],
)
def test_two_in_three(close, side, expected):
    # test-ptd_calculate_point_type.R, ptd_two_in_three + ptd_part_of_two_in_three.
    flags = _two_in_three(np.array(close, bool), np.array(side, float))
    assert flags.tolist() == [bool(e) for e in expected]


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
