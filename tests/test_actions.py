"""Action plans: the checks of an edit in words, overdue, the judgement date, the
demonstration plans, and the writes with their audit entries (on a private copy of the
demonstration data)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.actions import default_due, judgement_date, overdue, validate_action
from data_access import queries
from data_access.action_writes import ActionRefused, add_action, update_action
from data_access.demo.actions import DORSET, demo_actions
from data_access.demo.generate import DEFAULT_SEED, quarters
from tests.actions_helpers import AS_OF, GOOD, action_of, counts, last_audit
from tests.conftest import ADMIN, SITE_LEAD


def _values(**changes) -> dict:
    edit, errors = validate_action(**{**GOOD, **changes})
    assert errors == []
    return edit.values()


# --- unit: the checks, overdue, the judgement date -------------------------------------------


def test_a_good_edit_is_accepted_trimmed_and_typed():
    edit, errors = validate_action(**{**GOOD, "owner": "  DRE Lead  ", "characteristic": 12})
    assert errors == [] and edit.owner == "DRE Lead" and edit.characteristic == 12
    assert edit.due_date == dt.date(2010, 9, 30) and edit.values()["characteristic_id"] == 12


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("action", "", "Write the action."),
        ("action", "   ", "Write the action."),
        ("action", "x" * 1001, "The action is 1,001 characters long: at most 1,000."),
        ("action", 42, "The action must be written as text."),
        ("characteristic", None, "Choose the characteristic (1 to 12)"),
        ("characteristic", "13", "Choose the characteristic (1 to 12)"),
        ("characteristic", "four", "Choose the characteristic (1 to 12)"),
        ("characteristic", "²", "Choose the characteristic (1 to 12)"),
        ("owner", "", "Write the owner (a job title is enough)."),
        ("due_date", "", "Give the date the action is due."),
        ("due_date", "2010-02-30", "'2010-02-30' is not a real date"),
        ("due_date", "30/09/2010", "'30/09/2010' is not a real date"),
        ("due_date", "1899-01-01", "is not between 2000 and 2099"),
        ("status", "finished", "Choose a status: not started, on track, at risk or done."),
        ("status", ["done"], "Choose a status"),  # a crafted request's odd types, in words too
        ("due_date", {"y": 2010}, "Give the date the action is due."),
        ("progress_note", "y" * 2001, "The progress note is 2,001 characters long: at most 2,000."),
    ],
)
def test_each_mistake_is_refused_in_words(field, value, words):
    edit, errors = validate_action(**{**GOOD, field: value})
    assert edit is None and len(errors) == 1 and words in errors[0]


def test_every_mistake_is_listed_at_once():
    _, errors = validate_action(None, "", "", "", "", "")
    assert len(errors) == 5  # an empty note is allowed


def test_overdue_is_due_before_the_date_and_not_done():
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5],
            "due_date": [
                dt.date(2010, 1, 31),
                dt.date(2009, 6, 30),
                AS_OF,
                dt.date(2011, 1, 1),
                dt.date(2008, 3, 31),
            ],
            "status": ["at_risk", "done", "on_track", "not_started", "not_started"],
        }
    )
    assert overdue(frame, AS_OF)["id"].tolist() == [5, 1]  # the longest overdue first
    assert overdue(frame.iloc[0:0], AS_OF).empty


def test_plans_are_judged_today_unless_the_data_ended_long_ago():
    periods = quarters()[["code", "start_date"]].assign(granularity="quarter")
    assert judgement_date(periods, dt.date(2025, 6, 1)) == AS_OF  # demonstration data
    assert judgement_date(periods, dt.date(2010, 5, 2)) == dt.date(2010, 5, 2)  # current data
    assert judgement_date(periods.iloc[0:0], dt.date(2025, 6, 1)) == dt.date(2025, 6, 1)
    assert default_due(AS_OF) == dt.date(2010, 9, 30)


# --- the demonstration plans ------------------------------------------------------------------


def test_demo_plans_are_plausible_and_deterministic(session):
    periods = quarters()
    plans = demo_actions(periods, DEFAULT_SEED)
    pd.testing.assert_frame_equal(plans, demo_actions(periods, DEFAULT_SEED))
    assert not plans.equals(demo_actions(periods, 7))
    orgs = queries.organisations(session).set_index("code")
    per_site = plans.groupby("organisation").size()
    trusts = per_site[orgs.loc[per_site.index, "kind"] == "mental_health_trust"]
    assert (
        trusts.between(4, 10).all() and len(trusts) == (orgs["kind"] == "mental_health_trust").sum()
    )
    assert set(plans["status"]) == {"not_started", "on_track", "at_risk", "done"}
    assert plans["characteristic_id"].nunique() == 12
    late = overdue(plans, AS_OF)
    assert 0.08 < len(late) / len(plans) < 0.35
    assert (plans["due_date"] > AS_OF).any()  # some actions are still ahead
    dorset = plans[plans["organisation"] == DORSET]["action"].str.cat(sep=" ")
    assert "RECC training" in dorset and "court advocacy project in Bristol" in dorset
    stored = queries.action_items(session)
    assert len(stored) == len(plans) and set(stored["updated_by"]) == {"demonstration data"}


# --- writes, each with its audit entry ---------------------------------------------------------


def test_an_added_action_is_stored_with_its_audit_entry(writable_db):
    today = dt.date(2010, 4, 2)
    with writable_db.session() as s:
        item_id, entry = add_action(s, "SLAM", _values(), SITE_LEAD, today)
        assert entry.id is not None
    with writable_db.session() as s:
        row = queries.action_items(s, ["SLAM"]).set_index("id").loc[item_id]
    assert row["action"] == GOOD["action"] and row["progress_date"] == today
    assert row["updated_by"] == SITE_LEAD
    audit = last_audit(writable_db)
    assert (audit.actor, audit.action, audit.file_name) == (
        SITE_LEAD,
        "action_plan",
        f"action {item_id}",
    )
    assert (audit.rows_new, audit.rows_revised, audit.checksum) == (1, 0, "")


def test_an_update_dates_a_changed_note_and_audits_it(writable_db):
    item_id = action_of(writable_db, "SLAM")
    with writable_db.session() as s:
        entry = update_action(
            s, item_id, "SLAM", _values(progress_note="Audit started."), ADMIN, dt.date(2010, 4, 9)
        )
        assert entry.rows_revised == 1 and entry.file_name == f"action {item_id}"
    with writable_db.session() as s:  # the same values again: nothing to write, nothing audited
        assert (
            update_action(
                s,
                item_id,
                "SLAM",
                _values(progress_note="Audit started."),
                ADMIN,
                dt.date(2010, 5, 1),
            )
            is None
        )
    with writable_db.session() as s:  # a status change alone keeps the note's date
        update_action(
            s,
            item_id,
            "SLAM",
            _values(progress_note="Audit started.", status="done"),
            ADMIN,
            dt.date(2010, 6, 1),
        )
    with writable_db.session() as s:
        row = queries.action_items(s, ["SLAM"]).set_index("id").loc[item_id]
    assert row["status"] == "done" and row["progress_date"] == dt.date(2010, 4, 9)


def test_an_action_of_another_site_or_an_unknown_site_is_refused(writable_db):
    elft_action = action_of(writable_db, "ELFT")
    before = counts(writable_db)
    with pytest.raises(ActionRefused, match="not on the plan of SLAM"), writable_db.session() as s:
        update_action(s, elft_action, "SLAM", _values(), ADMIN, AS_OF)
    with pytest.raises(ActionRefused, match="no site 'NOPE'"), writable_db.session() as s:
        add_action(s, "NOPE", _values(), ADMIN, AS_OF)
    assert counts(writable_db) == before


def test_an_action_and_its_audit_entry_are_stored_together_or_not_at_all(writable_db):
    before = counts(writable_db)
    with pytest.raises(RuntimeError), writable_db.session() as s:
        add_action(s, "SLAM", _values(), SITE_LEAD, AS_OF)
        raise RuntimeError("the request failed after the write")
    assert counts(writable_db) == before
