"""/data/organisations: the regions and organisations as stored, the file that holds them (to
download, edit and load again), and the upload that checks a file and shows what it would
change before an administrator stores it. Only administrators open the page (the registry's
roles), and the callbacks check again on the server."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.reference import COLUMNS, LoadResult, Problem
from dashboard.reference.words import kind_words, rurality_words
from dashboard.selection import Catalogue, Selection
from dashboard.uploads import MAX_ROWS, MAX_UPLOAD_BYTES
from layouts.common import data_table
from layouts.data import data_page
from layouts.organisations import ids
from layouts.shell.layout import message
from layouts.uploads import SHOWN_ERRORS, problems_view, upload_steps
from layouts.uploads import refused_view as upload_refused

PATH = "/data/organisations"
TITLE = "Regions and organisations"
INTRO = (
    "The regions and the organisations that sites report for: today's integrated care boards, "
    "trusts and prisons, or the primary care trusts of 2005-2010. Download the list as a "
    "file, add or change rows, and upload it: the whole file is checked first, and nothing is "
    "stored until you confirm. Nothing is ever deleted; a closed organisation keeps its history."
)
#: Most errors and changes listed on the page; the rest are counted.
SHOWN_CHANGES = 100
FORMAT = (
    f"Columns: {', '.join(COLUMNS)}. A row of type region needs only a code and a name. "
    "Kind in words (NHS trust, Integrated care board, Sub-ICB location, Independent provider, "
    "Prison, Primary care trust, Mental health trust); rurality urban, rural or blank (none); "
    "dates as YYYY-MM-DD. Rows starting with # are comments."
)


def layout(selection: Selection, catalogue: Catalogue, search: str = "") -> html.Div:
    return data_page(PATH, TITLE, INTRO, [_file_card(), _upload_card(), _list_card(catalogue)])


def _file_card() -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("1. Download the list as a file", className="h5"),
                dbc.Button("Regions and organisations (CSV)", id=ids.ORGS_TEMPLATE_CSV),
                dbc.Button(
                    "Regions and organisations (Excel)",
                    id=ids.ORGS_TEMPLATE_XLSX,
                    color="secondary",
                    className="ms-2",
                ),
                html.P(FORMAT, className="text-muted small mt-2 mb-0"),
                dcc.Download(id=ids.ORGS_DOWNLOAD),
            ]
        ),
        className="mb-3",
    )


def _upload_card() -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("2. Upload the file", className="h5"),
                *upload_steps(
                    ids.ORGS_UPLOAD,
                    ids.ORGS_CHECK,
                    ids.ORGS_CONFIRM,
                    ids.ORGS_RESULT,
                    "Store these changes",
                    (MAX_UPLOAD_BYTES, MAX_ROWS),
                ),
            ]
        ),
        className="mb-3",
    )


def _list_card(catalogue: Catalogue) -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2("Stored now", className="h5"),
                html.Div(
                    reference_view(catalogue.regions, catalogue.organisations), id=ids.ORGS_LIST
                ),
            ]
        ),
        className="mb-3",
    )


def _date_text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _dates(opened: object, closed: object) -> str:
    """'from 2022-07-01', '2002-10-01 to 2013-03-31 (closed)', or blank when neither is known."""
    opened_text, closed_text = _date_text(opened), _date_text(closed)
    if closed_text:
        return f"{opened_text or '…'} to {closed_text} (closed)"
    return f"from {opened_text}" if opened_text else ""


def reference_view(regions: pd.DataFrame, organisations: pd.DataFrame) -> html.Div:
    """The regions, then the organisations, as tables (or what to do when there are none)."""
    if regions.empty:
        return html.Div(
            message(
                "No regions or organisations are stored yet. Load a file of regions first "
                "(type, code, name), then one of organisations.",
                tone="info",
            )
        )
    region_names = dict(zip(regions["code"], regions["name"], strict=True))
    parts: list = [
        html.H3(f"{len(regions)} regions", className="h6"),
        data_table(regions[["code", "name"]].rename(columns={"code": "Code", "name": "Name"})),
    ]
    if organisations.empty:
        parts.append(message("No organisations are stored yet.", tone="info"))
        return html.Div(parts)
    orgs = organisations.sort_values(["region", "code"])
    table = pd.DataFrame(
        {
            "Code": orgs["code"],
            "Name": orgs["name"],
            "Kind": [kind_words(k) for k in orgs["kind"]],
            "Region": [region_names.get(r, r) for r in orgs["region"]],
            "Rural/urban": [rurality_words(r) for r in orgs["rurality"]],
            "Parent": [p if isinstance(p, str) else "" for p in orgs["parent"]],
            "Open": [
                _dates(o, c) for o, c in zip(orgs["opened_on"], orgs["closed_on"], strict=True)
            ],
        }
    )
    parts += [html.H3(f"{len(orgs)} organisations", className="h6 mt-3"), data_table(table)]
    return html.Div(parts)


def errors_view(file_name: str, errors: list[Problem]) -> html.Div:
    """What is wrong with the file, by row and column, in the spreadsheet's own row numbers."""
    shown = pd.DataFrame(
        [
            {"Row": e.row, "Column": e.column, "What is wrong": e.reason}
            for e in errors[:SHOWN_ERRORS]
        ]
    )
    return problems_view(file_name, shown, len(errors), "orgs-refused")


def refused_view(file_name: str, reason: str) -> dbc.Alert:
    return upload_refused(file_name, reason, "orgs-refused")


def _changes_table(result: LoadResult) -> pd.DataFrame:
    changed = [c for c in result.changes if c.status != "unchanged"][:SHOWN_CHANGES]
    return pd.DataFrame(
        {
            "Change": [c.status for c in changed],
            "Type": [c.type for c in changed],
            "Code": [c.code for c in changed],
            "Name": [c.name for c in changed],
            "What changes": [c.words() for c in changed],
        }
    )


def preview_view(file_name: str, result: LoadResult) -> html.Div:
    """What storing the file would change, before anything is stored."""
    counts = result.counts()
    if not result.changes:
        return dbc.Alert(
            f"{file_name} has no regions or organisations: nothing to store.", color="warning"
        )
    if counts["new"] + counts["updated"] == 0:
        return dbc.Alert(
            f"{file_name} holds {counts['unchanged']:,} rows, all already stored as they are: "
            "storing it would change nothing.",
            color="info",
            className="orgs-preview",
        )
    return html.Div(
        [
            dbc.Alert(
                [
                    html.Strong(f"{file_name} is ready to store: "),
                    f"{result.counts_words()}. Nothing has been stored yet.",
                ],
                color="info",
                className="orgs-preview",
            ),
            data_table(_changes_table(result)),
        ]
    )


def stored_view(file_name: str, result: LoadResult) -> dbc.Alert:
    return dbc.Alert(
        [
            html.Strong(f"{file_name} stored: "),
            f"{result.counts_words()}. The filters and pages use them now.",
        ],
        color="success",
        className="orgs-stored",
    )
