"""The selection in the URL: parsed, validated at the edge, resolved to sites and periods."""

from __future__ import annotations

import pytest

from dashboard.selection import Selection


@pytest.fixture
def catalogue(app):
    from dashboard.loaders import load_catalogue

    with app.server.app_context():
        return load_catalogue()


def test_round_trip():
    sel = Selection(
        regions=("LDN", "SW"),
        trusts=("SLAM",),
        rurality="urban",
        period_from="2006Q1",
        period_to="2009Q4",
        measures=("M04A", "M03A"),
        pooling="year",
    )
    assert Selection.from_query(sel.to_query()) == sel
    assert Selection().to_query() == ""
    assert Selection.from_query("?measures=") == Selection(measures=None)


def test_hostile_values_never_survive(catalogue):
    sel = Selection.from_query(
        "?region=LDN,XX,<script>&trust=SLAM,'; DROP TABLE observation;--&rurality=space"
        "&from=1999Q1&to=2010Q1&measures=M04A,NOPE"
    ).validated(catalogue)
    assert sel.regions == ("LDN",)
    assert sel.trusts == ("SLAM",)
    assert sel.rurality == "all"
    assert sel.period_from is None and sel.period_to == "2010Q1"
    assert sel.measures == ("M04A",)


def test_sites_follow_region_rurality_and_trusts(catalogue):
    london = Selection(regions=("LDN",)).site_codes(catalogue)
    assert "SLAM" in london and "DORPCT" not in london
    rural_sw = Selection(regions=("SW",), rurality="rural").site_codes(catalogue)
    assert "DORPCT" in rural_sw and "AWP" not in rural_sw
    assert Selection(regions=("LDN",), trusts=("SLAM", "DORPCT")).site_codes(catalogue) == ["SLAM"]


def test_period_range_is_ordered_and_inclusive(catalogue):
    sel = Selection(period_from="2009Q4", period_to="2009Q1").validated(catalogue)
    assert sel.period_range(catalogue) == ["2009Q1", "2009Q2", "2009Q3", "2009Q4"]
    assert len(Selection().period_range(catalogue)) == 20
