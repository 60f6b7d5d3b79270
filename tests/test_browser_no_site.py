"""Choosing Rural while an urban trust is chosen says so in the browser, on the overview, rather
than dropping the trust from the selection without a word."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from layouts.overview import ids
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser


def test_rural_with_an_urban_trust_says_what_clashes(dash_duo, app):
    start_signed_in(dash_duo, app, path="/?trust=SLAM")
    dash_duo.wait_for_contains_text(f"#{ids.OVERVIEW_SUMMARY}", "1 site(s) pooled", timeout=30)
    rural = f"//*[@id='{ids.FILTER_RURALITY}']//label[normalize-space()='Rural']"
    dash_duo.driver.find_element(By.XPATH, rural).click()
    dash_duo.wait_for_contains_text(
        f"#{ids.OVERVIEW_SUMMARY}",
        "South London and Maudsley NHS Foundation Trust is urban: no site matches Rural.",
        timeout=30,
    )
    until(lambda: "trust=SLAM" in dash_duo.driver.current_url, timeout=10)  # still chosen
    assert "rurality=rural" in dash_duo.driver.current_url
