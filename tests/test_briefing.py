"""The cascade briefing: months and the quarter each shows, what changed on hand-made cases
whose answer is known, the overdue actions, and the wiring (the page's callback, both
downloads, the sign-in gate, the command line) on the demonstration data."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from html import escape

import pandas as pd
import pytest

from dashboard.briefing.changes import (
    new_signals,
    overdue_actions,
    significance_changes,
    target_changes,
)
from dashboard.briefing.data import briefing_data, headline
from dashboard.briefing.model import Briefing
from dashboard.briefing.months import (
    MonthRefused,
    checked_month,
    months_with_data,
    parse_month,
    period_for_month,
)
from dashboard.loaders import load_catalogue
from dashboard.overview.data import OverviewData
from dashboard.selection import Catalogue, Selection
from dashboard.site.measure_view import measure_view
from dashboard.summaries import summarise_measure
from data_access.db import Database
from layouts.briefing.ids import BRIEFING_DOWNLOADS, BRIEFING_MONTH, BRIEFING_PREVIEW
from layouts.briefing.pdf import briefing_pdf, latin
from layouts.briefing.render import briefing_html
from layouts.shell import ids
from tests.conftest import VIEWER, dash_call, sign_in_client, signed_in_request

PERIODS = [f"{y}Q{q}" for y in (2008, 2009) for q in (1, 2, 3, 4)] + ["2010Q1"]
LABELS = {p: f"Q{p[-1]} {p[:4]}" for p in PERIODS}
MARCH = "2010-03"
LONDON = {
    "BEHMHT",
    "CIFT",
    "ELFT",
    "HMPBRX",
    "HMPHOL",
    "NELFT",
    "OXLEAS",
    "SLAM",
    "SWLSTG",
    "WLMHT",
}


def _catalogue() -> Catalogue:
    starts = [dt.date(int(p[:4]), 3 * int(p[-1]) - 2, 1) for p in PERIODS]
    periods = pd.DataFrame(
        {
            "code": PERIODS,
            "label": [LABELS[p] for p in PERIODS],
            "granularity": "quarter",
            "start_date": starts,
        }
    )
    return Catalogue(pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), pd.DataFrame(), periods)


# Months and quarters.


def test_a_month_is_written_yyyy_mm_and_nonsense_is_refused_in_words():
    assert parse_month("2010-03") == dt.date(2010, 3, 1)
    assert parse_month(" 2009-12 ") == dt.date(2009, 12, 1)
    bad_months = ("2010-13", "2010-00", "2010-3", "March 2010", "", None, 201003, "<b>", "٢٠١٠-٠٣")
    for bad in bad_months:
        with pytest.raises(MonthRefused, match="write it as YYYY-MM"):
            parse_month(bad)


def test_a_month_shows_the_latest_quarter_ended_by_its_end():
    catalogue = _catalogue()
    assert period_for_month(catalogue, dt.date(2010, 3, 1)) == "2010Q1"  # ends in March
    assert period_for_month(catalogue, dt.date(2010, 2, 1)) == "2009Q4"
    assert period_for_month(catalogue, dt.date(2009, 1, 1)) == "2008Q4"
    assert period_for_month(catalogue, dt.date(2008, 3, 1)) == "2008Q1"
    assert period_for_month(catalogue, dt.date(2008, 2, 1)) is None
    # Until the next quarter ends, April and May 2010 still show Jan-Mar 2010.
    assert period_for_month(catalogue, dt.date(2010, 5, 1)) == "2010Q1"
    months = months_with_data(catalogue)
    assert months[0] == "2010-05" and months[-1] == "2008-03" and len(months) == 27
    with pytest.raises(MonthRefused, match="from 2008-03 to 2010-05"):
        checked_month(catalogue, "2010-06")
    with pytest.raises(MonthRefused, match="No briefing for February 2008"):
        checked_month(catalogue, "2008-02")
    assert checked_month(catalogue, "2010-01") == dt.date(2010, 1, 1)


def test_the_headline_says_when_no_new_quarter_arrived():
    march = dt.date(2010, 3, 1)
    same = headline(march, "Q4 2009", "Q4 2009", (0, 0, 0, 0), "2 actions are overdue.")
    assert same.startswith("No new quarter's figures arrived since last month's briefing")
    assert same.endswith("2 actions are overdue.")
    new = headline(march, "Q1 2010", "Q4 2009", (1, 3, 0, 1), "None is.")
    assert "1 new special-cause signal, 3 changes in sites' significance" in new
    assert "no target newly met and 1 newly missed" in new
    assert new.endswith("None is.")
    assert headline(march, "Q1 2010", None, (0, 0, 0, 0)).startswith("The first briefing")


# What changed, on hand-made cases.


def _measure(**kw) -> pd.Series:
    base = dict(
        code="M04A",
        name="Detentions under the Mental Health Act",
        unit="per 100,000 population per year",
        kind="rate",
        multiplier=100_000,
        polarity="lower_is_better",
        by_ethnicity=True,
        characteristic=4,
        source="KP90",
    )
    return pd.Series({**base, **kw})


def _overview(bme_counts: list[int]) -> OverviewData:
    """Detentions with these BME counts per quarter (and steady White British counts)."""
    periods = PERIODS[: len(bme_counts)]
    rows = [("M04A", p, "bme", n, 100_000, 3) for p, n in zip(periods, bme_counts, strict=True)]
    rows += [("M04A", p, "white_british", 300, 900_000, 3) for p in periods]
    totals = pd.DataFrame(
        rows, columns=["measure", "period", "group", "numerator", "denominator", "sites"]
    )
    summary = summarise_measure(_measure(), totals, {p: LABELS[p] for p in periods}, 10)
    panels = {n: [] for n in range(1, 13)} | {4: [summary]}
    return OverviewData(panels=panels, sites=["A"], periods=periods, measures=["M04A"])


def test_a_new_special_cause_signal_is_reported_in_polarity_words():
    steady = [200, 204, 198, 202, 199, 201, 203, 200]
    before, now = _overview(steady), _overview([*steady, 320])  # a point far above the limits
    changes = new_signals(now, before)
    assert len(changes) == 1
    assert changes[0].tone == "worse" and changes[0].measure == "M04A"
    assert changes[0].text == (
        "Detentions under the Mental Health Act, BME people: special-cause concern (higher "
        "values) in Q1 2010; last month: no significant change (common-cause variation)."
    )
    # The same signal last month is not news; no earlier briefing makes every signal new.
    assert new_signals(now, now) == []
    assert len(new_signals(now, None)) == 1


def test_sites_whose_funnel_significance_moved_are_listed_the_worse_first():
    before = pd.DataFrame(
        {
            "site": ["A", "B", "C", "D"],
            "name": ["Site A", "Site B", "Site C", "Site D"],
            "significance": ["similar", "low_95", "similar", "not_compared"],
            "comparison": ["similar", "better", "similar", "not_compared"],
        }
    )
    now = pd.DataFrame(
        {
            "site": ["A", "B", "C", "D", "E"],
            "name": ["Site A", "Site B", "Site C", "Site D", "Site E"],
            "significance": ["high_998", "similar", "similar", "high_95", "high_95"],
            "comparison": ["worse", "similar", "similar", "worse", "worse"],
        }
    )
    changes = significance_changes(_measure(), now, before)
    assert changes["site"].tolist() == ["A", "B"]  # C unchanged; D and E not compared before
    assert changes["tone"].tolist() == ["worse", "worse"]  # B lost "better"
    assert changes.loc[0, "before"] == "Similar to England"
    assert changes.loc[0, "now"] == "Significantly worse (99.8% limits)"
    assert changes.loc[1, "before"] == "Significantly better (95% limits)"
    improved = significance_changes(_measure(), before.iloc[:2], now.iloc[:2])
    assert improved["tone"].tolist() == ["better", "better"]


def _view(values: list[float], target: float):
    """A proportion (higher is better) with these percentages, as the My site page sees it."""
    measure = _measure(
        code="M12A",
        name="Staff trained",
        kind="proportion",
        unit="%",
        multiplier=100,
        polarity="higher_is_better",
        by_ethnicity=False,
    )
    periods = PERIODS[: len(values)]
    rows = pd.DataFrame(
        {
            "period": periods,
            "group": "all",
            "numerator": [round(v * 10) for v in values],
            "denominator": 1000,
        }
    )
    return measure_view(measure, target, rows, {}, {p: LABELS[p] for p in periods})


def test_targets_newly_met_or_missed_follow_the_assurance_of_the_xmr_chart():
    wild = [50, 20, 80, 50]  # limits wide enough to hold either target: no assurance
    steady = [50, 51, 49, 50, 52, 50, 51, 49]  # limits about 45 to 55
    met = target_changes("Site A", [_view(steady, 30)], [_view(wild, 30)])
    assert [(c.tone, c.text) for c in met] == [
        ("better", "Site A, Staff trained (all people): target 30.0% now consistently met.")
    ]
    missed = target_changes("Site A", [_view(steady, 80)], [_view(wild, 80)])
    assert [c.tone for c in missed] == ["worse"] and "now consistently missed" in missed[0].text
    assert target_changes("Site A", [_view(steady, 30)], [_view(steady, 30)]) == []


def test_actions_overdue_at_the_months_end_are_listed_those_new_in_it_marked():
    actions = pd.DataFrame(
        {
            "site": ["A", "A", "B", "B", "C"],
            "due_date": [
                dt.date(2010, 3, 31),
                dt.date(2010, 3, 5),
                dt.date(2010, 3, 20),
                dt.date(2010, 2, 28),
                dt.date(2010, 4, 1),
            ],
            "status": ["at_risk", "on_track", "done", "not_started", "not_started"],
        }
    )
    overdue = overdue_actions(actions, dt.date(2010, 3, 31), dt.date(2010, 2, 28))
    assert overdue["due_date"].tolist() == [dt.date(2010, 2, 28), dt.date(2010, 3, 5)]
    assert overdue["new"].tolist() == [True, True]  # due on the 31st: not overdue that day


def test_the_pdf_survives_characters_outside_latin_1():
    assert latin("Jan–Mar ≥ 2 ∶ 1 † “x” 漢") == 'Jan-Mar >= 2 : 1 + "x" ?'
    briefing = Briefing(
        month=MARCH,
        month_label="March 2010",
        period="2010Q1",
        period_label="Jan–Mar 2010",
        previous_label="Oct–Dec 2009",
        context="London · 10 sites · 漢字",
        query="",
        headline="Ratio ≥ 2 – worse ∶ “quoted” 🙂",
    )
    pdf = briefing_pdf(briefing, compress=False)
    assert pdf.startswith(b"%PDF") and b"Ratio >= 2 - worse : " in pdf


# On the demonstration data, through the app.


def test_the_briefing_of_london_in_march_2010(app):
    with signed_in_request(app):
        catalogue = load_catalogue()
        selection = Selection.from_query("?region=LDN").validated(catalogue)
        b = briefing_data(selection, catalogue, MARCH)
        same = briefing_data(selection, catalogue, "2010-02")
    assert (b.period, b.period_label, b.previous_label) == (
        "2010Q1",
        "Jan–Mar 2010",
        "Oct–Dec 2009",
    )
    assert b.context.startswith("London · 10 sites")
    assert [c.number for c in b.characteristics] == list(range(1, 13))
    detention = b.characteristics[3]
    assert detention.sentence.startswith("Detentions under the Mental Health Act, BME : White")
    assert detention.reference == 1.0 and len(detention.trend) == 20
    assert b.headline.startswith("New figures for Jan–Mar 2010 since last month's briefing")
    assert {c.tone for c in b.signals} <= {"worse", "better", "neutral"}
    assert set(b.significance["site"]) <= set(catalogue.organisations.query("region == 'LDN'").code)
    pdf = briefing_pdf(b, compress=False)
    for text in (b"The twelve characteristics", b"4. Detention", b"What changed since last month"):
        assert text in pdf
    assert b"March 2010: figures of Jan-Mar 2010" in pdf  # the dash made Latin-1
    # February shows the quarter January already showed: nothing new but the actions.
    assert same.period == "2009Q4" and same.headline.startswith("No new quarter's figures")
    assert same.signals == [] and same.significance.empty and same.targets == []
    assert b.nothing_to_compare is None
    assert same.nothing_to_compare == (
        "No new quarter's figures since last month's briefing: the figures of Oct–Dec 2009 "
        "are unchanged."
    )
    page = briefing_html(same)
    assert escape(same.nothing_to_compare) in page and "New special-cause signals" not in page


OWNER = "Briefing test owner"  # the demonstration data may hold plans of their own


def _add_actions(db_url: str) -> None:
    from sqlalchemy import select

    from data_access.models import ActionItem, Organisation

    db = Database(db_url)
    with db.session() as s:
        org = dict(s.execute(select(Organisation.code, Organisation.id)).all())
        for site, action, due, status in (
            ("SLAM", "Audit <b>seclusion</b> – by ethnicity", dt.date(2010, 3, 10), "at_risk"),
            ("SLAM", "Already done", dt.date(2010, 3, 20), "done"),
            ("SLAM", "Due later", dt.date(2010, 5, 1), "not_started"),
            ("ELFT", "Due in April", dt.date(2010, 4, 10), "at_risk"),
            ("ELFT", "Train ward staff", dt.date(2010, 3, 15), "on_track"),
            ("BSMHFT", "Not in London", dt.date(2010, 3, 15), "on_track"),
        ):
            s.add(
                ActionItem(
                    organisation_id=org[site],
                    characteristic_id=6,
                    action=action,
                    owner=OWNER,
                    due_date=due,
                    status=status,
                    progress_note="",
                    updated_by="test",
                )
            )
    db.dispose()


def test_the_briefing_lists_the_actions_that_fell_overdue(writable_app, writable_db_url):
    _add_actions(writable_db_url)
    with signed_in_request(writable_app):
        catalogue = load_catalogue()
        london = Selection.from_query("?region=LDN").validated(catalogue)
        b = briefing_data(london, catalogue, MARCH)
        elft = briefing_data(replace(london, trusts=("ELFT",)), catalogue, MARCH)
        april = briefing_data(london, catalogue, "2010-04")
    mine = b.overdue[b.overdue["owner"] == OWNER]
    assert mine["action"].tolist() == ["Audit <b>seclusion</b> – by ethnicity", "Train ward staff"]
    assert (b.overdue["status"] != "done").all() and set(b.overdue["site"]) <= LONDON
    assert (
        f"{len(b.overdue)} actions of the plans are overdue (due before 31 Mar 2010 and not done)"
        in b.headline
    )
    assert elft.overdue.loc[elft.overdue["owner"] == OWNER, "site"].tolist() == ["ELFT"]
    assert set(elft.overdue["site"]) == {"ELFT"}
    # April brings no new quarter, but actions still fall overdue.
    assert april.period == "2010Q1" and april.headline.startswith("No new quarter's figures")
    april_mine = april.overdue[april.overdue["owner"] == OWNER]
    assert april_mine["action"].tolist() == [*mine["action"], "Due in April"]
    assert april_mine["new"].tolist() == [False, False, True]
    page = briefing_html(b)
    assert "Audit &lt;b&gt;seclusion&lt;/b&gt; – by ethnicity" in page and "<b>" not in page
    assert b"Audit <b>seclusion</b> - by ethnicity" in briefing_pdf(b, compress=False)


def test_the_month_redraws_the_preview_and_the_download_links(client):
    output = f"..{BRIEFING_PREVIEW}.children...{BRIEFING_DOWNLOADS}.children.."
    response = dash_call(
        client,
        output,
        [{"id": BRIEFING_MONTH, "property": "value", "value": MARCH}],
        [{"id": ids.URL, "property": "search", "value": "?region=LDN"}],
    )
    assert response.status_code == 200
    text = json.dumps(response.get_json())
    assert "March 2010: figures of Jan\\u2013Mar 2010" in text
    assert "What changed since last month" in text and "Overdue actions" in text
    assert "/briefing/download.pdf?region=LDN&month=2010-03" in text
    assert "/briefing/download.html?region=LDN&month=2010-03" in text
    refused = dash_call(
        client,
        output,
        [{"id": BRIEFING_MONTH, "property": "value", "value": "2030-01"}],
        [{"id": ids.URL, "property": "search", "value": "?region=LDN"}],
    )
    assert "No briefing for January 2030" in json.dumps(refused.get_json())


def test_the_page_opens_on_the_month_of_the_selections_last_quarter(client):
    response = dash_call(
        client,
        f"{ids.PAGE}.children",
        [{"id": ids.URL, "property": "pathname", "value": "/briefing"}],
        [{"id": ids.URL, "property": "search", "value": "?region=LDN&to=2009Q3"}],
    )
    page = json.dumps(response.get_json())
    assert '"value": "2009-09"' in page and "Cascade briefing" in page
    assert "/briefing/download.pdf?region=LDN&to=2009Q3&month=2009-09" in page


def test_both_downloads_carry_the_month_the_selection_and_an_attachment_name(client):
    pdf = client.get("/briefing/download.pdf?region=LDN&month=2010-03")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Disposition"] == 'attachment; filename="dre-briefing-2010-03.pdf"'
    assert pdf.data.startswith(b"%PDF") and b"%%EOF" in pdf.data[-32:]
    assert len(re.findall(rb"/Type /Page\b", pdf.data)) >= 2  # twelve in a page or two, and more
    html = client.get("/briefing/download.html?region=LDN&month=2010-03")
    assert html.status_code == 200 and html.mimetype == "text/html"
    assert html.headers["Content-Disposition"] == 'attachment; filename="dre-briefing-2010-03.html"'
    page = html.get_data(as_text=True)
    assert page.startswith("<!doctype html>") and "<script" not in page
    assert "London · 10 sites" in page and page.count("<svg") == 12


def test_a_bad_month_is_a_400_in_plain_words(client):
    for month, words in (("2010-13", "YYYY-MM"), ("", "YYYY-MM"), ("2030-01", "No briefing for")):
        response = client.get(f"/briefing/download.pdf?region=LDN&month={month}")
        assert response.status_code == 400 and response.mimetype == "text/plain"
        assert words in response.get_data(as_text=True)


def test_a_viewer_gets_the_briefing_with_disclosure_control(server, demo_db):
    viewer = server.test_client()
    sign_in_client(viewer, demo_db, VIEWER)
    response = viewer.get("/briefing/download.html?region=LDN&month=2010-03")
    assert response.status_code == 200 and "London · 10 sites" in response.get_data(as_text=True)


def test_nobody_signed_in_gets_no_briefing(anonymous_client):
    for kind in ("pdf", "html"):
        response = anonymous_client.get(f"/briefing/download.{kind}?month=2010-03")
        assert response.status_code in (302, 401)
        assert not response.data.startswith(b"%PDF") and b"twelve" not in response.data
        if response.status_code == 302:
            assert response.headers["Location"].startswith("/login")


def test_the_command_writes_the_briefing(runner, tmp_path, monkeypatch):
    out = tmp_path / "london.html"
    result = runner.invoke(args=["briefing", "--month", MARCH, "--region", "LDN", "--out", out])
    assert result.exit_code == 0, result.output
    assert "Wrote the briefing of 2010-03" in result.output
    assert "London · 10 sites" in out.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the default file name lands in the working directory
    result = runner.invoke(args=["briefing", "--month", MARCH, "--site", "SLAM"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dre-briefing-2010-03.pdf").read_bytes()[:4] == b"%PDF"


def test_the_command_refuses_a_bad_month_or_an_unknown_code(runner, tmp_path):
    cases = (
        (["--month", "2010/03"], "YYYY-MM"),
        (["--month", "2030-01"], "No briefing for January 2030"),
        (["--month", MARCH, "--region", "XX"], "Unknown region code(s): XX"),
        (["--month", MARCH, "--site", "NOPE"], "Unknown site code(s): NOPE"),
        (["--month", MARCH, "--out", "b.docx"], "must end in .pdf or .html"),
    )
    for args, words in cases:
        result = runner.invoke(args=["briefing", *args])
        assert result.exit_code != 0 and words in result.output, (args, result.output)
