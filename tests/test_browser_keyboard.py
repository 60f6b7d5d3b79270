"""Every journey with the keyboard alone (WCAG 2.1 AA 2.1.1, 2.4.3, 2.4.7; issue 17): the
overview's filters, Compare, Present and a return's upload, driven only by key presses sent to
whatever has the focus (never a click, never a focus set by the test), and on the overview a
visible focus indicator at every stop."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys

from dashboard.returns import site_template
from data_access.db import Database
from layouts.compare import ids as compare_ids
from layouts.overview.ids import FILTER_POOLING, FILTER_REGION, OVERVIEW_SUMMARY
from layouts.present import ids as present_ids
from layouts.returns import ids as returns_ids
from layouts.shell.ids import PAGE
from tests.conftest import SITE_LEAD, start_signed_in
from tests.keyboard_helpers import (
    HIDDEN,
    focus_matches,
    focused,
    indicator_missing,
    press,
    tab_to,
)
from tests.test_browser_compare import READ

pytestmark = pytest.mark.browser


def _url(dash_duo) -> str:
    return dash_duo.driver.current_url


# 1. The overview's filters ------------------------------------------------------------------


def test_the_overviews_filters_by_keyboard(dash_duo, app):
    start_signed_in(dash_duo, app, path="/")
    summary = f"#{OVERVIEW_SUMMARY}"
    dash_duo.wait_for_contains_text(summary, "site(s) pooled", timeout=30)
    before = dash_duo.find_element(summary).text

    press(dash_duo, Keys.TAB)
    assert focus_matches(dash_duo, ".skip-link"), focused(dash_duo)
    press(dash_duo, Keys.ENTER)
    until(lambda: focus_matches(dash_duo, f"#{PAGE}"), timeout=5)

    tab_to(dash_duo, f"#{FILTER_REGION}", most=3)  # the first control of the page's content
    press(dash_duo, Keys.ENTER)  # opens the list, the focus in its search box
    until(lambda: focus_matches(dash_duo, ".dash-dropdown-search"), timeout=5)
    press(dash_duo, "London")
    dash_duo.wait_for_contains_text(".dash-dropdown-options", "London", timeout=5)
    press(dash_duo, Keys.ARROW_DOWN)  # from the search box to the first option found
    until(lambda: focus_matches(dash_duo, ".dash-dropdown-option, .dash-dropdown-option *"), 5)
    press(dash_duo, Keys.SPACE)
    until(lambda: "region=LDN" in _url(dash_duo), timeout=20)
    press(dash_duo, Keys.ESCAPE)  # the list closes and the focus is back on its button
    until(lambda: focus_matches(dash_duo, f"#{FILTER_REGION}"), timeout=5)
    assert "London" in dash_duo.find_element(f"#{FILTER_REGION}").text
    until(lambda: dash_duo.find_element(summary).text != before, timeout=20)
    in_london = dash_duo.find_element(summary).text
    assert "site(s) pooled" in in_london

    tab_to(dash_duo, f"#{FILTER_POOLING} input:checked", most=8)
    press(dash_duo, Keys.ARROW_RIGHT)  # Each quarter → Rolling year
    dash_duo.wait_for_contains_text(summary, "pools a rolling year", timeout=20)
    until(lambda: "pool=year" in _url(dash_duo), timeout=10)
    assert "region=LDN" in _url(dash_duo)
    assert focus_matches(dash_duo, f"#{FILTER_POOLING} input:checked")
    assert dash_duo.get_logs() == []


# 2. Compare ---------------------------------------------------------------------------------


NAME_LINK = f"#{compare_ids.COMPARE_GRID} td.col-name a.site-link"


def _grid_header(dash_duo) -> str:
    # in one call: a new comparison is a new table, and an element found first may be gone
    thead = f"#{compare_ids.COMPARE_GRID} thead"
    return dash_duo.driver.execute_script(READ, thead, "innerText") or ""


def _sorted_by(dash_duo) -> str | None:
    """The order the table's Site column says it is in (aria-sort)."""
    return dash_duo.driver.execute_script(READ, f"#{compare_ids.COMPARE_GRID} th.col-name", "sort")


def _checked_label(dash_duo, group: str) -> str:
    return dash_duo.find_element(f"#{group} label.active").text


def test_compare_by_keyboard_to_a_sites_page(dash_duo, app):
    start_signed_in(dash_duo, app, path="/compare?region=LDN")
    content = f"#{compare_ids.COMPARE_CONTENT}"
    dash_duo.wait_for_contains_text(content, "Detentions", timeout=30)
    until(lambda: "Against England" in _grid_header(dash_duo), timeout=20)

    tab_to(dash_duo, f"#{compare_ids.COMPARE_MEASURE}")
    press(dash_duo, Keys.ENTER)  # opens the list on the chosen measure
    until(lambda: focus_matches(dash_duo, ".dash-dropdown-option input"), timeout=5)
    press(dash_duo, Keys.HOME)  # up to the search box
    until(lambda: focus_matches(dash_duo, ".dash-dropdown-search"), timeout=5)
    press(dash_duo, "rating their care")
    press(dash_duo, Keys.ARROW_DOWN, Keys.ENTER)
    dash_duo.wait_for_contains_text(content, "Service users rating their care", timeout=20)
    until(lambda: "measure=M02A" in _url(dash_duo), timeout=10)
    until(lambda: focus_matches(dash_duo, f"#{compare_ids.COMPARE_MEASURE}"), timeout=5)

    tab_to(dash_duo, f"#{compare_ids.COMPARE_GROUP} input:checked", most=5)
    assert _checked_label(dash_duo, compare_ids.COMPARE_GROUP) == "BME"
    press(dash_duo, Keys.ARROW_RIGHT)  # BME → White British
    until(lambda: _checked_label(dash_duo, compare_ids.COMPARE_GROUP) == "White British", 10)
    until(lambda: "group=white_british" in _url(dash_duo), timeout=20)

    tab_to(dash_duo, f"#{compare_ids.COMPARE_BENCHMARK} input:checked", most=5)
    press(dash_duo, Keys.ARROW_RIGHT)  # England → Region
    until(lambda: "Against London" in _grid_header(dash_duo), timeout=20)
    until(lambda: "benchmark=region" in _url(dash_duo), timeout=10)
    assert _checked_label(dash_duo, compare_ids.COMPARE_BENCHMARK) == "Region"

    # the table's headers are buttons: Enter on "Site" sorts the sites by name, A to Z
    site_header = f"#{compare_ids.COMPARE_GRID} th.col-name"
    tab_to(dash_duo, f"{site_header} .sort-button", most=40)
    press(dash_duo, Keys.ENTER)
    until(lambda: _sorted_by(dash_duo) == "ascending", timeout=5)
    names = [a.text for a in dash_duo.find_elements(NAME_LINK)]
    assert names == sorted(names, key=str.casefold) and len(names) > 3
    # then each site's name is a link, a Tab away: Enter follows it
    tab_to(dash_duo, NAME_LINK, most=10)
    name = dash_duo.driver.switch_to.active_element.text
    assert name == names[0], focused(dash_duo)
    press(dash_duo, Keys.ENTER)
    until(lambda: "/site/" in _url(dash_duo), 20, msg=f"Enter on {name!r} did not open its page")
    dash_duo.wait_for_contains_text(f"#{PAGE}", name.split(" NHS")[0], timeout=30)
    assert "region=LDN" in _url(dash_duo)
    # the site's page answered in full before the test's server stops
    until(lambda: not dash_duo.find_elements("._dash-loading-callback"), timeout=30)
    assert dash_duo.get_logs() == []


# 3. Present ---------------------------------------------------------------------------------


def _counter(dash_duo) -> str:
    return dash_duo.find_element(f"#{present_ids.PRESENT_COUNTER}").text


def test_present_by_keyboard(dash_duo, app):
    start_signed_in(dash_duo, app, path="/present?region=LDN&slide=5")
    counter = f"#{present_ids.PRESENT_COUNTER}"
    dash_duo.wait_for_text_to_equal(counter, "5 / 13", timeout=30)

    press(dash_duo, Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal(counter, "6 / 13", timeout=10)
    press(dash_duo, Keys.ARROW_LEFT)
    dash_duo.wait_for_text_to_equal(counter, "5 / 13", timeout=10)

    # From the top of the page to the bar's Next button, every stop on the way in sight.
    unseen = []
    for _ in range(30):
        press(dash_duo, Keys.TAB)
        hidden = dash_duo.driver.execute_script(HIDDEN)
        if hidden:
            unseen.append(f"{focused(dash_duo)} {hidden}")
        if focus_matches(dash_duo, ".present-next"):
            break
    assert focus_matches(dash_duo, ".present-next"), focused(dash_duo)
    assert not unseen, f"the focus went out of sight on the present page: {unseen}"
    press(dash_duo, Keys.ENTER)
    dash_duo.wait_for_text_to_equal(counter, "6 / 13", timeout=10)
    press(dash_duo, Keys.ENTER)  # the focus stays on Next: pressed again
    dash_duo.wait_for_text_to_equal(counter, "7 / 13", timeout=10)
    tab_to(dash_duo, ".present-prev", most=3, backwards=True)
    press(dash_duo, Keys.ENTER)
    dash_duo.wait_for_text_to_equal(counter, "6 / 13", timeout=10)
    until(lambda: "slide=6" in _url(dash_duo), timeout=10)

    press(dash_duo, Keys.ESCAPE)
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "site(s) pooled", timeout=30)
    assert _url(dash_duo).endswith("/?region=LDN")
    assert not dash_duo.find_elements(".present-root")
    assert dash_duo.get_logs() == []


# 4. An upload -------------------------------------------------------------------------------

#: Records that the page opened a file chooser (a click on an <input type=file>, which is all
#: a page can do; the chooser itself is the browser's, and selenium fills it with send_keys).
WATCH_CHOOSER = """
window.__chooserOpened = 0;
document.addEventListener('click', function (event) {
  if (event.target.matches && event.target.matches('input[type=file]')) {
    window.__chooserOpened += 1;
  }
}, true);
"""


def _return_file(app, db_url: str, path) -> None:
    """SLAM's template of the latest stored quarter with only M02A filled in: 90 of 100, which
    its history makes implausible, so that the check lists warnings to confirm."""
    db = Database(db_url)
    with app.server.app_context(), db.session() as s:
        frame = site_template(s, "SLAM", ["2010Q1"])
    db.dispose()
    frame[["numerator", "denominator"]] = None
    frame.loc[frame["measure_code"] == "M02A", ["numerator", "denominator"]] = ["90", "100"]
    frame.to_csv(path, index=False)


def test_a_return_uploaded_checked_and_stored_by_keyboard(
    dash_duo, writable_app, writable_db_url, tmp_path
):
    path = tmp_path / "slam-return.csv"
    _return_file(writable_app, writable_db_url, path)
    start_signed_in(dash_duo, writable_app, SITE_LEAD, "/data/returns")
    dash_duo.wait_for_contains_text("h1", "Quarterly returns", timeout=20)
    dash_duo.driver.execute_script(WATCH_CHOOSER)
    page = _url(dash_duo)

    upload = f"#{returns_ids.RETURNS_UPLOAD}"
    tab_to(dash_duo, f"{upload}, {upload} *", most=40)
    press(dash_duo, Keys.ENTER)  # opens the file chooser, and nothing else
    until(lambda: dash_duo.driver.execute_script("return window.__chooserOpened") == 1, 5)
    assert _url(dash_duo) == page
    dash_duo.find_element(f"{upload} input[type=file]").send_keys(str(path))  # the chooser

    check = f"#{returns_ids.RETURNS_CHECK}"
    dash_duo.wait_for_contains_text(check, "slam-return.csv is ready to store", timeout=20)
    dash_duo.wait_for_contains_text(check, "look implausible", timeout=20)
    tab_to(dash_duo, ".returns-confirm-all input[type=checkbox]", most=10)
    press(dash_duo, Keys.SPACE)
    boxes = dash_duo.find_elements(f"{check} .returns-warnings input[type=checkbox]")
    until(lambda: all(b.is_selected() for b in boxes), timeout=10)
    tab_to(dash_duo, f"#{returns_ids.RETURNS_CONFIRM}", most=len(boxes) + 10)
    press(dash_duo, Keys.ENTER)
    result = f"#{returns_ids.RETURNS_RESULT}"
    dash_duo.wait_for_contains_text(result, "slam-return.csv stored", timeout=20)
    assert dash_duo.get_logs() == []


# 5. Focus visible ---------------------------------------------------------------------------


def test_every_focus_stop_on_the_overview_is_visible(dash_duo, app):
    start_signed_in(dash_duo, app, path="/")
    dash_duo.wait_for_contains_text(f"#{OVERVIEW_SUMMARY}", "site(s) pooled", timeout=30)
    dash_duo.wait_for_element("#panel-char-12 .measure", timeout=30)
    stops, unseen = [], []
    while len(stops) < 40:
        press(dash_duo, Keys.TAB)
        if focus_matches(dash_duo, "body"):
            break  # past the last stop
        stops.append(focused(dash_duo))
        why = indicator_missing(dash_duo)
        if why:
            unseen.append(f"{stops[-1]}: {why}")
    assert len(stops) >= 15, stops
    assert not unseen, f"{len(unseen)} of {len(stops)} stops without a visible focus: {unseen}"
