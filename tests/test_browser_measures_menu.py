"""The overview's menu of measures in headless Chromium: each measure under its
characteristic's heading, "Select all" picks the agreed measures only, and the menu, the chip
and the summary line count the same measures."""

from __future__ import annotations

import re

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from layouts.overview.ids import MEASURE_MENU, OVERVIEW_SUMMARY
from layouts.shell.ids import SELECTION_CHIPS
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser


def _labels(dash_duo) -> list[str]:
    return [o.text for o in dash_duo.find_elements(".dash-dropdown-option")]


def _counts(dash_duo) -> tuple[int | None, int | None, int | None]:
    """What the menu, the chip and the summary line say of how many measures are chosen."""
    menu = re.search(r"(\d+) selected", dash_duo.find_element(f"#{MEASURE_MENU}").text)
    if menu is None:  # one measure: its name, no count
        shown = dash_duo.find_elements(f"#{MEASURE_MENU} .dash-dropdown-value-item")
        menu = re.match(r"(\d+)", str(len(shown))) if len(shown) == 1 else None
    chip = re.search(
        r"(\d+) measure\(s\) chosen", dash_duo.find_element(f"#{SELECTION_CHIPS}").text
    )
    summary = re.search(r"(\d+) measure\(s\)", dash_duo.find_element(f"#{OVERVIEW_SUMMARY}").text)
    return tuple(int(m.group(1)) if m else None for m in (menu, chip, summary))


def _action(dash_duo, words: str) -> None:
    button = f"//button[contains(@class, 'dash-dropdown-action-button')][starts-with(., '{words}')]"
    dash_duo.driver.find_element(By.XPATH, button).click()


def test_the_menu_groups_measures_and_its_counts_agree(dash_duo, app):
    start_signed_in(dash_duo, app, path="/?region=LDN")
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "site(s) pooled", timeout=20)
    dash_duo.find_element(f"#{MEASURE_MENU}").click()
    until(lambda: _labels(dash_duo), timeout=10)
    labels = _labels(dash_duo)
    retired = labels.index("Retired (history only)")
    # every agreed measure under its characteristic, in order; no heading left on its own
    agreed = labels[:retired]
    numbers = [int(label.split(" · ")[0]) for label in agreed]
    assert numbers == sorted(numbers) and set(numbers) == set(range(1, 13))
    assert all(" · " in label and "(" in label for label in agreed)
    assert labels[retired + 1 :] and all("sites)" in label for label in labels[retired + 1 :])

    _action(dash_duo, "Deselect")
    dash_duo.find_element(".dash-dropdown-search").send_keys("workers in post")
    until(lambda: len(_labels(dash_duo)) == 1, timeout=10)
    dash_duo.find_element(".dash-dropdown-option").click()
    until(lambda: _counts(dash_duo) == (1, 1, 1), timeout=20)
    assert "workers in post" in dash_duo.find_element(f"#{MEASURE_MENU}").text

    search = dash_duo.find_element(".dash-dropdown-search")
    search.send_keys(Keys.CONTROL, "a")
    search.send_keys(Keys.BACK_SPACE)
    until(lambda: len(_labels(dash_duo)) == len(labels), timeout=10)
    _action(dash_duo, "Select all")
    until(lambda: _counts(dash_duo)[0] == len(agreed), timeout=20)
    until(lambda: _counts(dash_duo)[2] == len(agreed), timeout=20)
    assert _counts(dash_duo)[1] in (None, len(agreed))  # no chip: the sites' agreed measures
    assert dash_duo.get_logs() == []
