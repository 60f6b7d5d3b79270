"""Writes of published statistics (dashboard/published): what a publication names and the store
lacks (the vocabularies, regions, organisations, measures, periods) is added, and its values are
stored as observations with revisions, the way a site's return is: a cell stored as it is
changes nothing, a corrected one becomes a new revision. A count suppressed at source is an
observation whose numerator and denominator are NULL, never 0. All in the caller's transaction,
with the summary tables and the audit entry: the import is stored whole, or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from data_access import summary
from data_access.audit import record
from data_access.demo.reference import CHARACTERISTICS, ETHNIC_CATEGORIES
from data_access.models import (
    AuditEntry,
    Characteristic,
    EthnicCategory,
    Measure,
    Organisation,
    Region,
    SiteMeasure,
)
from data_access.queries import stored_cells
from data_access.writes import _ids, write_revisions

#: The 2021 census top-level ethnic groups (code, name, DRE group): what most published
#: statistics give below England level. White is their comparator (data_access.base.COMPARATORS).
CENSUS_GROUPS: list[tuple[str, str, str]] = [
    ("WHT", "White", "white_british"),
    ("MIX", "Mixed", "bme"),
    ("ASN", "Asian or Asian British", "bme"),
    ("BLK", "Black or Black British", "bme"),
    ("OTH", "Other ethnic groups", "bme"),
    ("UNK", "Unknown", "not_stated"),
]
KEY = ["site", "measure", "period", "ethnic_code"]
ACTION = "import_published"


@dataclass(frozen=True)
class OrganisationSpec:
    """An organisation a publication names: no region for the country (England)."""

    code: str
    name: str
    kind: str
    region: str | None
    counts_in_areas: bool = True


def _insert_missing(session: Session, model, rows: Sequence[Mapping]) -> None:
    """Insert the rows whose key the table does not hold yet (ON CONFLICT DO NOTHING)."""
    if not rows:
        return
    postgres = session.get_bind().dialect.name == "postgresql"
    make = postgresql.insert if postgres else sqlite.insert
    session.execute(make(model).on_conflict_do_nothing(), [dict(r) for r in rows])


def ensure_vocabulary(session: Session) -> None:
    """The twelve characteristics and the ethnic categories (NHS 2001 codes, the 2021 census
    top-level groups and ALL), where an empty database has none yet."""
    _insert_missing(
        session,
        Characteristic,
        [{"id": i, "short_name": s, "title": t} for i, s, t in CHARACTERISTICS],
    )
    nhs = [
        {"code": c, "name": n, "broad_group": b, "dre_group": g, "sort_order": i, "scheme": "nhs"}
        for i, (c, n, b, g) in enumerate(ETHNIC_CATEGORIES)
    ]
    census = [
        {
            "code": c,
            "name": n,
            "broad_group": n,
            "dre_group": g,
            "sort_order": 100 + i,
            "scheme": "census_2021",
        }
        for i, (c, n, g) in enumerate(CENSUS_GROUPS)
    ]
    _insert_missing(session, EthnicCategory, nhs + census)


def organisation_codes(session: Session) -> set[str]:
    """The codes of every stored organisation."""
    return set(session.scalars(select(Organisation.code)))


def ensure_regions(session: Session, regions: Iterable[tuple[str, str]]) -> list[str]:
    """Add the (code, name) regions not stored yet; their codes."""
    stored = set(session.scalars(select(Region.code)))
    new = [{"code": c, "name": n} for c, n in dict(regions).items() if c not in stored]
    _insert_missing(session, Region, new)
    return [r["code"] for r in new]


def ensure_organisations(session: Session, specs: Iterable[OrganisationSpec]) -> list[str]:
    """Add the organisations not stored yet (a stored one keeps its region, kind and name);
    the codes added."""
    stored = set(session.scalars(select(Organisation.code)))
    region_id = dict(session.execute(select(Region.code, Region.id)).all())
    new = [
        {
            "code": s.code,
            "name": s.name,
            "kind": s.kind,
            "region_id": region_id[s.region] if s.region else None,
            "rurality": None,
            "counts_in_areas": s.counts_in_areas,
        }
        for s in {s.code: s for s in specs}.values()
        if s.code not in stored
    ]
    _insert_missing(session, Organisation, new)
    return [o["code"] for o in new]


def ensure_measures(session: Session, measures: Iterable[Mapping]) -> list[str]:
    """Add the measures (the model's columns) whose code is not stored yet; the codes added.
    A stored measure is left as it is: its menu entry belongs to the programme."""
    stored = set(session.scalars(select(Measure.code)))
    new = [dict(m) for m in measures if m["code"] not in stored]
    _insert_missing(session, Measure, new)
    return [m["code"] for m in new]


def ensure_adoptions(session: Session, pairs: pd.DataFrame, on: dt.date) -> None:
    """Each organisation (`site`) adopts the measures (`measure`) it has figures for, where it
    has not already: a publication reports them for it, so its page shows them."""
    if pairs.empty:
        return
    orgs = dict(session.execute(select(Organisation.code, Organisation.id)).all())
    measures = dict(session.execute(select(Measure.code, Measure.id)).all())
    rows = [
        {"organisation_id": orgs[site], "measure_id": measures[measure], "adopted_on": on}
        for site, measure in pairs[["site", "measure"]].drop_duplicates().itertuples(index=False)
        if site in orgs and measure in measures
    ]
    _insert_missing(session, SiteMeasure, rows)


def _same(a: pd.Series, b: pd.Series) -> pd.Series:
    """Equal values, NULL equal to NULL (a cell suppressed twice is unchanged)."""
    return (a.isna() & b.isna()) | (a.astype("Float64") == b.astype("Float64")).fillna(False)


def plan_cells(session: Session, rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` (KEY, numerator and denominator, NA where suppressed) with the ids of their site,
    measure and period, the measure's kind, the stored cell's revision and id, and `status`:
    new, revised or unchanged."""
    stored = stored_cells(
        session, rows["site"].unique(), rows["measure"].unique(), rows["period"].unique()
    )
    named = {"numerator": "current_numerator", "denominator": "current_denominator"}
    current = stored[[*KEY, "numerator", "denominator", "revision", "observation_id"]]
    plan = _ids(session, rows).merge(current.rename(columns=named), on=KEY, how="left")
    kinds = dict(session.execute(select(Measure.code, Measure.kind)).all())
    plan["kind"] = plan["measure"].map(kinds)
    plan["revision"] = plan["revision"].fillna(0).astype(int)
    same = _same(plan["numerator"], plan["current_numerator"]) & _same(
        plan["denominator"], plan["current_denominator"]
    )
    plan["status"] = "revised"
    plan.loc[plan["observation_id"].isna(), "status"] = "new"
    plan.loc[plan["observation_id"].notna() & same, "status"] = "unchanged"
    return plan


def store_cells(
    session: Session,
    plan: pd.DataFrame,
    actor: str,
    file_name: str,
    checksum: str,
    details: Mapping[str, object],
) -> AuditEntry:
    """Write the new and revised cells of `plan_cells`, rebuild the summary rows of their
    organisations, and add the audit entry; the caller's transaction makes it all or nothing."""
    changed = plan[plan["status"] != "unchanged"]
    revised = changed[changed["status"] == "revised"]
    write_revisions(session, changed, actor)
    touched = sorted({int(i) for i in changed["organisation_id"]})
    if touched:
        summary.refresh(session, touched)
    else:
        summary.bump_version(session)
    return record(
        session,
        actor,
        ACTION,
        file_name,
        new=int((plan["status"] == "new").sum()),
        revised=len(revised),
        unchanged=int((plan["status"] == "unchanged").sum()),
        checksum=checksum,
        details=details,
    )
