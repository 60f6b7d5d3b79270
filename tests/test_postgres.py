"""The migration, the demonstration data and the overview queries on the real PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from data_access import queries, totals
from data_access.db import Database
from data_access.migrate import is_at_head, upgrade
from data_access.models import Measure, Observation, Organisation, Period
from data_access.seed import seed_demo

pytestmark = pytest.mark.postgres


def test_migrate_seed_and_query_on_postgres(postgres_url, demo_db):
    db = Database(postgres_url)
    try:
        upgrade(db.engine)
        assert is_at_head(db.engine)
        counts = seed_demo(db.engine)
        assert counts["observation"] > 100_000
        with db.session() as pg, demo_db.session() as lite:
            periods = queries.periods(pg)["code"].tolist()
            args = (["SLAM", "DORPCT", "HMPMH"], ["M04A", "M02A", "M09A"], periods)
            on_pg = totals.group_totals(pg, *args).sort_values(["measure", "period", "group"])
            on_lite = totals.group_totals(lite, *args).sort_values(["measure", "period", "group"])
            assert on_pg.reset_index(drop=True).equals(on_lite.reset_index(drop=True))
            assert len(queries.measures(pg)) == len(queries.measures(lite))

            measure = pg.execute(
                select(Measure.id, Measure.kind).where(Measure.code == "M02A")
            ).one()
            row = {
                "measure_id": measure.id,
                "measure_kind": measure.kind,
                "organisation_id": pg.scalar(
                    select(Organisation.id).where(Organisation.code == "SLAM")
                ),
                "period_id": pg.scalar(select(Period.id).where(Period.code == "2005Q2")),
                "ethnic_code": "A",
                "numerator": 11,
                "denominator": 10,
                "revision": 9,
                "submitted_by": "test",
            }
            with pytest.raises(IntegrityError), pg.begin_nested():
                pg.execute(insert(Observation), [row])
    finally:
        db.dispose()


def test_a_bulk_refresh_leaves_postgres_with_statistics_to_plan_by(postgres_url):
    """With autovacuum off (or not yet round), a new national database had none: a region's
    aggregates were read with nested loops at twice the time of hash joins."""
    from sqlalchemy import text

    from data_access import summary

    db = Database(postgres_url)
    try:
        upgrade(db.engine)
        with db.engine.begin() as conn:
            summary.refresh(conn)  # as a seed or an import ends
        with db.engine.connect() as conn:
            analysed = conn.execute(
                text("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")
            ).scalars()
            # the summaries, and the tables their reads join them to (a join's estimate
            # needs the statistics of both sides)
            summaries = {"observation", "site_group_total", "area_group_total"}
            assert summaries | {"region", "organisation", "measure", "period"} <= set(analysed)
    finally:
        db.dispose()
