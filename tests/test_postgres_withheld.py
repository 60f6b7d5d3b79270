"""The withheld counts of a viewer's totals, summed by PostgreSQL as by SQLite."""

from __future__ import annotations

import pytest

from data_access import totals
from data_access.db import Database

pytestmark = pytest.mark.postgres

PRISONS = ("HMPLDS", "HMPMAN", "HMPBHM", "HMPMH", "HMPWAY", "HMPBRX", "HMPVRN")
RURAL = [("EM", "rural"), ("EE", "rural"), ("SW", "rural")]


def test_withheld_cells_and_counts_are_the_same_on_postgres(seeded_postgres_url, demo_db):
    db = Database(seeded_postgres_url)
    key = ["measure", "period", "group"]
    args = (("M09B", "M04A"), ("2009Q4", "2010Q1"))
    try:
        with db.session() as pg, demo_db.session() as lite:
            for own in ((), ("HMPMH",)):
                on_pg = totals.group_totals(pg, PRISONS, *args, unrounded=own).sort_values(key)
                on_lite = totals.group_totals(lite, PRISONS, *args, unrounded=own)
                on_lite = on_lite.sort_values(key)
                assert on_pg.reset_index(drop=True).equals(on_lite.reset_index(drop=True))
                assert on_pg["withheld"].sum() > 0
            areas_pg = totals.area_totals(pg, RURAL, *args, unrounded=()).sort_values(key)
            areas_lite = totals.area_totals(lite, RURAL, *args, unrounded=()).sort_values(key)
            assert areas_pg.reset_index(drop=True).equals(areas_lite.reset_index(drop=True))
            white = areas_pg[(areas_pg["group"] == "white_british") & (areas_pg["sites"] == 0)]
            assert len(white) and (white["withheld"] > 0).all() and (white["numerator"] == 0).all()
    finally:
        db.dispose()
