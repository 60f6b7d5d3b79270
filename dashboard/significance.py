"""Where a value stands against a benchmark, as one category that every chart, table, file and
sentence shows the same way: its mark in `layouts.significance`, its words in
`dashboard.vocabulary.significance_words`.

The categories: outside the funnel's 99.8% or 95% limits above or below the benchmark (a 95%
interval wholly above or below it counts as `high_95` or `low_95`), similar, `small` where the
value rests on small numbers, and `none` where it was not compared. No significance is claimed
on small numbers, as for the BME : White British ratio: a site's count of a few events says
too little to call it better or worse, whatever the test gives.
"""

from __future__ import annotations

from dashboard import stats
from dashboard.stats.funnels import SIDES

CATEGORIES = ("high_998", "high_95", "similar", "low_95", "low_998", "small", "none")
POSITIONS = CATEGORIES[:5]  # the places on a funnel (`compare.funnel.funnel_positions`)


def category(position: str, small: bool = False) -> str:
    """A place on the funnel as it is shown: 'small' on small numbers, 'none' where the site
    was not compared (`not_compared`)."""
    if position not in POSITIONS:
        return "none"
    return "small" if small else position


def interval_category(lower: float, upper: float, benchmark: float, small: bool = False) -> str:
    """A 95% interval against a benchmark value (PHE Fingertips: wholly above or below it is
    significant): 'high_95', 'low_95', 'similar', or 'small' and 'none' as `category`."""
    side = stats.compare_to_benchmark(lower, upper, benchmark, "no_judgement")[0]
    return category({"higher": "high_95", "lower": "low_95"}.get(side, side), small)


def judgement(category: str, polarity: str) -> str:
    """The category as the measure's polarity judges it: 'better' or 'worse' where it has one,
    'higher' or 'lower' where it has none; 'similar', 'small', or 'not_compared'."""
    if category in ("similar", "small"):
        return category
    if category not in POSITIONS:
        return "not_compared"
    high, low = SIDES.get(polarity, SIDES["no_judgement"])
    return high if category.startswith("high") else low
