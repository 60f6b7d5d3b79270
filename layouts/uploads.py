"""What an upload page says about a file it did not store: refused as a whole (wrong type, too
big, columns missing), or its problems row by row. Shared by the quarterly returns and the
reference data, so that both say it in the same words."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from layouts.common import data_table

#: The problems listed at most; the rest are counted.
SHOWN_ERRORS = 200


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
