"""The cascade briefing: a monthly written update for the current selection (the national
review's recommendation that progress be "cascaded" to staff every month).

The data are quarterly, so the briefing for a month shows the latest quarter that ended on or
before the end of that month, and "what changed" compares it with what the previous month's
briefing showed: measures whose latest point is a new special-cause signal (XmR), sites whose
funnel significance against England changed, targets newly met or missed (Making Data Count
assurance, as the My site page judges them), and actions of the sites' plans that fell overdue
during the month. Every figure comes through the overview, compare and My site functions, and
so through the loaders' disclosure control: a viewer's briefing is as safe as their pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
from flask import current_app

from dashboard.actions import overdue_mask
from dashboard.briefing.months import (
    at_period,
    checked_month,
    month_at,
    month_code,
    month_index,
    month_label,
    period_for_month,
)
from dashboard.characteristic import ratio_series
from dashboard.compare.data import FUNNEL_KINDS, compare_data
from dashboard.loaders import database, load_site_targets, load_site_totals
from dashboard.overview.data import OverviewData, menu_value, overview_data
from dashboard.present import build_presentation, lead_series_small, selection_words
from dashboard.selection import POOLING_PREFIX, POOLING_WINDOWS, Catalogue, Selection
from dashboard.site.data import pooled
from dashboard.site.measure_view import measure_view
from dashboard.summaries import MeasureSummary
from dashboard.vocabulary import (
    ASSURANCE,
    count_words,
    fell_overdue,
    fmt_value_unit,
    significance_words,
    variation_words,
)
from data_access import queries

#: XmR variation icon → the tone of its line ("neutral" where the measure has no polarity).
_SIGNAL_TONE = {"improvement": "better", "concern": "worse"}
_ORDER = {"worse": 0, "better": 1, "neutral": 2}


@dataclass(frozen=True)
class Change:
    """One line of "what changed", with its tone (worse, better, neutral) for colour."""

    text: str
    tone: str = "neutral"
    measure: str = ""  # its measure's code, where it has one


@dataclass(frozen=True)
class CharacteristicLine:
    """One characteristic: its sentence (as on the national-meeting slides) and a small trend."""

    number: int
    short_name: str
    sentence: str
    verdict: str
    tone: str
    chart_label: str = ""  # what the trend shows: "BME : White British rate ratio"
    reference: float | None = None  # 1 for a ratio (no difference)
    trend: pd.DataFrame = field(default_factory=pd.DataFrame)  # label, value, lower, upper
    new_signal: bool = False


@dataclass(frozen=True)
class Briefing:
    """Everything a briefing says, for the page, the HTML and the PDF alike."""

    month: str  # "2010-03"
    month_label: str  # "March 2010"
    period: str  # the quarter shown
    period_label: str
    previous_label: str  # the quarter last month's briefing showed ("" when none)
    context: str  # region or sites, how many, the span, the pooling
    query: str  # the selection's query string
    headline: str  # what changed, in one or two sentences
    characteristics: list[CharacteristicLine] = field(default_factory=list)
    signals: list[Change] = field(default_factory=list)
    significance: pd.DataFrame = field(default_factory=pd.DataFrame)  # SIGNIFICANCE_COLUMNS
    targets: list[Change] = field(default_factory=list)
    overdue: pd.DataFrame = field(default_factory=pd.DataFrame)
    notice: str | None = None

    @property
    def nothing_to_compare(self) -> str | None:
        """Why "what changed" lists no figures, when no new quarter was compared."""
        if not self.previous_label:
            return "The first briefing: there is no earlier briefing to compare with."
        if self.previous_label == self.period_label:
            return (
                f"No new quarter's figures since last month's briefing: the figures of "
                f"{self.period_label} are unchanged."
            )
        return None


# What changed: pure functions of what the two briefings show.


def _summaries(data: OverviewData) -> dict[str, MeasureSummary]:
    return {s.code: s for panel in data.panels.values() for s in panel if s.has_data}


def new_signals(now: OverviewData, before: OverviewData | None) -> list[Change]:
    """Measures whose latest point is a special cause that last month's briefing did not show
    (none on series resting mostly on small numbers, as the slides say)."""
    earlier = _summaries(before) if before is not None else {}
    out = []
    for code, s in _summaries(now).items():
        variation = s.variation or "common_cause"
        if variation == "common_cause" or lead_series_small(s):
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
    return sorted(out, key=lambda c: _ORDER[c.tone])


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
    judged = ("better", "worse", "similar", "higher", "lower")
    if now.empty or before.empty:
        return pd.DataFrame(columns=SIGNIFICANCE_COLUMNS)
    both = now.merge(before, on="site", suffixes=("", "_before"))
    both = both[both["comparison"].isin(judged) & both["comparison_before"].isin(judged)]
    both = both[both["comparison"] != both["comparison_before"]]
    rank = {"worse": 0, "similar": 1, "better": 2}
    tone = [
        "neutral" if a not in rank or b not in rank else "better" if rank[a] > rank[b] else "worse"
        for a, b in zip(both["comparison"], both["comparison_before"], strict=True)
    ]
    polarity = measure["polarity"]
    return pd.DataFrame(
        {
            "site": both["site"],
            "site_name": both["name"],
            "measure": measure["code"],
            "measure_name": measure["name"],
            "before": [_against_england(t, polarity) for t in both["significance_before"]],
            "now": [_against_england(t, polarity) for t in both["significance"]],
            "tone": tone,
        },
        columns=SIGNIFICANCE_COLUMNS,
    ).reset_index(drop=True)


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


def overdue_actions(actions: pd.DataFrame, month: dt.date) -> pd.DataFrame:
    """The actions that fell overdue during `month`: overdue (as the action plans judge it)
    by its end but not at its start, i.e. due within it and not done."""
    if actions.empty:
        return actions
    after = month_at(month_index(month) + 1)
    fell = overdue_mask(actions, after) & ~overdue_mask(actions, month)
    return actions[fell].sort_values(["due_date", "site"]).reset_index(drop=True)


# The briefing, assembled through the loaders.


def characteristic_lines(data: OverviewData, catalogue: Catalogue, signalled: set[str]):
    """The twelve sentences of the national-meeting slides, each with its lead measure's trend:
    the BME : White British ratio where there is one, else the lead group's value."""
    presentation = build_presentation(data, catalogue, "")
    lines = []
    for slide in presentation.slides:
        lead = slide.lead
        trend, label, reference = pd.DataFrame(), "", None
        if lead is not None and lead.ratio is not None:
            trend = ratio_series(lead.series, lead.kind)
            label, reference = f"BME : White British {lead.ratio_kind}", 1.0
        elif lead is not None:
            group = "bme" if lead.by_ethnicity else "all"
            trend = lead.lead_series(group).dropna(subset=["value"])
            label = f"{'BME' if group == 'bme' else 'All people'}, {lead.unit}"
        columns = ["label", "value", "lower", "upper", "small"]
        lines.append(
            CharacteristicLine(
                number=slide.number,
                short_name=slide.short_name,
                sentence=slide.message,
                verdict=slide.verdict,
                tone=slide.tone,
                chart_label=label,
                reference=reference,
                trend=trend[columns].reset_index(drop=True) if not trend.empty else trend,
                new_signal=lead is not None and lead.code in signalled,
            )
        )
    return lines, presentation


def _significance(selection: Selection, catalogue: Catalogue, codes: list[str], previous: str):
    """Sites' significance changes against England on every chosen measure with a funnel,
    the worse first, then by site."""
    threshold = int(current_app.config["SMALL_NUMBER_THRESHOLD"])
    menu = catalogue.measures.set_index("code", drop=False)
    before = at_period(selection, catalogue, previous)
    frames = [pd.DataFrame(columns=SIGNIFICANCE_COLUMNS)]
    for code in codes:
        if menu.loc[code, "kind"] not in FUNNEL_KINDS:
            continue
        now = compare_data(selection, catalogue, code, "england", "bme", None, threshold)
        was = compare_data(before, catalogue, code, "england", "bme", None, threshold)
        frames.append(significance_changes(menu.loc[code], now.sites, was.sites))
    changes = pd.concat([f for f in frames if not f.empty] or frames, ignore_index=True)
    order = changes["tone"].map(_ORDER)
    return changes.assign(order=order).sort_values(["order", "site_name"]).drop(columns="order")


def _labels(selection: Selection, catalogue: Catalogue) -> dict[str, str]:
    """Period code → label, as the selection's pooling names it ("Year to Jan–Mar 2010")."""
    labels = dict(zip(catalogue.periods["code"], catalogue.periods["label"], strict=True))
    prefix = POOLING_PREFIX[selection.pooling]
    return {p: prefix + labels[p] for p in selection.period_range(catalogue)}


def _targets(selection: Selection, catalogue: Catalogue, data: OverviewData, previous: str):
    """Targets newly met or missed at each selected site that set one: each measure with a
    target seen as the My site page sees it (`measure_view`), now and a quarter before."""
    threshold = int(current_app.config["SMALL_NUMBER_THRESHOLD"])
    targets = {s: load_site_targets(s).dropna(subset=["target"]) for s in data.sites}
    targets = {s: t[t["measure"].isin(data.measures)] for s, t in targets.items()}
    targets = {s: t for s, t in targets.items() if not t.empty}
    if not targets:
        return []
    codes = sorted({c for t in targets.values() for c in t["measure"]})
    window = POOLING_WINDOWS[selection.pooling]
    periods = catalogue.period_codes
    last = periods.index(selection.period_range(catalogue)[-1])
    fetched = periods[: last + 1]
    rows = load_site_totals(tuple(targets), tuple(codes), tuple(fetched))
    now_labels = _labels(selection, catalogue)
    before_labels = _labels(at_period(selection, catalogue, previous), catalogue)
    menu = catalogue.measures.set_index("code", drop=False)
    names = catalogue.organisations.set_index("code")["name"]
    out: list[Change] = []
    for site, wanted in targets.items():
        mine = pooled(rows[rows["site"] == site], fetched, list(now_labels), window)
        now, was = [], []
        for code, target in zip(wanted["measure"], wanted["target"], strict=True):
            own = mine[mine["measure"] == code]
            args = (menu.loc[code], float(target), own, {})
            now.append(measure_view(*args, now_labels, (), threshold))
            if now[-1].assurance in ("consistent_pass", "consistent_fail"):  # else no news
                was.append(measure_view(*args, before_labels, (), threshold))
        out += target_changes(names.get(site, site), now, was)
    return sorted(out, key=lambda c: _ORDER[c.tone])


def briefing_data(selection: Selection, catalogue: Catalogue, month: str) -> Briefing:
    """The briefing of `month` ("YYYY-MM") for a validated selection; MonthRefused when the
    month is not one or has no figures."""
    first = checked_month(catalogue, month)
    period = period_for_month(catalogue, first)
    assert period is not None  # checked_month allows only months in which a period ended
    previous = period_for_month(catalogue, month_at(month_index(first) - 1))
    labels = dict(zip(catalogue.periods["code"], catalogue.periods["label"], strict=True))
    now = at_period(selection, catalogue, period)
    data = overview_data(now, catalogue, menu_value(now, catalogue))
    signals, targets = [], []
    significance = pd.DataFrame(columns=SIGNIFICANCE_COLUMNS)
    if previous is not None and previous != period:
        before = at_period(now, catalogue, previous)
        signals = new_signals(data, overview_data(before, catalogue, menu_value(before, catalogue)))
        significance = _significance(now, catalogue, data.measures, previous)
        targets = _targets(now, catalogue, data, previous)
    lines, presentation = characteristic_lines(data, catalogue, {c.measure for c in signals})
    with database().session() as session:
        actions = queries.action_items(session, data.sites) if data.sites else pd.DataFrame()
    overdue = overdue_actions(actions, first)
    if not overdue.empty:
        chars = catalogue.characteristics.set_index("id")["short_name"]
        names = overdue["characteristic"].map(lambda n: f"{n}. {chars.get(n, '')}".rstrip(". "))
        overdue = overdue.assign(characteristic_name=names)
    met = sum(c.tone == "better" for c in targets)
    counts = (len(signals), len(significance), met, len(targets) - met, len(overdue))
    return Briefing(
        month=month_code(first),
        month_label=month_label(first),
        period=period,
        period_label=labels[period],
        previous_label=labels.get(previous or "", ""),
        context=selection_words(now, catalogue, len(data.sites), presentation.period),
        query=selection.to_query(),
        headline=headline(first, labels[period], labels.get(previous or ""), counts),
        characteristics=lines,
        signals=signals,
        significance=significance,
        targets=targets,
        overdue=overdue,
        notice=presentation.notice,
    )


def headline(
    month: dt.date, period: str, previous: str | None, counts: tuple[int, int, int, int, int]
) -> str:
    """What changed since last month's briefing, in a sentence or two. `counts`: new signals,
    significance changes, targets newly met, newly missed, actions fallen overdue."""
    signals, significance, met, missed, overdue = counts
    fell = fell_overdue(overdue, month_label(month))
    if previous is None:
        return (
            f"The first briefing, on the figures of {period}: there is no earlier briefing to "
            f"compare with. {fell}"
        )
    if previous == period:
        return (
            "No new quarter's figures arrived since last month's briefing: the figures are "
            f"still those of {period}. {fell}"
        )
    return (
        f"New figures for {period} since last month's briefing (which showed {previous}): "
        f"{count_words(signals, 'new special-cause signal')}, "
        f"{count_words(significance, 'change')} in sites' significance against England, "
        f"{count_words(met, 'target')} newly met and {missed or 'none'} newly missed. {fell}"
    )
