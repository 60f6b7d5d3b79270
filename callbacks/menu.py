"""Callbacks of /data/measures. Each asks dashboard.access on the server before it reads or
writes: the menu's form and its writes only for an administrator (`require_admin`), a site's
adoptions and targets only for that site's lead or an administrator (`require_write`, with the
site named in the request, never a value the page was trusted to send). A crafted request is
refused with 403 before anything is read or written; without a session the gate answers 401.
Each form remembers the version of what it opened (MENU_OPENED for a measure, MENU_SITE_OPENED
for a site's measures): a save on an older version is refused in the page with who saved in
between and when, and nothing is written (issue 14; a 200 with the message, as Dash shows no
output of another status).
"""

from __future__ import annotations

import uuid

import pandas as pd
from dash import Dash, Input, Output, State, ctx, no_update
from dash.dependencies import ALL
from werkzeug.exceptions import BadRequest

from dashboard.access import current_access, require_admin, require_write
from dashboard.edits import opened_version, still_opening
from dashboard.loaders import database, load_catalogue
from dashboard.menu.changes import change_status, edit, menu, propose, save_site, site_measures
from dashboard.menu.rules import Outcome
from layouts.menu import ids
from layouts.menu.layout import NEW, outcome_view, plausible_hints
from layouts.menu.sites import adoption_editor
from layouts.menu.table import menu_table

#: (field of dashboard.menu.rules.read_measure, the form's component) from top to bottom.
FORM_FIELDS = (
    ("code", ids.MENU_CODE),
    ("characteristic", ids.MENU_CHARACTERISTIC),
    ("name", ids.MENU_NAME),
    ("kind", ids.MENU_KIND),
    ("polarity", ids.MENU_POLARITY),
    ("unit", ids.MENU_UNIT),
    ("multiplier", ids.MENU_MULTIPLIER),
    ("by_ethnicity", ids.MENU_BY_ETHNICITY),
    ("numerator_definition", ids.MENU_NUMERATOR),
    ("denominator_definition", ids.MENU_DENOMINATOR),
    ("source", ids.MENU_SOURCE),
    ("plausible_min", ids.MENU_PLAUSIBLE_MIN),
    ("plausible_max", ids.MENU_PLAUSIBLE_MAX),
    ("numerator_may_exceed", ids.MENU_MAY_EXCEED),
)
#: The fields that cannot change once a measure has been agreed (dashboard.menu.rules).
FIXED_FIELDS = (
    ids.MENU_CODE,
    ids.MENU_CHARACTERISTIC,
    ids.MENU_KIND,
    ids.MENU_MULTIPLIER,
    ids.MENU_BY_ETHNICITY,
)
BLANK = {
    "kind": "proportion",
    "polarity": "higher_is_better",
    "unit": "%",
    "multiplier": 100,
    "numerator_may_exceed": "default",
}
#: Most choices one save may carry: the menu is a few dozen measures.
MAX_CHOICES = 500


def _token() -> str:
    """A new value for a version store: whatever reads it runs again."""
    return uuid.uuid4().hex


def update_table(_version: object):
    """Page shown or anything saved → the menu grouped by characteristic."""
    current_access()
    return menu_table(menu(database()), load_catalogue().characteristics)


def pick_options() -> list[dict]:
    """The form's measure picker: a new measure, then every measure on the menu."""
    frame = menu(database())
    return [{"label": "New measure…", "value": NEW}] + [
        {"label": f"{m.code} · {m.name} ({m.status})", "value": m.code} for m in frame.itertuples()
    ]


def update_pick_options(_version: object) -> list[dict]:
    """Page shown → the measures an administrator can pick to edit."""
    require_admin()
    return pick_options()


def update_form(pick: object, _version: object) -> tuple:
    """Measure picked, or the menu saved → its definition in the form, and the actions its
    status allows (agree a proposed or retired measure, retire an agreed one)."""
    require_admin()
    frame = menu(database())
    rows = frame[frame["code"] == pick] if isinstance(pick, str) else frame.iloc[0:0]
    if rows.empty:
        values = [
            BLANK.get(field, True if field == "by_ethnicity" else None) for field, _ in FORM_FIELDS
        ]
        note = "A new measure starts as proposed: agree it to offer it to the sites."
        return (
            *values,
            *(False for _ in FIXED_FIELDS),
            "Propose measure",
            True,
            "Agree",
            True,
            note,
            None,
        )
    m = rows.iloc[0]
    values = [_form_value(f, m[f]) for f, _ in FORM_FIELDS]
    fixed = m["status"] != "proposed"
    note = f"{m['code']} is {m['status']} and used by {int(m['sites'])} site(s)."
    if fixed:
        note += " Its code, characteristic, kind, multiplier and ethnic split are fixed."
    return (
        *values,
        *(fixed for _ in FIXED_FIELDS),
        "Save changes",
        m["status"] == "agreed",
        "Agree again" if m["status"] == "retired" else "Agree",
        m["status"] != "agreed",
        note,
        {"code": m["code"], "version": int(m["version"])},
    )


def _form_value(field: str, stored: object) -> object:
    """A stored value as its form control holds it (a NULL range end is an empty field; the
    numerator's rule is one of the dropdown's choices)."""
    if field == "numerator_may_exceed":
        return "default" if stored is None or pd.isna(stored) else ("yes" if stored else "no")
    if field == "by_ethnicity":
        return bool(stored)
    if field.startswith("plausible_") and pd.isna(stored):
        return None
    return stored.item() if hasattr(stored, "item") else stored


def update_plausible_hints(kind: object, multiplier: object) -> tuple:
    """Kind or multiplier changed → the kind's defaults shown in the empty range fields and
    named in the numerator's choices."""
    require_admin()
    return plausible_hints(kind, multiplier)


def on_menu_action(
    _save: object, _agree: object, _retire: object, pick: object, opened: object, *values: object
):
    """Propose, Save, Agree or Retire → the change stored with its audit entry (or why not, or
    who changed the measure since the form was opened), and the picker, the form, the table and
    the sites' lists follow."""
    access = require_admin()
    if not isinstance(pick, str):
        raise BadRequest("Choose a measure, or a new one.")
    raw = {field: value for (field, _), value in zip(FORM_FIELDS, values, strict=True)}
    db, trigger = database(), ctx.triggered_id
    seen = None if pick == NEW else opened_version(opened, "code", pick)
    if pick != NEW and seen is None:
        outcome = Outcome(errors=(still_opening(pick),))
    elif trigger == ids.MENU_SAVE:
        outcome = (
            propose(db, raw, access.actor)
            if pick == NEW
            else edit(db, pick, raw, access.actor, seen)
        )
    elif trigger in (ids.MENU_AGREE, ids.MENU_RETIRE) and pick != NEW:
        status = "agreed" if trigger == ids.MENU_AGREE else "retired"
        outcome = change_status(db, pick, status, access.actor, seen)
    else:
        outcome = Outcome(errors=("Choose a measure on the menu first.",))
    view = outcome_view(outcome.message, outcome.errors)
    if not outcome.ok:
        return view, no_update, no_update, no_update, no_update, no_update
    token = _token()
    return view, pick_options(), outcome.code or pick, token, token, token


def site_choices(adopt_states: object, target_states: object) -> dict[str, tuple[bool, object]]:
    """code → (ticked, typed target) from the editor's pattern-matching states as the request
    carries them; anything not shaped like the editor's rows is a bad request."""
    if not isinstance(adopt_states, list) or not isinstance(target_states, list):
        raise BadRequest("The site's measures did not arrive as a list.")
    if len(adopt_states) + len(target_states) > MAX_CHOICES:
        raise BadRequest("Too many measures in one save.")

    def code(state: object) -> str:
        key = state.get("id") if isinstance(state, dict) else None
        found = key.get("code") if isinstance(key, dict) else None
        if not isinstance(found, str):
            raise BadRequest("A measure in the request has no code.")
        return found

    targets = {code(s): s.get("value") for s in target_states}
    return {code(s): (s.get("value") is True, targets.get(code(s))) for s in adopt_states}


def update_adoption(site: object, _version: object):
    """Site chosen, or its measures saved → the agreed measures with the site's choices, and
    the version of those choices the card was opened at."""
    if site is None:
        return None, None
    if not isinstance(site, str):
        raise BadRequest("Choose a site.")
    require_write(site)
    frame = menu(database())
    agreed = frame[frame["status"] == "agreed"]
    chars = load_catalogue().characteristics
    adopted, version = site_measures(database(), site)
    opened = {"site": site, "version": version} if version is not None else None
    return adoption_editor(agreed, chars, adopted), opened


def on_site_save(_clicks: object, site: object, _adopted: object, _targets: object, opened: object):
    """Save → the site's adoptions and targets stored, each change audited (or why not, or who
    changed them since the card was opened)."""
    if not isinstance(site, str):
        raise BadRequest("Choose a site.")
    access = require_write(site)
    states = ctx.states_list
    choices = site_choices(states[1], states[2])
    seen = opened_version(opened, "site", site)
    if seen is None:
        outcome = Outcome(errors=(still_opening(f"the measures of {site}"),))
    else:
        outcome = save_site(database(), site, choices, access.actor, seen=seen)
    view = outcome_view(outcome.message, outcome.errors)
    if not outcome.ok:
        return view, no_update, no_update
    token = _token()
    return view, token, token


def register(app: Dash) -> None:
    app.callback(Output(ids.MENU_TABLE, "children"), Input(ids.MENU_VERSION, "data"))(update_table)
    app.callback(Output(ids.MENU_PICK, "options"), Input(ids.MENU_FORM_VERSION, "data"))(
        update_pick_options
    )
    form = [Output(component, "value") for _, component in FORM_FIELDS]
    app.callback(
        *form,
        *(Output(component, "disabled") for component in FIXED_FIELDS),
        Output(ids.MENU_SAVE, "children"),
        Output(ids.MENU_AGREE, "disabled"),
        Output(ids.MENU_AGREE, "children"),
        Output(ids.MENU_RETIRE, "disabled"),
        Output(ids.MENU_STATUS, "children"),
        Output(ids.MENU_OPENED, "data"),
        Input(ids.MENU_PICK, "value"),
        Input(ids.MENU_FORM_VERSION, "data"),
    )(update_form)
    app.callback(
        Output(ids.MENU_PLAUSIBLE_MIN, "placeholder"),
        Output(ids.MENU_PLAUSIBLE_MAX, "placeholder"),
        Output(ids.MENU_MAY_EXCEED, "options"),
        Input(ids.MENU_KIND, "value"),
        Input(ids.MENU_MULTIPLIER, "value"),
    )(update_plausible_hints)
    app.callback(
        Output(ids.MENU_RESULT, "children"),
        Output(ids.MENU_PICK, "options", allow_duplicate=True),
        Output(ids.MENU_PICK, "value"),
        Output(ids.MENU_FORM_VERSION, "data"),
        Output(ids.MENU_VERSION, "data"),
        Output(ids.MENU_SITE_VERSION, "data", allow_duplicate=True),
        Input(ids.MENU_SAVE, "n_clicks"),
        Input(ids.MENU_AGREE, "n_clicks"),
        Input(ids.MENU_RETIRE, "n_clicks"),
        State(ids.MENU_PICK, "value"),
        State(ids.MENU_OPENED, "data"),
        *(State(component, "value") for _, component in FORM_FIELDS),
        prevent_initial_call=True,
    )(on_menu_action)
    app.callback(
        Output(ids.MENU_ADOPTION, "children"),
        Output(ids.MENU_SITE_OPENED, "data"),
        Input(ids.MENU_SITE, "value"),
        Input(ids.MENU_SITE_VERSION, "data"),
    )(update_adoption)
    app.callback(
        Output(ids.MENU_SITE_RESULT, "children"),
        Output(ids.MENU_SITE_VERSION, "data"),
        Output(ids.MENU_VERSION, "data", allow_duplicate=True),
        Input(ids.MENU_SITE_SAVE, "n_clicks"),
        State(ids.MENU_SITE, "value"),
        State({"type": ids.MENU_ADOPT, "code": ALL}, "value"),
        State({"type": ids.MENU_TARGET, "code": ALL}, "value"),
        State(ids.MENU_SITE_OPENED, "data"),
        prevent_initial_call=True,
    )(on_site_save)
