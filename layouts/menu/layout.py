"""/data/measures: the menu of measures, grouped by characteristic, for everyone to read;
for administrators a form to propose, edit, agree and retire measures; for a site's lead (and
administrators) the agreed measures their site adopted, with its targets. The forms appear
only for those who may use them, and the callbacks check again on the server."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.returns.plausibility import MAY_EXCEED, default_range
from dashboard.roles import Access
from dashboard.selection import Catalogue, Selection
from layouts.common import field
from layouts.data import data_page
from layouts.menu import ids
from layouts.menu.sites import adoption_card
from layouts.menu.table import KIND_WORDS, POLARITY_WORDS
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


def measure_form(catalogue: Catalogue) -> dbc.Card:
    """Propose a measure or edit one, and the buttons that agree or retire it."""
    chars = catalogue.characteristics
    char_options = [
        {"label": f"{c.id} · {c.short_name}", "value": int(c.id)} for c in chars.itertuples()
    ] or [{"label": str(n), "value": n} for n in range(1, 13)]
    fields = [
        field(
            "Code",
            dbc.Input(id=ids.MENU_CODE, placeholder="M12E", maxlength=5),
            ids.MENU_CODE,
            md=2,
        ),
        field(
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
        field("Name", dbc.Input(id=ids.MENU_NAME, maxlength=200), ids.MENU_NAME, md=6),
        field(
            "Kind",
            dcc.Dropdown(id=ids.MENU_KIND, options=_options(KIND_WORDS), clearable=False),
            ids.MENU_KIND,
            md=3,
        ),
        field(
            "Polarity",
            dcc.Dropdown(id=ids.MENU_POLARITY, options=_options(POLARITY_WORDS), clearable=False),
            ids.MENU_POLARITY,
            md=3,
        ),
        field(
            "Unit", dbc.Input(id=ids.MENU_UNIT, placeholder="%", maxlength=60), ids.MENU_UNIT, md=4
        ),
        field(
            "Multiplier",
            dbc.Input(id=ids.MENU_MULTIPLIER, type="number", min=1, step=1),
            ids.MENU_MULTIPLIER,
            md=2,
        ),
        field(
            "Numerator: what is counted",
            dbc.Textarea(id=ids.MENU_NUMERATOR, rows=2, maxlength=2000),
            ids.MENU_NUMERATOR,
            md=6,
        ),
        field(
            "Denominator: out of what",
            dbc.Textarea(id=ids.MENU_DENOMINATOR, rows=2, maxlength=2000),
            ids.MENU_DENOMINATOR,
            md=6,
        ),
        field("Source", dbc.Input(id=ids.MENU_SOURCE, maxlength=200), ids.MENU_SOURCE, md=8),
        dbc.Col(
            dbc.Checkbox(id=ids.MENU_BY_ETHNICITY, label="Returned by ethnic category", value=True),
            md=4,
            className="d-flex align-items-end pb-2",
        ),
        *plausibility_fields(),
    ]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("Propose or edit a measure", className="h5"),
                dcc.Store(id=ids.MENU_FORM_VERSION, data=0),
                dcc.Store(id=ids.MENU_OPENED, data=None),
                dbc.Row(
                    [
                        field(
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


#: "Numerator may exceed the denominator" as the form offers it ("default": the kind's).
MAY_EXCEED_WORDS = {"default": "As its kind", "yes": "Yes", "no": "No"}


def plausibility_fields() -> list:
    """The plausible range and the numerator's rule: a returned row outside them is shown to
    its uploader to confirm before it is stored. Empty fields take the kind's default, which
    the placeholders show (`plausible_hints`)."""
    low, high, options = plausible_hints("proportion", 100)
    return [
        dbc.Col(
            html.P(
                "Plausible values. A returned row outside them is shown to whoever uploads it, "
                "who must confirm it before it is stored. Left empty, the kind's default "
                "applies. They change no stored figure, so they can change after agreement.",
                className="text-muted small mb-0",
            ),
            md=12,
        ),
        field(
            "Plausible from",
            dbc.Input(id=ids.MENU_PLAUSIBLE_MIN, type="number", placeholder=low),
            ids.MENU_PLAUSIBLE_MIN,
            md=3,
        ),
        field(
            "Plausible to",
            dbc.Input(id=ids.MENU_PLAUSIBLE_MAX, type="number", placeholder=high),
            ids.MENU_PLAUSIBLE_MAX,
            md=3,
        ),
        field(
            "Numerator may exceed the denominator",
            dcc.Dropdown(id=ids.MENU_MAY_EXCEED, options=options, value="default", clearable=False),
            ids.MENU_MAY_EXCEED,
            md=6,
        ),
    ]


def plausible_hints(kind: object, multiplier: object) -> tuple[str, str, list[dict]]:
    """The kind's defaults as the empty fields show them: the range's placeholders, and the
    choices of the numerator's rule with the kind's own named."""
    if kind not in MAY_EXCEED:
        return "", "", _may_exceed_options("")
    number = isinstance(multiplier, int | float) and not isinstance(multiplier, bool)
    scale = int(multiplier) if number and 1 <= multiplier <= 1_000_000 else 1  # type: ignore[operator]
    low, high = default_range(str(kind), scale)
    words = KIND_WORDS.get(str(kind), str(kind)).lower()
    rule = "yes" if MAY_EXCEED[str(kind)] else "no"
    return (
        f"{low:g} (a {words}'s default)",
        f"{high:g} (default)" if high is not None else "no ceiling (default)",
        _may_exceed_options(f" (a {words}: {rule})"),
    )


def _may_exceed_options(default: str) -> list[dict]:
    return [
        {"label": words + (default if value == "default" else ""), "value": value}
        for value, words in MAY_EXCEED_WORDS.items()
    ]


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
