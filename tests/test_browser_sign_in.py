"""Signing in and out in the browser, as a site lead meets it on a Monday morning."""

from __future__ import annotations

import pytest

from layouts.shell import ids
from tests.conftest import SITE_LEAD, TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_sign_in_with_a_typo_then_correctly_lands_on_the_link_followed(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    dash_duo._url = dash_duo.server.url
    # A link to the site page, followed without a session, asks for a sign-in first.
    dash_duo.driver.get(dash_duo.server_url + "/site/SLAM?pool=year")
    dash_duo.wait_for_element("#email", timeout=10).send_keys(SITE_LEAD)
    dash_duo.find_element("#password").send_keys("correct horse battery stapel")
    dash_duo.find_element("#sign-in").click()
    dash_duo.wait_for_contains_text(".alert-danger", "Email or password not recognised", 10)
    assert dash_duo.find_element("#email").get_attribute("value") == SITE_LEAD  # kept

    dash_duo.find_element("#password").send_keys(TEST_PASSWORD)
    dash_duo.find_element("#sign-in").click()
    dash_duo.wait_for_contains_text(f"#{ids.PAGE}", "South London and Maudsley", timeout=30)
    assert dash_duo.driver.current_url.endswith("/site/SLAM?pool=year")
    assert "Site lead · SLAM" in dash_duo.find_element(".account").text

    dash_duo.find_element(".account .sign-out").click()
    dash_duo.wait_for_element("#sign-in", timeout=10)
    dash_duo.driver.get(dash_duo.server_url + "/site/SLAM")
    dash_duo.wait_for_element("#sign-in", timeout=10)  # signed out: the page asks again
    # The refused sign-in answered 401, which the browser logs; nothing else went wrong.
    assert [log for log in dash_duo.get_logs() if "/login " not in log["message"]] == []
