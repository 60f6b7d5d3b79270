"""Withheld is never a number, on every display: a viewer (signed in) and a visitor (anonymous
viewing) see the words "withheld: fewer than 8" where disclosure control withholds a value,
and no number, interval, ratio or point for it.

Transfers from prison to hospital (M09B): in the latest quarter four of the seven prisons are
withheld for BME people and the other three had none, so the BME total is withheld too."""

from __future__ import annotations

import html
import re
from contextlib import contextmanager
from urllib.parse import unquote

import pytest

from dashboard.vocabulary import WITHHELD
from tests.components import prop, table_rows, text
from tests.conftest import ADMIN, VIEWER, signed_in_request
from tests.test_vocabulary import _find, _with, _with_class, _words
from tests.test_withheld import visitor_app  # noqa: F401  (a fixture)

#: A value of M09B as the page would write it (a rate to two decimals): none may appear.
NUMBER = re.compile(r"\d+\.\d\d")


@pytest.fixture(params=["viewer", "visitor"])
def reader(request, app, visitor_app):  # noqa: F811
    """A request context for a viewer, or for an anonymous visitor."""

    @contextmanager
    def context(**request_args):
        if request.param == "viewer":
            with signed_in_request(app, VIEWER, **request_args):
                yield
        else:
            with visitor_app.server.test_request_context(**request_args):
                yield

    return context


def test_overview_panel(reader):
    from callbacks.overview import update_panels
    from tests.components import read_panels

    with reader():
        panels = read_panels(update_panels([], [], "all", None, ["M09B"]))
    block = _find(panels[8], _with("data-measure", "M09B"))
    estimates = _words(_find(block, _with_class("estimates")))
    assert WITHHELD in estimates and not re.search(r"\d", estimates.replace(WITHHELD, ""))
    text = _words(block)
    assert "rate ratio not given (withheld: fewer than 8)" in text
    assert "sites left out (withheld: fewer than 8)" in text
    assert "95% CI" not in text and not NUMBER.search(text)
    image = _find(block, _with_class("trend-img"))
    assert f"BME {WITHHELD} in every period" in prop(image, "alt")
    svg = unquote(prop(image, "src"))
    assert "<circle" not in svg and "<polygon" not in svg  # no point, no interval band
    assert WITHHELD in svg  # the reason written across the empty chart


def test_characteristic_page(reader):
    from dashboard.loaders import load_catalogue
    from dashboard.selection import Selection
    from layouts.characteristic import layout as page

    search = "?measures=M09B&measure=M09B"
    with reader():
        catalogue = load_catalogue()
        selection = Selection.from_query(search).validated(catalogue)
        tree = page.layout(selection, catalogue, search, number="9")
    picker = _find(tree, _with("id", "characteristic-measure"))
    card = _words(picker.options[0]["label"])
    assert WITHHELD in card and not NUMBER.search(card)
    heading = _words(_find(tree, _with_class("cm-measure-heading")))
    assert "rate ratio not given (withheld: fewer than 8)" in heading
    figures = _find(tree, _with("id", "characteristic-table"))
    table = text(_find(figures, _with_class("data-table")))
    assert table.count(WITHHELD) >= 20 and not NUMBER.search(table)
    assert "| 0 " not in table  # no withheld count written as zero
    groups = _words(_find(tree, _with("id", "characteristic-groups")))
    assert f"White British, Jan–Mar 2010: {WITHHELD}" in groups
    funnel = _words(_find(tree, _with("id", "characteristic-funnel")))
    assert f"pooled value is {WITHHELD}" in funnel
    xmr = _words(_find(tree, _with("id", "characteristic-xmr")))
    assert "20 periods withheld: fewer than 8" in xmr


def test_a_characteristic_page_cached_for_an_administrator_is_not_a_viewers(app):
    """The router caches the characteristic page (0.5-0.6 s to build at national scale): by
    the reader's rights, so that the counts an administrator sees never reach a viewer."""
    from callbacks.routing import update_page

    path, search = "/characteristic/9", "?measures=M09B&measure=M09B"
    with signed_in_request(app, ADMIN):
        admin = _words(_find(update_page(path, search), _with("id", "characteristic-groups")))
    with signed_in_request(app, VIEWER):
        page = update_page(path, search)
        again = update_page(path, search)  # the viewer's own, from the cache
    viewer = _words(_find(page, _with("id", "characteristic-groups")))
    assert WITHHELD not in admin and f"White British, Jan–Mar 2010: {WITHHELD}" in viewer
    assert again == page


def test_compare_table_charts_and_csv(reader):
    from callbacks.compare import on_download, update_comparison

    args = ("M09B", "bme", "england", "quarter", [], [], "all", None, "")
    with reader():
        content, summary, table, _ = update_comparison(*args)
        download = on_download(1, *args)
    withheld = [r for r in table_rows(table) if r["words"] == WITHHELD]
    assert len(withheld) == 4
    # the counts and the value blank (sorted last), never 0
    assert all(r["numerator"] == r["denominator"] == r["interval"] == "" for r in withheld)
    assert all(r["value"] == "–" and r["sort"]["value"] == "" for r in withheld)
    assert all(r["sort"]["numerator"] == "" for r in withheld)
    assert "4 sites left out (withheld: fewer than 8)" in summary
    assert f"benchmark England: {WITHHELD}" in summary
    words = _words(content)
    assert "4 sites left out (withheld: fewer than 8): on no chart" in words
    assert f"The benchmark, England, is {WITHHELD}" in words
    csv = download["content"]
    lines = [line for line in csv.splitlines() if WITHHELD in line]
    assert len(lines) == 4
    for line in lines:  # numerator, denominator, value and interval empty: never 0
        assert ",,,per 1,000" in line or ",,," in line
        assert ",0," not in line


def test_a_comparison_cached_for_an_administrator_is_not_a_viewers(app):
    """Compare's charts and table are cached (the same comparison is opened again and again):
    by the reader's rights, so that the counts an administrator sees never reach a viewer."""
    from callbacks.compare import update_comparison

    args = ("M09B", "bme", "england", "quarter", [], [], "all", None, "")
    with signed_in_request(app, ADMIN):
        admin_rows = table_rows(update_comparison(*args)[2])
    with signed_in_request(app, VIEWER):
        outputs = update_comparison(*args)
        again = update_comparison(*args)  # the viewer's own, from the cache
    assert not [r for r in admin_rows if r["words"] == WITHHELD]
    assert len([r for r in table_rows(outputs[2]) if r["words"] == WITHHELD]) == 4
    assert again == outputs


def test_site_page_withheld_is_not_no_return(reader):
    from callbacks.site import update_site_content

    with reader():
        page = update_site_content("HMPMH", "")
    text = _words(page)
    assert f"Periods {WITHHELD} (20)" in text
    assert "Periods with no return (1)" in text
    card = _words(_find(page, _with("id", "site-measure-M09B")))
    assert f"BME, Jan–Mar 2010: {WITHHELD}" in card
    assert "No return: " not in card  # the withheld quarters were returned
    assert f"{WITHHELD.capitalize()} (BME): " in card
    quality = _words(_find(page, _with_class("site-data-quality")))
    assert f"Records without ethnicity stated in Jan–Mar 2010: {WITHHELD}" in quality
    assert "100.0%" not in quality  # the withheld not-stated count is not read as none


def test_a_site_page_cached_for_an_administrator_is_not_a_viewers(app):
    """The measures' cards are cached (they took 0.45 s to build at national scale): by the
    reader's rights, so that the counts an administrator sees never reach a viewer."""
    from callbacks.site import update_site_content

    with signed_in_request(app, ADMIN):
        admin = _words(_find(update_site_content("HMPMH", ""), _with("id", "site-measure-M09B")))
    with signed_in_request(app, VIEWER):
        page = update_site_content("HMPMH", "")
        again = update_site_content("HMPMH", "")  # the viewer's own, from the cache
    viewer = _words(_find(page, _with("id", "site-measure-M09B")))
    assert WITHHELD not in admin and f"BME, Jan–Mar 2010: {WITHHELD}" in viewer
    assert _words(again) == _words(page)


def test_present_tiles_and_slides(reader):
    from callbacks.present import update_deck

    with reader():
        deck, _ = update_deck(0, "?measures=M09B")
    tile = _find(deck, _with("data-characteristic", "9"))
    words = _words(tile)
    assert "Withheld" in words and "Transfers from prison to hospital" in words
    assert not NUMBER.search(words)
    slide = _words(_find(deck, _with("data-slide", "9")))
    assert f"Transfers from prison to hospital: {WITHHELD} for BME people" in slide
    assert "rate ratio not given" in slide and not NUMBER.search(slide)


def test_priorities_say_how_many_organisations_are_left_out(reader):
    from callbacks.priorities import update_priorities

    with reader():
        content = update_priorities("detentions", 70, "")
    text = _words(content)
    assert "3 organisations left out (withheld: fewer than 8)" in text


def test_briefing_page_and_html(reader, app, visitor_app):  # noqa: F811
    from callbacks.briefing.page import update_preview

    with reader():
        preview, _ = update_preview("2010-03", "?measures=M09B")
    line = _words(_find(preview, _with("data-characteristic", "9")))
    assert f"Transfers from prison to hospital: {WITHHELD} for BME people" in line
    assert not NUMBER.search(line)
    document = visitor_app.server.test_client().get(
        "/briefing/download.html?measures=M09B&month=2010-03"
    )
    assert document.status_code == 200
    text = html.unescape(document.get_data(as_text=True))
    assert f"{WITHHELD} for BME people in Jan" in text


def test_compare_spine_of_one_site(reader):
    from callbacks.compare import update_spine

    with reader():
        block = update_spine("HMPMH", "bme", "quarter", "")
    table = html.unescape(_words(_find(block, _with_class("data-table"))))
    assert table.count(WITHHELD) >= 3  # M09C, M09D, M12C at HMP Morton Hall


def test_site_page_lists_the_quarters_withheld_also_when_pooled(reader):
    from callbacks.site import update_site_content

    with reader():
        quarterly = _words(update_site_content("HMPMH", ""))
        pooled = _words(update_site_content("HMPMH", "?pool=year"))
    listed = re.compile(r"Periods withheld: fewer than 8 \((\d+)\)")
    assert listed.search(pooled).group(1) == listed.search(quarterly).group(1) == "20"
