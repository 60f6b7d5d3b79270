"""The real published extract in headless Chromium, as the issue's new user meets it: Compare,
All detentions, Black or Black British, the ICBs of London and the South West against England."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from layouts.compare import ids
from tests import published_helpers
from tests.conftest import start_signed_in
from tests.published_helpers import ADMIN

pytestmark = pytest.mark.browser
imported = published_helpers.imported  # the module's fixture: the extract, imported


def _rows(dash_duo) -> list[str]:
    rows = dash_duo.find_elements(f"#{ids.COMPARE_GRID} tbody tr")
    return [" | ".join(td.text for td in r.find_elements(By.TAG_NAME, "td")) for r in rows]


def test_which_icbs_detain_black_people_significantly_more_than_england(dash_duo, imported):
    app, _, _ = imported
    start_signed_in(dash_duo, app, ADMIN, "/compare?region=Y56,Y58&measure=MHA01")
    summary = f"#{ids.COMPARE_SUMMARY}"
    dash_duo.wait_for_contains_text(summary, "BME", timeout=30)
    black = f"//*[@id='{ids.COMPARE_GROUP}']//label[normalize-space()='Black']"
    dash_duo.driver.find_element(By.XPATH, black).click()
    dash_duo.wait_for_contains_text(summary, "Black or Black British", timeout=20)
    assert "benchmark England: 239.0 per 100,000/yr" in dash_duo.find_element(summary).text
    assert "2 sites left out (suppressed at source)" in dash_duo.find_element(summary).text
    until(lambda: len(_rows(dash_duo)) == 12, timeout=20)
    worse = [r for r in _rows(dash_duo) if "Significantly worse" in r]
    named = {r.split(" | ")[0] for r in worse}
    assert named == {
        "NHS North West London Integrated Care Board",
        "NHS North Central London Integrated Care Board",
        "NHS South East London Integrated Care Board",
    }
    somerset = next(r for r in _rows(dash_duo) if r.startswith("NHS Somerset"))
    assert "suppressed at source" in somerset and " 0 " not in f" {somerset} "
    until(lambda: "group=BLK" in dash_duo.driver.current_url, timeout=10)

    # Dorset's 15 rests on small numbers: the page offers its region's pooled figure.
    offer = dash_duo.wait_for_element(".compare-pool-offer", timeout=10)
    assert "NHS Dorset Integrated Care Board" in offer.text
    offer.find_element(By.LINK_TEXT, "see them pooled with South West").click()
    until(lambda: "/characteristic/4" in dash_duo.driver.current_url, timeout=10)
    assert "region=Y58" in dash_duo.driver.current_url
    dash_duo.wait_for_contains_text(".cm-summary", "site(s) pooled", timeout=20)
    assert dash_duo.get_logs() == []


CUT = """
return Array.from(document.querySelectorAll(arguments[0])).filter(
    el => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1
).map(el => el.innerText);
"""


def test_at_1366_wide_long_names_wrap_and_no_header_is_cut(dash_duo, imported):
    app, _, _ = imported
    start_signed_in(dash_duo, app, ADMIN, "/compare?region=Y56,Y58&measure=MHA01&group=BLK")
    dash_duo.driver.set_window_size(1366, 768)
    until(lambda: len(_rows(dash_duo)) == 12, timeout=30)
    grid = f"#{ids.COMPARE_GRID}"
    names = dash_duo.find_elements(f"{grid} td.col-name a")
    assert any("Bath and North East Somerset" in n.text for n in names)
    assert dash_duo.driver.execute_script(CUT, f"{grid} td.col-name a") == []
    assert dash_duo.driver.execute_script(CUT, f"{grid} th .sort-button") == []
    header = dash_duo.find_element(f"{grid} th.col-value").text
    assert "100,000/\u2060yr" in header


#: Each withheld value on the characteristic page's measure cards: its text's right edge and
#: the left edge of the words beside it.
WITHHELD_EDGES = """return [...document.querySelectorAll('.cm-estimate')]
    .filter(e => e.querySelector('.cm-withheld'))
    .map(e => { const v = e.querySelector('.cm-val'), c = e.querySelector('.cm-ci');
        return [v.textContent, v.getBoundingClientRect().left + v.scrollWidth,
                c.getBoundingClientRect().left]; });"""


def test_a_value_suppressed_at_source_does_not_run_into_its_words(dash_duo, imported):
    """South West's revocations of CTOs are suppressed at source for both groups: the card
    says "Suppressed", then why, each legible (the word ran into "suppressed at source")."""
    app, _, _ = imported
    start_signed_in(dash_duo, app, ADMIN, "/characteristic/4?region=Y56")
    dash_duo.driver.set_window_size(1366, 768)
    until(lambda: dash_duo.driver.execute_script(WITHHELD_EDGES), timeout=30)
    edges = dash_duo.driver.execute_script(WITHHELD_EDGES)
    assert {text for text, _, _ in edges} == {"Suppressed"}
    assert all(right <= words for _, right, words in edges), edges
