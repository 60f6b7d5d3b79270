"""What the presentation says: one slide per characteristic, each with one message in words,
and an opening slide with the twelve at a glance. Pure functions of the overview's summaries,
except `presentation`, which loads them for a selection.

The words are the overview's (`dashboard.vocabulary`): a BME : White British ratio differs
"significantly" only when its 95% interval excludes 1 and neither side rests on small numbers;
a trend is special-cause only by the XmR rules ("Making Data Count").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs

from dashboard.no_site import GENERAL, why_no_site
from dashboard.overview.data import OverviewData, menu_value, overview_data
from dashboard.periods import span
from dashboard.selection import Catalogue, Selection, page_param
from dashboard.summaries import MeasureSummary
from dashboard.vocabulary import (
    SMALL_CHANGE,
    SMALL_VALUE,
    STATUS_WORD,
    WITHHELD,
    WITHHELD_WORD,
    fmt_ci,
    fmt_value_unit,
    hidden_reason,
    ratio_not_given,
    ratio_statement,
    ratio_verdict,
    status_words,
    variation_word,
    variation_words,
)

CHARACTERISTICS = tuple(range(1, 13))


@dataclass(frozen=True)
class Slide:
    """One characteristic's slide: its lead measure and what to say about it."""

    number: int
    short_name: str
    title: str
    lead: MeasureSummary | None
    message: str
    verdict: str  # one word for the opening tile
    tone: str  # worse, better, similar, different, small, trend, none
    chosen: int = 0
    source: str = ""
    #: When the characteristic's lead measure has no data: that, in words ("No data for …").
    lead_note: str = ""


@dataclass(frozen=True)
class Presentation:
    slides: list[Slide]
    context: str  # region or sites, how many sites, the period span
    period: str  # first to last period label
    notice: str | None = None  # why every slide is empty, when it is
    sites: list[str] = field(default_factory=list)


def lead_measure(summaries: list[MeasureSummary]) -> MeasureSummary | None:
    """The first chosen measure with data and a BME : White British ratio, else the first
    with data, else None."""
    with_data = [s for s in summaries if s.has_data]
    with_ratio = [s for s in with_data if s.ratio is not None]
    return (with_ratio or with_data or [None])[0]


def intended_lead(summaries: list[MeasureSummary]) -> MeasureSummary | None:
    """The characteristic's lead measure, whatever its data: the first chosen measure that can
    have a BME : White British ratio (kept by ethnicity, a rate or a proportion), else the
    first chosen; None when none is chosen."""
    ratios = [s for s in summaries if s.by_ethnicity and s.kind in ("rate", "proportion")]
    return (ratios or summaries or [None])[0]


def choose_lead(summaries: list[MeasureSummary]) -> tuple[MeasureSummary | None, str]:
    """The measure a slide shows, and a note when it is not the characteristic's lead: the
    lead when it has data (shown or withheld); else another with data, and the note says
    that the lead has none, so that no tile falls back to another measure in silence."""
    lead = intended_lead(summaries)
    if lead is None or lead.has_data:
        return lead, ""
    other = lead_measure(summaries)
    note = f"No data for “{lead.name}” in this selection"
    return other, note + (f": showing “{other.name}”." if other is not None else ".")


def lead_series_small(summary: MeasureSummary) -> bool:
    """Whether most points of the trend's series rest on small numbers."""
    series = summary.series
    if series.empty or "small" not in series:
        return False
    group = "bme" if summary.by_ethnicity else "all"
    small = series.loc[series["group"] == group, "small"]
    return bool(len(small)) and bool(small.mean() > 0.5)


def change(summary: MeasureSummary, period_word: str = "quarters") -> str:
    """The XmR verdict on the lead series: 'no significant change (common-cause variation) in
    20 quarters'."""
    if lead_series_small(summary):
        return SMALL_CHANGE
    words = variation_words(summary.variation)
    if not words or summary.variation == "withheld":  # no verdict: no span to give
        return words
    preposition = "in" if summary.variation == "common_cause" else "over"
    return f"{words} {preposition} {summary.trend_points} {period_word}"


def message(summary: MeasureSummary, period_word: str = "quarters") -> str:
    """The slide's one message, e.g. 'Detentions under the Mental Health Act, BME : White
    British rate ratio 2.28 (95% CI 2.05 to 2.53): significantly higher for BME people
    (worse). For BME people, no significant change (common-cause variation) in 20 quarters.'"""
    trend = change(summary, period_word)
    who = "For BME people" if summary.by_ethnicity else "Overall"
    trend_sentence = f" {who}, {trend}." if trend else ""
    if trend == SMALL_CHANGE:
        trend_sentence = f" Trend: {trend}."
    r = summary.ratio
    if r is not None:
        statement = ratio_statement(
            summary.ratio_kind or "ratio", r, summary.polarity, summary.comparator
        )
        return f"{summary.name}, {statement}.{trend_sentence}"
    group = "bme" if "bme" in summary.latest else next(iter(summary.latest))
    est = summary.latest[group]
    if not est.shown or summary.ratio_withheld:
        who_value = "BME people" if group == "bme" else "all people"
        why = status_words(est.status) or WITHHELD  # withheld, or suppressed at source
        first = f"{summary.name}: {why} for {who_value} in {summary.latest_label}"
        if est.shown:  # the value is shown, its ratio is not
            ratio = ratio_not_given(
                summary.ratio_kind or "ratio",
                summary.comparator,
                hidden_reason(e.status for e in summary.latest.values()),
            )
            first = f"{summary.name}, {ratio} in {summary.latest_label}"
        return f"{first}.{trend_sentence}"
    value = fmt_value_unit(est.value, summary.kind, summary.unit)
    interval = (
        f" ({fmt_ci(est.lower, est.upper, summary.kind, summary.unit)})" if est.has_interval else ""
    )
    small = f", {SMALL_VALUE}" if est.small else ""
    who_value = "BME people" if group == "bme" else "all people"
    return (
        f"{summary.name}: {value} for {who_value} in {summary.latest_label}"
        f"{interval}{small}.{trend_sentence}"
    )


def trend_word(summary: MeasureSummary) -> str:
    """One word for the XmR verdict on the lead series: 'Stable', 'Improving', 'Concern'."""
    return variation_word(summary.variation, small=lead_series_small(summary))


def verdict(summary: MeasureSummary | None) -> tuple[str, str]:
    """One word for the opening tile, and its tone: the disparity when there is a ratio,
    else the trend."""
    if summary is None:
        return "No data", "none"
    if not summary.has_values or summary.ratio_withheld:
        statuses = {e.status for e in summary.latest.values() if e.status}
        word = STATUS_WORD["suppressed"] if statuses == {"suppressed"} else WITHHELD_WORD
        return word, "withheld"
    disparity = ratio_verdict(summary.ratio, summary.polarity)
    if disparity.tone != "none":
        return disparity.word, disparity.tone
    if lead_series_small(summary):
        return variation_word(None, small=True), "small"
    return trend_word(summary), "trend"


def build_presentation(
    data: OverviewData,
    catalogue: Catalogue,
    context: str,
    period_word: str = "quarters",
    no_site: str = GENERAL,
) -> Presentation:
    """The twelve characteristic slides from the overview's panels (`no_site`: what to say
    when the selection matches no site, `dashboard.no_site.why_no_site`)."""
    chars = catalogue.characteristics
    names = (
        {int(c.id): (c.short_name, c.title) for c in chars.itertuples()} if not chars.empty else {}
    )
    menu = catalogue.measures
    sources = dict(zip(menu["code"], menu["source"], strict=True)) if not menu.empty else {}
    labels = (
        dict(zip(catalogue.periods["code"], catalogue.periods["label"], strict=True))
        if not catalogue.periods.empty
        else {}
    )
    first, last = (labels[data.periods[0]], labels[data.periods[-1]]) if data.periods else ("", "")
    period = span(first, last)
    notice = None
    if not data.sites:
        notice = no_site
    elif not data.measures:
        notice = "No measure is chosen for this selection: choose measures on the overview."
    slides = []
    for number in CHARACTERISTICS:
        short, title = names.get(number, (f"Characteristic {number}", ""))
        summaries = data.panels.get(number, [])
        lead, note = choose_lead(summaries)
        if lead is not None:
            text = message(lead, period_word)
        elif summaries:
            text = "No figures for the selected sites and period."
        else:
            text = "No measure of this characteristic is chosen for this selection."
        word, tone = verdict(lead)
        if lead is None and not summaries:
            word = "Not chosen"
        slides.append(
            Slide(
                number=number,
                short_name=short,
                title=title,
                lead=lead,
                message=notice if notice and lead is None else text,
                verdict=word,
                tone=tone,
                chosen=len(summaries),
                source=sources.get(lead.code, "") if lead else "",
                lead_note=note,
            )
        )
    return Presentation(
        slides=slides, context=context, period=period, notice=notice, sites=data.sites
    )


def selection_words(selection: Selection, catalogue: Catalogue, sites: int, period: str) -> str:
    """'London · 10 sites · Apr–Jun 2005 to Jan–Mar 2010 · pooled over rolling years'."""
    parts = []
    if selection.trusts and not catalogue.organisations.empty:
        orgs = catalogue.organisations.set_index("code")["name"]
        names = [orgs.get(t, t) for t in selection.trusts]
        parts.append(", ".join(names) if len(names) <= 2 else f"{len(names)} chosen sites")
    elif selection.regions and not catalogue.regions.empty:
        regions = catalogue.regions.set_index("code")["name"]
        parts.append(", ".join(regions.get(r, r) for r in selection.regions))
    else:
        parts.append("England")
    if selection.rurality != "all":
        parts.append(f"{selection.rurality} sites")
    if catalogue.national and selection.is_england:
        parts.append("published figures")
    else:
        parts.append(f"{sites} site{'s' if sites != 1 else ''}")
    if period:
        parts.append(period)
    if selection.pooling != "quarter":
        parts.append({"year": "rolling years", "3years": "rolling three years"}[selection.pooling])
    return " · ".join(parts)


def presentation(selection: Selection, catalogue: Catalogue, fresh: bool = False) -> Presentation:
    """The slides for a selection, from the overview data (read afresh when `fresh`)."""
    data = overview_data(selection, catalogue, menu_value(selection, catalogue), fresh=fresh)
    periods = catalogue.periods
    granularity = (
        periods.loc[periods["code"] == data.periods[-1], "granularity"].iloc[0]
        if data.periods
        else "quarter"
    )
    period_word = {"quarter": "quarters", "year": "years"}.get(granularity, "periods")
    draft = build_presentation(data, catalogue, "", period_word, why_no_site(selection, catalogue))
    context = selection_words(selection, catalogue, len(data.sites), draft.period)
    return Presentation(draft.slides, context, draft.period, draft.notice, draft.sites)


SECONDS = (5, 3600)
#: What an unusable `?advance=` or `?refresh=` leaves undone.
SECONDS_EFFECT = {
    "advance": "the slides do not move by themselves",
    "refresh": "the figures are not refreshed by themselves",
}


def seconds_param(search: str | None, name: str) -> int | None:
    """A page parameter in seconds (`advance`, `refresh`): an integer from 5 to 3600, else None."""
    value = page_param(search, name)
    if value is None or not value.isdigit():
        return None
    seconds = int(value)
    return seconds if SECONDS[0] <= seconds <= SECONDS[1] else None


def seconds_problem(search: str | None, name: str) -> str | None:
    """Why `?advance=` or `?refresh=` was not used, in words for the screen ("?advance=abc is
    not a number of seconds from 5 to 3600: the slides do not move by themselves"); None when
    the parameter is absent or usable."""
    values = parse_qs((search or "").lstrip("?"), keep_blank_values=True).get(name)
    if not values or seconds_param(search, name) is not None:
        return None
    shown = values[0] if len(values[0]) <= 12 else values[0][:12] + "…"
    low, high = SECONDS
    return (
        f"?{name}={shown} is not a number of seconds from {low} to {high}: "
        f"{SECONDS_EFFECT.get(name, 'it is not used')}."
    )


def start_slide(search: str | None, count: int) -> int:
    """The 0-based index of the first slide shown: `?slide=4` is the fourth (1-based, as the
    counter shows it); anything else starts at the opening slide."""
    value = page_param(search, "slide")
    if value is None or not value.isdigit():
        return 0
    return int(value) - 1 if 1 <= int(value) <= count else 0
