"""Screenshots of each page for the README: `python docs/screenshots.py [BASE_URL]`.

Opens each page in headless Chromium at laptop size (1440×900) and writes docs/<page>.png;
with --projector also at 1920×1080 (docs/<page>-projector.png). The app must be running.
With DRE_EMAIL and DRE_PASSWORD set it signs in first (e.g. as a demonstration site lead from
instance/demo-accounts.txt); otherwise the app must allow anonymous viewers.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

PAGES = {
    "overview": "/?region=LDN",
    "characteristic": "/characteristic/4?region=LDN",
    "compare": "/compare?region=LDN&measure=M04A&site=SLAM",
    "site": "/site/SLAM?region=LDN",
    "present": "/present?region=LDN",
    "priorities": "/priorities",
    "briefing": "/briefing?region=LDN",
    "returns": "/data/returns",
    "actions": "/data/actions",
}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    base = args[0] if args else "http://127.0.0.1:8050"
    only = set(args[1:]) or set(PAGES)
    sizes = [("", 1440, 900)]
    if "--projector" in sys.argv:
        sizes.append(("-projector", 1920, 1080))
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--hide-scrollbars",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    out = Path(__file__).parent
    try:
        if os.environ.get("DRE_EMAIL"):
            driver.get(base + "/login")
            driver.find_element("id", "email").send_keys(os.environ["DRE_EMAIL"])
            driver.find_element("id", "password").send_keys(os.environ["DRE_PASSWORD"])
            driver.find_element("id", "sign-in").click()
            time.sleep(2)
        for suffix, width, height in sizes:
            driver.set_window_size(width, height)
            for name, path in PAGES.items():
                if name not in only:
                    continue
                driver.get(base + path)
                time.sleep(8)
                file = out / f"{name}{suffix}.png"
                driver.save_screenshot(str(file))
                print(file)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
