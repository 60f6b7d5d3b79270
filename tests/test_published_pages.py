"""The pages on the real published extract (NHS England's Mental Health Act Statistics
2023-24): England is England's own figure, the comparator is named as the measure gives it
("BME : White"), and a count suppressed at source is never a number anywhere."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.compare.data import compare_data
from dashboard.compare.export import csv_frame
from dashboard.loaders import load_catalogue, load_group_totals
from dashboard.selection import Selection
from tests import published_helpers
from tests.conftest import client_as, signed_in_request
from tests.published_helpers import ADMIN, VIEWER

imported = published_helpers.imported  # the module's fixture: the extract, imported
LONDON_AND_SOUTH_WEST = "?region=Y56,Y58&measures=MHA01"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_england_is_englands_published_figure_not_the_sum_of_the_icbs_stored(imported):
    app, _, _ = imported
    with signed_in_request(app, ADMIN):
        catalogue = load_catalogue()
        everyone = catalogue.organisations["code"].tolist()
        england = load_group_totals(everyone, ("MHA01",), ("2023/24",)).set_index("group")
        icbs = catalogue.organisations
        london_sw = icbs.loc[icbs["region"].isin(["Y56", "Y58"]), "code"].tolist()
        regions = load_group_totals(london_sw, ("MHA01",), ("2023/24",)).set_index("group")
    assert england.loc["white_british", "numerator"] == 31_735  # White, as published
    assert england.loc["bme", "numerator"] > regions.loc["bme", "numerator"]


def test_the_briefing_names_the_comparator_and_says_suppressed_at_source(imported):
    app, _, _ = imported
    client = client_as(app, ADMIN)
    national = _text(
        client.get("/briefing/download.html?measures=MHA01&month=2024-03").get_data(as_text=True)
    )
    assert "BME : White rate ratio 1.85 (95% CI 1.82 to 1.89)" in national
    assert "BME : White British" not in national
    dorset = _text(
        client.get("/briefing/download.html?trust=QVV&measures=MHA01&month=2024-03").get_data(
            as_text=True
        )
    )
    # Dorset's Asian count is suppressed at source, so its BME figure cannot be summed.
    assert "All detentions: suppressed at source for BME people in 2023/24" in dorset
    assert "withheld: fewer than 8" not in dorset


def test_compare_csv_leaves_a_suppressed_site_blank_with_the_reason(imported):
    app, _, _ = imported
    for email in (ADMIN, VIEWER):
        with signed_in_request(app, email):
            catalogue = load_catalogue()
            selection = Selection.from_query(LONDON_AND_SOUTH_WEST).validated(catalogue)
            comparison = compare_data(selection, catalogue, "MHA01", "england", "bme", None, 20)
            frame = csv_frame(comparison)
        assert comparison.benchmark_label == "England"
        assert round(comparison.benchmark_value, 1) == 128.8  # England's BME, as published
        dorset = frame[frame["site_code"] == "QVV"].iloc[0]
        assert pd.isna(dorset["numerator"]) and pd.isna(dorset["value"])
        assert dorset["significance"] == "suppressed at source"
        shown = frame[frame["significance"] != "suppressed at source"]
        assert (shown["numerator"].dropna() > 0).all()  # no blank became 0


def test_compare_the_icbs_black_rate_against_england(imported):
    """The issue's question, answered: which ICBs of London and the South West are
    significantly above England for Black or Black British people's detention rate."""
    app, _, _ = imported
    with signed_in_request(app, ADMIN):
        catalogue = load_catalogue()
        selection = Selection.from_query("?region=Y56,Y58").validated(catalogue)
        comparison = compare_data(selection, catalogue, "MHA01", "england", "BLK", None, 20)
        frame = csv_frame(comparison).set_index("site_code")
    assert comparison.group_label == "Black or Black British"
    assert round(comparison.benchmark_value, 1) == 239.0
    above = set(frame.index[frame["significance"].str.startswith("Significantly worse")])
    assert above == {"QRV", "QMJ", "QKK"}  # North West, North Central, South East London
    assert frame.loc["QVV", "small_numbers"] == "yes"  # Dorset: 15 detentions
    assert round(frame.loc["QVV", "value"], 1) == 283.1
    assert frame.loc["QSL", "significance"] == "suppressed at source"  # Somerset: a blank


def test_the_site_page_sets_bme_against_white_as_the_published_measure_does(imported):
    """Devon's detentions: the ratio's sentence names the measure's comparator ("White"), as
    the overview and the briefing do; it said "White British" for census groups."""
    from callbacks.site import update_site_content
    from tests.components import text, with_class

    app, _, _ = imported
    with signed_in_request(app, ADMIN):
        page = update_site_content("QJK", "?measures=MHA01")
    (ratio,) = with_class(page, "site-ratio")
    assert text(ratio).startswith("BME : White rate ratio ")
    assert "White British" not in text(ratio)
