"""/data/organisations over HTTP (the Flask test client, signed in through /login): an
administrator sees the regions and organisations, downloads them as a file, uploads a file,
reads what it would change (or what is wrong) and stores it; everyone else is shown the
not-allowed page, and their crafted callback requests are refused with 403."""

from __future__ import annotations

import base64
import io

import pandas as pd
import pytest

from layouts.organisations import ids
from layouts.overview.ids import FILTER_TRUST
from layouts.shell.ids import PAGE, URL
from tests.components import find, prop, text
from tests.conftest import ADMIN, REGIONAL, SITE_LEAD, VIEWER, client_as
from tests.dash_requests import callback_output, dash_call
from tests.reference_helpers import csv_bytes, org, organisation, region, stored


def _page(client, path="/data/organisations") -> str:
    response = dash_call(
        client,
        f"{PAGE}.children",
        [{"id": URL, "property": "pathname", "value": path}],
        [{"id": URL, "property": "search", "value": ""}],
    )
    assert response.status_code == 200
    return response.get_json()["response"][PAGE]["children"]


def _contents(content: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(content).decode()


def _check(client, content: bytes, name="ref.csv"):
    return dash_call(
        client,
        f"..{ids.ORGS_CHECK}.children...{ids.ORGS_CONFIRM}.style...{ids.ORGS_RESULT}.children..",
        [{"id": ids.ORGS_UPLOAD, "property": "contents", "value": _contents(content)}],
        [{"id": ids.ORGS_UPLOAD, "property": "filename", "value": name}],
    )


def _confirm(client, content: bytes, name="ref.csv"):
    return dash_call(
        client,
        callback_output(client, f"{ids.ORGS_RESULT}.children@"),
        [{"id": ids.ORGS_CONFIRM, "property": "n_clicks", "value": 1}],
        [
            {"id": ids.ORGS_UPLOAD, "property": "contents", "value": _contents(content)},
            {"id": ids.ORGS_UPLOAD, "property": "filename", "value": name},
        ],
    )


def _download(client, button=ids.ORGS_TEMPLATE_CSV):
    return dash_call(
        client,
        f"{ids.ORGS_DOWNLOAD}.data",
        [
            {"id": b, "property": "n_clicks", "value": 1 if b == button else None}
            for b in (ids.ORGS_TEMPLATE_CSV, ids.ORGS_TEMPLATE_XLSX)
        ],
        changed=f"{button}.n_clicks",
    )


def _said(response) -> str:
    outputs = response.get_json()["response"].values()
    return text([value["children"] for value in outputs if "children" in value])


def test_an_administrator_sees_the_regions_and_organisations(client):
    page = _page(client)
    shown = text(page)
    assert "Regions and organisations" in shown
    assert "8 regions" in shown and "54 organisations" in shown
    listing = text(find(page, ids.ORGS_LIST))
    assert "South London and Maudsley NHS Foundation Trust" in listing
    assert "Mental health trust" in listing and "Primary care trust" in listing


@pytest.mark.parametrize("email", [VIEWER, SITE_LEAD, REGIONAL])
def test_anyone_else_gets_the_not_allowed_page_and_403_on_every_callback(app, email):
    client = client_as(app, email)
    page = text(_page(client))
    assert "Not available to your account" in page
    assert "South London and Maudsley" not in page
    assert _download(client).status_code == 403
    assert _check(client, csv_bytes([org("NEW1")])).status_code == 403
    assert _confirm(client, csv_bytes([org("NEW1")])).status_code == 403


def test_a_visitor_without_a_session_is_asked_to_sign_in(app):
    assert _check(client_as(app, None), csv_bytes([org("NEW1")])).status_code == 401


def test_the_download_is_the_stored_list_and_loads_back_unchanged(client):
    response = _download(client)
    assert response.status_code == 200
    data = response.get_json()["response"][ids.ORGS_DOWNLOAD]["data"]
    assert data["filename"] == "dre-reference.csv"
    content = base64.b64decode(data["content"])
    frame = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
    assert (frame["type"] == "region").sum() == 8 and (frame["type"] == "organisation").sum() == 54
    dorset = frame[frame["code"] == "DORPCT"].iloc[0]
    assert (dorset["kind"], dorset["region_code"], dorset["rurality"]) == (
        "Primary care trust",
        "SW",
        "rural",
    )
    checked = _said(_check(client, content))
    assert "all already stored as they are: storing it would change nothing" in checked


def test_an_upload_is_previewed_then_stored_and_listed(writable_app, writable_db):
    client = client_as(writable_app, ADMIN)
    before = stored(writable_db)
    content = csv_bytes(
        [region("ZZ", "Zed region"), org("ZT", "Zed trust", region_code="ZZ"), org("SLAM", "SLaM")]
    )
    preview = _check(client, content)
    assert preview.status_code == 200
    said = _said(preview)
    assert "ref.csv is ready to store: 2 new, 1 updated and 0 unchanged" in said
    assert "South London and Maudsley NHS Foundation Trust → SLaM; kind" in said
    confirm = preview.get_json()["response"][ids.ORGS_CONFIRM]["style"]
    assert confirm["display"] != "none"
    assert stored(writable_db) == before  # a preview stores nothing

    done = _confirm(client, content)
    assert done.status_code == 200
    payload = done.get_json()["response"]
    assert "ref.csv stored: 2 new, 1 updated and 0 unchanged" in text(
        payload[ids.ORGS_RESULT]["children"]
    )
    assert "Zed trust" in text(payload[ids.ORGS_LIST]["children"])
    assert organisation(writable_db, "ZT")["region"] == "ZZ"
    assert stored(writable_db)[:3] == (before[0] + 1, before[1] + 1, before[2] + 1)
    # the site filters offer it at once (the cached catalogue was keyed by the data version)
    options = prop(find(_page(client, "/"), FILTER_TRUST), "options")
    assert {"label": "Zed trust (trust, urban)", "value": "ZT"} in options


def test_a_bad_upload_lists_its_problems_and_offers_no_store(writable_app, writable_db):
    client = client_as(writable_app, ADMIN)
    before = stored(writable_db)
    response = _check(client, csv_bytes([org("NEW1", kind="Clinic"), org("NEW2", parent="X")]))
    said = _said(response)
    assert "ref.csv was not stored: 2 problem(s) to fix" in said
    assert "'Clinic' is not a kind" in said and "no organisation X" in said
    assert response.get_json()["response"][ids.ORGS_CONFIRM]["style"] == {"display": "none"}
    stored_anyway = _confirm(client, csv_bytes([org("NEW1", kind="Clinic")]))
    assert "was not stored" in _said(stored_anyway)
    assert stored(writable_db) == before
    refused = _check(client, b"hello", "notes.txt")
    assert "Upload a .csv or .xlsx file" in _said(refused)
