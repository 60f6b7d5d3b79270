"""Sites with no rural/urban class, and sites that move: a site without a class counts in its
region and in England (the area totals keep it in a cell of its own, `unclassified`) and under
neither Urban nor Rural, and the filters say so; a site loaded into another region or class
takes its figures with it."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from dashboard.reference import load_reference
from data_access import queries, totals
from data_access.models import AreaGroupTotal, Region
from data_access.summary import UNCLASSIFIED
from layouts.overview.ids import FILTER_RURALITY
from tests.components import find, text
from tests.conftest import signed_in_request
from tests.reference_helpers import csv_bytes, org

#: Dorset PCT (rural, South West) without its class, and SLaM moved from London to the South East.
MOVES = [
    org("DORPCT", "Dorset PCT", "Primary care trust", "SW", ""),
    org("SLAM", "South London and Maudsley NHS Foundation Trust", "mental_health_trust", "SE"),
]


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ["measure", "period", "group"]
    return frame.sort_values(keys).reset_index(drop=True)[[*keys, "numerator", "denominator"]]


def _sites(orgs: pd.DataFrame, region: str, rurality: str | None = "any") -> list[str]:
    chosen = orgs[orgs["region"] == region]
    if rurality != "any":
        chosen = chosen[[r == rurality for r in chosen["rurality"]]]
    return sorted(chosen["code"])


def test_area_totals_keep_a_site_without_a_class_in_its_region_only(writable_db):
    result = load_reference(writable_db, csv_bytes(MOVES), "moves.csv", "test")
    assert result.counts()["updated"] == 2
    with writable_db.session() as s:
        orgs = queries.organisations(s)
        measures = queries.adopted_measure_codes(s, ["DORPCT", "SLAM"])
        periods = queries.periods(s)["code"].tolist()[-4:]
        args = (measures, periods)
        cells = s.execute(
            select(Region.code, AreaGroupTotal.rurality)
            .distinct()
            .join(Region, Region.id == AreaGroupTotal.region_id)
            .where(Region.code == "SW")
        ).all()
        assert ("SW", UNCLASSIFIED) in cells
        whole = totals.area_totals(
            s, [("SW", "urban"), ("SW", "rural"), ("SW", UNCLASSIFIED)], *args
        )
        assert _sorted(whole).equals(_sorted(totals.group_totals(s, _sites(orgs, "SW"), *args)))
        rural = totals.area_totals(s, [("SW", "rural")], *args)
        rural_sites = _sites(orgs, "SW", "rural")
        assert "DORPCT" not in rural_sites
        assert _sorted(rural).equals(_sorted(totals.group_totals(s, rural_sites, *args)))
        # SLaM's figures left London's cells with it, and are in the South East's.
        for region in ("LDN", "SE"):
            area = totals.area_totals(s, [(region, "urban"), (region, "rural")], *args)
            by_site = totals.group_totals(s, _sites(orgs, region), *args)
            assert _sorted(area).equals(_sorted(by_site)), region
        assert "SLAM" in _sites(orgs, "SE")


def test_the_filters_put_a_site_without_a_class_under_all_sites_only(writable_app, writable_db):
    load_reference(writable_db, csv_bytes(MOVES[:1]), "moves.csv", "test")
    from dashboard.loaders import load_catalogue, load_group_totals, whole_areas
    from dashboard.selection import Selection
    from layouts.overview.layout import filters, trust_options

    with signed_in_request(writable_app):
        catalogue = load_catalogue()
        assert "DORPCT" in set(catalogue.organisations_in(("SW",), "all")["code"])
        for rurality in ("urban", "rural"):
            assert "DORPCT" not in set(catalogue.organisations_in(("SW",), rurality)["code"])
        sw = sorted(catalogue.organisations_in(("SW",), "all")["code"])
        assert (("SW", UNCLASSIFIED) in whole_areas(sw)) and len(whole_areas(sw)) == 3
        measures = list(catalogue.measures["code"][:5])
        periods = catalogue.period_codes[-2:]
        from_areas = load_group_totals(sw, measures, periods)
        with writable_db.session() as s:
            from_sites = totals.group_totals(s, sw, measures, periods)
        assert _sorted(from_areas).equals(_sorted(from_sites))

        card = filters(Selection(regions=("SW",)), catalogue, [])
        note = text(find(card, FILTER_RURALITY)) + text(card)
        assert "1 site has no rural/urban class" in note
        assert "Sites with no rural/urban class count under All sites only." in note
        labels = {o["value"]: o["label"] for o in trust_options(catalogue.organisations)}
        assert labels["DORPCT"] == "Dorset PCT (PCT)"
        assert labels["SLAM"] == "South London and Maudsley NHS Foundation Trust (trust, urban)"


def test_a_closed_organisation_keeps_its_figures_and_says_when_it_closed(writable_app, writable_db):
    # closed before the first period of the data (2005): nothing hides it or its figures
    closing = [org("DORPCT", "Dorset PCT", "PCT", "SW", "rural", "", "2002-04-01", "2004-12-31")]
    load_reference(writable_db, csv_bytes(closing), "closed.csv", "test")
    from dashboard.loaders import load_catalogue, load_group_totals
    from layouts.overview.layout import trust_options

    with signed_in_request(writable_app):
        catalogue = load_catalogue()
        labels = {o["value"]: o["label"] for o in trust_options(catalogue.organisations)}
        assert labels["DORPCT"] == "Dorset PCT (PCT, rural, closed 2004)"
        assert "DORPCT" in set(catalogue.organisations_in(("SW",), "rural")["code"])
        measures = list(catalogue.measures["code"])
        figures = load_group_totals(["DORPCT"], measures, catalogue.period_codes)
        assert not figures.empty and figures["denominator"].sum() > 0


def test_the_api_names_an_organisations_parent_else_its_region(writable_db):
    from dashboard.api.areas import all_areas
    from dashboard.selection import Catalogue

    rows = [
        org("QKK", "NHS South East London ICB", "ICB", "LDN", ""),
        org("SLAM", "South London and Maudsley NHS Foundation Trust", "MHT", "LDN", "", "QKK"),
    ]
    assert load_reference(writable_db, csv_bytes(rows), "london.csv", "test").stored
    with writable_db.session() as s:
        catalogue = Catalogue(queries.regions(s), queries.organisations(s), *(pd.DataFrame(),) * 3)
    areas = {a.code: a.row() for a in all_areas(catalogue)}
    assert areas["SLAM"]["parent"] == "QKK" and areas["SLAM"]["rurality"] is None
    assert areas["QKK"]["parent"] == "LDN"
    assert areas["QKK"]["organisation_kind"] == "integrated_care_board"
    assert areas["ELFT"]["parent"] == "LDN" and areas["ELFT"]["rurality"] == "urban"
