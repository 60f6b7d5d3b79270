"""A programme's quarterly returns beside published annual statistics, in one store: after the
extract is imported, Dorset's lead returns the quarter that just ended. The pages draw the
quarters by default and the financial years on asking (`?grain=financial_year`, a link in the
selection bar); neither hides the other, and a return takes the measure's own groups."""

from __future__ import annotations

import csv

from dashboard.accounts import create_user
from dashboard.loaders import load_catalogue, load_group_totals
from data_access.db import Database
from layouts.overview import ids as overview_ids
from layouts.shell.layout import selection_chips
from tests.components import html_tree, text
from tests.conftest import TEST_PASSWORD, client_as, signed_in_request
from tests.dash_requests import callback_output, dash_call
from tests.published_helpers import ADMIN, EXTRACT, cli, empty_database, load_reference, make_app

LEAD = "dorset.lead@dre.example"
OPEN = "2026Q3"


def _store(tmp_path):
    url = f"sqlite:///{tmp_path / 'mixed.sqlite3'}"
    empty_database(url)
    app = make_app(url)
    load_reference(app)
    assert cli(app, "import-published", "mha-annual", str(EXTRACT)).exit_code == 0
    db = Database(url)
    with db.session() as session:
        create_user(session, LEAD, TEST_PASSWORD, "site_lead", site="QVV")
    db.dispose()
    return app


def _return_the_quarter(app, tmp_path) -> list[dict]:
    out = tmp_path / "return.csv"
    made = cli(app, "returns-template", "--site", "QVV", "--period", OPEN, "--out", str(out))
    assert made.exit_code == 0, made.output
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["numerator"], row["denominator"] = "12", "60000"
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    stored = cli(app, "import-returns", str(out), "--as", LEAD, "--confirm-warnings")
    assert stored.exit_code == 0, stored.output
    return rows


def test_a_lead_returns_the_quarter_and_the_published_years_stay_in_reach(tmp_path, today):
    app = _store(tmp_path)
    rows = _return_the_quarter(app, tmp_path)
    # the template asks for the measure's own groups: the 2021 census ones, compared with White
    mha01 = {r["ethnic_code"] for r in rows if r["measure_code"] == "MHA01"}
    assert mha01 == {"WHT", "MIX", "ASN", "BLK", "OTH", "UNK"}

    with signed_in_request(app, ADMIN):
        catalogue = load_catalogue()
        assert catalogue.grains == ["quarter", "financial_year"]
        assert catalogue.period_codes[-1] == OPEN  # quarters by default
        years = load_catalogue("financial_year")
        assert years.period_codes == ["2023/24"]
        everyone = years.organisations["code"].tolist()
        england = load_group_totals(everyone, ("MHA01",), ("2023/24",)).set_index("group")
        assert england.loc["white_british", "numerator"] == 31_735
        chips = text(
            selection_chips(
                __import__("dashboard.selection", fromlist=["Selection"]).Selection(),
                catalogue,
                "/",
            )
        )
        assert "Periods:" in chips and "Financial years" in chips

    client = client_as(app, ADMIN)
    panels = dash_call(
        client,
        callback_output(client, f"{overview_ids.panel_body(1)}.html"),
        [
            {"id": overview_ids.FILTER_REGION, "property": "value", "value": []},
            {"id": overview_ids.FILTER_TRUST, "property": "value", "value": []},
            {"id": overview_ids.FILTER_RURALITY, "property": "value", "value": "all"},
            {"id": overview_ids.FILTER_PERIOD, "property": "value", "value": [0, 0]},
            {"id": overview_ids.MEASURE_MENU, "property": "value", "value": ["MHA01"]},
            {"id": overview_ids.FILTER_POOLING, "property": "value", "value": "quarter"},
        ],
        [
            {"id": overview_ids.PANEL_KEYS, "property": "data", "value": {}},
            {"id": "url", "property": "search", "value": "?grain=financial_year"},
        ],
    )
    assert panels.status_code == 200, panels.get_data(as_text=True)[:300]
    response = panels.get_json()["response"]
    assert "2023/24" in text(response[overview_ids.OVERVIEW_SUMMARY]["children"])
    assert "BME : White rate ratio 1.85" in text(
        html_tree(response[overview_ids.panel_body(4)]["html"])
    )

    # the API reads a financial year in its own series, whatever the pages draw by default
    api = client.get("/api/v1/values?measure=MHA01&area=E92000001&period=2023/24&group=WHT")
    assert api.status_code == 200, api.get_data(as_text=True)[:300]
    (white,) = api.get_json()["data"]
    assert white["numerator"] == 31_735 and round(white["value"], 1) == 69.5
