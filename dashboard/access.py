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

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from flask import current_app, has_request_context
from werkzeug.exceptions import Forbidden, Unauthorized

from dashboard.stats.disclosure import disclosure_control


@dataclass(frozen=True)
class Access:
    role: str
    email: str | None = None
    site: str | None = None  # organisation code, for a site lead
    region: str | None = None  # region code, for a regional user

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def signed_in(self) -> bool:
        return self.email is not None

    @property
    def actor(self) -> str:
        """How the audit log names this person."""
        return self.email or "anonymous"

    def record_level_sites(self, organisations: pd.DataFrame) -> set[str] | None:
        """Codes of the sites this person may see unrounded (None: every site)."""
        if self.role == "admin":
            return None
        if self.role == "regional":
            in_region = organisations["region"] == self.region
            return set(organisations.loc[in_region, "code"])
        if self.role == "site_lead" and self.site:
            return {self.site}
        return set()

    def may_write_site(self, site_code: str | None) -> bool:
        """Submit returns, set targets and edit the action plan of `site_code`."""
        if self.role == "admin":
            return site_code is not None
        return self.role == "site_lead" and site_code is not None and site_code == self.site

    def writable_sites(self, organisations: pd.DataFrame) -> list[str]:
        """The site codes this person may submit for, in the catalogue's order."""
        return [c for c in organisations["code"] if self.may_write_site(c)]

    @property
    def may_edit_menu(self) -> bool:
        return self.role == "admin"


CLI = Access("admin", email="command line")


def current_access() -> Access:
    """The person behind the current request; Unauthorized when nobody may be served."""
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


def require_admin() -> Access:
    access = current_access()
    if not access.is_admin:
        raise Forbidden(f"{access.actor} may not change the menu of measures.")
    return access


def protect_totals(
    frame: pd.DataFrame, org_codes: Iterable[str], organisations: pd.DataFrame
) -> pd.DataFrame:
    """`frame` of summed numerators and denominators, as the current person may see it.

    Totals that include any site outside the person's record-level rights are shown with
    disclosure control: counts of 1 to 7 withheld (the row is dropped, as a missing return
    would be, so nothing is derived from it) and the rest rounded to the nearest 5. Per-site
    frames (a `site` column) are judged row by row.
    """
    if frame.empty:
        return frame
    allowed = current_access().record_level_sites(organisations)
    if allowed is None:
        return frame
    if "site" in frame.columns:
        outside = ~frame["site"].isin(allowed)
    else:
        covered = set(org_codes) <= allowed
        outside = pd.Series(not covered, index=frame.index)
    if not outside.any():
        return frame
    controlled = disclosure_control(
        frame.loc[outside], count_columns=("numerator", "denominator"), derived_columns=()
    )
    kept = controlled.loc[~controlled["suppressed"]].drop(columns="suppressed")
    kept = kept.astype({c: frame[c].dtype for c in ("numerator", "denominator")})
    return pd.concat([frame.loc[~outside], kept]).sort_index()
