"""The menu of measures over HTTP (the Flask test client, signed in through /login): what
each role may do and see, every refusal of a request beyond the person's role, and links
naming retired measures on every page."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data_access import queries
from data_access.models import Measure, Organisation
from layouts.briefing.ids import BRIEFING_MONTH, BRIEFING_PREVIEW
from layouts.menu import ids
from layouts.overview.ids import MEASURE_MENU
from layouts.shell.ids import PAGE, URL
from tests.components import find, prop, text
from tests.conftest import ADMIN, OTHER_SITE_LEAD, REGIONAL, SITE_LEAD, VIEWER, client_as
from tests.dash_requests import callback_output, dash_call
from tests.menu_helpers import NEW_MEASURE, counts, last_audit, measure_status

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
    ids.MENU_PLAUSIBLE_MIN,
    ids.MENU_PLAUSIBLE_MAX,
    ids.MENU_MAY_EXCEED,
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
    with client.application.extensions["dre_db"].session() as s:
        version = s.scalar(select(column).where(where == value))
    return {key: value, "version": version} if version else None


def _menu_action(client, button: str, pick: str, raw: dict | None = None):
    raw = raw or NEW_MEASURE
    inputs = [
        {"id": b, "property": "n_clicks", "value": 1 if b == button else None}
        for b in (ids.MENU_SAVE, ids.MENU_AGREE, ids.MENU_RETIRE)
    ]
    state = [
        {"id": ids.MENU_PICK, "property": "value", "value": pick},
        {"id": ids.MENU_OPENED, "property": "data", "value": _opened(client, "code", pick)},
    ] + [
        {"id": i, "property": "value", "value": raw[f]}
        for i, f in zip(FORM_IDS, NEW_MEASURE, strict=True)
    ]
    output = callback_output(client, f"{ids.MENU_RESULT}.children")
    return dash_call(client, output, inputs, state, changed=f"{button}.n_clicks")


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
    output = callback_output(client, f"{ids.MENU_SITE_RESULT}.children")
    inputs = [{"id": ids.MENU_SITE_SAVE, "property": "n_clicks", "value": 1}]
    return dash_call(client, output, inputs, state, changed=f"{ids.MENU_SITE_SAVE}.n_clicks")


def _page(client, path="/data/measures"):
    """The page the router builds for `path`, as the browser receives it."""
    response = dash_call(
        client,
        f"{PAGE}.children",
        [{"id": URL, "property": "pathname", "value": path}],
        [{"id": URL, "property": "search", "value": ""}],
    )
    assert response.status_code == 200
    return response.get_json()["response"][PAGE]["children"]


def test_an_administrator_proposes_and_it_is_stored(writable_app, writable_db):
    client = client_as(writable_app, ADMIN)
    response = _menu_action(client, ids.MENU_SAVE, "new")
    assert response.status_code == 200, response.get_data(as_text=True)
    payload = response.get_json()["response"]
    assert "M12E proposed" in text(payload[ids.MENU_RESULT]["children"])
    assert payload[ids.MENU_PICK]["value"] == "M12E"
    assert "M12E" in [o["value"] for o in payload[ids.MENU_PICK]["options"]]
    assert measure_status(writable_db, "M12E") == "proposed"
    agreed = _menu_action(client, ids.MENU_AGREE, "M12E")
    assert agreed.status_code == 200 and measure_status(writable_db, "M12E") == "agreed"
    # The overview's menu offers it at once (the cached catalogue was dropped).
    menu = find(_page(client, "/"), MEASURE_MENU)
    labels = {o["value"]: o["label"] for o in prop(menu, "options")}
    assert "Staff with cultural competence supervision" in labels["M12E"]


def test_form_problems_come_back_in_words_and_nothing_is_stored(writable_app, writable_db):
    client = client_as(writable_app, ADMIN)
    before = counts(writable_db)
    response = _menu_action(client, ids.MENU_SAVE, "new", {**NEW_MEASURE, "code": "M05Z"})
    assert response.status_code == 200
    said = text(response.get_json()["response"][ids.MENU_RESULT]["children"])
    assert "Nothing was saved" in said and "start it with M12" in said
    assert counts(writable_db) == before


@pytest.mark.parametrize(
    ("email", "status"),
    [(SITE_LEAD, 403), (REGIONAL, 403), (VIEWER, 403), (None, 401)],
)
@pytest.mark.parametrize("button", [ids.MENU_SAVE, ids.MENU_AGREE, ids.MENU_RETIRE])
def test_only_an_administrator_may_change_the_menu(
    writable_app, writable_db, email, status, button
):
    before = counts(writable_db)
    pick = "new" if button == ids.MENU_SAVE else ("M12D" if button == ids.MENU_AGREE else "M12C")
    response = _menu_action(client_as(writable_app, email), button, pick)
    assert response.status_code == status
    assert "Traceback" not in response.get_data(as_text=True)
    assert counts(writable_db) == before
    assert (
        measure_status(writable_db, "M12D"),
        measure_status(writable_db, "M12C"),
        measure_status(writable_db, "M12E"),
    ) == (
        "proposed",
        "agreed",
        None,
    )


def test_a_site_lead_sets_their_own_sites_target(writable_app, writable_db):
    client = client_as(writable_app, SITE_LEAD)
    response = _site_save(client, "SLAM", {"M01A": (True, "25"), "M02A": (True, "")})
    assert response.status_code == 200
    payload = response.get_json()["response"]
    assert "Saved for SLAM: M01A target 25." in text(payload[ids.MENU_SITE_RESULT]["children"])
    with writable_db.session() as s:
        assert queries.site_targets(s, "SLAM").set_index("measure").loc["M01A", "target"] == 25
    (entry,) = last_audit(writable_db)
    assert entry.actor == SITE_LEAD


@pytest.mark.parametrize(
    ("email", "status"),
    [(OTHER_SITE_LEAD, 403), (REGIONAL, 403), (VIEWER, 403), (None, 401)],
)
def test_a_crafted_save_for_a_site_one_may_not_write_is_refused(
    writable_app, writable_db, email, status
):
    before = counts(writable_db)
    response = _site_save(client_as(writable_app, email), "SLAM", {"M01A": (True, "99")})
    assert response.status_code == status
    assert "Traceback" not in response.get_data(as_text=True)
    assert counts(writable_db) == before


def test_a_site_lead_naming_another_site_is_refused(writable_app, writable_db):
    before = counts(writable_db)
    client = client_as(writable_app, SITE_LEAD)
    response = _site_save(client, "ELFT", {"M01A": (True, "99")})
    assert response.status_code == 403
    assert counts(writable_db) == before
    editor = dash_call(
        client,
        callback_output(client, f"{ids.MENU_ADOPTION}.children"),
        [
            {"id": ids.MENU_SITE, "property": "value", "value": "ELFT"},
            {"id": ids.MENU_SITE_VERSION, "property": "data", "value": 0},
        ],
    )
    assert editor.status_code == 403


def test_malformed_requests_are_bad_requests(writable_app, writable_db):
    client = client_as(writable_app, ADMIN)
    before = counts(writable_db)
    assert _site_save(client, ["SLAM"], {"M01A": (True, "1")}).status_code == 400  # type: ignore[arg-type]
    response = _menu_action(client, ids.MENU_SAVE, {"code": "x"})  # type: ignore[arg-type]
    assert response.status_code == 400
    assert counts(writable_db) == before


@pytest.mark.parametrize(("email", "status"), [(SITE_LEAD, 403), (VIEWER, 403), (None, 401)])
def test_the_admin_form_is_filled_for_administrators_only(writable_app, writable_db, email, status):
    client = client_as(writable_app, email)
    inputs = [
        {"id": ids.MENU_PICK, "property": "value", "value": "M12C"},
        {"id": ids.MENU_FORM_VERSION, "property": "data", "value": 0},
    ]
    output = callback_output(client, f"{ids.MENU_CODE}.value")
    assert dash_call(client, output, inputs).status_code == status
    admin = client_as(writable_app, ADMIN)
    filled = dash_call(admin, output, inputs).get_json()["response"]
    assert filled[ids.MENU_CODE]["value"] == "M12C"
    assert filled[ids.MENU_KIND]["disabled"] is True  # fixed once agreed
    assert filled[ids.MENU_RETIRE]["disabled"] is False and filled[ids.MENU_AGREE]["disabled"]


def test_each_role_sees_the_forms_it_may_use(app):
    admin, lead, viewer = (_page(client_as(app, e)) for e in (ADMIN, SITE_LEAD, VIEWER))
    assert find(admin, ids.MENU_PICK) is not None and find(admin, ids.MENU_SITE) is not None
    assert find(lead, ids.MENU_PICK) is None and find(lead, ids.MENU_SITE) is not None
    assert find(viewer, ids.MENU_PICK) is None and find(viewer, ids.MENU_SITE) is None
    assert "Your account can read the menu" in text(viewer)


def test_everyone_signed_in_reads_the_menu_grouped_with_retired_last(app):
    response = dash_call(
        client_as(app, VIEWER),
        f"{ids.MENU_TABLE}.children",
        [{"id": ids.MENU_VERSION, "property": "data", "value": 0}],
    )
    assert response.status_code == 200
    shown = text(response.get_json()["response"][ids.MENU_TABLE]["children"])
    assert shown.index("1 · ") < shown.index("12 · ") < shown.index("Retired (history only)")
    assert shown.index("Retired (history only)") < shown.index("M11D")
    assert "Proposed" in shown and "M12D" in shown
    anonymous = dash_call(
        client_as(app, None),
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


@pytest.mark.slow
def test_a_briefing_naming_retired_measures_is_still_written(app, client):
    """The briefing's significance and target changes cover measures in use; a retired one
    chosen for its history does not break them."""
    from dashboard.briefing.months import months_with_data
    from dashboard.loaders import load_catalogue

    with app.server.app_context():
        months = months_with_data(load_catalogue())[:6]  # the quarters' turns among them
    output = callback_output(client_as(app, None), f"{BRIEFING_PREVIEW}.children")
    search = "?region=LDN,NEYH&measures=M11D,M11A,M04A"
    for month in months:
        response = dash_call(
            client,
            output,
            [{"id": BRIEFING_MONTH, "property": "value", "value": month}],
            [{"id": URL, "property": "search", "value": search}],
        )
        assert response.status_code == 200, (month, response.get_data(as_text=True)[-600:])
