"""Checking a return as a whole: every error by row and column, in words."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from data_access import queries


@dataclass(frozen=True)
class RowError:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class Reference:
    """What a return may name: sites, agreed measures (kind, by ethnicity), periods, codes."""

    sites: set[str]
    measures: dict[str, tuple[str, bool]]
    periods: set[str]
    stated_codes: set[str]


#: More digits than any count of people or events (and than a BIGINT column holds).
MAX_COUNT_DIGITS = 12


def _count(value: str) -> int | None:
    """A whole number of 0 or more written in ASCII digits ('²' is a digit to Python)."""
    ok = value.isascii() and value.isdigit() and len(value) <= MAX_COUNT_DIGITS
    return int(value) if ok else None


def validate_return(frame: pd.DataFrame, ref: Reference, allowed_sites: set[str] | None = None):
    """The rows to store (blank rows of the template skipped) and every error, by row and
    column, in words. Nothing is stored while there is an error."""
    errors: list[RowError] = []
    rows: list[dict] = []
    seen: dict[tuple, int] = {}
    for i, r in enumerate(frame.itertuples(index=False), start=2):
        if r.numerator == "" and r.denominator == "":
            continue  # a template row left blank: nothing returned for it
        row_errors = []
        if r.site_code not in ref.sites:
            row_errors.append(RowError(i, "site_code", f"unknown site {r.site_code!r}"))
        elif allowed_sites is not None and r.site_code not in allowed_sites:
            row_errors.append(RowError(i, "site_code", f"you may not submit for {r.site_code}"))
        kind, by_ethnicity = ref.measures.get(r.measure_code, (None, False))
        if kind is None:
            row_errors.append(
                RowError(i, "measure_code", f"{r.measure_code!r} is not an agreed measure")
            )
        if r.period not in ref.periods:
            row_errors.append(RowError(i, "period", f"unknown period {r.period!r}"))
        if kind is not None:
            allowed = ref.stated_codes if by_ethnicity else {"ALL"}
            if r.ethnic_code not in allowed:
                expected = "an NHS ethnic category (A to S, or Z)" if by_ethnicity else "ALL"
                row_errors.append(
                    RowError(i, "ethnic_code", f"{r.ethnic_code!r}: this measure takes {expected}")
                )
        numerator, denominator = _count(r.numerator), _count(r.denominator)
        for column, text, value in (
            ("numerator", r.numerator, numerator),
            ("denominator", r.denominator, denominator),
        ):
            if value is None:
                row_errors.append(
                    RowError(i, column, f"{text!r} is not a whole number of 0 or more")
                )
        if (
            kind in ("proportion", "milestone")
            and numerator is not None
            and denominator is not None
            and numerator > denominator
        ):
            row_errors.append(
                RowError(i, "numerator", f"{numerator} is more than the denominator {denominator}")
            )
        key = (r.site_code, r.measure_code, r.period, r.ethnic_code)
        if key in seen:
            row_errors.append(RowError(i, "ethnic_code", f"the same cell as row {seen[key]}"))
        seen.setdefault(key, i)
        errors.extend(row_errors)
        if not row_errors:
            rows.append(
                {
                    "site": r.site_code,
                    "measure": r.measure_code,
                    "kind": kind,
                    "period": r.period,
                    "ethnic_code": r.ethnic_code,
                    "numerator": numerator,
                    "denominator": denominator,
                }
            )
    return pd.DataFrame(rows), errors


def reference(session: Session) -> Reference:
    """What the store knows: every site, the agreed measures, the periods, the codes."""
    menu = queries.measures(session)
    categories = queries.ethnic_categories(session)
    return Reference(
        sites=set(queries.organisations(session)["code"]),
        measures={m.code: (m.kind, bool(m.by_ethnicity)) for m in menu.itertuples()},
        periods=set(queries.periods(session)["code"]),
        stated_codes=set(categories.loc[categories["code"] != "ALL", "code"]),
    )
