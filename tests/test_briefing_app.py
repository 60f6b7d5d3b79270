"""The cascade briefing on the demonstration data, through the app: London in March 2010,
the actions that fell overdue, the page's callback, both downloads, the sign-in gate and the
command line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from markupsafe import escape  # as the templates escape (' is &#39;)

from dashboard.briefing.data import briefing_data
from dashboard.loaders import load_catalogue
from dashboard.selection import Selection
from data_access.db import Database
from layouts.briefing.ids import (
    BRIEFING_DOWNLOADS,
    BRIEFING_HTML,
    BRIEFING_MONTH,
    BRIEFING_PDF,
    BRIEFING_PREVIEW,
)
from layouts.briefing.pdf import briefing_pdf
from layouts.briefing.render import briefing_html
from layouts.shell import ids
from tests.components import find, prop, text
from tests.conftest import VIEWER, client_as, signed_in_request
from tests.dash_requests import dash_call

MARCH = "2010-03"
LONDON = {
    "BEHMHT",
    "CIFT",
    "ELFT",
    "HMPBRX",
    "HMPHOL",
    "NELFT",
    "OXLEAS",
    "SLAM",
    "SWLSTG",
    "WLMHT",
}


@pytest.mark.slow
def test_the_briefing_of_london_in_march_2010(app):
    with signed_in_request(app):
        catalogue = load_catalogue()
        selection = Selection.from_query("?region=LDN").validated(catalogue)
        b = briefing_data(selection, catalogue, MARCH)
        same = briefing_data(selection, catalogue, "2010-02")
    assert (b.period, b.period_label, b.previous_label) == (
        "2010Q1",
        "Jan–Mar 2010",
        "Oct–Dec 2009",
    )
    assert b.context.startswith("London · 10 sites")
    assert [c.number for c in b.characteristics] == list(range(1, 13))
    detention = {c.number: c for c in b.characteristics}[4]
    assert detention.sentence.startswith("Detentions under the Mental Health Act, BME : White")
    assert detention.reference == 1.0 and len(detention.trend) == 20
    assert b.headline.startswith("New figures for Jan–Mar 2010 since last month's briefing")
    assert {c.tone for c in b.signals} <= {"worse", "better", "neutral"}
    assert set(b.significance["site"]) <= set(catalogue.organisations.query("region == 'LDN'").code)
    pdf = briefing_pdf(b, compress=False)
    for words in (b"The twelve characteristics", b"4. Detention", b"What changed since last month"):
        assert words in pdf
    assert b"March 2010: figures of Jan-Mar 2010" in pdf  # the dash made Latin-1
    # February shows the quarter January already showed: nothing new but the actions.
    assert same.period == "2009Q4" and same.headline.startswith("No new quarter's figures")
    assert same.signals == [] and same.significance.empty and same.targets == []
    assert b.nothing_to_compare is None
    assert same.nothing_to_compare == (
        "No new quarter's figures since last month's briefing: the figures of Oct–Dec 2009 "
        "are unchanged."
    )
    page = briefing_html(same)
    assert escape(same.nothing_to_compare) in page and "New special-cause signals" not in page


OWNER = "Briefing test owner"  # the demonstration data may hold plans of their own


def _add_actions(db_url: str) -> None:
    from sqlalchemy import select

    from data_access.models import ActionItem, Organisation

    db = Database(db_url)
    with db.session() as s:
        org = dict(s.execute(select(Organisation.code, Organisation.id)).all())
        for site, action, due, status in (
            ("SLAM", "Audit <b>seclusion</b> – by ethnicity", dt.date(2010, 3, 10), "at_risk"),
            ("SLAM", "Already done", dt.date(2010, 3, 20), "done"),
            ("SLAM", "Due later", dt.date(2010, 5, 1), "not_started"),
            ("ELFT", "Due in April", dt.date(2010, 4, 10), "at_risk"),
            ("ELFT", "Train ward staff", dt.date(2010, 3, 15), "on_track"),
            ("BSMHFT", "Not in London", dt.date(2010, 3, 15), "on_track"),
        ):
            s.add(
                ActionItem(
                    organisation_id=org[site],
                    characteristic_id=6,
                    action=action,
                    owner=OWNER,
                    due_date=due,
                    status=status,
                    progress_note="",
                    updated_by="test",
                )
            )
    db.dispose()


@pytest.mark.slow
def test_the_briefing_lists_the_actions_that_fell_overdue(writable_app, writable_db_url):
    _add_actions(writable_db_url)
    with signed_in_request(writable_app):
        catalogue = load_catalogue()
        london = Selection.from_query("?region=LDN").validated(catalogue)
        b = briefing_data(london, catalogue, MARCH)
        elft = briefing_data(replace(london, trusts=("ELFT",)), catalogue, MARCH)
        april = briefing_data(london, catalogue, "2010-04")
    mine = b.overdue[b.overdue["owner"] == OWNER]
    assert mine["action"].tolist() == ["Audit <b>seclusion</b> – by ethnicity", "Train ward staff"]
    assert (b.overdue["status"] != "done").all() and set(b.overdue["site"]) <= LONDON
    assert (
        f"{len(b.overdue)} actions of the plans are overdue (due before 31 Mar 2010 and not done)"
        in b.headline
    )
    assert elft.overdue.loc[elft.overdue["owner"] == OWNER, "site"].tolist() == ["ELFT"]
    assert set(elft.overdue["site"]) == {"ELFT"}
    # April brings no new quarter, but actions still fall overdue.
    assert april.period == "2010Q1" and april.headline.startswith("No new quarter's figures")
    april_mine = april.overdue[april.overdue["owner"] == OWNER]
    assert april_mine["action"].tolist() == [*mine["action"], "Due in April"]
    assert april_mine["new"].tolist() == [False, False, True]
    page = briefing_html(b)
    assert "Audit &lt;b&gt;seclusion&lt;/b&gt; – by ethnicity" in page and "<b>" not in page
    assert b"Audit <b>seclusion</b> - by ethnicity" in briefing_pdf(b, compress=False)


@pytest.mark.slow
def test_the_month_redraws_the_preview_and_the_download_links(client):
    output = f"..{BRIEFING_PREVIEW}.children...{BRIEFING_DOWNLOADS}.children.."
    response = dash_call(
        client,
        output,
        [{"id": BRIEFING_MONTH, "property": "value", "value": MARCH}],
        [{"id": ids.URL, "property": "search", "value": "?region=LDN"}],
    )
    assert response.status_code == 200
    outputs = response.get_json()["response"]
    preview = text(outputs[BRIEFING_PREVIEW]["children"])
    assert "March 2010: figures of Jan–Mar 2010" in preview
    assert "What changed since last month" in preview and "Overdue actions" in preview
    links = outputs[BRIEFING_DOWNLOADS]["children"]
    assert prop(find(links, BRIEFING_PDF), "href") == (
        "/briefing/download.pdf?region=LDN&month=2010-03"
    )
    assert prop(find(links, BRIEFING_HTML), "href") == (
        "/briefing/download.html?region=LDN&month=2010-03"
    )
    refused = dash_call(
        client,
        output,
        [{"id": BRIEFING_MONTH, "property": "value", "value": "2030-01"}],
        [{"id": ids.URL, "property": "search", "value": "?region=LDN"}],
    )
    said = text(refused.get_json()["response"][BRIEFING_PREVIEW]["children"])
    assert "No briefing for January 2030" in said


def test_the_page_opens_on_the_month_of_the_selections_last_quarter(client):
    response = dash_call(
        client,
        f"{ids.PAGE}.children",
        [{"id": ids.URL, "property": "pathname", "value": "/briefing"}],
        [{"id": ids.URL, "property": "search", "value": "?region=LDN&to=2009Q3"}],
    )
    page = response.get_json()["response"][ids.PAGE]["children"]
    assert prop(find(page, BRIEFING_MONTH), "value") == "2009-09"
    assert "Cascade briefing" in text(page)
    assert prop(find(page, BRIEFING_PDF), "href") == (
        "/briefing/download.pdf?region=LDN&to=2009Q3&month=2009-09"
    )


@pytest.mark.slow
def test_both_downloads_carry_the_month_the_selection_and_an_attachment_name(client):
    pdf = client.get("/briefing/download.pdf?region=LDN&month=2010-03")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Disposition"] == 'attachment; filename="dre-briefing-2010-03.pdf"'
    assert pdf.data.startswith(b"%PDF") and b"%%EOF" in pdf.data[-32:]
    assert len(re.findall(rb"/Type /Page\b", pdf.data)) >= 2  # twelve in a page or two, and more
    html = client.get("/briefing/download.html?region=LDN&month=2010-03")
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert html.headers["Content-Disposition"] == 'attachment; filename="dre-briefing-2010-03.html"'
    page = html.get_data(as_text=True)
    assert page.startswith("<!doctype html>") and "<script" not in page
    assert "London · 10 sites" in page and page.count("<svg") == 12


def test_a_bad_month_is_a_400_in_plain_words(client):
    for month, words in (("2010-13", "YYYY-MM"), ("", "YYYY-MM"), ("2030-01", "No briefing for")):
        response = client.get(f"/briefing/download.pdf?region=LDN&month={month}")
        assert response.status_code == 400 and response.mimetype == "text/plain"
        assert words in response.get_data(as_text=True)


@pytest.mark.slow
def test_a_viewer_gets_the_briefing_with_disclosure_control(app):
    response = client_as(app, VIEWER).get("/briefing/download.html?region=LDN&month=2010-03")
    assert response.status_code == 200 and "London · 10 sites" in response.get_data(as_text=True)


def test_nobody_signed_in_gets_no_briefing(anonymous_client):
    for kind in ("pdf", "html"):
        response = anonymous_client.get(f"/briefing/download.{kind}?month=2010-03")
        assert response.status_code in (302, 401)
        assert not response.data.startswith(b"%PDF") and b"twelve" not in response.data
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/login")


@pytest.mark.slow
def test_the_command_writes_the_briefing(runner, tmp_path, monkeypatch):
    out = tmp_path / "london.html"
    result = runner.invoke(args=["briefing", "--month", MARCH, "--region", "LDN", "--out", out])
    assert result.exit_code == 0, result.output
    assert "Wrote the briefing of 2010-03" in result.output
    assert "London · 10 sites" in out.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the default file name lands in the working directory
    result = runner.invoke(args=["briefing", "--month", MARCH, "--site", "SLAM"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dre-briefing-2010-03.pdf").read_bytes()[:4] == b"%PDF"


def test_the_command_refuses_a_bad_month_or_an_unknown_code(runner, tmp_path):
    cases = (
        (["--month", "2010/03"], "YYYY-MM"),
        (["--month", "2030-01"], "No briefing for January 2030"),
        (["--month", MARCH, "--region", "XX"], "Unknown region code(s): XX"),
        (["--month", MARCH, "--site", "NOPE"], "Unknown site code(s): NOPE"),
        (["--month", MARCH, "--out", "b.docx"], "must end in .pdf or .html"),
    )
    for args, words in cases:
        result = runner.invoke(args=["briefing", *args])
        assert result.exit_code != 0 and words in result.output, (args, result.output)
