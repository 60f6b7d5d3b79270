"""Moving between pages in headless Chromium keeps the selection; chips remove a choice."""

from __future__ import annotations

import pytest
from dash.testing.wait import until

from layouts.overview.ids import FILTER_REGION, OVERVIEW_SUMMARY, panel
from layouts.priorities.ids import PRIORITIES_CONTENT
from layouts.shell import ids
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser


def test_the_selection_survives_moving_between_pages_and_chips_remove_it(dash_duo, app):
    start_signed_in(dash_duo, app)
    dash_duo.driver.get(dash_duo.server_url + "/?region=LDN&rurality=urban")
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "site(s) pooled", timeout=20)
    chips = dash_duo.find_element(f"#{ids.SELECTION_CHIPS}")
    assert "London" in chips.text and "Urban sites" in chips.text

    dash_duo.find_element(f"#{ids.NAV_LINKS} a[href^='/priorities']").click()
    headline = f"#{PRIORITIES_CONTENT} .priorities-headline"  # the priorities page's own
    dash_duo.wait_for_contains_text(headline, "BME inpatients", timeout=20)
    assert "region=LDN" in dash_duo.driver.current_url
    assert "London" in dash_duo.find_element(f"#{ids.SELECTION_CHIPS}").text

    dash_duo.find_element(f"#{ids.NAV_LINKS} a[href^='/?']").click()
    dash_duo.wait_for_contains_text(f"#{FILTER_REGION}", "London", timeout=20)
    detail = dash_duo.find_element(f"#{panel(4)} .detail-link")
    until(lambda: "region=LDN" in detail.get_attribute("href"), timeout=10)

    dash_duo.find_element(
        f"#{ids.SELECTION_CHIPS} .chip-remove[title='Remove this region']"
    ).click()
    until(lambda: "region=" not in dash_duo.driver.current_url, timeout=20)
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "site(s) pooled", timeout=20)
    assert "Urban sites" in dash_duo.find_element(f"#{ids.SELECTION_CHIPS}").text
    assert "London" not in dash_duo.find_element(f"#{ids.SELECTION_CHIPS}").text
    assert dash_duo.get_logs() == []
