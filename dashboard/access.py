"""Who may read and write what. Every page, callback, download and command asks here.

- `admin`: everything.
- `regional`: reads all of its region with record-level detail; writes nothing.
- `site_lead`: reads with record-level detail for its own site; submits returns, sets targets
  and keeps the action plan for its own site only.
- `viewer` (and an anonymous visitor when ALLOW_ANONYMOUS_VIEWERS is on): reads aggregate
  figures with disclosure control applied.

Outside a web request (the command line) the operator of the server acts as `admin`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import pandas as pd
from flask import current_app, has_request_context
from werkzeug.exceptions import Forbidden, Unauthorized

from dashboard.roles import CLI as CLI  # the command line's access, re-exported
from dashboard.roles import Access
from dashboard.stats.disclosure import disclosure_control

#: Who the work in progress is done for, when not the person behind a request (`acting_as`).
_acting: ContextVar[Access | None] = ContextVar("acting", default=None)


@contextmanager
def acting_as(access: Access) -> Iterator[None]:
    """Do the work inside as `access` (a command that writes a file for others to read)."""
    token = _acting.set(access)
    try:
        yield
    finally:
        _acting.reset(token)


def current_access() -> Access:
    """The person behind the current request; Unauthorized when nobody may be served."""
    acting = _acting.get()
    if acting is not None:
        return acting
    if not has_request_context():
        return CLI
    from flask_login import current_user

    if current_user.is_authenticated:
        return current_user.access
    if current_app.config.get("ALLOW_ANONYMOUS_VIEWERS"):
        return Access("viewer")
    raise Unauthorized("Sign in to use the dashboard.")


def require_write(site_code: str | None) -> Access:
    """The current person, if they may write for `site_code`; Forbidden otherwise."""
    access = current_access()
    if not access.may_write_site(site_code):
        raise Forbidden(f"{access.actor} may not write for site {site_code!r}.")
    return access


def require_admin(what: str = "change the menu of measures") -> Access:
    """The current person, if an administrator; Forbidden (saying they may not `what`)
    otherwise."""
    access = current_access()
    if not access.is_admin:
        raise Forbidden(f"{access.actor} may not {what}.")
    return access


def protect_site_rows(frame: pd.DataFrame, organisations: pd.DataFrame) -> pd.DataFrame:
    """Per-site rows (a `site` column) as the current person may see them.

    Rows of sites outside the person's record-level rights get disclosure control: counts
    of 1 to 7 withheld and the rest rounded to the nearest 5. A withheld row keeps its place,
    marked `withheld` (1, else 0) with counts of 0 that are never shown as such: the pages say
    it is withheld, not missing, and derive nothing from it
    (`dashboard.stats.disclosure.withheld_values`). Totals over several sites are summed
    from these rows (dashboard/loaders.py), never rounded after summing: otherwise the total
    of A and B minus the total of B would give away A's withheld count.
    """
    # A cell suppressed at source (a published blank) is withheld from everyone.
    frame = frame.assign(withheld=_suppressed(frame))
    if frame.empty:
        return frame
    allowed = current_access().record_level_sites(organisations)
    if allowed is None:
        return frame
    outside = ~frame["site"].isin(allowed)
    if not outside.any():
        return frame
    counts = ["numerator", "denominator"]
    at_source = _suppressed(frame.loc[outside])
    controlled = disclosure_control(frame.loc[outside], count_columns=counts, derived_columns=())
    # disclosure_control names its own withheld rows `suppressed`: ours (at source) come back.
    controlled["withheld"] = controlled.pop("suppressed").astype(int) | at_source
    if "suppressed" in frame:
        controlled["suppressed"] = at_source
    controlled[counts] = controlled[counts].fillna(0)
    controlled = controlled.astype({c: frame[c].dtype for c in counts})
    return pd.concat([frame.loc[~outside], controlled]).sort_index()


def _suppressed(frame: pd.DataFrame) -> pd.Series:
    """1 on the rows suppressed at source (`suppressed` above 0), else 0."""
    if "suppressed" not in frame:
        return pd.Series(0, index=frame.index, dtype=int)
    return (frame["suppressed"].fillna(0) > 0).astype(int)
