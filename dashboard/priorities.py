"""Where BME inpatients (or detentions) are concentrated: organisations ranked by their BME
count, the cumulative share, and the smallest set holding a chosen share.

The national review noted that 70% of BME inpatients were in 23 of 212 organisations (Count
Me In census); this recomputes that concentration from the data held, so that a programme
can focus its effort where most BME service users are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from dashboard.estimates import withheld_column
from dashboard.loaders import load_site_totals
from dashboard.selection import Catalogue, Selection, window_ending
from dashboard.stats.disclosure import withheld_values
from dashboard.vocabulary import left_out, sentence_case

#: basis → (measure code, words for what is counted, how many quarters are added up)
BASES = {
    "inpatients": ("M03B", "BME inpatients", 1),
    "detentions": ("M04A", "BME detentions under the Mental Health Act", 4),
}
DEFAULT_SHARE = 70


def parse_share(value: str | None) -> int:
    """A share in percent from the URL: a whole number from 10 to 100, else the default."""
    try:
        share = int(value or DEFAULT_SHARE)
    except ValueError:
        return DEFAULT_SHARE
    return share if 10 <= share <= 100 else DEFAULT_SHARE


@dataclass(frozen=True)
class Concentration:
    """Organisations ranked by count, largest first, with the smallest set holding `share`."""

    ranked: pd.DataFrame  # site, name, count, share, cumulative, in_set
    share: int
    in_set: int
    total: float
    #: Organisations left out: their count is withheld by disclosure control (ranked with
    #: nothing, said in words).
    withheld: int = 0

    @property
    def organisations(self) -> int:
        return len(self.ranked)

    @property
    def set_codes(self) -> list[str]:
        return self.ranked.loc[self.ranked["in_set"], "site"].tolist()

    @property
    def held(self) -> float:
        """The share the set actually holds (at least the chosen share)."""
        if not self.in_set:
            return 0.0
        return float(self.ranked["cumulative"].iloc[self.in_set - 1])


def concentration(counts: pd.DataFrame, share: int) -> Concentration:
    """Rank `counts` (columns site, name, count) and find the fewest organisations whose counts
    add up to at least `share` percent of the total. Ties are broken by name, so the result
    does not depend on the order of the rows."""
    ranked = counts.sort_values(["count", "name"], ascending=[False, True]).reset_index(drop=True)
    total = float(ranked["count"].sum())
    if total <= 0:
        ranked = ranked.assign(share=0.0, cumulative=0.0, in_set=False)
        return Concentration(ranked, share, 0, total)
    ranked["share"] = ranked["count"] / total * 100
    ranked["cumulative"] = ranked["count"].cumsum() / total * 100
    # The first position where the cumulative share reaches the target (a small tolerance
    # keeps 100% reachable despite rounding).
    in_set = int(np.argmax(ranked["cumulative"].to_numpy() >= share - 1e-9)) + 1
    ranked["in_set"] = ranked.index < in_set
    return Concentration(ranked, share, in_set, total)


def priorities_data(
    selection: Selection, catalogue: Catalogue, basis: str, share: int
) -> tuple[Concentration | None, str]:
    """The concentration for the selection's organisations at the latest period of its range
    (detentions add up the year to it), and the period in words. None when nothing is held."""
    code, _, quarters = BASES[basis]
    periods = selection.period_range(catalogue)
    sites = selection.site_codes(catalogue)
    if not periods or not sites:
        return None, ""
    window = window_ending(catalogue.period_codes, periods[-1], quarters)
    labels = dict(zip(catalogue.periods["code"], catalogue.periods["label"], strict=True))
    period_text = (
        labels[window[-1]] if len(window) == 1 else f"{labels[window[0]]} to {labels[window[-1]]}"
    )
    rows = load_site_totals(tuple(sites), (code,), tuple(window))
    rows = rows[rows["group"] == "bme"] if not rows.empty else rows
    if rows.empty:
        return None, period_text
    rows = rows.assign(withheld=withheld_column(rows))
    counts = rows.groupby("site", as_index=False)[["numerator", "withheld"]].sum()
    hidden = withheld_values(counts["numerator"], counts["withheld"])
    counts = counts[~hidden].drop(columns="withheld").rename(columns={"numerator": "count"})
    names = catalogue.organisations.set_index("code")["name"]
    counts["name"] = counts["site"].map(names).fillna(counts["site"])
    return replace(concentration(counts, share), withheld=int(hidden.sum())), period_text


def in_words(result: Concentration, what: str) -> str:
    """'70% of BME inpatients are in 23 of 212 organisations.', and how many organisations
    were left out because their count is withheld."""
    withheld = (
        f" {sentence_case(left_out(result.withheld, 'organisation'))}." if result.withheld else ""
    )
    if result.total <= 0:
        return f"No {what} were recorded by these organisations.{withheld}"
    return (
        f"{result.share}% of {what} are in {result.in_set} of the {result.organisations} "
        f"organisations that returned this count (together {result.held:.0f}%).{withheld}"
    )
