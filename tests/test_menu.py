"""The menu of measures: the rules in words (unit), each write with its audit entry on a
private copy of the demonstration data, every refusal of a request beyond the person's role
through the Flask test client, and retired measures: refused for new returns, their history
still shown on the overview."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from sqlalchemy import func, select

from dashboard.menu.changes import change_status, edit, propose, save_site
from dashboard.menu.rules import check_edit, check_transition, plan_site, read_measure, read_target
from dashboard.returns import RETURN_COLUMNS, import_return
from dashboard.selection import Catalogue, Selection
from data_access import menu_writes, queries
from data_access.db import Database
from data_access.models import MENU_STATUSES, AuditEntry, Measure, Organisation, SiteMeasure
from layouts.briefing.ids import BRIEFING_MONTH, BRIEFING_PREVIEW
from layouts.menu import ids
from layouts.shell.ids import PAGE, URL
from tests.conftest import (
    ADMIN,
    OTHER_SITE_LEAD,
    REGIONAL,
    SITE_LEAD,
    VIEWER,
    dash_call,
    sign_in_client,
)

NEW_MEASURE = {
    "code": " m12e ",
    "characteristic": 12,
    "name": "  Staff   with cultural competence supervision ",
    "kind": "proportion",
    "polarity": "higher_is_better",
    "unit": "%",
    "multiplier": 100,
    "by_ethnicity": False,
    "numerator_definition": "Clinical staff with supervision on cultural competence",
    "denominator_definition": "Clinical staff in post",
    "source": "Trust supervision records",
}


# --- The rules, in words ---------------------------------------------------------------


def test_a_measure_is_read_tidied():
    fields, errors = read_measure(NEW_MEASURE)
    assert errors == []
    assert fields.code == "M12E" and fields.name == "Staff with cultural competence supervision"
    assert fields.columns()["characteristic_id"] == 12


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"code": "X12"}, "Code: X12 is not a code like M12C"),
        ({"code": "M13A"}, "Code: M13A is not a code like M12C"),
        ({"code": "M05A"}, "start it with M12"),
        ({"characteristic": 13}, "Characteristic: choose one of the twelve"),
        ({"characteristic": "twelve"}, "Characteristic: choose one of the twelve"),
        ({"name": "   "}, "Name is missing."),
        ({"name": "x" * 201}, "Name is 201 characters long; at most 200."),
        ({"kind": "percentage"}, "Kind: choose proportion, rate"),
        ({"polarity": "up"}, "Polarity: choose higher is better"),
        ({"unit": None}, "Unit is missing."),
        ({"multiplier": 0}, "Multiplier: a whole number from 1"),
        ({"multiplier": 2.5}, "Multiplier: a whole number from 1"),
        ({"multiplier": True}, "Multiplier: a whole number from 1"),
        ({"kind": "count", "multiplier": 100}, "a count is not scaled, so its multiplier is 1"),
        ({"numerator_definition": ""}, "Numerator is missing."),
        ({"denominator_definition": 5}, "Denominator is missing."),
        ({"source": ""}, "Source is missing."),
    ],
)
def test_each_problem_with_a_measure_is_said_in_words(change, words):
    fields, errors = read_measure({**NEW_MEASURE, **change})
    assert fields is None
    assert any(words in e for e in errors), errors


def test_problems_are_listed_in_the_forms_order():
    _, errors = read_measure({"code": "", "characteristic": 0, "kind": "count", "multiplier": 9})
    assert [e.split(":")[0].split(" ")[0] for e in errors][:3] == ["Code", "Characteristic", "Name"]


@pytest.mark.parametrize(
    ("old", "new", "refused"),
    [
        ("proposed", "agreed", None),
        ("agreed", "retired", None),
        ("retired", "agreed", None),
        ("proposed", "retired", "only proposed: agree it before"),
        ("agreed", "proposed", "cannot go back to proposed"),
        ("retired", "proposed", "cannot go back to proposed"),
        ("agreed", "agreed", "already agreed"),
        ("agreed", "deleted", "not a state a measure can be in"),
    ],
)
def test_a_measure_moves_proposed_agreed_retired_and_back_to_agreed_only(old, new, refused):
    why = check_transition("M01A", old, new)
    assert why is None if refused is None else refused in why


def test_what_stored_figures_depend_on_is_fixed_once_agreed():
    fields, _ = read_measure({**NEW_MEASURE, "kind": "rate", "multiplier": 1000})
    current = {**fields.columns(), "characteristic": 12, "status": "agreed", "kind": "proportion"}
    current["multiplier"] = 100
    errors = check_edit(current, fields, {"M12E"})
    assert any(e.startswith("Kind cannot change once") for e in errors)
    assert any(e.startswith("Multiplier cannot change once") for e in errors)
    assert check_edit({**current, "status": "proposed"}, fields, {"M12E"}) == []
    renamed, _ = read_measure({**NEW_MEASURE, "code": "M12A"})
    assert "Code: M12A is already on the menu." in check_edit(
        {**current, "status": "proposed"}, renamed, {"M12A", "M12E"}
    )


@pytest.mark.parametrize(
    ("value", "kind", "multiplier", "expected", "words"),
    [
        ("55", "proportion", 100, 55.0, ""),
        (" 55.5 % ", "proportion", 100, 55.5, ""),
        (0, "proportion", 100, 0.0, ""),
        ("", "proportion", 100, None, ""),
        (None, "rate", 1000, None, ""),
        ("1,250", "rate", 100_000, 1250.0, ""),
        ("100", "milestone", 1, 100.0, ""),
        ("101", "proportion", 100, None, "from 0 to 100%"),
        ("-1", "rate", 1000, None, "from 0 to"),
        ("1.5", "proportion", 1, None, "from 0 to 1."),
        ("101", "milestone", 1, None, "from 0 to 100%"),
        ("abc", "proportion", 100, None, "'abc' is not a number"),
        ("nan", "rate", 1000, None, "is not a number"),
        (math.inf, "rate", 1000, None, "is not a number"),
        (True, "count", 1, None, "is not a number"),
    ],
)
def test_a_target_is_a_number_in_the_range_of_its_kind(value, kind, multiplier, expected, words):
    target, why = read_target(value, "M01A", kind, multiplier)
    assert target == expected
    assert (why == "") if not words else (words in why and why.startswith("M01A: "))


def test_the_demonstration_targets_are_in_the_unit_the_dashboard_shows(session):
    """Targets are stored as shown (a percentage for %), so every stored one passes the rule."""
    menu = queries.measures(session, MENU_STATUSES).set_index("code")
    rows = session.execute(
        select(Measure.code, SiteMeasure.target)
        .join(SiteMeasure, SiteMeasure.measure_id == Measure.id)
        .where(SiteMeasure.target.is_not(None))
    ).all()
    assert len(rows) > 100
    for code, target in rows:
        m = menu.loc[code]
        assert read_target(target, code, m["kind"], int(m["multiplier"]))[1] == "", code
    assert any(t > 1 for c, t in rows if menu.loc[c, "kind"] == "proportion")


def test_a_sites_choices_become_adoptions_drops_and_targets(session):
    menu = queries.measures(session, MENU_STATUSES)
    adopted = {"M01A": 13.2, "M01C": None, "M11D": 60.0}
    plan, errors = plan_site(
        menu,
        adopted,
        {
            "M01A": (True, "13.2"),  # unchanged
            "M01B": (True, "10"),  # adopted with a target
            "M01C": (False, ""),  # dropped
            "M02A": (False, ""),  # not adopted before or now
        },
    )
    assert errors == [] and plan == [("adopt", "M01B", 10.0), ("drop", "M01C", None)]
    plan, errors = plan_site(
        menu, adopted, {"M01A": (True, "")}
    )  # clearing a target is a change too
    assert plan == [("target", "M01A", None)]
    _, errors = plan_site(
        menu,
        adopted,
        {"M02A": (False, "50"), "M11D": (False, ""), "M12D": (True, ""), "M01A": (True, "x")},
    )
    assert "M02A: tick “Adopted” to set a target for it." in errors
    assert any(e.startswith("M11D is not an agreed measure") for e in errors)  # retired
    assert any(e.startswith("M12D is not an agreed measure") for e in errors)  # proposed
    assert "M01A: 'x' is not a number." in errors


# --- Writes, each with its audit entry (a private copy of the data) ----------------------


@pytest.fixture
def db(writable_db_url):
    database = Database(writable_db_url)
    yield database
    database.dispose()


def _counts(db) -> tuple[int, int, int]:
    with db.session() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(t))
            for t in (Measure, SiteMeasure, AuditEntry)
        )


def _last_audit(db, n: int = 1) -> list[AuditEntry]:
    with db.session() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(n)).all()
    return list(reversed(entries))


def _status(db, code: str) -> str | None:
    with db.session() as s:
        return s.scalar(select(Measure.status).where(Measure.code == code))


def test_propose_agree_retire_and_agree_again_each_audited(db):
    measures, adoptions, audits = _counts(db)
    assert propose(db, NEW_MEASURE, ADMIN).message.startswith("M12E proposed")
    assert _status(db, "M12E") == "proposed"
    (entry,) = _last_audit(db)
    assert (entry.actor, entry.action, entry.file_name, entry.checksum) == (
        ADMIN,
        "measure_propose",
        "M12E",
        "",
    )
    assert entry.at is not None and entry.rows_new == 1
    for status, action in [
        ("agreed", "measure_agree"),
        ("retired", "measure_retire"),
        ("agreed", "measure_agree"),
    ]:
        outcome = change_status(db, "M12E", status, ADMIN)
        assert outcome.ok, outcome.errors
        assert _status(db, "M12E") == status
        assert _last_audit(db)[0].action == action
    assert _counts(db) == (measures + 1, adoptions, audits + 4)


def test_refused_writes_store_nothing_and_audit_nothing(db):
    before = _counts(db)
    assert propose(db, {**NEW_MEASURE, "code": "M12A"}, ADMIN).errors == (
        "Code: M12A is already on the menu.",
    )
    assert propose(db, {**NEW_MEASURE, "kind": "nonsense"}, ADMIN).errors
    assert "only proposed" in change_status(db, "M12D", "retired", ADMIN).errors[0]
    assert "no measure 'M99Z'" in change_status(db, "M99Z", "agreed", ADMIN).errors[0]
    refused = edit(db, "M12C", {**NEW_MEASURE, "code": "M12C", "kind": "rate"}, ADMIN)
    assert any(e.startswith("Kind cannot change") for e in refused.errors)
    assert _counts(db) == before


def test_an_edit_changes_only_the_words_of_an_agreed_measure_and_is_audited(db):
    with db.session() as s:
        current = queries.measures(s).set_index("code").loc["M12C"]
    raw = {
        **{k: current[k] for k in NEW_MEASURE if k not in ("code", "characteristic")},
        "code": "M12C",
        "characteristic": 12,
        "name": "Interpreter requests met at the appointment",
    }
    assert edit(db, "M12C", raw, ADMIN).message == "M12C saved."
    with db.session() as s:
        assert s.scalar(select(Measure.name).where(Measure.code == "M12C")) == raw["name"]
    assert [(e.action, e.file_name) for e in _last_audit(db)] == [("measure_edit", "M12C")]
    assert "nothing to save" in edit(db, "M12C", raw, ADMIN).message


def test_a_sites_adoptions_and_targets_are_saved_together_with_their_audit(db):
    measures, adoptions, audits = _counts(db)
    outcome = save_site(
        db,
        "SLAM",
        {"M01A": (True, "20"), "M01B": (True, "10"), "M01C": (False, "")},
        SITE_LEAD,
    )
    assert outcome.message == (
        "Saved for SLAM: M01A target 20; adopted M01B (target 10); dropped M01C."
    )
    with db.session() as s:
        stored = queries.site_targets(s, "SLAM").set_index("measure")["target"]
    assert stored["M01A"] == 20 and stored["M01B"] == 10 and "M01C" not in stored
    entries = _last_audit(db, 4)
    assert [(e.action, e.file_name, e.actor) for e in entries] == [
        ("target_set", "SLAM/M01A", SITE_LEAD),
        ("measure_adopt", "SLAM/M01B", SITE_LEAD),
        ("target_set", "SLAM/M01B", SITE_LEAD),
        ("measure_drop", "SLAM/M01C", SITE_LEAD),
    ]
    assert _counts(db) == (measures, adoptions, audits + 4)


def test_one_bad_target_stores_none_of_the_sites_choices(db):
    before = _counts(db)
    outcome = save_site(db, "SLAM", {"M01A": (True, "20"), "M01B": (True, "200")}, SITE_LEAD)
    assert outcome.errors == ("M01B: a target must be from 0 to 100%.",)
    assert _counts(db) == before


def test_a_write_that_lost_a_race_raises_and_writes_nothing(db):
    before = _counts(db)
    with pytest.raises(menu_writes.MenuConflict), db.session() as s:
        menu_writes.set_status(s, "M12C", "proposed", "agreed", ADMIN)  # it is agreed
    assert _counts(db) == before


# --- Retired measures: no new returns, history kept ---------------------------------------


def _return_csv(site: str, measure: str, period: str = "2010Q1") -> bytes:
    row = {"site_code": site, "measure_code": measure, "period": period, "ethnic_code": "ALL"}
    frame = pd.DataFrame([{**row, "numerator": "3", "denominator": "10"}], columns=RETURN_COLUMNS)
    return frame.to_csv(index=False).encode()


def test_a_retired_measure_is_refused_in_a_return_but_its_history_is_shown(writable_app, db):
    from dashboard.loaders import load_catalogue
    from dashboard.overview.data import default_measures, overview_data
    from layouts.overview.layout import measure_options

    assert change_status(db, "M12C", "retired", ADMIN).ok
    before = _counts(db)
    result = import_return(db, _return_csv("SLAM", "M12C"), "r.csv", SITE_LEAD)
    assert not result.stored
    assert [e.reason for e in result.errors] == ["'M12C' is not an agreed measure"]
    assert _counts(db) == before
    with writable_app.server.app_context():
        catalogue = load_catalogue()
        assert "M12C" not in set(catalogue.measures["code"])
        assert {"M11D", "M12C"} <= set(catalogue.retired["code"])
        selection = Selection.from_query("?trust=SLAM&measures=M12C").validated(catalogue)
        assert selection.measures == ("M12C",)  # a link to its history still works
        assert "M12C" not in default_measures(Selection(trusts=("SLAM",)), catalogue)
        data = overview_data(selection, catalogue, ["M12C"])
        assert (data.measures, data.retired) == ([], ["M12C"])
        (summary,) = data.panels[12]
        assert summary.name.endswith("(retired)") and not summary.series.empty
        values = [o["value"] for o in measure_options(catalogue)]
        assert values.index("heading-retired") < values.index("M12C")
        assert values.index("heading-12") < values.index("M12A") < values.index("heading-retired")


def test_the_menu_lists_retired_measures_last_under_a_disabled_heading():
    from layouts.overview.layout import measure_options

    chars = pd.DataFrame({"id": [11], "short_name": ["Community role"], "title": [""]})
    row = {"characteristic": 11, "sites": 3, "status": "agreed"}
    agreed = pd.DataFrame([{**row, "code": "M11A", "name": "Members"}])
    retired = pd.DataFrame([{**row, "code": "M11D", "name": "CDWs", "status": "retired"}])
    catalogue = Catalogue(pd.DataFrame(), pd.DataFrame(), chars, agreed, pd.DataFrame(), retired)
    options = measure_options(catalogue)
    assert [o["value"] for o in options] == ["heading-11", "M11A", "heading-retired", "M11D"]
    assert options[2] == {
        "label": "Retired (history only)",
        "value": "heading-retired",
        "disabled": True,
    }
    assert "disabled" not in options[3]  # chosen for its history
    assert set(catalogue.viewable_measures["code"]) == {"M11A", "M11D"}
    assert Catalogue.empty().viewable_measures.empty


# --- Wiring: who may do what, over HTTP ---------------------------------------------------


def _client(app, db, email):
    client = app.server.test_client()
    client.dash_app = app  # for the callbacks' output strings (_outputs)
    if email:
        sign_in_client(client, db, email)
    return client


def _outputs(client, first: str) -> str:
    """The callback's output string (with allow_duplicate suffixes) from the app's map."""
    return next(k for k in client.dash_app.callback_map if k.lstrip(".").startswith(first))


def _post(client, output: str, inputs: list[dict], state: list, changed: str):
    specs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]}
        for part in output.strip(".").split("...")
    ]
    body = {
        "output": output,
        "outputs": specs if output.startswith("..") else specs[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [changed],
    }
    return client.post("/_dash-update-component", json=body)


FORM_IDS = [
    ids.MENU_CODE,
    ids.MENU_CHARACTERISTIC,
    ids.MENU_NAME,
    ids.MENU_KIND,
    ids.MENU_POLARITY,
    ids.MENU_UNIT,
    ids.MENU_MULTIPLIER,
    ids.MENU_BY_ETHNICITY,
    ids.MENU_NUMERATOR,
    ids.MENU_DENOMINATOR,
    ids.MENU_SOURCE,
]


def _opened(client, key: str, value: object) -> dict | None:
    """A form's opened store as the page fills it on opening `value` now (issue 14)."""
    column, where = (
        (Measure.version, Measure.code)
        if key == "code"
        else (Organisation.adoptions_version, Organisation.code)
    )
    if not isinstance(value, str):
        return None
    with client.dash_app.server.extensions["dre_db"].session() as s:
        version = s.scalar(select(column).where(where == value))
    return {key: value, "version": version} if version else None


def _menu_action(client, button: str, pick: str, raw: dict | None = None):
    raw = raw or NEW_MEASURE
    fields = [k for k in NEW_MEASURE]
    inputs = [
        {"id": b, "property": "n_clicks", "value": 1 if b == button else None}
        for b in (ids.MENU_SAVE, ids.MENU_AGREE, ids.MENU_RETIRE)
    ]
    state = [
        {"id": ids.MENU_PICK, "property": "value", "value": pick},
        {"id": ids.MENU_OPENED, "property": "data", "value": _opened(client, "code", pick)},
    ] + [{"id": i, "property": "value", "value": raw[f]} for i, f in zip(FORM_IDS, fields)]
    output = _outputs(client, f"{ids.MENU_RESULT}.children")
    return _post(client, output, inputs, state, f"{button}.n_clicks")


def _site_save(client, site: str, choices: dict[str, tuple[bool, str]]):
    state = [
        {"id": ids.MENU_SITE, "property": "value", "value": site},
        [
            {"id": {"type": ids.MENU_ADOPT, "code": c}, "property": "value", "value": a}
            for c, (a, _) in choices.items()
        ],
        [
            {"id": {"type": ids.MENU_TARGET, "code": c}, "property": "value", "value": t}
            for c, (_, t) in choices.items()
        ],
        {"id": ids.MENU_SITE_OPENED, "property": "data", "value": _opened(client, "site", site)},
    ]
    output = _outputs(client, f"{ids.MENU_SITE_RESULT}.children")
    inputs = [{"id": ids.MENU_SITE_SAVE, "property": "n_clicks", "value": 1}]
    return _post(client, output, inputs, state, f"{ids.MENU_SITE_SAVE}.n_clicks")


def test_an_administrator_proposes_and_it_is_stored(writable_app, db):
    client = _client(writable_app, db, ADMIN)
    response = _menu_action(client, ids.MENU_SAVE, "new")
    assert response.status_code == 200, response.get_data(as_text=True)
    payload = response.get_json()["response"]
    assert "M12E proposed" in json.dumps(payload[ids.MENU_RESULT])
    assert payload[ids.MENU_PICK]["value"] == "M12E"
    assert "M12E" in [o["value"] for o in payload[ids.MENU_PICK]["options"]]
    assert _status(db, "M12E") == "proposed"
    agreed = _menu_action(client, ids.MENU_AGREE, "M12E")
    assert agreed.status_code == 200 and _status(db, "M12E") == "agreed"
    # The overview's menu offers it at once (the cached catalogue was dropped).
    page = dash_call(
        client,
        f"{PAGE}.children",
        [{"id": URL, "property": "pathname", "value": "/"}],
        [{"id": URL, "property": "search", "value": ""}],
    )
    assert "Staff with cultural competence supervision" in page.get_data(as_text=True)


def test_form_problems_come_back_in_words_and_nothing_is_stored(writable_app, db):
    client = _client(writable_app, db, ADMIN)
    before = _counts(db)
    response = _menu_action(client, ids.MENU_SAVE, "new", {**NEW_MEASURE, "code": "M05Z"})
    assert response.status_code == 200
    text = json.dumps(response.get_json()["response"][ids.MENU_RESULT])
    assert "Nothing was saved" in text and "start it with M12" in text
    assert _counts(db) == before


@pytest.mark.parametrize(
    ("email", "status"),
    [(SITE_LEAD, 403), (REGIONAL, 403), (VIEWER, 403), (None, 401)],
)
@pytest.mark.parametrize("button", [ids.MENU_SAVE, ids.MENU_AGREE, ids.MENU_RETIRE])
def test_only_an_administrator_may_change_the_menu(writable_app, db, email, status, button):
    before = _counts(db)
    pick = "new" if button == ids.MENU_SAVE else ("M12D" if button == ids.MENU_AGREE else "M12C")
    response = _menu_action(_client(writable_app, db, email), button, pick)
    assert response.status_code == status
    assert "Traceback" not in response.get_data(as_text=True)
    assert _counts(db) == before
    assert (_status(db, "M12D"), _status(db, "M12C"), _status(db, "M12E")) == (
        "proposed",
        "agreed",
        None,
    )


def test_a_site_lead_sets_their_own_sites_target(writable_app, db):
    client = _client(writable_app, db, SITE_LEAD)
    response = _site_save(client, "SLAM", {"M01A": (True, "25"), "M02A": (True, "")})
    assert response.status_code == 200
    payload = response.get_json()["response"]
    assert "Saved for SLAM: M01A target 25." in json.dumps(payload[ids.MENU_SITE_RESULT])
    with db.session() as s:
        assert queries.site_targets(s, "SLAM").set_index("measure").loc["M01A", "target"] == 25
    assert _last_audit(db)[0].actor == SITE_LEAD


@pytest.mark.parametrize(
    ("email", "status"),
    [(OTHER_SITE_LEAD, 403), (REGIONAL, 403), (VIEWER, 403), (None, 401)],
)
def test_a_crafted_save_for_a_site_one_may_not_write_is_refused(writable_app, db, email, status):
    before = _counts(db)
    response = _site_save(_client(writable_app, db, email), "SLAM", {"M01A": (True, "99")})
    assert response.status_code == status
    assert "Traceback" not in response.get_data(as_text=True)
    assert _counts(db) == before


def test_a_site_lead_naming_another_site_is_refused(writable_app, db):
    before = _counts(db)
    client = _client(writable_app, db, SITE_LEAD)
    response = _site_save(client, "ELFT", {"M01A": (True, "99")})
    assert response.status_code == 403
    assert _counts(db) == before
    editor = dash_call(
        client,
        _outputs(client, f"{ids.MENU_ADOPTION}.children"),
        [
            {"id": ids.MENU_SITE, "property": "value", "value": "ELFT"},
            {"id": ids.MENU_SITE_VERSION, "property": "data", "value": 0},
        ],
    )
    assert editor.status_code == 403


def test_malformed_requests_are_bad_requests(writable_app, db):
    client = _client(writable_app, db, ADMIN)
    before = _counts(db)
    assert _site_save(client, ["SLAM"], {"M01A": (True, "1")}).status_code == 400  # type: ignore[arg-type]
    response = _menu_action(client, ids.MENU_SAVE, {"code": "x"})  # type: ignore[arg-type]
    assert response.status_code == 400
    assert _counts(db) == before


@pytest.mark.parametrize(("email", "status"), [(SITE_LEAD, 403), (VIEWER, 403), (None, 401)])
def test_the_admin_form_is_filled_for_administrators_only(writable_app, db, email, status):
    client = _client(writable_app, db, email)
    inputs = [
        {"id": ids.MENU_PICK, "property": "value", "value": "M12C"},
        {"id": ids.MENU_FORM_VERSION, "property": "data", "value": 0},
    ]
    output = _outputs(client, f"{ids.MENU_CODE}.value")
    assert dash_call(client, output, inputs).status_code == status
    admin = _client(writable_app, db, ADMIN)
    filled = dash_call(admin, output, inputs).get_json()["response"]
    assert filled[ids.MENU_CODE]["value"] == "M12C"
    assert filled[ids.MENU_KIND]["disabled"] is True  # fixed once agreed
    assert filled[ids.MENU_RETIRE]["disabled"] is False and filled[ids.MENU_AGREE]["disabled"]


def _page(client, path="/data/measures") -> str:
    response = dash_call(
        client,
        f"{PAGE}.children",
        [{"id": URL, "property": "pathname", "value": path}],
        [{"id": URL, "property": "search", "value": ""}],
    )
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_each_role_sees_the_forms_it_may_use(app, demo_db):
    admin, lead, viewer = (_client(app, demo_db, e) for e in (ADMIN, SITE_LEAD, VIEWER))
    assert ids.MENU_PICK in _page(admin) and ids.MENU_SITE in _page(admin)
    lead_page = _page(lead)
    assert ids.MENU_PICK not in lead_page and ids.MENU_SITE in lead_page
    viewer_page = _page(viewer)
    assert ids.MENU_PICK not in viewer_page and ids.MENU_SITE not in viewer_page
    assert "Your account can read the menu" in viewer_page


def test_everyone_signed_in_reads_the_menu_grouped_with_retired_last(app, demo_db):
    response = dash_call(
        _client(app, demo_db, VIEWER),
        f"{ids.MENU_TABLE}.children",
        [{"id": ids.MENU_VERSION, "property": "data", "value": 0}],
    )
    text = json.dumps(response.get_json(), ensure_ascii=False)
    assert response.status_code == 200
    assert text.index("1 · ") < text.index("12 · ") < text.index("Retired (history only)")
    assert text.index("Retired (history only)") < text.index("M11D")
    assert "Proposed" in text and "M12D" in text
    anonymous = dash_call(
        _client(app, demo_db, None),
        f"{ids.MENU_TABLE}.children",
        [{"id": ids.MENU_VERSION, "property": "data", "value": 0}],
    )
    assert anonymous.status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/characteristic/11",
        "/compare",
        "/site/ELFT",
        "/present",
        "/priorities",
        "/briefing",
        "/data/returns",
        "/data/measures",
    ],
)
def test_a_link_naming_a_retired_measure_opens_every_page(client, path):
    """Retired codes survive the URL's validation (for their history): no page may fail."""
    response = dash_call(
        client,
        f"{PAGE}.children",
        [{"id": URL, "property": "pathname", "value": path}],
        [{"id": URL, "property": "search", "value": "?region=LDN&measures=M11D,M11A"}],
    )
    assert response.status_code == 200, response.get_data(as_text=True)[-400:]


def test_a_briefing_naming_retired_measures_is_still_written(app, client):
    """The briefing's significance and target changes cover measures in use; a retired one
    chosen for its history does not break them."""
    from dashboard.briefing.months import months_with_data
    from dashboard.loaders import load_catalogue

    with app.server.app_context():
        months = months_with_data(load_catalogue())[:6]  # the quarters' turns among them
    output = _outputs(_client(app, None, None), f"{BRIEFING_PREVIEW}.children")
    search = "?region=LDN,NEYH&measures=M11D,M11A,M04A"
    for month in months:
        response = dash_call(
            client,
            output,
            [{"id": BRIEFING_MONTH, "property": "value", "value": month}],
            [{"id": URL, "property": "search", "value": search}],
        )
        assert response.status_code == 200, (month, response.get_data(as_text=True)[-600:])
