"""A large, valid return built from the store: for the tests and the benchmark that check the
README's limit (50,000 rows) is really stored, not only allowed."""

from __future__ import annotations

import pandas as pd

from dashboard.returns.limits import MAX_ROWS
from dashboard.returns.template import RETURN_COLUMNS, site_template
from data_access import queries
from data_access.db import Database


def large_return(db: Database, rows: int = MAX_ROWS, periods: int = 8, vary: int = 0) -> bytes:
    """A CSV of `rows` filled template rows over the latest `periods` quarters of as many
    sites as it takes, each count different from what is stored (so every stored cell is
    revised), numerators never above their denominators. A different `vary` gives different
    counts, so that each run of a benchmark stores revisions."""
    frames, total = [], 0
    with db.session() as session:
        sites = queries.organisations(session)["code"].tolist()
        latest = queries.periods(session)["code"].tolist()[-periods:]
        for site in sites:
            frame = site_template(session, site, latest)
            frames.append(frame)
            total += len(frame)
            if total >= rows:
                break
    frame = pd.concat(frames, ignore_index=True).head(rows)
    position = pd.Series(range(len(frame)))
    frame["denominator"] = (1000 + position % 997).astype(str)
    frame["numerator"] = (1 + (position + vary) % 89).astype(str)
    # the six columns an import reads: with the help columns 50,000 rows pass 5 MB
    return frame[RETURN_COLUMNS].to_csv(index=False).encode("utf-8")
