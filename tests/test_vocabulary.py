"""One vocabulary: every statistical finding in the words of `dashboard.vocabulary`, and the
same finding in the same words on the overview, the characteristic and site pages, the
presentation and the briefing."""

from __future__ import annotations

import ast
import datetime as dt
import html as html_text
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.actions import overdue_mask
from dashboard.summaries import Estimate
from dashboard.vocabulary import (
    WITHHELD,
    fmt_ci,
    fmt_date,
    fmt_interval,
    fmt_number,
    fmt_percent,
    fmt_ratio,
    fmt_value,
    fmt_value_unit,
    overdue_count,
    overdue_meaning,
    plans_overdue,
    ratio_statement,
    ratio_verdict,
    short_unit,
    significance_words,
    small_numbers_rule,
    small_numbers_words,
    small_reason,
    variation_word,
    variation_words,
    xmr_words,
)
from tests import components

ROOT = Path(__file__).resolve().parents[1]


def _ratio(lower: float, upper: float, small: bool = False) -> Estimate:
    return Estimate((lower + upper) / 2, lower, upper, 40, 30, small)


HIGHER, LOWER, ACROSS = _ratio(1.5, 2.5), _ratio(0.4, 0.8), _ratio(0.8, 1.3)
HI, LO = "significantly higher for BME people", "significantly lower for BME people"


# The BME : White British ratio.


@pytest.mark.parametrize(
    ("ratio", "polarity", "words", "tone", "word"),
    [
        (HIGHER, "lower_is_better", f"{HI} (worse)", "worse", "Worse"),
        (HIGHER, "higher_is_better", f"{HI} (better)", "better", "Better"),
        (LOWER, "lower_is_better", f"{LO} (better)", "better", "Better"),
        (LOWER, "higher_is_better", f"{LO} (worse)", "worse", "Worse"),
        (HIGHER, "no_judgement", HI, "different", "Higher"),
        (LOWER, "no_judgement", LO, "different", "Lower"),
        (ACROSS, "lower_is_better", "no significant difference", "similar", "Similar"),
        (ACROSS, "higher_is_better", "no significant difference", "similar", "Similar"),
        (ACROSS, "no_judgement", "no significant difference", "similar", "Similar"),
    ],
)
def test_the_ratio_verdict_follows_the_interval_and_polarity(ratio, polarity, words, tone, word):
    """Better or worse only where the measure has a polarity; higher or lower as it is."""
    assert ratio_verdict(ratio, polarity) == (words, tone, word)


@pytest.mark.parametrize("ratio", [_ratio(1.5, 2.5, True), _ratio(0.4, 0.8, True)])
@pytest.mark.parametrize("polarity", ["lower_is_better", "higher_is_better", "no_judgement"])
def test_no_significance_is_claimed_on_small_numbers(ratio, polarity):
    verdict = ratio_verdict(ratio, polarity)
    assert verdict == ("numbers too small to judge a difference", "small", "Too small to judge")
    assert "significant" not in ratio_statement("rate ratio", ratio, polarity)


def test_no_ratio_has_no_verdict_and_the_statement_carries_the_interval():
    assert ratio_verdict(None, "lower_is_better") == ("", "none", "")
    assert ratio_statement("rate ratio", Estimate(2.284, 2.05, 2.531, 9, 9), "lower_is_better") == (
        "BME : White British rate ratio 2.28 (95% CI 2.05 to 2.53): "
        "significantly higher for BME people (worse)"
    )


# XmR variation and assurance, a value against a benchmark.


def test_variation_and_assurance_in_words():
    assert variation_words("common_cause") == "no significant change (common-cause variation)"
    assert variation_words("concern_high") == "special-cause concern (higher values)"
    assert variation_words("improvement_low") == "special-cause improvement (lower values)"
    assert variation_words("neutral_high") == "special-cause variation (higher values)"
    assert variation_words(None) == variation_words("nonsense") == ""
    assert variation_word("improvement_high") == "Improving" and variation_word(None) == "No trend"
    assert variation_word("concern_low", small=True) == "Too small to judge"
    assert xmr_words("concern_low", "inconsistent", trial=True) == [
        "Special-cause concern (lower values)",
        "Target met or missed by chance",
        "Trial limits: fewer than 12 points",
    ]
    assert xmr_words(None, "consistent_pass") == ["No data", "Target consistently met"]


def test_significance_against_a_benchmark_follows_the_polarity():
    assert significance_words("high_998", "lower_is_better") == "Significantly worse (99.8% limits)"
    assert significance_words("low_95", "lower_is_better") == "Significantly better (95% limits)"
    assert significance_words("high_95", "no_judgement") == "Significantly higher (95% limits)"
    assert significance_words("similar", "higher_is_better", "England") == "Similar to England"
    assert significance_words("not_compared", "no_judgement") == "Not compared"
    interval = {"benchmark": "London", "limits": False}
    assert significance_words("high_95", "lower_is_better", **interval) == (
        "Significantly worse than London"
    )
    assert significance_words("low_95", "no_judgement", **interval) == (
        "Significantly lower than London"
    )
    assert significance_words("similar", "no_judgement", **interval) == "Similar to London"
    assert significance_words("none", "no_judgement", **interval) == "Not compared"


# Numbers, small numbers, withheld values, overdue actions.


def test_values_intervals_and_units():
    assert fmt_value(12.345, "proportion", "%") == "12.3%"
    assert fmt_value(223.44, "rate") == "223.4" and fmt_value(2.345, "rate") == "2.35"
    assert fmt_value(1234.0, "count") == "1,234" and fmt_value(40.0, "milestone") == "40% of sites"
    assert fmt_value(float("nan"), "rate") == fmt_value(None, "rate") == "–"
    assert fmt_value_unit(223.44, "rate", "per 100,000") == "223.4 per 100,000"
    assert fmt_value_unit(12.3, "proportion", "%") == "12.3%"
    assert fmt_interval(10.21, 14.79, "proportion", "%") == "10.2% to 14.8%"
    assert fmt_interval(float("nan"), 3.0, "rate") == fmt_ci(None, 3.0, "rate") == "no interval"
    assert fmt_ci(1.0, 2.0, "rate") == "95% CI 1.00 to 2.00"
    assert fmt_ratio(2.284) == "2.28" and fmt_percent(0.0649) == "6%"
    assert fmt_number(2.284) == "2.28" and fmt_number(1234.4) == "1,234"
    assert short_unit("per 100,000 population per year") == "per 100,000/yr"
    assert fmt_date(dt.date(2010, 3, 5)) == "5 Mar 2010" and fmt_date(None) == ""


def test_small_numbers_say_the_rule_of_the_measure_kind():
    assert small_numbers_rule(10, "rate") == "fewer than 10 events"
    assert small_numbers_rule(10, "proportion") == "fewer than 10 events or 30 people"
    assert "for a proportion, fewer than 30 people" in small_numbers_rule(10)
    assert small_numbers_words(["BME", "White British"], 10, "rate", "Q1 2010") == (
        "BME and White British in Q1 2010: fewer than 10 events, too few for a reliable estimate."
    )
    assert small_reason(16, 18, "proportion", 10) == (
        "† 16 of 18 people: fewer than 30 people, too few for a reliable estimate."
    )
    assert small_reason(1, 10_000, "rate", 10).startswith("† 1 event: fewer than 10 events")


def test_withheld_values_follow_disclosure_control():
    from dashboard.stats import disclosure_control

    shown = disclosure_control(pd.DataFrame({"numerator": [7, 8]}))
    assert shown["suppressed"].tolist() == [True, False]
    assert WITHHELD == "withheld: fewer than 8"


def test_overdue_is_due_before_the_date_and_not_done():
    as_of = dt.date(2010, 3, 31)
    plan = pd.DataFrame(
        {
            "due_date": [dt.date(2010, 3, 30), dt.date(2010, 3, 30), dt.date(2010, 3, 31)],
            "status": ["on_track", "done", "on_track"],
        }
    )
    assert overdue_mask(plan, as_of).tolist() == [True, False, False]
    assert overdue_meaning(as_of) == "due before 31 Mar 2010 and not done"
    assert overdue_count(2) == "2 overdue" and overdue_count(0) == "None overdue"
    assert plans_overdue(0, 0, "March 2010", as_of) == (
        "No action of the plans is overdue (due before 31 Mar 2010 and not done)."
    )
    assert plans_overdue(3, 2, "March 2010", as_of) == (
        "3 actions of the plans are overdue (due before 31 Mar 2010 and not done); "
        "2 fell overdue in March 2010."
    )


# One module holds the words.


@pytest.mark.slow
def test_the_vocabulary_needs_neither_dash_nor_flask():
    code = "import sys, dashboard.vocabulary; print(sorted({'dash', 'flask'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stderr


#: Words that state a finding: only `dashboard/vocabulary.py` may write them.
FINDING_WORDS = ("significantly", "no significant", "too small to judge", "common cause")


def _string_literals(path: Path):
    """The string constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if text and id(node) not in docstrings:
            yield node.lineno, node.value


def test_no_page_writes_a_finding_in_its_own_words():
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text[:60]!r}"
        for folder in ("dashboard", "layouts", "callbacks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "vocabulary.py"
        for line, text in _string_literals(path)
        if any(w in text.lower().replace("-", " ") for w in FINDING_WORDS)
    ]
    assert found == []


# The same measure under the same selection, in the same words on every page.


def _words(component) -> str:
    """The text a component (or its JSON form, as a callback sends it) shows, as the
    browser's textContent would join it."""
    return "" if component is None else components.text(component)


def _find(component, predicate):
    """The first component of the tree for which `predicate` holds, else None."""
    return next((c for c in components.walk(component) if predicate(c)), None)


def _with(name: str, value: str):
    """A predicate: the component's property `name` is `value`."""
    return lambda c: components.prop(c, name) == value


def _with_class(name: str):
    """A predicate: the component has the CSS class `name`."""
    return lambda c: name in str(components.prop(c, "className") or "").split()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("site", "variation"),
    [
        ("SLAM", "no significant change (common-cause variation)"),
        ("OXLEAS", "special-cause concern (higher values)"),
    ],
)
def test_one_measure_reads_the_same_on_every_page(app, client, site, variation):
    """Detentions (M04A) at one London site: its BME : White British ratio and its XmR
    variation in the same words on the overview's panel, the characteristic page, the site
    page, the presentation and the briefing."""
    from callbacks.overview import update_panels
    from callbacks.present import update_deck
    from callbacks.site import update_site_content
    from dashboard.loaders import load_catalogue
    from dashboard.overview.data import menu_value, overview_data
    from dashboard.selection import Selection
    from layouts.characteristic import layout as characteristic_page
    from tests.components import read_panels
    from tests.conftest import signed_in_request

    search = f"?region=LDN&trust={site}"
    with signed_in_request(app):
        catalogue = load_catalogue()
        selection = Selection.from_query(search).validated(catalogue)
        menu = menu_value(selection, catalogue)
        summary = next(
            s for s in overview_data(selection, catalogue, menu).panels[4] if s.code == "M04A"
        )
        panels = read_panels(update_panels(["LDN"], [site], "all", None, menu))
        characteristic = characteristic_page.layout(
            selection, catalogue, search + "&measure=M04A", number="4"
        )
        site_page = update_site_content(site, search)
        deck, _ = update_deck(0, search)
    briefing = client.get(f"/briefing/download.html{search}&month=2010-03")
    assert briefing.status_code == 200

    statement = ratio_statement(summary.ratio_kind, summary.ratio, summary.polarity)
    assert statement.endswith("significantly higher for BME people (worse)")
    assert variation_words(summary.variation) == variation
    briefing_text = html_text.unescape(re.sub(r"<[^>]+>", "", briefing.get_data(as_text=True)))
    pages = {
        "overview": _words(_find(panels[3], _with("data-measure", "M04A"))),
        "characteristic": _words(_find(characteristic, _with_class("cm-measure-heading"))),
        "site": _words(_find(site_page, _with("id", "site-measure-M04A"))),
        "present": _words(_find(deck, _with("data-slide", "4"))),
        "briefing": briefing_text,
    }
    for page, text in pages.items():
        assert f"{statement}." in text, page
        assert variation in text.lower(), page
    assert f"Detentions under the Mental Health Act, {statement}. For BME people, {variation}" in (
        briefing_text
    )
