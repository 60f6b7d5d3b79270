"""The frame around every page: the URL, a navigation bar with the current selection as
removable chips and a "copy link" action, then the page's content."""

from __future__ import annotations

from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.periods import default_grain
from dashboard.roles import Access
from dashboard.selection import POOLING_WINDOWS, Catalogue, Selection
from dashboard.vocabulary import count_words
from layouts.shell import ids

ROLE_NAMES = {
    "admin": "administrator",
    "regional": "regional team",
    "site_lead": "site lead",
    "viewer": "viewer",
}
POOLING_LABELS = {"year": "Pooled: rolling year", "3years": "Pooled: rolling 3 years"}


def shell(
    access: Access | None = None, nav: list | None = None, csrf: str | None = None
) -> html.Div:
    """The frame: `access` is the reader (None for nobody signed in), `nav` the first links."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.HISTORY_MOVES, data=0),
            dbc.Navbar(
                dbc.Container(
                    [
                        dbc.NavbarBrand(
                            [
                                html.Strong("DRE Dashboard"),
                                html.Span(
                                    " · Delivering Race Equality in Mental Health Care",
                                    className="brand-sub",
                                ),
                            ],
                            href="/",
                        ),
                        dbc.Nav(nav or [], id=ids.NAV_LINKS, navbar=True),
                        account_area(access, csrf),
                    ],
                    fluid=True,
                ),
                id=ids.NAVBAR,
                color="dark",
                dark=True,
            ),
            html.Div(
                dbc.Container(
                    [
                        html.Div(id=ids.SELECTION_CHIPS, className="chips"),
                        html.Div(
                            [
                                dcc.Clipboard(
                                    id=ids.COPY_LINK,
                                    title="Copy a link to this view",
                                    className="copy-link-icon",
                                ),
                                html.Span("Copy link", className="copy-link-label"),
                            ],
                            className="copy-link",
                        ),
                    ],
                    fluid=True,
                    className="selection-bar-inner",
                ),
                className="selection-bar mb-3",
            ),
            # tabIndex -1: the skip link moves the focus here, not only the view
            dbc.Container(html.Main(id=ids.PAGE, tabIndex="-1"), fluid=True, className="pb-4"),
            # what a screen reader hears while figures load, and when they are in
            # (assets/a11y.js); errors speak for themselves (role="alert", dashboard/errors.py)
            html.Div(id=ids.STATUS, role="status", className="visually-hidden"),
        ]
    )


def account_area(access: Access | None, csrf: str | None = None) -> html.Div:
    """Who is signed in, in which role, and the way out (or in)."""
    if access is None or not access.signed_in:
        note = "Viewing without signing in · " if access else ""
        return html.Div(
            [html.Span(note, className="account-note"), html.A("Sign in", href="/login")],
            className="account ms-auto",
        )
    bound = f" · {access.site or access.region}" if access.site or access.region else ""
    role = ROLE_NAMES.get(access.role, access.role)
    return html.Div(
        [
            html.Span(access.email, className="account-note me-2"),
            html.Span(role.capitalize() + bound, className="account-role", title=access.email),
            # a form, not a link: signing out is a POST with the session's token, so that no
            # link or image on another page can sign anyone out
            html.Form(
                [
                    dcc.Input(type="hidden", name="csrf", value=csrf or ""),
                    html.Button("Sign out", type="submit", className="btn btn-link sign-out"),
                ],
                method="post",
                action="/logout",
                className="sign-out-form ms-2",
            ),
        ],
        className="account ms-auto",
    )


def nav_links(entries: list[tuple[str, str]], current: str, query: str) -> list:
    """The pages' links (label, path), each carrying the selection's query string; the one
    of the `current` section marked active."""
    return [
        dbc.NavItem(dbc.NavLink(label, href=path + query, active=path == current))
        for label, path in entries
    ]


def _chip(label: str, href: str, what: str) -> html.Span:
    return html.Span(
        [
            html.Span(label, className="chip-label"),
            html.A(
                "×",
                href=href,
                className="chip-remove",
                title=f"Remove {what}",
                **{"aria-label": f"Remove {what}"},
            ),
        ],
        className="chip",
    )


def _names(frame, column: str) -> dict[str, str]:
    """code → `column` of a catalogue table (empty for an empty catalogue)."""
    if frame.empty:
        return {}
    return dict(zip(frame["code"], frame[column], strict=True))


#: More chosen organisations than this show as one chip that opens their list.
MANY_ORGANISATIONS = 3


def _many_chip(selection: Selection, names: dict[str, str], without) -> html.Details:
    """'13 organisations': one chip that opens the list, each with its own ×, and a × for all."""
    items = [
        html.Li(
            [
                html.Span(names.get(code, code)),
                html.A(
                    "×",
                    href=without(trusts=tuple(t for t in selection.trusts if t != code)),
                    className="chip-remove",
                    title=f"Remove {names.get(code, code)}",
                    **{"aria-label": f"Remove {names.get(code, code)}"},
                ),
            ]
        )
        for code in selection.trusts
    ]
    return html.Details(
        [
            html.Summary(count_words(len(selection.trusts), "organisation")),
            html.Ul(items, className="chip-list"),
            html.A("Remove them all", href=without(trusts=()), className="chip-remove-all"),
        ],
        className="chip chip-many",
    )


def selection_chips(selection: Selection, catalogue: Catalogue, pathname: str) -> list:
    """The selection as chips; each chip's × opens the same page without that choice."""

    def without(**changes) -> str:
        return pathname + replace(selection, **changes).to_query()

    regions = _names(catalogue.regions, "name")
    org_names = _names(catalogue.organisations, "name")
    periods = _names(catalogue.periods, "label")
    chips = []
    for code in selection.regions:
        rest = tuple(r for r in selection.regions if r != code)
        chips.append(_chip(regions.get(code, code), without(regions=rest), "this region"))
    if len(selection.trusts) > MANY_ORGANISATIONS:
        chips.append(_many_chip(selection, org_names, without))
    for code in selection.trusts if len(selection.trusts) <= MANY_ORGANISATIONS else ():
        rest = tuple(t for t in selection.trusts if t != code)
        chips.append(_chip(org_names.get(code, code), without(trusts=rest), "this site"))
    if selection.rurality != "all":
        label = f"{selection.rurality.capitalize()} sites"
        chips.append(_chip(label, without(rurality="all"), "the rural/urban filter"))
    if selection.period_from or selection.period_to:
        span = selection.period_range(catalogue)
        label = f"{periods.get(span[0], '')} to {periods.get(span[-1], '')}" if span else "Periods"
        chips.append(_chip(label, without(period_from=None, period_to=None), "the period range"))
    if selection.pooling in POOLING_LABELS and selection.pooling in POOLING_WINDOWS:
        chips.append(
            _chip(POOLING_LABELS[selection.pooling], without(pooling="quarter"), "the pooling")
        )
    if selection.measures is not None:
        label = f"{len(selection.measures)} measure(s) chosen"
        chips.append(_chip(label, without(measures=None), "the measure choice"))
    switch = _grain_switch(selection, catalogue, without)
    if not chips:
        return [
            html.Span(
                "All sites · all periods · the sites' agreed measures", className="chips-none"
            ),
            *switch,
        ]
    return [html.Span("Selection:", className="chips-heading"), *chips, *switch]


#: Each granularity a series can be drawn in, as the switch names it.
GRAIN_WORDS = {
    "quarter": "Quarters",
    "financial_year": "Financial years",
    "month": "Months",
    "year": "Years",
}


def _grain_switch(selection: Selection, catalogue: Catalogue, without) -> list:
    """Where the store holds periods of more than one granularity (quarterly returns beside
    published annual statistics): which the pages draw, and a link to each other one."""
    grains = catalogue.grains
    if len(grains) < 2:
        return []
    shown, default = catalogue.grain, default_grain(catalogue.all_periods)
    items: list = [html.Span("Periods:", className="chips-heading")]
    for grain in grains:
        words = GRAIN_WORDS.get(grain, grain)
        if grain == shown:
            items.append(html.Strong(words, className="grain-shown", **{"aria-current": "true"}))
        else:
            chosen = None if grain == default else grain
            href = without(grain=chosen, period_from=None, period_to=None, pooling="quarter")
            items.append(dcc.Link(words, href=href, className="grain-link"))
    return [html.Span(items, className="grain-switch")]


def not_found(pathname: str) -> html.Div:
    return html.Div(
        [
            html.H1("Page not found", className="h3"),
            html.P(f"There is no page at {pathname}."),
            dcc.Link("Go to the overview", href="/"),
        ],
        className="py-5",
    )


def not_allowed(pathname: str) -> html.Div:
    return html.Div(
        [
            html.H1("Not available to your account", className="h3"),
            html.P(f"Your role may not open {pathname}."),
            dcc.Link("Go to the overview", href="/"),
        ],
        className="py-5",
    )


def message(text: str, tone: str = "secondary") -> dbc.Alert:
    """A plain message where a chart or a table would be: why it is empty and what to do."""
    return dbc.Alert(text, color=tone, className="page-message")
