"""The quarterly-return template and the `sites` command, as an administrator uses them."""

from __future__ import annotations

import pandas as pd

from dashboard.exports import csv_safe, write_table
from dashboard.returns import RETURN_COLUMNS
from data_access import queries


def test_sites_lists_one_site_a_line_code_first(runner):
    result = runner.invoke(args=["sites"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 54
    slam = next(line for line in lines if line.startswith("SLAM\t"))
    assert "South London and Maudsley" in slam and slam.endswith("\tLDN")


def test_template_lists_the_agreed_measures_periods_and_categories(runner, tmp_path, session):
    out = tmp_path / "dorset.csv"
    result = runner.invoke(
        args=["returns-template", "--site", "DORPCT", "--out", str(out), "--period", "2009Q4"]
    )
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns[:6]) == RETURN_COLUMNS
    assert set(frame["site_code"]) == {"DORPCT"} and set(frame["period"]) == {"2009Q4"}
    # 2009Q4 was returned: each stored cell comes filled with its current value, ready to
    # correct, as a whole number; the cells never returned stay blank.
    stored = queries.stored_cells(session, ["DORPCT"], list(frame["measure_code"]), ["2009Q4"])
    assert len(stored) > 0
    cells = frame.set_index(["measure_code", "ethnic_code"])
    for cell in stored.head(20).itertuples():
        row = cells.loc[(cell.measure, cell.ethnic_code)]
        assert (row["numerator"], row["denominator"]) == (
            str(int(cell.numerator)),
            str(int(cell.denominator)),
        )
    assert (frame["numerator"] == "").sum() == len(frame) - len(stored)
    by_ethnicity = frame[frame["measure_code"] == "M02A"]
    assert {"A", "M", "N", "Z"} <= set(by_ethnicity["ethnic_code"]) and "ALL" not in set(
        by_ethnicity["ethnic_code"]
    )
    assert by_ethnicity["numerator_definition"].str.len().min() > 10
    # Only the agreed measures Dorset adopted, each once per period and category.
    adopted = set(queries.adopted_measure_codes(session, ["DORPCT"]))
    agreed = set(queries.measures(session)["code"])
    assert set(frame["measure_code"]) == adopted & agreed
    assert not frame.duplicated(["measure_code", "period", "ethnic_code"]).any()


def test_template_as_xlsx_reads_back_the_same(runner, tmp_path, today):
    csv, xlsx = tmp_path / "t.csv", tmp_path / "t.xlsx"
    for out in (csv, xlsx):
        assert (
            runner.invoke(args=["returns-template", "--site", "SLAM", "--out", str(out)]).exit_code
            == 0
        )
    a = pd.read_csv(csv, dtype=str, keep_default_na=False)
    b = pd.read_excel(xlsx, dtype=str, keep_default_na=False)
    assert len(a) == len(b) > 0 and list(a.columns) == list(b.columns)
    assert set(a["period"]) == {"2026Q3"}  # the quarter that just ended by default
    assert (a["numerator"] == "").all()  # not returned yet: blank


def test_template_refuses_unknown_sites_periods_and_suffixes(runner, tmp_path, today):
    bad_site = runner.invoke(
        args=["returns-template", "--site", "NOPE", "--out", str(tmp_path / "x.csv")]
    )
    assert bad_site.exit_code != 0 and "There is no site 'NOPE'" in bad_site.output
    bad_period = runner.invoke(
        args=[
            "returns-template",
            "--site",
            "SLAM",
            "--out",
            str(tmp_path / "x.csv"),
            "--period",
            "2031Q1",
        ]
    )
    assert bad_period.exit_code != 0
    assert "No template for 2031Q1: 2031Q1 has not ended yet" in bad_period.output
    bad_suffix = runner.invoke(
        args=["returns-template", "--site", "SLAM", "--out", str(tmp_path / "x.txt")]
    )
    assert bad_suffix.exit_code != 0 and ".csv or .xlsx" in bad_suffix.output
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x.txt").exists()


def test_exports_neutralise_formulas_in_csv_and_xlsx(tmp_path):
    frame = pd.DataFrame(
        {"name": ['=HYPERLINK("x")', "+1", "@SUM(A1)", "Plain"], "n": [1, 2, 3, 4]}
    )
    assert csv_safe(frame)["name"].tolist() == ['\'=HYPERLINK("x")', "'+1", "'@SUM(A1)", "Plain"]
    write_table(frame, tmp_path / "f.xlsx")
    from openpyxl import load_workbook

    cell = load_workbook(tmp_path / "f.xlsx").active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")
