"""The priorities page in headless Chromium: opened from a link, the share changed once."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from layouts.overview.ids import OVERVIEW_SUMMARY, panel
from layouts.priorities import ids
from layouts.shell.ids import SELECTION_CHIPS
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser


def test_changing_the_share_restates_the_set_and_the_focus_link(dash_duo, app):
    start_signed_in(dash_duo, app)
    dash_duo.driver.get(dash_duo.server_url + "/priorities?region=LDN&basis=detentions&share=50")
    headline = ".priorities-headline"
    dash_duo.wait_for_contains_text(headline, "50% of BME detentions", timeout=20)
    first = dash_duo.find_element(headline).text
    assert "London" in dash_duo.find_element(f"#{SELECTION_CHIPS}").text

    handle = dash_duo.find_element(f"#{ids.PRIORITIES_SHARE} [role='slider']")
    handle.click()
    handle.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
    dash_duo.wait_for_contains_text(headline, "60% of BME detentions", timeout=20)
    assert dash_duo.find_element(headline).text != first
    until(lambda: "share=60" in dash_duo.driver.current_url, timeout=10)

    link = dash_duo.find_element(f"#{ids.PRIORITIES_APPLY}")
    href = link.get_attribute("href")
    assert "region=LDN" in href and "trust=" in href
    link.click()
    dash_duo.wait_for_element(f"#{panel(12)}", timeout=20)
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "site(s) pooled", timeout=20)
    assert dash_duo.get_logs() == []
