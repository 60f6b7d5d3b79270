"""The Compare sites page in headless Chromium, as a regional analyst meets it."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.common.exceptions import ElementClickInterceptedException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from layouts.compare import ids
from layouts.overview.ids import OVERVIEW_SUMMARY, panel
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser

CONTENT = f"#{ids.COMPARE_CONTENT}"
#: Scrolled to at once (the page scrolls smoothly, and a click meanwhile misses its place).
INSTANT = "scrollIntoView({block: 'center', behavior: 'instant'})"
SUMMARY = f"#{ids.COMPARE_SUMMARY}"
#: An element's text (or its aria-sort) read in the same call that finds it.
READ = """const e = document.querySelector(arguments[0]);
return !e ? null : arguments[1] === 'sort' ? e.getAttribute('aria-sort') : e.innerText;"""


def _grid_rows(dash_duo) -> int:
    return len(dash_duo.find_elements(f"#{ids.COMPARE_GRID} tbody tr:has(a.site-link)"))


def _header_text(dash_duo) -> str:
    # in one call: a new comparison is a new table, and an element found first may be gone
    return dash_duo.driver.execute_script(READ, f"#{ids.COMPARE_GRID} thead", "innerText") or ""


def test_from_the_navigation_link_to_picking_a_measure(dash_duo, app):
    start_signed_in(dash_duo, app)
    dash_duo.wait_for_element(f"#{panel(1)}", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/?region=LDN&pool=year")
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "10 site(s) pooled", timeout=20)
    link = dash_duo.driver.find_element(By.LINK_TEXT, "Compare sites")
    until(lambda: "region=LDN" in (link.get_attribute("href") or ""), timeout=10)
    link.click()

    dash_duo.wait_for_contains_text(SUMMARY, "of 10 site(s) with data", timeout=20)
    assert "Year to" in dash_duo.find_element(SUMMARY).text
    dash_duo.wait_for_element(f"#{ids.COMPARE_FUNNEL} .js-plotly-plot", timeout=20)
    dash_duo.wait_for_element(f"#{ids.COMPARE_CATERPILLAR} .js-plotly-plot", timeout=20)
    dash_duo.wait_for_contains_text(CONTENT, "Detentions under the Mental Health Act", 20)
    until(lambda: _grid_rows(dash_duo) == 8, timeout=20)
    # the spine chart, a screen or two down, is drawn when its place is scrolled near
    spine = f"#{ids.COMPARE_SPINE_GRAPH} .js-plotly-plot"
    dash_duo.driver.execute_script(f"document.getElementById('{ids.COMPARE_SPINE}').{INSTANT}")
    dash_duo.wait_for_element(spine, timeout=20)
    dash_duo.driver.execute_script(  # back up to the controls
        f"document.getElementById('{ids.COMPARE_MEASURE}').{INSTANT}"
    )

    dash_duo.find_element(f"#{ids.COMPARE_MEASURE}").click()
    dash_duo.wait_for_element(".dash-dropdown-search", timeout=10).send_keys("rating their care")
    option = "//*[contains(@class, 'dash-dropdown-option')][contains(., 'rating their care')]"
    dash_duo.driver.find_element(By.XPATH, option).click()
    dash_duo.wait_for_contains_text(CONTENT, "Service users rating their care", timeout=20)
    until(lambda: "Value (%)" in _header_text(dash_duo), timeout=20)
    until(lambda: "measure=M02A" in dash_duo.driver.current_url, timeout=10)
    assert "region=LDN" in dash_duo.driver.current_url
    assert "pool=year" in dash_duo.driver.current_url
    assert "Detentions" not in dash_duo.find_element(CONTENT).text
    assert dash_duo.get_logs() == []


def test_a_copied_link_for_a_count_explains_itself_and_the_benchmark_changes(dash_duo, app):
    start_signed_in(dash_duo, app)
    dash_duo.wait_for_element(f"#{panel(1)}", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/compare?region=SW&measure=M07A&site=DORPCT")
    dash_duo.wait_for_contains_text(CONTENT, "funnel plot needs a proportion or a rate", 20)
    until(lambda: _grid_rows(dash_duo) > 0, timeout=20)
    assert "Against England" in _header_text(dash_duo)
    dash_duo.wait_for_contains_text(f"#{ids.COMPARE_SPINE}", "Dorset PCT", timeout=20)

    region = f"//*[@id='{ids.COMPARE_BENCHMARK}']//label[normalize-space()='Region']"
    dash_duo.driver.find_element(By.XPATH, region).click()
    until(lambda: "Against South West" in _header_text(dash_duo), timeout=20)
    dash_duo.wait_for_contains_text(SUMMARY, "total for South West", timeout=20)
    until(lambda: "benchmark=region" in dash_duo.driver.current_url, timeout=10)
    assert "site=DORPCT" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_a_sites_name_in_the_table_opens_its_page(dash_duo, app):
    start_signed_in(dash_duo, app, path="/compare?region=LDN&measure=M04A")
    until(lambda: _grid_rows(dash_duo) > 0, timeout=20)
    link = dash_duo.find_element(f"#{ids.COMPARE_GRID} a.site-link")
    name, href = link.text, link.get_attribute("href")
    assert "/site/" in href and "region=LDN" in href
    link.send_keys(Keys.ENTER)  # a link, reached and followed from the keyboard
    until(lambda: "/site/" in dash_duo.driver.current_url, timeout=20)
    dash_duo.wait_for_contains_text("#page-content", name.split(" NHS")[0], timeout=30)


#: A point of a chart's markers and the site it stands for (Plotly's data bound to the point).
POINT = """
var gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
var paths = gd.querySelectorAll('.scatterlayer .trace .points path');
var path = paths[paths.length - 1];
var trace = path.closest('.trace').__data__[0].trace, i = path.__data__.i;
path.scrollIntoView({block: 'center', behavior: 'instant'});
return [path, (trace.text || trace.y)[i]];
"""


@pytest.mark.parametrize("chart", [ids.COMPARE_FUNNEL, ids.COMPARE_CATERPILLAR])
def test_a_click_on_a_sites_point_opens_its_page(dash_duo, app, chart):
    start_signed_in(dash_duo, app, path="/compare?region=LDN&measure=M04A&pool=year")
    dash_duo.wait_for_element(f"#{chart} .scatterlayer .points path", timeout=30)
    point, name = dash_duo.driver.execute_script(POINT, f"#{chart}")
    ActionChains(dash_duo.driver).move_to_element(point).click().perform()
    until(lambda: "/site/" in dash_duo.driver.current_url, timeout=20)
    # the site's page, with the selection (region, pooling) but not Compare's own choices
    assert "region=LDN" in dash_duo.driver.current_url
    assert "pool=year" in dash_duo.driver.current_url
    assert "measure=" not in dash_duo.driver.current_url
    short = name.replace(" †", "").rstrip("…").split(" NHS")[0]
    dash_duo.wait_for_contains_text("#page-content", short, timeout=30)
    dash_duo.driver.back()  # and back to the same comparison
    until(lambda: "/compare" in dash_duo.driver.current_url, timeout=20)
    dash_duo.wait_for_element(f"#{chart} .scatterlayer .points path", timeout=30)
    assert "measure=M04A" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_the_spine_chart_is_drawn_when_its_place_is_scrolled_near(dash_duo, app):
    """The spine chart stands a screen or two below the funnel and the caterpillar: drawn on
    arrival, it held the browser 0.1-0.15 s before the charts at the top could be seen. Its
    place keeps its height (nothing jumps), its table is there, and it is drawn on the way."""
    start_signed_in(dash_duo, app)
    dash_duo.driver.set_window_size(1366, 768)
    dash_duo.driver.get(dash_duo.server_url + "/compare?region=LDN&measure=M04A")
    dash_duo.wait_for_element(f"#{ids.COMPARE_CATERPILLAR} .js-plotly-plot", timeout=20)
    place = f"#{ids.COMPARE_SPINE_GRAPH}"
    dash_duo.wait_for_element(f"#{ids.COMPARE_SPINE} .table-alternative", timeout=20)
    below = dash_duo.driver.execute_script(
        f"const r = document.querySelector('{place}').getBoundingClientRect();"
        " return [r.top - window.innerHeight, r.height];"
    )
    assert below[0] > 300 and below[1] > 300  # out of reach, its height kept
    assert dash_duo.find_elements(f"{place} .js-plotly-plot") == []
    height = dash_duo.driver.execute_script("return document.documentElement.scrollHeight")
    dash_duo.driver.execute_script(f"document.querySelector('{place}').{INSTANT}")
    dash_duo.wait_for_element(f"{place} .js-plotly-plot", timeout=20)
    assert "measures against England" in dash_duo.find_element(place).text
    after = dash_duo.driver.execute_script("return document.documentElement.scrollHeight")
    assert abs(after - height) < 50
    assert dash_duo.get_logs() == []


#: The table's column of values, as numbers in the order shown (blank: none).
VALUES = f"""return [...document.querySelectorAll('#{ids.COMPARE_GRID} tbody td.col-value')]
    .map(td => td.getAttribute('data-sort')).filter(v => v !== '').map(Number);"""
#: Each row's site (its link) and value.
BY_SITE = f"""return [...document.querySelectorAll('#{ids.COMPARE_GRID} tbody tr')].map(tr =>
    [tr.querySelector('a.site-link').getAttribute('href'),
     tr.querySelector('td.col-value').getAttribute('data-sort')]);"""


def _sorted_by(dash_duo, column: str) -> str | None:
    return dash_duo.driver.execute_script(READ, f"#{ids.COMPARE_GRID} th.col-{column}", "sort")


def _sort(dash_duo, column: str) -> None:
    """Click a header's sort button, again while the charts above still move it (a click
    intercepted by what was drawn over it, once in a loaded run)."""
    button = dash_duo.find_element(f"#{ids.COMPARE_GRID} th.col-{column} .sort-button")

    def clicked() -> bool:
        dash_duo.driver.execute_script(f"arguments[0].{INSTANT}", button)
        try:
            button.click()
        except ElementClickInterceptedException:
            return False
        return True

    until(clicked, timeout=10)


def test_the_table_sorts_by_its_headers_and_new_figures_come_highest_first(dash_duo, app):
    start_signed_in(dash_duo, app, path="/compare?region=LDN&measure=M04A")
    until(lambda: _grid_rows(dash_duo) > 3, timeout=20)
    values = dash_duo.driver.execute_script(VALUES)
    by_site = sorted(dash_duo.driver.execute_script(BY_SITE))
    assert values == sorted(values, reverse=True) and _sorted_by(dash_duo, "value") == "descending"
    _sort(dash_duo, "value")
    until(lambda: _sorted_by(dash_duo, "value") == "ascending", timeout=5)
    assert dash_duo.driver.execute_script(VALUES) == sorted(values)
    _sort(dash_duo, "region")
    until(lambda: _sorted_by(dash_duo, "region") == "ascending", timeout=5)
    assert _sorted_by(dash_duo, "value") is None  # one column says the order
    assert sorted(dash_duo.driver.execute_script(BY_SITE)) == by_site  # rows moved whole

    # new figures (against London, not England) arrive as a new table, highest first, each
    # row its own site's: not poured into the rows the browser had moved
    region = f"//*[@id='{ids.COMPARE_BENCHMARK}']//label[normalize-space()='Region']"
    dash_duo.driver.execute_script(f"document.getElementById('{ids.COMPARE_BENCHMARK}').{INSTANT}")
    dash_duo.driver.find_element(By.XPATH, region).click()
    until(lambda: "Against London" in _header_text(dash_duo), timeout=20)
    assert _sorted_by(dash_duo, "value") == "descending"
    assert dash_duo.driver.execute_script(VALUES) == values
    assert sorted(dash_duo.driver.execute_script(BY_SITE)) == by_site
    assert dash_duo.get_logs() == []
