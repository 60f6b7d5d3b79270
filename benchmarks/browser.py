"""Pages opened from a link in headless Chromium, timed until they are drawn."""

from __future__ import annotations

import os
import time

OVERVIEW_DRAWN = (
    "return [...Array(12).keys()].every(i => {"
    " const b = document.getElementById('panel-body-char-' + (i + 1));"
    " return b && b.children.length > 0; })"
    " && document.querySelectorAll('.trend-img').length > 0"
    " && [...document.querySelectorAll('.trend-img')].every(img => img.complete)"
)
#: A users' page is drawn when a chart is on screen (or a message where there is none).
PAGE_DRAWN = (
    "return !!document.querySelector('#page-content .js-plotly-plot .main-svg')"
    " || !!document.querySelector('#page-content .chart-img')"  # charts drawn as images
    " || !!document.querySelector('#page-content .page-message')"
)
#: name → (path opened from a link, script that is true once the page is drawn)
PAGES = {
    "overview": ("/", OVERVIEW_DRAWN),
    "characteristic": ("/characteristic/4?region=LDN", PAGE_DRAWN),
    "compare": ("/compare?region=LDN&measure=M04A", PAGE_DRAWN),
    "site": ("/site/SLAM", PAGE_DRAWN),
    "present": ("/present?region=LDN", PAGE_DRAWN),
    "priorities": ("/priorities", PAGE_DRAWN),
}


def _page_loads(base: str, path: str, drawn_js: str, runs: int) -> list[float]:
    """Seconds from navigation until `drawn_js` holds and no callback is pending, per run,
    each in a fresh browser (nothing cached)."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--window-size=1366,768",
    ):
        options.add_argument(flag)
    script = (
        "const drawn = (() => {" + drawn_js + "})();"
        " return drawn && !document.querySelector('._dash-loading-callback');"
    )
    times = []
    for _ in range(runs):
        driver = webdriver.Chrome(options=options)
        try:
            start = time.perf_counter()
            driver.get(base + path)
            deadline = start + 60
            while time.perf_counter() < deadline and not driver.execute_script(script):
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
        finally:
            driver.quit()
    return times
