"""Callbacks of /data/actions. Reading a plan needs only a session (the sign-in gate asks for
it); saving asks `require_write` on the server for the site the request names before anything
else, so a crafted request for another site, or from a viewer, is refused with a 403 and a
request without a session with a 401. The action's own site is checked again in the write.
The form remembers the version of the action it was opened on (ACTIONS_OPENED): a save made
on an older one is answered in the page, with who saved the action meanwhile and when, and
nothing is written (issue 14). The answer is a 200 carrying that message, not a 409: Dash
shows no output of a response that is not a 200."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from dash import Dash, Input, Output, State, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from flask import current_app
from werkzeug.exceptions import BadRequest, Forbidden

from dashboard.access import current_access, require_write
from dashboard.actions import (
    NEW,
    ActionRefused,
    Conflict,
    default_due,
    judgement_date,
    plan_item,
    save_action,
    site_plan,
    validate_action,
)
from dashboard.edits import changed_by, opened_version, still_opening
from dashboard.loaders import load_catalogue
from layouts.actions import ids
from layouts.actions.layout import (
    HIDDEN,
    SHOWN,
    editor_note,
    errors_view,
    pick_options,
    plan_content,
    refused_view,
    saved_view,
    unchanged_view,
)
from layouts.site.plan import characteristic_names


def _site(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRequest("The site must be an organisation code.")
    return value


def _item_id(pick: object) -> int | None:
    """None for a new action, the action's id otherwise (BadRequest for anything else)."""
    if pick in (None, NEW):
        return None
    if isinstance(pick, str) and pick.isascii() and pick.isdigit() and len(pick) < 10:
        return int(pick)
    raise BadRequest("The action must be 'new' or an action's number.")


def update_plan(site: object, _saved: int | None) -> list:
    """Site chosen or an action saved → the site's plan, by characteristic, overdue marked."""
    code = _site(site)
    catalogue = load_catalogue()
    plan = site_plan(code, catalogue)
    return plan_content(plan, code, characteristic_names(catalogue))


def update_editor(site: object) -> tuple[list[dict], str, dict, Component | None]:
    """Site chosen → the form's actions to pick (new first), and the form shown only to those
    who may write that site, or a note of who keeps the plan."""
    code = _site(site)
    plan = site_plan(code, load_catalogue())
    note = editor_note(plan, current_access())
    if plan is None or not plan.editable:
        return [], NEW, HIDDEN, note
    return pick_options(plan.items), NEW, SHOWN, note


def update_form(
    pick: object, site: object
) -> tuple[str | None, str, str, str, str, str, dict | None]:
    """Action picked → its characteristic, text, owner, due date, status and note in the form
    (empty, due two quarters on, for a new action), and the version it was opened at."""
    code, item_id = _site(site), _item_id(pick)
    if code is None:
        raise PreventUpdate
    if item_id is None:
        due = default_due(judgement_date(load_catalogue().periods, dt.date.today()))
        return None, "", "", due.isoformat(), "not_started", "", None
    item = plan_item(code, item_id)
    if item is None:
        raise PreventUpdate
    return (
        str(item["characteristic"]),
        item["action"],
        item["owner"],
        pd.Timestamp(item["due_date"]).date().isoformat(),
        item["status"],
        item["progress_note"] or "",
        {"id": item_id, "version": int(item["version"])},
    )


def on_save(
    n_clicks: int | None,
    site: object,
    pick: object,
    characteristic: object,
    action: object,
    owner: object,
    due: object,
    status: object,
    note: object,
    opened: object,
) -> tuple:
    """Save button → the action checked and stored with its audit entry (the plan redrawn and
    the new action picked, at its new version), or what is wrong in words, or who saved it
    since the form was opened."""
    if not n_clicks:
        raise PreventUpdate
    code = _site(site)
    access = require_write(code)  # before anything is read or written
    item_id = _item_id(pick)
    seen = None if item_id is None else opened_version(opened, "id", item_id)
    unchanged = (no_update,) * 4
    if item_id is not None and seen is None:
        return refused_view(still_opening(f"action {item_id}")), *unchanged
    edit, errors = validate_action(characteristic, action, owner, due, status, note)
    if edit is None:
        return errors_view(errors), *unchanged
    try:
        saved = save_action(code, item_id, edit, access.actor, dt.date.today(), seen)
    except ActionRefused as exc:
        raise Forbidden(str(exc)) from exc
    except Conflict as exc:
        current_app.logger.info("action %s not saved by %s: %s", item_id, access.actor, exc)
        return refused_view(changed_by(exc)), *unchanged
    item_id, verb = saved.item_id, saved.verb
    if verb is None:
        return unchanged_view(item_id), *unchanged
    current_app.logger.info("action %s %s by %s for %s", item_id, verb, access.actor, code)
    plan = site_plan(code, load_catalogue())
    name = plan.name if plan is not None else code
    options = pick_options(plan.items) if plan is not None else no_update
    opened_now = {"id": item_id, "version": saved.version}
    return saved_view(verb, item_id, name), n_clicks, options, str(item_id), opened_now


def register(app: Dash) -> None:
    app.callback(
        Output(ids.ACTIONS_PLAN, "children"),
        Input(ids.ACTIONS_SITE, "value"),
        Input(ids.ACTIONS_SAVED, "data"),
    )(update_plan)
    app.callback(
        Output(ids.ACTIONS_PICK, "options"),
        Output(ids.ACTIONS_PICK, "value"),
        Output(ids.ACTIONS_EDITOR, "style"),
        Output(ids.ACTIONS_EDITOR_NOTE, "children"),
        Input(ids.ACTIONS_SITE, "value"),
    )(update_editor)
    app.callback(
        Output(ids.ACTIONS_CHARACTERISTIC, "value"),
        Output(ids.ACTIONS_TEXT, "value"),
        Output(ids.ACTIONS_OWNER, "value"),
        Output(ids.ACTIONS_DUE, "value"),
        Output(ids.ACTIONS_STATUS, "value"),
        Output(ids.ACTIONS_NOTE, "value"),
        Output(ids.ACTIONS_OPENED, "data"),
        Input(ids.ACTIONS_PICK, "value"),
        State(ids.ACTIONS_SITE, "value"),
    )(update_form)
    app.callback(
        Output(ids.ACTIONS_RESULT, "children"),
        Output(ids.ACTIONS_SAVED, "data"),
        Output(ids.ACTIONS_PICK, "options", allow_duplicate=True),
        Output(ids.ACTIONS_PICK, "value", allow_duplicate=True),
        Output(ids.ACTIONS_OPENED, "data", allow_duplicate=True),
        Input(ids.ACTIONS_SAVE, "n_clicks"),
        State(ids.ACTIONS_SITE, "value"),
        State(ids.ACTIONS_PICK, "value"),
        State(ids.ACTIONS_CHARACTERISTIC, "value"),
        State(ids.ACTIONS_TEXT, "value"),
        State(ids.ACTIONS_OWNER, "value"),
        State(ids.ACTIONS_DUE, "value"),
        State(ids.ACTIONS_STATUS, "value"),
        State(ids.ACTIONS_NOTE, "value"),
        State(ids.ACTIONS_OPENED, "data"),
        prevent_initial_call=True,
    )(on_save)
