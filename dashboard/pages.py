"""The page registry: every page of the dashboard declared once.

The router (`callbacks.routing`), the navigation bar, the factory's validation layout and the
callback registration are all derived from `PAGES`. Adding a page means a feature package in
each layer (`layouts/<feature>/` with its `ids.py`, `callbacks/<feature>.py`, and its data
functions in `dashboard/<feature>`) and one `Page(...)` entry here.

This module and the factory are the only places in `dashboard/` that import `layouts` and
`callbacks` (the import-linter contracts in `.importlinter` allow exactly these).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dash import Dash

from callbacks import (
    actions,
    briefing,
    characteristic,
    compare,
    filters,
    menu,
    organisations,
    overview,
    present,
    priorities,
    returns,
    site,
)
from dashboard.returns.window import quarters_open
from layouts.actions import layout as actions_layout
from layouts.briefing import layout as briefing_layout
from layouts.characteristic import layout as characteristic_layout
from layouts.compare import content as compare_content
from layouts.compare import layout as compare_layout
from layouts.menu import layout as menu_layout
from layouts.organisations import layout as organisations_layout
from layouts.present import layout as present_layout
from layouts.priorities import layout as priorities_layout
from layouts.returns import layout as returns_layout
from layouts.site import layout as site_layout


def returns_page(selection, catalogue, search: str = "", *, access):
    """/data/returns with the quarters open for returns today (`RETURN_QUARTERS_OPEN`): the
    layout is a pure builder and does not read the clock or the settings itself."""
    return returns_layout.layout(
        selection, catalogue, search, access=access, open_periods=quarters_open()
    )


#: Every role that may read the dashboard (dashboard.access).
EVERYONE: frozenset[str] | None = None


@dataclass(frozen=True)
class Page:
    """One page: where it lives, how it is built, what it registers and who may open it.

    `layout(selection, catalogue, search, access=..., **groups)` builds the page from the
    URL: `groups` are the named groups of `path`, `access` is passed only when
    `needs_access` (the page shows different forms to different roles)."""

    name: str
    path: str
    layout: Callable[..., Any]
    callbacks: tuple[Callable[[Dash], None], ...] = ()
    #: The navigation bar's label; None for a page reached from another (characteristic).
    nav_label: str | None = None
    #: The navigation entry highlighted while on this page (its own path when in the bar).
    section: str | None = None
    #: Roles that may open the page; None for everyone who may read the dashboard.
    roles: frozenset[str] | None = EVERYONE
    needs_access: bool = False
    #: Arguments that build an empty instance of the page for Dash's validation layout.
    example: dict[str, Any] = field(default_factory=dict)
    #: Components that a callback draws later and other callbacks listen to (a chart's
    #: clicks), for the validation layout too.
    drawn_later: Callable[[], list] | None = None
    #: The page is the same for everyone with the same rights until the data change (no
    #: plan, form or clock in it): the router caches its layout (callbacks/routing.py).
    cached: bool = False

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.path)

    @property
    def nav_path(self) -> str:
        """The page's own link: its path without the optional parts."""
        return re.sub(r"\(\?:.*\)\?$", "", self.path)

    def build(self, selection, catalogue, search: str, access, groups: dict[str, Any]):
        if self.needs_access:
            return self.layout(selection, catalogue, search, access=access, **groups)
        return self.layout(selection, catalogue, search, **groups)


PAGES: tuple[Page, ...] = (
    Page(
        "overview",
        r"/",
        overview.page_layout,
        (filters.register, overview.register),
        nav_label="Overview",
        cached=True,  # 45-95 ms to build on every visit, on the way to the panels
    ),
    Page(
        "characteristic",
        r"/characteristic/(?P<number>\d{1,2})",
        characteristic_layout.layout,
        (characteristic.register,),
        section="/",
        example={"number": "1"},
        cached=True,
    ),
    Page(
        "compare",
        r"/compare",
        compare_layout.layout,
        (compare.register,),
        "Compare sites",
        drawn_later=compare_content.drawn_later,
    ),
    Page(
        "site",
        r"/site(?:/(?P<code>[A-Za-z0-9_-]{1,16}))?",
        site_layout.layout,
        (site.register,),
        "My site",
        example={"code": None},
    ),
    Page(
        "present",
        r"/present",
        present_layout.layout,
        (present.register,),
        "Present",
        drawn_later=present_layout.drawn_later,
    ),
    Page(
        "priorities",
        r"/priorities",
        priorities_layout.layout,
        (priorities.register,),
        "Priorities",
    ),
    Page("briefing", r"/briefing", briefing_layout.layout, (briefing.register,), "Briefing"),
    Page(
        "returns",
        r"/data/returns",
        returns_page,
        (returns.register,),
        "Data",
        needs_access=True,
    ),
    Page(
        "menu",
        r"/data/measures",
        menu_layout.layout,
        (menu.register,),
        section="/data/returns",
        needs_access=True,
    ),
    Page(
        "actions",
        r"/data/actions",
        actions_layout.layout,
        (actions.register,),
        section="/data/returns",
        needs_access=True,
    ),
    Page(
        "organisations",
        r"/data/organisations",
        organisations_layout.layout,
        (organisations.register,),
        section="/data/returns",
        roles=frozenset({"admin"}),
    ),
)


def nav_entries(pages: tuple[Page, ...] = PAGES) -> list[tuple[str, str]]:
    """(label, path) of each page in the navigation bar, in the order of the registry."""
    return [(page.nav_label, page.nav_path) for page in pages if page.nav_label]


def section_of(path: str, pages: tuple[Page, ...] = PAGES) -> str:
    """The navigation entry that a path belongs to ('/site/SLAM' → '/site')."""
    for page in pages:
        if page.pattern.fullmatch(path):
            return page.section or page.nav_path
    return path
