"""The summary table the pages read (data_access/summary.py) and the data version that keys
every cached figure: the summary agrees with the observations, its viewer columns follow the
disclosure rule, controlled totals equal the sums of each site's controlled rows, and a return
stored through one worker is seen at once by another with its own cache."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import select

from dashboard.stats.disclosure import disclosure_control
from data_access import queries, summary, totals
from data_access.db import Database
from data_access.demo.reference import ETHNIC_CATEGORIES
from data_access.models import (
    EthnicCategory,
    Measure,
    Observation,
    Organisation,
    Period,
    SiteGroupTotal,
)
from tests.conftest import ADMIN, SITE_LEAD, signed_in_request

KEY = ["site", "measure", "period", "group"]
BME = [code for code, _, _, group in ETHNIC_CATEGORIES if group == "bme"]


def _summary_rows(session) -> pd.DataFrame:
    stmt = (
        select(
            Organisation.code.label("site"),
            Measure.code.label("measure"),
            Period.code.label("period"),
            SiteGroupTotal.dre_group.label("group"),
            SiteGroupTotal.numerator,
            SiteGroupTotal.denominator,
            SiteGroupTotal.shown_numerator,
            SiteGroupTotal.shown_denominator,
        )
        .join(Organisation, Organisation.id == SiteGroupTotal.organisation_id)
        .join(Measure, Measure.id == SiteGroupTotal.measure_id)
        .join(Period, Period.id == SiteGroupTotal.period_id)
    )
    result = session.execute(stmt)
    return pd.DataFrame(result.all(), columns=list(result.keys()))


@pytest.mark.slow
def test_the_summary_holds_each_sites_current_totals_by_group(session):
    stmt = (
        select(
            Organisation.code.label("site"),
            Measure.code.label("measure"),
            Period.code.label("period"),
            EthnicCategory.dre_group.label("group"),
            Observation.numerator,
            Observation.denominator,
        )
        .join(Organisation, Organisation.id == Observation.organisation_id)
        .join(Measure, Measure.id == Observation.measure_id)
        .join(Period, Period.id == Observation.period_id)
        .join(EthnicCategory, EthnicCategory.code == Observation.ethnic_code)
        .where(Observation.is_current.is_(True))
    )
    result = session.execute(stmt)
    observations = pd.DataFrame(result.all(), columns=list(result.keys()))
    expected = observations.groupby(KEY, as_index=False)[["numerator", "denominator"]].sum()
    stored = _summary_rows(session)
    assert len(stored) == len(expected) > 40_000
    merged = expected.merge(stored, on=KEY, how="outer", suffixes=("", "_stored"))
    assert merged["numerator"].eq(merged["numerator_stored"]).all()
    assert merged["denominator"].eq(merged["denominator_stored"]).all()


def test_the_viewer_columns_are_the_disclosure_rule_applied_to_each_row(session):
    defaults = inspect.signature(disclosure_control).parameters
    assert defaults["threshold"].default == summary.SUPPRESS_UP_TO
    assert defaults["rounding"].default == summary.ROUND_TO
    stored = _summary_rows(session)
    # every edge of the rule occurs in the demonstration data
    assert {0, 1, 7, 8, 12, 13}.issubset(set(stored["numerator"]))
    controlled = disclosure_control(
        stored, count_columns=("numerator", "denominator"), derived_columns=()
    )
    withheld = controlled["suppressed"].to_numpy()
    assert stored["shown_numerator"].isna().to_numpy().tolist() == withheld.tolist()
    assert stored["shown_denominator"].isna().to_numpy().tolist() == withheld.tolist()
    kept = ~withheld
    for column in ("numerator", "denominator"):
        shown = stored.loc[kept, f"shown_{column}"].astype("int64").to_numpy()
        assert np.array_equal(shown, controlled.loc[kept, column].astype("int64").to_numpy())


def _controlled_sum(site_rows: pd.DataFrame, own: set[str]) -> pd.DataFrame:
    """The totals a person with record-level rights over `own` may see, the long way: each
    other site's rows through disclosure control, then summed; the withheld rows counted, and
    a cell whose every row is withheld kept with counts of 0 and no site."""
    others = site_rows[~site_rows["site"].isin(own)]
    controlled = disclosure_control(
        others, count_columns=("numerator", "denominator"), derived_columns=()
    )
    controlled["withheld"] = controlled.pop("suppressed").astype(int)
    controlled["site"] = controlled["site"].where(controlled["withheld"] == 0)
    rows = pd.concat([site_rows[site_rows["site"].isin(own)].assign(withheld=0), controlled])
    rows = rows.fillna({"numerator": 0, "denominator": 0})
    rows = rows.astype({"numerator": "int64", "denominator": "int64"})
    return (
        rows.groupby(["measure", "period", "group"], as_index=False)
        .agg(
            numerator=("numerator", "sum"),
            denominator=("denominator", "sum"),
            sites=("site", "nunique"),
            withheld=("withheld", "sum"),
        )
        .reset_index(drop=True)
    )


@pytest.mark.parametrize("own", [(), ("SLAM",)])
def test_controlled_totals_are_the_sums_of_each_sites_controlled_rows(session, own):
    orgs = queries.organisations(session)
    london = orgs.loc[orgs["region"] == "LDN", "code"].tolist()
    measures = queries.measures(session)["code"].tolist()
    periods = queries.periods(session)["code"].tolist()[-8:]
    site_rows = totals.site_totals(session, london, measures, periods)
    expected = _controlled_sum(site_rows, set(own))
    got = totals.group_totals(session, london, measures, periods, unrounded=own)
    assert got.pop("suppressed").eq(0).all()  # the demonstration has nothing suppressed at source
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)
    raw = totals.group_totals(session, london, measures, periods)
    assert raw["numerator"].sum() != got["numerator"].sum()  # control changed something


def _slam_return(db: Database, numerator: int) -> bytes:
    from dashboard.returns import site_template

    with db.session() as s:
        frame = site_template(s, "SLAM", ["2010Q1"])
    frame[["numerator", "denominator"]] = None  # 2010Q1 comes filled: return only M02A
    rows = frame["measure_code"] == "M02A"
    frame.loc[rows, ["numerator", "denominator"]] = [str(numerator), "100"]
    return frame.to_csv(index=False).encode()


def test_a_return_stored_through_one_worker_is_seen_at_once_by_another(writable_db_url):
    """Two workers, each with its own cache (SimpleCache, the default): the one that did not
    store the return must not go on serving the figures it cached before."""
    from dashboard.factory import create_app
    from dashboard.loaders import data_version, load_catalogue, load_group_totals
    from tests.returns_helpers import store_confirming

    config = {
        "TESTING": True,
        "DATABASE_URL": writable_db_url,
        "SECRET_KEY": "test",
        "CACHE_TYPE": "SimpleCache",
    }
    storing, other = create_app(config), create_app(config)
    args = (["SLAM"], ["M02A"], ["2010Q1"])

    def bme_numerator(app, everywhere=False) -> int:
        with signed_in_request(app, ADMIN):
            sites = load_catalogue().organisations["code"] if everywhere else ["SLAM"]
            totals = load_group_totals(sites, *args[1:]).set_index("group")
            return int(totals.loc["bme", "numerator"])

    before, england = bme_numerator(other), bme_numerator(other, everywhere=True)
    assert bme_numerator(other) == before  # now cached in `other`
    db = storing.server.extensions["dre_db"]
    with signed_in_request(storing, ADMIN):
        version = data_version()
    content = _slam_return(db, 33)
    result = store_confirming(db, content, "r.csv", SITE_LEAD, allowed_sites={"SLAM"})
    assert result.stored
    bme_categories = result.plan[
        (result.plan["measure"] == "M02A") & result.plan["ethnic_code"].isin(BME)
    ]
    assert bme_numerator(other) == 33 * len(bme_categories) != before
    assert bme_numerator(storing) == 33 * len(bme_categories)
    # England's total, read from the summary by area, moved by the same difference
    assert bme_numerator(other, everywhere=True) == england - before + 33 * len(bme_categories)
    with signed_in_request(other, ADMIN):
        assert data_version() == version + 1


def test_a_refused_return_changes_neither_the_summary_nor_the_version(writable_app):
    from dashboard.loaders import data_version
    from dashboard.returns import import_return

    db = writable_app.server.extensions["dre_db"]
    content = _slam_return(db, 33).replace(b",33,100", b",-1,100", 1)
    with db.session() as s:
        rows_before, version_before = _summary_rows(s), summary.current_version(s)
    result = import_return(db, content, "r.csv", SITE_LEAD, allowed_sites={"SLAM"})
    assert not result.stored and result.errors
    with db.session() as s:
        pd.testing.assert_frame_equal(_summary_rows(s), rows_before)
        assert summary.current_version(s) == version_before
    with signed_in_request(writable_app, ADMIN):
        assert data_version() == version_before


@pytest.mark.postgres
def test_postgresql_sums_and_rounds_as_sqlite_does(seeded_postgres_url, session):
    """SUM of a BIGINT is NUMERIC on PostgreSQL: the summary must still divide whole
    numbers, and every total must match the SQLite store's to the unit."""
    pg = Database(seeded_postgres_url)
    try:
        with pg.session() as s:
            stored = _summary_rows(s)
            orgs = queries.organisations(s)["code"].tolist()
            measures = queries.measures(s)["code"].tolist()
            periods = queries.periods(s)["code"].tolist()
            on_pg = totals.group_totals(s, orgs, measures, periods, unrounded=("SLAM",))
            found = queries.organisations(s)
            cells = sorted(set(zip(found["region"], found["rurality"], strict=True)))
            areas_on_pg = totals.area_totals(s, cells, measures, periods, unrounded=cells[:1])
    finally:
        pg.dispose()
    shown = stored["shown_numerator"].dropna().astype("int64")
    assert (shown % 5 == 0).all() and len(shown) > 30_000
    on_sqlite = totals.group_totals(session, orgs, measures, periods, unrounded=("SLAM",))
    # in the same order too: PostgreSQL's rows are sorted by pandas, SQLite's by its GROUP BY
    pd.testing.assert_frame_equal(on_pg, on_sqlite)
    areas = totals.area_totals(session, cells, measures, periods, unrounded=cells[:1])
    pd.testing.assert_frame_equal(areas_on_pg, areas)


def _areas_and_sites(session, sites, own=None):
    orgs = queries.organisations(session).set_index("code")
    cells = sorted(set(zip(orgs.loc[sites, "region"], orgs.loc[sites, "rurality"], strict=True)))
    own_cells = (
        None
        if own is None
        else sorted(
            set(zip(orgs.loc[list(own), "region"], orgs.loc[list(own), "rurality"], strict=True))
        )
    )
    measures = queries.measures(session)["code"].tolist()
    periods = queries.periods(session)["code"].tolist()
    by_area = totals.area_totals(session, cells, measures, periods, own_cells)
    by_site = totals.group_totals(session, sites, measures, periods, own)
    return by_area, by_site


@pytest.mark.parametrize(
    ("where", "own"),
    [
        ("england", None),
        ("england", ()),
        ("LDN", ()),
        ("rural", ()),
        ("england", "LDN"),  # a London regional user looking at England
    ],
)
def test_totals_by_area_equal_totals_by_site(session, where, own):
    orgs = queries.organisations(session)
    if where == "england":
        sites = orgs["code"].tolist()
    elif where == "rural":
        sites = orgs.loc[orgs["rurality"] == "rural", "code"].tolist()
    else:
        sites = orgs.loc[orgs["region"] == where, "code"].tolist()
    if own == "LDN":
        own = tuple(orgs.loc[orgs["region"] == "LDN", "code"])
    by_area, by_site = _areas_and_sites(session, sites, own)
    assert len(by_area) > 1000
    pd.testing.assert_frame_equal(by_area, by_site)


@pytest.mark.parametrize("own", [None, "", "LDN"])
def test_regions_summed_from_each_regions_totals_equal_one_read_of_them_all(session, own):
    """The app sums a selection's totals from each region's, each read with every measure
    and period (dashboard/loaders.py): the same figures, in the same order, as one read."""
    orgs = queries.organisations(session)
    cells = sorted(set(zip(orgs["region"], orgs["rurality"], strict=True)))
    mine = None if own is None else [c for c in cells if c[0] == own]

    def of(region, chosen):
        return None if chosen is None else [c for c in chosen if c[0] == region]

    parts = [
        totals.area_totals(session, of(r, cells), unrounded=of(r, mine))
        for r in sorted({r for r, _ in cells})
    ]
    measures = queries.measures(session)["code"].tolist()[::3]
    periods = queries.periods(session)["code"].tolist()[-9:]
    summed = totals.combined(parts, measures, periods)
    assert len(summed) > 200
    pd.testing.assert_frame_equal(
        summed, totals.area_totals(session, cells, measures, periods, mine)
    )


def test_the_app_reads_whole_regions_by_area_and_single_trusts_by_site(app):
    from dashboard.loaders import whole_areas

    with signed_in_request(app, ADMIN):
        from dashboard.loaders import load_catalogue

        orgs = load_catalogue().organisations
        london = orgs.loc[orgs["region"] == "LDN", "code"].tolist()
        in_london = orgs[orgs["region"] == "LDN"]
        cells = tuple(sorted(set(zip(in_london["region"], in_london["rurality"], strict=True))))
        assert whole_areas(london) == cells
        assert whole_areas(["SLAM"]) is None
        assert whole_areas([*london, "DORPCT"]) is None


def test_refresh_summary_rebuilds_what_was_written_by_other_means(writable_app):
    """Observations written outside the app (here: counts changed in SQL) reach the pages
    after `flask refresh-summary`, with a new data version."""
    from sqlalchemy import func, update

    db = writable_app.server.extensions["dre_db"]
    bme_total = select(func.sum(SiteGroupTotal.numerator)).where(
        SiteGroupTotal.organisation_id == Organisation.id,
        Organisation.code == "SLAM",
        SiteGroupTotal.dre_group == "bme",
    )
    with db.session() as s:
        slam = s.scalar(select(Organisation.id).where(Organisation.code == "SLAM"))
        before, version = s.scalar(bme_total), summary.current_version(s)
        changed = s.execute(
            update(Observation)
            .where(
                Observation.organisation_id == slam,
                Observation.ethnic_code == "M",
                Observation.is_current.is_(True),
            )
            .values(
                numerator=Observation.numerator + 1_000, denominator=Observation.denominator + 1_000
            )
        ).rowcount
    assert changed > 100
    done = writable_app.server.test_cli_runner().invoke(args=["refresh-summary"])
    assert done.exit_code == 0, done.output
    assert f"data version {version + 1}" in done.output
    with db.session() as s:
        assert s.scalar(bme_total) == before + 1_000 * changed
