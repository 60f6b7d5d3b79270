"""The areas the read API reports on: England, each region, each organisation, each the set of
sites whose figures add up to it, as the pages add them up (`dashboard.selection`)."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.selection import Catalogue

#: The Office for National Statistics' code for England, the national benchmark's area.
ENGLAND = "E92000001"
AREA_TYPES = ("england", "region", "organisation")


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    type: str  # england, region or organisation
    sites: tuple[str, ...]
    region: str | None = None
    rurality: str | None = None
    kind: str | None = None  # an organisation's kind
    parent: str | None = None  # the area it sits in

    def row(self) -> dict[str, object]:
        """The area as `/api/v1/areas` lists it."""
        return {
            "code": self.code,
            "name": self.name,
            "type": self.type,
            "organisation_kind": self.kind,
            "region": self.region,
            "rurality": self.rurality,
            "parent": self.parent,
        }


def all_areas(catalogue: Catalogue) -> list[Area]:
    """England, then the regions, then the organisations, each in code order."""
    orgs = catalogue.organisations
    if orgs.empty:
        return [Area(ENGLAND, "England", "england", ())]
    everyone = tuple(sorted(orgs["code"]))
    areas = [Area(ENGLAND, "England", "england", everyone)]
    for region in catalogue.regions.sort_values("code").itertuples():
        sites = tuple(sorted(orgs.loc[orgs["region"] == region.code, "code"]))
        areas.append(Area(region.code, region.name, "region", sites, parent=ENGLAND))
    for org in orgs.sort_values("code").itertuples():
        # The area an organisation sits in: its parent organisation (a sub-ICB location's
        # ICB) where it has one, else its region.
        parent = getattr(org, "parent", None)
        areas.append(
            Area(
                org.code,
                org.name,
                "organisation",
                (org.code,),
                region=org.region,
                rurality=org.rurality if isinstance(org.rurality, str) else None,
                kind=org.kind,
                parent=parent if isinstance(parent, str) else org.region,
            )
        )
    return areas


def choose_areas(
    areas: list[Area], codes: tuple[str, ...], area_type: str | None, region: str | None
) -> list[Area]:
    """The areas a request names: its codes, else every area of its type (all types when
    none), within its region when it names one."""
    chosen = [a for a in areas if a.code in codes] if codes else areas
    if area_type:
        chosen = [a for a in chosen if a.type == area_type]
    if region:
        chosen = [a for a in chosen if a.code == region or a.region == region]
    return chosen
