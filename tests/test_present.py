"""The Present page's data: the one message of each slide in words, the slides built from the
data, the page's own parameters, and the slides and the deck's callback on the demonstration
data."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.overview.data import OverviewData
from dashboard.present import (
    build_presentation,
    change,
    lead_measure,
    message,
    presentation,
    seconds_param,
    start_slide,
    verdict,
)
from dashboard.selection import Selection
from dashboard.summaries import summarise_measure
from dashboard.vocabulary import ratio_verdict
from tests.components import find_all, prop
from tests.conftest import signed_in_request
from tests.present_helpers import LABELS, PERIODS, catalogue, measure, summary

# The data functions: the one message in words.


def test_a_significant_ratio_is_worded_by_polarity():
    s = summary()  # 400 against 78 per 100,000: about five times, lower is better
    assert ratio_verdict(s.ratio, s.polarity)[:2] == (
        "significantly higher for BME people (worse)",
        "worse",
    )
    better = summary(polarity="higher_is_better")
    assert ratio_verdict(better.ratio, better.polarity).tone == "better"
    neutral = summary(polarity="no_judgement")
    assert ratio_verdict(neutral.ratio, neutral.polarity)[:2] == (
        "significantly higher for BME people",
        "different",
    )
    assert verdict(s) == ("Worse", "worse")


def test_no_significance_is_claimed_on_small_numbers_or_an_interval_across_one():
    small = summary(bme=(4, 1_000), wb=(30, 9_000))
    assert small.ratio.small
    assert ratio_verdict(small.ratio, small.polarity)[:2] == (
        "numbers too small to judge a difference",
        "small",
    )
    assert change(small) == "numbers too small to judge a change"
    assert verdict(small) == ("Too small to judge", "small")
    same = summary(bme=(100, 10_000), wb=(900, 90_000))
    assert ratio_verdict(same.ratio, same.polarity)[:2] == ("no significant difference", "similar")


def test_the_message_carries_the_ratio_its_interval_and_the_trend():
    s = summary()
    text = message(s)
    r = s.ratio
    assert text.startswith("Detentions under the Mental Health Act, BME : White British rate")
    assert f"rate ratio {r.value:.2f} (95% CI {r.lower:.2f} to {r.upper:.2f})" in text
    assert "significantly higher for BME people (worse)." in text
    assert text.endswith(
        "For BME people, no significant change (common-cause variation) in 8 quarters."
    )


def test_a_measure_without_ethnicity_is_worded_by_its_value():
    rows = [("M12A", p, "all", 50, 100, 3) for p in PERIODS]
    totals = pd.DataFrame(
        rows, columns=["measure", "period", "group", "numerator", "denominator", "sites"]
    )
    staff_trained = measure(
        code="M12A",
        name="Staff trained",
        unit="%",
        kind="proportion",
        multiplier=100,
        by_ethnicity=False,
    )
    s = summarise_measure(staff_trained, totals, LABELS, threshold=10)
    text = message(s)
    assert text.startswith("Staff trained: 50.0% for all people in Q4 2009 (95% CI ")
    assert text.endswith("Overall, no significant change (common-cause variation) in 8 quarters.")
    assert verdict(s) == ("Stable", "trend")


def test_the_lead_measure_is_the_first_with_a_ratio_else_the_first_with_data():
    no_data = summary(periods=[], code="M04C")
    no_ratio = summary(kind="mean", code="M04D")
    with_ratio = summary(code="M04E")
    assert lead_measure([no_data, no_ratio, with_ratio]) is with_ratio
    assert lead_measure([no_data, no_ratio]) is no_ratio
    assert lead_measure([no_data]) is None
    assert lead_measure([]) is None


def test_build_presentation_says_why_a_slide_is_empty():
    data = OverviewData(
        panels={n: [] for n in range(1, 13)} | {4: [summary()], 5: [summary(periods=[])]},
        sites=["SLAM"],
        periods=PERIODS,
        measures=["M04A"],
    )
    p = build_presentation(data, catalogue(), "London")
    assert [s.number for s in p.slides] == list(range(1, 13))
    assert p.period == "Q1 2008 to Q4 2009" and p.notice is None
    slide = {s.number: s for s in p.slides}
    four, five, six = slide[4], slide[5], slide[6]
    assert four.lead is not None and four.source == "KP90 return" and four.tone == "worse"
    assert five.message == "No figures for the selected sites and period."
    assert five.verdict == "No data"
    assert six.message.startswith("No measure of this characteristic is chosen")
    assert six.verdict == "Not chosen"
    nobody = build_presentation(OverviewData({}, [], PERIODS, []), catalogue(), "")
    assert nobody.notice.startswith("No site matches this selection")
    assert all(s.message == nobody.notice for s in nobody.slides)


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("?advance=30", 30),
        ("?region=LDN&advance=5", 5),
        ("?advance=3600", 3600),
        ("?advance=4", None),
        ("?advance=3601", None),
        ("?advance=30.5", None),
        ("?advance=-10", None),
        ("?advance=soon", None),
        ("", None),
    ],
)
def test_seconds_are_integers_from_5_to_3600(search, expected):
    assert seconds_param(search, "advance") == expected


def test_the_starting_slide_is_one_based_and_validated():
    assert start_slide("?slide=5", 13) == 4
    assert start_slide("?slide=13", 13) == 12
    assert start_slide("?slide=14", 13) == 0
    assert start_slide("?slide=0", 13) == 0
    assert start_slide("?slide=x", 13) == 0


# The slides from the demonstration data.


def test_presentation_from_the_demonstration_data(app):
    from dashboard.loaders import load_catalogue

    with app.server.app_context():
        catalogue = load_catalogue()
        p = presentation(Selection(regions=("LDN",)).validated(catalogue), catalogue)
        nobody = presentation(
            Selection(trusts=("DORPCT",), regions=("LDN",)).validated(catalogue), catalogue
        )
    assert p.context.startswith("London · 10 sites · Apr–Jun 2005 to Jan–Mar 2010")
    detention = next(s for s in p.slides if s.number == 4)
    assert detention.lead.code == "M04A"
    assert re.match(
        r"Detentions under the Mental Health Act, BME : White British rate ratio \d\.\d\d "
        r"\(95% CI \d\.\d\d to \d\.\d\d\): significantly higher for BME people \(worse\)\.",
        detention.message,
    )
    assert "20 quarters" in detention.message
    assert nobody.notice and all(s.lead is None for s in nobody.slides)


def _id_type(component_id) -> str | None:
    return component_id.get("type") if isinstance(component_id, dict) else None


def test_deck_callback_rebuilds_the_slides_and_says_when(app):
    from callbacks.present import update_deck
    from layouts.present import ids

    with signed_in_request(app):
        deck, updated = update_deck(0, "?region=LDN")
        again, updated_refresh = update_deck(3, "?region=LDN&refresh=60")
    *sections, figures = deck
    assert len(sections) == 13 and updated == ""
    assert len(again) == 14 and re.fullmatch(r" · updated \d\d:\d\d:\d\d", updated_refresh)
    # no graph on arrival: each data slide's place for its chart waits, empty, for its slide,
    # to be given a graph of its figure from the store (the deck in its JSON form, as sent)
    assert not find_all(sections, lambda c: c.get("type") == "Graph")
    places = find_all(sections, lambda c: _id_type(prop(c, "id")) == ids.SLIDE_CHART)
    assert places and not any(prop(p, "children") for p in places)
    stored = prop(figures, "data")
    assert sorted(stored, key=int) == sorted((str(prop(p, "id")["index"]) for p in places), key=int)
    assert all(f["data"] for f in stored.values())
    assert again == deck  # a refresh tick's slides, read afresh, are the cached ones


def test_a_refresh_tick_reads_the_database_not_the_cache(app, monkeypatch):
    from callbacks.present import update_deck
    from data_access import totals

    calls = []

    def counted(real):
        def read(*args, **kwargs):
            calls.append(1)
            return real(*args, **kwargs)

        return read

    # a whole region is read from the summary by area (once per region), other
    # selections by site
    for name in ("group_totals", "area_totals"):
        monkeypatch.setattr(totals, name, counted(getattr(totals, name)))
    with signed_in_request(app):
        update_deck(0, "?region=NW&refresh=60")
        reads = len(calls)
        assert reads >= 1
        update_deck(0, "?region=NW&refresh=60")  # the page opened again: cached
        assert len(calls) == reads
        update_deck(1, "?region=NW&refresh=60")  # a refresh tick: read again
        assert len(calls) == 2 * reads
