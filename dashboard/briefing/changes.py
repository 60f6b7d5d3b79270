"""What changed since last month's briefing: pure functions of what the two briefings show
(new special-cause signals, sites whose significance against England changed, targets newly
met or missed), and the actions overdue, those that fell overdue since last month marked."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.actions import overdue, overdue_mask
from dashboard.briefing.model import Change
from dashboard.overview.data import OverviewData
from dashboard.present import lead_series_small
from dashboard.stats.pooling import WITHHELD_VARIATION
from dashboard.summaries import MeasureSummary
from dashboard.vocabulary import (
    ASSURANCE,
    fmt_value_unit,
    significance_words,
    variation_words,
)

#: XmR variation icon → the tone of its line ("neutral" where the measure has no polarity).
_SIGNAL_TONE = {"improvement": "better", "concern": "worse"}
TONE_ORDER = {"worse": 0, "better": 1, "neutral": 2}


def _summaries(data: OverviewData) -> dict[str, MeasureSummary]:
    return {s.code: s for panel in data.panels.values() for s in panel if s.has_data}


def new_signals(now: OverviewData, before: OverviewData | None) -> list[Change]:
    """Measures whose latest point is a special cause that last month's briefing did not show
    (none on series resting mostly on small numbers, as the slides say)."""
    earlier = _summaries(before) if before is not None else {}
    out = []
    for code, s in _summaries(now).items():
        variation = s.variation or "common_cause"
        if variation in ("common_cause", WITHHELD_VARIATION) or lead_series_small(s):
            continue
        was = earlier.get(code)
        was_variation = (was.variation or "common_cause") if was is not None else "common_cause"
        if was is not None and was_variation == variation:
            continue
        tone = _SIGNAL_TONE.get(variation.split("_")[0], "neutral")
        who = "BME people" if s.by_ethnicity else "all people"
        words, was_words = variation_words(variation), variation_words(was_variation)
        text = f"{s.name}, {who}: {words} in {s.latest_label}; last month: {was_words}."
        out.append(Change(text, tone, code))
    return sorted(out, key=lambda c: TONE_ORDER[c.tone])


SIGNIFICANCE_COLUMNS = ["site", "site_name", "measure", "measure_name", "before", "now", "tone"]


def _against_england(tag: str, polarity: str) -> str:
    """'Significantly worse (95% limits)', 'Similar to England'."""
    return significance_words(tag, polarity, "England")


def significance_changes(measure: pd.Series, now: pd.DataFrame, before: pd.DataFrame):
    """Sites whose place on the funnel against England moved between better, similar and worse
    (or higher and lower) from one quarter to the next, as rows of SIGNIFICANCE_COLUMNS; the
    tone says whether the move is for the better or the worse. `now` and `before` are the
    sites of `compare_sites` (site, name, significance, comparison); a site not compared in
    either quarter is left out, so that a missing return is not news of a change."""
    menu = measure.to_frame().T.set_index("code", drop=False)
    code = measure["code"]
    return changes_by_measure(menu, now.assign(measure=code), before.assign(measure=code))


def changes_by_measure(measures: pd.DataFrame, now: pd.DataFrame, before: pd.DataFrame):
    """`significance_changes` on many measures at once: `now` and `before` with a `measure`
    column (`compare.verdicts.funnel_verdicts` with the sites' names), `measures` indexed by
    code (name, polarity)."""
    judged = ("better", "worse", "similar", "higher", "lower")
    if now.empty or before.empty:
        return pd.DataFrame(columns=SIGNIFICANCE_COLUMNS)
    both = now.merge(before, on=["measure", "site"], suffixes=("", "_before"))
    both = both[both["comparison"].isin(judged) & both["comparison_before"].isin(judged)]
    both = both[both["comparison"] != both["comparison_before"]]
    rank = {"worse": 0, "similar": 1, "better": 2}
    tone = [
        "neutral" if a not in rank or b not in rank else "better" if rank[a] > rank[b] else "worse"
        for a, b in zip(both["comparison"], both["comparison_before"], strict=True)
    ]
    polarity = both["measure"].map(measures["polarity"])
    return pd.DataFrame(
        {
            "site": both["site"].to_numpy(),
            "site_name": both["name"].to_numpy(),
            "measure": both["measure"].to_numpy(),
            "measure_name": both["measure"].map(measures["name"]).to_numpy(),
            "before": [
                _against_england(t, p)
                for t, p in zip(both["significance_before"], polarity, strict=True)
            ],
            "now": [
                _against_england(t, p) for t, p in zip(both["significance"], polarity, strict=True)
            ],
            "tone": tone,
        },
        columns=SIGNIFICANCE_COLUMNS,
    )


def target_changes(site_name: str, now: list, before: list) -> list[Change]:
    """Targets of one site newly met or missed consistently: the assurance of its XmR chart
    (the process limits wholly on one side of the target) that last month's did not show.
    `now` and `before` are the site's MeasureView objects."""
    earlier = {m.code: m.assurance for m in before}
    out = []
    for m in now:
        if m.assurance not in ("consistent_pass", "consistent_fail"):
            continue
        if earlier.get(m.code) == m.assurance:
            continue
        met = m.assurance == "consistent_pass"
        target = fmt_value_unit(m.target, m.kind, m.unit)
        who = "BME people" if m.by_ethnicity else "all people"
        text = f"{site_name}, {m.name} ({who}): target {target} now {ASSURANCE[m.assurance]}."
        out.append(Change(text, "better" if met else "worse"))
    return out


def overdue_actions(actions: pd.DataFrame, as_of: dt.date, since: dt.date) -> pd.DataFrame:
    """The actions overdue on `as_of` as the action plans judge them (due before it and not
    done), the longest overdue first, with `new`: not yet overdue on `since` (the day last
    month's briefing judged)."""
    if actions.empty:
        return actions.assign(new=pd.Series(dtype=bool))
    late = overdue(actions, as_of)
    return late.assign(new=~overdue_mask(late, since)).reset_index(drop=True)


# The briefing, assembled through the loaders.
