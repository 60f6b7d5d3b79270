"""Finding things in a component tree by id or by type, and reading the text it shows, so that
a test asserts on named things rather than on a tree's repr or its JSON. Works on Dash
components and on their JSON form (as a callback's response carries them)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from dash.development.base_component import Component


def _props(node: Any) -> dict | None:
    """The properties of a component (or of its JSON form), else None."""
    if isinstance(node, Component):
        return node.to_plotly_json()["props"]
    if isinstance(node, dict) and {"props", "type", "namespace"} <= node.keys():
        return node["props"]
    return None


def walk(node: Any) -> Iterator[Any]:
    """Every component in `node` (a component, its JSON form, or a list of them), depth first,
    through its children and any other property that holds components."""
    if isinstance(node, list | tuple):
        for item in node:
            yield from walk(item)
        return
    props = _props(node)
    if props is None:
        return
    yield node
    for value in props.values():
        if isinstance(value, list | tuple | Component | dict):
            yield from walk(value)


def prop(node: Any, name: str, default: Any = None) -> Any:
    """One property of a component or of its JSON form."""
    props = _props(node)
    return default if props is None else props.get(name, default)


def find_all(node: Any, wanted: type | Callable[[Any], bool]) -> list:
    """The components of a type (components only), or those a predicate accepts."""
    if isinstance(wanted, type):
        return [c for c in walk(node) if isinstance(c, wanted)]
    return [c for c in walk(node) if wanted(c)]


def find(node: Any, wanted_id: Any) -> Any:
    """The first component whose id is `wanted_id`, else None."""
    return next((c for c in walk(node) if prop(c, "id") == wanted_id), None)


def text(node: Any) -> str:
    """The text a browser would show for `node`: its string and number children, in order,
    run together as the DOM's textContent is (Markdown's source included)."""
    parts: list[str] = []

    def visit(value: Any) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            parts.append(str(value))
        elif isinstance(value, list | tuple):
            for item in value:
                visit(item)
        else:
            props = _props(value)
            if props is not None:
                visit(props.get("children"))

    visit(node)
    return "".join(parts)


def with_class(node: Any, name: str) -> list:
    """The components whose className includes `name`."""
    return find_all(node, lambda c: name in (prop(c, "className") or "").split())


def table_rows(node: Any) -> list[dict]:
    """The body rows of a table whose cells are classed by column (`col-<field>`, as compare's
    table is): per row, each column's text, its sort key (`sort`: field → data-sort, "" for a
    blank) and the row's link (`href`)."""
    rows = []
    for row in find_all(node, lambda c: _type(c) == "Tr"):
        cells = [c for c in _children(row) if _type(c) == "Td"]
        fields = [next(iter(_columns(c)), None) for c in cells]
        if not cells or None in fields:
            continue
        links = find_all(row, lambda c: _type(c) == "A")
        out = {f: text(c) for f, c in zip(fields, cells, strict=True)}
        out["sort"] = {f: prop(c, "data-sort") for f, c in zip(fields, cells, strict=True)}
        out["href"] = prop(links[0], "href") if links else None
        rows.append(out)
    return rows


def _type(node: Any) -> str | None:
    if isinstance(node, Component):
        return node._type
    return node.get("type") if isinstance(node, dict) else None


def _children(node: Any) -> list:
    children = prop(node, "children")
    return list(children) if isinstance(children, list | tuple) else [children]


def _columns(node: Any) -> list[str]:
    return [
        c.removeprefix("col-")
        for c in (prop(node, "className") or "").split()
        if c.startswith("col-")
    ]
