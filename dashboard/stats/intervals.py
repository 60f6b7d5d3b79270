"""Confidence intervals and disparity ratios, as the public-health profiles compute them.

Every function takes scalars or equal-length array-likes and returns floats or numpy arrays of
the same shape. Undefined results (a zero or missing denominator, a missing count) are NaN,
never an exception.

References: Public Health England, "Technical Guide: Confidence Intervals" (2018), and the
PHEindicatormethods R package (`phe_proportion`, `phe_rate`), ported to Python as
PHStatsMethods by the Department of Health and Social Care.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats as _st

#: Levels the profiles use; 95 and 99.8 are accepted too.
_CONFIDENCE = {0.95: 0.95, 95: 0.95, 0.998: 0.998, 99.8: 0.998}


def z_value(confidence: float) -> float:
    """Two-sided standard normal quantile for 0.95 or 0.998 (1.959964, 3.090232)."""
    try:
        level = _CONFIDENCE[confidence]
    except (KeyError, TypeError):
        raise ValueError(
            f"confidence must be 0.95 or 0.998 (or 95, 99.8), not {confidence!r}"
        ) from None
    return float(_st.norm.ppf(1 - (1 - level) / 2))


def _level(confidence: float) -> float:
    z_value(confidence)
    return _CONFIDENCE[confidence]


def _as_float(*values: ArrayLike) -> tuple[np.ndarray, ...]:
    return tuple(np.asarray(v, dtype=float) for v in values)


def _shape_like(result: np.ndarray, *inputs: ArrayLike):
    return float(result) if all(np.ndim(v) == 0 for v in inputs) else result


def proportion_ci(
    numerator: ArrayLike, denominator: ArrayLike, confidence: float = 0.95, multiplier: float = 1
):
    """Proportion with its Wilson score interval, as PHEindicatormethods `phe_proportion`.

    Wilson EB (1927) "Probable inference, the law of succession, and statistical inference",
    JASA 22:209-212; PHE Technical Guide: Confidence Intervals, section 3.
    Returns (value, lower, upper) times `multiplier` (1 for a fraction, 100 for a percentage).
    """
    z = z_value(confidence)
    x, n = _as_float(numerator, denominator)
    with np.errstate(divide="ignore", invalid="ignore"):
        valid = (n > 0) & (x >= 0) & (x <= n)
        p = np.where(valid, x / n, np.nan)
        q = 1 - p
        root = z * np.sqrt(z**2 + 4 * x * q)
        lower = (2 * x + z**2 - root) / (2 * (n + z**2))
        upper = (2 * x + z**2 + root) / (2 * (n + z**2))
    lower = np.where(valid, lower, np.nan)
    upper = np.where(valid, upper, np.nan)
    return tuple(_shape_like(a * multiplier, numerator, denominator) for a in (p, lower, upper))


def _poisson_limits(count: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Limits for a Poisson count: exact below 10, Byar's approximation from 10 up."""
    z = float(_st.norm.ppf(1 - (1 - level) / 2))
    alpha = 1 - level
    with np.errstate(divide="ignore", invalid="ignore"):
        exact_lower = np.where(count > 0, _st.chi2.ppf(alpha / 2, 2 * count) / 2, 0.0)
        exact_upper = _st.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
        byar_lower = count * (1 - 1 / (9 * count) - z / (3 * np.sqrt(count))) ** 3
        c1 = count + 1
        byar_upper = c1 * (1 - 1 / (9 * c1) + z / (3 * np.sqrt(c1))) ** 3
    small = count < 10
    return np.where(small, exact_lower, byar_lower), np.where(small, exact_upper, byar_upper)


def poisson_count_ci(count: ArrayLike, confidence: float = 0.95):
    """A count with its Poisson interval (exact below 10, Byar from 10), for count measures."""
    (x,) = _as_float(count)
    valid = np.isfinite(x) & (x >= 0)
    xs = np.where(valid, x, 0.0)
    lower, upper = _poisson_limits(xs, _level(confidence))
    out = (
        np.where(valid, x, np.nan),
        np.where(valid, lower, np.nan),
        np.where(valid, upper, np.nan),
    )
    return tuple(_shape_like(a, count) for a in out)


def rate_ci(
    count: ArrayLike, denominator: ArrayLike, confidence: float = 0.95, multiplier: float = 100_000
):
    """Crude rate with its interval, as PHEindicatormethods `phe_rate`.

    Exact Poisson limits (from the chi-squared distribution) for counts below 10 and Byar's
    approximation from 10 up: Breslow NE, Day NE (1987) "Statistical methods in cancer research,
    vol. II"; PHE Technical Guide: Confidence Intervals, section 4.
    Returns (value, lower, upper) per `multiplier` of the denominator.
    """
    x, n = _as_float(count, denominator)
    valid = (n > 0) & np.isfinite(x) & (x >= 0)
    xs = np.where(valid, x, 0.0)
    ns = np.where(valid, n, 1.0)
    lower, upper = _poisson_limits(xs, _level(confidence))
    out = tuple(np.where(valid, a / ns * multiplier, np.nan) for a in (xs, lower, upper))
    return tuple(_shape_like(a, count, denominator) for a in out)


def rate_ratio(
    count_a: ArrayLike,
    denominator_a: ArrayLike,
    count_b: ArrayLike,
    denominator_b: ArrayLike,
    confidence: float = 0.95,
):
    """Ratio of two crude rates (group a against comparison group b) with its log-method interval.

    log(RR) ± z·sqrt(1/a + 1/b): Rothman KJ, Greenland S (1998) "Modern Epidemiology", ch. 14;
    the method the NHS Digital Mental Health Act statistics use for rate ratios. NaN when either
    count or either denominator is zero.
    """
    z = z_value(confidence)
    a, na, b, nb = _as_float(count_a, denominator_a, count_b, denominator_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        valid = (a > 0) & (b > 0) & (na > 0) & (nb > 0)
        ratio = np.where(valid, (a / na) / (b / nb), np.nan)
        se = np.sqrt(1 / a + 1 / b)
        lower = np.where(valid, np.exp(np.log(ratio) - z * se), np.nan)
        upper = np.where(valid, np.exp(np.log(ratio) + z * se), np.nan)
    inputs = (count_a, denominator_a, count_b, denominator_b)
    return tuple(_shape_like(v, *inputs) for v in (ratio, lower, upper))


def proportion_ratio(
    numerator_a: ArrayLike,
    denominator_a: ArrayLike,
    numerator_b: ArrayLike,
    denominator_b: ArrayLike,
    confidence: float = 0.95,
):
    """Ratio of two proportions (relative risk, group a against b) with its log-method interval.

    Katz D, Baptista J, Azen SP, Pike MC (1978) "Obtaining confidence intervals for the risk
    ratio in cohort studies", Biometrics 34:469-474: log(RR) ± z·sqrt(1/a - 1/n_a + 1/b - 1/n_b).
    Where a cell of the 2x2 table is empty (a numerator equal to its denominator), 0.5 is added
    to every cell for the interval (Haldane's correction), which otherwise collapses to a point.
    NaN when either numerator or denominator is zero.
    """
    z = z_value(confidence)
    a, na, b, nb = _as_float(numerator_a, denominator_a, numerator_b, denominator_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        valid = (a > 0) & (b > 0) & (na >= a) & (nb >= b) & (na > 0) & (nb > 0)
        ratio = np.where(valid, (a / na) / (b / nb), np.nan)
        empty_cell = (a == na) | (b == nb)
        ca, cna = np.where(empty_cell, a + 0.5, a), np.where(empty_cell, na + 1, na)
        cb, cnb = np.where(empty_cell, b + 0.5, b), np.where(empty_cell, nb + 1, nb)
        se = np.sqrt(np.clip(1 / ca - 1 / cna + 1 / cb - 1 / cnb, 0, None))
        lower = np.where(valid, np.exp(np.log(ratio) - z * se), np.nan)
        upper = np.where(valid, np.exp(np.log(ratio) + z * se), np.nan)
    inputs = (numerator_a, denominator_a, numerator_b, denominator_b)
    return tuple(_shape_like(v, *inputs) for v in (ratio, lower, upper))
