"""Action plans over HTTP and in the pages: /data/actions through the Flask test client as
each role (signed in through /login), including every refusal: another site, a viewer, a
regional user, no session, and an action id taken from another site's plan; then the page
and the site page's section, as each person sees them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from callbacks.actions import update_editor, update_form, update_plan
from callbacks.site import update_site_content
from dashboard.access import current_access
from dashboard.selection import Selection
from data_access import queries
from data_access.models import ActionItem
from layouts.actions import ids
from layouts.actions.layout import layout
from tests.actions_helpers import GOOD, action_of, counts, last_audit
from tests.components import find, prop, text, with_class
from tests.conftest import (
    ADMIN,
    OTHER_SITE_LEAD,
    REGIONAL,
    SITE_LEAD,
    VIEWER,
    client_as,
    signed_in_request,
)
from tests.dash_requests import callback_output, dash_call

# --- wiring: /data/actions through the test client ---------------------------------------------


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
        callback_output(client, f"{ids.ACTIONS_RESULT}.children..."),
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


def test_a_site_lead_adds_an_action_to_their_own_plan_and_sees_it(writable_app, writable_db):
    client = client_as(writable_app, SITE_LEAD)
    actions, audits = counts(writable_db)
    response = _save(client, "SLAM", action="Hold a listening event with Somali elders")
    assert response.status_code == 200
    payload = response.get_json()["response"]
    assert "added" in text(payload[ids.ACTIONS_RESULT]["children"])
    new_id = payload[ids.ACTIONS_PICK]["value"]
    assert new_id in [o["value"] for o in payload[ids.ACTIONS_PICK]["options"]]
    assert counts(writable_db) == (actions + 1, audits + 1)
    audit = last_audit(writable_db)
    assert audit.actor == SITE_LEAD and audit.file_name == f"action {new_id}"
    table = _plan(client, "SLAM").get_json()["response"][ids.ACTIONS_PLAN]["children"]
    assert "Hold a listening event with Somali elders" in text(table)
    # and changing it through the form updates the same action
    changed = _save(client, "SLAM", pick=new_id, status="at_risk", progress_note="Venue lost.")
    assert "saved" in text(changed.get_json()["response"][ids.ACTIONS_RESULT]["children"])
    assert counts(writable_db) == (actions + 1, audits + 2)


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
    writable_app, writable_db, email, site, status
):
    before = counts(writable_db)
    response = _save(client_as(writable_app, email), site)
    assert response.status_code == status
    body = response.get_data(as_text=True)
    assert "Traceback" not in body and 'File "' not in body  # a refusal, not a crash
    assert ("may not write for site" if status == 403 else "Sign in") in body
    assert counts(writable_db) == before


def test_a_crafted_update_of_another_sites_action_is_refused(writable_app, writable_db):
    elft_action = action_of(writable_db, "ELFT")
    with writable_db.session() as s:
        was = queries.action_items(s, ["ELFT"]).set_index("id").loc[elft_action, "action"]
    before = counts(writable_db)
    response = _save(client_as(writable_app, SITE_LEAD), "SLAM", pick=str(elft_action))
    assert response.status_code == 403
    assert f"Action {elft_action} is not on the plan of SLAM" in response.get_data(as_text=True)
    assert counts(writable_db) == before
    with writable_db.session() as s:
        assert queries.action_items(s, ["ELFT"]).set_index("id").loc[elft_action, "action"] == was
    # nor may the site lead name ELFT to reach it
    assert (
        _save(client_as(writable_app, SITE_LEAD), "ELFT", pick=str(elft_action)).status_code == 403
    )


def test_malformed_requests_are_bad_requests(writable_app, writable_db):
    client = client_as(writable_app, SITE_LEAD)
    assert _save(client, "SLAM", pick="1 OR 1=1").status_code == 400
    assert _save(client, "SLAM", pick="²").status_code == 400
    assert _save(client, ["SLAM"]).status_code == 400


def test_mistakes_come_back_in_words_and_store_nothing(writable_app, writable_db):
    before = counts(writable_db)
    response = _save(client_as(writable_app, SITE_LEAD), "SLAM", action="", due_date="2010-02-30")
    assert response.status_code == 200
    said = text(response.get_json()["response"][ids.ACTIONS_RESULT]["children"])
    assert "Not saved" in said and "Write the action." in said and "not a real date" in said
    assert counts(writable_db) == before


def test_an_administrator_may_keep_any_sites_plan(writable_app, writable_db):
    assert _save(client_as(writable_app, ADMIN), "ELFT").status_code == 200


@pytest.mark.parametrize("email", [VIEWER, REGIONAL, OTHER_SITE_LEAD])
def test_everyone_signed_in_reads_any_plan_without_the_form(writable_app, writable_db, email):
    client = client_as(writable_app, email)
    response = _plan(client, "SLAM")
    assert response.status_code == 200
    assert with_class(
        response.get_json()["response"][ids.ACTIONS_PLAN]["children"], "action-status"
    )
    editor = dash_call(
        client,
        f"..{ids.ACTIONS_PICK}.options...{ids.ACTIONS_PICK}.value...{ids.ACTIONS_EDITOR}.style"
        f"...{ids.ACTIONS_EDITOR_NOTE}.children..",
        [{"id": ids.ACTIONS_SITE, "property": "value", "value": "SLAM"}],
    ).get_json()["response"]
    assert editor[ids.ACTIONS_EDITOR]["style"] == {"display": "none"}
    assert editor[ids.ACTIONS_PICK]["options"] == []
    assert _plan(client_as(writable_app, None), "SLAM").status_code == 401


# --- the page and the site page's section, as each person sees them ----------------------------


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
            assert find(page, ids.ACTIONS_SITE).value == expected, (email, search)
            assert find(page, ids.ACTIONS_SAVE) is not None


def test_the_form_follows_the_action_picked(app):
    with signed_in_request(app, SITE_LEAD):
        options, value, style, note = update_editor("SLAM")
        assert value == "new" and style == {} and note is None and len(options) > 1
        first = next(o["value"] for o in options if o["value"] != "new")
        characteristic, action, owner, due, status, _, _ = update_form(first, "SLAM")
        assert action and owner and status in ("not_started", "on_track", "at_risk", "done")
        assert dt.date.fromisoformat(due) and characteristic.isdigit()
        assert update_form("new", "SLAM") == (
            None,
            "",
            "",
            "2010-09-30",
            "not_started",
            "",
            None,
        )
        _, _, style, note = update_editor("ELFT")
        assert style == {"display": "none"} and "you keep the plan of SLAM" in text(note)
        assert "There is no site with the code 'NOPE'" in text(update_plan("NOPE", 0))
        assert "Choose a site" in text(update_plan(None, 0))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("email", "may_edit"),
    [(SITE_LEAD, True), (ADMIN, True), (VIEWER, False), (OTHER_SITE_LEAD, False)],
)
def test_the_site_page_shows_the_plan_and_offers_editing_only_to_its_keepers(app, email, may_edit):
    with signed_in_request(app, email):
        content = update_site_content("SLAM", "")
    assert "Action plan" in text(content) and "overdue" in text(content)
    assert with_class(content, "action-status")  # the plan's table, with a badge per action
    edit_links = [prop(c, "href") for c in with_class(content, "actions-edit-link")]
    assert edit_links == (["/data/actions?site=SLAM"] if may_edit else [])
