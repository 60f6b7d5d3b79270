"""/data/actions: a site's action plan against the twelve characteristics, and for its lead
(and administrators) a form to add or change an action.

Anyone may read any site's plan (it holds no patient figures). The form is on every page but
shown only for a site the person may write; that is a convenience, not the guard: the save
callback asks `require_write` on the server for the site the request names.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.actions import MAX_ACTION, MAX_NOTE, MAX_OWNER, NEW, STATUSES, SitePlan
from dashboard.roles import Access
from dashboard.selection import Catalogue, Selection
from layouts.actions import ids
from layouts.data import data_page
from layouts.overview.layout import trust_options
from layouts.shell.layout import message
from layouts.site.plan import characteristic_names, plan_view

PATH = "/data/actions"
TITLE = "Action plans"
INTRO = (
    "Each site keeps a plan of actions against the twelve characteristics: who owns each, "
    "when it is due and how it is going. Everyone can read every site's plan; the site's "
    "lead keeps it up to date."
)
HIDDEN, SHOWN = {"display": "none"}, {}
#: Longest action text shown in the picker before it is cut.
PICK_LABEL = 70


def chosen_site(
    search: str, catalogue: Catalogue, access: Access, selection: Selection
) -> str | None:
    """The site in `?site=CODE` when it exists, else the site lead's own site, else the
    selection's single trust, else None."""
    codes = set(catalogue.organisations.get("code", []))
    asked = (parse_qs((search or "").lstrip("?")).get("site") or [""])[0].strip()
    for code in (asked, access.site, selection.trusts[0] if len(selection.trusts) == 1 else None):
        if code and code in codes:
            return code
    return None


def layout(
    selection: Selection, catalogue: Catalogue, search: str = "", *, access: Access
) -> html.Div:
    site = chosen_site(search, catalogue, access, selection)
    orgs = catalogue.organisations
    picker = html.Div(
        [
            dbc.Label("Site", html_for=ids.ACTIONS_SITE, className="actions-site-label"),
            dcc.Dropdown(
                id=ids.ACTIONS_SITE,
                options=trust_options(orgs) if not orgs.empty else [],
                value=site,
                clearable=False,
                placeholder="Choose a trust, PCT or prison",
                className="actions-site",
            ),
        ],
        className="actions-pick",
    )
    body = [
        picker,
        dcc.Store(id=ids.ACTIONS_SAVED, data=0),
        dcc.Store(id=ids.ACTIONS_OPENED, data=None),
        html.Div(id=ids.ACTIONS_EDITOR_NOTE),
        html.Div(
            [
                dcc.Loading(html.Div(id=ids.ACTIONS_PLAN), type="dot", delay_show=300),
                editor(characteristic_names(catalogue)),
            ],
            className="actions-layout",
        ),
    ]
    return data_page(PATH, TITLE, INTRO, body)


def _field(label: str, component_id: str, control, help_text: str | None = None) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=component_id),
            control,
            dbc.FormText(help_text) if help_text else None,
        ],
        className="mb-2",
    )


def editor(names: dict[int, str]) -> dbc.Card:
    """The form: pick an action (or a new one), change it, save. Hidden until the callback
    finds that the person may write the chosen site."""
    chars = [{"label": f"{n} · {name}", "value": str(n)} for n, name in names.items()]
    statuses = [{"label": label, "value": key} for key, label in STATUSES.items()]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("Add or change an action", className="h5"),
                _field(
                    "Action",
                    ids.ACTIONS_PICK,
                    dbc.Select(
                        id=ids.ACTIONS_PICK,
                        options=[{"label": "New action", "value": NEW}],
                        value=NEW,
                    ),
                ),
                _field(
                    "Characteristic",
                    ids.ACTIONS_CHARACTERISTIC,
                    dbc.Select(id=ids.ACTIONS_CHARACTERISTIC, options=chars, placeholder="Choose…"),
                ),
                _field(
                    "What will be done",
                    ids.ACTIONS_TEXT,
                    dbc.Textarea(id=ids.ACTIONS_TEXT, rows=3, maxLength=MAX_ACTION),
                ),
                _field(
                    "Owner",
                    ids.ACTIONS_OWNER,
                    dbc.Input(
                        id=ids.ACTIONS_OWNER,
                        type="text",
                        maxLength=MAX_OWNER,
                        placeholder="A job title, e.g. Director of Nursing",
                    ),
                ),
                dbc.Row(
                    [
                        dbc.Col(
                            _field(
                                "Due", ids.ACTIONS_DUE, dbc.Input(id=ids.ACTIONS_DUE, type="date")
                            ),
                            sm=6,
                        ),
                        dbc.Col(
                            _field(
                                "Status",
                                ids.ACTIONS_STATUS,
                                dbc.Select(id=ids.ACTIONS_STATUS, options=statuses),
                            ),
                            sm=6,
                        ),
                    ],
                    className="g-2",
                ),
                _field(
                    "Progress note",
                    ids.ACTIONS_NOTE,
                    dbc.Textarea(id=ids.ACTIONS_NOTE, rows=3, maxLength=MAX_NOTE),
                    "A changed note is dated today.",
                ),
                dbc.Button("Save", id=ids.ACTIONS_SAVE, color="primary", className="mt-1"),
                html.Div(id=ids.ACTIONS_RESULT, className="mt-2", role="status"),
            ]
        ),
        id=ids.ACTIONS_EDITOR,
        className="actions-editor",
        style=HIDDEN,
    )


def pick_options(items: pd.DataFrame) -> list[dict]:
    """ "New action", then each action of the plan by characteristic: '4 · Review detention…'."""
    options = [{"label": "New action", "value": NEW}]
    for item in items.sort_values(["characteristic", "due_date"]).itertuples():
        text = item.action if len(item.action) <= PICK_LABEL else item.action[:PICK_LABEL] + "…"
        options.append({"label": f"{item.characteristic} · {text}", "value": str(item.id)})
    return options


def plan_content(plan: SitePlan | None, site: str | None, names: dict[int, str]) -> list:
    """The plan to read, or why there is none."""
    if plan is None:
        if site:
            return [message(f"There is no site with the code {site!r}.", tone="warning")]
        return [message("Choose a site above to see its action plan.")]
    return [plan_view(plan, names)]


def editor_note(plan: SitePlan | None, access: Access) -> dbc.Alert | None:
    """Who keeps the plan on screen, when it is not the person reading it."""
    if plan is None or plan.editable:
        return None
    if access.role == "site_lead" and access.site:
        text = f"This is the plan of {plan.name}, to read; you keep the plan of {access.site}."
    else:
        text = "The plan is kept by the site's lead. Your account can read it but not change it."
    return dbc.Alert(text, color="info", className="page-message actions-note")


def saved_view(verb: str, item_id: int, plan_name: str) -> dbc.Alert:
    return dbc.Alert(
        [
            html.Strong(f"Action {item_id} {verb}"),
            f" on the plan of {plan_name}. The table shows it.",
        ],
        color="success",
        className="actions-saved",
    )


def unchanged_view(item_id: int) -> dbc.Alert:
    return dbc.Alert(f"Nothing to save: action {item_id} is as stored.", color="secondary")


def refused_view(sentence: str) -> dbc.Alert:
    """A save not written because the action changed meanwhile (or the form was not open on
    it yet): what the form holds stays, to copy before reloading."""
    return dbc.Alert(
        [html.Strong("Not saved: "), sentence], color="warning", className="actions-conflict"
    )


def errors_view(errors: list[str]) -> dbc.Alert:
    return dbc.Alert(
        [html.Strong("Not saved: "), html.Ul([html.Li(e) for e in errors], className="mb-0")],
        color="danger",
        className="actions-errors",
    )
