"""The warnings of a returns check (dashboard/returns/plausibility.py), each with its own box
to tick, and what the Store button says when some are not ticked.

Every warning is listed with its whole text, however many there are, in a list that scrolls
within the page; "confirm all" ticks every box of that list in the browser, so that what is
sent on storing is still one confirmation per warning read from the list.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.returns import ImportResult, RowWarning
from layouts.returns import ids

#: Warnings a refusal names before it counts the rest (the list above holds every one).
SHOWN_UNCONFIRMED = 20
#: The one list of a check on the page (pattern-matching ids: the list exists only when a
#: check found warnings, and the Store button reads whatever lists there are).
LIST = {"type": ids.RETURNS_WARNINGS, "index": 0}
ALL = {"type": ids.RETURNS_CONFIRM_ALL, "index": 0}


def warnings_view(warnings: tuple[RowWarning, ...]) -> html.Div | None:
    """The warnings to confirm before storing, each with its box; None without any."""
    if not warnings:
        return None
    n = len(warnings)
    return html.Div(
        [
            dbc.Alert(
                [
                    html.Strong(f"{n:,} row(s) look implausible. "),
                    "A value like these would change the figures every viewer sees, the "
                    "site's and England's. Read each one: if it is right, tick it; if not, "
                    "correct the file and upload it again. The return is stored only when "
                    "every warning is ticked, and the audit log keeps what you confirmed.",
                ],
                color="warning",
                className="returns-warnings-intro",
            ),
            dcc.Checklist(
                id=ALL,
                options=[
                    {"label": f"I have read all {n:,} warnings: confirm them all", "value": "all"}
                ],
                value=[],
                className="returns-confirm-all mb-2",
            )
            if n > 1
            else None,
            html.Div(
                dcc.Checklist(
                    id=LIST,
                    options=[{"label": w.text, "value": w.key} for w in warnings],
                    value=[],
                    labelClassName="returns-warning",
                ),
                className="returns-warnings",
                role="group",
                **{"aria-label": f"{n:,} warnings to confirm"},
            ),
        ]
    )


def unconfirmed_view(file_name: str, result: ImportResult) -> dbc.Alert:
    """Why nothing was stored: the warnings not confirmed, or warnings that changed."""
    if result.stale:
        why = (
            "the figures it is checked against changed since you checked it (a return was "
            "stored meanwhile), and so did its warnings. Read them again below: "
            f"{len(result.warnings):,} now, none of them confirmed."
        )
        listed: tuple[RowWarning, ...] = ()
    else:
        n = len(result.unconfirmed)
        why = f"{n:,} of its {len(result.warnings):,} warning(s) are not confirmed:"
        listed = result.unconfirmed
    more = len(listed) - SHOWN_UNCONFIRMED
    return dbc.Alert(
        [
            html.Strong(f"{file_name} was not stored: "),
            why,
            html.Ul([html.Li(w.text) for w in listed[:SHOWN_UNCONFIRMED]], className="mb-0 mt-2")
            if listed
            else None,
            html.P(f"… and {more:,} more, unticked in the list above.", className="mb-0")
            if more > 0
            else None,
        ],
        color="danger",
        className="returns-unconfirmed",
    )
