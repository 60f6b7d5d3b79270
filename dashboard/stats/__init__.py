"""Statistics to public-health standard: intervals, disparities, funnel plots, statistical
process control, pooling and disclosure control. Each function's docstring names its method
and reference; all take scalars or equal-length array-likes and return NaN, never raise, where
a result is undefined."""

from dashboard.stats.disclosure import disclosure_control
from dashboard.stats.funnels import compare_to_benchmark, funnel_limits, funnel_significance
from dashboard.stats.intervals import (
    poisson_count_ci,
    proportion_ci,
    proportion_ratio,
    rate_ci,
    rate_ratio,
    z_value,
)
from dashboard.stats.pooling import pool, rolling_pool
from dashboard.stats.spc import XmrResult, process_limits, xmr

__all__ = [
    "XmrResult",
    "compare_to_benchmark",
    "disclosure_control",
    "funnel_limits",
    "funnel_significance",
    "poisson_count_ci",
    "pool",
    "process_limits",
    "proportion_ci",
    "proportion_ratio",
    "rate_ci",
    "rate_ratio",
    "rolling_pool",
    "xmr",
    "z_value",
]
