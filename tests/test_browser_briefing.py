"""The Briefing page in headless Chromium: opened from a link with a selection, the preview
read, another month chosen, and the PDF fetched with the browser's own session."""

from __future__ import annotations

import base64
import os

import pytest
from dash.testing.wait import until

from layouts.briefing import ids
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser

#: Fetch a URL with the page's cookies; answers status, type, disposition and the body.
FETCH = """
const done = arguments[arguments.length - 1];
fetch(arguments[0], {credentials: "same-origin"}).then(async (r) => {
  const bytes = new Uint8Array(await r.arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
  done({status: r.status, type: r.headers.get("content-type"),
        disposition: r.headers.get("content-disposition"), body: btoa(text)});
}).catch((e) => done({status: 0, error: String(e)}));
"""


def _screenshot(dash_duo, name: str) -> None:
    """Keep a picture of the page when BRIEFING_SCREENSHOTS names a folder."""
    folder = os.environ.get("BRIEFING_SCREENSHOTS")
    if not folder:
        return
    driver = dash_duo.driver
    driver.save_screenshot(os.path.join(folder, name))
    height = driver.execute_script("return document.documentElement.scrollHeight;")
    driver.set_window_size(1366, height + 150)  # the whole page, for reading
    driver.save_screenshot(os.path.join(folder, "whole-" + name))
    driver.set_window_size(1366, 768)


def test_the_briefing_previews_and_downloads_as_pdf(dash_duo, app):
    dash_duo.driver.set_window_size(1366, 768)
    start_signed_in(dash_duo, app, path="/briefing?region=LDN")
    dash_duo.wait_for_element(".briefing-sheet", timeout=60)
    sheet = dash_duo.find_element(".briefing-sheet")
    assert "March 2010: figures of Jan–Mar 2010" in sheet.text
    assert "London · 10 sites" in sheet.text
    assert "What changed since last month" in sheet.text
    assert len(dash_duo.find_elements(".briefing-char")) == 12
    assert len(dash_duo.find_elements(".briefing-chart img")) == 12
    _screenshot(dash_duo, "briefing-top.png")

    link = dash_duo.find_element(f"#{ids.BRIEFING_PDF}")
    assert link.text == "Download PDF"
    href = link.get_attribute("href")
    assert href.endswith("/briefing/download.pdf?region=LDN&month=2010-03")
    answer = dash_duo.driver.execute_async_script(FETCH, href)
    assert answer["status"] == 200, answer
    assert answer["type"] == "application/pdf"
    assert answer["disposition"] == 'attachment; filename="dre-briefing-2010-03.pdf"'
    assert base64.b64decode(answer["body"]).startswith(b"%PDF")
    assert dash_duo.get_logs() == []


def test_another_month_redraws_the_preview_and_the_links(dash_duo, app):
    dash_duo.driver.set_window_size(1366, 768)
    start_signed_in(dash_duo, app, path="/briefing?region=LDN")
    dash_duo.wait_for_element(".briefing-sheet", timeout=60)
    dash_duo.select_dcc_dropdown(f"#{ids.BRIEFING_MONTH}", value="February 2010")
    dash_duo.wait_for_contains_text(".briefing-headline", "No new quarter's figures", timeout=60)
    assert "February 2010: figures of Oct–Dec 2009" in dash_duo.find_element(".briefing-sheet").text
    until(
        lambda: (
            dash_duo.find_element(f"#{ids.BRIEFING_HTML}")
            .get_attribute("href")
            .endswith("/briefing/download.html?region=LDN&month=2010-02")
        ),
        timeout=10,
    )
    until(lambda: "month=2010-02" in dash_duo.driver.current_url, timeout=10)
    _screenshot(dash_duo, "briefing-february.png")
    assert dash_duo.get_logs() == []
