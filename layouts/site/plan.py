"""A site's action plan, to read: grouped by characteristic, a status badge on each action and
the overdue ones marked in words as well as in colour. Shared by the site page and
/data/actions; pure builders of a `dashboard.actions.SitePlan`."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.actions import STATUSES, SitePlan
from dashboard.selection import Catalogue
from dashboard.vocabulary import OVERDUE, fmt_date, overdue_count, overdue_meaning

EDIT_PATH = "/data/actions"


def characteristic_names(catalogue: Catalogue) -> dict[int, str]:
    chars = catalogue.characteristics
    if chars.empty:
        return {}
    return dict(zip(chars["id"].astype(int), chars["short_name"], strict=True))


def status_badge(status: str) -> html.Span:
    return html.Span(
        STATUSES.get(status, status),
        className=f"action-status action-status-{status}",
    )


def overdue_badge() -> html.Span:
    return html.Span(OVERDUE, className="action-overdue-badge")


def plan_summary(plan: SitePlan) -> html.P:
    """'9 actions: 4 done, 2 on track, 2 at risk, 1 not started. 2 overdue (…).'"""
    counts = plan.counts()
    if not counts["all"]:
        return html.P(f"{plan.name} has no actions on its plan yet.", className="actions-summary")
    parts = [f"{counts[s]} {STATUSES[s].lower()}" for s in STATUSES if counts[s]]
    late = counts["overdue"]
    return html.P(
        [
            html.Strong(f"{counts['all']} action{'s' if counts['all'] != 1 else ''}"),
            f": {', '.join(parts)}. ",
            html.Span(
                overdue_count(late),
                className="actions-summary-overdue" if late else None,
            ),
            f" ({overdue_meaning(plan.as_of)}).",
        ],
        className="actions-summary",
    )


def _row(item: pd.Series) -> html.Tr:
    late = bool(item["overdue"])
    note = item["progress_note"] or ""
    progress = (
        [note, html.Span(fmt_date(item["progress_date"]), className="action-note-date")]
        if note
        else [html.Span("–", className="text-muted")]
    )
    return html.Tr(
        [
            html.Td(item["action"], className="action-text"),
            html.Td(item["owner"], className="action-owner"),
            html.Td(
                [html.Span(fmt_date(item["due_date"])), overdue_badge() if late else None],
                className="action-due",
            ),
            html.Td(status_badge(item["status"])),
            html.Td(progress, className="action-note"),
        ],
        className="action-row action-row-overdue" if late else "action-row",
        **{"data-action": str(item["id"])},
    )


def plan_table(plan: SitePlan, names: dict[int, str]) -> html.Table | None:
    """The actions by characteristic (a heading row each), by due date within it."""
    items = plan.items
    if items.empty:
        return None
    header = html.Thead(
        html.Tr(
            [
                html.Th("Action", scope="col"),
                html.Th("Owner", scope="col"),
                html.Th("Due", scope="col"),
                html.Th("Status", scope="col"),
                html.Th("Latest progress", scope="col"),
            ]
        )
    )
    groups = []
    for number, rows in items.sort_values(["characteristic", "due_date"]).groupby(
        "characteristic", sort=True
    ):
        title = f"{int(number)} · {names.get(int(number), f'Characteristic {int(number)}')}"
        heading = html.Tr(
            html.Th(title, colSpan=5, scope="colgroup", className="actions-group"),
        )
        groups.append(html.Tbody([heading, *(_row(r) for _, r in rows.iterrows())]))
    return html.Table([header, *groups], className="table actions-table")


def plan_view(plan: SitePlan, names: dict[int, str]) -> html.Div:
    """The summary line and the table (the body of /data/actions)."""
    return html.Div([plan_summary(plan), plan_table(plan, names)], className="actions-plan")


def plan_section(plan: SitePlan | None, names: dict[int, str]) -> html.Section | None:
    """The site page's "Action plan": the plan to read, and for those who may change it a
    link to do so (the save is checked on the server, whoever sees the link)."""
    if plan is None:
        return None
    edit = (
        dcc.Link(
            "Edit the plan",
            href=f"{EDIT_PATH}?site={plan.code}",
            className="btn btn-outline-primary btn-sm actions-edit-link",
        )
        if plan.editable
        else None
    )
    return html.Section(
        [
            html.Div(
                [html.H2("Action plan", className="site-section-title"), edit],
                className="actions-section-head",
            ),
            plan_view(plan, names),
        ],
        className="site-actions",
        id="site-actions",
    )
