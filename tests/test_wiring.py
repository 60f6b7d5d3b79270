"""The app through the Flask test client: the page, the layout, the callbacks, the CLI."""

from __future__ import annotations

import json

import pytest

from layouts.overview import ids
from layouts.shell.ids import PAGE, URL
from tests.dash_requests import dash_call as _call


def test_index_serves_the_dash_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"DRE Dashboard" in response.data
    assert b"00-bootstrap.min.css" in response.data  # served locally, no CDN


def test_layout_and_dependencies(client):
    layout = client.get("/_dash-layout").get_json()
    assert PAGE in json.dumps(layout)
    deps = client.get("/_dash-dependencies").get_json()
    outputs = " ".join(d["output"] for d in deps)
    for n in range(1, 13):
        assert ids.panel_body(n) in outputs
    assert f"{URL}.search" in outputs


def test_routing_callback_builds_the_overview_from_the_url(client):
    response = _call(
        client,
        f"{PAGE}.children",
        [{"id": URL, "property": "pathname", "value": "/"}],
        [{"id": URL, "property": "search", "value": "?region=LDN"}],
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "panel-char-12" in text and "South London and Maudsley" in text


def test_panels_callback_over_http(client):
    inputs = [
        {"id": ids.FILTER_REGION, "property": "value", "value": ["LDN"]},
        {"id": ids.FILTER_TRUST, "property": "value", "value": []},
        {"id": ids.FILTER_RURALITY, "property": "value", "value": "all"},
        {"id": ids.FILTER_PERIOD, "property": "value", "value": [0, 19]},
        {"id": ids.MEASURE_MENU, "property": "value", "value": ["M04A"]},
        {"id": ids.FILTER_POOLING, "property": "value", "value": "quarter"},
    ]
    output = "...".join(
        [
            *(f"{ids.panel_body(n)}.html" for n in range(1, 13)),
            f"{ids.OVERVIEW_SUMMARY}.children",
            f"{ids.PANEL_KEYS}.data",
        ]
    )
    nothing_shown = [
        {"id": ids.PANEL_KEYS, "property": "data", "value": {}},
        {"id": URL, "property": "search", "value": ""},
    ]
    response = _call(client, f"..{output}..", inputs, nothing_shown)
    assert response.status_code == 200
    payload = response.get_json()["response"]
    assert "Detentions under the Mental Health Act" in json.dumps(payload[ids.panel_body(4)])
    assert "trend-img" in json.dumps(payload[ids.panel_body(4)])
    # the same request from a page that shows these panels already: nothing is sent again
    shown = [{**nothing_shown[0], "value": payload[ids.PANEL_KEYS]["data"]}, nothing_shown[1]]
    again = _call(client, f"..{output}..", inputs, shown).get_json()["response"]
    assert not any(ids.panel_body(n) in again for n in range(1, 13))
    assert ids.OVERVIEW_SUMMARY in again


@pytest.mark.slow
def test_seed_demo_fills_an_empty_database_once(empty_db_url):
    from dashboard.factory import create_app

    server = create_app({"DATABASE_URL": empty_db_url, "SECRET_KEY": "t"}).server
    runner = server.test_cli_runner()
    assert runner.invoke(args=["db-upgrade"]).exit_code == 0
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "Demonstration data written" in first.output
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code != 0 and "already holds data" in again.output
    skipped = runner.invoke(args=["seed-demo", "--if-empty"])
    assert skipped.exit_code == 0 and "not added" in skipped.output


def test_icons_are_served_as_cached_svg_files(client):
    response = client.get("/icons/variation/concern_high.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert ">H</text>" in response.get_data(as_text=True)
    assert "max-age=86400" in response.headers["Cache-Control"]
    assert client.get("/icons/assurance/consistent_pass.svg").status_code == 200
    assert client.get("/icons/variation/<script>.svg").status_code == 404
    assert client.get("/icons/other/common_cause.svg").status_code == 404


def test_callback_responses_are_compressed_for_browsers_that_accept_it(client):
    inputs = [
        {"id": URL, "property": "pathname", "value": "/"},
    ]
    body = {
        "output": f"{PAGE}.children",
        "outputs": {"id": PAGE, "property": "children"},
        "inputs": inputs,
        "state": [{"id": URL, "property": "search", "value": "?region=LDN"}],
        "changedPropIds": [f"{URL}.pathname"],
    }
    plain = client.post("/_dash-update-component", json=body)
    packed = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert len(packed.data) < len(plain.data) / 4


def test_each_request_is_one_structured_log_line_and_slow_callbacks_are_named(client, app, caplog):
    import logging

    app.server.config["SLOW_CALLBACK_MS"] = 0  # every callback counts as slow here
    with caplog.at_level(logging.INFO, logger="dre.requests"):
        _call(
            client,
            f"{PAGE}.children",
            [{"id": URL, "property": "pathname", "value": "/"}],
            [{"id": URL, "property": "search", "value": ""}],
        )
        client.get("/healthz")
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.levelname == "INFO"]
    callback, health = lines
    assert callback["route"] == "/_dash-update-component"
    assert callback["callback"] == f"{PAGE}.children"
    assert callback["status"] == 200 and callback["role"] == "admin"
    assert callback["duration_ms"] > 0
    assert health == {**health, "route": "/healthz", "callback": None, "status": 200}
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings and warnings[0].startswith(f"slow callback {PAGE}.children")
