"""Every sentence that states a statistical finding, and every number format, in one place.

A verdict must read the same wherever it is shown: the overview's panels, the characteristic
and site pages, the compare page, the presentation, the briefing (page, HTML and PDF) and the
files people download. So the pages, the briefing and the exports take their words from here
and never write their own: the BME : White British ratio's verdict by the measure's polarity,
a site against a benchmark, the XmR variation and assurance ("Making Data Count"), small
numbers, withheld values, overdue actions, and values and intervals as the measure shows them.

Pure Python on plain values (no Dash, no Flask): the statistics decide, this module words.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import NamedTuple, Protocol

import pandas as pd

from dashboard.significance import POSITIONS
from dashboard.stats.disclosure import SUPPRESS_UP_TO
from dashboard.stats.funnels import SIDES
from dashboard.stats.spc import TRIAL_POINTS

# Values and intervals.


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_value(value: float | None, kind: str, unit: str = "") -> str:
    """A value as the measure shows it: '12.3%', '223.4', '3', '40% of sites'; '–' for none."""
    if _missing(value):
        return "–"
    if kind == "proportion" and unit == "%":
        return f"{value:.1f}%"
    if kind == "milestone":
        return f"{value:.0f}% of sites"
    if kind == "count":
        return f"{value:,.0f}"
    return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"


def fmt_value_unit(value: float | None, kind: str, unit: str) -> str:
    """A value with its unit in a sentence: '12.3%', '223.4 per 100,000 population'."""
    text = fmt_value(value, kind, unit)
    return text if unit == "%" or kind == "milestone" else f"{text} {unit}"


def fmt_interval(lower: float | None, upper: float | None, kind: str, unit: str = "") -> str:
    """A 95% interval in the measure's units: '10.2% to 14.8%'; 'no interval' without one."""
    if any(_missing(v) for v in (lower, upper)):
        return "no interval"
    return f"{fmt_value(lower, kind, unit)} to {fmt_value(upper, kind, unit)}"


def fmt_ci(lower: float | None, upper: float | None, kind: str, unit: str = "") -> str:
    """'95% CI 10.2% to 14.8%', or 'no interval'."""
    interval = fmt_interval(lower, upper, kind, unit)
    return interval if interval == "no interval" else f"95% CI {interval}"


def fmt_ratio(value: float) -> str:
    """A ratio to two decimals: '2.28'."""
    return f"{value:.2f}"


def fmt_percent(share: float) -> str:
    """A share (0 to 1) as a whole percentage: '12%'."""
    return f"{share:.0%}"


def fmt_number(value: float) -> str:
    """A plain number for a small chart's axis: '2.28' below 10, '1,234' from 10."""
    return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.0f}"


def fmt_date(value: object) -> str:
    """'31 Mar 2010' ('' for no date)."""
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return ""
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%b %Y}"


_SHORT_UNITS = {
    "per 100,000 population per year": "per 100,000/yr",
    "per 100,000 population": "per 100,000",
    "per 1,000 occupied bed days": "per 1,000 bed days",
    "per 1,000 prisoners per year": "per 1,000/yr",
}


def short_unit(unit: str) -> str:
    """A unit short enough for the vertical axis of a small chart."""
    return _SHORT_UNITS.get(unit, unit if len(unit) <= 18 else unit.split(" in ")[0][:18])


def count_words(n: int, what: str) -> str:
    """'no action', '1 action', '2 actions'."""
    return f"{n or 'no'} {what}{'' if n in (0, 1) else 's'}"


def sentence_case(text: str) -> str:
    """The words as a label or the start of a sentence: first letter upper case."""
    return text[:1].upper() + text[1:]


# Small numbers and withheld values.

SMALL_NUMBERS = "Small numbers"
SMALL_MARK = "†"
TOO_FEW = "too few for a reliable estimate"
POOL_ADVICE = "Pool periods (rolling year) or sites before drawing conclusions."
#: No significance is claimed on small numbers: what is said instead.
SMALL_DIFFERENCE = "numbers too small to judge a difference"
SMALL_CHANGE = "numbers too small to judge a change"
SMALL_VALUE = "numbers too small to be reliable"
SMALL_WORD = "Too small to judge"  # one word for a tile
#: Disclosure control (NHS Digital): counts of 1 to SUPPRESS_UP_TO are not shown.
WITHHELD = f"withheld: fewer than {SUPPRESS_UP_TO + 1}"


def small_numbers_rule(threshold: int, kind: str | None = None) -> str:
    """The rule of `dashboard.summaries.is_small` for a measure of `kind` (any kind when None):
    'fewer than 10 events', 'fewer than 10 events or 30 people' (a proportion)."""
    events, people = f"fewer than {threshold} events", f"{3 * threshold} people"
    if kind is None:
        return f"{events} (or, for a proportion, fewer than {people})"
    return f"{events} or {people}" if kind == "proportion" else events


def small_numbers_words(
    groups: list[str], threshold: int, kind: str | None = None, when: str = ""
) -> str:
    """'BME in Jan–Mar 2010: fewer than 10 events, too few for a reliable estimate.'"""
    who = " and ".join(groups) + (f" in {when}" if when else "")
    return f"{who}: {small_numbers_rule(threshold, kind)}, {TOO_FEW}."


def small_reason(numerator: int, denominator: int, kind: str, threshold: int) -> str:
    """'† 16 of 18 people: fewer than 30 people, too few for a reliable estimate.'"""
    if kind == "proportion":
        people = "person" if denominator == 1 else "people"
        count = f"{numerator:,} of {denominator:,} {people}"
    else:
        count = f"{numerator:,} event{'' if numerator == 1 else 's'}"
    reasons = []
    if numerator < threshold:
        reasons.append(f"fewer than {threshold} events")
    if kind == "proportion" and denominator < 3 * threshold:
        reasons.append(f"fewer than {3 * threshold} people")
    return f"{SMALL_MARK} {count}: {' and '.join(reasons)}, {TOO_FEW}."


# The BME : White British ratio.


class Interval(Protocol):
    """A ratio with its 95% interval and small-numbers flag (`dashboard.summaries.Estimate`)."""

    @property
    def value(self) -> float: ...
    @property
    def lower(self) -> float: ...
    @property
    def upper(self) -> float: ...
    @property
    def small(self) -> bool: ...


class Verdict(NamedTuple):
    """A finding in words, its tone (worse, better, similar, different, small, none) for
    colour, and one word for a tile."""

    words: str
    tone: str
    word: str


def ratio_verdict(ratio: Interval | None, polarity: str) -> Verdict:
    """The BME : White British ratio in words: significant only when its 95% interval excludes
    1 and neither group rests on small numbers; then higher or lower for BME people, and
    better or worse by the measure's polarity (none where it has no judgement)."""
    if ratio is None:
        return Verdict("", "none", "")
    if ratio.small:
        return Verdict(SMALL_DIFFERENCE, "small", SMALL_WORD)
    if not (ratio.lower > 1 or ratio.upper < 1):
        return Verdict("no significant difference", "similar", "Similar")
    higher = ratio.lower > 1
    side = "higher" if higher else "lower"
    words = f"significantly {side} for BME people"
    if polarity not in ("higher_is_better", "lower_is_better"):
        return Verdict(words, "different", sentence_case(side))
    worse = higher == (polarity == "lower_is_better")
    judgement = "worse" if worse else "better"
    return Verdict(f"{words} ({judgement})", judgement, sentence_case(judgement))


def ratio_figure(ratio_kind: str, ratio: Interval) -> str:
    """'BME : White British rate ratio 2.28'."""
    return f"BME : White British {ratio_kind} {fmt_ratio(ratio.value)}"


def ratio_ci(ratio: Interval) -> str:
    """'95% CI 2.05 to 2.53'."""
    return f"95% CI {fmt_ratio(ratio.lower)} to {fmt_ratio(ratio.upper)}"


def ratio_statement(ratio_kind: str, ratio: Interval, polarity: str) -> str:
    """'BME : White British rate ratio 2.28 (95% CI 2.05 to 2.53): significantly higher for
    BME people (worse)' — the same sentence on every page."""
    verdict = ratio_verdict(ratio, polarity).words
    return f"{ratio_figure(ratio_kind, ratio)} ({ratio_ci(ratio)}): {verdict}"


# XmR variation and assurance (NHS England, "Making Data Count").

SPECIAL_CAUSE_IMPROVEMENT = "special-cause improvement"
SPECIAL_CAUSE_CONCERN = "special-cause concern"
SPECIAL_CAUSE_NEUTRAL = "special-cause variation"
COMMON_CAUSE = "no significant change (common-cause variation)"
_HIGHER, _LOWER = "(higher values)", "(lower values)"

#: XmR variation icon → (one word for a tile, the finding in words)
VARIATION = {
    "common_cause": ("Stable", COMMON_CAUSE),
    "improvement_high": ("Improving", f"{SPECIAL_CAUSE_IMPROVEMENT} {_HIGHER}"),
    "improvement_low": ("Improving", f"{SPECIAL_CAUSE_IMPROVEMENT} {_LOWER}"),
    "concern_high": ("Concern", f"{SPECIAL_CAUSE_CONCERN} {_HIGHER}"),
    "concern_low": ("Concern", f"{SPECIAL_CAUSE_CONCERN} {_LOWER}"),
    "neutral_high": ("Rising", f"{SPECIAL_CAUSE_NEUTRAL} {_HIGHER}"),
    "neutral_low": ("Falling", f"{SPECIAL_CAUSE_NEUTRAL} {_LOWER}"),
}
#: XmR point type → the point in words (a chart's legend, a table's note)
POINT_WORDS = {
    "common_cause": "common-cause variation",
    "special_cause_improvement": SPECIAL_CAUSE_IMPROVEMENT,
    "special_cause_concern": SPECIAL_CAUSE_CONCERN,
    "special_cause_neutral_high": f"{SPECIAL_CAUSE_NEUTRAL} {_HIGHER}",
    "special_cause_neutral_low": f"{SPECIAL_CAUSE_NEUTRAL} {_LOWER}",
}
#: Assurance icon → whether the target is met: 'target consistently met'
ASSURANCE = {
    "consistent_pass": "consistently met",
    "consistent_fail": "consistently missed",
    "inconsistent": "met or missed by chance",
}
TRIAL_LIMITS = f"trial limits: fewer than {TRIAL_POINTS} points"


def variation_words(variation: str | None) -> str:
    """The XmR verdict on a series in words: 'special-cause concern (higher values)'; '' for
    no verdict."""
    return VARIATION[variation][1] if variation in VARIATION else ""


def variation_word(variation: str | None, small: bool = False) -> str:
    """One word for a tile: 'Stable', 'Improving', 'Concern', 'Rising', 'Falling'; none
    claimed on a series that rests mostly on small numbers."""
    if small:
        return SMALL_WORD
    return VARIATION[variation][0] if variation in VARIATION else "No trend"


def assurance_words(assurance: str | None) -> str:
    """'target consistently met', '… missed', '… met or missed by chance'; '' for none."""
    return f"target {ASSURANCE[assurance]}" if assurance in ASSURANCE else ""


def xmr_words(
    variation: str | None, assurance: str | None = None, trial: bool = False
) -> list[str]:
    """The variation, the assurance and trial limits as labels, as a chart's subtitle lists
    them: ['Special-cause concern (higher values)', 'Target consistently met']."""
    words = [variation_words(variation) or "no data", assurance_words(assurance)]
    words.append(TRIAL_LIMITS if trial else "")
    return [sentence_case(w) for w in words if w]


# A value against a benchmark (PHE Fingertips).


def significance_words(
    category: str, polarity: str, benchmark: str = "the benchmark", limits: bool = True
) -> str:
    """A place against a benchmark (`dashboard.significance`) in words that follow the polarity:
    on a funnel 'Significantly worse (99.8% limits)', for an interval (`limits=False`)
    'Significantly worse than London'; 'Similar to England', 'Not compared', and on small
    numbers 'Numbers too small to judge a difference' (with the benchmark, for an interval)."""
    if category == "similar":
        return f"Similar to {benchmark}"
    if category == "small":
        return sentence_case(SMALL_DIFFERENCE + ("" if limits else f" with {benchmark}"))
    if category not in POSITIONS:
        return "Not compared"
    high, low = SIDES.get(polarity, SIDES["no_judgement"])
    word = high if category.startswith("high") else low
    if not limits:
        return f"Significantly {word} than {benchmark}"
    return f"Significantly {word} ({'99.8' if category.endswith('998') else '95'}% limits)"


# Action plans.

OVERDUE = "Overdue"


def overdue_meaning(as_of: object) -> str:
    """What overdue means (`dashboard.actions.overdue_mask`): 'due before 31 Mar 2010 and not
    done'."""
    return f"due before {fmt_date(as_of)} and not done"


def overdue_count(n: int) -> str:
    """'2 overdue', 'None overdue'."""
    return f"{n} overdue" if n else "None overdue"


def plans_overdue(n: int, new: int, month: str, as_of: object) -> str:
    """'3 actions of the plans are overdue (due before 31 Mar 2010 and not done); 2 fell
    overdue in March 2010.', 'No action of the plans is overdue (…).'"""
    text = f"{count_words(n, 'action')} of the plans {'are' if n > 1 else 'is'} overdue"
    text = sentence_case(f"{text} ({overdue_meaning(as_of)})")
    return f"{text}; {new or 'none'} fell overdue in {month}." if n else f"{text}."


# Chart axes.


def axis_decimals(low: float, high: float) -> int:
    """The decimals every tick of an axis from `low` to `high` needs: enough for the finest step
    a chart picks there (1, 2 or 5 × 10^k, at least a tenth of the span), and no more."""
    step = abs(high - low) / 10 or abs(high) / 10 or 0.1
    exponent = math.floor(math.log10(step))
    if step / 10**exponent > 5:  # the step rounds up to the next power of ten
        exponent += 1
    return max(0, -exponent)


def fmt_axis(values: list[float], low: float, high: float) -> list[str]:
    """Labels on an axis from `low` to `high`, every one in the same format: '0' and '14',
    '95.4' and '100.0'; never '-0'."""
    decimals = axis_decimals(low, high)
    return [f"{round(v, decimals) + 0.0:,.{decimals}f}" for v in values]
