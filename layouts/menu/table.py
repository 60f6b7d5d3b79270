"""The menu of measures as a table, grouped by characteristic (retired measures last)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from layouts.shell.layout import message

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


def heading_row(text: str, span: int) -> html.Tr:
    return html.Tr(html.Th(text, colSpan=span, scope="colgroup"), className="menu-group")


def sections(menu: pd.DataFrame, characteristics: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
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
    for heading, rows in sections(menu, characteristics):
        body.append(heading_row(heading, len(COLUMNS)))
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
