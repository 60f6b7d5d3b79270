"""What an upload page says about a file it did not store: refused as a whole (wrong type, too
big, columns missing), or its problems row by row. Shared by the quarterly returns and the
reference data, so that both say it in the same words."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from layouts.common import data_table

#: The problems listed at most; the rest are counted.
SHOWN_ERRORS = 200


def upload_steps(
    upload: str, check: str, confirm: str, result: str, store_label: str, limits: tuple[int, int]
) -> list:
    """The upload area, what it takes (`limits`: most bytes, most rows), where the check is
    said, the (hidden until the check passes) Store button, and where storing is said."""
    most_bytes, most_rows = limits
    return [
        dcc.Upload(
            id=upload,
            # a button, not a link to "#": Enter opens the file chooser (the click reaches the
            # drop area) without adding "#" to the address and a step to Back
            children=html.Div(
                [
                    "Drop the file here or ",
                    html.Button(
                        "choose a file", type="button", className="btn btn-link p-0 align-baseline"
                    ),
                ]
            ),
            accept=".csv,.xlsx",
            max_size=most_bytes,
            multiple=False,
            className="returns-upload",
        ),
        html.P(
            f"CSV or Excel, at most {most_bytes // 1024 // 1024} MB and "
            f"{most_rows:,} rows. Cells are read as text: formulas are never run.",
            className="text-muted small mt-2 mb-0",
        ),
        dcc.Loading(html.Div(id=check, className="mt-3"), delay_show=300),
        dbc.Button(
            store_label, id=confirm, color="success", className="mt-2", style={"display": "none"}
        ),
        dcc.Loading(html.Div(id=result, className="mt-3"), delay_show=300),
    ]


def refused_view(file_name: str, reason: str, css: str) -> dbc.Alert:
    """The file as a whole could not be used: why, and that nothing was stored."""
    return dbc.Alert(
        [html.Strong(f"{file_name or 'The file'} was not stored: "), reason],
        color="danger",
        className=css,
    )


def problems_view(file_name: str, problems: pd.DataFrame, count: int, css: str) -> html.Div:
    """The file's problems as a table (its first SHOWN_ERRORS rows, from `problems`), how many
    there are in all, and that nothing was stored."""
    more = count - len(problems)
    return html.Div(
        [
            dbc.Alert(
                [
                    html.Strong(f"{file_name} was not stored: "),
                    f"{count} problem(s) to fix. Nothing in the file has been stored; "
                    "correct the rows below and upload it again.",
                ],
                color="danger",
                className=css,
            ),
            data_table(problems),
            html.P(f"… and {more} more.", className="text-muted") if more > 0 else None,
        ]
    )
