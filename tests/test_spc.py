"""XmR charts against NHSRplotthedots (nhs-r-community/NHSRplotthedots): its tests and snapshots.

Hand-computed cases and properties are in test_spc_rules.py.

Reference values come from NHSRplotthedots' tests and snapshots, cited per test. The serialised
snapshots in tests/testthat/_snaps/integration_tests.md were decoded from R's XDR format to
full-precision doubles.
"""

from __future__ import annotations

import numpy as np
import pytest

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
