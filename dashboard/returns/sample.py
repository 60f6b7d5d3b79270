"""A large, valid return built from the store: for the tests and the benchmark that check the
README's limit (50,000 rows) is really stored, not only allowed."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.returns.limits import MAX_ROWS
from dashboard.returns.template import RETURN_COLUMNS, site_template
from data_access import queries
from data_access.db import Database

#: Kinds whose numerator may not pass its denominator in a plausible return.
WITHIN = ("proportion", "milestone", "rate")


def large_return(db: Database, rows: int = MAX_ROWS, periods: int = 8, vary: int = 0) -> bytes:
    """A CSV of `rows` filled template rows over the latest `periods` quarters of as many
    sites as it takes, each a resubmission as a site sends one: its stored denominator, its
    numerator one more or one less (so that every stored cell is revised, and the check finds
    the few warnings of a true return, not one a row). A cell nothing was stored for takes
    its latest stored quarter's counts. A different `vary` moves the numerators the other
    way, so that each run of a benchmark stores revisions."""
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
        codes = [sorted(set(frame[c])) for c in ("site_code", "measure_code")]
        stored = queries.stored_cells(session, *codes, latest)
    cell = ["site_code", "measure_code", "ethnic_code"]
    stored = stored.rename(columns={"site": "site_code", "measure": "measure_code"})
    frame = frame.drop(columns=["numerator", "denominator"]).merge(
        stored, on=[*cell, "period"], how="left"
    )
    by_cell = frame.groupby(cell)[["numerator", "denominator"]]
    counts = by_cell.ffill().fillna(by_cell.bfill())
    num = counts["numerator"].fillna(10).to_numpy(dtype=np.int64)
    den = counts["denominator"].fillna(100).to_numpy(dtype=np.int64)
    step = np.where((np.arange(len(frame)) + vary) % 2 == 0, 1, -1)
    bounded = frame["kind"].isin(WITHIN).to_numpy() & (den > 0)
    fits = (num + step >= 0) & (~bounded | (num + step <= den))
    step = np.where(fits, step, -step)
    fits = (num + step >= 0) & (~bounded | (num + step <= den))
    frame["numerator"] = np.where(fits, num + step, num).astype(str)
    frame["denominator"] = np.where(fits, den, den + 1).astype(str)  # 0 of 0: one more person
    # the six columns an import reads: with the help columns 50,000 rows pass 5 MB
    return frame[RETURN_COLUMNS].to_csv(index=False).encode("utf-8")
