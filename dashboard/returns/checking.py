"""Checking a return as a whole: every error by row and column, in words that name the row's
measure and ethnic category (a spreadsheet's row number alone sends its reader counting)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.returns.plausibility import period_ordinals
from data_access import queries
from data_access.models import MENU_STATUSES


@dataclass(frozen=True)
class RowError:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    reason: str
    about: str = ""  # the row's measure (code and name) and ethnic category, in words

    def __str__(self) -> str:
        where = f"row {self.row} ({self.about})" if self.about else f"row {self.row}"
        return f"{where}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class Reference:
    """What a return may name: sites, agreed measures (kind, by ethnicity), periods, codes;
    what each site adopted; and the names and rules the messages and warnings need."""

    sites: set[str]
    measures: dict[str, tuple[str, bool]]
    periods: set[str]
    stated_codes: set[str]
    #: (site code, measure code) of every adoption: a site returns only what it adopted.
    adopted: set[tuple[str, str]] = field(default_factory=set)
    measure_names: dict[str, str] = field(default_factory=dict)  # every status
    category_names: dict[str, str] = field(default_factory=dict)
    #: The agreed measures with their plausible ranges (`queries.measures`).
    menu: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Each period's place in time (`plausibility.period_ordinals`).
    period_order: dict[str, int] = field(default_factory=dict)

    def about(self, measure: str, ethnic_code: str) -> str:
        """'M04A Detentions under the Mental Health Act, Caribbean' (codes it does not know
        are quoted as they were written)."""
        name = self.measure_names.get(measure)
        what = f"{measure} {name}" if name else repr(measure)
        return f"{what}, {self.category_names.get(ethnic_code, repr(ethnic_code))}"


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
        elif (
            r.site_code in ref.sites
            and (allowed_sites is None or r.site_code in allowed_sites)
            and (r.site_code, r.measure_code) not in ref.adopted
        ):
            row_errors.append(RowError(i, "measure_code", _not_adopted(ref, r)))
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
        if row_errors:
            about = ref.about(r.measure_code, r.ethnic_code)
            errors.extend(RowError(e.row, e.column, e.reason, about) for e in row_errors)
        else:
            rows.append(
                {
                    "row": i,
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


def _not_adopted(ref: Reference, r) -> str:
    name = ref.measure_names.get(r.measure_code, "")
    return (
        f"{r.site_code} has not adopted {r.measure_code} ({name}): adopt it on the menu of "
        "measures first, or leave these rows out"
    )


def reference(session: Session) -> Reference:
    """What the store knows: every site and what it adopted, the agreed measures, the
    periods, the codes, and the names the messages use."""
    every = queries.measures(session, MENU_STATUSES)
    menu = every[every["status"] == "agreed"].reset_index(drop=True)
    categories = queries.ethnic_categories(session)
    periods = queries.periods(session)
    return Reference(
        sites=set(queries.organisations(session)["code"]),
        measures={m.code: (m.kind, bool(m.by_ethnicity)) for m in menu.itertuples()},
        periods=set(periods["code"]),
        stated_codes=set(categories.loc[categories["code"] != "ALL", "code"]),
        adopted=queries.adoptions(session),
        measure_names=dict(zip(every["code"], every["name"], strict=True)),
        category_names=dict(zip(categories["code"], categories["name"], strict=True)),
        menu=menu,
        period_order=period_ordinals(periods),
    )
