"""A screen reader hears that figures are loading and that they are in: the page's status
region (role="status") says "Loading…" while Dash waits for the server, then "Figures
updated." (assets/a11y.js)."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from layouts.overview.ids import FILTER_POOLING, OVERVIEW_SUMMARY, panel
from layouts.shell.ids import STATUS
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser

RECORD = """
window.__said = [];
var status = document.getElementById(arguments[0]);
new MutationObserver(function () { window.__said.push(status.textContent); })
    .observe(status, {childList: true, characterData: true, subtree: true});
"""


def test_a_filter_change_is_announced_while_loading_and_when_done(dash_duo, app):
    start_signed_in(dash_duo, app)
    dash_duo.wait_for_element(f"#{panel(1)}", timeout=20)
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "site(s) pooled", timeout=20)
    status = dash_duo.find_element(f"#{STATUS}")
    assert status.get_attribute("role") == "status"
    until(lambda: status.get_attribute("textContent") == "Figures updated.", timeout=20)

    dash_duo.driver.execute_script(RECORD, STATUS)
    year = f"//*[@id='{FILTER_POOLING}']//label[normalize-space()='Rolling year']"
    dash_duo.driver.find_element(By.XPATH, year).click()
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "rolling year", timeout=20)
    until(lambda: status.get_attribute("textContent") == "Figures updated.", timeout=20)
    said = dash_duo.driver.execute_script("return window.__said;")
    assert "Loading\u2026" in said and said[-1] == "Figures updated.", said
