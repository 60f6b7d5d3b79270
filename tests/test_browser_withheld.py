"""Withheld is never a number, and present mode says what it shows: in headless Chromium, as an
anonymous visitor (who sees viewers' figures, with disclosure control)."""

from __future__ import annotations

import re

import pytest

from dashboard.vocabulary import WITHHELD
from layouts.overview.ids import panel
from tests.test_withheld import visitor_app  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser

#: A value of M09B as a page would write it (a rate to two decimals).
NUMBER = re.compile(r"\d+\.\d\d")


def _visit(dash_duo, app, path: str) -> None:
    dash_duo.start_server(app, navigate=False)
    dash_duo._url = dash_duo.server.url
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element("#react-entry-point", timeout=15)


def test_the_overview_shows_no_withheld_number_to_a_visitor(dash_duo, visitor_app):  # noqa: F811
    _visit(dash_duo, visitor_app, "/?measures=M09B")
    block = f"#{panel(9)} [data-measure='M09B']"
    dash_duo.wait_for_contains_text(block, WITHHELD, timeout=30)
    text = dash_duo.find_element(block).text
    assert not NUMBER.search(text), text
    assert "rate ratio not given" in text and "left out (withheld: fewer than 8)" in text
    image = dash_duo.find_element(f"{block} .trend-img")
    assert f"BME {WITHHELD} in every period" in image.get_attribute("alt")
    assert dash_duo.get_logs() == []


def test_present_mode_as_a_visitor_says_what_each_tile_shows(dash_duo, visitor_app):  # noqa: F811
    _visit(dash_duo, visitor_app, "/present?measures=M09B,M02C&advance=abc&refresh=-5")
    dash_duo.wait_for_element(".present-slide-12", timeout=30)
    problems = dash_duo.find_element(".present-problems")
    assert problems.is_displayed()
    assert "?advance=abc is not a number of seconds from 5 to 3600" in problems.text
    assert "?refresh=-5 is not a number of seconds" in problems.text
    prisons = dash_duo.find_element(".present-slide-0 [data-characteristic='9']")
    assert "Withheld" in prisons.text and "Transfers from prison to hospital" in prisons.text
    assert not NUMBER.search(prisons.text)
    satisfaction = dash_duo.find_element(".present-slide-0 [data-characteristic='2']")
    assert "Formal complaints about care" in satisfaction.text  # the measure behind 1.53
    assert dash_duo.get_logs() == []
