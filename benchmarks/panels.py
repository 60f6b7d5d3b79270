"""The overview's filter change as HTTP requests: the panels callback, and what a browser sends
in it after a change of regions (those sites' agreed measures, every period), which is what
the cache is warmed with (callbacks/warm.py)."""

from __future__ import annotations

import json
import time
import urllib.request

from layouts.overview import ids
from layouts.shell.ids import PAGE, URL


def _panels_request(
    regions: list[str], measures: list[str], period: list[int] | None = None
) -> bytes:
    """The panels callback for `regions` and `measures` (by default over periods 0 to 19)."""
    outputs = [{"id": ids.panel_body(n), "property": "html"} for n in range(1, 13)]
    outputs.append({"id": ids.OVERVIEW_SUMMARY, "property": "children"})
    outputs.append({"id": ids.PANEL_KEYS, "property": "data"})
    inputs = [
        {"id": ids.FILTER_REGION, "property": "value", "value": regions},
        {"id": ids.FILTER_TRUST, "property": "value", "value": []},
        {"id": ids.FILTER_RURALITY, "property": "value", "value": "all"},
        {"id": ids.FILTER_PERIOD, "property": "value", "value": period or [0, 19]},
        {"id": ids.MEASURE_MENU, "property": "value", "value": measures},
        {"id": ids.FILTER_POOLING, "property": "value", "value": "quarter"},
    ]
    key = ".." + "...".join(f"{o['id']}.{o['property']}" for o in outputs) + ".."
    body = {
        "output": key,
        "outputs": outputs,
        "inputs": inputs,
        # a browser's first draw: no panel on screen yet, so all twelve are sent
        "state": [
            {"id": ids.PANEL_KEYS, "property": "data", "value": {}},
            {"id": URL, "property": "search", "value": ""},  # the URL's ?grain=, if any
        ],
        "changedPropIds": [f"{ids.FILTER_REGION}.value"],
    }
    return json.dumps(body).encode()


def _post(url: str, payload: bytes) -> tuple[float, int]:
    """Seconds for one callback request, and the bytes sent back over the wire (compressed,
    as a browser accepts them)."""
    headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
    req = urllib.request.Request(url, data=payload, headers=headers)
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as resp:
        size = len(resp.read())
    return time.perf_counter() - start, size


def _callback(base: str, output: dict, inputs: list[dict], state: list[dict]) -> dict:
    """The response of the callback with one `output` ({"id", "property"})."""
    body = {
        "output": f"{output['id']}.{output['property']}",
        "outputs": output,
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }
    request = urllib.request.Request(
        base + "/_dash-update-component",
        json.dumps(body).encode(),
        {"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["response"]


def _find(node: object, component_id: str) -> dict | None:
    """The props of the component `component_id` in a layout's JSON."""
    if isinstance(node, list):
        return next((p for item in node if (p := _find(item, component_id))), None)
    if not isinstance(node, dict):
        return None
    if node.get("id") == component_id:
        return node
    return next((p for value in node.values() if (p := _find(value, component_id))), None)


def browser_filter_change(base: str, selections: list[list[str]]) -> tuple[list[int], dict]:
    """What the overview's first draw sends as its periods (all of them), and the measures
    menu a browser sets for each set of regions ("EE,LDN", sorted): those sites' agreed
    measures, from the menu's own callback."""
    page = _callback(
        base,
        {"id": PAGE, "property": "children"},
        [{"id": URL, "property": "pathname", "value": "/"}],
        [{"id": URL, "property": "search", "value": ""}],
    )
    period = _find(page, ids.FILTER_PERIOD)["value"]
    menus = {}
    for regions in selections:
        found = _callback(
            base,
            {"id": ids.MEASURE_MENU, "property": "value"},
            [
                {"id": ids.FILTER_REGION, "property": "value", "value": regions},
                {"id": ids.FILTER_TRUST, "property": "value", "value": []},
                {"id": ids.FILTER_RURALITY, "property": "value", "value": "all"},
                {"id": ids.MEASURE_MENU_RESET, "property": "n_clicks", "value": None},
            ],
            [],
        )
        menus[",".join(sorted(regions))] = found[ids.MEASURE_MENU]["value"]
    return period, menus
