"""The cascade briefing: a monthly written update for the current selection (the national
review's recommendation that progress be "cascaded" to staff every month).

The data are quarterly, so the briefing for a month shows the latest quarter that ended on or
before the end of that month, and "what changed" compares it with what the previous month's
briefing showed: measures whose latest point is a new special-cause signal (XmR), sites whose
funnel significance against England changed, targets newly met or missed (Making Data Count
assurance, as the My site page judges them); and the actions of the sites' plans overdue at the
month's end as the plans judge them (due before that day and not done), those that fell overdue
during the month marked. Every figure comes through the overview, compare and My site
functions, and so through the loaders' disclosure control: a viewer's briefing is as safe as
their pages.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from flask import current_app

from dashboard.access import current_access
from dashboard.actions import briefing_date
from dashboard.briefing.changes import (
    SIGNIFICANCE_COLUMNS,
    TONE_ORDER,
    changes_by_measure,
    new_signals,
    overdue_actions,
    target_changes,
)
from dashboard.briefing.model import Briefing, Change, CharacteristicLine
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
from dashboard.compare.data import FUNNEL_KINDS, pooling_window
from dashboard.compare.verdicts import england_sites, funnel_verdicts
from dashboard.loaders import (
    cache,
    data_version,
    database,
    load_catalogue,
    load_site_targets,
    load_site_totals,
)
from dashboard.overview.data import OverviewData, menu_value, overview_data
from dashboard.present import build_presentation, selection_words
from dashboard.selection import POOLING_PREFIX, POOLING_WINDOWS, Catalogue, Selection
from dashboard.site.data import pooled
from dashboard.site.measure_view import lead_series_by_measure, measure_view
from dashboard.stats.disclosure import HIDDEN
from dashboard.vocabulary import (
    count_words,
    left_out,
    plans_overdue,
)
from data_access import queries


def characteristic_lines(data: OverviewData, catalogue: Catalogue, signalled: set[str]):
    """The twelve sentences of the national-meeting slides, each with its lead measure's trend:
    the BME : White British ratio where there is one, else the lead group's value."""
    presentation = build_presentation(data, catalogue, "")
    lines = []
    for slide in presentation.slides:
        lead = slide.lead
        trend, label, reference = pd.DataFrame(), "", None
        kind, unit = (lead.kind, lead.unit) if lead is not None else ("", "")
        if lead is not None and lead.ratio is not None:
            trend = ratio_series(lead.series, lead.kind)
            label, reference, kind = f"BME : {lead.comparator} {lead.ratio_kind}", 1.0, "ratio"
        elif lead is not None:
            group = "bme" if lead.by_ethnicity else "all"
            trend = lead.lead_series(group)
            label = f"{'BME' if group == 'bme' else 'All people'}, {lead.unit}"
        # A withheld period is no point of the trend; the label says how many were left out.
        withheld = int(trend["status"].isin(HIDDEN).sum()) if "status" in trend else 0
        trend = trend.dropna(subset=["value"]) if not trend.empty else trend
        if withheld:
            label += f"; {left_out(withheld, 'period')}"
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
                kind=kind,
                unit=unit,
            )
        )
    return lines, presentation


#: The groups the briefing judges: BME, or all people where a measure is not by ethnicity.
LEAD_GROUPS = ("bme", "all")
#: Joins a site's code and a measure's into one key (neither holds it).
_KEY = "\x1f"


def _significance(selection: Selection, catalogue: Catalogue, codes: list[str], previous: str):
    """Sites' significance changes against England on every chosen measure with a funnel,
    the worse first, then by site: the Compare page's verdicts (`funnel_verdicts`) of every
    measure at once, this quarter's window and the one before."""
    threshold = int(current_app.config["SMALL_NUMBER_THRESHOLD"])
    menu = catalogue.measures.set_index("code", drop=False)
    menu = menu.loc[[code for code in codes if menu.loc[code, "kind"] in FUNNEL_KINDS]]
    orgs = catalogue.organisations
    england = england_sites(catalogue)
    everyone = tuple(dict.fromkeys([*orgs.get("code", []), *england]))
    names = orgs.set_index("code")["name"] if not orgs.empty else pd.Series(dtype=object)
    verdicts = {}
    for when, chosen in (("now", selection), ("was", at_period(selection, catalogue, previous))):
        periods = tuple(pooling_window(chosen, catalogue).periods)
        rows = load_site_totals(everyone, tuple(menu.index), periods, LEAD_GROUPS)
        compared = chosen.site_codes(catalogue)
        found = funnel_verdicts(menu, rows, compared, england, "bme", threshold)
        verdicts[when] = found.assign(name=found["site"].map(names))
    changes = changes_by_measure(menu, verdicts["now"], verdicts["was"])
    order = {
        "order": changes["tone"].map(TONE_ORDER),
        "at": changes["measure"].map(menu.index.get_loc),
    }
    changes = changes.assign(**order).sort_values(["order", "site_name", "at"], kind="stable")
    return changes.drop(columns=list(order)).reset_index(drop=True)


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
    rows = load_site_totals(tuple(targets), tuple(codes), tuple(fetched), LEAD_GROUPS)
    now_labels = _labels(selection, catalogue)
    before_labels = _labels(at_period(selection, catalogue, previous), catalogue)
    menu = catalogue.measures.set_index("code", drop=False)
    names = catalogue.organisations.set_index("code")["name"]
    # Every site's every measure at once: each (site, measure) a key of its own, pooled and
    # estimated in one pass now and a period before (not two passes a site).
    wanted = pd.concat([t.assign(site=s) for s, t in targets.items()], ignore_index=True)
    wanted["key"] = wanted["site"] + _KEY + wanted["measure"]
    keyed = rows.assign(measure=rows["site"] + _KEY + rows["measure"])
    measures = menu.loc[wanted["measure"].tolist()].assign(code=wanted["key"].to_numpy())
    mine = pooled(keyed, fetched, list(now_labels), window)
    # pooled: the assurance is judged on the quarters (stats.pooling.variation_basis)
    quarters = keyed[keyed["period"].isin([*now_labels, *before_labels])]
    when = {"now": now_labels, "was": before_labels}
    series = {
        w: lead_series_by_measure(mine, measures, labels, threshold) for w, labels in when.items()
    }
    own_series = {
        w: lead_series_by_measure(
            quarters[quarters["period"].isin(labels)], measures, labels, threshold
        )
        if window > 1
        else {}
        for w, labels in when.items()
    }
    none = rows.iloc[0:0]
    by_key = dict(tuple(quarters.groupby("measure", sort=False))) if window > 1 else {}
    out: list[Change] = []
    for site, mine_wanted in wanted.groupby("site", sort=False):
        now, was = [], []
        for code, target, key in mine_wanted[["measure", "target", "key"]].itertuples(index=False):
            own_quarters = by_key.get(key, none) if window > 1 else None
            measure = menu.loc[code]

            def view(w, measure=measure, target=target, key=key, own_quarters=own_quarters):
                own = own_quarters[own_quarters["period"].isin(when[w])] if window > 1 else None
                return _target_view(
                    *(measure, float(target), none, when[w], threshold, own),
                    series[w].get(key),
                    own_series[w].get(key),
                )

            now.append(view("now"))
            if now[-1].assurance in ("consistent_pass", "consistent_fail"):  # else no news
                was.append(view("was"))
        out += target_changes(names.get(site, site), now, was)
    return sorted(out, key=lambda c: TONE_ORDER[c.tone])


def _target_view(measure, target, rows, labels, threshold, quarters, series, own_series):
    """A measure with a target as the My site page judges it, from its series worked out."""
    return measure_view(
        measure,
        target,
        rows,
        {},
        labels,
        (),
        threshold,
        quarters,
        series,
        own_series,
        with_ratio=False,
    )


def briefing_data(selection: Selection, catalogue: Catalogue, month: str) -> Briefing:
    """The briefing of `month` ("YYYY-MM") for a validated selection; MonthRefused when the
    month is not one or has no figures."""
    first = checked_month(catalogue, month)
    period = period_for_month(catalogue, first)
    assert period is not None  # checked_month allows only months in which a period ended
    previous = period_for_month(catalogue, month_at(month_index(first) - 1))
    labels = dict(zip(catalogue.periods["code"], catalogue.periods["label"], strict=True))
    now = at_period(selection, catalogue, period)
    rights = current_access().rights
    threshold = int(current_app.config["SMALL_NUMBER_THRESHOLD"])
    data, signals, significance, targets, lines, presentation = _figures(
        data_version(), now, catalogue.grain, period, previous, rights, threshold
    )
    with database().session() as session:
        actions = queries.action_items(session, data.sites) if data.sites else pd.DataFrame()
    today = dt.date.today()
    as_of, since = (briefing_date(m, today) for m in (first, month_at(month_index(first) - 1)))
    overdue = overdue_actions(actions, as_of, since)
    if not overdue.empty:
        chars = catalogue.characteristics.set_index("id")["short_name"]
        names = overdue["characteristic"].map(lambda n: f"{n}. {chars.get(n, '')}".rstrip(". "))
        overdue = overdue.assign(characteristic_name=names)
    met = sum(c.tone == "better" for c in targets)
    counts = (len(signals), len(significance), met, len(targets) - met)
    fell = int(overdue["new"].sum())
    overdue_words = plans_overdue(len(overdue), fell, month_label(first), as_of)
    return Briefing(
        month=month_code(first),
        month_label=month_label(first),
        period=period,
        period_label=labels[period],
        previous_label=labels.get(previous or "", ""),
        context=selection_words(now, catalogue, len(data.sites), presentation.period),
        query=selection.to_query(),
        headline=headline(first, labels[period], labels.get(previous or ""), counts, overdue_words),
        characteristics=lines,
        signals=signals,
        significance=significance,
        targets=targets,
        overdue=overdue,
        notice=presentation.notice,
        as_of=as_of,
    )


@cache.memoize()
def _figures(version, now: Selection, grain, period: str, previous, rights, threshold) -> tuple:
    """The briefing's figures (everything but the actions, which move no data version): read
    once per data version, selection, month, reader's rights and threshold. They took 10 to
    29 s on the demonstration data; a second preview of the month is a cache read."""
    catalogue = load_catalogue(grain)
    data = overview_data(now, catalogue, menu_value(now, catalogue))
    signals, targets = [], []
    significance = pd.DataFrame(columns=SIGNIFICANCE_COLUMNS)
    if previous is not None and previous != period:
        before = at_period(now, catalogue, previous)
        signals = new_signals(data, overview_data(before, catalogue, menu_value(before, catalogue)))
        significance = _significance(now, catalogue, data.measures, previous)
        targets = _targets(now, catalogue, data, previous)
    lines, presentation = characteristic_lines(data, catalogue, {c.measure for c in signals})
    return data, signals, significance, targets, lines, presentation


def headline(
    month: dt.date,
    period: str,
    previous: str | None,
    counts: tuple[int, int, int, int],
    overdue: str = "",
) -> str:
    """What changed since last month's briefing, in a sentence or two. `counts`: new signals,
    significance changes, targets newly met, newly missed; `overdue`: the actions overdue, in
    words (`vocabulary.plans_overdue`)."""
    signals, significance, met, missed = counts
    if previous is None:
        return (
            f"The first briefing, on the figures of {period}: there is no earlier briefing to "
            f"compare with. {overdue}"
        )
    if previous == period:
        return (
            "No new quarter's figures arrived since last month's briefing: the figures are "
            f"still those of {period}. {overdue}"
        )
    return (
        f"New figures for {period} since last month's briefing (which showed {previous}): "
        f"{count_words(signals, 'new special-cause signal')}, "
        f"{count_words(significance, 'change')} in sites' significance against England, "
        f"{count_words(met, 'target')} newly met and {missed or 'none'} newly missed. {overdue}"
    )
