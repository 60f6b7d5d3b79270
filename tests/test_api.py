"""The read API (/api/v1/) through the Flask test client: its lists and figures, the same
numbers as the pages, and disclosure control for viewers (its manners: test_api_protocol)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.api_helpers import get_json as _get
from tests.components import table_rows
from tests.conftest import ADMIN, REGIONAL, VIEWER, client_as

LATEST = "2010Q1"


@pytest.fixture
def viewer(app):
    return client_as(app, VIEWER)


def test_reference_lists_describe_what_the_figures_use(client):
    measures = {m["code"]: m for m in _get(client, "/api/v1/measures")["data"]}
    assert measures["M04A"]["kind"] == "rate" and measures["M04A"]["multiplier"] == 100_000
    assert measures["M04A"]["polarity"] == "lower_is_better"
    assert measures["M04A"]["comparator"] == "white_british"
    areas = _get(client, "/api/v1/areas")["data"]
    assert {a["type"] for a in areas} == {"england", "region", "organisation"}
    slam = next(a for a in areas if a["code"] == "SLAM")
    assert slam["region"] == "LDN" and slam["parent"] == "LDN" and slam["rurality"] == "urban"
    regions = _get(client, "/api/v1/areas?area_type=region")["data"]
    assert len(regions) == 8 and all(r["parent"] == "E92000001" for r in regions)
    periods = _get(client, "/api/v1/periods")["data"]
    assert periods[-1] == {
        "code": LATEST,
        "label": "Jan–Mar 2010",
        "start": "2010-01-01",
        "end": "2010-03-31",
        "granularity": "quarter",
    }
    groups = _get(client, "/api/v1/groups")["data"]
    dre = [g["code"] for g in groups if g["kind"] == "dre_group"]
    assert dre == ["all", "bme", "white_british", "not_stated"]
    categories = {g["code"]: g for g in groups if g["kind"] == "ethnic_category"}
    assert categories["A"]["dre_group"] == "white_british" and categories["N"]["dre_group"] == "bme"
    assert categories["Z"]["dre_group"] == "not_stated" and len(categories) == 17
    assert len(_get(client, "/api/v1/characteristics")["data"]) == 12


def test_values_give_one_row_per_area_period_and_group_with_intervals(client):
    answer = _get(client, f"/api/v1/values?measure=M04A&area=LDN,SLAM&period={LATEST}")
    rows = answer["data"]
    assert answer["count"] == len(rows) == 2 * 4
    assert {(r["area_code"], r["group"]) for r in rows} == {
        (a, g) for a in ("LDN", "SLAM") for g in ("all", "bme", "white_british", "not_stated")
    }
    for row in rows:
        assert row["status"] == "ok" and row["period"] == LATEST
        if row["group"] == "not_stated":  # counted, but no population to divide by
            assert row["denominator"] == 0 and row["value"] is None and row["numerator"] > 0
            continue
        assert row["lower_998"] <= row["lower_95"] <= row["value"] <= row["upper_95"]
        assert row["upper_95"] <= row["upper_998"]
        assert row["value"] == pytest.approx(row["numerator"] / row["denominator"] * 100_000)
        assert row["benchmark_value"] > 0
    bme = {r["area_code"]: r for r in rows if r["group"] == "bme"}
    everyone = {r["area_code"]: r for r in rows if r["group"] == "all"}
    assert everyone["SLAM"]["numerator"] > bme["SLAM"]["numerator"]
    assert bme["LDN"]["compared_to_benchmark"] in ("high_998", "high_95")


def test_ethnic_categories_add_up_to_their_dre_groups(client):
    codes = [g["code"] for g in _get(client, "/api/v1/groups")["data"]]
    wanted = ",".join(["bme", "white_british", *codes[4:]])
    rows = _get(client, f"/api/v1/values?measure=M04A&area=SLAM,LDN&period=latest&group={wanted}")
    groups = {g["code"]: g["dre_group"] for g in _get(client, "/api/v1/groups")["data"]}
    for area in ("SLAM", "LDN"):
        mine = [r for r in rows["data"] if r["area_code"] == area]
        for dre in ("bme", "white_british"):
            (total,) = [r for r in mine if r["group"] == dre]
            parts = [r for r in mine if groups[r["group"]] == dre and r["group"] != dre]
            assert len(parts) >= (2 if dre == "bme" else 1)  # White British: category A
            assert all(r["status"] == "ok" for r in parts)
            assert sum(r["numerator"] for r in parts) == total["numerator"]
            assert sum(r["denominator"] for r in parts) == total["denominator"]
    (black,) = [r for r in rows["data"] if r["area_code"] == "SLAM" and r["group"] == "N"]
    assert black["group_name"] == "African"  # N: Black or Black British, African


def test_the_api_gives_the_compare_tables_numbers(app, viewer):
    """Compare sites (London, detentions, BME, rolling year, as a viewer): each site's numbers
    in the page's table are the API's, from the funnel and from values."""
    from callbacks.compare import update_comparison
    from tests.conftest import signed_in_request

    with signed_in_request(app, VIEWER):
        shown = update_comparison("M04A", "bme", "england", "year", ["LDN"], [], "all", None, "")
    # each row's figures as the table sorts them (its cells' data, "" when blank), its site
    # from its link
    table = {
        r["href"].split("/site/")[1].split("?")[0]: {
            k: None if v == "" else v for k, v in r["sort"].items()
        }
        for r in table_rows(shown[2])
    }
    base = "measure=M04A&region=LDN&group=bme&pool=year&period=latest"
    funnel = {r["area_code"]: r for r in _get(viewer, f"/api/v1/funnel?{base}")["data"]}
    values = _get(viewer, f"/api/v1/values?{base}&area_type=organisation")["data"]
    values = {r["area_code"]: r for r in values}
    assert set(table) == set(funnel) == set(values) and len(table) >= 5
    for site, row in table.items():
        for answer in (funnel[site], values[site]):
            assert answer["numerator"] == row["numerator"]
            assert answer["denominator"] == row["denominator"]
            if row["value"] is None:
                assert answer["value"] is None
            else:
                assert round(answer["value"], 4) == row["value"]


def test_the_api_gives_the_overview_panels_ratio_and_verdict(app, viewer):
    """The overview's panel for detentions in London: its BME : White British sentence and its
    variation are what disparities and spc answer for the same selection."""
    from dashboard.loaders import load_catalogue
    from dashboard.overview.data import overview_data
    from dashboard.selection import Selection
    from dashboard.vocabulary import fmt_ratio, ratio_statement
    from tests.conftest import signed_in_request

    with signed_in_request(app, VIEWER):
        catalogue = load_catalogue()
        selection = Selection.from_query("?region=LDN").validated(catalogue)
        panel = next(
            s for s in overview_data(selection, catalogue, ["M04A"]).panels[4] if s.code == "M04A"
        )
    statement = ratio_statement(panel.ratio_kind, panel.ratio, panel.polarity)
    rows = _get(viewer, "/api/v1/disparities?measure=M04A&area=LDN&period=latest")["data"]
    (ratio,) = [r for r in rows if r["group"] == "bme"]
    assert statement.startswith(
        f"BME : White British {ratio['ratio_kind']} {fmt_ratio(ratio['ratio'])}"
    )
    assert f"95% CI {fmt_ratio(ratio['lower_95'])} to {fmt_ratio(ratio['upper_95'])}" in statement
    assert statement.endswith(ratio["verdict"])
    chart = _get(viewer, "/api/v1/spc?measure=M04A&area=LDN")
    assert chart["group"] == "bme" and chart["variation"] == panel.variation
    assert chart["trial_limits"] == panel.trial_limits
    latest = panel.latest["bme"]
    values = _get(viewer, "/api/v1/values?measure=M04A&area=LDN&period=latest&group=bme")
    (row,) = values["data"]
    assert row["value"] == pytest.approx(latest.value) and row["numerator"] == latest.numerator


def _viewer_rows(viewer, measure: str) -> list[dict]:
    url = f"/api/v1/values?measure={measure}&area_type=organisation&period=latest"
    return _get(viewer, url)["data"]


@pytest.mark.parametrize("measure", ["M09B", "M04A", "M01B"])
def test_a_viewer_never_receives_a_count_of_1_to_7(viewer, measure):
    rows = _viewer_rows(viewer, measure)
    counts = [r[c] for r in rows for c in ("numerator", "denominator") if r[c] is not None]
    assert counts and not [c for c in counts if 1 <= c <= 7]
    for row in rows:
        if row["status"] != "ok":
            assert row["value"] is row["lower_95"] is row["upper_998"] is row["numerator"] is None
            assert row["compared_to_benchmark"] is None


def test_a_withheld_value_is_null_with_its_reason_never_zero(viewer, client):
    rows = _viewer_rows(viewer, "M09B")
    withheld = [r for r in rows if r["status"] == "withheld"]
    assert withheld, "the demonstration data withholds some prison's M09B from a viewer"
    assert all(r["value"] is None and r["numerator"] is None for r in withheld)
    # the administrator, with record-level rights, gets the same cells as numbers
    admin = {(r["area_code"], r["group"]): r for r in _viewer_rows(client, "M09B")}
    for row in withheld:
        assert admin[(row["area_code"], row["group"])]["status"] == "ok"
    text = viewer.get(
        "/api/v1/values?measure=M09B&area_type=organisation&period=latest&format=csv"
    ).get_data(as_text=True)
    lines = list(csv.DictReader(io.StringIO(text)))
    shown = [r for r in lines if r["status"] == "withheld"]
    assert len(shown) == len(withheld) and all(r["value"] == r["numerator"] == "" for r in shown)


def test_csv_has_a_header_row_and_the_same_rows(client):
    url = "/api/v1/values?measure=M04A&area=LDN&period=latest"
    response = client.get(url + "&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    data = _get(client, url)["data"]
    assert [r["group"] for r in rows] == [r["group"] for r in data]
    assert [int(r["numerator"]) for r in rows] == [r["numerator"] for r in data]


def test_a_regional_user_reads_their_region_unrounded_and_others_controlled(app):
    regional = client_as(app, REGIONAL)
    rows = {
        r["area_code"]: r
        for r in _get(
            regional, "/api/v1/values?measure=M04A&area_type=organisation&period=latest&group=all"
        )["data"]
    }
    admin = client_as(app, ADMIN)
    exact = {
        r["area_code"]: r
        for r in _get(
            admin, "/api/v1/values?measure=M04A&area_type=organisation&period=latest&group=all"
        )["data"]
    }
    assert rows["SLAM"]["numerator"] == exact["SLAM"]["numerator"]  # London: as stored
    outside = [c for c, r in rows.items() if r["status"] == "ok" and c not in ("SLAM",)]
    rounded = [rows[c]["numerator"] % 5 == 0 for c in outside if exact[c]["numerator"] > 7]
    assert rounded and any(rounded)


def test_overdispersed_limits_are_wider(client):
    base = "/api/v1/funnel?measure=M04A&group=all"
    plain, wide = _get(client, base), _get(client, base + "&overdispersion=true")
    assert wide["overdispersion"] is True
    at = {round(p["denominator"]): p for p in plain["limits"]}
    widened = [
        p["upper_998"] >= at[round(p["denominator"])]["upper_998"]
        for p in wide["limits"]
        if round(p["denominator"]) in at
    ]
    assert widened and all(widened)
    plain_high = sum(r["significance"] == "high_998" for r in plain["data"])
    wide_high = sum(r["significance"] == "high_998" for r in wide["data"])
    assert wide_high <= plain_high


def test_each_ethnic_categorys_ratio_is_the_characteristic_pages(app, client):
    """Disparities by NHS ethnic category (London, detentions, latest quarter, administrator)
    are the characteristic page's bars by category: ratio to White British and interval."""
    from dashboard.characteristic import category_estimates
    from dashboard.loaders import load_catalogue, load_category_totals
    from tests.conftest import signed_in_request

    with signed_in_request(app):
        catalogue = load_catalogue()
        measure = catalogue.measures.set_index("code").loc["M04A"].rename("M04A")
        measure["code"] = "M04A"
        sites = tuple(catalogue.organisations_in(("LDN",), "all")["code"])
        rows = load_category_totals(sites, ("M04A",), (LATEST,))
        bars, _ = category_estimates(rows, measure, 10)
    api = _get(client, "/api/v1/disparities?measure=M04A&area=LDN&period=latest")["data"]
    by_group = {r["group"]: r for r in api}
    compared = 0
    for bar in bars.itertuples():
        if bar.ethnic_code == "A" or bar.ratio != bar.ratio:  # the comparator, or no ratio
            continue
        row = by_group[bar.ethnic_code]
        assert row["comparator"] == "A" and row["group_name"] == bar.ethnic_name
        assert row["ratio"] == pytest.approx(bar.ratio)
        assert row["lower_95"] == pytest.approx(bar.ratio_lower)
        assert row["upper_95"] == pytest.approx(bar.ratio_upper)
        compared += 1
    assert compared >= 5


def test_a_viewer_gets_no_ratio_from_a_withheld_category(viewer):
    rows = _get(viewer, "/api/v1/disparities?measure=M04A&area=SLAM&period=latest")["data"]
    withheld = [r for r in rows if r["status"] == "withheld"]
    assert withheld, "SLAM's smaller categories are withheld from a viewer"
    for row in withheld:
        assert row["ratio"] is None and row["lower_95"] is None
        assert row["verdict"] == "withheld: fewer than 8"
