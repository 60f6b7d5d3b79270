"""The overview's aggregates as the app reads them against one hand-written SQL query."""

from __future__ import annotations

import time

from benchmarks.common import REGIONS, _percentiles

FLOOR_SQL = """
SELECT m.code, p.code, t.dre_group, SUM(t.numerator), SUM(t.denominator), SUM(t.sites)
FROM area_group_total t
JOIN measure m ON m.id = t.measure_id
JOIN period p ON p.id = t.period_id
JOIN region r ON r.id = t.region_id
WHERE r.code = :region
GROUP BY m.code, p.code, t.dre_group
"""


def _floor_ratio(measures: list[str], runs: int) -> dict:
    """The overview's aggregates for one region, all measures and periods: as the app reads
    them (totals.area_totals: SQLAlchemy Core, a DataFrame; then totals.combined picks the
    measures and periods, as dashboard/loaders.py does) and as one hand-written SQL
    query fetched raw (the floor). Medians over the regions, each read once uncached."""
    from sqlalchemy import text

    from data_access import queries, totals
    from data_access.db import Database, database_url

    db = Database(database_url())
    app_times, floor_times = [], []
    try:
        with db.session() as s:
            orgs = queries.organisations(s)
            periods = queries.periods(s)["code"].tolist()
        for region in (REGIONS * runs)[: max(runs, len(REGIONS))]:
            mine = orgs[orgs["region"] == region]
            cells = sorted(set(zip(mine["region"], mine["rurality"], strict=True)))
            with db.session() as s:
                start = time.perf_counter()
                s.execute(text(FLOOR_SQL), {"region": region}).all()
                floor_times.append(time.perf_counter() - start)
            with db.session() as s:
                start = time.perf_counter()
                # as dashboard/loaders.py reads a region: every measure and period (cached),
                # then the chosen ones
                totals.combined([totals.area_totals(s, cells)], measures, periods)
                app_times.append(time.perf_counter() - start)
    finally:
        db.dispose()
    ratios = [a / f for a, f in zip(app_times, floor_times, strict=True)]
    return {
        "overview_aggregates_app_s": _percentiles(app_times),
        "overview_aggregates_floor_s": _percentiles(floor_times),
        "app_to_floor_ratio": _percentiles(ratios),
    }
