"""The characteristic detail page in headless Chromium, as a user meets it."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.common.exceptions import ElementClickInterceptedException

from layouts.characteristic import ids
from layouts.overview.ids import OVERVIEW_SUMMARY, panel, panel_body
from layouts.shell.ids import PAGE
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser

CONTENT = f"#{ids.CHARACTERISTIC_CONTENT}"


def _pick(dash_duo, code: str) -> None:
    """Click a measure's card (the label of its radio input)."""
    dash_duo.find_element(f"label[for='{ids.characteristic_option(code)}']").click()


def _click_when_still(dash_duo, element) -> bool:
    """Scroll to an element (at once: Bootstrap makes scrolling smooth) and click it, or say
    that it moved (charts above it still drawing)."""
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
    )
    try:
        element.click()
    except ElementClickInterceptedException:
        return False
    return True


def test_from_the_overview_link_to_picking_a_measure(dash_duo, app):
    start_signed_in(dash_duo, app)
    dash_duo.wait_for_element(f"#{panel(4)}", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/?region=LDN")
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "10 site(s) pooled", timeout=20)
    link = dash_duo.find_element(f"#{panel(4)} .detail-link")
    until(lambda: "region=LDN" in (link.get_attribute("href") or ""), timeout=10)
    dash_duo.wait_for_contains_text(f"#{panel_body(4)}", "Detentions", timeout=20)
    until(lambda: _click_when_still(dash_duo, link), timeout=20)

    dash_duo.wait_for_contains_text(CONTENT, "Detentions under the Mental Health Act", timeout=20)
    assert "/characteristic/4?region=LDN" in dash_duo.driver.current_url
    assert "10 site(s) pooled" in dash_duo.find_element(".cm-summary").text
    dash_duo.wait_for_element(f"#{ids.CHARACTERISTIC_XMR} .js-plotly-plot", timeout=20)
    dash_duo.wait_for_element(f"#{ids.CHARACTERISTIC_FUNNEL} .js-plotly-plot", timeout=20)

    _pick(dash_duo, "M04B")
    dash_duo.wait_for_contains_text(CONTENT, "Inpatients detained on admission", timeout=20)
    dash_duo.wait_for_contains_text(f"#{ids.CHARACTERISTIC_RATIO}", "ratio of proportions", 20)
    until(lambda: "measure=M04B" in dash_duo.driver.current_url, timeout=10)
    assert "region=LDN" in dash_duo.driver.current_url
    assert "Detentions under the Mental Health Act" not in dash_duo.find_element(CONTENT).text
    assert dash_duo.get_logs() == []


def test_a_copied_link_opens_the_same_measure_and_a_count_explains_itself(dash_duo, app):
    start_signed_in(dash_duo, app)
    dash_duo.wait_for_element(f"#{panel(1)}", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/characteristic/7?region=SW&measure=M07A")
    dash_duo.wait_for_contains_text(CONTENT, "Deaths following physical intervention", 20)
    funnel = dash_duo.find_element(f"#{ids.CHARACTERISTIC_FUNNEL}").text
    assert "No funnel plot for this measure" in funnel
    assert dash_duo.find_element(f"#{ids.characteristic_option('M07A')}").is_selected()

    _pick(dash_duo, "M07C")
    dash_duo.wait_for_element(f"#{ids.CHARACTERISTIC_RATIO} .js-plotly-plot", timeout=20)
    dash_duo.wait_for_contains_text(CONTENT, "Restraint episodes in the prone position", 20)
    until(lambda: "measure=M07C" in dash_duo.driver.current_url, timeout=10)
    assert dash_duo.get_logs() == []


def test_an_unknown_characteristic_links_back_to_the_overview(dash_duo, app):
    start_signed_in(dash_duo, app)
    dash_duo.wait_for_element(f"#{panel(1)}", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/characteristic/42?region=LDN")
    dash_duo.wait_for_contains_text(f"#{PAGE}", "No such characteristic", timeout=20)
    dash_duo.find_element(".characteristic-missing a").click()
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "10 site(s) pooled", timeout=20)
    assert dash_duo.get_logs() == []


def test_a_charts_table_opens_as_a_plain_table_without_a_markdown_reader(dash_duo, app):
    """The tables behind "View as table" are written as HTML on the server: the page no longer
    fetches and runs dcc.Markdown's reader and code highlighter (about 100 KB, and their turn
    in a chain of requests) before it is drawn; the table reads the same, headers for columns."""
    start_signed_in(dash_duo, app, path="/characteristic/4?region=LDN")
    dash_duo.wait_for_element(f"#{ids.CHARACTERISTIC_XMR} .js-plotly-plot", timeout=20)
    summary = dash_duo.find_element(f"#{ids.CHARACTERISTIC_XMR} details summary")
    until(lambda: _click_when_still(dash_duo, summary), timeout=20)
    table = dash_duo.find_element(f"#{ids.CHARACTERISTIC_XMR} details .data-table table")
    headers = table.find_elements("css selector", "thead th[scope=col]")
    assert [h.text for h in headers][:2] and table.find_elements("css selector", "tbody tr")
    assert "<" not in table.text  # cells drawn as words, no markup shown
    fetched = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert not [name for name in fetched if "async-markdown" in name or "highlight" in name]
    assert dash_duo.get_logs() == []


#: For each open chart table's cells: its text and on how many lines it is drawn.
CELL_LINES = """return [...document.querySelectorAll('details[open] .data-table td')].map(td => {
    const range = document.createRange(); range.selectNodeContents(td);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    return [td.textContent, tops.size]; });"""


def test_at_1366_wide_a_tables_periods_and_figures_stay_on_one_line(dash_duo, app):
    """A trend's table in the half-width card: "Apr–Jun 2010" was drawn on three lines, a
    column of figures' intervals on two; names may still wrap."""
    start_signed_in(dash_duo, app, path="/characteristic/4?region=LDN")
    dash_duo.driver.set_window_size(1366, 768)
    summary = dash_duo.wait_for_element(f"#{ids.CHARACTERISTIC_XMR} details summary", timeout=30)
    until(lambda: _click_when_still(dash_duo, summary), timeout=20)
    until(lambda: dash_duo.driver.execute_script(CELL_LINES), timeout=10)
    cells = dash_duo.driver.execute_script(CELL_LINES)
    periods = [(text, lines) for text, lines in cells if "–" in text and text[-4:].isdigit()]
    assert len(periods) > 8
    assert [(text, lines) for text, lines in cells if lines > 1] == []
