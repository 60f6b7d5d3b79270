"""My site in headless Chromium: opened from a link with a selection, one interaction each."""

from __future__ import annotations

import pytest
from dash.testing.wait import until

from layouts.shell.ids import PAGE
from layouts.site import ids
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser

CONTENT = f"#{ids.SITE_CONTENT}"


def _open(dash_duo, app, path: str) -> None:
    start_signed_in(dash_duo, app)
    dash_duo.wait_for_element(f"#{PAGE}", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + path)


def _option(dash_duo, text: str):
    """The picker's open option whose label contains `text`, or None."""
    matches = [e for e in dash_duo.find_elements("[role='option']") if text in e.text]
    return matches[0] if matches else None


def _charts_drawn(dash_duo) -> bool:
    """Every chart of the page is an image, decoded: no Plotly graph (plotly.js, 1.2 MB, was
    fetched for the one recording chart)."""
    return dash_duo.driver.execute_script(
        f"const charts = [...document.querySelectorAll('{CONTENT} .chart-img')];"
        f" return !document.querySelector('{CONTENT} .dash-graph') && charts.length > 0"
        " && charts.every(c => c.complete && c.naturalWidth > 0);"
    )


def test_switching_site_from_the_picker_keeps_the_selection(dash_duo, app):
    _open(dash_duo, app, "/site/SLAM?region=LDN&pool=year")
    dash_duo.wait_for_contains_text(".site-name", "South London and Maudsley", timeout=30)
    until(lambda: _charts_drawn(dash_duo), timeout=60)
    assert "rolling year" in dash_duo.find_element(".site-facts").text
    assert len(dash_duo.find_elements(".site-measure")) > 20

    dash_duo.find_element(f"#{ids.SITE_PICKER}").click()
    dash_duo.wait_for_element(".dash-dropdown-search", timeout=10).send_keys("East London")
    until(lambda: _option(dash_duo, "East London NHS") is not None, timeout=10)
    _option(dash_duo, "East London NHS").click()
    dash_duo.wait_for_contains_text(".site-name", "East London NHS Foundation Trust", timeout=30)
    until(lambda: "/site/ELFT?" in dash_duo.driver.current_url, timeout=10)
    url = dash_duo.driver.current_url
    assert "region=LDN" in url and "pool=year" in url
    until(lambda: _charts_drawn(dash_duo), timeout=60)
    assert dash_duo.get_logs() == []


def test_a_prison_chosen_in_the_selection_opens_with_its_small_numbers_flagged(dash_duo, app):
    _open(dash_duo, app, "/site?trust=HMPMH")
    dash_duo.wait_for_element(".site-open", timeout=30).click()
    dash_duo.wait_for_contains_text(".site-name", "HMP Morton Hall", timeout=30)
    assert "/site/HMPMH?trust=HMPMH" in dash_duo.driver.current_url
    assert "Small numbers in" in dash_duo.find_element(".site-small-badge").text
    until(lambda: _charts_drawn(dash_duo), timeout=60)
    cards = dash_duo.find_elements(".site-measure-small")
    assert cards and "too few for a reliable estimate" in cards[0].text
    # the table behind a chart opens on demand
    summary = cards[0].find_element("css selector", ".table-alternative summary")
    dash_duo.driver.execute_script("arguments[0].click()", summary)
    until(lambda: "small numbers" in cards[0].find_element("css selector", "table").text, 10)
    assert dash_duo.get_logs() == []


def test_an_unknown_site_says_so_and_offers_the_picker(dash_duo, app):
    _open(dash_duo, app, "/site/NOPE?region=SW&rurality=rural")
    dash_duo.wait_for_contains_text(CONTENT, "no site with the code 'NOPE'", timeout=30)
    dash_duo.find_element(f"#{ids.SITE_PICKER}").click()
    options = [e.text for e in dash_duo.find_elements("[role='option']")]
    assert any("Dorset PCT" in o for o in options)
    assert not any("Maudsley" in o for o in options)  # the picker follows the selection
    assert dash_duo.get_logs() == []
