"""A site lead's quarter in the browser: sign in, upload a return with a mistake, read what
is wrong, upload it corrected, read its warnings, be refused while they are not confirmed,
confirm them all, store it, and see the new figure on the overview."""

from __future__ import annotations

import pytest
from dash.testing.wait import until

from dashboard.returns import site_template
from data_access.db import Database
from layouts.overview.ids import panel
from layouts.returns import ids
from tests.conftest import SITE_LEAD, start_signed_in

pytestmark = pytest.mark.browser

CHECK = f"#{ids.RETURNS_CHECK}"
RESULT = f"#{ids.RETURNS_RESULT}"


def _click(dash_duo, element) -> None:
    """Click `element` once it is in view (Bootstrap scrolls smoothly: jump instead)."""
    script = "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})"
    dash_duo.driver.execute_script(script, element)
    element.click()


def _upload(dash_duo, path) -> None:
    dash_duo.find_element(f"#{ids.RETURNS_UPLOAD} input[type=file]").send_keys(str(path))


def test_a_site_lead_corrects_a_return_and_sees_it_on_the_dashboard(
    dash_duo, writable_app, writable_db_url, tmp_path
):
    db = Database(writable_db_url)
    with writable_app.server.app_context(), db.session() as s:
        # A correction of the latest stored quarter (it has history to warn against), its
        # template emptied so that only M02A is returned.
        frame = site_template(s, "SLAM", ["2010Q1"])
    db.dispose()
    frame[["numerator", "denominator"]] = None
    rows = frame.index[frame["measure_code"] == "M02A"]
    frame.loc[rows, ["numerator", "denominator"]] = ["90", "100"]
    frame.loc[rows[0], "numerator"] = "190"
    wrong, right = tmp_path / "slam-return.csv", tmp_path / "slam-return-fixed.csv"
    frame.to_csv(wrong, index=False)
    frame.loc[rows[0], "numerator"] = "90"
    frame.to_csv(right, index=False)

    start_signed_in(dash_duo, writable_app, SITE_LEAD, "/data/returns")
    dash_duo.wait_for_contains_text("h1", "Quarterly returns", timeout=20)
    site = dash_duo.find_element(f"#{ids.RETURNS_SITE}")
    assert "South London and Maudsley" in site.text

    _upload(dash_duo, wrong)
    dash_duo.wait_for_contains_text(CHECK, "slam-return.csv was not stored", timeout=20)
    assert "190 is more than the denominator 100" in dash_duo.find_element(CHECK).text
    assert not dash_duo.find_element(f"#{ids.RETURNS_CONFIRM}").is_displayed()

    _upload(dash_duo, right)
    dash_duo.wait_for_contains_text(CHECK, "slam-return-fixed.csv is ready to store", timeout=20)
    # 90% of 100 people, where SLAM counted far fewer or more last quarter: warned, row by row
    dash_duo.wait_for_contains_text(CHECK, "look implausible", timeout=20)
    boxes = dash_duo.find_elements(f"{CHECK} .returns-warnings input[type=checkbox]")
    assert len(boxes) > 1 and not any(b.is_selected() for b in boxes)
    store = dash_duo.find_element(f"#{ids.RETURNS_CONFIRM}")
    _click(dash_duo, store)
    dash_duo.wait_for_contains_text(RESULT, "are not confirmed", timeout=20)
    assert "was not stored" in dash_duo.find_element(RESULT).text

    _click(dash_duo, dash_duo.find_element(f"{CHECK} .returns-confirm-all input[type=checkbox]"))
    until(lambda: all(b.is_selected() for b in boxes), timeout=10)  # ticked in the browser
    _click(dash_duo, store)
    dash_duo.wait_for_contains_text(RESULT, "slam-return-fixed.csv stored", timeout=20)
    assert "you confirmed are kept in the audit log" in dash_duo.find_element(RESULT).text

    dash_duo.driver.get(dash_duo.server_url + "/?trust=SLAM&measures=M02A")
    dash_duo.wait_for_contains_text(f"#{panel(2)}", "90.0%", timeout=20)
    assert dash_duo.get_logs() == []
