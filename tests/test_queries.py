"""Queries aggregate in SQL exactly what a hand count gives, and read only current revisions."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import select, update

from data_access import queries, summary
from data_access.models import EthnicCategory, Measure, Observation, Organisation, Period
from data_access.totals import category_totals, group_totals, site_totals


def _hand_totals(session, orgs, measure):
    stmt = (
        select(
            Observation.numerator, Observation.denominator, EthnicCategory.dre_group, Period.code
        )
        .join(Organisation, Organisation.id == Observation.organisation_id)
        .join(Measure, Measure.id == Observation.measure_id)
        .join(EthnicCategory)
        .join(Period)
        .where(Organisation.code.in_(orgs), Measure.code == measure, Observation.is_current)
    )
    rows = pd.DataFrame(session.execute(stmt).all(), columns=["n", "d", "group", "period"])
    return rows.groupby(["period", "group"])[["n", "d"]].sum()


def test_group_totals_equal_a_hand_count(session):
    orgs = ["SLAM", "ELFT", "DORPCT"]
    periods = queries.periods(session)["code"].tolist()
    totals = group_totals(session, orgs, ["M04A", "M02A"], periods)
    hand = _hand_totals(session, orgs, "M04A")
    mine = totals[totals["measure"] == "M04A"].set_index(["period", "group"])
    assert mine["numerator"].sort_index().tolist() == hand["n"].sort_index().tolist()
    assert mine["denominator"].sort_index().tolist() == hand["d"].sort_index().tolist()
    assert set(totals["group"]) <= {"bme", "white_british", "not_stated"}


def test_group_totals_read_only_the_current_revision(session):
    org_id = session.scalar(select(Organisation.id).where(Organisation.code == "SLAM"))
    measure = session.execute(select(Measure.id, Measure.kind).where(Measure.code == "M04A")).one()
    period_id = session.scalar(select(Period.id).where(Period.code == "2009Q1"))
    before = group_totals(session, ["SLAM"], ["M04A"], ["2009Q1"]).set_index("group")
    where = (
        (Observation.organisation_id == org_id)
        & (Observation.measure_id == measure.id)
        & (Observation.period_id == period_id)
        & (Observation.ethnic_code == "M")
    )
    old = session.execute(select(Observation).where(where)).scalar_one()
    session.execute(update(Observation).where(where).values(is_current=False))
    session.add(
        Observation(
            measure_id=measure.id,
            measure_kind=measure.kind,
            organisation_id=org_id,
            period_id=period_id,
            ethnic_code="M",
            numerator=old.numerator + 100,
            denominator=old.denominator,
            revision=2,
            submitted_by="test",
            submitted_at=dt.datetime.now(dt.UTC),
        )
    )
    session.flush()
    summary.refresh(session, [org_id])  # as every write of observations does
    after = group_totals(session, ["SLAM"], ["M04A"], ["2009Q1"]).set_index("group")
    assert after.loc["bme", "numerator"] == before.loc["bme", "numerator"] + 100
    assert after.loc["white_british", "numerator"] == before.loc["white_british", "numerator"]


def test_empty_selection_returns_an_empty_frame(session):
    frame = group_totals(session, [], ["M04A"], ["2009Q1"])
    assert frame.empty and "numerator" in frame.columns


def test_adopted_measures_are_those_of_the_sites(session):
    dorset = queries.adopted_measure_codes(session, ["DORPCT"])
    prison = queries.adopted_measure_codes(session, ["HMPMH"])
    assert "M09A" in prison and "M04A" not in prison  # prisons do not detain under the Act
    assert "M04A" not in dorset and "M02A" in dorset


def test_site_totals_add_up_to_the_group_totals(session):
    orgs = ["SLAM", "ELFT", "DORPCT"]
    periods = ["2008Q1", "2008Q2"]
    by_site = site_totals(session, orgs, ["M04A"], periods)
    assert set(by_site["site"]) == {"SLAM", "ELFT"}  # a PCT makes no detention return
    summed = by_site.groupby(["period", "group"])[["numerator", "denominator"]].sum()
    totals = group_totals(session, orgs, ["M04A"], periods).set_index(["period", "group"])
    pd.testing.assert_frame_equal(
        summed.sort_index(), totals[["numerator", "denominator"]].sort_index()
    )


def test_site_totals_of_some_groups_are_those_groups_rows(session):
    """The briefing reads only the groups it judges (BME, or all people): the same rows."""
    args = (["SLAM", "DORPCT"], ["M04A", "M12A"], ["2008Q1", "2008Q2"])
    every = site_totals(session, *args)
    assert {"bme", "white_british", "all"} <= set(every["group"])
    some = site_totals(session, *args, groups=("bme", "all"))
    assert set(some["group"]) == {"bme", "all"}
    wanted = every[every["group"].isin(["bme", "all"])]
    keys = ["site", "measure", "period", "group"]
    pd.testing.assert_frame_equal(
        some.sort_values(keys).reset_index(drop=True),
        wanted.sort_values(keys).reset_index(drop=True),
    )


def test_category_totals_keep_each_ethnic_category_and_add_up(session):
    frame = category_totals(session, ["SLAM"], ["M04A"], ["2009Q1"])
    assert {"A", "M", "N", "Z"} <= set(frame["ethnic_code"])
    assert frame["ethnic_code"].is_unique
    totals = group_totals(session, ["SLAM"], ["M04A"], ["2009Q1"]).set_index("group")
    bme = frame.loc[frame["group"] == "bme", "numerator"].sum()
    assert bme == totals.loc["bme", "numerator"]


def test_site_targets_list_the_adopted_measures(session):
    targets = queries.site_targets(session, "DORPCT")
    assert set(targets["measure"]) == set(queries.adopted_measure_codes(session, ["DORPCT"]))
    assert targets["target"].dtype == "float64"
