"""A return that would distort the picture, through /data/returns as a site lead uses it (the
Flask test client and the page's own callbacks): its warnings listed one by one, the Store
button refused while any is unticked, stored once each is ticked, the audit entry keeping what
was confirmed; and a measure the site has not adopted refused."""

from __future__ import annotations

from layouts.returns import ids
from layouts.returns.warnings import ALL, LIST
from tests.components import find, prop, text
from tests.conftest import SITE_LEAD, client_as
from tests.returns_helpers import (
    check,
    confirm,
    last_audit,
    listed_warnings,
    said,
    stored,
    template,
    upload,
)

DETENTIONS = "M04A Detentions under the Mental Health Act"


def _return(client, cells: dict[tuple[str, str], tuple[str, str]]) -> str:
    """SLAM's template for 2010Q1 with only `cells` ((measure, ethnic code) → counts) filled."""
    frame = template(client)
    for (measure, code), counts in cells.items():
        at = (frame["measure_code"] == measure) & (frame["ethnic_code"] == code)
        assert at.sum() == 1
        frame.loc[at, ["numerator", "denominator"]] = list(counts)
    return upload(frame)


def _issue_return(client) -> str:
    """The issue's 999,999,999,999 detentions over 200,000 people (Caribbean, 10,483 people
    stored for 2009Q4), and a White British population of 50,000 (178,750 stored)."""
    return _return(
        client,
        {
            ("M04A", "M"): ("999999999999", "200000"),
            ("M04A", "A"): ("110", "50000"),
        },
    )


def test_the_issues_return_is_stored_only_once_each_warning_is_confirmed(writable_app, writable_db):
    client = client_as(writable_app, SITE_LEAD)
    contents = _issue_return(client)
    before = stored(writable_db)

    preview = check(client, contents)
    shown = preview.get_json()["response"]
    listed = listed_warnings(preview)
    labels = [w["label"].strip() for w in listed]
    assert len(labels) == 2
    assert labels[0].startswith("Row ") and f"(SLAM, 2010Q1, {DETENTIONS}, " in labels[0]
    caribbean = next(t for t in labels if "Caribbean" in t)
    assert "the numerator 999,999,999,999 is larger than the denominator 200,000" in caribbean
    assert "the denominator moved from 10,483 in 2009Q4 to 200,000" in caribbean
    white = next(t for t in labels if "White British" in t)
    assert "the denominator moved from 178,750 in 2009Q4 to 50,000 (-72%)" in white
    assert "2 row(s) look implausible" in text(shown[ids.RETURNS_CHECK]["children"])
    assert find(shown[ids.RETURNS_CHECK]["children"], ALL) is not None  # "confirm all 2"
    assert shown[ids.RETURNS_CONFIRM]["style"] == {"display": "inline-block"}

    refused = confirm(client, contents, ticked=[])
    words = said(refused)
    assert "return.csv was not stored: 2 of its 2 warning(s) are not confirmed" in words
    assert caribbean in words and white in words
    assert stored(writable_db) == before

    keys = {w["label"].strip(): w["value"] for w in listed}
    one = confirm(client, contents, ticked=[keys[caribbean]])
    assert "1 of its 2 warning(s) are not confirmed" in said(one)
    assert white in said(one) and caribbean not in said(one)
    assert stored(writable_db) == before

    done = confirm(client, contents, ticked=list(keys.values()))
    assert "return.csv stored: 0 new value(s), 2 revised" in said(done)
    assert "The 2 warning(s) you confirmed are kept in the audit log" in said(done)
    observations, audits = stored(writable_db)
    assert (observations, audits) == (before[0] + 2, before[1] + 1)
    entry = last_audit(writable_db)
    assert entry.action == "import_returns" and entry.actor == SITE_LEAD
    assert sorted(entry.details["confirmed_warnings"]) == sorted(labels)


def test_warnings_that_changed_since_the_check_are_listed_again_and_nothing_is_stored(
    writable_app, writable_db
):
    """A confirmation naming a warning the store no longer finds (figures stored in between)
    stores nothing, and the page shows the check as it is now, to be read again."""
    client = client_as(writable_app, SITE_LEAD)
    contents = _issue_return(client)
    keys = [w["value"] for w in listed_warnings(check(client, contents))]
    before = stored(writable_db)
    response = confirm(client, contents, ticked=[*keys, "0123456789abcdef"])
    assert "changed since you checked it" in said(response)
    again = response.get_json()["response"][ids.RETURNS_CHECK]["children"]
    assert sorted(o["value"] for o in prop(find(again, LIST), "options")) == sorted(keys)
    assert prop(find(again, LIST), "value") == []  # to be ticked again
    assert stored(writable_db) == before


def test_a_plausible_return_has_nothing_to_confirm(writable_app, writable_db):
    client = client_as(writable_app, SITE_LEAD)
    contents = _return(client, {("M04A", "M"): ("21", "10483")})  # 20 stored: one more
    preview = check(client, contents)
    assert listed_warnings(preview) == []
    assert "look implausible" not in said(preview)
    done = confirm(client, contents)
    assert "return.csv stored: 0 new value(s), 1 revised" in said(done)
    assert "you confirmed" not in said(done)
    assert last_audit(writable_db).details is None


def test_a_measure_the_site_has_not_adopted_is_refused_on_the_page(writable_app, writable_db):
    client = client_as(writable_app, SITE_LEAD)
    frame = template(client)
    frame = frame.iloc[:1].assign(
        measure_code="M09A", ethnic_code="M", numerator="3", denominator="10"
    )
    before = stored(writable_db)
    response = check(client, upload(frame))
    words = said(response)
    assert "SLAM has not adopted M09A (Receptions screening positive referred to in-reach)" in words
    assert "| 2 | M09A Receptions screening positive referred to in-reach, Caribbean |" in words
    assert response.get_json()["response"][ids.RETURNS_CONFIRM]["style"] == {"display": "none"}
    assert "was not stored" in said(confirm(client, upload(frame), ticked=[]))
    assert stored(writable_db) == before
