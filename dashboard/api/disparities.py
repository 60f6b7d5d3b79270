"""The read API's disparities: each group against the measure's comparator, per area and period.

BME against White British is the ratio every page states (`dashboard.summaries.RATIOS`, in the
words of `dashboard.vocabulary.ratio_verdict`); each NHS ethnic category against White British
(category A) is the characteristic page's bars by category (`dashboard.characteristic.
category_estimates`). Both by the same functions, on the same controlled counts as `values`:
nothing is derived from a withheld value (its ratio is null and the verdict says why), and no
significance is claimed on small numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.estimates import Estimate
from dashboard.summaries import RATIOS
from dashboard.vocabulary import SUPPRESSED_AT_SOURCE, WITHHELD, ratio_verdict

COLUMNS = [
    *("area_code", "area_name", "area_type", "period", "group", "group_name", "comparator"),
    *("ratio_kind", "ratio", "lower_95", "upper_95", "small_numbers", "verdict", "status"),
]


def pairs(categories: pd.DataFrame) -> list[tuple[str, str]]:
    """(group, comparator) pairs: BME against White British, then each stated category against
    the White British category (A), as the characteristic page sets them."""
    comparators = categories.loc[categories["dre_group"] == "white_british", "code"].tolist()
    out = [("bme", "white_british")]
    if len(comparators) == 1:
        stated = categories[categories["dre_group"].isin(["bme", "white_british"])]
        out += [(code, comparators[0]) for code in stated["code"] if code != comparators[0]]
    return out


def disparity_rows(
    rows: pd.DataFrame, measure: pd.Series, categories: pd.DataFrame, names: dict[str, str]
) -> pd.DataFrame:
    """From estimated rows by area, period and group (`values.estimated`, area and group
    columns), one row per area, period and pair whose two groups both have a row."""
    kind = str(measure["kind"])
    if kind not in RATIOS or rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    fn, ratio_kind = RATIOS[kind]
    wanted = pd.DataFrame(pairs(categories), columns=["group", "comparator"])
    keep = ["area", "period", "group", "numerator", "denominator", "small", "status"]
    mine = rows[keep].merge(wanted, on="group")
    theirs = rows[keep].rename(
        columns={c: f"c_{c}" for c in ("numerator", "denominator", "small", "status")}
    )
    both = mine.merge(
        theirs.rename(columns={"group": "comparator"}), on=["area", "period", "comparator"]
    )
    if both.empty:
        return pd.DataFrame(columns=COLUMNS)
    withheld = both["status"].notna() | both["c_status"].notna()
    value, lower, upper = (
        np.asarray(v, dtype=float)
        for v in fn(
            both["numerator"], both["denominator"], both["c_numerator"], both["c_denominator"]
        )
    )
    small = both["small"].eq(True) | both["c_small"].eq(True)
    both = both.assign(ratio=value, lower_95=lower, upper_95=upper, small_numbers=small)
    both.loc[withheld, ["ratio", "lower_95", "upper_95"]] = np.nan
    both = both[withheld | np.isfinite(both["ratio"])]  # no ratio at all: no row
    polarity = str(measure["polarity"])
    both["verdict"] = [
        WITHHELD if w else ratio_verdict(Estimate(r, lo, up, 0, 0, bool(s)), polarity).words
        for w, r, lo, up, s in zip(
            withheld[both.index],
            both["ratio"],
            both["lower_95"],
            both["upper_95"],
            small[both.index],
            strict=True,
        )
    ]
    at_source = (both["status"].eq("suppressed") | both["c_status"].eq("suppressed")) & withheld
    both["status"] = np.where(
        at_source[both.index],
        "suppressed_at_source",
        np.where(withheld[both.index], "withheld", "ok"),
    )
    both.loc[at_source[both.index], "verdict"] = SUPPRESSED_AT_SOURCE
    both["small_numbers"] = both["small_numbers"] & ~withheld[both.index]
    both["ratio_kind"] = ratio_kind
    both["group_name"] = both["group"].map(names)
    return both
