"""The component that carries server-written HTML (layouts/html_block.py): what it writes is
what the dash.html components would have drawn, every text escaped, nothing it cannot write
silently dropped."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pytest
from dash import dcc, html

from layouts.html_block import Html, to_html
from tests.components import html_tree, text, with_class


def test_it_writes_elements_attributes_and_text_as_the_browser_would_draw_them():
    tree = html.Div(
        [
            html.H3("Detentions"),
            html.P(["BME ", html.Strong("1.62"), " (95% CI)"], className="disparity"),
            html.Img(src="/icons/variation/common_cause.svg", alt="Common cause", width=26),
            html.Br(),
        ],
        className="measure",
        **{"data-measure": "M04A", "aria-label": "Detentions"},
    )
    written = to_html(tree)
    assert written == (
        '<div class="measure" aria-label="Detentions" data-measure="M04A">'
        '<h3>Detentions</h3><p class="disparity">BME <strong>1.62</strong> (95% CI)</p>'
        '<img alt="Common cause" src="/icons/variation/common_cause.svg" width="26"><br></div>'
    )
    read = html_tree(written)
    assert text(read) == "DetentionsBME 1.62 (95% CI)"
    assert with_class(read, "disparity") and with_class(read, "measure")


def test_every_text_and_attribute_is_escaped():
    hostile = '"><script>alert(1)</script>&'
    written = to_html(html.Span(hostile, title=hostile, className="x"))
    assert "<script>" not in written and '">' not in written.split(">", 1)[0]
    assert text(html_tree(written)) == hostile  # read back as the same words
    assert html_tree(written)[0]["props"]["title"] == hostile


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", " javascript:x", "//evil.example/x", "data:image/svg+xml,"]
)
def test_a_link_or_image_may_not_point_at_script_or_another_host_by_a_bare_slash(address):
    with pytest.raises(ValueError, match="refuses the address"):
        to_html(html.A("x", href=address))
    to_html(html.A("x", href="/site/SLAM"))  # a page of the app's own is fine
    to_html(html.Img(src="data:image/svg+xml,%3Csvg/%3E"))  # a chart drawn in its page too


@pytest.mark.parametrize(
    "component",
    [
        dbc.Badge("x"),  # not a dash.html component: refused, not drawn as something else
        dcc.Graph(),
        html.Button("x", n_clicks=1),  # a callback's property would be lost: refused
    ],
)
def test_what_it_cannot_write_is_refused_never_dropped(component):
    with pytest.raises((TypeError, ValueError)):
        to_html(html.Div(component))


def test_a_style_is_written_as_css_with_pixels_for_numbers():
    written = to_html(html.Div(style={"maxWidth": 400, "opacity": 0.5, "color": "red"}))
    assert 'style="max-width: 400px; opacity: 0.5; color: red"' in written


def test_the_component_is_sent_as_one_element_with_its_html():
    shown = Html(html="<p>x</p>", id="panel-body-char-1", className="data-table")
    assert shown.to_plotly_json() == {
        "props": {"id": "panel-body-char-1", "className": "data-table", "html": "<p>x</p>"},
        "type": "Html",
        "namespace": "dre_html",
    }
