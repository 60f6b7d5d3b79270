"""The compare table draws each site's mark as the funnel plot does (issue 13c), in Chromium:
the shape in the mark's colour, then the words (layouts/compare/grid.py)."""

from __future__ import annotations

import pytest
from dash.testing.wait import until

from layouts.compare import ids
from layouts.overview.ids import panel
from layouts.significance import SHAPES, mark
from tests.conftest import start_signed_in

pytestmark = pytest.mark.browser

CELLS = f"#{ids.COMPARE_GRID} tbody .sig-mark"


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, 1)"


def test_the_compare_table_shows_each_sites_mark_in_its_colour(dash_duo, app):
    start_signed_in(dash_duo, app)
    dash_duo.wait_for_element(f"#{panel(1)}", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/compare?region=SW&measure=M08A")
    until(lambda: len(dash_duo.find_elements(CELLS)) >= 3, timeout=20)
    glyphs = {symbol: category for category, (_, symbol) in SHAPES.items()}
    seen = set()
    for cell in dash_duo.find_elements(CELLS):
        glyph = cell.find_element("css selector", ".sig-glyph")
        words = cell.find_element("css selector", ".sig-words")
        expected = mark(glyphs[glyph.text], "higher_is_better")  # M08A: higher is better
        assert words.text == expected.label
        assert glyph.value_of_css_property("color") == _rgb(expected.colour)
        assert words.value_of_css_property("color") == _rgb(expected.ink)
        seen.add(expected.category)
    assert {"similar", "small"} <= seen
    assert dash_duo.get_logs() == []
