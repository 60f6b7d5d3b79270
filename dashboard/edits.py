"""What an editor reads when someone else saved the same record first (issue 14).

The forms of /data/actions and /data/measures remember the version of the record they were
opened at; a save made on an older version is refused by data_access (`Conflict`, with who
made the last change and when, from the audit log) and nothing of it is written. The pages
say so in one sentence, with the time as people in England read it.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from werkzeug.exceptions import BadRequest

from data_access.versions import Conflict as Conflict  # raised by the data functions

#: The programme's clock: times are stored in UTC and shown in England's time.
LOCAL = ZoneInfo("Europe/London")
RELOAD = "reload to see their changes"


def local_time(at: dt.datetime) -> str:
    """'14:05 on 1 July 2026' in England's time; a time without a zone is UTC (SQLite)."""
    moment = (at if at.tzinfo else at.replace(tzinfo=dt.UTC)).astimezone(LOCAL)
    return f"{moment:%H:%M} on {moment.day} {moment:%B %Y}"


def changed_by(conflict: Conflict) -> str:
    """'Changed by X at T: reload to see their changes.' for a refused save."""
    who = conflict.actor or "someone else"
    when = f" at {local_time(conflict.at)}" if conflict.at is not None else ""
    return f"Changed by {who}{when}: {RELOAD}."


def opened_version(opened: object, key: str, value: object) -> int | None:
    """The version in a form's opened store ({key: value, "version": n}) when the form was
    opened on `value`; None when it was not (still opening another record, or never opened).
    BadRequest when the store is not shaped like one (a crafted request)."""
    if opened is None:
        return None
    if not isinstance(opened, dict) or set(opened) != {key, "version"}:
        raise BadRequest(f"The form's version is not {{{key}, version}}.")
    version = opened["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadRequest("The form's version is not a whole number.")
    return version if opened[key] == value else None


def still_opening(what: str) -> str:
    """Why a save sent before its form had opened on `what` was not written."""
    return f"The form is still opening {what}: wait until it shows, then save again."
