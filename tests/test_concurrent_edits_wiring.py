"""Issue 14 through the pages: two people open the same form (an action, a measure, a site's
measures) over the Flask test client; the first save is stored, the second, sent with the
version its form was opened at, is answered in the page with who changed it and when (a 200
with the message: Dash shows no output of a non-200 answer), and nothing of it is written."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from callbacks.menu import FORM_FIELDS
from dashboard.accounts import create_user
from dashboard.menu.changes import site_measures
from data_access import queries
from data_access.db import Database
from data_access.models import ActionItem, AuditEntry, Measure
from layouts.actions import ids as action_ids
from layouts.menu import ids as menu_ids
from tests.conftest import ADMIN, SITE_LEAD, TEST_PASSWORD, sign_in_client

SECOND_ADMIN = "second-admin@dre.example"
RELOAD = "reload to see their changes"
ACTION_FORM = (
    action_ids.ACTIONS_CHARACTERISTIC,
    action_ids.ACTIONS_TEXT,
    action_ids.ACTIONS_OWNER,
    action_ids.ACTIONS_DUE,
    action_ids.ACTIONS_STATUS,
    action_ids.ACTIONS_NOTE,
)


@pytest.fixture
def db(writable_db_url):
    database = Database(writable_db_url)
    yield database
    database.dispose()


def _client(app, db, email):
    client = app.server.test_client()
    sign_in_client(client, email)
    return client


def _output(app, first: str) -> str:
    callbacks = app.server.extensions["dre_dash"].callback_map
    return next(k for k in callbacks if k.lstrip(".").startswith(first))


def _post(client, app, first: str, inputs: list, state: list, changed: str, status: int = 200):
    output = _output(app, first)
    specs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]}
        for part in output.strip(".").split("...")
    ]
    body = {
        "output": output,
        "outputs": specs if output.startswith("..") else specs[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [changed],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()["response"] if status == 200 else None


def _value(component_id, value, prop="value") -> dict:
    return {"id": component_id, "property": prop, "value": value}


def _last_audit(db) -> AuditEntry:
    with db.session() as s:
        return s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


# --- an action ---------------------------------------------------------------------------------


def _open_action(client, app, item: int) -> tuple[dict, dict]:
    """The form as the page fills it when `item` is picked: its values and the opened store."""
    pick = _value(action_ids.ACTIONS_PICK, str(item))
    form = _post(
        client,
        app,
        f"{action_ids.ACTIONS_CHARACTERISTIC}.value",
        [pick],
        [_value(action_ids.ACTIONS_SITE, "SLAM")],
        f"{action_ids.ACTIONS_PICK}.value",
    )
    values = {i: form[i]["value"] for i in ACTION_FORM}
    return values, form[action_ids.ACTIONS_OPENED]["data"]


def _save_action(client, app, item, values: dict, opened, status: int = 200):
    state = [
        _value(action_ids.ACTIONS_SITE, "SLAM"),
        _value(action_ids.ACTIONS_PICK, str(item)),
        *(_value(i, values[i]) for i in ACTION_FORM),
        _value(action_ids.ACTIONS_OPENED, opened, "data"),
    ]
    save = _value(action_ids.ACTIONS_SAVE, 1, "n_clicks")
    return _post(
        client,
        app,
        f"{action_ids.ACTIONS_RESULT}.children",
        [save],
        state,
        f"{action_ids.ACTIONS_SAVE}.n_clicks",
        status,
    )


def _stored_action(db, item: int) -> ActionItem:
    with db.session() as s:
        return s.get(ActionItem, item)


def test_an_action_edited_on_two_screens_refuses_the_later_save(writable_app, db):
    with db.session() as s:
        item = int(queries.action_items(s, ["SLAM"])["id"].iloc[0])
    admin, lead = _client(writable_app, db, ADMIN), _client(writable_app, db, SITE_LEAD)
    values_a, opened_a = _open_action(admin, writable_app, item)
    values_b, opened_b = _open_action(lead, writable_app, item)
    assert opened_a == opened_b == {"id": item, "version": 1}
    status = "at_risk" if values_a[action_ids.ACTIONS_STATUS] != "at_risk" else "on_track"
    saved = _save_action(
        admin, writable_app, item, {**values_a, action_ids.ACTIONS_STATUS: status}, opened_a
    )
    assert "saved" in json.dumps(saved[action_ids.ACTIONS_RESULT])
    assert saved[action_ids.ACTIONS_OPENED]["data"] == {"id": item, "version": 2}
    audits = _last_audit(db).id
    refused = _save_action(
        lead, writable_app, item, {**values_b, action_ids.ACTIONS_OWNER: "Matron"}, opened_b
    )
    words = json.dumps(refused[action_ids.ACTIONS_RESULT])
    assert f"Changed by {ADMIN} at " in words and RELOAD in words
    assert action_ids.ACTIONS_OPENED not in refused  # the form keeps what B typed
    stored = _stored_action(db, item)
    assert (stored.owner, stored.status, stored.version) == (
        values_b[action_ids.ACTIONS_OWNER],
        status,
        2,
    )
    assert _last_audit(db).id == audits
    # B reloads: the form shows A's change at the new version, and B's save now goes through
    values_b, opened_b = _open_action(lead, writable_app, item)
    assert values_b[action_ids.ACTIONS_STATUS] == status and opened_b["version"] == 2
    again = _save_action(
        lead, writable_app, item, {**values_b, action_ids.ACTIONS_OWNER: "Matron"}, opened_b
    )
    assert "saved" in json.dumps(again[action_ids.ACTIONS_RESULT])
    assert _stored_action(db, item).owner == "Matron"
    assert _last_audit(db).details == {
        "owner": {"old": values_a[action_ids.ACTIONS_OWNER], "new": "Matron"}
    }


def test_a_save_without_the_opened_version_is_not_written(writable_app, db):
    with db.session() as s:
        first, second = (int(i) for i in queries.action_items(s, ["SLAM"])["id"].iloc[:2])
    lead = _client(writable_app, db, SITE_LEAD)
    values, _ = _open_action(lead, writable_app, first)
    changed = {**values, action_ids.ACTIONS_OWNER: "Matron"}
    for stale in (None, {"id": second, "version": 1}):  # the form not yet opened on `first`
        refused = _save_action(lead, writable_app, first, changed, stale)
        assert "still opening" in json.dumps(refused[action_ids.ACTIONS_RESULT])
    for crafted in ({"id": first, "version": "1"}, ["x"], {"id": first}):
        _save_action(lead, writable_app, first, changed, crafted, status=400)
    assert _stored_action(db, first).owner == values[action_ids.ACTIONS_OWNER]


# --- the measure form --------------------------------------------------------------------------


def _open_measure(client, app, code: str) -> tuple[dict, dict]:
    form = _post(
        client,
        app,
        f"{menu_ids.MENU_CODE}.value",
        [_value(menu_ids.MENU_PICK, code), _value(menu_ids.MENU_FORM_VERSION, 0, "data")],
        [],
        f"{menu_ids.MENU_PICK}.value",
    )
    return {c: form[c]["value"] for _, c in FORM_FIELDS}, form[menu_ids.MENU_OPENED]["data"]


def _save_measure(client, app, code: str, values: dict, opened):
    buttons = (menu_ids.MENU_SAVE, menu_ids.MENU_AGREE, menu_ids.MENU_RETIRE)
    state = [
        _value(menu_ids.MENU_PICK, code),
        _value(menu_ids.MENU_OPENED, opened, "data"),
        *(_value(c, values[c]) for _, c in FORM_FIELDS),
    ]
    return _post(
        client,
        app,
        f"{menu_ids.MENU_RESULT}.children",
        [_value(b, 1 if b == menu_ids.MENU_SAVE else None, "n_clicks") for b in buttons],
        state,
        f"{menu_ids.MENU_SAVE}.n_clicks",
    )


def test_a_measure_edited_by_two_administrators_refuses_the_later_save(writable_app, db):
    with db.session() as s:
        create_user(s, SECOND_ADMIN, TEST_PASSWORD, "admin")
    first, second = _client(writable_app, db, ADMIN), _client(writable_app, db, SECOND_ADMIN)
    values_a, opened_a = _open_measure(first, writable_app, "M12C")
    values_b, opened_b = _open_measure(second, writable_app, "M12C")
    assert opened_a == opened_b == {"code": "M12C", "version": 1}
    old_name = values_a[menu_ids.MENU_NAME]
    saved = _save_measure(
        first, writable_app, "M12C", {**values_a, menu_ids.MENU_NAME: "Interpreters"}, opened_a
    )
    assert "M12C saved" in json.dumps(saved[menu_ids.MENU_RESULT])
    refused = _save_measure(
        second, writable_app, "M12C", {**values_b, menu_ids.MENU_SOURCE: "A log"}, opened_b
    )
    words = json.dumps(refused[menu_ids.MENU_RESULT])
    assert f"Changed by {ADMIN} at " in words and RELOAD in words
    with db.session() as s:
        measure = s.scalars(select(Measure).where(Measure.code == "M12C")).one()
        assert (measure.name, measure.version) == ("Interpreters", 2)
        assert measure.source == values_b[menu_ids.MENU_SOURCE]
    entry = _last_audit(db)
    assert (entry.actor, entry.details) == (
        ADMIN,
        {"name": {"old": old_name, "new": "Interpreters"}},
    )


# --- a site's measures and targets -------------------------------------------------------------


def _open_site(client, app) -> dict:
    card = _post(
        client,
        app,
        f"{menu_ids.MENU_ADOPTION}.children",
        [_value(menu_ids.MENU_SITE, "SLAM"), _value(menu_ids.MENU_SITE_VERSION, 0, "data")],
        [],
        f"{menu_ids.MENU_SITE}.value",
    )
    return card[menu_ids.MENU_SITE_OPENED]["data"]


def _save_site(client, app, choices: dict[str, tuple[bool, str]], opened):
    state = [
        _value(menu_ids.MENU_SITE, "SLAM"),
        [_value({"type": menu_ids.MENU_ADOPT, "code": c}, a) for c, (a, _) in choices.items()],
        [_value({"type": menu_ids.MENU_TARGET, "code": c}, t) for c, (_, t) in choices.items()],
        _value(menu_ids.MENU_SITE_OPENED, opened, "data"),
    ]
    return _post(
        client,
        app,
        f"{menu_ids.MENU_SITE_RESULT}.children",
        [_value(menu_ids.MENU_SITE_SAVE, 1, "n_clicks")],
        state,
        f"{menu_ids.MENU_SITE_SAVE}.n_clicks",
    )


def _targets(db) -> dict:
    return site_measures(db, "SLAM")[0]  # code -> target, None without one


def test_a_sites_measures_edited_on_two_screens_refuse_the_later_save(writable_app, db):
    admin, lead = _client(writable_app, db, ADMIN), _client(writable_app, db, SITE_LEAD)
    opened_a, opened_b = _open_site(admin, writable_app), _open_site(lead, writable_app)
    assert opened_a == opened_b == {"site": "SLAM", "version": 1}
    before = _targets(db)
    saved = _save_site(admin, writable_app, {"M01A": (True, "25")}, opened_a)
    assert "Saved for SLAM: M01A target 25." in json.dumps(saved[menu_ids.MENU_SITE_RESULT])
    refused = _save_site(lead, writable_app, {"M01A": (True, "30"), "M02A": (True, "4")}, opened_b)
    words = json.dumps(refused[menu_ids.MENU_SITE_RESULT])
    assert f"Changed by {ADMIN} at " in words and RELOAD in words
    assert _targets(db) == {**before, "M01A": 25.0}
    assert _last_audit(db).details == {"target": {"old": before["M01A"], "new": 25.0}}
    assert _open_site(lead, writable_app) == {"site": "SLAM", "version": 2}
    stale = _save_site(lead, writable_app, {"M01A": (True, "30")}, {"site": "ELFT", "version": 2})
    assert "still opening" in json.dumps(stale[menu_ids.MENU_SITE_RESULT])
