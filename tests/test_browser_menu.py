"""/data/measures in headless Chromium: a site lead sets a target for their site, and an
administrator retires a measure, which moves under the retired heading here and on the
overview's menu. Both write, so both run on a private copy of the demonstration data."""

from __future__ import annotations

import json

import pytest
from dash.testing.wait import until
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By

from data_access import queries
from data_access.db import Database
from layouts.menu import ids
from layouts.overview.ids import MEASURE_MENU, panel
from tests.conftest import SITE_LEAD, start_signed_in

pytestmark = pytest.mark.browser


def _pattern(kind: str, code: str) -> str:
    """The DOM id Dash gives a pattern-matching id (its JSON, keys sorted)."""
    return json.dumps({"code": code, "type": kind}, separators=(",", ":"), sort_keys=True)


def test_a_site_lead_sets_a_target_and_sees_it_saved(dash_duo, writable_app, writable_db_url):
    start_signed_in(dash_duo, writable_app, email=SITE_LEAD, path="/data/measures")
    dash_duo.wait_for_contains_text(f"#{ids.MENU_SITE}", "(SLAM)", timeout=20)
    target = f"//input[@id='{_pattern(ids.MENU_TARGET, 'M01A')}']"
    until(lambda: dash_duo.driver.find_elements(By.XPATH, target), timeout=20)
    field = dash_duo.driver.find_element(By.XPATH, target)
    field.clear()
    field.send_keys("25")
    save = dash_duo.find_element(f"#{ids.MENU_SITE_SAVE}")
    # Bootstrap scrolls smoothly: jump, so that the click lands on the button.
    script = "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})"
    dash_duo.driver.execute_script(script, save)
    save.click()
    dash_duo.wait_for_contains_text(
        f"#{ids.MENU_SITE_RESULT}", "Saved for SLAM: M01A target 25.", timeout=20
    )
    until(
        lambda: dash_duo.driver.find_element(By.XPATH, target).get_attribute("value") == "25",
        timeout=20,
    )
    db = Database(writable_db_url)
    with db.session() as s:
        assert queries.site_targets(s, "SLAM").set_index("measure").loc["M01A", "target"] == 25
    db.dispose()
    assert dash_duo.get_logs() == []


def _heading_above(dash_duo, code: str) -> str | None:
    """The group heading above the measure's row (None while the table is being redrawn)."""
    try:
        row = dash_duo.driver.find_element(By.ID, f"menu-row-{code}")
        heading = row.find_element(
            By.XPATH, "preceding-sibling::tr[contains(@class, 'menu-group')][1]"
        )
        return heading.text
    except (StaleElementReferenceException, NoSuchElementException):
        return None


def test_an_administrator_retires_a_measure_and_it_moves_under_retired(dash_duo, writable_app):
    start_signed_in(dash_duo, writable_app, path="/data/measures")
    dash_duo.wait_for_element("#menu-row-M12C", timeout=20)
    assert _heading_above(dash_duo, "M12C") == "12 · Workforce"

    dash_duo.find_element(f"#{ids.MENU_PICK}").click()
    dash_duo.wait_for_element(".dash-dropdown-search", timeout=10).send_keys("M12C")
    option = "//*[contains(@class, 'dash-dropdown-option')][contains(., 'M12C')]"
    dash_duo.driver.find_element(By.XPATH, option).click()
    dash_duo.wait_for_contains_text(f"#{ids.MENU_STATUS}", "M12C is agreed", timeout=20)
    until(lambda: dash_duo.find_element(f"#{ids.MENU_RETIRE}").is_enabled(), timeout=10)
    retire = dash_duo.find_element(f"#{ids.MENU_RETIRE}")
    # below the form's plausible values, out of the window: jump to it, then click
    script = "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})"
    dash_duo.driver.execute_script(script, retire)
    retire.click()

    dash_duo.wait_for_contains_text(f"#{ids.MENU_RESULT}", "M12C retired", timeout=20)
    until(lambda: _heading_above(dash_duo, "M12C") == "Retired (history only)", timeout=20)
    dash_duo.wait_for_contains_text(f"#{ids.MENU_STATUS}", "M12C is retired", timeout=20)
    assert dash_duo.find_element(f"#{ids.MENU_AGREE}").text == "Agree again"

    # The overview's menu lists it under the retired heading, for its history only.
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element(f"#{panel(1)}", timeout=20)
    dash_duo.find_element(f"#{MEASURE_MENU}").click()
    until(lambda: dash_duo.find_elements(".dash-dropdown-option"), timeout=10)
    labels = [o.text for o in dash_duo.find_elements(".dash-dropdown-option")]
    retired = labels.index("Retired (history only)")
    assert any(label.startswith("Interpreter requests met") for label in labels[retired + 1 :])
    assert not any(label.startswith("Interpreter requests met") for label in labels[:retired])
    assert dash_duo.get_logs() == []
