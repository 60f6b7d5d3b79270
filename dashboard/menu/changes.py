"""Changes to the menu of measures: each checked against the rules (dashboard/menu.py) and
written in one transaction with its audit entry (data_access/menu_writes.py) and a new data
version, so that no page goes on showing figures cached before the change. An edit names the
version of the measure (or of the site's measures) its form was opened at, and is refused in
words, with who saved in between and when, once that version has moved on (issue 14). Who may
call these is decided by the callers (dashboard/access.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import pandas as pd
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dashboard.edits import Conflict, changed_by
from dashboard.menu.rules import (
    Outcome,
    check_edit,
    check_transition,
    differs,
    plan_site,
    read_measure,
)
from data_access import menu_writes, queries, summary
from data_access.db import Database
from data_access.models import MENU_STATUSES


class Refused(Exception):
    """Nothing was written, for the reasons given (in words)."""

    def __init__(self, *errors: str) -> None:
        super().__init__(*errors)
        self.errors = errors


def _write(db: Database, write: Callable[[Session], Outcome]) -> Outcome:
    """Run `write(session)` in one transaction; its confirmation, or why nothing was stored."""
    try:
        with db.session() as session:
            done = write(session)
            summary.bump_version(session)
    except Refused as exc:
        return Outcome(errors=exc.errors)
    except Conflict as exc:
        return Outcome(errors=(changed_by(exc),))
    except menu_writes.MenuConflict as exc:
        return Outcome(errors=(str(exc),))
    except IntegrityError:
        return Outcome(errors=("Someone changed the menu at the same moment: nothing was saved.",))
    return done


def menu(db: Database) -> pd.DataFrame:
    """Every measure on the menu, whatever its status, with how many sites use each."""
    with db.session() as session:
        return queries.measures(session, MENU_STATUSES)


def _adopted(session: Session, site: str) -> dict[str, float | None]:
    stored = queries.site_targets(session, site)
    return {
        m: (None if pd.isna(t) else float(t))
        for m, t in zip(stored["measure"], stored["target"], strict=True)
    }


def adoptions(db: Database, site: str) -> dict[str, float | None]:
    """The measures `site` adopted (retired ones too), with its target for each."""
    with db.session() as session:
        return _adopted(session, site)


def site_measures(db: Database, site: str) -> tuple[dict[str, float | None], int | None]:
    """`adoptions` and the version they are at, read together, as the site's form opens."""
    with db.session() as session:
        return _adopted(session, site), menu_writes.site_version(session, site)


def _current(session: Session, code: str, seen: int | None = None) -> tuple[dict, pd.DataFrame]:
    """Measure `code` as stored and the whole menu; Conflict when it is no longer at version
    `seen` (or no longer under this code, renamed by someone meanwhile)."""
    everything = queries.measures(session, MENU_STATUSES)
    rows = everything[everything["code"] == code]
    if rows.empty:
        renamed = menu_writes.measure_conflict(session, code) if seen is not None else None
        if renamed is not None and renamed.actor is not None:
            raise renamed
        raise Refused(f"There is no measure {code!r} on the menu.")
    current = rows.iloc[0].to_dict()
    if seen is not None and int(current["version"]) != seen:
        raise menu_writes.measure_conflict(session, code)
    return current, everything


def propose(db: Database, raw: Mapping[str, object], actor: str) -> Outcome:
    """Add a proposed measure (with its audit entry), or say what is wrong."""
    fields, errors = read_measure(raw)

    def write(session: Session) -> Outcome:
        if fields is None:
            raise Refused(*errors)
        if fields.code in set(queries.measures(session, MENU_STATUSES)["code"]):
            raise Refused(f"Code: {fields.code} is already on the menu.")
        menu_writes.insert_measure(session, fields.columns(), actor)
        return Outcome(
            f"{fields.code} proposed. Agree it to offer it to the sites.", (), fields.code
        )

    return _write(db, write)


def edit(
    db: Database, code: str, raw: Mapping[str, object], actor: str, seen: int | None = None
) -> Outcome:
    """Change measure `code`'s definition as its form saw it at version `seen` (None: as read
    here), writing only the fields that changed, with their old and new values in its audit
    entry; or say what is wrong, or who changed it meanwhile."""
    fields, errors = read_measure(raw)

    def write(session: Session) -> Outcome:
        if fields is None:
            raise Refused(*errors)
        current, everything = _current(session, code, seen)
        problems = check_edit(current, fields, set(everything["code"]))
        if problems:
            raise Refused(*problems)
        changed = {k: v for k, v in fields.columns().items() if differs(current, k, v)}
        if not changed:
            return Outcome(f"{code} already reads like this: nothing to save.", (), code)
        old = {k: current["characteristic" if k == "characteristic_id" else k] for k in changed}
        version = int(current["version"])
        menu_writes.update_measure(session, code, version, changed, actor, old)
        return Outcome(f"{fields.code} saved.", (), fields.code)

    return _write(db, write)


STATUS_WORDS = {
    "agreed": "{code} agreed: sites can adopt it and return it each quarter.",
    "retired": "{code} retired: no longer offered for new returns; its figures stay on the "
    "dashboard as history.",
}


def change_status(
    db: Database, code: str, new_status: str, actor: str, seen: int | None = None
) -> Outcome:
    """Agree or retire measure `code` as its form saw it at version `seen` (with its audit
    entry), or say why not."""

    def write(session: Session) -> Outcome:
        current = _current(session, code, seen)[0]
        status, version = str(current["status"]), int(current["version"])
        why = check_transition(code, status, new_status)
        if why:
            raise Refused(why)
        menu_writes.set_status(session, code, status, new_status, actor, seen=version)
        return Outcome(STATUS_WORDS[new_status].format(code=code), (), code)

    return _write(db, write)


def save_site(
    db: Database,
    site: str,
    choices: Mapping[str, tuple[bool, object]],
    actor: str,
    today: dt.date | None = None,
    *,
    seen: int | None = None,
) -> Outcome:
    """Store a site's adoptions and targets as its form saw them at version `seen` (None: as
    read here), each change with its audit entry, all in one transaction; or say what is
    wrong, or who changed them meanwhile, and store nothing."""

    def write(session: Session) -> Outcome:
        version = menu_writes.site_version(session, site)
        if version is None:
            raise Refused(f"There is no site {site!r}.")
        if seen is not None and version != seen:
            raise menu_writes.site_conflict(session, site)
        adopted = _adopted(session, site)
        plan, errors = plan_site(queries.measures(session, MENU_STATUSES), adopted, choices)
        if errors:
            raise Refused(*errors)
        if not plan:
            return Outcome("Nothing to save: these are the choices already stored.")
        menu_writes.claim_site(session, site, version)  # atomic: refused if it moved meanwhile
        words = []
        for action, code, target in plan:
            if action == "adopt":
                menu_writes.adopt(session, site, code, target, actor, today or dt.date.today())
                words.append(
                    f"adopted {code}" + (f" (target {target:g})" if target is not None else "")
                )
            elif action == "drop":
                menu_writes.drop(session, site, code, actor)
                words.append(f"dropped {code}")
            else:
                menu_writes.set_target(session, site, code, target, actor)
                words.append(
                    f"{code} target " + (f"{target:g}" if target is not None else "cleared")
                )
        return Outcome(f"Saved for {site}: " + "; ".join(words) + ".")

    return _write(db, write)
