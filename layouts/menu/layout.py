"""/data/measures: the menu of measures, grouped by characteristic, for everyone to read;
for administrators a form to propose, edit, agree and retire measures; for a site's lead (and
administrators) the agreed measures their site adopted, with its targets. The forms appear
only for those who may use them, and the callbacks check again on the server."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.menu.rules import target_range
from dashboard.roles import Access
from dashboard.selection import Catalogue, Selection
from layouts.data import data_page
from layouts.menu import ids
from layouts.shell.layout import message

PATH = "/data/measures"
INTRO = (
    "The measures the sites agreed to report, by characteristic. Administrators propose, "
    "agree and retire measures; each site's lead chooses the agreed measures their site "
    "reports and sets its targets. Retired measures are no longer returned, but their "
    "figures stay on the dashboard."
)
#: The value of the measure picker that starts a new measure.
NEW = "new"
KIND_WORDS = {
    "proportion": "Proportion",
    "rate": "Rate",
    "ratio": "Ratio",
    "mean_score": "Mean score",
    "count": "Count",
    "milestone": "Yes/no milestone",
}
POLARITY_WORDS = {
    "higher_is_better": "Higher is better",
    "lower_is_better": "Lower is better",
    "no_judgement": "No judgement",
}
STATUS_COLOURS = {"agreed": "success", "proposed": "warning", "retired": "secondary"}
RETIRED_HEADING = "Retired (history only)"
COLUMNS = ("Code", "Measure", "Kind", "Polarity", "Unit", "Status", "Sites")


def layout(
    selection: Selection, catalogue: Catalogue, search: str = "", *, access: Access
) -> html.Div:
    orgs = catalogue.organisations
    sites = access.writable_sites(orgs) if not orgs.empty else []
    body: list = []
    if access.may_edit_menu:
        body.append(measure_form(catalogue))
    elif not sites:
        body.append(
            message(
                "The menu is kept by the programme's administrators, and each site's lead "
                "chooses their site's measures and targets. Your account can read the menu.",
                tone="info",
            )
        )
    site_card = adoption_card(catalogue, sites) if access.may_edit_menu or sites else None
    if site_card is not None and not access.may_edit_menu:
        body.append(site_card)  # a site lead's own task comes first
    body.append(
        dbc.Card(
            dbc.CardBody(
                [
                    html.H2("The menu", className="h5"),
                    dcc.Store(id=ids.MENU_VERSION, data=0),
                    dcc.Loading(html.Div(id=ids.MENU_TABLE), delay_show=300),
                ]
            ),
            className="mb-3",
        )
    )
    if site_card is not None and access.may_edit_menu:
        body.append(site_card)
    return data_page(PATH, "Menu of measures", INTRO, body)


def _options(words: dict[str, str]) -> list[dict]:
    return [{"label": label, "value": value} for value, label in words.items()]


def _field(label: str, control, for_id: str, **width) -> dbc.Col:
    return dbc.Col([dbc.Label(label, html_for=for_id), control], **width)


def measure_form(catalogue: Catalogue) -> dbc.Card:
    """Propose a measure or edit one, and the buttons that agree or retire it."""
    chars = catalogue.characteristics
    char_options = [
        {"label": f"{c.id} · {c.short_name}", "value": int(c.id)} for c in chars.itertuples()
    ] or [{"label": str(n), "value": n} for n in range(1, 13)]
    fields = [
        _field(
            "Code",
            dbc.Input(id=ids.MENU_CODE, placeholder="M12E", maxlength=5),
            ids.MENU_CODE,
            md=2,
        ),
        _field(
            "Characteristic",
            dcc.Dropdown(
                id=ids.MENU_CHARACTERISTIC,
                options=char_options,
                clearable=False,
                placeholder="Choose one of the twelve",
            ),
            ids.MENU_CHARACTERISTIC,
            md=4,
        ),
        _field("Name", dbc.Input(id=ids.MENU_NAME, maxlength=200), ids.MENU_NAME, md=6),
        _field(
            "Kind",
            dcc.Dropdown(id=ids.MENU_KIND, options=_options(KIND_WORDS), clearable=False),
            ids.MENU_KIND,
            md=3,
        ),
        _field(
            "Polarity",
            dcc.Dropdown(id=ids.MENU_POLARITY, options=_options(POLARITY_WORDS), clearable=False),
            ids.MENU_POLARITY,
            md=3,
        ),
        _field(
            "Unit", dbc.Input(id=ids.MENU_UNIT, placeholder="%", maxlength=60), ids.MENU_UNIT, md=4
        ),
        _field(
            "Multiplier",
            dbc.Input(id=ids.MENU_MULTIPLIER, type="number", min=1, step=1),
            ids.MENU_MULTIPLIER,
            md=2,
        ),
        _field(
            "Numerator: what is counted",
            dbc.Textarea(id=ids.MENU_NUMERATOR, rows=2, maxlength=2000),
            ids.MENU_NUMERATOR,
            md=6,
        ),
        _field(
            "Denominator: out of what",
            dbc.Textarea(id=ids.MENU_DENOMINATOR, rows=2, maxlength=2000),
            ids.MENU_DENOMINATOR,
            md=6,
        ),
        _field("Source", dbc.Input(id=ids.MENU_SOURCE, maxlength=200), ids.MENU_SOURCE, md=8),
        dbc.Col(
            dbc.Checkbox(id=ids.MENU_BY_ETHNICITY, label="Returned by ethnic category", value=True),
            md=4,
            className="d-flex align-items-end pb-2",
        ),
    ]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("Propose or edit a measure", className="h5"),
                dcc.Store(id=ids.MENU_FORM_VERSION, data=0),
                dbc.Row(
                    [
                        _field(
                            "Measure",
                            dcc.Dropdown(id=ids.MENU_PICK, value=NEW, clearable=False),
                            ids.MENU_PICK,
                            md=6,
                        ),
                        dbc.Col(html.P(id=ids.MENU_STATUS, className="menu-status"), md=6),
                    ],
                    className="g-3 mb-2",
                ),
                dbc.Row(fields, className="g-3 mb-3"),
                dbc.Button("Propose measure", id=ids.MENU_SAVE, className="me-2"),
                dbc.Button(
                    "Agree", id=ids.MENU_AGREE, color="success", outline=True, className="me-2"
                ),
                dbc.Button("Retire", id=ids.MENU_RETIRE, color="secondary", outline=True),
                html.Div(id=ids.MENU_RESULT, className="mt-3", **{"aria-live": "polite"}),
            ]
        ),
        className="mb-3 menu-form",
    )


def adoption_card(catalogue: Catalogue, sites: list[str]) -> dbc.Card:
    """A site's adopted measures and targets; the site is chosen among those one may write."""
    orgs = catalogue.organisations
    names = dict(zip(orgs["code"], orgs["name"], strict=True)) if not orgs.empty else {}
    picker = dcc.Dropdown(
        id=ids.MENU_SITE,
        options=[{"label": f"{names.get(c, c)} ({c})", "value": c} for c in sites],
        value=sites[0] if sites else None,
        clearable=False,
        disabled=len(sites) == 1,
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(
                    "Your site's measures and targets"
                    if len(sites) == 1
                    else "A site's measures and targets",
                    className="h5",
                ),
                dcc.Store(id=ids.MENU_SITE_VERSION, data=0),
                dbc.Row(
                    [
                        _field("Site", picker, ids.MENU_SITE, md=6),
                        dbc.Col(
                            html.P(
                                "Tick the agreed measures the site reports, and give a target "
                                "where it has one, in the unit shown. Untick a measure to stop "
                                "reporting it; its past figures stay.",
                                className="text-muted small mb-0",
                            ),
                            md=6,
                            className="d-flex align-items-end",
                        ),
                    ],
                    className="g-3 mb-3",
                ),
                dcc.Loading(
                    html.Div(id=ids.MENU_ADOPTION, className="menu-adoption"), delay_show=300
                ),
                dbc.Button("Save the site's measures", id=ids.MENU_SITE_SAVE, className="mt-3"),
                html.Div(id=ids.MENU_SITE_RESULT, className="mt-3", **{"aria-live": "polite"}),
            ]
        ),
        className="mb-3 menu-site",
    )


def _heading_row(text: str, span: int) -> html.Tr:
    return html.Tr(html.Th(text, colSpan=span, scope="colgroup"), className="menu-group")


def _sections(menu: pd.DataFrame, characteristics: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(heading, rows) per characteristic for measures in use, then the retired ones."""
    names = dict(
        zip(characteristics.get("id", []), characteristics.get("short_name", []), strict=True)
    )
    if menu.empty:
        return []
    current = menu[menu["status"] != "retired"]
    out = [
        (f"{int(n)} · {names.get(n, f'Characteristic {n}')}", rows)
        for n, rows in current.groupby("characteristic", sort=True)
    ]
    retired = menu[menu["status"] == "retired"]
    return [*out, (RETIRED_HEADING, retired)] if not retired.empty else out


def menu_table(menu: pd.DataFrame, characteristics: pd.DataFrame) -> html.Table | dbc.Alert:
    """The menu as a table grouped by characteristic, retired measures under their own heading."""
    if menu.empty:
        return message("The menu is empty: an administrator proposes the first measure.")
    body = []
    for heading, rows in _sections(menu, characteristics):
        body.append(_heading_row(heading, len(COLUMNS)))
        for m in rows.itertuples():
            definition = (
                f"Numerator: {m.numerator_definition}\n"
                f"Denominator: {m.denominator_definition}\nSource: {m.source}"
            )
            body.append(
                html.Tr(
                    [
                        html.Td(m.code, className="menu-code"),
                        html.Td(m.name, title=definition),
                        html.Td(KIND_WORDS.get(m.kind, m.kind)),
                        html.Td(POLARITY_WORDS.get(m.polarity, m.polarity)),
                        html.Td(m.unit),
                        html.Td(
                            dbc.Badge(
                                m.status.capitalize(), color=STATUS_COLOURS.get(m.status, "light")
                            )
                        ),
                        html.Td(f"{int(m.sites):,}", className="text-end"),
                    ],
                    id=f"menu-row-{m.code}",
                    className=f"menu-{m.status}",
                )
            )
    header = html.Thead(html.Tr([html.Th(c, scope="col") for c in COLUMNS]))
    return html.Table([header, html.Tbody(body)], className="table table-sm menu-table")


def target_hint(kind: str, multiplier: int) -> str:
    low, high = target_range(kind, multiplier)
    return f"{low:g}–{high:,.0f}" if high < 1e6 else f"{low:g} or more"


def adoption_editor(
    agreed: pd.DataFrame, characteristics: pd.DataFrame, adopted: dict[str, float | None]
) -> html.Table | dbc.Alert:
    """One row per agreed measure: adopted or not, and the site's target for it."""
    if agreed.empty:
        return message("No measure is agreed yet: there is nothing to adopt.")
    body = []
    for heading, rows in _sections(agreed, characteristics):
        body.append(_heading_row(heading, 4))
        for m in rows.itertuples():
            target = adopted.get(m.code)
            body.append(
                html.Tr(
                    [
                        html.Td(
                            dbc.Checkbox(
                                id={"type": ids.MENU_ADOPT, "code": m.code},
                                value=m.code in adopted,
                                label=m.code,
                                label_class_name="menu-code",
                            )
                        ),
                        html.Td(m.name),
                        html.Td(
                            html.Label(
                                [
                                    html.Span(f"Target for {m.code}", className="visually-hidden"),
                                    dbc.Input(
                                        id={"type": ids.MENU_TARGET, "code": m.code},
                                        value="" if target is None else f"{target:g}",
                                        inputmode="decimal",
                                        size="sm",
                                        placeholder=target_hint(m.kind, int(m.multiplier)),
                                    ),
                                ]
                            ),
                            className="menu-target",
                        ),
                        html.Td(m.unit, className="text-muted small"),
                    ]
                )
            )
    header = html.Thead(
        html.Tr([html.Th(c, scope="col") for c in ("Adopted", "Measure", "Target", "Unit")])
    )
    return html.Table([header, html.Tbody(body)], className="table table-sm menu-editor")


def outcome_view(message_text: str, errors: tuple[str, ...]) -> dbc.Alert:
    """The confirmation of a save, or every reason nothing was saved."""
    if errors:
        return dbc.Alert(
            [
                html.Strong("Nothing was saved: "),
                html.Ul([html.Li(e) for e in errors], className="mb-0 mt-1"),
            ],
            color="danger",
            className="menu-refused",
        )
    return dbc.Alert(message_text, color="success", className="menu-saved")
