"""Pages opened from a link in headless Chromium, timed until they are drawn.

The users' pages are opened as an anonymous viewer; the data pages (/data/...) need an account,
so for them each fresh browser first signs in through the sign-in form (untimed)."""

from __future__ import annotations

import os
import sys
import time
from typing import NamedTuple
from urllib.parse import urlparse

from layouts.actions.ids import ACTIONS_PLAN
from layouts.briefing.ids import BRIEFING_PREVIEW
from layouts.menu.ids import MENU_ADOPTION, MENU_TABLE
from layouts.organisations.ids import ORGS_LIST
from layouts.returns.ids import RETURNS_HISTORY, RETURNS_UPLOAD

#: Seconds a page may take before it counts as never drawn (the time recorded is then this).
TIMEOUT = 60

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
#: Present opens on the slide of the twelve tiles, which has no chart (each slide's chart is
#: drawn when its slide is first shown): drawn once its twelve tiles are on screen.
PRESENT_DRAWN = (
    "return document.querySelectorAll('#page-content .present-slide-0 .tile').length === 12"
)
#: The briefing's preview is built by a callback into an empty box (a loading dot meanwhile):
#: drawn once the sheet (or the message saying why there is none) is in it, its charts loaded.
BRIEFING_DRAWN = (
    f"const p = document.getElementById('{BRIEFING_PREVIEW}');"
    " return !!p && !!p.querySelector('.briefing-sheet, .page-message')"
    " && [...p.querySelectorAll('img')].every(img => img.complete)"
)


def _present(selector: str) -> str:
    return f"return !!document.querySelector('#page-content {selector}')"


class Page(NamedTuple):
    path: str
    drawn: str
    signed_in: bool = False


#: name → (path opened from a link, script true once the page is drawn, signed in as admin).
#: The data pages: the returns form with the first site's history (drawn by a callback), the
#: menu's table and the site editor, the organisations' list, and a site's action plan (the
#: page without ?site= shows only "choose a site").
PAGES = {
    "overview": Page("/", OVERVIEW_DRAWN),
    "characteristic": Page("/characteristic/4?region=LDN", PAGE_DRAWN),
    "compare": Page("/compare?region=LDN&measure=M04A", PAGE_DRAWN),
    "site": Page("/site/SLAM", PAGE_DRAWN),
    "present": Page("/present?region=LDN", PRESENT_DRAWN),
    "priorities": Page("/priorities", PAGE_DRAWN),
    "briefing": Page("/briefing?region=LDN", BRIEFING_DRAWN),
    "data_returns": Page(
        "/data/returns",
        _present(f"#{RETURNS_HISTORY} > *") + f" && !!document.getElementById('{RETURNS_UPLOAD}')",
        signed_in=True,
    ),
    "data_measures": Page(
        "/data/measures",
        _present(f"#{MENU_TABLE} table") + f" && !!document.querySelector('#{MENU_ADOPTION} > *')",
        signed_in=True,
    ),
    "data_organisations": Page("/data/organisations", _present(f"#{ORGS_LIST} table"), True),
    "data_actions": Page(
        "/data/actions?site=SLAM", _present(f"#{ACTIONS_PLAN} > :not(.page-message)"), True
    ),
}


def _browser():
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
    return webdriver.Chrome(options=options)


def _sign_in(driver, base: str, account: tuple[str, str]) -> None:
    """Through the sign-in form, landing on /healthz (nothing of the dashboard loaded yet)."""
    from selenium.webdriver.common.by import By

    driver.get(base + "/login?next=/healthz")
    driver.find_element(By.ID, "email").send_keys(account[0])
    driver.find_element(By.ID, "password").send_keys(account[1])
    driver.find_element(By.ID, "sign-in").click()
    deadline = time.perf_counter() + 30
    # the path: "/login?next=/healthz" holds "/healthz" too, and the page was then asked for
    # while the form was still being sent (a run in four never drawn)
    while urlparse(driver.current_url).path != "/healthz":
        if time.perf_counter() > deadline:
            raise RuntimeError(f"sign-in as {account[0]} failed: at {driver.current_url}")
        time.sleep(0.05)


def _page_loads(
    base: str, page: Page, runs: int, account: tuple[str, str] | None = None
) -> tuple[list[float], int]:
    """Seconds from navigation until `page.drawn` holds and no callback is pending, per run,
    each in a fresh browser (nothing cached; signed in first when the page needs it), and how
    many runs were never drawn within TIMEOUT. BENCH_SCREENSHOTS=folder keeps a screenshot
    of each page as it was when counted drawn."""
    script = (
        "const drawn = (() => {" + page.drawn + "})();"
        " return drawn && !document.querySelector('._dash-loading-callback');"
    )
    times, never = [], 0
    for _ in range(runs):
        driver = _browser()
        try:
            if page.signed_in:
                _sign_in(driver, base, account)
            start = time.perf_counter()
            driver.get(base + page.path)
            deadline = start + TIMEOUT
            while not driver.execute_script(script):
                if time.perf_counter() > deadline:
                    never += 1
                    print(f"{page.path}: not drawn within {TIMEOUT} s", file=sys.stderr)
                    break
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
            if shots := os.environ.get("BENCH_SCREENSHOTS"):  # what "drawn" looked like
                name = page.path.strip("/").replace("/", "_").split("?")[0] or "overview"
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(1366, min(max(height, 768), 4000))
                driver.save_screenshot(f"{shots}/{name}.png")
        finally:
            driver.quit()
    return times, never
