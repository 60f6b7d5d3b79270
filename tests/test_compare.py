"""Compare sites: the page's data functions (pooling window, the measure, funnel positions,
benchmarks, the spine chart's rows, the CSV) and the spine chart's builders."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.compare.data import (
    choose_measure,
    compare_data,
    compare_sites,
    pooling_window,
    spine_data,
    spine_rows,
)
from dashboard.compare.export import csv_frame
from dashboard.exports import csv_safe
from dashboard.selection import Catalogue, Selection
from layouts.compare.content import short_names
from layouts.compare.spine import spine_block, spine_chart, spine_table, standardise

RATE = pd.Series(
    {
        "code": "R1",
        "name": "Detentions",
        "kind": "rate",
        "unit": "per 100,000 population",
        "multiplier": 100_000,
        "polarity": "lower_is_better",
        "by_ethnicity": True,
        "source": "Test return",
    }
)


def _rows(values: dict[str, tuple[int, int]], measure: str = "R1") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "site": s,
                "measure": measure,
                "period": "P1",
                "group": "bme",
                "numerator": n,
                "denominator": d,
            }
            for s, (n, d) in values.items()
        ]
    )


# Data functions -------------------------------------------------------------------------------


def test_window_pools_the_quarters_ending_at_the_latest_one(catalogue):
    year = pooling_window(Selection(period_to="2008Q4", pooling="year"), catalogue)
    assert year.periods == ["2008Q1", "2008Q2", "2008Q3", "2008Q4"]
    assert year.label.startswith("Year to") and year.wanted == 4
    early = pooling_window(Selection(period_to="2005Q3", pooling="3years"), catalogue)
    assert early.periods == ["2005Q2", "2005Q3"] and early.wanted == 12
    assert pooling_window(Selection(), Catalogue.empty()).periods == []


def test_the_measure_comes_from_the_url_else_a_measure_with_a_funnel(catalogue):
    assert choose_measure(catalogue, Selection(), "M02A") == "M02A"
    assert choose_measure(catalogue, Selection(), "NOPE") == "M04A"
    assert choose_measure(catalogue, Selection(measures=("M07A", "M03B")), None) == "M03B"
    assert choose_measure(Catalogue.empty(), Selection(), "M04A") is None


def test_sites_outside_the_funnel_are_named_by_polarity():
    rows = _rows({"HIGH": (400, 100_000), "MID": (200, 100_000), "LOW": (50, 100_000)})
    sites, funnel, bench = compare_sites(
        RATE, rows, ["HIGH", "MID", "LOW"], ["HIGH", "MID", "LOW"], "bme", 10
    )
    assert bench == pytest.approx(650 / 300_000 * 100_000)
    words = dict(zip(sites["site"], sites["words"], strict=True))
    assert words["HIGH"].startswith("Significantly worse (99.8")  # lower is better
    assert words["LOW"].startswith("Significantly better (99.8")
    assert words["MID"] == "Similar to the benchmark"
    assert dict(zip(sites["site"], sites["comparison"], strict=True))["HIGH"] == "worse"
    assert funnel is not None and funnel.benchmark == pytest.approx(bench)
    higher = compare_sites(
        RATE.replace({"lower_is_better": "higher_is_better"}),
        rows,
        ["HIGH"],
        ["HIGH", "MID", "LOW"],
        "bme",
        10,
    )[0]
    assert higher["words"].iloc[0].startswith("Significantly better")


def test_small_sites_are_flagged_and_counts_get_no_funnel():
    rows = _rows({"A": (3, 2_000), "B": (300, 200_000)})
    sites, _, _ = compare_sites(RATE, rows, ["A", "B"], ["A", "B"], "bme", 10)
    assert dict(zip(sites["site"], sites["small"], strict=True)) == {"A": True, "B": False}
    count = RATE.replace({"rate": "count"})
    sites, funnel, _ = compare_sites(count, rows, ["A", "B"], ["A", "B"], "bme", 10)
    assert funnel is None and set(sites["words"]) == {"Not compared"}


def test_region_benchmark_and_missing_sites(catalogue):
    london = Selection(regions=("LDN",), pooling="year").validated(catalogue)
    result = compare_data(london, catalogue, "M04A", "region", "bme", None, 10)
    assert result.benchmark_label == "London" and not result.notes
    assert set(result.sites["region"]) == {"London"}
    assert "HMP Brixton" in result.missing  # prisons do not report detentions
    england = compare_data(london, catalogue, "M04A", "england", "bme", None, 10)
    assert england.benchmark_value != pytest.approx(result.benchmark_value)
    mixed = Selection(regions=("LDN", "SW")).validated(catalogue)
    chosen = compare_data(mixed, catalogue, "M04A", "region", "bme", "DORPCT", 10)
    assert chosen.benchmark_label == "South West" and "2 regions" in chosen.notes[0]
    nobody = compare_data(mixed, catalogue, "M04A", "region", "bme", None, 10)
    assert nobody.benchmark_label == "England" and "England" in nobody.notes[0]


def test_measures_without_ethnicity_compare_all_people(catalogue):
    result = compare_data(Selection(), catalogue, "M12A", "england", "bme", None, 10)
    assert result.group == "all" and not result.sites.empty


def test_spine_rows_set_the_site_against_england_and_its_region():
    rows = _rows({"A": (10, 1_000), "B": (30, 1_000), "C": (50, 1_000), "D": (20, 1_000)})
    measures = pd.DataFrame([RATE])
    out = spine_rows(measures, rows, "C", ["C", "D"], "bme", 10)
    row = out.iloc[0]
    assert row["england"] == pytest.approx(110 / 4_000 * 100_000)
    assert row["region"] == pytest.approx(70 / 2_000 * 100_000)
    assert (row["minimum"], row["maximum"]) == (pytest.approx(1_000), pytest.approx(5_000))
    assert row["comparison"] == "worse"  # lower is better, C is highest
    counts = pd.DataFrame([RATE.replace({"rate": "count"})])
    assert spine_rows(counts, rows, "C", ["C"], "bme", 10).empty


def test_spine_data_covers_the_sites_adopted_measures(catalogue):
    window = pooling_window(Selection(pooling="year"), catalogue)
    rows = spine_data(catalogue, "SLAM", window, "bme", 10)
    assert "M04A" in set(rows["measure"]) and "M07A" not in set(rows["measure"])  # a count
    assert rows["value"].notna().all()
    assert spine_data(catalogue, "NOPE", window, "bme", 10).empty


def test_csv_cells_that_look_like_formulas_are_neutralised():
    frame = pd.DataFrame({"site": ["=HYPERLINK(1)", "+x", "Plain", "@a", "-1 to 2"], "n": range(5)})
    safe = csv_safe(frame)
    assert safe["site"].tolist() == ["'=HYPERLINK(1)", "'+x", "Plain", "'@a", "'-1 to 2"]
    assert safe["n"].tolist() == [0, 1, 2, 3, 4]


def test_csv_frame_says_what_was_compared(catalogue):
    result = compare_data(
        Selection(regions=("LDN",)).validated(catalogue),
        catalogue,
        "M04A",
        "england",
        "bme",
        None,
        10,
    )
    frame = csv_frame(result)
    assert {
        "site",
        "numerator",
        "denominator",
        "value",
        "lower_95",
        "significance",
        "small_numbers",
        "benchmark",
    } <= set(frame.columns)
    assert set(frame["benchmark"]) == {"England"} and len(frame) == len(result.sites)


# Figure builders ------------------------------------------------------------------------------


def _spine_frame() -> pd.DataFrame:
    base = {
        "unit": "%",
        "kind": "proportion",
        "group": "BME",
        "source": "S",
        "numerator": 5,
        "denominator": 50,
        "lower": 5.0,
        "upper": 20.0,
    }
    return pd.DataFrame(
        [
            {
                **base,
                "measure": "A",
                "name": "Higher is better",
                "polarity": "higher_is_better",
                "value": 10.0,
                "region": 12.0,
                "england": 15.0,
                "minimum": 5.0,
                "q25": 12.0,
                "q75": 18.0,
                "maximum": 30.0,
                "comparison": "small",
                "category": "small",
                "small": True,
            },
            {
                **base,
                "measure": "B",
                "name": "Lower is better",
                "polarity": "lower_is_better",
                "value": 10.0,
                "region": 12.0,
                "england": 15.0,
                "minimum": 5.0,
                "q25": 12.0,
                "q75": 18.0,
                "maximum": 30.0,
                "comparison": "better",
                "category": "low_95",
                "small": False,
            },
        ]
    )


def test_spine_scale_centres_england_and_puts_better_on_the_right():
    scaled = standardise(_spine_frame())
    assert scaled["value"].tolist() == pytest.approx([-1 / 3, 1 / 3])
    assert scaled["high"].max() == pytest.approx(1) and scaled["low"].min() >= -1
    assert (scaled["low"] <= scaled["q_low"]).all() and (scaled["q_high"] <= scaled["high"]).all()


def test_spine_chart_colours_the_site_by_comparison_and_hollows_small_numbers():
    fig = spine_chart(_spine_frame(), "Site X", "London region", "Site X: 2 measures")
    site = {t.name: t for t in fig.data if t.type == "scatter" and t.name != "London region"}
    small = site["Numbers too small to judge a difference with England"]
    assert small.marker.color == "#555555" and small.marker.symbol == "circle-open"
    assert site["Significantly better than England"].marker.color == "#0072B2"
    assert fig.layout.title.text == "Site X: 2 measures"
    table = spine_table(_spine_frame())
    assert table["Site"].tolist() == ["10.0% †", "10.0%"]
    assert "Compared with England" in table.columns


def test_short_names_stay_unique():
    names = pd.Series(["South London and Maudsley NHS Foundation Trust", "Oxleas NHS Trust"])
    assert short_names(names).tolist() == ["South London and Maudsley", "Oxleas"]
    clash = pd.Series(["Alpha NHS Trust", "Alpha NHS Foundation Trust"])
    assert short_names(clash).tolist() == clash.tolist()


def test_the_spine_names_the_group_it_is_drawn_for(catalogue):
    # census groups are set against White, not White British
    white = pd.DataFrame([{**RATE.to_dict(), "comparator": "white"}])
    rows = _rows({"A": (10, 1_000), "C": (50, 1_000)}).assign(group="white_british")
    assert spine_rows(white, rows, "C", ["C"], "white_british", 10)["group"].tolist() == ["White"]
    # an ethnic category chosen above: the spine is by DRE group, and its caption says so
    window = pooling_window(Selection(pooling="year"), catalogue)
    rows = spine_data(catalogue, "SLAM", window, "BLK", 10)
    assert set(rows["group"]) <= {"BME", "All people"}
    caption = str(spine_block(rows, catalogue, "SLAM", window, by_category=True))
    assert "Group: All people, BME (drawn by DRE group" in caption
    assert "(drawn by DRE group" not in str(spine_block(rows, catalogue, "SLAM", window))
