"""What a reader may do, as plain data: the role, and the site or region it is bound to.

Pure (no Flask): layouts are given an `Access` to shape what they show; `dashboard.access`
works out who is behind the current request and enforces it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


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
    def rights(self) -> tuple[str, str | None, str | None]:
        """What the figures this person may see depend on (a cached figure's key): the role
        and the site or region it is bound to."""
        return self.role, self.site, self.region

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
