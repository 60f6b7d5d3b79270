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

from typing import NamedTuple, Protocol

# The number formats (dashboard/formats.py), re-exported: the pages take them from here.
from dashboard.formats import axis_decimals as axis_decimals
from dashboard.formats import fmt_axis as fmt_axis
from dashboard.formats import fmt_ci as fmt_ci
from dashboard.formats import fmt_date as fmt_date
from dashboard.formats import fmt_interval as fmt_interval
from dashboard.formats import fmt_number as fmt_number
from dashboard.formats import fmt_percent as fmt_percent
from dashboard.formats import fmt_ratio as fmt_ratio
from dashboard.formats import fmt_value as fmt_value
from dashboard.formats import fmt_value_unit as fmt_value_unit
from dashboard.significance import POSITIONS
from dashboard.stats.disclosure import SUPPRESS_UP_TO
from dashboard.stats.funnels import SIDES
from dashboard.stats.spc import TRIAL_POINTS

# Dates, units and words.


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
WITHHELD_WORD = "Withheld"  # one word for a tile
#: A published file's blank (their own disclosure control, PRODUCT.md): never zero.
SUPPRESSED_AT_SOURCE = "suppressed at source"
NO_RETURN = "no return"
#: Why a value is absent (`dashboard.stats.disclosure.STATUSES`), in words.
STATUS_WORDS = {"withheld": WITHHELD, "suppressed": SUPPRESSED_AT_SOURCE, "no_return": NO_RETURN}
#: ... and in one word, in place of a value.
STATUS_WORD = {"withheld": WITHHELD_WORD, "suppressed": "Suppressed", "no_return": "No return"}


def status_words(status: str | None) -> str:
    """Why a value is not shown: 'withheld: fewer than 8', 'suppressed at source', 'no return';
    '' for a value that is shown."""
    return STATUS_WORDS.get(status or "", "")


def left_out(n: int, what: str = "site", reason: str = WITHHELD) -> str:
    """What a figure leaves out, and why: '4 sites left out (withheld: fewer than 8)'."""
    return f"{count_words(n, what)} left out ({reason})"


def hidden_reason(statuses) -> str:
    """Why values are not shown, in words: 'suppressed at source' when every one of
    `statuses` that hides a value is the publisher's, else 'withheld: fewer than 8'."""
    hidden = {s for s in statuses if s in ("withheld", "suppressed")}
    return SUPPRESSED_AT_SOURCE if hidden == {"suppressed"} else WITHHELD


def withheld_words(groups: list[str], when: str = "", reason: str = WITHHELD) -> str:
    """'BME and White British in Jan–Mar 2010: withheld: fewer than 8.'"""
    return f"{' and '.join(groups)}{f' in {when}' if when else ''}: {reason}."


def ratio_not_given(
    ratio_kind: str, comparator: str = "White British", reason: str = WITHHELD
) -> str:
    """'BME : White British rate ratio not given (withheld: fewer than 8)': nothing is derived
    from a withheld value. `comparator` is the measure's ("White" for census groups)."""
    return f"BME : {comparator} {ratio_kind} not given ({reason})"


def periods_withheld(n: int) -> str:
    """'3 periods withheld: fewer than 8 (gaps in the line)'."""
    return f"{count_words(n, 'period')} {WITHHELD} (gaps in the line)"


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


def ratio_figure(ratio_kind: str, ratio: Interval, comparator: str = "White British") -> str:
    """'BME : White British rate ratio 2.28' ('BME : White' for a measure of census groups)."""
    return f"BME : {comparator} {ratio_kind} {fmt_ratio(ratio.value)}"


def ratio_ci(ratio: Interval) -> str:
    """'95% CI 2.05 to 2.53'."""
    return f"95% CI {fmt_ratio(ratio.lower)} to {fmt_ratio(ratio.upper)}"


def ratio_statement(
    ratio_kind: str, ratio: Interval, polarity: str, comparator: str = "White British"
) -> str:
    """'BME : White British rate ratio 2.28 (95% CI 2.05 to 2.53): significantly higher for
    BME people (worse)' — the same sentence on every page."""
    verdict = ratio_verdict(ratio, polarity).words
    return f"{ratio_figure(ratio_kind, ratio, comparator)} ({ratio_ci(ratio)}): {verdict}"


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
    # some of the series is withheld: the rest alone would bias any verdict
    "withheld": ("Withheld", "no verdict on the trend (quarters withheld)"),
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
#: Under pooling, where the verdict comes from (`dashboard.stats.pooling.variation_basis`).
ON_QUARTERS = "judged on the quarters: rolling values overlap, so XmR rules do not apply to them"


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
