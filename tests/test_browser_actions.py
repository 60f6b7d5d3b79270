"""Action plans in headless Chromium: a site lead adds an action to their own plan and finds
it in the table, then on their site's page. On a private copy of the database."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.support.ui import Select

from layouts.actions import ids
from tests.conftest import SITE_LEAD, start_signed_in

pytestmark = pytest.mark.browser

ACTION = "Run a listening event with Somali community elders in Lambeth"


def test_a_site_lead_adds_an_action_and_sees_it_on_the_plan_and_the_site_page(
    dash_duo, writable_app
):
    start_signed_in(dash_duo, writable_app, SITE_LEAD, "/data/actions")
    dash_duo.wait_for_contains_text(f"#{ids.ACTIONS_PLAN}", "actions:", timeout=30)
    editor = dash_duo.wait_for_element(f"#{ids.ACTIONS_EDITOR}", timeout=10)
    until(lambda: editor.is_displayed(), timeout=10)
    until(lambda: dash_duo.find_element(f"#{ids.ACTIONS_DUE}").get_attribute("value"), 10)

    Select(dash_duo.find_element(f"#{ids.ACTIONS_CHARACTERISTIC}")).select_by_value("1")
    dash_duo.find_element(f"#{ids.ACTIONS_TEXT}").send_keys(ACTION)
    dash_duo.find_element(f"#{ids.ACTIONS_OWNER}").send_keys("Community Development Worker Lead")
    Select(dash_duo.find_element(f"#{ids.ACTIONS_STATUS}")).select_by_value("on_track")
    dash_duo.find_element(f"#{ids.ACTIONS_NOTE}").send_keys("Venue booked.")
    save = dash_duo.find_element(f"#{ids.ACTIONS_SAVE}")
    # below the fold; Bootstrap's smooth scrolling would still be moving when Selenium clicks
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", save
    )
    save.click()

    dash_duo.wait_for_contains_text(f"#{ids.ACTIONS_RESULT}", "added", timeout=20)
    dash_duo.wait_for_contains_text(f"#{ids.ACTIONS_PLAN}", ACTION, timeout=20)
    row = next(
        r for r in dash_duo.find_elements(f"#{ids.ACTIONS_PLAN} .action-row") if ACTION in r.text
    )
    assert "On track" in row.text and "Venue booked." in row.text
    picked = Select(dash_duo.find_element(f"#{ids.ACTIONS_PICK}")).first_selected_option
    assert ACTION[:40] in picked.text  # a second save changes this action, not a copy

    dash_duo.driver.get(dash_duo.server_url + "/site/SLAM")
    dash_duo.wait_for_contains_text("#site-actions", ACTION, timeout=60)
    link = dash_duo.find_element("#site-actions .actions-edit-link")
    assert link.get_attribute("href").endswith("/data/actions?site=SLAM")
    assert dash_duo.get_logs() == []
