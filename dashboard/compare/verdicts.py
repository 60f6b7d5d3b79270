"""Every compared site's place on the funnel, on many measures at once: what `compare_data`
shows in its table for each measure (significance, category, comparison), worked out in one
pass over all the measures' site totals instead of one page's worth of work a measure. The
cascade briefing asks it of every chosen measure twice (this quarter and the one before).

The same functions decide as on the Compare page: the sites' pooled counts and disclosure
status (`estimates`, `stats.disclosure`), the benchmark's pooled value, the funnel positions
(`funnel.funnel_positions`), the category shown on small numbers and the polarity's words
(`dashboard.significance`). A test holds every measure's verdicts to the page's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.compare.funnel import FUNNEL_STATISTIC, funnel_positions
from dashboard.estimates import is_small, suppressed_column, withheld_column
from dashboard.selection import Catalogue
from dashboard.significance import category, judgement
from dashboard.stats.disclosure import withheld_values

VERDICT_COLUMNS = ["measure", "site", "significance", "category", "comparison", "status"]
_COUNTS = ["numerator", "denominator", "withheld", "suppressed"]


def england_sites(catalogue: Catalogue) -> list[str]:
    """England's benchmark: its own published figures where stored, else every organisation."""
    if catalogue.national:
        return [catalogue.national]
    orgs = catalogue.organisations
    return orgs["code"].tolist() if not orgs.empty else []


def _by_group(rows: pd.DataFrame, measures: pd.DataFrame, group: str) -> pd.DataFrame:
    """Each measure's rows of `group` (BME or White British), or of all people where the
    measure is not kept by ethnicity (`groups.effective_group`)."""
    by_ethnicity = rows["measure"].map(measures["by_ethnicity"].astype(bool))
    return rows[~by_ethnicity.fillna(False).astype(bool) | (rows["group"] == group)]


def _pooled(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    rows = rows.assign(withheld=withheld_column(rows), suppressed=suppressed_column(rows))
    return rows.groupby(keys, as_index=False, sort=False)[_COUNTS].sum()


def funnel_verdicts(
    measures: pd.DataFrame,
    rows: pd.DataFrame,
    compared: list[str],
    benchmark: list[str],
    group: str,
    threshold: int,
) -> pd.DataFrame:
    """VERDICT_COLUMNS for each compared site with something to say on each measure of
    `measures` (indexed by code) with a funnel; `rows`: their site totals over the window, for
    the compared and the benchmark sites. A withheld site is 'not_compared', its status given;
    every site of a measure whose benchmark is withheld or empty is 'not_compared' too."""
    measures = measures[measures["kind"].isin(list(FUNNEL_STATISTIC))]
    rows = rows[rows["measure"].isin(measures.index)]
    if rows.empty:
        return pd.DataFrame(columns=VERDICT_COLUMNS)
    rows = _by_group(rows, measures, group)
    sites = _pooled(rows[rows["site"].isin(compared)], ["measure", "site"])
    sites = sites[(sites["denominator"] > 0) | (sites["withheld"] > 0)]  # estimates.shown_rows
    bench = _pooled(rows[rows["site"].isin(benchmark)], ["measure"]).set_index("measure")
    hidden = withheld_values(sites["numerator"], sites["withheld"])
    at_source = hidden & (sites["suppressed"] >= sites["withheld"]) & (sites["withheld"] > 0)
    status = np.where(at_source, "suppressed", np.where(hidden, "withheld", None))
    kinds = sites["measure"].map(measures["kind"])
    small = np.zeros(len(sites), dtype=bool)
    for kind in kinds.unique():
        mine = (kinds == kind).to_numpy()
        small[mine] = is_small(
            sites.loc[mine, "numerator"], sites.loc[mine, "denominator"], kind, threshold
        ).to_numpy(dtype=bool)
    tags = np.full(len(sites), "not_compared", dtype=object)
    shown = ~hidden
    for code, at in sites.groupby("measure", sort=False).indices.items():
        at = at[shown[at]]
        num, den = (bench.at[code, c] if code in bench.index else 0.0 for c in _COUNTS[:2])
        withheld = bench.at[code, "withheld"] if code in bench.index else 0.0
        if den <= 0 or withheld_values(num, withheld) or at.size == 0:
            continue  # no benchmark (or none that may be shown): nothing is compared
        statistic = FUNNEL_STATISTIC[measures.at[code, "kind"]]
        x, n = sites["numerator"].to_numpy()[at], sites["denominator"].to_numpy()[at]
        tags[at] = funnel_positions(x, n, num / den, statistic)
    shown_as = [category(t, bool(s)) for t, s in zip(tags, small & shown, strict=True)]
    polarity = sites["measure"].map(measures["polarity"])
    return pd.DataFrame(
        {
            "measure": sites["measure"].to_numpy(),
            "site": sites["site"].to_numpy(),
            "significance": tags,
            "category": shown_as,
            "comparison": [judgement(c, p) for c, p in zip(shown_as, polarity, strict=True)],
            "status": status,
        },
        columns=VERDICT_COLUMNS,
    )
