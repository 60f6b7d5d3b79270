"""Where a site's value rests on small numbers, the page offers its region's pooled figure: the
sites of one region that are small, the region's name, and the link that pools them with it.
Pooling periods cannot help a figure that is published once a year."""

from __future__ import annotations

from dataclasses import dataclass, replace

from dashboard.selection import Catalogue, Selection, with_param


@dataclass(frozen=True)
class PoolOffer:
    names: list[str]  # the small sites' names
    region: str  # their region's name
    href: str  # the characteristic page of the measure for the whole region


def region_offers(
    selection: Selection, catalogue: Catalogue, small_sites: list[str], measure: dict
) -> list[PoolOffer]:
    """One offer per region of the `small_sites` (site codes), in region order."""
    orgs = catalogue.organisations
    if orgs.empty or not small_sites:
        return []
    by_code = orgs.set_index("code")
    names = dict(zip(catalogue.regions["code"], catalogue.regions["name"], strict=True))
    offers = []
    for region in catalogue.regions["code"]:
        here = [c for c in small_sites if c in by_code.index and by_code.at[c, "region"] == region]
        if not here:
            continue
        pooled = replace(selection, regions=(region,), trusts=(), rurality="all")
        query = with_param(pooled.to_query(), "measure", str(measure["code"]))
        href = f"/characteristic/{int(measure['characteristic'])}{query}"
        offers.append(PoolOffer([str(by_code.at[c, "name"]) for c in here], names[region], href))
    return offers
