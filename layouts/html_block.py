"""Server-written HTML as one component: `Html(html=to_html(tree))`.

A page drawn from thousands of small Dash components spends most of its time in the browser
building them: each is a React component wired to the renderer's store, notified again on
every later update. Measured on the overview at national scale (headless Chromium, 2 cores):
one 0.46-0.56 s task turned its twelve panels' 2,450 elements into components, after the
response had arrived. Where a part of a page has no control in it (the panels' figures, a
chart's table), it is written here as HTML instead, which the browser reads as it reads a page.

`to_html` writes a tree of `dash.html` components, so that the builders stay the same
components the tests read: every text and attribute value is escaped, only the attributes
listed below are written (an event handler or a `javascript:` link cannot be), and anything
else (a dcc or dbc component, a callback's `n_clicks`) is refused with an error, never
dropped. `assets/html-block.js` draws the component.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from typing import Any

from dash import html
from dash.development.base_component import Component

#: Elements with no closing tag.
VOID = frozenset({"area", "br", "col", "hr", "img", "input", "wbr"})
#: Dash's property name → the HTML attribute written; anything else but data-* and aria-* is
#: refused.
ATTRIBUTES = {
    "id": "id",
    "className": "class",
    "title": "title",
    "role": "role",
    "src": "src",
    "alt": "alt",
    "width": "width",
    "height": "height",
    "href": "href",
    "tabIndex": "tabindex",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
    "scope": "scope",
    "lang": "lang",
    "hidden": "hidden",
    "style": "style",
    "type": "type",
    "open": "open",
}
#: CSS properties whose numbers React writes without "px".
UNITLESS = frozenset(
    {
        "flex",
        "flex-grow",
        "flex-shrink",
        "font-weight",
        "line-height",
        "opacity",
        "order",
        "z-index",
    }
)
#: Links and images may point into the app or to the web; images at a data: URI too.
SAFE_URL = {
    "href": re.compile(r"^(?:/(?!/)|https?://|#)", re.IGNORECASE),
    "src": re.compile(r"^(?:/(?!/)|https?://|data:image/)", re.IGNORECASE),
}


class Html(Component):
    """An element (a div) whose contents are `html`, written by `to_html`."""

    _children_props: list[str] = []
    _base_nodes: list[str] = []
    _namespace = "dre_html"
    _type = "Html"

    def __init__(self, html: str = "", id: str | dict | None = None, **kwargs: Any):
        self._prop_names = ["id", "className", "html", "role", "aria-*", "data-*"]
        self._valid_wildcard_attributes = ["data-", "aria-"]
        self.available_properties = self._prop_names
        self.available_wildcard_properties = self._valid_wildcard_attributes
        if id is not None:
            kwargs["id"] = id
        super().__init__(html=html, **kwargs)


def to_html(node: Any) -> str:
    """`node` (a dash.html component, a string or number, or a list of them) as HTML."""
    out: list[str] = []
    _write(node, out)
    return "".join(out)


def _write(node: Any, out: list[str]) -> None:
    if node is None or isinstance(node, bool):
        return
    if isinstance(node, str):
        out.append(escape(node, quote=False))
    elif isinstance(node, int | float):
        out.append(escape(str(node), quote=False))
    elif isinstance(node, list | tuple):
        for item in node:
            _write(item, out)
    elif isinstance(node, Html):  # written already (a chart's table): its element around it
        out.append(f"<div{_attributes(node)}>{node.html}</div>")
    elif isinstance(node, Component) and node._namespace == "dash_html_components":
        tag = node._type.lower()
        out.append(f"<{tag}{_attributes(node)}>")
        if tag in VOID:
            return
        _write(getattr(node, "children", None), out)
        out.append(f"</{tag}>")
    else:
        raise TypeError(f"to_html writes dash.html components only, not {node!r:.80}")


def _attributes(node: Component) -> str:
    parts = []
    for name, value in _props(node):
        if name in ("children", "html") or value is None or value is False:
            continue
        if name.startswith(("data-", "aria-")):
            attribute = name
        elif name in ATTRIBUTES:
            attribute = ATTRIBUTES[name]
        else:
            raise ValueError(f"to_html does not write {node._type}'s {name!r}")
        if value is True:
            parts.append(f" {attribute}")
            continue
        if name == "style":
            value = _style(value)
        elif name in SAFE_URL and not SAFE_URL[name].match(str(value)):
            raise ValueError(f"to_html refuses the address {str(value)[:40]!r}")
        elif not isinstance(value, str | int | float):
            raise ValueError(f"to_html writes {name!r} as text, not {type(value).__name__}")
        parts.append(f' {attribute}="{escape(str(value), quote=True)}"')
    return "".join(parts)


def _props(node: Component) -> Iterable[tuple[str, Any]]:
    """The properties set on a component, in the order they were declared (read from the
    component's own attributes: a getattr of each of a Div's twenty names was a third of
    writing a panel)."""
    given = vars(node)
    for name in node._prop_names:
        value = given.get(name)
        if value is not None:
            yield name, value
    wildcards = tuple(node._valid_wildcard_attributes)
    for name in sorted(given):  # one order, whatever they were given in
        if name.startswith(wildcards):
            yield name, given[name]


def _style(style: Any) -> str:
    if not isinstance(style, dict):
        raise ValueError("to_html writes a style given as a dict")
    parts = []
    for key, value in style.items():
        name = re.sub(r"[A-Z]", lambda m: "-" + m[0].lower(), key)
        if isinstance(value, int | float) and name not in UNITLESS:
            value = f"{value}px"  # as React writes a number
        parts.append(f"{name}: {value}")
    return "; ".join(parts)


def badge(words: str, colour: str) -> html.Span:
    """Bootstrap's badge as dbc.Badge draws it, for what is written as HTML (which only
    dash.html components can be): dark text on the light colours."""
    dark = " text-dark" if colour in ("warning", "info") else ""
    return html.Span(words, className=f"me-1 badge{dark} bg-{colour}")
