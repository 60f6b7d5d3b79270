"""Statistics to public-health standard: intervals, disparities, funnel plots, statistical
process control, pooling and disclosure control. Each function's docstring names its method
and reference; all take scalars or equal-length array-likes and return NaN, never raise, where
a result is undefined."""

from dashboard.stats.intervals import (
    poisson_count_ci,
    proportion_ci,
    proportion_ratio,
    rate_ci,
    rate_ratio,
    z_value,
)

__all__ = [
    "poisson_count_ci",
    "proportion_ci",
    "proportion_ratio",
    "rate_ci",
    "rate_ratio",
    "z_value",
]
