"""The demonstration data has the shape the brief asks for and behaves like the published data."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import func, select

from data_access import queries
from data_access.demo.generate import generate
from data_access.models import Observation, SiteMeasure


@pytest.fixture(scope="module")
def demo():
    return generate()


@pytest.mark.slow
def test_same_seed_same_data_other_seed_other_data(demo):
    again = generate()
    pd.testing.assert_frame_equal(demo.observations, again.observations)
    assert not generate(seed=7).observations.equals(demo.observations)


def test_geography_and_named_sites(session):
    regions = queries.regions(session)
    orgs = queries.organisations(session)
    assert len(regions) == 8
    assert len(orgs) >= 40
    names = " ".join(orgs["name"])
    for site in (
        "Dorset",
        "Bradford",
        "Hampshire",
        "Isle of Wight",
        "Manchester",
        "London",
        "Morton Hall",
    ):
        assert site in names
    assert set(orgs["kind"]) == {"mental_health_trust", "primary_care_trust", "prison"}
    counts = orgs["rurality"].value_counts()
    assert counts["rural"] >= 15 and counts["urban"] >= 15
    assert orgs.groupby("region").size().min() >= 4


def test_menu_has_three_agreed_measures_per_characteristic(session):
    menu = queries.measures(session)
    assert len(menu) >= 36
    assert menu.groupby("characteristic").size().reindex(range(1, 13)).min() >= 3
    assert (menu["numerator_definition"].str.len() > 20).all()
    assert set(queries.measures(session, ("proposed", "retired"))["status"]) == {
        "proposed",
        "retired",
    }


def test_five_years_of_quarters(session):
    periods = queries.periods(session)
    assert len(periods) == 20
    assert periods["code"].iloc[0] == "2005Q2" and periods["code"].iloc[-1] == "2010Q1"


def test_black_detention_rate_is_several_times_white_british(demo):
    obs = demo.observations
    detention = obs[obs["measure"] == "M04A"]
    totals = detention.groupby("ethnic_code")[["numerator", "denominator"]].sum()
    rate = totals["numerator"] / totals["denominator"] * 100_000
    black = totals.loc[["M", "N", "P"]].sum()
    black_rate = black["numerator"] / black["denominator"] * 100_000
    assert 40 < rate["A"] < 110  # published White rates are 64-75 per 100,000
    assert 3.0 < black_rate / rate["A"] < 7.0  # published ratios 3.5-6.6


def test_rural_sites_have_small_counts_and_some_returns_are_missing(demo, session):
    obs = demo.observations
    orgs = queries.organisations(session).set_index("code")
    rural = obs["organisation"].map(orgs["rurality"]) == "rural"
    bme = ~obs["ethnic_code"].isin(["A", "Z", "ALL"])
    detentions = obs[rural & bme & (obs["measure"] == "M04A")]
    per_quarter = detentions.groupby(["organisation", "period"])["numerator"].sum()
    assert (per_quarter < 10).mean() > 0.5  # mostly single digits
    returns = obs.groupby(["organisation", "measure"])["period"].nunique()
    assert (returns < 20).mean() > 0.2


def test_not_stated_is_kept(demo):
    obs = demo.observations
    assert (obs["ethnic_code"] == "Z").any()
    share = (
        obs.loc[obs["ethnic_code"] == "Z", "numerator"].sum()
        / obs.loc[obs["ethnic_code"] != "ALL", "numerator"].sum()
    )
    assert 0.02 < share < 0.2


def test_each_site_adopts_a_subset_of_the_menu(session):
    menu_size = len(queries.measures(session))
    adopted = session.execute(
        select(SiteMeasure.organisation_id, func.count()).group_by(SiteMeasure.organisation_id)
    ).all()
    assert len(adopted) >= 40
    assert all(3 <= n < menu_size for _, n in adopted)
    assert session.scalar(select(func.count()).select_from(Observation)) > 100_000
