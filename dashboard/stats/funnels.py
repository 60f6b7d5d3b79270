"""Funnel plots and comparison with a benchmark, as the public-health profiles draw them.

References: Spiegelhalter DJ (2005) "Funnel plots for comparing institutional performance",
Statistics in Medicine 24:1185-1202; Spiegelhalter DJ (2005) "Handling over-dispersion of
performance indicators", Quality and Safety in Health Care 14:347-351; PHE Fingertips
technical guidance and PHEindicatormethods (`calculate_funnel_limits`,
`assign_funnel_significance`), ported as PHStatsMethods.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats as st

from dashboard.stats.intervals import _as_float, _level, _poisson_limits, _shape_like

STATISTICS = ("proportion", "rate")
POLARITIES = ("higher_is_better", "lower_is_better", "no_judgement")
#: polarity → what a value significantly above and below the benchmark is
SIDES = {
    "higher_is_better": ("better", "worse"),
    "lower_is_better": ("worse", "better"),
    "no_judgement": ("higher", "lower"),
}


def _wilson_inverse(p0: float, n: np.ndarray, prob: float, side: str) -> np.ndarray:
    """The proportion whose Wilson limit on `side` equals p0 (PHE's `sigma_adjustment`)."""
    z2 = st.norm.ppf(prob) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        first = p0 * (n / z2 + 1)
        root = np.sqrt(
            (-8 * p0 * (n / z2 + 1)) ** 2
            - 64 * (1 / z2 + 1 / n) * p0 * (n * (p0 * (n / z2 + 2) - 1) + z2 * (p0 - 1))
        )
        last = 1 / z2 + 1 / n
        sign = -1 if side == "low" else 1
        return (first + sign * root / 8) / last / n


def _poisson_quantile(mu: np.ndarray, prob: float) -> np.ndarray:
    """Interpolated Poisson quantile (Spiegelhalter 2005, appendix A.1.1), smooth in mu."""
    r = st.poisson.ppf(prob, mu)
    cdf_r = st.poisson.cdf(r, mu)
    cdf_below = st.poisson.cdf(r - 1, mu)
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = np.where(cdf_r > cdf_below, (cdf_r - prob) / (cdf_r - cdf_below), 0.0)
    return np.clip(r - alpha, 0, None)


def _overdispersion_tau2(z: np.ndarray, s: np.ndarray) -> float:
    """Between-site variance tau² from 10%-winsorised z-scores (Spiegelhalter 2005, QSHC)."""
    ok = np.isfinite(z) & np.isfinite(s) & (s > 0)
    z, s = z[ok], s[ok]
    k = len(z)
    if k < 2:
        return 0.0
    lo, hi = np.quantile(z, [0.1, 0.9])
    zw = np.clip(z, lo, hi)
    phi = float(np.mean(zw**2))
    if k * phi <= k - 1:
        return 0.0
    w = 1 / s**2
    return float(max(0.0, (k * phi - (k - 1)) / (w.sum() - (w**2).sum() / w.sum())))


def funnel_limits(
    baseline: float,
    denominators: ArrayLike,
    statistic: str,
    confidence: float = 0.95,
    multiplier: float = 1,
    overdispersion: bool = False,
    numerators: ArrayLike | None = None,
):
    """Control limits (lower, upper) at each denominator around `baseline`.

    `baseline` is a proportion (0-1) or a rate per person (events / denominator). Proportions
    use the inversion of the Wilson interval (PHEindicatormethods `calculate_funnel_limits`);
    rates use exact Poisson limits with Spiegelhalter's interpolation. With
    `overdispersion=True` and the sites' `numerators` given (at these denominators), the limits
    widen by the additive random-effects variance tau² of Spiegelhalter (2005, QSHC), as the
    NHS-R FunnelPlotR package does, on the scale of the indicator.
    """
    if statistic not in STATISTICS:
        raise ValueError(f"statistic must be one of {STATISTICS}, not {statistic!r}")
    level = _level(confidence)
    prob = 1 - (1 - level) / 2
    (n,) = _as_float(denominators)
    p0 = float(baseline)
    valid = (n > 0) & np.isfinite(n) & np.isfinite(p0) & (p0 >= 0)
    ns = np.where(valid, n, 1.0)
    if statistic == "proportion":
        lower = np.clip(_wilson_inverse(p0, ns, prob, "low"), 0, 1)
        upper = np.clip(_wilson_inverse(p0, ns, prob, "high"), 0, 1)
        s2 = p0 * (1 - p0) / ns
    else:
        mu = p0 * ns
        lower = _poisson_quantile(mu, 1 - prob) / ns
        upper = _poisson_quantile(mu, prob) / ns
        s2 = p0 / ns
    if overdispersion:
        if numerators is None:
            raise ValueError("overdispersion needs the sites' numerators")
        (x,) = _as_float(numerators)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = (x / ns - p0) / np.sqrt(s2)
        tau2 = _overdispersion_tau2(z[valid], np.sqrt(s2[valid]))
        if tau2 > 0:
            z_ = st.norm.ppf(prob)
            half = z_ * np.sqrt(s2 + tau2)
            lower, upper = np.clip(p0 - half, 0, None), p0 + half
            if statistic == "proportion":
                upper = np.clip(upper, 0, 1)
    out = (np.where(valid, lower * multiplier, np.nan), np.where(valid, upper * multiplier, np.nan))
    return tuple(_shape_like(a, denominators) for a in out)


def funnel_significance(
    numerators: ArrayLike, denominators: ArrayLike, statistic: str, multiplier: float = 1
) -> list[str]:
    """Each site against the pooled average of all sites: "high_998", "high_95", "similar",
    "low_95", "low_998", or "not_compared" where its inputs are missing.

    As PHEindicatormethods `assign_funnel_significance`: for proportions the site's value
    against the Wilson-inverted limits at its denominator; for crude rates the pooled rate
    against the site's exact (fewer than 10 events) or Byar limits. `multiplier` does not
    change the result (it is accepted for symmetry with the other functions).
    """
    if statistic not in STATISTICS:
        raise ValueError(f"statistic must be one of {STATISTICS}, not {statistic!r}")
    x, n = _as_float(numerators, denominators)
    x, n = np.atleast_1d(x), np.atleast_1d(n)
    valid = np.isfinite(x) & np.isfinite(n) & (n > 0) & (x >= 0)
    if not valid.any():
        return ["not_compared"] * len(x)
    pooled = x[valid].sum() / n[valid].sum()
    ns = np.where(valid, n, 1.0)
    xs = np.where(valid, x, 0.0)
    result = np.full(len(x), "similar", dtype=object)
    if statistic == "proportion":
        p = xs / ns
        for prob, tag in ((0.975, "95"), (0.999, "998")):
            result[p < _wilson_inverse(pooled, ns, prob, "low")] = f"low_{tag}"
            result[p > _wilson_inverse(pooled, ns, prob, "high")] = f"high_{tag}"
    else:
        for level, tag in ((0.95, "95"), (0.998, "998")):
            lower, upper = _poisson_limits(xs, level)
            result[pooled < lower / ns] = f"high_{tag}"
            result[pooled > upper / ns] = f"low_{tag}"
    result[~valid] = "not_compared"
    return result.tolist()


def compare_to_benchmark(
    lower: ArrayLike, upper: ArrayLike, benchmark: ArrayLike, polarity: str
) -> list[str]:
    """The profiles' comparison of an interval with a benchmark value.

    Higher or lower only when the whole interval lies above or below the benchmark; in words
    that follow the measure's polarity ("better"/"worse") where it has one, else
    "higher"/"lower"; "not_compared" where an input is missing. PHE Fingertips technical
    guidance, "Benchmarking against a goal or comparator".
    """
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {POLARITIES}, not {polarity!r}")
    lo, hi, bench = (np.atleast_1d(a) for a in _as_float(lower, upper, benchmark))
    lo, hi, bench = np.broadcast_arrays(lo, hi, bench)
    words = SIDES[polarity]
    out = np.full(lo.shape, "similar", dtype=object)
    out[lo > bench] = words[0]
    out[hi < bench] = words[1]
    out[~(np.isfinite(lo) & np.isfinite(hi) & np.isfinite(bench))] = "not_compared"
    return out.tolist()
