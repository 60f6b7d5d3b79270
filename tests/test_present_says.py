"""Present mode says what it shows: each tile names the measure behind its number, a lead
measure without data is said rather than silently replaced, and an unusable `?advance=` or
`?refresh=` is said on screen."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.present import build_presentation, choose_lead, seconds_problem
from dashboard.summaries import MeasureSummary, summarise_measure
from layouts.present import layout as page
from tests.components import prop
from tests.conftest import signed_in_request
from tests.test_vocabulary import _find, _with, _words


@pytest.mark.parametrize(
    ("search", "name", "words"),
    [
        ("?advance=abc", "advance", "?advance=abc is not a number of seconds from 5 to 3600"),
        ("?refresh=-5", "refresh", "?refresh=-5 is not a number of seconds from 5 to 3600"),
        ("?advance=2", "advance", "?advance=2 is not a number of seconds from 5 to 3600"),
        ("?advance=", "advance", "?advance= is not a number of seconds"),
    ],
)
def test_an_unusable_seconds_parameter_is_said(search, name, words):
    problem = seconds_problem(search, name)
    assert problem is not None and problem.startswith(words)
    effect = "do not move" if name == "advance" else "are not refreshed"
    assert effect in problem


@pytest.mark.parametrize("search", ["", "?advance=30", "?refresh=60&advance=3600", "?slide=2"])
def test_a_usable_or_absent_parameter_says_nothing(search):
    assert seconds_problem(search, "advance") is None
    assert seconds_problem(search, "refresh") is None


def test_the_page_shows_the_problems(app):
    from dashboard.loaders import load_catalogue
    from dashboard.selection import Selection

    with signed_in_request(app):
        catalogue = load_catalogue()
        tree = page.layout(Selection(), catalogue, "?advance=abc&refresh=-5")
    text = _words(tree)
    assert "?advance=abc is not a number of seconds" in text
    assert "?refresh=-5 is not a number of seconds" in text
    assert "next slide every" not in text  # nothing runs by itself


def _measure(code: str, name: str, kind: str = "rate") -> pd.Series:
    return pd.Series(
        dict(
            code=code,
            name=name,
            unit="per 100,000",
            kind=kind,
            multiplier=100_000,
            polarity="lower_is_better",
            by_ethnicity=True,
            characteristic=4,
        )
    )


def _with_data(code: str, name: str) -> MeasureSummary:
    totals = pd.DataFrame(
        [("2010Q1", "bme", 40, 10_000, 3), ("2010Q1", "white_british", 90, 60_000, 5)],
        columns=["period", "group", "numerator", "denominator", "sites"],
    )
    return summarise_measure(_measure(code, name), totals, {"2010Q1": "Jan–Mar 2010"}, 10)


def _without_data(code: str, name: str) -> MeasureSummary:
    return MeasureSummary(code, name, "per 100,000", "rate", "lower_is_better", True)


def test_a_lead_without_data_is_said_not_silently_replaced():
    lead, note = choose_lead([_without_data("M04A", "Detentions"), _with_data("M04B", "CTOs")])
    assert lead is not None and lead.code == "M04B"
    assert note == "No data for “Detentions” in this selection: showing “CTOs”."
    lead, note = choose_lead([_with_data("M04A", "Detentions"), _with_data("M04B", "CTOs")])
    assert lead.code == "M04A" and note == ""
    lead, note = choose_lead([_without_data("M04A", "Detentions")])
    assert lead is None and note == "No data for “Detentions” in this selection."


def test_each_tile_names_its_measure_and_the_missing_lead(app):
    from dashboard.loaders import load_catalogue
    from dashboard.overview.data import OverviewData

    with signed_in_request(app):
        catalogue = load_catalogue()
    panels = {n: [] for n in range(1, 13)}
    panels[4] = [_without_data("M04A", "Detentions"), _with_data("M04B", "CTOs")]
    data = OverviewData(panels, ["SLAM"], ["2010Q1"], ["M04A", "M04B"])
    presentation = build_presentation(data, catalogue, "London")
    tile = page.tile(presentation.slides[3])
    text = _words(tile)
    assert "CTOs" in text
    assert "No data for “Detentions” in this selection: showing “CTOs”." in text
    slide = page.characteristic_slide(presentation.slides[3], presentation, 4)
    assert "No data for “Detentions”" in _words(slide)


def test_every_tile_with_a_figure_names_the_measure_behind_it(app):
    from callbacks.present import update_deck

    with signed_in_request(app):
        deck, _ = update_deck(0, "?region=LDN")
    opening = _find(deck, _with("data-slide", "0"))
    for number in range(1, 13):
        tile = _find(opening, _with("data-characteristic", str(number)))
        name = _find(tile, lambda c: "tile-measure" in str(prop(c, "className") or ""))
        figure = _words(_find(tile, lambda c: prop(c, "className") == "tile-figure"))
        assert figure == "–" or (name is not None and _words(name)), number
