"""Write the reference data and the demonstration data into an empty database.

Two scales: the demonstration data (54 sites, five years, about 200,000 observations) and the
national data (212 organisations, ten years, over three million), which shows whether the
dashboard stays quick with the whole country in it. Everything goes in one transaction, so a
failed seed leaves the database empty. The observations are the bulk of it and are written the
fastest way each database has: on PostgreSQL, COPY into the table with its foreign keys and
secondary indexes made after the load (row-by-row key checks made COPY five times slower); on
SQLite, one prepared INSERT run over large batches of plain tuples (no ORM or Core compilation
per row). SQLite's PRAGMAs do not help: `synchronous` and `journal_mode` cannot change inside
the transaction, which commits once anyway, and a larger page cache gained under 5%.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import repeat

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, func, insert, select

from data_access import summary
from data_access.demo.actions import demo_actions
from data_access.demo.generate import DEFAULT_SEED, generate
from data_access.demo.measures import MEASURES, DemoMeasure
from data_access.demo.national import generate_national
from data_access.demo.organisations import ORGANISATIONS, DemoOrganisation
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
BATCH = 50_000  # observations per executemany on SQLite, and between progress reports
COPY_CHUNK = 250_000  # observations per COPY on PostgreSQL: the bar follows the server
SCALES = ("demo", "national")
LOADED_AT = dt.datetime(2010, 5, 1, tzinfo=dt.UTC)
OBSERVATION_COLUMNS = (
    *("measure_id", "measure_kind", "organisation_id", "period_id", "ethnic_code"),
    *("numerator", "denominator", "revision", "is_current", "submitted_by", "submitted_at"),
)


class DatabaseNotEmpty(RuntimeError):
    """The seed only fills an empty database: it never mixes demonstration and real data."""


@dataclass(frozen=True)
class Dataset:
    """What one scale writes: the organisations and menu, and the frames that refer to them."""

    organisations: list[DemoOrganisation]
    measures: list[DemoMeasure]
    periods: pd.DataFrame
    adoptions: pd.DataFrame
    observations: pd.DataFrame
    actions: pd.DataFrame


def dataset(scale: str = "demo", seed: int = DEFAULT_SEED) -> Dataset:
    """The data of `scale` ("demo" or "national") for `seed`."""
    if scale == "demo":
        data = generate(seed)
        orgs, menu, actions = ORGANISATIONS, MEASURES, demo_actions(data.periods, seed)
    elif scale == "national":
        data = generate_national(seed)
        orgs, menu, actions = data.organisations, data.measures, data.actions
    else:
        raise ValueError(f"unknown scale {scale!r}: one of {', '.join(SCALES)}")
    return Dataset(orgs, menu, data.periods, data.adoptions, data.observations, actions)


def is_empty(connection: Connection) -> bool:
    return connection.scalar(select(func.count()).select_from(Organisation)) == 0


def seed_demo(
    engine: Engine,
    seed: int = DEFAULT_SEED,
    progress: Callable[[str], None] | None = None,
    scale: str = "demo",
    advance: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Fill an empty, migrated database with the data of `scale`, in one transaction.

    `progress` receives a message per step; `advance` (for a progress bar) receives the
    observations written so far and their total, from (0, total) to (total, total). Without
    `advance`, the observations' progress goes to `progress` as messages.
    Returns the number of rows written per table. Raises DatabaseNotEmpty if there is data.
    """
    say = progress or (lambda _msg: None)
    say("Generating demonstration data" + (" at national scale" if scale == "national" else ""))
    data = dataset(scale, seed)
    if advance is None:
        advance = lambda done, total: say(f"Observations: {done:,} of {total:,}")  # noqa: E731
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        if not is_empty(conn):
            raise DatabaseNotEmpty("the database already holds organisations")
        say("Writing reference data")
        ids = _write_reference(conn, data)
        adoptions = data.adoptions
        conn.execute(
            insert(SiteMeasure),
            [
                {
                    "organisation_id": ids["organisation"][a.organisation],
                    "measure_id": ids["measure"][a.measure],
                    "target": None if pd.isna(a.target) else float(a.target),
                    "adopted_on": dt.date(2005, 4, 1),
                }
                for a in adoptions.itertuples()
            ],
        )
        counts["site_measure"] = len(adoptions)
        say(f"Writing {len(data.observations):,} observations")
        _write_observations(conn, data.observations, ids, advance, say)
        say("Summing each site's totals for the pages")
        summary.refresh(conn)
        counts["action_item"] = _insert_actions(conn, data.actions, ids["organisation"])
        counts.update(
            region=len(REGIONS),
            organisation=len(data.organisations),
            characteristic=len(CHARACTERISTICS),
            measure=len(data.measures),
            period=len(data.periods),
            observation=len(data.observations),
        )
    return counts


def _write_reference(conn: Connection, data: Dataset) -> dict[str, dict[str, int]]:
    """Regions, characteristics, ethnic categories, organisations, measures and periods;
    returns the database ids of the organisations, measures and periods by code."""
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
            for o in data.organisations
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
            for m in data.measures
        ],
    )
    periods = data.periods[["code", "label", "start_date", "end_date"]].to_dict("records")
    conn.execute(insert(Period), [{**row, "granularity": "quarter"} for row in periods])
    return {
        "organisation": dict(conn.execute(select(Organisation.code, Organisation.id)).all()),
        "measure": dict(conn.execute(select(Measure.code, Measure.id)).all()),
        "period": dict(conn.execute(select(Period.code, Period.id)).all()),
    }


def _ids(column: pd.Series, mapping: dict[str, int]) -> np.ndarray:
    """The database ids of a column of codes (plain or categorical), as int64."""
    codes, uniques = pd.factorize(column)
    return np.array([mapping[str(u)] for u in uniques], dtype=np.int64)[codes]


def _observation_rows(
    conn: Connection, obs: pd.DataFrame, ids: dict[str, dict[str, int]], start: int, stop: int
) -> Iterator[tuple]:
    """Rows `start` to `stop` as tuples in OBSERVATION_COLUMNS order, the constant columns
    already in the form the driver stores (as SQLAlchemy would bind them)."""
    table = Observation.__table__
    constants = []
    for name, value in (
        ("revision", 1),
        ("is_current", True),
        ("submitted_by", DEMO_SUBMITTER),
        ("submitted_at", LOADED_AT),
    ):
        bind = table.c[name].type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        constants.append(repeat(bind(value) if bind else value))
    part = obs.iloc[start:stop]
    return zip(
        _ids(part["measure"], ids["measure"]).tolist(),
        part["measure_kind"].astype(str).tolist(),
        _ids(part["organisation"], ids["organisation"]).tolist(),
        _ids(part["period"], ids["period"]).tolist(),
        part["ethnic_code"].astype(str).tolist(),
        part["numerator"].to_numpy(dtype=np.int64).tolist(),
        part["denominator"].to_numpy(dtype=np.int64).tolist(),
        *constants,
        strict=False,  # the constants repeat for ever
    )


def _write_observations(
    conn: Connection,
    obs: pd.DataFrame,
    ids: dict[str, dict[str, int]],
    advance: Callable[[int, int], None],
    say: Callable[[str], None],
) -> None:
    """Write the observations in frame order (so their ids follow it), reporting progress."""
    total = len(obs)
    advance(0, total)
    columns = ", ".join(OBSERVATION_COLUMNS)
    if conn.dialect.name == "postgresql":
        # A bulk load is not a web request: the app's statement timeout does not apply to it
        # (SET LOCAL ends with the transaction).
        conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
        with _keys_made_after(conn, say), conn.connection.driver_connection.cursor() as cursor:
            for chunk in range(0, total, COPY_CHUNK):
                with cursor.copy(f"COPY observation ({columns}) FROM STDIN") as copy:
                    for start in range(chunk, min(chunk + COPY_CHUNK, total), BATCH):
                        for row in _observation_rows(conn, obs, ids, start, start + BATCH):
                            copy.write_row(row)
                advance(min(chunk + COPY_CHUNK, total), total)
        return
    if conn.dialect.name != "sqlite":  # the app runs on these two (see data_access.db)
        raise ValueError(f"no bulk load for {conn.dialect.name}")
    marks = ", ".join("?" for _ in OBSERVATION_COLUMNS)
    sql = f"INSERT INTO observation ({columns}) VALUES ({marks})"  # noqa: S608 (constants)
    for start in range(0, total, BATCH):
        conn.exec_driver_sql(sql, list(_observation_rows(conn, obs, ids, start, start + BATCH)))
        advance(min(start + BATCH, total), total)


@contextmanager
def _keys_made_after(conn: Connection, say: Callable[[str], None]) -> Iterator[None]:
    """On PostgreSQL, drop the observation table's foreign keys, unique constraint and
    secondary indexes for the load and make them again after it, from their own definitions
    in the catalogue. Checking four foreign keys row by row makes COPY about five times slower
    than one check of each over the loaded table; all of it is in the seed's transaction, so a
    failure (a row the keys refuse included) leaves the schema and the database as they were."""
    quote = conn.dialect.identifier_preparer.quote
    constraints = conn.exec_driver_sql(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = 'observation'::regclass AND contype IN ('f', 'u') ORDER BY conname"
    ).all()
    indexes = conn.exec_driver_sql(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x"
        " JOIN pg_class i ON i.oid = x.indexrelid"
        " WHERE x.indrelid = 'observation'::regclass AND NOT EXISTS"
        " (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname"
    ).all()
    for name, _ in constraints:
        conn.exec_driver_sql(f"ALTER TABLE observation DROP CONSTRAINT {quote(name)}")
    for name, _ in indexes:
        conn.exec_driver_sql(f"DROP INDEX {quote(name)}")
    yield
    say("Building the indexes and checking the keys")
    for _, definition in indexes:
        conn.exec_driver_sql(definition)
    for name, definition in constraints:
        conn.exec_driver_sql(f"ALTER TABLE observation ADD CONSTRAINT {quote(name)} {definition}")


def _insert_actions(conn: Connection, actions: pd.DataFrame, org_id: dict[str, int]) -> int:
    """The sites' action plans, as last updated on their progress date (or when the data were
    loaded, for those with no progress yet)."""
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
            "updated_at": LOADED_AT
            if a.progress_date is None
            else dt.datetime.combine(a.progress_date, dt.time(12), tzinfo=dt.UTC),
        }
        for a in actions.itertuples()
    ]
    if rows:
        conn.execute(insert(ActionItem), rows)
    return len(rows)
