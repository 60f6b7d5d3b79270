"""The page registry (dashboard/pages.py): the router, the navigation and the validation
layout are derived from it, and a page's roles are enforced by the router."""

from __future__ import annotations

from dataclasses import replace

from callbacks import routing
from dashboard.factory import validation_layout
from dashboard.pages import PAGES, nav_entries, section_of
from layouts.shell.layout import nav_links
from tests.components import find, text
from tests.conftest import ADMIN, VIEWER, signed_in_request


def test_the_navigation_is_the_registrys_labelled_pages_in_order():
    assert nav_entries() == [
        ("Overview", "/"),
        ("Compare sites", "/compare"),
        ("My site", "/site"),
        ("Present", "/present"),
        ("Priorities", "/priorities"),
        ("Briefing", "/briefing"),
        ("Data", "/data/returns"),
    ]
    assert section_of("/site/SLAM") == "/site"
    assert section_of("/characteristic/4") == "/"
    assert section_of("/data/actions") == "/data/returns"
    links = nav_links(nav_entries(), section_of("/data/measures"), "")
    active = [link.children.href for link in links if link.children.active]
    assert active == ["/data/returns"]


def test_every_page_is_in_the_validation_layout():
    layout = validation_layout()
    for marker in ("compare-grid", "site-content", "present-deck", "returns-upload", "menu-table"):
        assert find(layout, marker) is not None, marker


def test_a_page_declared_for_some_roles_is_refused_to_others(app, monkeypatch):
    admins_only = tuple(
        replace(page, roles=frozenset({"admin"})) if page.name == "priorities" else page
        for page in PAGES
    )
    monkeypatch.setattr(routing, "PAGES", admins_only)
    with signed_in_request(app, VIEWER):
        refused = routing.update_page("/priorities", "")
    assert "Not available to your account" in text(refused)
    with signed_in_request(app, ADMIN):
        shown = routing.update_page("/priorities", "")
    assert find(shown, "priorities-content") is not None
