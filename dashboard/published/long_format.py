"""A tidy long file of published figures: one row per area, period, measure and group.

Columns: `area_code` (a stored organisation's code, or England's E92000001 once stored),
`period` (2023/24, 2024Q1, 2024-03), `measure_code` (a stored measure), `group_code` (an
ethnic category's code: A to S and Z, WHT, MIX, ASN, BLK, OTH, UNK, or ALL), `numerator` and
`denominator` (whole numbers; both blank: suppressed at source). The areas and measures must
exist already (load-reference, the menu of measures, or a publication's import): nothing here
invents them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard import periods
from dashboard.published.mha_annual import Cells, Problem
from data_access.models import EthnicCategory, Measure, Organisation

COLUMNS = ("area_code", "period", "measure_code", "group_code", "numerator", "denominator")
_WHOLE = re.compile(r"^\d+$")


class Known(NamedTuple):
    areas: dict[str, tuple[str, str]]  # code: (name, kind)
    measures: dict[str, tuple[str, str]]  # code: (name, kind)
    groups: set[str]


def known_codes(session: Session) -> Known:
    """The stored organisations, measures and ethnic categories a long file may name."""
    areas = session.execute(select(Organisation.code, Organisation.name, Organisation.kind))
    measures = session.execute(select(Measure.code, Measure.name, Measure.kind))
    return Known(
        {c: (n, k) for c, n, k in areas},
        {c: (n, k) for c, n, k in measures},
        set(session.scalars(select(EthnicCategory.code))),
    )


def read_cells(rows: list[tuple[int, list[str]]], known: Known) -> Cells:
    """The cells of the file's numbered rows (header first), checked row by row."""
    header = [h.strip().lower() for h in rows[0][1]] if rows else []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return Cells(pd.DataFrame(), [Problem(1, f"the header lacks {', '.join(missing)}.")])
    at = {name: header.index(name) for name in COLUMNS}
    problems: list[Problem] = []
    taken: list[dict] = []
    for line, cells in rows[1:]:
        get = {name: (cells[i] if i < len(cells) else "") for name, i in at.items()}
        found: list[str] = []
        period = periods.parse(get["period"])
        if period is None:
            found.append(f"period '{get['period']}' is not a period like 2023/24 or 2024Q1")
        if get["area_code"] not in known.areas:
            found.append(f"area_code '{get['area_code']}' is not a stored organisation")
        if get["measure_code"] not in known.measures:
            found.append(f"measure_code '{get['measure_code']}' is not on the menu")
        if get["group_code"] not in known.groups:
            found.append(f"group_code '{get['group_code']}' is not an ethnic category code")
        numbers = [get["numerator"], get["denominator"]]
        suppressed = numbers == ["", ""]
        if not suppressed and not all(_WHOLE.match(n) for n in numbers):
            found.append(
                "numerator and denominator must both be whole numbers, or both blank "
                "(suppressed at source)"
            )
        if found:
            problems.append(Problem(line, "; ".join(found) + "."))
            continue
        measure_name, kind = known.measures[get["measure_code"]]
        numerator = None if suppressed else int(numbers[0])
        denominator = None if suppressed else int(numbers[1])
        if kind in ("proportion", "milestone") and not suppressed and numerator > denominator:
            problems.append(Problem(line, f"the numerator {numerator:,} is above the denominator."))
            continue
        taken.append(
            {
                "site": get["area_code"],
                "site_name": known.areas[get["area_code"]][0],
                "kind": known.areas[get["area_code"]][1],
                "measure": get["measure_code"],
                "measure_name": measure_name,
                "period": period.code,
                "ethnic_code": get["group_code"],
                "numerator": numerator,
                "denominator": denominator,
                "line": line,
            }
        )
    frame = pd.DataFrame(taken)
    if not frame.empty:
        key = ["site", "measure", "period", "ethnic_code"]
        for r in frame[frame.duplicated(key)].itertuples():
            problems.append(
                Problem(int(r.line), "this area, period, measure and group is given twice.")
            )
        frame = frame.astype({"numerator": "Int64", "denominator": "Int64"})
    return Cells(frame, sorted(problems, key=lambda p: p.line))
