"""Back and Forward in headless Chromium: the URL is the one source of truth, one action makes
one history entry, and moving through the history restores each earlier view exactly."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from layouts.compare import ids
from layouts.overview.ids import FILTER_POOLING, FILTER_REGION, FILTER_RURALITY, OVERVIEW_SUMMARY
from tests.conftest import start_signed_in
from tests.test_browser_compare import READ

pytestmark = pytest.mark.browser

SUMMARY = f"#{ids.COMPARE_SUMMARY}"
CONTENT = f"#{ids.COMPARE_CONTENT}"


def _entries(dash_duo) -> int:
    return dash_duo.driver.execute_script("return window.history.length")


def _url(dash_duo) -> str:
    return dash_duo.driver.current_url


def _benchmark(dash_duo) -> str:
    """The benchmark button shown as chosen."""
    return dash_duo.find_element(f"#{ids.COMPARE_BENCHMARK} label.active").text


def _measure(dash_duo) -> str:
    return dash_duo.find_element(f"#{ids.COMPARE_MEASURE}").text


def _header(dash_duo) -> str:
    # in one call: a new comparison is a new table, and an element found first may be gone
    return dash_duo.driver.execute_script(READ, f"#{ids.COMPARE_GRID} thead", "innerText") or ""


def _shows(dash_duo, url_part: str, measure: str, benchmark: str, against: str) -> None:
    """The address, the controls, the charts and the table all show the same view."""
    until(lambda: url_part in _url(dash_duo), timeout=20)
    until(lambda: measure in _measure(dash_duo), timeout=20)
    until(lambda: _benchmark(dash_duo) == benchmark, timeout=20)
    dash_duo.wait_for_contains_text(CONTENT, measure, timeout=20)
    until(lambda: against in _header(dash_duo), timeout=20)


def test_back_and_forward_restore_each_compare_view_one_entry_per_action(dash_duo, app):
    start_signed_in(dash_duo, app, path="/?region=LDN")
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "site(s) pooled", timeout=20)
    before = _entries(dash_duo)

    # Opening Compare is one entry, the page's defaults (measure, site) written into it.
    dash_duo.driver.find_element(By.LINK_TEXT, "Compare sites").click()
    _shows(dash_duo, "measure=M04A", "Detentions", "England", "Against England")
    dash_duo.wait_for_contains_text(SUMMARY, "site(s) with data", timeout=20)
    assert _entries(dash_duo) == before + 1
    opened = _url(dash_duo)
    assert "region=LDN" in opened and "site=" in opened

    region = f"//*[@id='{ids.COMPARE_BENCHMARK}']//label[normalize-space()='Region']"
    dash_duo.driver.find_element(By.XPATH, region).click()
    _shows(dash_duo, "benchmark=region", "Detentions", "Region", "Against London")
    assert _entries(dash_duo) == before + 2
    dash_duo.driver.find_element(By.XPATH, region).click()  # the same choice again: no entry
    assert _entries(dash_duo) == before + 2

    dash_duo.find_element(f"#{ids.COMPARE_MEASURE}").click()
    dash_duo.wait_for_element(".dash-dropdown-search", timeout=10).send_keys("rating their care")
    option = "//*[contains(@class, 'dash-dropdown-option')][contains(., 'rating their care')]"
    dash_duo.driver.find_element(By.XPATH, option).click()
    _shows(dash_duo, "measure=M02A", "rating their care", "Region", "Against London")
    until(lambda: "Value (%)" in _header(dash_duo), timeout=20)
    assert _entries(dash_duo) == before + 3

    dash_duo.driver.back()
    _shows(dash_duo, "measure=M04A", "Detentions", "Region", "Against London")
    assert "benchmark=region" in _url(dash_duo)
    dash_duo.driver.back()
    until(lambda: _url(dash_duo) == opened, timeout=20)
    _shows(dash_duo, "measure=M04A", "Detentions", "England", "Against England")
    dash_duo.driver.back()  # the page's defaults replaced its entry: straight to the overview
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "site(s) pooled", timeout=20)
    assert "/compare" not in _url(dash_duo)

    dash_duo.driver.forward()
    until(lambda: _url(dash_duo) == opened, timeout=20)
    _shows(dash_duo, "measure=M04A", "Detentions", "England", "Against England")
    dash_duo.driver.forward()
    _shows(dash_duo, "benchmark=region", "Detentions", "Region", "Against London")
    dash_duo.driver.forward()
    _shows(dash_duo, "measure=M02A", "rating their care", "Region", "Against London")
    # moving through the history added nothing to it
    assert _entries(dash_duo) == before + 3
    assert dash_duo.get_logs() == []


def _checked(dash_duo, group: str) -> str:
    """The label of the radio button checked in `group`."""
    return dash_duo.driver.execute_script(
        "var i = document.querySelector(arguments[0] + ' input:checked');"
        "return i ? document.querySelector('label[for=\"' + i.id + '\"]').textContent : '';",
        f"#{group}",
    )


def test_back_restores_the_overviews_filters_and_pooling(dash_duo, app):
    start_signed_in(dash_duo, app, path="/?region=LDN")
    summary = f"#{OVERVIEW_SUMMARY}"
    dash_duo.wait_for_contains_text(summary, "site(s) pooled", timeout=20)
    before = _entries(dash_duo)

    year = f"//*[@id='{FILTER_POOLING}']//label[normalize-space()='Rolling year']"
    dash_duo.driver.find_element(By.XPATH, year).click()
    dash_duo.wait_for_contains_text(summary, "pools a rolling year", timeout=20)
    urban = f"//*[@id='{FILTER_RURALITY}']//label[normalize-space()='Urban']"
    dash_duo.driver.find_element(By.XPATH, urban).click()
    until(lambda: "rurality=urban" in _url(dash_duo), timeout=20)
    assert _entries(dash_duo) == before + 2

    dash_duo.driver.back()
    until(lambda: "rurality=" not in _url(dash_duo), timeout=20)
    until(lambda: _checked(dash_duo, FILTER_RURALITY) == "All sites", timeout=20)
    assert _checked(dash_duo, FILTER_POOLING) == "Rolling year"
    assert "London" in dash_duo.find_element(f"#{FILTER_REGION}").text
    dash_duo.wait_for_contains_text(summary, "pools a rolling year", timeout=20)
    dash_duo.driver.back()
    until(lambda: "pool=" not in _url(dash_duo), timeout=20)
    until(lambda: _checked(dash_duo, FILTER_POOLING) == "Each quarter", timeout=20)
    until(lambda: "rolling" not in dash_duo.find_element(summary).text, timeout=20)
    assert "region=LDN" in _url(dash_duo)

    dash_duo.driver.forward()
    until(lambda: _checked(dash_duo, FILTER_POOLING) == "Rolling year", timeout=20)
    dash_duo.wait_for_contains_text(summary, "pools a rolling year", timeout=20)
    assert _entries(dash_duo) == before + 2
    assert dash_duo.get_logs() == []
