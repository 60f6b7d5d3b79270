"""Finding things in a component tree by id or by type, and reading the text it shows, so that
a test asserts on named things rather than on a tree's repr or its JSON. Works on Dash
components and on their JSON form (as a callback's response carries them)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any

from dash.development.base_component import Component

from layouts.html_block import VOID


def _props(node: Any) -> dict | None:
    """The properties of a component (or of its JSON form), else None; an `Html` component's
    HTML read as its children (`html_tree`)."""
    if isinstance(node, Component):
        props = node.to_plotly_json()["props"]
    elif isinstance(node, dict) and {"props", "type", "namespace"} <= node.keys():
        props = node["props"]
    else:
        return None
    if _namespace(node) == "dre_html":
        return {**props, "children": html_tree(props.get("html") or "")}
    return props


def _namespace(node: Any) -> str | None:
    return node._namespace if isinstance(node, Component) else node.get("namespace")


#: An HTML attribute → the Dash property it is written from (layouts.html_block).
_DASH_NAMES = {"class": "className", "tabindex": "tabIndex", "colspan": "colSpan"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list = []
        self.open: list[list] = [self.root]

    def handle_starttag(self, tag: str, attrs: list) -> None:
        props = {_DASH_NAMES.get(k, k): (True if v is None else v) for k, v in attrs}
        children: list = []
        props["children"] = children
        self.open[-1].append(
            {"type": tag.capitalize(), "namespace": "dash_html_components", "props": props}
        )
        if tag not in VOID:
            self.open.append(children)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and len(self.open) > 1:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        self.open[-1].append(data)


def html_tree(source: str) -> list:
    """HTML written by `layouts.html_block.to_html` read back as the JSON form of the
    dash.html components it was written from, for `walk`, `find`, `text` and the rest."""
    builder = _TreeBuilder()
    builder.feed(source)
    builder.close()
    return builder.root


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
    run together as the DOM's textContent is (Markdown's source included; a data table, as
    `layouts.common.data_table` writes it, as lines of cells: see `table_lines`)."""
    parts: list[str] = []

    def visit(value: Any) -> None:
        if _is_data_table(value):
            parts.append(table_lines(value))
        elif isinstance(value, str):
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


def _is_data_table(node: Any) -> bool:
    props = _props(node)
    return (
        props is not None
        and _namespace(node) == "dre_html"
        and "data-table" in (props.get("className") or "").split()
    )


def table_lines(node: Any) -> str:
    """A table's rows as lines of cells, "| Period | Group |", the header underlined
    ("|---|---|"), an empty cell as a space: what the tables said when they were Markdown."""
    lines = []
    for row in find_all(node, lambda c: _type(c) == "Tr"):
        cells = [text(c) for c in _children(row) if _type(c) in ("Th", "Td")]
        lines.append("| " + " | ".join(c or " " for c in cells) + " |")
        if len(lines) == 1:
            lines.append("|" + "---|" * len(cells))
    return "\n".join(lines)


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


def read_panels(outputs: list) -> list:
    """The overview's panels callback's outputs with each of the twelve panel bodies (HTML, or
    no_update) read as a tree by `html_tree`; the summary line and the keys as they are."""
    *bodies, summary, keys = outputs
    return [html_tree(b) if isinstance(b, str) else b for b in bodies] + [summary, keys]
