"""The national-scale demonstration data (`seed-demo --scale national`, issue 6).

It must be reproducible (a benchmark on it means something only if everyone loads the same
rows), as big as the issue asks and as realistic as the demonstration data. It is generated
once for the module (a second or two); the three million rows are never loaded here: a slice of
them goes through the same bulk path (executemany on SQLite, COPY on PostgreSQL) instead. The
timed full loads are in the issue's report.
"""

from __future__ import annotations

import dataclasses
import hashlib

import pandas as pd
import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

import data_access.seed as seed_module
from data_access import queries, totals
from data_access.db import Database
from data_access.demo.generate import applicable, generate
from data_access.demo.national import NationalData, generate_national
from data_access.demo.organisations import ORGANISATIONS
from data_access.demo.reference import ETHNIC_CATEGORIES, REGIONS
from data_access.migrate import upgrade
from data_access.models import Observation

#: The digest of the default demonstration data (`generate()`), which other tests' figures
#: rely on. The national scale shares its model: if this changes, the demo data changed.
DEMO_DIGEST = "46d5a77349522d338cee9cdfefa4ca0b22cd371497cd9773dc84e2487e64766a"


@pytest.fixture(scope="module")
def national() -> NationalData:
    return generate_national()


def _digest(*frames: pd.DataFrame) -> str:
    """A digest of the frames' column names and values (not their dtypes)."""
    digest = hashlib.sha256()
    for frame in frames:
        digest.update(repr(list(frame.columns)).encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def _national_digest(data: NationalData) -> str:
    orgs = pd.DataFrame([dataclasses.asdict(o) for o in data.organisations])
    menu = pd.DataFrame({"code": [m.code for m in data.measures]})
    frames = (data.periods, orgs, menu, data.adoptions, data.observations, data.actions)
    return _digest(*(frame.astype(str) if frame is data.actions else frame for frame in frames))


@pytest.mark.slow  # the national data take seconds to generate
def test_same_seed_same_data_other_seed_other_data(national):
    assert _national_digest(generate_national()) == _national_digest(national)
    other = generate_national(seed=7)
    assert _national_digest(other) != _national_digest(national)
    assert not other.observations["numerator"].equals(national.observations["numerator"])


def test_the_default_demonstration_data_is_unchanged():
    data = generate()
    assert _digest(data.periods, data.adoptions, data.observations) == DEMO_DIGEST


@pytest.mark.slow  # the national data take seconds to generate
def test_212_organisations_in_the_eight_regions(national):
    orgs = pd.DataFrame([dataclasses.asdict(o) for o in national.organisations])
    assert len(orgs) == 212 and orgs["code"].is_unique and orgs["name"].is_unique
    assert set(orgs["region"]) == {code for code, _ in REGIONS}
    assert orgs.groupby("region").size().min() >= 20
    assert orgs["code"].str.len().max() <= 12  # organisation.code is VARCHAR(12)
    assert set(orgs["kind"]) == {"mental_health_trust", "primary_care_trust", "prison"}
    assert orgs.groupby("kind").size().min() >= 30
    assert (orgs["rurality"] == "rural").mean() > 0.2
    # The 54 demonstration sites are there as they are.
    assert national.organisations[: len(ORGANISATIONS)] == ORGANISATIONS
    # London is the most diverse region, the South West the least; prisons more than their area.
    share = orgs[orgs["kind"] != "prison"].groupby("region")["bme_share"].median()
    assert share.idxmax() == "LDN" and share.idxmin() == "SW"
    assert orgs["bme_share"].between(0.005, 0.7).all()
    prisons = orgs["kind"] == "prison"
    assert orgs.loc[prisons, "bme_share"].median() > 2 * orgs.loc[~prisons, "bme_share"].median()


@pytest.mark.slow  # the national data take seconds to generate
def test_ten_years_of_quarters(national):
    codes = national.periods["code"].tolist()
    assert len(codes) == 40 and codes[0] == "2005Q2" and codes[-1] == "2015Q1"
    assert set(national.observations["period"].unique()) == set(codes)


@pytest.mark.slow  # the national data take seconds to generate
def test_a_menu_of_at_least_sixty_agreed_measures(national):
    menu = pd.DataFrame([dataclasses.asdict(m) for m in national.measures])
    agreed = menu[menu["status"] == "agreed"]
    assert len(agreed) >= 60 and menu["code"].is_unique
    assert agreed.groupby("characteristic").size().reindex(range(1, 13)).min() >= 4
    assert (menu["name"].str.len() <= 200).all() and (menu["unit"].str.len() <= 60).all()
    assert (menu["source"].str.len() <= 200).all()
    assert {"proposed", "retired"} <= set(menu["status"])


@pytest.mark.slow  # the national data take seconds to generate
def test_over_three_million_observations_in_every_ethnic_category(national):
    obs = national.observations
    assert len(obs) >= 3_000_000
    assert set(obs["ethnic_code"].unique()) == {code for code, *_ in ETHNIC_CATEGORIES}
    assert ((obs["numerator"] > 0) | (obs["denominator"] > 0)).all()
    assert (obs["numerator"] >= 0).all() and (obs["denominator"] >= 0).all()
    bounded = obs["measure_kind"].isin(["proportion", "milestone"])
    assert (obs.loc[bounded, "numerator"] <= obs.loc[bounded, "denominator"]).all()
    keys = ["measure", "organisation", "period", "ethnic_code"]
    assert not obs.duplicated(keys).any()


@pytest.mark.slow  # the national data take seconds to generate
def test_black_detention_rate_is_several_times_white_british(national):
    obs = national.observations
    detention = obs[obs["measure"] == "M04A"]
    totals = detention.groupby("ethnic_code", observed=True)[["numerator", "denominator"]].sum()
    rate = totals["numerator"] / totals["denominator"] * 100_000
    black = totals.loc[["M", "N", "P"]].sum()
    assert 40 < rate["A"] < 110  # published White rates are 64-75 per 100,000
    assert 3.0 < black["numerator"] / black["denominator"] * 100_000 / rate["A"] < 7.0
    assert rate["R"] < rate["A"]  # Chinese people are detained less than White British


@pytest.mark.slow  # the national data take seconds to generate
def test_rural_sites_have_small_counts_and_not_stated_is_kept(national):
    obs = national.observations
    rurality = {o.code: o.rurality for o in national.organisations}
    rural = obs["organisation"].map(rurality).astype(str) == "rural"
    bme = ~obs["ethnic_code"].isin(["A", "Z", "ALL"])
    detentions = obs[rural & bme & (obs["measure"] == "M04A")]
    per_quarter = detentions.groupby(["organisation", "period"], observed=True)["numerator"].sum()
    assert (per_quarter < 10).mean() > 0.5
    stated = obs["ethnic_code"] != "ALL"
    share = (
        obs.loc[obs["ethnic_code"] == "Z", "numerator"].sum() / obs.loc[stated, "numerator"].sum()
    )
    assert 0.01 < share < 0.2


@pytest.mark.slow  # the national data take seconds to generate
def test_adoption_varies_and_is_never_universal(national):
    adopted = set(national.adoptions[["organisation", "measure"]].itertuples(index=False))
    per_site, optional = [], []
    for org in national.organisations:
        menu = [m for m in national.measures if applicable(org, m)]
        per_site.append(sum((org.code, m.code) in adopted for m in menu) / len(menu))
        optional += [(org.code, m.code) in adopted for m in menu if not (m.core or m.census)]
        assert all((org.code, m.code) in adopted for m in menu if m.core)
    assert 0.45 < sum(optional) / len(optional) < 0.85
    assert sum(share == 1.0 for share in per_site) / len(per_site) < 0.05  # hardly anyone
    assert min(per_site) < 0.5 and max(per_site) > 0.9  # keen sites and reluctant ones
    observed = national.observations.groupby(["organisation", "measure"], observed=True).size()
    assert set(observed.index) <= adopted


@pytest.fixture
def national_slice(national, monkeypatch) -> NationalData:
    """The national data with the observations of its first sites only (about 50,000 rows)."""
    sites = [o.code for o in national.organisations[:3]]
    obs = national.observations
    small = dataclasses.replace(national, observations=obs[obs["organisation"].isin(sites)])
    monkeypatch.setattr(seed_module, "generate_national", lambda seed: small)
    return small


@pytest.mark.slow
def test_a_slice_loads_through_the_cli_with_a_progress_bar(national_slice, empty_db_url):
    from dashboard.factory import create_app

    server = create_app({"DATABASE_URL": empty_db_url, "SECRET_KEY": "t"}).server
    runner = server.test_cli_runner()
    assert runner.invoke(args=["db-upgrade"]).exit_code == 0
    result = runner.invoke(args=["seed-demo", "--scale", "national"])
    assert result.exit_code == 0, result.output
    assert "212 organisation, 12 characteristic" in result.output
    assert f"{len(national_slice.observations):,} observation." in result.output
    assert "Observations" in result.output  # the bar's label (the bar itself needs a terminal)
    db = Database(empty_db_url)
    try:
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Observation)) == len(
                national_slice.observations
            )
            periods = queries.periods(s)["code"].tolist()
            found = totals.group_totals(s, ["BDCT", "LPFT"], ["M04A"], periods)
            assert len(found) > 0 and found["sites"].max() == 2
    finally:
        db.dispose()
    again = runner.invoke(args=["seed-demo", "--scale", "national"])
    assert again.exit_code != 0 and "already holds data" in again.output


@pytest.mark.postgres
def test_the_copy_load_keeps_every_key_on_postgres(national_slice, postgres_url):
    db = Database(postgres_url)
    try:
        upgrade(db.engine)
        reports: list[tuple[int, int]] = []
        counts = seed_module.seed_demo(
            db.engine, scale="national", advance=lambda done, total: reports.append((done, total))
        )
        total = len(national_slice.observations)
        assert counts["observation"] == total and reports[0] == (0, total)
        assert reports[-1] == (total, total)
        with db.engine.connect() as conn:
            indexes = (
                conn.exec_driver_sql(
                    "SELECT indexname FROM pg_indexes WHERE tablename = 'observation'"
                )
                .scalars()
                .all()
            )
            assert {"ix_observation_current", "ix_observation_organisation"} <= set(indexes)
            kinds = (
                conn.exec_driver_sql(
                    "SELECT contype FROM pg_constraint WHERE conrelid = 'observation'::regclass"
                )
                .scalars()
                .all()
            )
            assert kinds.count("f") == 4 and kinds.count("u") == 1 and kinds.count("p") == 1
            row = conn.execute(select(Observation.__table__).limit(1)).mappings().one()
        duplicate = {k: v for k, v in row.items() if k != "id"}
        for bad in (duplicate, {**duplicate, "revision": 2, "period_id": 10_000}):
            with pytest.raises(IntegrityError), db.engine.begin() as conn:
                conn.execute(insert(Observation), [bad])
    finally:
        db.dispose()
