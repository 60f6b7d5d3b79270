"""Write the reference data and the demonstration data into an empty database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
from sqlalchemy import Connection, Engine, func, insert, select

from data_access.demo.actions import demo_actions
from data_access.demo.generate import DEFAULT_SEED, generate
from data_access.demo.measures import MEASURES
from data_access.demo.organisations import ORGANISATIONS
from data_access.demo.reference import CHARACTERISTICS, ETHNIC_CATEGORIES, REGIONS
from data_access.models import (
    ActionItem,
    Characteristic,
    EthnicCategory,
    Measure,
    Observation,
    Organisation,
    Period,
    Region,
    SiteMeasure,
)

DEMO_SUBMITTER = "demonstration data"
BATCH = 20_000


class DatabaseNotEmpty(RuntimeError):
    """The seed only fills an empty database: it never mixes demonstration and real data."""


def is_empty(connection: Connection) -> bool:
    return connection.scalar(select(func.count()).select_from(Organisation)) == 0


def seed_demo(
    engine: Engine, seed: int = DEFAULT_SEED, progress: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Fill an empty, migrated database with the demonstration data, in one transaction.

    Returns the number of rows written per table. Raises DatabaseNotEmpty if there is data.
    """
    say = progress or (lambda _msg: None)
    say("Generating demonstration data")
    data = generate(seed)
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        if not is_empty(conn):
            raise DatabaseNotEmpty("the database already holds organisations")
        say("Writing reference data")
        conn.execute(insert(Region), [{"code": c, "name": n} for c, n in REGIONS])
        region_id = dict(conn.execute(select(Region.code, Region.id)).all())
        conn.execute(
            insert(Characteristic),
            [{"id": i, "short_name": s, "title": t} for i, s, t in CHARACTERISTICS],
        )
        conn.execute(
            insert(EthnicCategory),
            [
                {"code": c, "name": n, "broad_group": b, "dre_group": g, "sort_order": i}
                for i, (c, n, b, g) in enumerate(ETHNIC_CATEGORIES)
            ],
        )
        conn.execute(
            insert(Organisation),
            [
                {
                    "code": o.code,
                    "name": o.name,
                    "kind": o.kind,
                    "region_id": region_id[o.region],
                    "rurality": o.rurality,
                    "population": o.population,
                }
                for o in ORGANISATIONS
            ],
        )
        conn.execute(
            insert(Measure),
            [
                {
                    "code": m.code,
                    "name": m.name,
                    "characteristic_id": m.characteristic,
                    "kind": m.kind,
                    "unit": m.unit,
                    "multiplier": m.multiplier,
                    "polarity": m.polarity,
                    "numerator_definition": m.numerator_definition,
                    "denominator_definition": m.denominator_definition,
                    "source": m.source,
                    "status": m.status,
                    "by_ethnicity": m.by_ethnicity,
                }
                for m in MEASURES
            ],
        )
        conn.execute(
            insert(Period),
            [
                {**row, "granularity": "quarter"}
                for row in data.periods[["code", "label", "start_date", "end_date"]].to_dict(
                    "records"
                )
            ],
        )
        org_id = dict(conn.execute(select(Organisation.code, Organisation.id)).all())
        measure_id = dict(conn.execute(select(Measure.code, Measure.id)).all())
        period_id = dict(conn.execute(select(Period.code, Period.id)).all())

        adoptions = data.adoptions
        conn.execute(
            insert(SiteMeasure),
            [
                {
                    "organisation_id": org_id[a.organisation],
                    "measure_id": measure_id[a.measure],
                    "target": None if pd.isna(a.target) else float(a.target),
                    "adopted_on": dt.date(2005, 4, 1),
                }
                for a in adoptions.itertuples()
            ],
        )
        counts["site_measure"] = len(adoptions)

        obs = data.observations
        frame = pd.DataFrame(
            {
                "measure_id": obs["measure"].map(measure_id),
                "measure_kind": obs["measure_kind"],
                "organisation_id": obs["organisation"].map(org_id),
                "period_id": obs["period"].map(period_id),
                "ethnic_code": obs["ethnic_code"],
                "numerator": obs["numerator"],
                "denominator": obs["denominator"],
            }
        )
        submitted_at = dt.datetime(2010, 5, 1, tzinfo=dt.UTC)
        records = frame.astype(object).to_dict("records")
        for start in range(0, len(records), BATCH):
            chunk = records[start : start + BATCH]
            for row in chunk:
                row.update(
                    revision=1,
                    is_current=True,
                    submitted_by=DEMO_SUBMITTER,
                    submitted_at=submitted_at,
                )
            conn.execute(insert(Observation), chunk)
            say(f"Observations: {min(start + BATCH, len(records)):,} of {len(records):,}")
        counts["action_item"] = _insert_actions(conn, demo_actions(data.periods, seed), org_id)
        counts.update(
            region=len(REGIONS),
            organisation=len(ORGANISATIONS),
            characteristic=len(CHARACTERISTICS),
            measure=len(MEASURES),
            period=len(data.periods),
            observation=len(records),
        )
    return counts


def _insert_actions(conn: Connection, actions: pd.DataFrame, org_id: dict[str, int]) -> int:
    """The sites' action plans, as last updated on their progress date (or when the data were
    loaded, for those with no progress yet)."""
    loaded = dt.datetime(2010, 5, 1, tzinfo=dt.UTC)
    rows = [
        {
            "organisation_id": org_id[a.organisation],
            "characteristic_id": int(a.characteristic_id),
            "action": a.action,
            "owner": a.owner,
            "due_date": a.due_date,
            "status": a.status,
            "progress_note": a.progress_note,
            "progress_date": a.progress_date,
            "updated_by": DEMO_SUBMITTER,
            "updated_at": loaded
            if a.progress_date is None
            else dt.datetime.combine(a.progress_date, dt.time(12), tzinfo=dt.UTC),
        }
        for a in actions.itertuples()
    ]
    if rows:
        conn.execute(insert(ActionItem), rows)
    return len(rows)
