"""The menu page's site card: the agreed measures a site adopted, with its targets, for the
site's lead and administrators."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.menu.ranges import target_range
from dashboard.selection import Catalogue
from layouts.common import field
from layouts.menu import ids
from layouts.menu.table import heading_row, sections
from layouts.shell.layout import message


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
                dcc.Store(id=ids.MENU_SITE_OPENED, data=None),
                dbc.Row(
                    [
                        field("Site", picker, ids.MENU_SITE, md=6),
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
    for heading, rows in sections(agreed, characteristics):
        body.append(heading_row(heading, 4))
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
