"""What the Present page's tests share: summaries of hand-made counts over eight quarters, and a
catalogue with the twelve characteristics."""

from __future__ import annotations

import pandas as pd

from dashboard.selection import Catalogue
from dashboard.summaries import summarise_measure

PERIODS = [f"{y}Q{q}" for y in (2008, 2009) for q in (1, 2, 3, 4)]
LABELS = {p: f"{p[4:]} {p[:4]}" for p in PERIODS}


def measure(**kw) -> pd.Series:
    base = dict(
        code="M04A",
        name="Detentions under the Mental Health Act",
        unit="per 100,000 population per year",
        kind="rate",
        multiplier=100_000,
        polarity="lower_is_better",
        by_ethnicity=True,
        characteristic=4,
    )
    return pd.Series({**base, **kw})


def summary(bme=(40, 10_000), wb=(70, 90_000), periods=PERIODS, **kw):
    """A summary over `periods` quarters with the same counts each quarter."""
    rows = [
        (kw.get("code", "M04A"), p, group, n, d, 2)
        for p in periods
        for group, (n, d) in (("bme", bme), ("white_british", wb))
    ]
    totals = pd.DataFrame(
        rows, columns=["measure", "period", "group", "numerator", "denominator", "sites"]
    )
    return summarise_measure(measure(**kw), totals, LABELS, threshold=10)


def catalogue() -> Catalogue:
    chars = pd.DataFrame(
        {
            "id": range(1, 13),
            "short_name": [f"Char {n}" for n in range(1, 13)],
            "title": [f"Goal {n}" for n in range(1, 13)],
        }
    )
    measures = pd.DataFrame(
        {"code": ["M04A", "M04B"], "source": ["KP90 return", "Census"], "characteristic": [4, 4]}
    )
    periods = pd.DataFrame(
        {"code": PERIODS, "label": [LABELS[p] for p in PERIODS], "granularity": "quarter"}
    )
    return Catalogue(pd.DataFrame(), pd.DataFrame(), chars, measures, periods)
