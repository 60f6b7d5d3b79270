"""The Present page in headless Chromium, as a meeting meets it: opened from a link with a
selection, moved with the keyboard, advancing and refreshing by itself."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from layouts.overview.ids import panel
from layouts.present import ids
from layouts.shell.ids import PAGE
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser


def _open(dash_duo, app, query: str) -> None:
    start_signed_in(dash_duo, app)
    dash_duo.wait_for_element(f"#{PAGE}", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/present" + query)
    dash_duo.wait_for_element(".present-slide-12", timeout=30)


def _press(dash_duo, key: str) -> None:
    ActionChains(dash_duo.driver).send_keys(key).perform()


def _counter(dash_duo) -> str:
    return dash_duo.find_element(f"#{ids.PRESENT_COUNTER}").text


def _visible(dash_duo) -> list[int]:
    slides = dash_duo.find_elements(".present-slide")
    return [int(s.get_attribute("data-slide")) for s in slides if s.is_displayed()]


def test_keyboard_moves_between_slides_over_the_whole_screen(dash_duo, app):
    _open(dash_duo, app, "?region=LDN&slide=5")
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "5 / 13", timeout=30)
    dash_duo.wait_for_element(".present-slide-4 .js-plotly-plot", timeout=30)
    assert _visible(dash_duo) == [4]
    # only the shown slide's chart is drawn: the others have no graph until they are shown
    assert len(dash_duo.find_elements(".present-root .js-plotly-plot")) == 1
    detention = dash_duo.find_element(".present-slide-4")
    assert "Detention" in detention.text and "rate ratio" in detention.text
    # The page covers the navbar and the selection bar.
    covered = dash_duo.driver.execute_script(
        "return !!document.elementFromPoint(20, 20).closest('.present-root');"
    )
    assert covered

    _press(dash_duo, Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "6 / 13", timeout=10)
    until(lambda: _visible(dash_duo) == [5], timeout=5)
    assert "Violent incidents" in dash_duo.find_element(".present-slide-5").text
    dash_duo.wait_for_element(".present-slide-5 .js-plotly-plot .main-svg", timeout=10)
    _press(dash_duo, Keys.SPACE)
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "7 / 13", timeout=10)
    _press(dash_duo, Keys.ARROW_LEFT)
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "6 / 13", timeout=10)
    _press(dash_duo, Keys.ARROW_LEFT)
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "5 / 13", timeout=10)
    # Three presses in one burst, as a presenter's clicker sends them: none is lost.
    ActionChains(dash_duo.driver).send_keys(Keys.ARROW_RIGHT * 3).perform()
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "8 / 13", timeout=10)
    assert dash_duo.get_logs() == []


def test_escape_goes_back_to_the_overview_with_the_same_selection(dash_duo, app):
    _open(dash_duo, app, "?region=SW&rurality=rural")
    opening = dash_duo.find_element(".present-slide-0")
    assert "South West" in opening.text and "the twelve at a glance" in opening.text
    assert len(dash_duo.find_elements(".present-slide-0 .tile")) == 12
    _press(dash_duo, Keys.ESCAPE)
    dash_duo.wait_for_element(f"#{panel(12)}", timeout=20)
    assert dash_duo.driver.current_url.endswith("/?region=SW&rurality=rural")
    # The page's keys do nothing elsewhere.
    _press(dash_duo, Keys.ARROW_RIGHT)
    assert not dash_duo.find_elements(".present-root")
    assert dash_duo.get_logs() == []


def test_refresh_replaces_the_data_but_keeps_the_slide(dash_duo, app):
    _open(dash_duo, app, "?region=LDN&refresh=5&slide=3")
    dash_duo.wait_for_contains_text(f"#{ids.PRESENT_UPDATED}", "updated", timeout=10)
    first = dash_duo.find_element(f"#{ids.PRESENT_UPDATED}").text
    _press(dash_duo, Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "4 / 13", timeout=10)
    until(lambda: dash_duo.find_element(f"#{ids.PRESENT_UPDATED}").text != first, timeout=15)
    assert _counter(dash_duo) == "4 / 13" and _visible(dash_duo) == [3]
    assert "Admission" in dash_duo.find_element(".present-slide-3").text
    assert dash_duo.get_logs() == []


def test_auto_advance_moves_on_by_itself(dash_duo, app):
    _open(dash_duo, app, "?advance=5&slide=13")
    counter = f"#{ids.PRESENT_COUNTER}"
    dash_duo.wait_for_contains_text(counter, " / 13", timeout=30)
    assert "next slide every 5 s" in dash_duo.find_element(".present-bar").text
    # On a loaded machine the page may take longer to open than one advance: wherever it is
    # now, the next slide follows by itself (after 13 comes 1).
    now = int(dash_duo.find_element(counter).text.split(" / ")[0])
    following = now % 13 + 1
    dash_duo.wait_for_text_to_equal(counter, f"{following} / 13", timeout=15)
    assert _visible(dash_duo) in ([following - 1], [following % 13])
    assert dash_duo.get_logs() == []


def test_the_slide_is_in_the_address_and_back_returns_to_the_one_before(dash_duo, app):
    _open(dash_duo, app, "?region=LDN&slide=2")
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "2 / 13", timeout=30)
    _press(dash_duo, Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "3 / 13", timeout=10)
    until(lambda: "slide=3" in dash_duo.driver.current_url, timeout=10)
    _press(dash_duo, Keys.ARROW_RIGHT)
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "4 / 13", timeout=10)
    until(lambda: "slide=4" in dash_duo.driver.current_url, timeout=10)
    assert "region=LDN" in dash_duo.driver.current_url
    shared = dash_duo.driver.current_url

    dash_duo.driver.back()
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "3 / 13", timeout=30)
    until(lambda: _visible(dash_duo) == [2], timeout=30)
    assert "slide=3" in dash_duo.driver.current_url
    dash_duo.driver.forward()
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "4 / 13", timeout=30)
    until(lambda: _visible(dash_duo) == [3], timeout=30)
    assert dash_duo.driver.current_url == shared
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720), (1920, 1080)])
def test_the_twelve_tiles_hold_their_words_on_a_laptop_and_a_projector(dash_duo, app, size):
    """At 1366×768 the tiles' words ran out of their boxes: a verdict under the next tile."""
    dash_duo.driver.set_window_size(*size)
    _open(dash_duo, app, "?region=LDN")
    dash_duo.wait_for_text_to_equal(f"#{ids.PRESENT_COUNTER}", "1 / 13", timeout=30)
    dash_duo.wait_for_element(".present-slide-0 .tile .tile-verdict", timeout=30)
    spilled = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('.present-slide-0 .tile')].filter(tile => {"
        "  const box = tile.getBoundingClientRect();"
        "  return [...tile.querySelectorAll('*')].some(el => {"
        "    const r = el.getBoundingClientRect();"
        "    return r.height > 0 && (r.bottom > box.bottom + 1 || r.right > box.right + 1); });"
        "}).map(tile => tile.innerText.split('\\n')[0]);"
    )
    assert spilled == []
