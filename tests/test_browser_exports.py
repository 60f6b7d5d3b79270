"""Every "View as table" downloads as CSV, written in the browser from the table on screen."""

from __future__ import annotations

import pytest

from layouts.shell import ids
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser


def _click(dash_duo, element) -> None:
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element
    )


def test_a_table_downloads_as_csv_with_formulas_neutralised(dash_duo, app):
    start_signed_in(dash_duo, app, path="/characteristic/4?region=LDN")
    summary = dash_duo.wait_for_element(f"#{ids.PAGE} .table-alternative summary", timeout=30)
    _click(dash_duo, summary)
    dash_duo.wait_for_element(".table-alternative table tbody td", timeout=20)
    # A cell that a spreadsheet would run: put one in the table on screen, as a hostile
    # organisation name would arrive.
    dash_duo.driver.execute_script(
        "const td = document.querySelector('.table-alternative table tbody td');"
        "td.textContent = '=HYPERLINK(\"http://x\")';"
    )
    _click(dash_duo, dash_duo.find_element(".table-alternative .table-csv-download"))
    csv = dash_duo.driver.execute_script("return window.dreLastCsv;")
    lines = csv.strip().split("\r\n")
    header = dash_duo.driver.execute_script(
        "return [...document.querySelector('.table-alternative table').tHead.rows[0].cells]"
        ".map(th => th.textContent);"
    )
    assert lines[0] == ",".join(header)
    assert lines[1].startswith('"\'=HYPERLINK(""http://x"")"')
    rows = dash_duo.driver.execute_script(
        "return document.querySelector('.table-alternative table').tBodies[0].rows.length;"
    )
    assert len(lines) == rows + 1
