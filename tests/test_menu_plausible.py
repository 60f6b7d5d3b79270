"""A measure's plausible values on the menu's form (issue 13), through the page's callbacks:
set on an agreed measure, audited, shown back in the form, applied to the next return's check;
and the kind's defaults shown while the fields are empty."""

from __future__ import annotations

from data_access import queries
from layouts.menu import ids
from tests.components import text
from tests.conftest import ADMIN, SITE_LEAD, client_as
from tests.dash_requests import callback_output, dash_call
from tests.menu_helpers import NEW_MEASURE, last_audit
from tests.returns_helpers import check, filled, listed_warnings, template, upload
from tests.test_menu_wiring import _menu_action


def test_an_agreed_measures_plausible_range_is_edited_and_warns_the_next_return(
    writable_app, writable_db
):
    """Set on the menu, after agreement (it changes no stored figure), audited, and then
    applied to the next return's check (issue 13)."""
    client = client_as(writable_app, ADMIN)
    with writable_db.session() as s:
        m = queries.measures(s).set_index("code").loc["M02A"]
    raw = {k: m[k] for k in NEW_MEASURE if k in m} | {"code": "M02A"}
    raw |= {"characteristic": int(m["characteristic"]), "multiplier": int(m["multiplier"])}
    raw |= {"by_ethnicity": bool(m["by_ethnicity"]), "numerator_may_exceed": "default"}
    wrong = _menu_action(
        client, ids.MENU_SAVE, "M02A", {**raw, "plausible_min": 60, "plausible_max": 5}
    )
    said = text(wrong.get_json()["response"][ids.MENU_RESULT]["children"])
    assert "Nothing was saved" in said and "Plausible range: from 60 is above to 5" in said
    saved = _menu_action(
        client, ids.MENU_SAVE, "M02A", {**raw, "plausible_min": 5, "plausible_max": 60}
    )
    assert "M02A saved." in text(saved.get_json()["response"][ids.MENU_RESULT]["children"])
    (entry,) = last_audit(writable_db)
    assert entry.action == "measure_edit" and entry.details == {
        "plausible_min": {"old": None, "new": 5.0},
        "plausible_max": {"old": None, "new": 60.0},
    }
    form = dash_call(
        client,
        callback_output(client, f"{ids.MENU_CODE}.value"),
        [
            {"id": ids.MENU_PICK, "property": "value", "value": "M02A"},
            {"id": ids.MENU_FORM_VERSION, "property": "data", "value": 1},
        ],
    ).get_json()["response"]
    assert (form[ids.MENU_PLAUSIBLE_MIN]["value"], form[ids.MENU_PLAUSIBLE_MAX]["value"]) == (5, 60)
    assert form[ids.MENU_MAY_EXCEED]["value"] == "default"

    lead = client_as(writable_app, SITE_LEAD)
    frame, _ = filled(template(lead), numerator="70", denominator="100")
    labels = [w["label"] for w in listed_warnings(check(lead, upload(frame)))]
    assert labels and all(
        "the value 70.0% is outside the plausible range set for M02A, 5% to 60%" in t
        for t in labels
    )


def test_the_empty_range_shows_the_kinds_defaults(app):
    client = client_as(app, ADMIN)
    response = dash_call(
        client,
        callback_output(client, f"{ids.MENU_PLAUSIBLE_MIN}.placeholder"),
        [
            {"id": ids.MENU_KIND, "property": "value", "value": "rate"},
            {"id": ids.MENU_MULTIPLIER, "property": "value", "value": 100000},
        ],
    ).get_json()["response"]
    assert response[ids.MENU_PLAUSIBLE_MIN]["placeholder"] == "0 (a rate's default)"
    assert response[ids.MENU_PLAUSIBLE_MAX]["placeholder"] == "no ceiling (default)"
    assert response[ids.MENU_MAY_EXCEED]["options"][0]["label"] == "As its kind (a rate: no)"
    proportion = dash_call(
        client,
        callback_output(client, f"{ids.MENU_PLAUSIBLE_MIN}.placeholder"),
        [
            {"id": ids.MENU_KIND, "property": "value", "value": "proportion"},
            {"id": ids.MENU_MULTIPLIER, "property": "value", "value": 100},
        ],
    ).get_json()["response"]
    assert proportion[ids.MENU_PLAUSIBLE_MAX]["placeholder"] == "100 (default)"
