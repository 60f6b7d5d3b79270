"""Every page against WCAG 2.1 AA with axe-core (from the npm registry) in headless Chromium,
signed in and as a visitor: no violation axe rates serious or critical; and the skip link."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from tests.a11y_helpers import axe_violations
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser

#: Each page and an element that is there once its content is drawn.
PAGES = {
    "/": "#panel-char-12 .measure",
    "/characteristic/4": ".cm-measure-heading",
    "/compare": "#compare-funnel .main-svg",
    "/site/SLAM": ".site-section-title",
    "/present": "[data-slide]",
    "/priorities": "#priorities-content",
    "/briefing": "#briefing-preview",
    "/data/returns": "#returns-upload",
    "/data/measures": "#menu-table",
    "/data/actions": "#actions-plan",
    "/data/organisations": "#orgs-list",
}
#: Known and not yet mended, each with where it will be (none now: the measure menu's name
#: read its count before its values, mended in assets/a11y.js).
KNOWN: set[tuple[str, str]] = set()


def _unknown(violations: list[dict]) -> list[dict]:
    return [
        v
        for v in violations
        if not all((v["id"], node) in KNOWN for node in v["nodes"]) or not v["nodes"]
    ]


@pytest.mark.parametrize("path", list(PAGES))
def test_a_signed_in_page_has_no_serious_violation(dash_duo, app, path):
    start_signed_in(dash_duo, app, path=path)
    dash_duo.wait_for_element(PAGES[path], timeout=30)
    assert _unknown(axe_violations(dash_duo.driver)) == []


@pytest.mark.parametrize("path", ["/login", "/", "/present", "/compare"])
def test_a_visitors_page_has_no_serious_violation(dash_duo, app, path):
    app.server.config["ALLOW_ANONYMOUS_VIEWERS"] = True
    dash_duo.start_server(app, navigate=False)
    dash_duo.driver.get(dash_duo.server.url + path)
    dash_duo.wait_for_element(PAGES.get(path, "#sign-in"), timeout=30)
    assert _unknown(axe_violations(dash_duo.driver)) == []


def test_the_first_tab_offers_a_skip_to_the_content(dash_duo, app):
    start_signed_in(dash_duo, app, path="/")
    dash_duo.wait_for_element(PAGES["/"], timeout=30)
    body = dash_duo.driver.find_element("css selector", "body")
    body.send_keys(Keys.TAB)
    first = dash_duo.driver.switch_to.active_element
    assert first.text == "Skip to the content" and first.is_displayed()
    first.send_keys(Keys.ENTER)
    until(lambda: dash_duo.driver.switch_to.active_element.get_attribute("id") == "page-content", 5)
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "en-GB"
