"""Callback requests are checked at the edge, before any handler runs.

A request to `/_dash-update-component` can put any JSON where a component's value belongs.
The page itself only ever sends what its components hold: a multi-select's list of choices,
a button's click count, a location's text. So each request is checked here against the
callback it names (Dash's callback map: the inputs and states it declared, in order) and each
value against what its component sends (the component's type in the validation layout, else
the property's): anything else is refused with 400, naming the input, and logged as a
warning. Past this edge a handler gets the shapes the page sends, and an exception it raises
is a server bug (dashboard.errors: logged at ERROR with its traceback).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, dcc
from dash.development.base_component import Component
from flask import current_app, jsonify, request

#: What the refusal says (the log says why).
UNREADABLE = "The request could not be read."
#: The wildcards of a pattern-matching id as Dash declares them ('{"code":["ALL"],...}').
WILDCARDS = ("ALL", "MATCH", "ALLSMALLER")


@dataclass(frozen=True)
class Kind:
    """What a component sends for a property: in words (for the log) and as a test."""

    words: str
    test: Callable[[Any], bool]


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _text(v: Any) -> bool:
    return isinstance(v, str)


def _choice(v: Any) -> bool:
    return isinstance(v, str | bool) or _number(v)


def _list_of(test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, list) and all(test(item) for item in v)


def _or_null(test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: v is None or test(v)


ANY = Kind("any JSON", lambda v: True)
TEXT = Kind("text or null", _or_null(_text))
COUNT = Kind(
    "a count or null", _or_null(lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0)
)
NUMBER = Kind("a number or null", _or_null(_number))
NUMBERS = Kind("a list of numbers or null", _or_null(_list_of(_number)))
#: A choice of the dashboard's is a code (text); a number, true or false where the options
#: are (see _value_kind).
CODE = Kind("a code (text) or null", _or_null(_text))
CODES = Kind("a list of codes (text) or null", _or_null(_list_of(_text)))
CHOICE = Kind("a choice (text, a number, true or false) or null", _or_null(_choice))
CHOICES = Kind("a list of choices or null", _or_null(_list_of(_choice)))
CHOICE_OR_CHOICES = Kind(
    "a choice, a list of choices or null", _or_null(lambda v: _choice(v) or _list_of(_choice)(v))
)
FLAG = Kind("true, false or null", _or_null(lambda v: isinstance(v, bool)))
ENTRY = Kind("text, a number or null", _or_null(lambda v: _text(v) or _number(v)))

#: What a property holds whatever its component (and `value` where the component is not
#: known: a pattern-matching component that a callback adds to the page).
BY_PROPERTY: dict[str, Kind] = {
    "n_clicks": COUNT,
    "n_intervals": COUNT,
    "pathname": TEXT,
    "search": TEXT,
    "hash": TEXT,
    "href": TEXT,
    "contents": TEXT,
    "filename": TEXT,
    "interval": NUMBER,
    "data": ANY,  # a dcc.Store holds what the app put there
    "children": ANY,
    "value": CHOICE_OR_CHOICES,
    # read by a clientside callback only (a returns check's warnings, to tick them all)
    "options": ANY,
    # read by a clientside callback only (a chart's clicked point, to open the site's page)
    "clickData": ANY,
    # read by a clientside callback only (whether a present slide's chart is drawn yet)
    "figure": ANY,
}


def _options_are_codes(component: Component) -> bool:
    """Whether the component's options (as the layout gives them; a callback fills most) are
    all text: options of numbers, true or false make their choices numbers or flags."""
    options = getattr(component, "options", None) or []
    if isinstance(options, dict):
        values = list(options)
    else:
        values = [o.get("value") if isinstance(o, dict) else o for o in options]
    return all(isinstance(v, str) for v in values)


def _value_kind(component: Component) -> Kind | None:
    """What the component's `value` holds, where its type says more than the property."""
    codes = _options_are_codes(component)
    if isinstance(component, dcc.Dropdown):
        if getattr(component, "multi", False):
            return CODES if codes else CHOICES
        return CODE if codes else CHOICE
    if isinstance(component, dcc.RangeSlider):
        return NUMBERS
    if isinstance(component, dcc.Slider):
        return NUMBER
    if isinstance(component, dcc.Checklist | dbc.Checklist):
        return CODES if codes else CHOICES
    if isinstance(component, dcc.RadioItems | dbc.RadioItems | dbc.Select):
        return CODE if codes else CHOICE
    if isinstance(component, dbc.Checkbox | dbc.Switch):
        return FLAG
    if isinstance(component, dcc.Textarea | dbc.Textarea):
        return TEXT
    if isinstance(component, dcc.Input | dbc.Input):
        return ENTRY
    return None


def _components(node: Any) -> Iterator[Component]:
    """Every component in a layout, including those held by props other than children."""
    if isinstance(node, list | tuple):
        for item in node:
            yield from _components(item)
    elif isinstance(node, Component):
        yield node
        for prop in node._prop_names:
            yield from _components(getattr(node, prop, None))


def _declared_id(spec: dict) -> str | dict:
    """A declared id: the string, or the pattern as a dict (wildcards as ["ALL"])."""
    text = spec["id"]
    return json.loads(text) if text.startswith("{") else text


def _wildcard(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 1 and value[0] in WILDCARDS


def _same_pattern(pattern: dict, concrete: Any) -> bool:
    """Whether a concrete dict id fits a pattern (equal keys; the wildcards stand for any
    text, number or true/false)."""
    if not isinstance(concrete, dict) or concrete.keys() != pattern.keys():
        return False
    return all(
        _choice(concrete[k]) if _wildcard(v) else concrete[k] == v for k, v in pattern.items()
    )


def expected_kinds(app: Dash) -> dict[tuple[str, str], Kind]:
    """(declared id, property) → what the request must carry there, for every input and state
    of every callback. A property nobody has said anything about stops the app starting: say
    here what it holds."""
    layout = app.validation_layout
    found = list(_components(layout() if callable(layout) else layout))
    kinds: dict[tuple[str, str], Kind] = {}
    for callback in app.callback_map.values():
        for spec in (*callback["inputs"], *callback["state"]):
            declared, prop = _declared_id(spec), spec["property"]
            matching = [
                c
                for c in found
                if getattr(c, "id", None) == declared
                or (isinstance(declared, dict) and _same_pattern(declared, getattr(c, "id", None)))
            ]
            by_type = [_value_kind(c) for c in matching] if prop == "value" else []
            known = [k for k in by_type if k is not None]
            kind = known[0] if len(set(known)) == 1 else BY_PROPERTY.get(prop)
            if kind is None:
                raise LookupError(
                    f"Callback input {spec['id']}.{prop}: say in dashboard.callback_inputs "
                    "what this property holds."
                )
            kinds[(spec["id"], prop)] = kind
    return kinds


@dataclass(frozen=True)
class Refusal:
    """Why a request was refused (for the log), and the input to name in the answer."""

    why: str
    input: str | None = None


def _fits(declared: str | dict, prop: str, item: Any) -> bool:
    """Whether one {id, property} of the request is the declared one (a dict id fitting a
    pattern; an output's property may carry Dash's '@…' mark of an allowed duplicate)."""
    if not isinstance(item, dict) or not isinstance(item.get("property"), str):
        return False
    if item["property"].split("@", 1)[0] != prop.split("@", 1)[0]:
        return False
    if isinstance(declared, dict):
        return _same_pattern(declared, item.get("id"))
    return item.get("id") == declared


def _items(declared: str | dict, prop: str, sent: Any) -> list[dict] | None:
    """The request's items for one declared dependency (a list for ALL and ALLSMALLER), or
    None when they are not shaped as it declares."""
    many = isinstance(declared, dict) and any(
        _wildcard(v) and v[0] != "MATCH" for v in declared.values()
    )
    items = sent if many else [sent]
    if not isinstance(items, list) or not all(_fits(declared, prop, i) for i in items):
        return None
    return items


def _outputs_refusal(callback: dict, sent: Any) -> Refusal | None:
    declared = callback["output"]
    if not isinstance(declared, list | tuple):
        declared, sent = [declared], [sent]
    if not isinstance(sent, list) or len(sent) != len(declared):
        return Refusal("the outputs are not the callback's")
    for output, item in zip(declared, sent, strict=True):
        spec = output.to_dict()
        if _items(_declared_id(spec), spec["property"], item) is None:
            return Refusal(f"the output {spec['id']}.{spec['property']} is not the callback's")
    return None


def refusal(body: Any, callbacks: dict, kinds: dict[tuple[str, str], Kind]) -> Refusal | None:
    """Why a callback request is not one the page could send (None when it could)."""
    if not isinstance(body, dict):
        return Refusal("the body is not a JSON object")
    output = body.get("output")
    callback = callbacks.get(output) if isinstance(output, str) else None
    if callback is None or "callback" not in callback:  # none, or one the browser runs
        return Refusal(f"no server callback has the outputs {str(output)[:200]!r}")
    if not callback.get("no_output"):
        problem = _outputs_refusal(callback, body.get("outputs"))
        if problem:
            return problem
    for part in ("inputs", "state"):
        declared, sent = callback[part], body.get(part, [])
        if not isinstance(sent, list) or len(sent) != len(declared):
            return Refusal(f"the {part} are not the callback's")
        for spec, item in zip(declared, sent, strict=True):
            name = f"{spec['id']}.{spec['property']}"
            items = _items(_declared_id(spec), spec["property"], item)
            if items is None:
                return Refusal(f"{name} is not where the callback declares it", name)
            kind = kinds.get((spec["id"], spec["property"]))
            if kind is None:
                return Refusal(f"{name} has no declared kind", name)
            for one in items:
                if not kind.test(one.get("value")):
                    return Refusal(f"{name} is not {kind.words}", name)
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(_prop_id(c) for c in changed):
        return Refusal("changedPropIds is not a list of component properties")
    return None


def _prop_id(text: Any) -> bool:
    """Whether a changed property is '<id>.<property>', a dict id being a JSON object (what
    Dash's callback context reads from it)."""
    if not isinstance(text, str) or "." not in text:
        return False
    component = text.rpartition(".")[0]
    if not component.startswith("{"):
        return True
    try:
        return isinstance(json.loads(component), dict)
    except ValueError:
        return False


def init_app(app: Dash) -> None:
    """Check every callback request before Dash runs it (call once the callbacks are
    registered: their declarations are read here)."""
    kinds = expected_kinds(app)
    path = app.config.routes_pathname_prefix + "_dash-update-component"

    def check_callback_request():
        if request.path != path or request.method != "POST":
            return None
        problem = refusal(request.get_json(silent=True), app.callback_map, kinds)
        if problem is None:
            return None
        current_app.logger.warning("callback request refused: %s", problem.why)
        answer = {"error": UNREADABLE} | ({"input": problem.input} if problem.input else {})
        return jsonify(answer), 400

    app.server.before_request(check_callback_request)
