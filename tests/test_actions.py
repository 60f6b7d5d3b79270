"""Action plans: the checks of an edit in words, overdue, the demonstration plans, the writes
and their audit entries, and /data/actions through the Flask test client as each role,
including every refusal: another site, a viewer, a regional user, no session, and an action
id taken from another site's plan."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import plotly
import pytest
from sqlalchemy import func, select

from callbacks.actions import update_editor, update_form, update_plan
from callbacks.site import update_site_content
from dashboard.access import current_access
from dashboard.actions import default_due, judgement_date, overdue, validate_action
from dashboard.selection import Selection
from data_access import queries
from data_access.action_writes import ActionRefused, add_action, update_action
from data_access.db import Database
from data_access.demo.actions import DORSET, demo_actions
from data_access.demo.generate import DEFAULT_SEED, quarters
from data_access.models import ActionItem, AuditEntry
from layouts.actions import ids
from layouts.actions.layout import layout
from tests.conftest import (
    ADMIN,
    OTHER_SITE_LEAD,
    REGIONAL,
    SITE_LEAD,
    VIEWER,
    dash_call,
    sign_in_client,
    signed_in_request,
)
from tests.test_callbacks import _find

GOOD = dict(
    characteristic="4",
    action="Audit the use of section 136 with the police by ethnic group",
    owner="Mental Health Act Manager",
    due_date="2010-09-30",
    status="on_track",
    progress_note="Joint audit agreed.",
)
AS_OF = dt.date(2010, 3, 31)


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


@pytest.fixture
def db(writable_db_url):
    database = Database(writable_db_url)
    yield database
    database.dispose()


def _counts(db) -> tuple[int, int]:
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(ActionItem)),
            s.scalar(select(func.count()).select_from(AuditEntry)),
        )


def _last_audit(db) -> AuditEntry:
    with db.session() as s:
        return s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


def _action_of(db, site: str) -> int:
    with db.session() as s:
        return int(queries.action_items(s, [site])["id"].iloc[0])


def test_an_added_action_is_stored_with_its_audit_entry(db):
    today = dt.date(2010, 4, 2)
    with db.session() as s:
        item_id, entry = add_action(s, "SLAM", _values(), SITE_LEAD, today)
        assert entry.id is not None
    with db.session() as s:
        row = queries.action_items(s, ["SLAM"]).set_index("id").loc[item_id]
    assert row["action"] == GOOD["action"] and row["progress_date"] == today
    assert row["updated_by"] == SITE_LEAD
    audit = _last_audit(db)
    assert (audit.actor, audit.action, audit.file_name) == (
        SITE_LEAD,
        "action_plan",
        f"action {item_id}",
    )
    assert (audit.rows_new, audit.rows_revised, audit.checksum) == (1, 0, "")


def test_an_update_dates_a_changed_note_and_audits_it(db):
    item_id = _action_of(db, "SLAM")
    with db.session() as s:
        entry = update_action(
            s, item_id, "SLAM", _values(progress_note="Audit started."), ADMIN, dt.date(2010, 4, 9)
        )
        assert entry.rows_revised == 1 and entry.file_name == f"action {item_id}"
    with db.session() as s:  # the same values again: nothing to write, nothing audited
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
    with db.session() as s:  # a status change alone keeps the note's date
        update_action(
            s,
            item_id,
            "SLAM",
            _values(progress_note="Audit started.", status="done"),
            ADMIN,
            dt.date(2010, 6, 1),
        )
    with db.session() as s:
        row = queries.action_items(s, ["SLAM"]).set_index("id").loc[item_id]
    assert row["status"] == "done" and row["progress_date"] == dt.date(2010, 4, 9)


def test_an_action_of_another_site_or_an_unknown_site_is_refused(db):
    elft_action = _action_of(db, "ELFT")
    before = _counts(db)
    with pytest.raises(ActionRefused, match="not on the plan of SLAM"), db.session() as s:
        update_action(s, elft_action, "SLAM", _values(), ADMIN, AS_OF)
    with pytest.raises(ActionRefused, match="no site 'NOPE'"), db.session() as s:
        add_action(s, "NOPE", _values(), ADMIN, AS_OF)
    assert _counts(db) == before


def test_an_action_and_its_audit_entry_are_stored_together_or_not_at_all(db):
    before = _counts(db)
    with pytest.raises(RuntimeError), db.session() as s:
        add_action(s, "SLAM", _values(), SITE_LEAD, AS_OF)
        raise RuntimeError("the request failed after the write")
    assert _counts(db) == before


# --- wiring: /data/actions through the test client ---------------------------------------------


def _client(writable_app, db, email):
    client = writable_app.server.test_client()
    if email:
        sign_in_client(client, db, email)
    return client


def _save_output(server) -> str:
    """The save callback's output as Dash names it (duplicate outputs carry a hash)."""
    (output,) = [
        key
        for key in server.extensions["dre_dash"].callback_map
        if key.startswith(f"..{ids.ACTIONS_RESULT}.children...")
    ]
    return output


def _opened(client, pick) -> dict | None:
    """The form's opened store as the page fills it when `pick` is picked now (issue 14)."""
    if not (isinstance(pick, str) and pick.isascii() and pick.isdigit()):
        return None
    with client.application.extensions["dre_db"].session() as s:
        version = s.scalar(select(ActionItem.version).where(ActionItem.id == int(pick)))
    return {"id": int(pick), "version": version} if version else None


def _save(client, site, pick="new", **changes):
    fields = {**GOOD, **changes}
    state = [
        (ids.ACTIONS_SITE, site),
        (ids.ACTIONS_PICK, pick),
        (ids.ACTIONS_CHARACTERISTIC, fields["characteristic"]),
        (ids.ACTIONS_TEXT, fields["action"]),
        (ids.ACTIONS_OWNER, fields["owner"]),
        (ids.ACTIONS_DUE, fields["due_date"]),
        (ids.ACTIONS_STATUS, fields["status"]),
        (ids.ACTIONS_NOTE, fields["progress_note"]),
    ]
    return dash_call(
        client,
        _save_output(client.application),
        [{"id": ids.ACTIONS_SAVE, "property": "n_clicks", "value": 1}],
        [{"id": i, "property": "value", "value": v} for i, v in state]
        + [{"id": ids.ACTIONS_OPENED, "property": "data", "value": _opened(client, pick)}],
    )


def _plan(client, site):
    return dash_call(
        client,
        f"{ids.ACTIONS_PLAN}.children",
        [
            {"id": ids.ACTIONS_SITE, "property": "value", "value": site},
            {"id": ids.ACTIONS_SAVED, "property": "data", "value": 1},
        ],
    )


def test_a_site_lead_adds_an_action_to_their_own_plan_and_sees_it(writable_app, db):
    client = _client(writable_app, db, SITE_LEAD)
    before = _counts(db)
    response = _save(client, "SLAM", action="Hold a listening event with Somali elders")
    assert response.status_code == 200
    payload = response.get_json()["response"]
    assert "added" in str(payload[ids.ACTIONS_RESULT]["children"])
    new_id = payload[ids.ACTIONS_PICK]["value"]
    assert new_id in [o["value"] for o in payload[ids.ACTIONS_PICK]["options"]]
    assert _counts(db) == (before[0] + 1, before[1] + 1)
    audit = _last_audit(db)
    assert audit.actor == SITE_LEAD and audit.file_name == f"action {new_id}"
    table = _plan(client, "SLAM").get_data(as_text=True)
    assert "Hold a listening event with Somali elders" in table
    # and changing it through the form updates the same action
    changed = _save(client, "SLAM", pick=new_id, status="at_risk", progress_note="Venue lost.")
    assert "saved" in str(changed.get_json()["response"][ids.ACTIONS_RESULT]["children"])
    assert _counts(db) == (before[0] + 1, before[1] + 2)


@pytest.mark.parametrize(
    ("email", "site", "status"),
    [
        (SITE_LEAD, "ELFT", 403),  # another site's plan
        (OTHER_SITE_LEAD, "SLAM", 403),
        (VIEWER, "SLAM", 403),
        (REGIONAL, "SLAM", 403),  # SLAM is in its region: reading is not writing
        (None, "SLAM", 401),  # no session at all
    ],
)
def test_a_save_beyond_the_persons_role_is_refused_and_stores_nothing(
    writable_app, db, email, site, status
):
    before = _counts(db)
    response = _save(_client(writable_app, db, email), site)
    assert response.status_code == status
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and 'File "' not in text  # a refusal, not a crash
    assert ("may not write for site" if status == 403 else "Sign in") in text
    assert _counts(db) == before


def test_a_crafted_update_of_another_sites_action_is_refused(writable_app, db):
    elft_action = _action_of(db, "ELFT")
    with db.session() as s:
        was = queries.action_items(s, ["ELFT"]).set_index("id").loc[elft_action, "action"]
    before = _counts(db)
    response = _save(_client(writable_app, db, SITE_LEAD), "SLAM", pick=str(elft_action))
    assert response.status_code == 403
    assert f"Action {elft_action} is not on the plan of SLAM" in response.get_data(as_text=True)
    assert _counts(db) == before
    with db.session() as s:
        assert queries.action_items(s, ["ELFT"]).set_index("id").loc[elft_action, "action"] == was
    # nor may the site lead name ELFT to reach it
    assert (
        _save(_client(writable_app, db, SITE_LEAD), "ELFT", pick=str(elft_action)).status_code
        == 403
    )


def test_malformed_requests_are_bad_requests(writable_app, db):
    client = _client(writable_app, db, SITE_LEAD)
    assert _save(client, "SLAM", pick="1 OR 1=1").status_code == 400
    assert _save(client, "SLAM", pick="²").status_code == 400
    assert _save(client, ["SLAM"]).status_code == 400


def test_mistakes_come_back_in_words_and_store_nothing(writable_app, db):
    before = _counts(db)
    response = _save(_client(writable_app, db, SITE_LEAD), "SLAM", action="", due_date="2010-02-30")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Not saved" in text and "Write the action." in text and "not a real date" in text
    assert _counts(db) == before


def test_an_administrator_may_keep_any_sites_plan(writable_app, db):
    assert _save(_client(writable_app, db, ADMIN), "ELFT").status_code == 200


@pytest.mark.parametrize("email", [VIEWER, REGIONAL, OTHER_SITE_LEAD])
def test_everyone_signed_in_reads_any_plan_without_the_form(writable_app, db, email):
    client = _client(writable_app, db, email)
    table = _plan(client, "SLAM")
    assert table.status_code == 200 and "action-status" in table.get_data(as_text=True)
    editor = dash_call(
        client,
        f"..{ids.ACTIONS_PICK}.options...{ids.ACTIONS_PICK}.value...{ids.ACTIONS_EDITOR}.style"
        f"...{ids.ACTIONS_EDITOR_NOTE}.children..",
        [{"id": ids.ACTIONS_SITE, "property": "value", "value": "SLAM"}],
    ).get_json()["response"]
    assert editor[ids.ACTIONS_EDITOR]["style"] == {"display": "none"}
    assert editor[ids.ACTIONS_PICK]["options"] == []
    assert _plan(_client(writable_app, db, None), "SLAM").status_code == 401


# --- the page and the site page's section, as each person sees them ----------------------------


def _text(component) -> str:
    return json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder)


def test_the_page_opens_on_the_asked_site_else_the_leads_own(app):
    from dashboard.loaders import load_catalogue

    for email, search, expected in (
        (SITE_LEAD, "", "SLAM"),
        (SITE_LEAD, "?site=ELFT", "ELFT"),
        (ADMIN, "", None),
        (ADMIN, "?site=NOPE", None),
        (VIEWER, "?region=LDN&trust=DORPCT", "DORPCT"),
    ):
        with signed_in_request(app, email):
            page = layout(
                Selection.from_query(search), load_catalogue(), search, access=current_access()
            )
            assert _find(page, ids.ACTIONS_SITE).value == expected, (email, search)
            assert _find(page, ids.ACTIONS_SAVE) is not None


def test_the_form_follows_the_action_picked(app):
    with signed_in_request(app, SITE_LEAD):
        options, value, style, note = update_editor("SLAM")
        assert value == "new" and style == {} and note is None and len(options) > 1
        first = options[1]["value"]
        characteristic, text, owner, due, status, _, _ = update_form(first, "SLAM")
        assert text and owner and status in ("not_started", "on_track", "at_risk", "done")
        assert dt.date.fromisoformat(due) and characteristic.isdigit()
        assert update_form("new", "SLAM") == (None, "", "", "2010-09-30", "not_started", "", None)
        _, _, style, note = update_editor("ELFT")
        assert style == {"display": "none"} and "you keep the plan of SLAM" in _text(note)
        assert "There is no site with the code 'NOPE'" in _text(update_plan("NOPE", 0))
        assert "Choose a site" in _text(update_plan(None, 0))


@pytest.mark.parametrize(
    ("email", "may_edit"),
    [(SITE_LEAD, True), (ADMIN, True), (VIEWER, False), (OTHER_SITE_LEAD, False)],
)
def test_the_site_page_shows_the_plan_and_offers_editing_only_to_its_keepers(app, email, may_edit):
    with signed_in_request(app, email):
        text = _text(update_site_content("SLAM", ""))
    assert "Action plan" in text and "action-status" in text and "overdue" in text
    assert ("Edit the plan" in text) is may_edit
    assert ("/data/actions?site=SLAM" in text) is may_edit
