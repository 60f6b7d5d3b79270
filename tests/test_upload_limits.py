"""Hostile and careless uploads are refused before they cost memory or time (issue 14).

Each file here took a worker down or kept it busy for seconds before: a 5 KB workbook whose
sheet claims the last cell XFD1048576, a CSV header of a million commas, a macro-enabled
workbook renamed .xlsx. The peak memory of each refusal is measured with tracemalloc (a
count of bytes, not a timing), so the tests cannot pass by a slow path that happens to end.
"""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile

import openpyxl
import pytest

from dashboard.returns import MAX_ROWS, RETURN_COLUMNS, ReturnRefused
from dashboard.returns.reading import read_return

#: Far below what parsing any of these files whole would take.
PEAK_LIMIT = 40 * 1024 * 1024


def _workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite(content: bytes, name: str, change) -> bytes:
    """The workbook with one of its parts rewritten by `change(text) -> text`."""
    source, out = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == name:
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, data)
    return out.getvalue()


HEADER = [*RETURN_COLUMNS]
ROW = ["SLAM", "M04A", "2009Q1", "A", "3", "100"]


def _refused(content: bytes, name: str) -> str:
    tracemalloc.start()
    try:
        with pytest.raises(ReturnRefused) as refused:
            read_return(content, name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT, f"refusing took {peak / 1e6:.0f} MB"
    return str(refused.value)


def test_a_sheet_claiming_the_last_cell_is_refused_by_its_declared_size():
    plain = _workbook([HEADER, ROW])
    bomb = _rewrite(
        plain,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', xml),
    )
    assert len(bomb) < 10_000
    reason = _refused(bomb, "bomb.xlsx")
    assert "16,384 columns" in reason and "1,048,576 rows" in reason


def test_a_cell_far_to_the_right_without_a_dimension_is_not_read():
    plain = _workbook([HEADER, ROW])

    def far_cell(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"/>', "", xml)
        return xml.replace("</row>", '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>', 2)

    far = _rewrite(plain, "xl/worksheets/sheet1.xml", far_cell)
    tracemalloc.start()
    try:
        frame = read_return(far, "far.xlsx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT, f"reading took {peak / 1e6:.0f} MB"
    assert frame.iloc[0].tolist() == ROW  # the return's cells; nothing past column 51 is read


def test_a_macro_enabled_workbook_renamed_xlsx_is_refused():
    plain = _workbook([HEADER, ROW])
    macro = _rewrite(
        plain,
        "[Content_Types].xml",
        lambda xml: xml.replace("spreadsheetml.sheet.main+xml", "sheet.macroEnabled.main+xml"),
    )
    with zipfile.ZipFile(io.BytesIO(macro), "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\0" * 64)
    reason = _refused(macro, "return.xlsx")
    assert "macro" in reason


@pytest.mark.parametrize("commas", [300_000, 1_000_000])
def test_a_csv_header_of_many_commas_is_refused_by_its_column_count(commas):
    content = b"," * commas + b"\n"
    reason = _refused(content, "commas.csv")
    assert "columns" in reason


def test_a_csv_row_of_many_commas_is_refused_at_that_row():
    content = (",".join(HEADER) + "\n" + ",".join(ROW) + "\n" + "x," * 500_000 + "\n").encode()
    reason = _refused(content, "row.csv")
    assert "Row 3" in reason


def test_too_many_rows_are_refused_without_reading_them_all():
    line = (",".join(ROW) + "\n").encode()
    content = (",".join(HEADER) + "\n").encode() + line * (MAX_ROWS + 5)
    reason = _refused(content, "long.csv")
    assert f"at most {MAX_ROWS:,}" in reason


def test_a_workbook_with_too_many_rows_is_refused_by_its_declared_size():
    plain = _workbook([HEADER, ROW])
    claim = _rewrite(
        plain,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:F900000"/>', xml),
    )
    reason = _refused(claim, "claim.xlsx")
    assert "900,000 rows" in reason


def test_the_template_still_reads_as_before_from_csv_and_xlsx():
    rows = [[*HEADER, "measure_name"], [*ROW, "Detentions, per 100,000"]]
    csv = "\n".join(",".join(f'"{c}"' if "," in c else c for c in r) for r in rows) + "\n"
    for content, name in ((csv.encode("utf-8-sig"), "r.csv"), (_workbook(rows), "r.xlsx")):
        frame = read_return(content, name)
        assert list(frame.columns) == RETURN_COLUMNS
        assert frame.iloc[0].tolist() == ROW


def test_whole_numbers_in_a_workbook_read_as_digits():
    frame = read_return(_workbook([HEADER, ["SLAM", "M04A", "2009Q1", "A", 3, 100.0]]), "n.xlsx")
    assert frame.iloc[0][["numerator", "denominator"]].tolist() == ["3", "100"]
