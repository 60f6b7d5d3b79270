"""Action plans: an edit checked in words before anything is written, which actions are
overdue, and a site's plan as the pages show it.

Plans hold no patient figures, so everyone who may read the dashboard may read every site's
plan; only the site's lead and administrators may change it, which every write callback asks
of `dashboard.access.require_write` on the server.

An action is overdue on a date when it was due before that date and is not done
(`overdue_mask`: the one definition the site page, the action plans page and the briefing use).
The pages judge on today, unless the data end more than a year before today (the
demonstration data, or an archive), when it is the last day of the latest period, so that a
plan reads as it did when its figures were current rather than all overdue; a month's briefing
judges on the last day of its month (`briefing_date`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from dashboard.access import current_access
from dashboard.edits import Conflict as Conflict  # raised by save_action
from dashboard.loaders import database
from dashboard.selection import Catalogue
from data_access import queries
from data_access.action_writes import ActionRefused as ActionRefused  # raised by save_action
from data_access.action_writes import action_version, add_action, update_action

#: Each status and how it is written on the page, in the order work goes.
STATUSES = {
    "not_started": "Not started",
    "on_track": "On track",
    "at_risk": "At risk",
    "done": "Done",
}
MAX_ACTION, MAX_OWNER, MAX_NOTE = 1000, 120, 2000
#: The action picker's value for a new action.
NEW = "new"
EARLIEST_DUE, LATEST_DUE = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
#: Data older than this (by their latest period) are judged at their own end, not today.
CURRENT_DATA = dt.timedelta(days=365)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ActionEdit:
    """A checked edit of one action, ready for data_access.action_writes."""

    characteristic: int
    action: str
    owner: str
    due_date: dt.date
    status: str
    progress_note: str

    def values(self) -> dict[str, object]:
        return {
            "characteristic_id": self.characteristic,
            "action": self.action,
            "owner": self.owner,
            "due_date": self.due_date,
            "status": self.status,
            "progress_note": self.progress_note,
        }


def _text(value: object, what: str, limit: int, errors: list[str], required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.append(f"The {what} must be written as text.")
        return ""
    text = value.strip()
    if required and not text:
        errors.append(f"Write the {what}.")
    elif len(text) > limit:
        errors.append(f"The {what} is {len(text):,} characters long: at most {limit:,}.")
    return text


def _characteristic(value: object, errors: list[str]) -> int:
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        number = int(value.strip())
    if number is None or not 1 <= number <= 12:
        errors.append("Choose the characteristic (1 to 12) that the action serves.")
        return 0
    return number


def _due(value: object, errors: list[str]) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            day = dt.date.fromisoformat(text) if _ISO_DATE.match(text) else None
        except ValueError:
            day = None
        if day is None:
            errors.append(f"{text[:40]!r} is not a real date: give the due date as year-month-day.")
            return EARLIEST_DUE
    else:
        errors.append("Give the date the action is due.")
        return EARLIEST_DUE
    if not EARLIEST_DUE <= day <= LATEST_DUE:
        errors.append(f"The due date {day:%d %B %Y} is not between 2000 and 2099.")
    return day


def validate_action(
    characteristic: object,
    action: object,
    owner: object,
    due_date: object,
    status: object,
    progress_note: object,
) -> tuple[ActionEdit | None, list[str]]:
    """The edit as sent by the form (or by anyone), checked: the edit, or what is wrong in
    words, one sentence per field."""
    errors: list[str] = []
    number = _characteristic(characteristic, errors)
    text = _text(action, "action", MAX_ACTION, errors, required=True)
    who = _text(owner, "owner (a job title is enough)", MAX_OWNER, errors, required=True)
    due = _due(due_date, errors)
    if not isinstance(status, str) or status not in STATUSES:
        errors.append("Choose a status: not started, on track, at risk or done.")
    note = _text(progress_note, "progress note", MAX_NOTE, errors, required=False)
    if errors:
        return None, errors
    return ActionEdit(number, text, who, due, str(status), note), []


def overdue_mask(frame: pd.DataFrame, as_of: dt.date) -> pd.Series:
    """True for each action due before `as_of` and not done."""
    if frame.empty:
        return pd.Series(False, index=frame.index, dtype=bool)
    due = pd.to_datetime(frame["due_date"])
    return (due < pd.Timestamp(as_of)) & (frame["status"] != "done")


def overdue(frame: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The actions of `frame` (columns of queries.action_items) that fell overdue by `as_of`:
    due before it and not done, the longest overdue first."""
    late = frame[overdue_mask(frame, as_of)]
    return late.sort_values("due_date", kind="stable")


def _period_end(start: dt.date, granularity: str) -> dt.date:
    months = {"year": 12, "month": 1}.get(granularity, 3)
    month = start.month - 1 + months
    following = dt.date(start.year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def judgement_date(periods: pd.DataFrame, today: dt.date) -> dt.date:
    """The day plans are judged on (see the module's docstring); `periods` as in the
    catalogue (start_date, granularity)."""
    if periods.empty:
        return today
    latest = periods.sort_values("start_date").iloc[-1]
    start = pd.Timestamp(latest["start_date"]).date()
    end = _period_end(start, str(latest.get("granularity", "quarter")))
    return today if today - end <= CURRENT_DATA else end


def briefing_date(month: dt.date, today: dt.date) -> dt.date:
    """The day a month's briefing judges the plans on: the last day of `month` (any day in
    it), or today while the month is under way; overdue there as on the pages that day."""
    end = _period_end(dt.date(month.year, month.month, 1), "month")
    return min(end, today)


def default_due(as_of: dt.date) -> dt.date:
    """A new action's due date until someone sets it: the end of the second quarter after
    the one `as_of` falls in."""
    month = 3 * ((as_of.month - 1) // 3) + 6  # months from January to two quarters on
    start = dt.date(as_of.year + month // 12, month % 12 + 1, 1)
    return _period_end(start, "quarter")


@dataclass(frozen=True)
class SitePlan:
    """One site's plan as the pages show it."""

    code: str
    name: str
    items: pd.DataFrame  # queries.action_items' columns and `overdue`
    as_of: dt.date
    editable: bool  # may the current person change it (the server checks again on save)

    def counts(self) -> dict[str, int]:
        """How many actions in all, overdue, and in each status."""
        items = self.items
        by_status = items["status"].value_counts() if not items.empty else pd.Series()
        return {
            "all": len(items),
            "overdue": int(items["overdue"].sum()) if not items.empty else 0,
            **{s: int(by_status.get(s, 0)) for s in STATUSES},
        }


def load_plan(code: str) -> pd.DataFrame:
    """The actions of site `code`, read fresh: a plan is a few rows, and a save must show at
    once in every worker, which a per-process cache would not."""
    with database().session() as session:
        return queries.action_items(session, [code])


def site_plan(
    code: str | None, catalogue: Catalogue, today: dt.date | None = None
) -> SitePlan | None:
    """The plan of organisation `code` (None when it is unknown), overdue marked."""
    orgs = catalogue.organisations
    if not code or orgs.empty or code not in set(orgs["code"]):
        return None
    name = orgs.loc[orgs["code"] == code, "name"].iloc[0]
    as_of = judgement_date(catalogue.periods, today or dt.date.today())
    items = load_plan(code)
    items = items.assign(overdue=overdue_mask(items, as_of))
    editable = current_access().may_write_site(code)
    return SitePlan(code=code, name=name, items=items, as_of=as_of, editable=editable)


def plan_item(code: str, item_id: int) -> dict | None:
    """Action `item_id` of site `code` as a row dict, or None when the site has no such action."""
    items = load_plan(code)
    match = items[items["id"] == item_id]
    return match.iloc[0].to_dict() if not match.empty else None


class Saved(NamedTuple):
    """What a save did: the action's id, "added", "saved" or None (nothing changed), and the
    version the action is now at (the form goes on from it)."""

    item_id: int
    verb: str | None
    version: int


def save_action(
    code: str,
    item_id: int | None,
    edit: ActionEdit,
    actor: str,
    today: dt.date,
    seen: int | None = None,
) -> Saved:
    """Store a new action (item_id None) or the changes to one as its form saw it at version
    `seen`, with its audit entry (the old and new value of each changed field). ActionRefused
    when the action is not the site's; Conflict, naming who saved it meanwhile and when, when
    its version moved on since."""
    with database().session() as session:
        if item_id is None:
            new_id, _ = add_action(session, code, edit.values(), actor, today)
            return Saved(new_id, "added", 1)
        entry = update_action(session, item_id, code, edit.values(), actor, today, seen=seen)
        version = action_version(session, item_id)  # the action is there: update_action saw it
        return Saved(item_id, None if entry is None else "saved", int(version or 0))
