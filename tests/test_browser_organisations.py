"""An administrator registers a new organisation in the browser: upload a file with a mistake,
read what is wrong, upload it corrected, store it, and find the organisation in the list and
in the overview's site filter."""

from __future__ import annotations

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from layouts.organisations import ids
from layouts.overview.ids import FILTER_TRUST
from tests.conftest import ADMIN, start_signed_in
from tests.reference_helpers import csv_bytes, org

pytestmark = pytest.mark.browser

CHECK = f"#{ids.ORGS_CHECK}"


def _upload(dash_duo, path) -> None:
    dash_duo.find_element(f"#{ids.ORGS_UPLOAD} input[type=file]").send_keys(str(path))


def test_an_administrator_registers_an_organisation(dash_duo, writable_app, tmp_path):
    wrong, right = tmp_path / "new-trust.csv", tmp_path / "new-trust-fixed.csv"
    wrong.write_bytes(csv_bytes([org("RV5X", "Riverside Mental Health Trust", kind="Clinic")]))
    right.write_bytes(csv_bytes([org("RV5X", "Riverside Mental Health Trust")]))

    start_signed_in(dash_duo, writable_app, ADMIN, "/data/organisations")
    dash_duo.wait_for_contains_text("h1", "Regions and organisations", timeout=20)

    _upload(dash_duo, wrong)
    dash_duo.wait_for_contains_text(CHECK, "new-trust.csv was not stored", timeout=20)
    assert "'Clinic' is not a kind" in dash_duo.find_element(CHECK).text
    assert not dash_duo.find_element(f"#{ids.ORGS_CONFIRM}").is_displayed()

    _upload(dash_duo, right)
    dash_duo.wait_for_contains_text(CHECK, "new-trust-fixed.csv is ready to store", timeout=20)
    dash_duo.find_element(f"#{ids.ORGS_CONFIRM}").click()
    dash_duo.wait_for_contains_text(f"#{ids.ORGS_RESULT}", "1 new", timeout=20)
    dash_duo.wait_for_contains_text(f"#{ids.ORGS_LIST}", "Riverside Mental Health Trust")

    dash_duo.driver.get(dash_duo.server_url + "/?region=LDN")
    dash_duo.wait_for_element(f"#{FILTER_TRUST}", timeout=20).click()

    def options() -> list[str]:
        found = dash_duo.driver.find_elements(By.CSS_SELECTOR, "[role='option']")
        return [e.text for e in found if e.text]

    until(lambda: "Riverside Mental Health Trust (trust, urban)" in options(), timeout=20)
    assert dash_duo.get_logs() == []
