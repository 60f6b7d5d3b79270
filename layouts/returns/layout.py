"""/data/returns: download the template, upload it filled in, read what is wrong or what
would change, then store it. Only site leads (their own site) and administrators see the
forms; the callbacks check again on the server."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard.periods import PeriodSpec
from dashboard.returns import MAX_ROWS, MAX_UPLOAD_BYTES, ImportResult, RowError
from dashboard.roles import Access
from dashboard.selection import Catalogue, Selection
from layouts.common import data_table
from layouts.data import data_page
from layouts.returns import ids
from layouts.returns.warnings import warnings_view
from layouts.shell.layout import message
from layouts.uploads import SHOWN_ERRORS, problems_view, upload_steps
from layouts.uploads import refused_view as upload_refused

PATH = "/data/returns"
INTRO = (
    "Each quarter a site returns its agreed measures by ethnic category. Download the "
    "template, fill in the numerator and denominator, and upload it: the whole file is "
    "checked before anything is stored, values far from the site's own are shown for you to "
    "confirm, and nothing is stored until you do."
)
#: Most errors listed on the page; the rest are counted.
SHOWN_CHANGES = 50


def layout(
    selection: Selection,
    catalogue: Catalogue,
    search: str = "",
    *,
    access: Access,
    open_periods: Sequence[PeriodSpec] = (),
) -> html.Div:
    orgs = catalogue.organisations
    sites = access.writable_sites(orgs) if not orgs.empty else []
    if not sites and not orgs.empty:
        body = [
            message(
                "Returns are submitted by each site's lead and by administrators. "
                "Your account can read the figures but not submit them.",
                tone="info",
            )
        ]
        return data_page(PATH, "Quarterly returns", INTRO, body)
    forms = _forms(catalogue, sites, period_options(catalogue.periods, open_periods))
    return data_page(PATH, "Quarterly returns", INTRO, forms)


def period_options(stored: pd.DataFrame, open_periods: Sequence[PeriodSpec]) -> list[dict]:
    """The quarters open for returns, newest first, then the stored quarters before them,
    newest first, for corrections (a quarter already returned comes filled in)."""
    options = [{"label": f"{p.label} (open for returns)", "value": p.code} for p in open_periods]
    if stored.empty:
        return options
    older = stored
    if open_periods:
        oldest_open = pd.Timestamp(min(p.start_date for p in open_periods))
        older = stored[pd.to_datetime(stored["start_date"]) < oldest_open]
    return options + [
        {"label": f"{row.label} (correction)", "value": row.code}
        for row in older.iloc[::-1].itertuples()
    ]


def _forms(catalogue: Catalogue, sites: list[str], period_options: list[dict]) -> list:
    orgs = catalogue.organisations
    names = dict(zip(orgs["code"], orgs["name"], strict=True)) if not orgs.empty else {}
    latest = [period_options[0]["value"]] if period_options else []
    site_choice = dcc.Dropdown(
        id=ids.RETURNS_SITE,
        options=[{"label": f"{names.get(c, c)} ({c})", "value": c} for c in sites],
        value=sites[0] if sites else None,
        clearable=False,
        disabled=len(sites) == 1,
    )
    template = dbc.Card(
        dbc.CardBody(
            [
                html.H2("1. Download the template", className="h5"),
                dbc.Row(
                    [
                        dbc.Col([dbc.Label("Site", html_for=ids.RETURNS_SITE), site_choice], md=6),
                        dbc.Col(
                            [
                                dbc.Label("Quarters", html_for=ids.RETURNS_PERIODS),
                                dcc.Dropdown(
                                    id=ids.RETURNS_PERIODS,
                                    options=period_options,
                                    value=latest,
                                    multi=True,
                                    placeholder="The quarter that just ended",
                                ),
                            ],
                            md=6,
                        ),
                    ],
                    className="g-3 mb-3",
                ),
                dbc.Button("Template (CSV)", id=ids.RETURNS_TEMPLATE_CSV, className="me-2"),
                dbc.Button("Template (Excel)", id=ids.RETURNS_TEMPLATE_XLSX, color="secondary"),
                html.P(
                    "One row per agreed measure, quarter and ethnic category, with the "
                    "definitions beside the cells to fill. Rows left blank are skipped. A "
                    "quarter already returned comes filled with its stored values, ready to "
                    "correct.",
                    className="text-muted small mt-2 mb-0",
                ),
                dcc.Download(id=ids.RETURNS_DOWNLOAD),
            ]
        ),
        className="mb-3",
    )
    upload = dbc.Card(
        dbc.CardBody(
            [
                html.H2("2. Upload the filled-in return", className="h5"),
                *upload_steps(
                    ids.RETURNS_UPLOAD,
                    ids.RETURNS_CHECK,
                    ids.RETURNS_CONFIRM,
                    ids.RETURNS_RESULT,
                    "Store this return",
                    (MAX_UPLOAD_BYTES, MAX_ROWS),
                ),
            ]
        ),
        className="mb-3",
    )
    history = dbc.Card(
        dbc.CardBody(
            [
                html.H2("3. Earlier revisions", className="h5"),
                html.P(
                    "A resubmitted value becomes a new revision; the dashboard shows the latest "
                    "and every earlier one is kept here.",
                    className="text-muted small",
                ),
                dcc.Loading(html.Div(id=ids.RETURNS_HISTORY), delay_show=300),
            ]
        ),
        className="mb-3",
    )
    return [template, upload, history]


def history_view(history: pd.DataFrame, site: str) -> html.Div:
    """Each revision of the site's resubmitted cells, newest first."""
    if history.empty:
        return html.P(f"No value of {site} has been resubmitted yet.", className="mb-0")
    table = pd.DataFrame(
        {
            "Measure": history["measure"],
            "Quarter": history["period"],
            "Ethnic code": history["ethnic_code"],
            "Revision": history["revision"],
            "Numerator": history["numerator"],
            "Denominator": history["denominator"],
            "Shown": history["is_current"].map({True: "current", False: "earlier"}),
            "Submitted by": history["submitted_by"],
            "When": pd.to_datetime(history["submitted_at"]).dt.strftime("%d %b %Y %H:%M"),
        }
    )
    return data_table(table)


def errors_view(file_name: str, errors: list[RowError]) -> html.Div:
    """What is wrong with the file, row by row, in the spreadsheet's own row numbers."""
    shown = pd.DataFrame(
        [
            {
                "Row": e.row,
                "Measure and ethnic category": e.about,
                "Column": e.column,
                "What is wrong": e.reason,
            }
            for e in errors[:SHOWN_ERRORS]
        ]
    )
    return problems_view(file_name, shown, len(errors), "returns-refused")


def refused_view(file_name: str, reason: str) -> dbc.Alert:
    return upload_refused(file_name, reason, "returns-refused")


def _counts_sentence(counts: dict[str, int]) -> str:
    return (
        f"{counts['new']:,} new value(s), {counts['revised']:,} revised and "
        f"{counts['unchanged']:,} unchanged"
    )


def preview_view(file_name: str, result: ImportResult) -> html.Div:
    """What storing the file would change, before anything is stored, and the warnings to
    confirm first."""
    counts = result.counts()
    if not sum(counts.values()):
        return dbc.Alert(f"{file_name} has no filled-in rows: nothing to store.", color="warning")
    changed = result.plan[result.plan["status"] != "unchanged"].head(SHOWN_CHANGES)
    table = pd.DataFrame(
        {
            "Change": changed["status"],
            "Site": changed["site"],
            "Measure": changed["measure"],
            "Quarter": changed["period"],
            "Ethnic code": changed["ethnic_code"],
            "Numerator": changed["numerator"],
            "Denominator": changed["denominator"],
            "Was": [
                "" if r.status == "new" else f"{r.current_numerator:g} / {r.current_denominator:g}"
                for r in changed.itertuples()
            ],
        }
    )
    nothing_new = counts["new"] + counts["revised"] == 0
    return html.Div(
        [
            dbc.Alert(
                [
                    html.Strong(f"{file_name} is ready to store: "),
                    _counts_sentence(counts) + ". ",
                    "Nothing has been stored yet."
                    if not nothing_new
                    else "Every value is already stored: storing it changes nothing.",
                ],
                color="info",
                className="returns-preview",
            ),
            html.Details(
                [
                    html.Summary(f"Show the values that would change (first {len(changed)})"),
                    data_table(table),
                ],
                className="returns-changes",
            )
            if not changed.empty
            else None,
            warnings_view(result.warnings),
        ]
    )


def stored_view(file_name: str, result: ImportResult, site_codes: list[str]) -> dbc.Alert:
    links = [
        html.A(f"See {c} on its page", href=f"/site/{c}", className="me-3") for c in site_codes
    ]
    return dbc.Alert(
        [
            html.Strong(f"{file_name} stored: "),
            _counts_sentence(result.counts()) + ". ",
            "The dashboard shows the new figures now; earlier values are kept as history. ",
            f"The {len(result.warnings):,} warning(s) you confirmed are kept in the audit log. "
            if result.warnings
            else None,
            html.Br(),
            *links,
        ],
        color="success",
        className="returns-stored",
    )
