"""NHS England's Mental Health Act Statistics, Annual Figures 2023-24 (the real extract in
../shared/data), imported into an empty database as a new programme would, and read back
through the API as an analyst would."""

from __future__ import annotations

import csv
import io
import math

import pytest
from sqlalchemy import select

from data_access.db import Database
from data_access.models import DataVersion, Observation, Organisation
from tests import published_helpers
from tests.conftest import client_as
from tests.published_helpers import (
    ADMIN,
    EXTRACT,
    VIEWER,
    cli,
    counts,
    empty_database,
    load_reference,
    make_app,
    published_rows,
    write_rows,
)

imported = published_helpers.imported  # the module's fixture: the extract, imported

GROUP_CODES = {
    "White": "WHT",
    "Mixed": "MIX",
    "Asian or Asian British": "ASN",
    "Black or Black British": "BLK",
    "Other Ethnic Groups": "OTH",
}


def _csv(client, path: str) -> list[dict[str, str]]:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def _half_up(value: float) -> float:
    return math.floor(value * 10 + 0.5) / 10


def test_the_import_says_what_it_stored(imported):
    _, _, output = imported
    assert "stored: 238 organisations" in output
    assert "16 measures (16 new)" in output
    assert "suppressed at source" in output
    assert "Kept aside" in output and "subcategories of a measure" in output


def test_every_icb_crude_rate_comes_back_through_the_api_to_the_published_decimal(imported):
    app, _, _ = imported
    client = client_as(app, ADMIN)
    published = [
        r
        for r in published_rows()
        if r["OrganisationBreakdown"] == "ICB"
        and r["Demographic"] == "Ethnicity"
        and r["measureSubcategory"] == "All"
        and r["CrudeRate"]
        and r["OrgID"] != "UNKNOWN"
    ]
    measures = {r["Measure"] for r in published}
    assert len(published) == 200 and "All detentions" in measures
    from dashboard.published.mha_annual import measure_code

    served = {}
    for name in measures:
        code = measure_code(name)
        rows = _csv(
            client,
            f"/api/v1/values?measure={code}&area_type=organisation&group=WHT,MIX,ASN,BLK,OTH&format=csv",
        )
        served |= {(code, r["area_code"], r["group"]): r for r in rows}
    for row in published:
        key = (measure_code(row["Measure"]), row["OrgID"], GROUP_CODES[row["DemographicBreakdown"]])
        got = served[key]
        assert got["status"] == "ok", (key, got)
        assert int(got["numerator"]) == int(row["Total_Count"])
        assert _half_up(float(got["value"])) == float(row["CrudeRate"]), (key, got["value"])


def test_england_black_and_white_rates_and_their_ratio_as_published(imported):
    app, _, _ = imported
    client = client_as(app, ADMIN)
    values = {
        r["group"]: r
        for r in _csv(
            client, "/api/v1/values?measure=MHA01&area=E92000001&group=BLK,WHT&format=csv"
        )
    }
    assert _half_up(float(values["BLK"]["value"])) == 239.0
    assert int(values["BLK"]["numerator"]) == 5693
    assert _half_up(float(values["WHT"]["value"])) == 69.5
    assert values["WHT"]["group_name"] == "White"
    ratio = {
        r["group"]: r
        for r in _csv(client, "/api/v1/disparities?measure=MHA01&area=E92000001&format=csv")
    }["BLK"]
    assert ratio["comparator"] == "WHT"
    assert round(float(ratio["ratio"]), 2) == 3.44
    assert 3.3 < float(ratio["lower_95"]) < 3.44 < float(ratio["upper_95"]) < 3.6
    assert ratio["verdict"].startswith("significantly higher")


def test_a_suppressed_count_is_never_a_number_for_anyone(imported):
    app, _, _ = imported
    blanks = {
        ("MHA01", r["OrgID"], GROUP_CODES[r["DemographicBreakdown"]])
        for r in published_rows()
        if r["OrganisationBreakdown"] == "ICB"
        and r["Demographic"] == "Ethnicity"
        and r["measureSubcategory"] == "All"
        and r["Measure"] == "All detentions"
        and r["DemographicBreakdown"] in GROUP_CODES
        and r["Total_Count"] == ""
    }
    assert ("MHA01", "QVV", "ASN") in blanks
    for email in (ADMIN, VIEWER):
        rows = _csv(
            client_as(app, email),
            "/api/v1/values?measure=MHA01&area_type=organisation&group=WHT,MIX,ASN,BLK,OTH,bme&format=csv",
        )
        seen = {("MHA01", r["area_code"], r["group"]): r for r in rows}
        for key in blanks:
            row = seen[key]
            assert row["status"] == "suppressed_at_source", (email, key, row)
            assert row["numerator"] == row["value"] == row["lower_95"] == ""
        # Dorset's BME figure would need its Asian count: it is suppressed too, not a sum.
        assert seen[("MHA01", "QVV", "bme")]["status"] == "suppressed_at_source"


def test_dorset_black_figure_with_its_wide_interval_against_england(imported):
    app, _, _ = imported
    rows = _csv(client_as(app, ADMIN), "/api/v1/values?measure=MHA01&area=QVV&group=BLK&format=csv")
    (dorset,) = rows
    assert int(dorset["numerator"]) == 15 and _half_up(float(dorset["value"])) == 283.1
    assert float(dorset["upper_95"]) - float(dorset["lower_95"]) > 250  # 158 to 467
    assert _half_up(float(dorset["benchmark_value"])) == 239.0


def test_importing_the_same_file_again_changes_nothing(imported):
    app, url, _ = imported
    before = counts(url)
    db = Database(url)
    with db.session() as session:
        version = session.scalar(select(DataVersion.version))
    result = cli(app, "import-published", "mha-annual", str(EXTRACT))
    assert result.exit_code == 0, result.output
    assert "already stored as it is; nothing changed" in result.output
    assert counts(url) == before
    with db.session() as session:
        assert session.scalar(select(DataVersion.version)) == version
    db.dispose()


def test_a_corrected_file_makes_new_revisions(tmp_path):
    url = f"sqlite:///{tmp_path / 'mha.sqlite3'}"
    empty_database(url)
    app = make_app(url)
    load_reference(app)
    rows = published_rows()
    assert cli(app, "import-published", "mha-annual", str(EXTRACT)).exit_code == 0
    dorset = next(
        r
        for r in rows
        if r["OrgID"] == "QVV"
        and r["Measure"] == "All detentions"
        and r["DemographicBreakdown"] == "White"
        and r["measureSubcategory"] == "All"
    )
    dorset["Total_Count"], dorset["CrudeRate"] = "370", "50.4"
    result = cli(app, "import-published", "mha-annual", str(write_rows(tmp_path / "c.csv", rows)))
    assert result.exit_code == 0, result.output
    assert "0 new, 1 revised" in result.output
    db = Database(url)
    with db.session() as session:
        revisions = session.execute(
            select(Observation.numerator, Observation.revision, Observation.is_current)
            .join(Organisation, Organisation.id == Observation.organisation_id)
            .where(Organisation.code == "QVV", Observation.ethnic_code == "WHT")
            .order_by(Observation.revision)
        ).all()
    db.dispose()
    assert [tuple(r) for r in revisions if r[0] in (365, 370)][:2] == [
        (365, 1, False),
        (370, 2, True),
    ]


def test_a_broken_row_is_refused_by_its_line_number_and_nothing_is_stored(tmp_path):
    url = f"sqlite:///{tmp_path / 'mha.sqlite3'}"
    empty_database(url)
    app = make_app(url)
    load_reference(app)
    before = counts(url)
    rows = published_rows()
    rows[9]["Total_Count"] = "twelve"  # line 11: the header is line 1
    broken = write_rows(tmp_path / "broken.csv", rows)
    result = cli(app, "import-published", "mha-annual", str(broken))
    assert result.exit_code != 0
    assert "Line 11: Total_Count 'twelve' is not a whole number" in result.output
    assert "nothing was stored" in result.output
    assert counts(url) == before
    skipped = cli(app, "import-published", "mha-annual", str(broken), "--skip-bad")
    assert skipped.exit_code == 0, skipped.output
    assert "skipped: Line 11" in skipped.output and "stored:" in skipped.output
    assert counts(url)[0] > before[0]


def test_a_tidy_long_file_adds_figures_for_stored_areas_and_measures(imported, tmp_path):
    app, _, _ = imported
    long = tmp_path / "long.csv"
    long.write_text(
        "area_code,period,measure_code,group_code,numerator,denominator\n"
        "QVV,2024/25,MHA01,BLK,20,5400\n"
        "QVV,2024/25,MHA01,ASN,,\n"
        "QXX,2024/25,MHA01,BLK,1,2\n",
        encoding="utf-8",
    )
    refused = cli(app, "import-long", str(long))
    assert refused.exit_code != 0
    assert "Line 4: area_code 'QXX' is not a stored organisation" in refused.output
    stored = cli(app, "import-long", str(long), "--skip-bad")
    assert stored.exit_code == 0, stored.output
    assert "2 new" in stored.output and "of which 1 suppressed at source" in stored.output


@pytest.mark.postgres
def test_the_extract_imports_on_postgresql(postgres_url):
    empty_database(postgres_url)
    app = make_app(postgres_url)
    load_reference(app)
    result = cli(app, "import-published", "mha-annual", str(EXTRACT))
    assert result.exit_code == 0, result.output
    assert "1,327 new" in result.output and "464 suppressed at source" in result.output
    again = cli(app, "import-published", "mha-annual", str(EXTRACT))
    assert "nothing changed" in again.output
    rows = _csv(
        client_as(app, ADMIN), "/api/v1/values?measure=MHA01&area=E92000001&group=BLK&format=csv"
    )
    assert _half_up(float(rows[0]["value"])) == 239.0


def test_the_api_names_each_measures_comparator(imported):
    app, _, _ = imported
    rows = {r["code"]: r for r in _csv(client_as(app, ADMIN), "/api/v1/measures?format=csv")}
    assert rows["MHA01"]["comparator"] == "white"  # the 2021 census groups: against White
    assert rows["MHA01"]["name"] == "All detentions"  # named as published
    assert "crude rate" in rows["MHA01"]["denominator_definition"]
    assert rows["MHA01"]["source"].startswith("NHS England, Mental Health Act Statistics")
