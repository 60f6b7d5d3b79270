"""Why a selection matches no site, in words that name what clashes: "South London and
Maudsley NHS Foundation Trust is urban: no site matches Rural." rather than a general
"widen your choice" that blames the wrong control."""

from __future__ import annotations

from dashboard.selection import Catalogue, Selection

GENERAL = "No site matches this selection: widen the region, trust or rural/urban choice."


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def why_no_site(selection: Selection, catalogue: Catalogue) -> str:
    """The reason `selection` covers no site (`Selection.site_codes` is empty)."""
    orgs = catalogue.organisations
    if orgs.empty:
        return (
            "No organisations are loaded yet: an administrator loads them on /data/organisations."
        )
    regions = dict(zip(catalogue.regions["code"], catalogue.regions["name"], strict=True))
    chosen = orgs[orgs["code"].isin(selection.trusts)]
    if not chosen.empty:
        names = chosen["name"].tolist()
        if selection.regions and not chosen["region"].isin(selection.regions).any():
            places = _and([regions.get(r, r) for r in selection.regions])
            return (
                f"{_and(names)} {'is' if len(names) == 1 else 'are'} not in {places}: "
                "no site matches. Remove the region or the organisation."
            )
        if selection.rurality in ("urban", "rural"):
            classes = {
                r if isinstance(r, str) else "without a rural/urban class"
                for r in chosen["rurality"]
            }
            return (
                f"{_and(names)} {'is' if len(names) == 1 else 'are'} {_and(sorted(classes))}: "
                f"no site matches {selection.rurality.capitalize()}. Choose All sites or "
                "another organisation."
            )
    if selection.regions and selection.rurality in ("urban", "rural"):
        places = _and([regions.get(r, r) for r in selection.regions])
        return (
            f"{places} {'has' if len(selection.regions) == 1 else 'have'} no "
            f"{selection.rurality} site: choose All sites or another region."
        )
    return GENERAL
