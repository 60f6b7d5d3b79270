"""Action plans for the national-scale data: the demonstration sites' plans as they are, and
plans of the same kind for the organisations the national scale adds.

The added plans are drawn from a stream of their own, so the 54 sites keep exactly the plans
(Dorset's included) that `demo_actions` gives them for the same periods and seed.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from data_access.demo.actions import (
    COLUMNS,
    PLAN_SIZE,
    STREAM,
    TEMPLATES,
    _action,
    _month_end,
    demo_actions,
)
from data_access.demo.organisations import ORGANISATIONS, DemoOrganisation


def national_actions(
    periods: pd.DataFrame, seed: int, organisations: list[DemoOrganisation]
) -> pd.DataFrame:
    """The plans (columns of actions.COLUMNS) of every organisation in `organisations`."""
    founding = {org.code for org in ORGANISATIONS}
    rng = np.random.default_rng([seed, STREAM, 1])
    as_of = max(periods["end_date"])
    first_due = _month_end(min(periods["start_date"]) + dt.timedelta(days=2 * 365))
    span = (as_of + dt.timedelta(days=365) - first_due).days
    rows = []
    for org in organisations:
        if org.code in founding:
            continue
        pool = [t for t in TEMPLATES if org.kind in t.kinds]
        low, high = PLAN_SIZE[org.kind]
        size = min(int(rng.integers(low, high + 1)), len(pool))
        for i in sorted(rng.choice(len(pool), size=size, replace=False)):
            due = _month_end(first_due + dt.timedelta(days=int(rng.integers(0, span))))
            rows.append(_action(rng, org.code, pool[i], due, as_of))
    added = pd.DataFrame(rows, columns=COLUMNS)
    return pd.concat([demo_actions(periods, seed), added], ignore_index=True)
