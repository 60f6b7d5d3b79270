"""Errors tell the truth: a callback request the page could not have sent is refused at the
edge (400, naming the input, before any handler runs), and a bug in a handler is logged at
ERROR with its traceback and said in the callback's components, never passed off as the
client's fault."""

from __future__ import annotations

import json
import logging

import pytest
from dash import Dash, Input, Output, dcc, html

from dashboard.callback_inputs import CHOICE, CODE, CODES, COUNT, NUMBERS, TEXT, expected_kinds
from dashboard.errors import WENT_WRONG
from layouts.briefing.ids import BRIEFING_DOWNLOADS, BRIEFING_MONTH, BRIEFING_PREVIEW
from layouts.menu import ids as menu_ids
from layouts.overview import ids as overview_ids
from layouts.shell.ids import PAGE, URL
from layouts.site import ids as site_ids
from tests.dash_requests import dash_call

PREVIEW = f"..{BRIEFING_PREVIEW}.children...{BRIEFING_DOWNLOADS}.children.."
MARCH = [{"id": BRIEFING_MONTH, "property": "value", "value": "2010-03"}]
LONDON = [{"id": URL, "property": "search", "value": "?region=LDN"}]
UNREADABLE = "The request could not be read."


def _broken(*_args, **_kwargs):
    raise KeyError("no such column")


def _output(client, *parts: str) -> str:
    """The callback output key (Dash's own form) that contains every one of `parts`."""
    deps = client.get("/_dash-dependencies").get_json()
    (output,) = [d["output"] for d in deps if all(p in d["output"] for p in parts)]
    return output


def test_a_bug_in_a_handler_is_logged_with_its_traceback_and_said_on_the_page(
    client, monkeypatch, caplog
):
    monkeypatch.setattr("callbacks.briefing.page.briefing_data", _broken)
    with caplog.at_level(logging.INFO):
        response = dash_call(client, PREVIEW, MARCH, LONDON)
    # Dash shows a response's outputs only when it is a 200: the words go to the reader, the
    # traceback to the log, and the request's log line names the error.
    assert response.status_code == 200
    payload = response.get_json()["response"]
    for box in (BRIEFING_PREVIEW, BRIEFING_DOWNLOADS):
        assert WENT_WRONG in json.dumps(payload[box]["children"])
    assert "no such column" not in response.get_data(as_text=True)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info and errors[0].exc_info[0] is KeyError
    assert PREVIEW in errors[0].getMessage()
    assert "Traceback" in caplog.text and "KeyError: 'no such column'" in caplog.text
    assert not [r for r in caplog.records if "refused" in r.getMessage()]  # not a 400
    (line,) = [json.loads(r.getMessage()) for r in caplog.records if r.name == "dre.requests"]
    assert line["status"] == 200 and line["error"] == "KeyError"


def test_a_bug_where_no_component_can_say_so_is_a_500(client, monkeypatch, caplog):
    """The month into the URL: the callback writes only the URL's search."""
    monkeypatch.setattr("callbacks.briefing.page.months_with_data", _broken)
    with caplog.at_level(logging.WARNING):
        response = dash_call(client, _output_for_month(client), MARCH, LONDON)
    assert response.status_code == 500
    assert response.get_json() == {"error": WENT_WRONG}
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info[0] is KeyError


def _output_for_month(client) -> str:
    """The key of the callback that writes the month into the URL (briefing page)."""
    deps = client.get("/_dash-dependencies").get_json()
    (output,) = [
        d["output"]
        for d in deps
        if d["output"].startswith(f"{URL}.search@")
        and [i["id"] for i in d["inputs"]] == [BRIEFING_MONTH]
    ]
    return output


def _value_error(*_args, **_kwargs):
    raise ValueError("a bug")


def test_a_value_error_deep_in_a_page_is_the_servers_fault_not_a_400(client, monkeypatch, caplog):
    """What used to be taken for the client's fault (any ValueError, TypeError, KeyError,
    AttributeError or IndexError) is the server's when the request was one the page sends."""
    monkeypatch.setattr("callbacks.routing.load_catalogue", _value_error)
    with caplog.at_level(logging.WARNING):
        response = dash_call(
            client,
            f"{PAGE}.children",
            [{"id": URL, "property": "pathname", "value": "/compare"}],
            [{"id": URL, "property": "search", "value": ""}],
        )
    assert response.status_code == 200
    assert WENT_WRONG in json.dumps(response.get_json()["response"][PAGE]["children"])
    assert [r.exc_info[0] for r in caplog.records if r.levelno == logging.ERROR] == [ValueError]


def _body(output=PREVIEW, inputs=MARCH, state=LONDON, **extra):
    specs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]}
        for part in output.strip(".").split("...")
    ]
    body = {
        "output": output,
        "outputs": specs if output.startswith("..") else specs[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{BRIEFING_MONTH}.value"],
    }
    return body | extra


def _month(value):
    return [{"id": BRIEFING_MONTH, "property": "value", "value": value}]


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ([1, 2], None),  # not an object
        (_body(output="nowhere.children"), None),  # no such callback
        (_body(output="copy-link.content"), None),  # one that runs in the browser
        (_body(inputs=[]), None),  # too few inputs
        (_body(state=[*LONDON, *LONDON]), None),  # too many states
        (_body(inputs=[{"property": "value", "value": "2010-03"}]), "briefing-month.value"),
        (_body(inputs=[{**MARCH[0], "id": "filter-region"}]), "briefing-month.value"),
        (_body(inputs=[{**MARCH[0], "property": "options"}]), "briefing-month.value"),
        (_body(inputs=_month(["2010-03"])), "briefing-month.value"),  # a list for one choice
        (_body(inputs=_month({"a": 1})), "briefing-month.value"),
        (_body(state=[{**LONDON[0], "value": 5}]), "url.search"),  # a number for text
        (_body(outputs={"id": BRIEFING_PREVIEW, "property": "children"}), None),  # one of two
        (_body(outputs=[{"id": "a", "property": "b"}, {"id": "c", "property": "d"}]), None),
        (_body(changedPropIds=['{"not json.value']), None),
        (_body(changedPropIds="briefing-month.value"), None),
    ],
)
def test_requests_the_page_could_not_send_are_refused_at_the_edge(client, body, named, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 400
    expected = {"error": UNREADABLE} | ({"input": named} if named else {})
    assert response.get_json() == expected
    assert [r.levelno for r in caplog.records if r.name == "dashboard"] == [logging.WARNING]
    assert "callback request refused" in caplog.text and "Traceback" not in caplog.text


@pytest.mark.parametrize(
    ("inputs", "named"),
    [
        ([{"id": URL, "property": "pathname", "value": 5}], "url.pathname"),
        ([{"id": URL, "property": "pathname", "value": ["/"]}], "url.pathname"),
    ],
)
def test_the_page_callback_refuses_what_a_location_cannot_hold(client, inputs, named):
    response = dash_call(client, f"{PAGE}.children", inputs, LONDON)
    assert response.status_code == 400 and response.get_json()["input"] == named


def test_counts_choices_and_ranges_are_checked_by_their_components(client):
    filters = [
        {"id": overview_ids.FILTER_REGION, "property": "value", "value": ["LDN"]},
        {"id": overview_ids.FILTER_TRUST, "property": "value", "value": []},
        {"id": overview_ids.FILTER_RURALITY, "property": "value", "value": "all"},
        {"id": overview_ids.MEASURE_MENU_RESET, "property": "n_clicks", "value": None},
    ]
    output = f"{overview_ids.MEASURE_MENU}.value"
    assert dash_call(client, output, filters).status_code == 200
    for at, bad in ((0, "LDN"), (0, [1]), (3, -1), (3, True), (3, "1"), (3, 1.5), (2, ["all"])):
        crafted = [dict(f) for f in filters]
        crafted[at]["value"] = bad
        response = dash_call(client, output, crafted)
        assert response.status_code == 400, (at, bad)
        assert response.get_json()["input"] == f"{filters[at]['id']}.{filters[at]['property']}"


def test_pattern_matching_states_must_be_lists_of_the_declared_components(client):
    output = _output(client, f"{menu_ids.MENU_SITE_RESULT}.children")
    inputs = [{"id": menu_ids.MENU_SITE_SAVE, "property": "n_clicks", "value": 1}]
    site = {"id": menu_ids.MENU_SITE, "property": "value", "value": "SLAM"}

    def adopt(code):
        return {"id": {"type": menu_ids.MENU_ADOPT, "code": code}, "property": "value"}

    def target(code):
        return {"id": {"type": menu_ids.MENU_TARGET, "code": code}, "property": "value"}

    adopted = f'{{"code":["ALL"],"type":"{menu_ids.MENU_ADOPT}"}}.value'
    for adopts, named in (
        ({**adopt("M01A"), "value": True}, adopted),  # one, not a list
        ([{**target("M01A"), "value": True}], adopted),  # another pattern's component
        ([{**adopt({"x": 1}), "value": True}], adopted),  # an object where a code belongs
        ([{**adopt("M01A"), "value": {"x": 1}}], adopted),  # an object for a tick
    ):
        opened = {"id": menu_ids.MENU_SITE_OPENED, "property": "data", "value": None}
        state = [site, adopts, [{**target("M01A"), "value": "1"}], opened]
        response = dash_call(client, output, inputs, state)
        assert response.status_code == 400, adopts
        assert response.get_json()["input"] == named


def test_each_input_is_checked_as_its_component_sends_it(app):
    kinds = expected_kinds(app)
    assert kinds[(overview_ids.FILTER_REGION, "value")] is CODES  # a multi-select
    assert kinds[(BRIEFING_MONTH, "value")] is CODE  # a single one
    assert kinds[(menu_ids.MENU_CHARACTERISTIC, "value")] is CHOICE  # its options are numbers
    assert kinds[(overview_ids.FILTER_PERIOD, "value")] is NUMBERS  # a range slider
    assert kinds[(URL, "search")] is TEXT
    assert kinds[(overview_ids.MEASURE_MENU_RESET, "n_clicks")] is COUNT


def test_a_callback_input_nobody_described_stops_the_app_starting():
    app = Dash("undescribed")
    app.layout = html.Div([dcc.Input(id="a"), html.Div(id="b")])
    app.validation_layout = app.layout
    app.callback(Output("b", "children"), Input("a", "n_blur"))(lambda n: n)
    with pytest.raises(LookupError, match=r"a\.n_blur"):
        expected_kinds(app)


def test_a_store_holding_what_the_page_never_put_there_is_refused_by_its_handler(client):
    """A store's data is any JSON at the edge; the handler checks what it reads from it."""
    response = dash_call(
        client,
        f"{site_ids.SITE_CONTENT}.children",
        [
            {"id": site_ids.SITE_CODE, "property": "data", "value": ["SLAM"]},
            {"id": URL, "property": "search", "value": ""},
        ],
    )
    assert response.status_code == 400
