"""A site lead returns the quarter that just ended (issue 16), through the Flask test client
and the CLI, with the clock set to 1 December 2026 (the `today` fixture): 2026Q3 and 2026Q2
are open, the store's periods end in 2010Q1."""

from __future__ import annotations

import html

import pandas as pd
from sqlalchemy import select

from data_access.models import Period
from layouts.overview import ids as overview_ids
from layouts.returns import ids
from layouts.shell.ids import PAGE, URL
from layouts.site import ids as site_ids
from tests.components import find, prop, text
from tests.conftest import SITE_LEAD, client_as
from tests.dash_requests import callback_output, dash_call
from tests.returns_helpers import (
    check,
    confirm,
    downloaded,
    filled,
    said,
    template_call,
    upload,
)

OPEN = "2026Q3"


def _page(client, path: str, search: str = ""):
    response = dash_call(
        client,
        f"{PAGE}.children",
        [{"id": URL, "property": "pathname", "value": path}],
        [{"id": URL, "property": "search", "value": search}],
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["response"][PAGE]["children"]


def _period(db, code: str) -> Period | None:
    with db.session() as s:
        return s.scalar(select(Period).where(Period.code == code))


def test_a_site_lead_returns_the_quarter_that_just_ended(writable_app, writable_db, today):
    client = client_as(writable_app, SITE_LEAD)
    # The page offers the open quarters first, the one that just ended chosen.
    periods = find(_page(client, "/data/returns"), ids.RETURNS_PERIODS)
    options = [o["value"] for o in prop(periods, "options")]
    assert options[:3] == ["2026Q3", "2026Q2", "2010Q1"] and prop(periods, "value") == [OPEN]
    assert "Jul–Sep 2026 (open for returns)" in prop(periods, "options")[0]["label"]

    blank = downloaded(template_call(client, "SLAM", OPEN))
    assert set(blank["period"]) == {OPEN} and len(blank) > 0
    assert (blank["numerator"] == "").all() and (blank["denominator"] == "").all()
    assert _period(writable_db, OPEN) is None  # a template stores nothing

    frame, rows = filled(blank, "M02A", "40", "100")
    contents = upload(frame)
    assert "is ready to store" in said(check(client, contents))
    assert _period(writable_db, OPEN) is None  # nor does a check
    stored = confirm(client, contents)
    assert "return.csv stored" in said(stored), said(stored)

    period = _period(writable_db, OPEN)
    assert (period.label, period.granularity) == ("Jul–Sep 2026", "quarter")
    assert (str(period.start_date), str(period.end_date)) == ("2026-07-01", "2026-09-30")

    # The quarter returned comes back filled with what was stored, ready to correct.
    again = downloaded(template_call(client, "SLAM", OPEN))
    assert (again.loc[rows, ["numerator", "denominator"]] == ["40", "100"]).all().all()
    others = again.index.difference(rows)
    assert (again.loc[others, "numerator"] == "").all()

    # A correction of one cell: one revised value, the rest unchanged.
    again.loc[rows[0], "numerator"] = "41"
    corrected = confirm(client, upload(again), name="corrected.csv")
    assert "1 revised" in said(corrected) and "corrected.csv stored" in said(corrected)

    # The pages draw the new quarter as the latest, after 2010Q1.
    overview = _page(client, "/")
    assert "panel-char-12" in str(overview)
    site = dash_call(
        client,
        f"{site_ids.SITE_CONTENT}.children",
        [
            {"id": site_ids.SITE_CODE, "property": "data", "value": "SLAM"},
            {"id": URL, "property": "search", "value": ""},
        ],
    )
    assert site.status_code == 200
    assert "Jul–Sep 2026" in text(site.get_json()["response"][site_ids.SITE_CONTENT]["children"])
    with writable_app.server.app_context():
        from dashboard.loaders import load_catalogue

        codes = load_catalogue().period_codes
    # one step per quarter: the years without returns are in the series, holding nothing
    assert codes[-3:] == ["2026Q1", "2026Q2", OPEN] and "2018Q3" in codes
    assert codes.index(OPEN) - codes.index("2010Q1") == 66
    panels = dash_call(
        client,
        callback_output(client, f"{overview_ids.panel_body(1)}.html"),
        [
            {"id": overview_ids.FILTER_REGION, "property": "value", "value": ["LDN"]},
            {"id": overview_ids.FILTER_TRUST, "property": "value", "value": []},
            {"id": overview_ids.FILTER_RURALITY, "property": "value", "value": "all"},
            {"id": overview_ids.FILTER_PERIOD, "property": "value", "value": [0, len(codes) - 1]},
            {"id": overview_ids.MEASURE_MENU, "property": "value", "value": ["M02A"]},
            {"id": overview_ids.FILTER_POOLING, "property": "value", "value": "quarter"},
        ],
        [
            {"id": overview_ids.PANEL_KEYS, "property": "data", "value": {}},
            {"id": "url", "property": "search", "value": ""},
        ],
    )
    assert panels.status_code == 200, panels.get_data(as_text=True)[:500]
    summary = text(panels.get_json()["response"][overview_ids.OVERVIEW_SUMMARY]["children"])
    assert "Jul–Sep 2026" in summary, summary


def test_a_quarter_neither_stored_nor_open_is_refused_with_the_reason(
    writable_app, writable_db, today
):
    client = client_as(writable_app, SITE_LEAD)
    frame = downloaded(template_call(client, "SLAM", OPEN))
    frame, rows = filled(frame, "M02A", "40", "100")
    for period, reason in (
        ("2031Q1", "2031Q1 has not ended yet: a quarter is returned once it has ended"),
        ("2026Q4", "2026Q4 has not ended yet"),  # today's own quarter
        (
            "2015Q1",
            "2015Q1 is not open for returns: the quarters open for returns now are 2026Q3 "
            "and 2026Q2",
        ),
        ("2026Q5", "'2026Q5' is not a period: write a quarter as 2026Q3"),
    ):
        frame.loc[rows, "period"] = period
        # (the table of problems writes a colon as &#58;)
        answer = said(check(client, upload(frame))).replace("&#58;", ":")
        assert "was not stored" in answer and reason in answer, answer
        refused = template_call(client, "SLAM", period)
        assert refused.status_code == 400
        assert reason in html.unescape(refused.get_data(as_text=True))
    assert _period(writable_db, "2031Q1") is None and _period(writable_db, "2015Q1") is None


def test_a_correction_of_an_earlier_stored_quarter_stays_allowed(writable_app, writable_db, today):
    """A quarter stored long ago is no longer open, but it can still be corrected."""
    client = client_as(writable_app, SITE_LEAD)
    frame = downloaded(template_call(client, "SLAM", "2009Q4"))
    assert (frame["numerator"] != "").any()  # filled with what is stored
    assert "is ready to store" in said(check(client, upload(frame)))


def test_the_cli_writes_the_open_quarters_template_then_stores_it(
    writable_app, writable_db, today, tmp_path
):
    runner = writable_app.server.test_cli_runner()

    def template(out):
        result = runner.invoke(
            args=["returns-template", "--site", "SLAM", "--out", str(out), "--period", OPEN]
        )
        assert result.exit_code == 0, result.output
        return pd.read_csv(out, dtype=str, keep_default_na=False)

    frame = template(tmp_path / "blank.csv")
    assert (frame["numerator"] == "").all()
    frame, rows = filled(frame, "M02A", "40", "100")
    path = tmp_path / "filled.csv"
    frame.to_csv(path, index=False)
    result = runner.invoke(args=["import-returns", str(path), "--confirm-warnings"])
    assert result.exit_code == 0 and "filled.csv stored" in result.output, result.output
    assert _period(writable_db, OPEN) is not None
    again = template(tmp_path / "again.csv")
    assert (again.loc[rows, "numerator"] == "40").all()
    refused = runner.invoke(
        args=["returns-template", "--site", "SLAM", "--out", str(path), "--period", "2015Q1"]
    )
    assert refused.exit_code != 0 and "2015Q1 is not open for returns" in refused.output


def test_a_rolling_year_after_a_gap_adds_only_its_own_quarters(writable_app, today):
    """Year to Jul–Sep 2026 is 2025Q4 to 2026Q3: nothing of 2009 or 2010, although those are
    the four quarters stored before it."""
    from dashboard.loaders import load_catalogue
    from dashboard.overview.data import overview_data
    from dashboard.selection import Selection
    from tests.conftest import ADMIN, signed_in_request

    client = client_as(writable_app, SITE_LEAD)
    blank = downloaded(template_call(client, "SLAM", OPEN))
    frame, _ = filled(blank, "M04A", "40", "100000")
    assert "stored" in said(confirm(client, upload(frame)))
    with signed_in_request(writable_app, ADMIN):
        catalogue = load_catalogue()
        figures = {}
        for pooling in ("quarter", "year"):
            selection = Selection(trusts=("SLAM",), pooling=pooling).validated(catalogue)
            panel = overview_data(selection, catalogue, ["M04A"]).panels[4]
            (summary,) = [s for s in panel if s.code == "M04A"]
            figures[pooling] = summary
    assert figures["year"].latest_period == figures["quarter"].latest_period == OPEN
    for group in ("bme", "white_british"):
        quarter, year = figures["quarter"].latest[group], figures["year"].latest[group]
        assert (year.numerator, year.denominator) == (quarter.numerator, quarter.denominator)
