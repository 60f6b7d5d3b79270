"""/data/returns through the Flask test client, as each role: the template, an upload with
mistakes (nothing stored), a preview (nothing stored), the confirmation (stored, audited,
on the dashboard), and every refusal of a request beyond the person's role."""

from __future__ import annotations

import base64
import io
import threading

import pytest
from sqlalchemy import select

from dashboard.returns import ReturnRefused
from data_access.models import AuditEntry, Observation
from layouts.returns import ids
from layouts.shell.ids import PAGE, URL
from tests.components import find, text
from tests.conftest import (
    ADMIN,
    DOUBLED_CURRENT,
    OTHER_SITE_LEAD,
    REGIONAL,
    SITE_LEAD,
    VIEWER,
    client_as,
)
from tests.dash_requests import dash_call
from tests.returns_helpers import PERIOD, store_confirming
from tests.returns_helpers import check as _check
from tests.returns_helpers import confirm as _confirm
from tests.returns_helpers import filled as _filled
from tests.returns_helpers import said as _said
from tests.returns_helpers import stored as _stored
from tests.returns_helpers import template as _template
from tests.returns_helpers import template_call as _template_call
from tests.returns_helpers import upload as _upload


def _history(client, site="SLAM"):
    response = dash_call(
        client,
        f"{ids.RETURNS_HISTORY}.children",
        [
            {"id": ids.RETURNS_SITE, "property": "value", "value": site},
            {"id": ids.RETURNS_RESULT, "property": "children", "value": None},
        ],
    )
    if response.status_code != 200:
        return response.status_code
    return text(response.get_json()["response"][ids.RETURNS_HISTORY]["children"])


def test_a_site_lead_downloads_the_template_of_their_own_site(writable_app, writable_db):
    frame = _template(client_as(writable_app, SITE_LEAD), blank=False)
    assert set(frame["site_code"]) == {"SLAM"} and set(frame["period"]) == {PERIOD}
    assert {"numerator_definition", "ethnic_name"} <= set(frame.columns)
    # PERIOD was returned: its template comes filled with the stored values, to correct.
    assert (frame["numerator"] != "").any() and (frame["denominator"] != "").any()


@pytest.mark.parametrize(
    ("email", "status"),
    [(OTHER_SITE_LEAD, 403), (REGIONAL, 403), (VIEWER, 403), (None, 401)],
)
def test_another_sites_template_is_refused(writable_app, writable_db, email, status):
    assert _template_call(client_as(writable_app, email), "SLAM").status_code == status


def test_a_return_with_mistakes_is_listed_by_row_and_nothing_is_stored(writable_app, writable_db):
    client = client_as(writable_app, SITE_LEAD)
    frame, rows = _filled(_template(client))
    frame.loc[rows[0], "numerator"] = "140"  # above the denominator of a proportion
    frame.loc[rows[1], "denominator"] = "=1+1"  # a formula is text, not a number
    frame.loc[rows[2], "site_code"] = "ELFT"  # not this site lead's site
    before = _stored(writable_db)
    response = _check(client, _upload(frame))
    assert response.status_code == 200
    said = _said(response)
    assert "return.csv was not stored" in said and "3 problem(s)" in said
    about = "M02A Service users rating their care as good or excellent, White British"
    assert f"| {rows[0] + 2} | {about} | numerator | 140 is more than the denominator 100 |" in said
    assert "'=1+1' is not a whole number of 0 or more" in said
    assert "you may not submit for ELFT" in said
    assert _confirm(client, _upload(frame)).status_code == 200
    assert _stored(writable_db) == before


def test_a_correct_return_is_previewed_then_stored_and_shown(writable_app, writable_db):
    client = client_as(writable_app, SITE_LEAD)
    frame, rows = _filled(_template(client))
    before = _stored(writable_db)
    preview = _check(client, _upload(frame)).get_json()["response"]
    check = text(preview[ids.RETURNS_CHECK]["children"])
    assert "is ready to store" in check and "Nothing has been stored yet" in check
    assert preview[ids.RETURNS_CONFIRM]["style"] == {"display": "inline-block"}
    assert _stored(writable_db) == before  # a preview stores nothing

    stored = _confirm(client, _upload(frame)).get_json()["response"]
    assert "return.csv stored" in text(stored[ids.RETURNS_RESULT]["children"])
    _, audits = _stored(writable_db)
    _, audits_before = before
    assert audits == audits_before + 1
    with writable_db.session() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry.actor == SITE_LEAD and entry.file_name == "return.csv"
        assert len(entry.checksum) == 64
        assert entry.rows_new + entry.rows_revised == len(rows)
    # A resubmission: the new value is current, the one before is kept as history.
    frame.loc[rows, "numerator"] = "45"
    _confirm(client, _upload(frame))
    history = _history(client)
    assert "| M02A | 2010Q1 | A |" in history
    assert f"| 45 | 100 | current | {SITE_LEAD} |" in history
    assert f"| 40 | 100 | earlier | {SITE_LEAD} |" in history
    assert _history(client_as(writable_app, OTHER_SITE_LEAD)) == 403
    # The same file again: unchanged, and the dashboard reads the new figures.
    again = _check(client, _upload(frame)).get_json()["response"]
    assert f"{len(rows)} unchanged" in text(again[ids.RETURNS_CHECK]["children"])
    assert again[ids.RETURNS_CONFIRM]["style"] == {"display": "none"}


@pytest.mark.parametrize(("email", "status"), [(REGIONAL, 403), (VIEWER, 403), (None, 401)])
def test_uploads_from_those_who_may_not_submit_are_refused(
    writable_app, writable_db, email, status
):
    lead = client_as(writable_app, SITE_LEAD)
    frame, _ = _filled(_template(lead))
    before = _stored(writable_db)
    client = client_as(writable_app, email)
    assert _check(client, _upload(frame)).status_code == status
    assert _confirm(client, _upload(frame)).status_code == status
    assert _stored(writable_db) == before


def test_another_site_leads_upload_of_this_site_stores_nothing(writable_app, writable_db):
    frame, _ = _filled(_template(client_as(writable_app, SITE_LEAD)))
    before = _stored(writable_db)
    response = _confirm(client_as(writable_app, OTHER_SITE_LEAD), _upload(frame))
    assert "you may not submit for SLAM" in _said(response)
    assert _stored(writable_db) == before


def test_an_administrator_may_submit_for_any_site(writable_app, writable_db):
    frame, _ = _filled(_template(client_as(writable_app, ADMIN), site="ELFT"))
    response = _confirm(client_as(writable_app, ADMIN), _upload(frame))
    assert "return.csv stored" in _said(response)


def test_garbage_and_oversized_uploads_are_refused_in_words(writable_app, writable_db):
    client = client_as(writable_app, SITE_LEAD)
    wrong_type = _check(
        client, "data:text/plain;base64," + base64.b64encode(b"hi").decode(), "x.txt"
    )
    assert "Upload a .csv or .xlsx file" in _said(wrong_type)
    assert _check(client, "not a data url", "x.csv").status_code == 400
    assert _check(client, 42, "x.csv").status_code == 400
    big = "data:text/csv;base64," + "A" * (7 * 1024 * 1024)
    assert "larger than 5 MB" in _said(_check(client, big, "big.csv"))


def test_the_page_offers_forms_only_to_those_who_may_submit(app):
    for email, expected in ((SITE_LEAD, True), (ADMIN, True), (REGIONAL, False), (VIEWER, False)):
        response = dash_call(
            client_as(app, email),
            f"{PAGE}.children",
            [{"id": URL, "property": "pathname", "value": "/data/returns"}],
            [{"id": URL, "property": "search", "value": ""}],
        )
        page = response.get_json()["response"][PAGE]["children"]
        assert (find(page, ids.RETURNS_UPLOAD) is not None) is expected, email
        assert ("can read the figures but not submit" in text(page)) is not expected


def test_concurrent_resubmissions_make_one_revision_and_lose_none(writable_app, writable_db):
    """Two uploads of the same revised return at once: one revision, no cell lost."""
    client = client_as(writable_app, SITE_LEAD)
    frame, rows = _filled(_template(client), numerator="41", denominator="100")
    content = frame.to_csv(index=False).encode()
    outcomes: list[str] = []

    def submit():
        with writable_app.server.app_context():
            try:
                result = store_confirming(
                    writable_db, content, "same.csv", SITE_LEAD, allowed_sites={"SLAM"}
                )
                outcomes.append(str(result.counts()))
            except ReturnRefused as exc:
                outcomes.append(f"refused: {exc}")

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(outcomes) == 2
    with writable_db.session() as s:
        current = s.execute(
            select(Observation.numerator).where(
                Observation.is_current.is_(True), Observation.submitted_by == SITE_LEAD
            )
        ).all()
        doubled = s.execute(DOUBLED_CURRENT).all()
    assert len(current) == len(rows)  # each submitted cell stored once, as the current value
    assert {n for (n,) in current} == {41}
    assert doubled == []  # no cell has two current values


def test_template_periods_are_deduplicated_and_capped(writable_app, writable_db):
    client = client_as(writable_app, SITE_LEAD)

    def call(periods):
        return dash_call(
            client,
            f"{ids.RETURNS_DOWNLOAD}.data",
            [
                {"id": ids.RETURNS_TEMPLATE_CSV, "property": "n_clicks", "value": 1},
                {"id": ids.RETURNS_TEMPLATE_XLSX, "property": "n_clicks", "value": None},
            ],
            [
                {"id": ids.RETURNS_SITE, "property": "value", "value": "SLAM"},
                {"id": ids.RETURNS_PERIODS, "property": "value", "value": periods},
            ],
        )

    assert call(["2010Q1"] * 1000).status_code == 200  # one quarter, not a thousand copies
    nine = [
        "2008Q1",
        "2008Q2",
        "2008Q3",
        "2008Q4",
        "2009Q1",
        "2009Q2",
        "2009Q3",
        "2009Q4",
        "2010Q1",
    ]
    refused = call(nine)
    assert refused.status_code == 400 and "At most 8 quarters" in refused.get_data(as_text=True)


def test_odd_digits_and_huge_counts_are_row_errors(writable_app, writable_db):
    client = client_as(writable_app, SITE_LEAD)
    frame, rows = _filled(_template(client))
    frame.loc[rows[0], "numerator"] = "\u00b2"  # a digit to Python, not a count
    frame.loc[rows[1], "denominator"] = "9" * 20
    said = _said(_check(client, _upload(frame)))
    assert "2 problem(s)" in said and "is not a whole number of 0 or more" in said


@pytest.mark.slow
def test_a_workbook_that_unpacks_to_gigabytes_is_refused_unread(writable_app, writable_db):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (150 * 1024 * 1024))
    encoded = base64.b64encode(buffer.getvalue()).decode()
    contents = f"data:application/octet-stream;base64,{encoded}"
    response = _check(client_as(writable_app, SITE_LEAD), contents, "bomb.xlsx")
    assert "unpacks to more than 100 MB" in _said(response)
