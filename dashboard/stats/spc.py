"""XmR statistical process control charts, as NHS England's "Making Data Count" draws them.

The XmR (individuals and moving range) chart of Wheeler: the centre line is the mean, the
process limits are mean ± 2.66 × the mean moving range, and special-cause variation is flagged
by NHS England's four rules, in this order of precedence:

1. a point outside the process limits;
2. a trend: 7 points each strictly above (or below) the one before, i.e. 6 consecutive increases
   or decreases (ties break the run); all 7 points are flagged, as high if increasing;
3. two out of three consecutive points beyond two sigma (mean ± 2/3 × 2.66 × mean moving range),
   all three on the same side of the mean; only the points beyond two sigma are flagged (a
   point outside the limits does not count towards this rule);
4. a shift: a run of 7 points on the same side of the mean (a point on the mean breaks it).

The calculation follows the NHS-R community's R package NHSRplotthedots (`ptd_spc`,
`ptd_spc_standard`, `ptd_special_cause_type`, `ptd_point_type`, `ptd_calculate_assurance_type`,
`ptd_get_icons`), including its edge cases: moving ranges of 3.267 × the mean moving range or
more are screened out before the limits are computed (Nelson 1982), which leaves undefined (NaN)
limits for a series whose moving ranges are all zero; `fix_after_n_points` counts the first n
points of each phase; the rules run within each phase of a rebased chart; assurance compares the
target with the last phase's limits (a target on a limit is "inconsistent").

Missing values (NaN or ±inf) are excluded from the mean and the moving ranges (no moving range
spans a gap, as in NHSRplotthedots), kept in position as "common_cause", and interrupt every run
(trend, shift, two of three) as a point on the mean interrupts a shift. The variation icon is
that of the last non-missing point. Limits resting on fewer than 12 points are trial limits.

References: NHS England and NHS Improvement (2019) "Making Data Count: Getting started" and
"Making Data Count: Strengthening your decisions"; Wheeler DJ (2000) "Understanding Variation:
The Key to Managing Chaos", 2nd ed., SPC Press; Nelson LS (1982) "Control charts for individual
measurements", Journal of Quality Technology 14:172-173; NHS-R community, NHSRplotthedots (R
package, https://github.com/nhs-r-community/NHSRplotthedots).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike, NDArray

LIMIT = 2.66  # process limits: 3 sigma, with sigma = mean moving range / 1.128
TWO_SIGMA = 2 * (LIMIT / 3)  # as `limitclose` in ptd_spc_standard
OUTLIER_SCREEN = 3.267  # upper range limit of the moving range chart
RUN = 7  # points in a trend or a shift
TRIAL_POINTS = 12
IMPROVEMENTS = ("increase", "decrease", "neutral")
POINT_TYPES = (
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
)

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class XmrResult:
    """An XmR chart: scalar mean and limits of the last phase, per-point lines and point types.

    `lower_two_sigma`/`upper_two_sigma` are the per-point two-sigma lines of the "two of three"
    rule. `variation` is the Making Data Count icon of the last non-missing point ("common_cause",
    "improvement_high", "improvement_low", "concern_high", "concern_low", "neutral_high",
    "neutral_low"; None without data); `assurance` is "consistent_pass", "consistent_fail",
    "inconsistent" or None (no target, neutral direction or undefined limits); `trial` is True
    when the last phase's limits rest on fewer than 12 points.
    """

    mean: float
    lpl: float
    upl: float
    means: FloatArray
    lpls: FloatArray
    upls: FloatArray
    lower_two_sigma: FloatArray
    upper_two_sigma: FloatArray
    moving_range: FloatArray
    point_type: list[str]
    variation: str | None
    assurance: str | None
    trial: bool
    target: float | None


def _row_means(a: FloatArray) -> FloatArray:
    """Mean of each row's non-NaN values; NaN (without a warning) for a row without any."""
    present = ~np.isnan(a)
    counts = present.sum(axis=1)
    totals = np.where(present, a, 0.0).sum(axis=1)
    return np.divide(totals, counts, out=np.full(counts.shape, np.nan), where=counts > 0)


def _limit_basis(base: FloatArray, screen_outliers: bool) -> tuple[FloatArray, FloatArray]:
    """Mean and mean moving range of each row of `base` (`ptd_spc_standard`)."""
    mr = np.abs(np.diff(base, axis=1))
    amr = _row_means(mr)
    if screen_outliers:
        with np.errstate(invalid="ignore"):  # NaN amr screens out everything
            mr = np.where(mr < OUTLIER_SCREEN * amr[:, None], mr, np.nan)
        amr = _row_means(mr)
    return _row_means(base), amr


def process_limits(
    series: ArrayLike, screen_outliers: bool = True
) -> tuple[FloatArray, FloatArray, FloatArray, NDArray[np.int_]]:
    """Mean, lower and upper process limits, and the points behind them, of many series at
    once: one time-ordered series a row, NaN where a point is missing.

    The limits `xmr` draws (one phase, no rebasing), computed for every row together, so that
    checking thousands of series (a quarterly return's cells) costs one pass, not thousands of
    charts. Undefined limits are NaN, as in `xmr`."""
    base = np.atleast_2d(np.asarray(series, dtype=float))
    base = np.where(np.isfinite(base), base, np.nan)
    mean, amr = _limit_basis(base, screen_outliers)
    points = np.count_nonzero(~np.isnan(base), axis=1)
    return mean, mean - LIMIT * amr, mean + LIMIT * amr, points


def _phase_limits(
    y: FloatArray, fix_after_n_points: int | None, screen_outliers: bool
) -> tuple[float, float, int]:
    """Mean, mean moving range and number of points behind them (`ptd_spc_standard`)."""
    base = y[:fix_after_n_points]
    mean, amr = _limit_basis(base[None, :], screen_outliers)
    return float(mean[0]), float(amr[0]), int(np.count_nonzero(~np.isnan(base)))


def _member_of_run(ends: BoolArray) -> BoolArray:
    """Flag every point of a run of 7 given its last points (`ptd_part_of_seven_trend`)."""
    if not ends.size:
        return ends
    padded = np.concatenate([ends, np.zeros(RUN - 1, dtype=bool)])
    return sliding_window_view(padded, RUN).any(axis=1)


def _shift(side: FloatArray) -> BoolArray:
    """Points in a run of 7 on one side of the mean (`ptd_seven_point_one_side_mean`)."""
    if side.size < RUN:
        return np.zeros(side.size, dtype=bool)
    w = sliding_window_view(side, RUN)
    ends = (w == w[:, :1]).all(axis=1) & (w[:, 0] != 0)
    return _member_of_run(np.concatenate([np.zeros(RUN - 1, dtype=bool), ends]))


def _trend(y: FloatArray) -> BoolArray:
    """Points in a run of 7 strictly increasing or decreasing points (`ptd_seven_point_trend`)."""
    if y.size < RUN:
        return np.zeros(y.size, dtype=bool)
    w = sliding_window_view(np.sign(np.diff(y)), RUN - 1)
    ends = (w == 1).all(axis=1) | (w == -1).all(axis=1)
    return _member_of_run(np.concatenate([np.zeros(RUN - 1, dtype=bool), ends]))


def _two_in_three(close: BoolArray, side: FloatArray) -> BoolArray:
    """Points beyond two sigma in a window of 3 with 2 such points, all 3 on one side of the mean
    (`ptd_two_in_three`, `ptd_part_of_two_in_three`)."""
    if close.size < 3:
        return np.zeros(close.size, dtype=bool)
    qualifies = (sliding_window_view(close, 3).sum(axis=1) >= 2) & (
        np.abs(sliding_window_view(side, 3).sum(axis=1)) == 3
    )
    padded = np.concatenate([[False, False], qualifies, [False, False]])
    return close & sliding_window_view(padded, 3).any(axis=1)


def _trend_direction(y: FloatArray, trend: BoolArray) -> FloatArray:
    """+1 for a point of an increasing trend; a point in two trends takes the one on its right."""
    if not trend.any():
        return np.zeros(y.size)
    d = np.sign(np.diff(y))
    right = np.concatenate([d, d[-1:]])
    left = np.concatenate([[0.0], d])
    both = trend & np.concatenate([trend[1:], [False]])
    return np.where(both, right, left)


def _phase_point_types(y: FloatArray, mean: float, amr: float, improvement: str) -> list[str]:
    """Point types of one phase, rules in NHSRplotthedots' order of precedence."""
    with np.errstate(invalid="ignore"):
        side = np.nan_to_num(np.sign(y - mean))  # missing points sit "on the mean"
        outside = (y > mean + LIMIT * amr) | (y < mean - LIMIT * amr)
        close = ~outside & ((y > mean + TWO_SIGMA * amr) | (y < mean - TWO_SIGMA * amr))
    trend = _trend(y)
    above = np.where(side > 0, 1.0, -1.0)
    direction = np.select(
        [outside, trend, _two_in_three(close, side), _shift(side)],
        [
            np.where(side == 1, 1.0, -1.0),
            np.where(_trend_direction(y, trend) == 1, 1.0, -1.0),
            above,
            above,
        ],
        default=0.0,
    )
    if improvement == "neutral":
        labels = {1: "special_cause_neutral_high", -1: "special_cause_neutral_low"}
    else:
        direction = direction if improvement == "increase" else -direction
        labels = {1: "special_cause_improvement", -1: "special_cause_concern"}
    return [labels.get(int(d), "common_cause") for d in direction]


def _variation(point_type: str, improvement: str) -> str:
    """The Making Data Count variation icon for a point type (`ptd_get_icons`)."""
    increasing = improvement == "increase"
    return {
        "special_cause_neutral_high": "neutral_high",
        "special_cause_neutral_low": "neutral_low",
        "special_cause_improvement": "improvement_high" if increasing else "improvement_low",
        "special_cause_concern": "concern_low" if increasing else "concern_high",
    }.get(point_type, "common_cause")


def _assurance(target: float | None, lpl: float, upl: float, improvement: str) -> str | None:
    """Assurance against a target (`ptd_calculate_assurance_type`); None when undefined."""
    if target is None or improvement == "neutral" or not np.isfinite([target, lpl, upl]).all():
        return None
    increasing = improvement == "increase"
    if target > upl:
        return "consistent_fail" if increasing else "consistent_pass"
    if target < lpl:
        return "consistent_pass" if increasing else "consistent_fail"
    return "inconsistent"


def _phase_starts(n: int, rebase_at: Iterable[int] | None) -> list[int]:
    """Sorted starts of the phases; indices outside 1..n-1 start no phase."""
    starts = {operator.index(i) for i in (rebase_at or ())}
    return [0, *sorted(i for i in starts if 0 < i < n)]


def xmr(
    values: ArrayLike,
    improvement: str = "increase",
    target: float | None = None,
    screen_outliers: bool = True,
    fix_after_n_points: int | None = None,
    rebase_at: Iterable[int] | None = None,
) -> XmrResult:
    """XmR chart of a time-ordered series with NHS England's special-cause rules.

    Method of NHS England's "Making Data Count" (2019), after Wheeler's "Understanding
    Variation", as implemented by the NHS-R community's NHSRplotthedots (`ptd_spc`): see the
    module docstring. `improvement` is "increase", "decrease" or "neutral"; `target` gives the
    assurance; `screen_outliers` drops moving ranges of 3.267 × their mean or more before the
    limits are computed; `fix_after_n_points` computes the limits of each phase from its first n
    points only; `rebase_at` lists the 0-based indices at which a new phase, with its own mean,
    limits and rules, starts.

    Undefined results are NaN (no data, fewer than two consecutive non-missing values in the
    baseline, or moving ranges all zero under screening), never an exception.
    """
    if improvement not in IMPROVEMENTS:
        raise ValueError(f"improvement must be one of {IMPROVEMENTS}, not {improvement!r}")
    if fix_after_n_points is not None and operator.index(fix_after_n_points) < 1:
        raise ValueError("fix_after_n_points must be a positive integer or None")
    y = np.asarray(values, dtype=float).reshape(-1)
    y = np.where(np.isfinite(y), y, np.nan)
    n = y.size
    means, amrs, moving_range = (np.full(n, np.nan) for _ in range(3))
    point_type: list[str] = []
    starts = _phase_starts(n, rebase_at)
    mean, amr, n_base = float("nan"), float("nan"), 0
    for a, b in zip(starts, [*starts[1:], n], strict=True):
        seg = y[a:b]
        mean, amr, n_base = _phase_limits(seg, fix_after_n_points, screen_outliers)
        means[a:b], amrs[a:b] = mean, amr
        moving_range[a + 1 : b] = np.abs(np.diff(seg))
        point_type += _phase_point_types(seg, mean, amr, improvement)

    observed = np.flatnonzero(~np.isnan(y))
    target = None if target is None else float(target)
    lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
    arrays = {
        "means": means,
        "lpls": means - LIMIT * amrs,
        "upls": means + LIMIT * amrs,
        "lower_two_sigma": means - TWO_SIGMA * amrs,
        "upper_two_sigma": means + TWO_SIGMA * amrs,
        "moving_range": moving_range,
    }
    for arr in arrays.values():
        arr.setflags(write=False)
    return XmrResult(
        mean=mean,
        lpl=lpl,
        upl=upl,
        **arrays,
        point_type=point_type,
        variation=_variation(point_type[observed[-1]], improvement) if observed.size else None,
        assurance=_assurance(target, lpl, upl, improvement),
        trial=n_base < TRIAL_POINTS,
        target=target,
    )
