"""The overview in headless Chromium, as a user meets it."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from layouts.overview import ids
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser


def _wait_for_panels(dash_duo):
    dash_duo.wait_for_element(f"#{ids.panel(12)}", timeout=20)
    dash_duo.wait_for_contains_text(f"#{ids.OVERVIEW_SUMMARY}", "site(s) pooled", timeout=20)


def _panel_text(dash_duo, n):
    return dash_duo.find_element(f"#{ids.panel_body(n)}").text


def test_overview_renders_twelve_panels_without_console_errors(dash_duo, app):
    start_signed_in(dash_duo, app)
    _wait_for_panels(dash_duo)
    panels = dash_duo.find_elements("[id^='panel-char-']")
    assert len([p for p in panels if p.get_attribute("id").startswith("panel-char-")]) == 12
    assert "4Detention" in dash_duo.find_element(f"#{ids.panel(4)}").text.replace("\n", "")
    # each measure's trend is an image the browser decodes, named in words for screen readers
    trend = dash_duo.wait_for_element(f"#{ids.panel_body(4)} .trend-img", timeout=20)
    decoded = lambda: dash_duo.driver.execute_script("return arguments[0].naturalWidth", trend)  # noqa: E731
    until(lambda: decoded() > 0, timeout=10)
    assert trend.get_attribute("alt").startswith("Trend of ")
    assert "BME from" in trend.get_attribute("alt")
    assert dash_duo.get_logs() == []


def test_choosing_a_region_narrows_trusts_and_changes_figures(dash_duo, app):
    start_signed_in(dash_duo, app)
    _wait_for_panels(dash_duo)
    before = _panel_text(dash_duo, 4)
    summary_before = dash_duo.find_element(f"#{ids.OVERVIEW_SUMMARY}").text

    # Open the menu, type, and click the option once it is listed (on a busy machine the
    # options can arrive after the keys, so Enter alone may choose nothing).
    dash_duo.find_element(f"#{ids.FILTER_REGION}").click()
    search = dash_duo.driver.switch_to.active_element
    search.send_keys("London")

    def london_option():
        found = dash_duo.driver.find_elements(By.CSS_SELECTOR, "[role='option']")
        return next((e for e in found if e.text.strip() == "London"), None)

    until(lambda: london_option() is not None, timeout=10)
    london_option().click()
    dash_duo.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    dash_duo.wait_for_contains_text(f"#{ids.OVERVIEW_SUMMARY}", "10 site(s) pooled", timeout=20)
    assert dash_duo.find_element(f"#{ids.OVERVIEW_SUMMARY}").text != summary_before
    until(lambda: _panel_text(dash_duo, 4) != before, timeout=20)

    dash_duo.find_element(f"#{ids.FILTER_TRUST}").click()

    def options() -> list[str]:
        found = dash_duo.driver.find_elements(By.CSS_SELECTOR, "[role='option']")
        return [e.text for e in found if e.text]

    until(lambda: any("Maudsley" in o for o in options()), timeout=10)
    assert all("Dorset" not in o for o in options())
    assert "region=LDN" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_reloading_the_url_restores_the_selection(dash_duo, app):
    start_signed_in(dash_duo, app)
    dash_duo.wait_for_element(f"#{ids.panel(1)}", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/?region=SW&rurality=rural&measures=M02A")
    _wait_for_panels(dash_duo)
    dash_duo.wait_for_contains_text(f"#{ids.FILTER_REGION}", "South West", timeout=10)
    assert dash_duo.find_element(f"#{ids.FILTER_RURALITY} input[value='rural']").is_selected()
    dash_duo.wait_for_contains_text(f"#{ids.panel_body(2)}", "rating their care", timeout=20)
    assert "No measure of this characteristic" in _panel_text(dash_duo, 4)
    dash_duo.driver.refresh()
    _wait_for_panels(dash_duo)
    dash_duo.wait_for_contains_text(f"#{ids.FILTER_REGION}", "South West", timeout=10)
    assert "measures=M02A" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []
