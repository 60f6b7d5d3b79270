"""Storing a checked return in one transaction with its audit entry, once every warning about
it (dashboard/returns/plausibility.py) is confirmed."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.exc import IntegrityError

from dashboard.periods import PeriodSpec
from dashboard.returns.checking import Reference, RowError, reference, validate_return
from dashboard.returns.limits import ReturnRefused
from dashboard.returns.plausibility import RowWarning, find_warnings, history_periods
from dashboard.returns.reading import read_return
from data_access import queries, summary
from data_access.db import Database
from data_access.writes import current_values, ensure_periods, lock_sites, store_return


def plan_return(current: pd.DataFrame) -> pd.DataFrame:
    """Each row marked new (no current value), unchanged (the same numbers) or revised."""
    same = (current["current_numerator"] == current["numerator"]) & (
        current["current_denominator"] == current["denominator"]
    )
    status = pd.Series("revised", index=current.index)
    status[current["revision"] == 0] = "new"
    status[(current["revision"] > 0) & same.fillna(False).astype(bool)] = "unchanged"
    return current.assign(status=status)


def stored_for(session, rows: pd.DataFrame, ref: Reference) -> pd.DataFrame:
    """What the store holds now for the return's sites and measures, from 20 periods before
    its first to its last: the current value of each of its cells, and the history its
    warnings are judged against, read together in one query."""
    periods = set(history_periods(rows, ref.period_order)) | set(rows["period"])
    return queries.stored_cells(
        session, sorted(set(rows["site"])), sorted(set(rows["measure"])), sorted(periods)
    )


def plausibility_warnings(plan: pd.DataFrame, stored: pd.DataFrame, ref: Reference):
    """The warnings about the rows of `plan` that would change what is stored."""
    if not (plan["status"] != "unchanged").any():
        return []
    return find_warnings(plan, ref.menu, ref.category_names, stored, ref.period_order)


@dataclass(frozen=True)
class ImportResult:
    errors: list[RowError]
    plan: pd.DataFrame
    stored: bool
    checksum: str
    warnings: tuple[RowWarning, ...] = ()
    #: When a store was refused over its warnings: those found now that were not confirmed,
    #: and how many confirmations name a warning no longer found (figures stored meanwhile).
    unconfirmed: tuple[RowWarning, ...] = ()
    stale: int = 0

    def counts(self) -> dict[str, int]:
        statuses = self.plan["status"] if not self.plan.empty else pd.Series(dtype=str)
        return {s: int((statuses == s).sum()) for s in ("new", "revised", "unchanged")}


def import_return(
    db: Database,
    content: bytes,
    file_name: str,
    actor: str,
    dry_run: bool = False,
    allowed_sites: set[str] | None = None,
    confirmed: Collection[str] = (),
    open_periods: Sequence[PeriodSpec] | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Read, validate and (unless `dry_run` or there is any error) store a return in one
    transaction with its audit entry; figures cached before it are not used after it.

    A return with warnings is stored only when `confirmed` (their `RowWarning.key`s) is
    exactly the set found now, under the sites' lock; the audit entry keeps their texts.
    Otherwise nothing is stored and the result says which were not confirmed. A return that
    changes nothing stores nothing but its audit entry, and has nothing to confirm.

    A return may name the quarters open for returns (`open_periods`, by default those of
    `window.quarters_open` on `today`), which are stored with it if the store does not hold
    them yet, and any stored period that has ended: a correction of an earlier quarter is
    taken from a site lead as from an administrator, as a new revision with its audit entry.
    Raises ReturnRefused when the file as a whole cannot be read."""
    checksum = hashlib.sha256(content).hexdigest()
    frame = read_return(content, file_name)
    try:
        with db.session() as session:
            ref = reference(session, open_periods, today)
            rows, errors = validate_return(frame, ref, allowed_sites)
            if errors or rows.empty:
                return ImportResult(errors, pd.DataFrame(), False, checksum)
            if not dry_run:
                # Returns for the same sites are stored one after the other: the second
                # waits here, then plans against what the first stored.
                lock_sites(session, sorted(set(rows["site"])))
                new = ref.new_periods(sorted(set(rows["period"])))
                ensure_periods(session, [p.row() for p in new])
            stored = stored_for(session, rows, ref)
            plan = plan_return(current_values(session, rows, stored))
            warnings = tuple(plausibility_warnings(plan, stored, ref))
            if dry_run:
                return ImportResult([], plan, False, checksum, warnings)
            found, wanted = {w.key for w in warnings}, set(confirmed)
            if found != wanted and (plan["status"] != "unchanged").any():
                unconfirmed = tuple(w for w in warnings if w.key not in wanted)
                stale = len(wanted - found)
                return ImportResult([], plan, False, checksum, warnings, unconfirmed, stale)
            # db.session() is one transaction: it commits the rows and the audit entry
            # together, or rolls both back if anything fails.
            texts = [w.text for w in warnings]
            store_return(session, plan, actor, file_name, checksum, confirmed_warnings=texts)
            # the summary the pages read, and the data version their cached figures are
            # keyed by, move in the same transaction
            session.flush()
            changed = plan.loc[plan["status"] != "unchanged", "organisation_id"]
            summary.refresh(session, sorted(set(changed.astype(int))))
    except IntegrityError as exc:
        # Another return for the same cells was stored between our read and our write
        # (SQLite has no row locks): nothing of this one was stored; it can be sent again.
        raise ReturnRefused(
            "Another return for the same cells was stored at the same moment; nothing of "
            "this file was stored. Upload it again to see what it would change now."
        ) from exc
    return ImportResult([], plan, True, checksum, warnings)


def revision_history(db: Database, site: str) -> pd.DataFrame:
    """The site's stored revisions, newest first (who submitted each, when, from which file)."""
    with db.session() as session:
        return queries.revision_history(session, site)
