"""Dash callback requests as a browser sends them, through the Flask test client."""

from __future__ import annotations


def dash_call(
    client, output: str, inputs: list, state: list | None = None, changed: str | None = None
):
    """POST a Dash callback request as the browser would (`output` in Dash's own form,
    "id.prop" or "..a.p...b.q.."); `changed` is the "id.prop" that fired (else every input)."""
    specs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]}
        for part in output.strip(".").split("...")
    ]
    outputs = specs if output.startswith("..") else specs[0]
    body = {
        "output": output,
        "outputs": outputs,
        "inputs": inputs,
        "state": state or [],
        "changedPropIds": [changed] if changed else [f"{i['id']}.{i['property']}" for i in inputs],
    }
    return client.post("/_dash-update-component", json=body)


def callback_output(client, first: str) -> str:
    """The output string of the one callback whose outputs start with `first` ("id.prop"), as
    Dash names it in the app's callback map (an output with allow_duplicate carries a hash)."""
    callback_map = client.application.extensions["dre_dash"].callback_map
    (output,) = [key for key in callback_map if key.lstrip(".").startswith(first)]
    return output
