"""Checking a return as a whole: every error by row and column, in words that name the row's
measure and ethnic category (a spreadsheet's row number alone sends its reader counting)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.orm import Session

from dashboard import periods as period_codes
from dashboard.periods import PeriodSpec
from dashboard.returns.plausibility import period_ordinals
from dashboard.returns.window import quarters_open
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
    #: The periods a return may name: every stored period that has ended (corrections of
    #: earlier quarters), and the quarters open for returns, stored or not.
    periods: set[str]
    stated_codes: set[str]  # the NHS ethnic categories (A to S, Z)
    #: (site code, measure code) of every adoption: a site returns only what it adopted.
    adopted: set[tuple[str, str]] = field(default_factory=set)
    measure_names: dict[str, str] = field(default_factory=dict)  # every status
    category_names: dict[str, str] = field(default_factory=dict)
    #: The agreed measures with their plausible ranges (`queries.measures`).
    menu: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Each period's place in time (`plausibility.period_ordinals`).
    period_order: dict[str, int] = field(default_factory=dict)
    #: The quarters open for returns, newest first, and the day they were worked out on.
    open_periods: tuple[PeriodSpec, ...] = ()
    today: dt.date = field(default_factory=lambda: period_codes.today())
    #: The codes of the periods already stored (the others are created by the store).
    stored_periods: set[str] = field(default_factory=set)
    #: The 2021 census top-level groups, which a measure compared with White takes instead.
    census_codes: set[str] = field(default_factory=set)
    white_measures: set[str] = field(default_factory=set)

    def new_periods(self, codes: Sequence[str]) -> list[PeriodSpec]:
        """The open quarters among `codes` that the store does not hold yet."""
        wanted = set(codes) - self.stored_periods
        return [p for p in self.open_periods if p.code in wanted]

    def period_refused(self, code: str) -> str:
        """Why a return may not name `code` (`period_refused`)."""
        return period_refused(code, self.open_periods, self.today)

    def about(self, measure: str, ethnic_code: str) -> str:
        """'M04A Detentions under the Mental Health Act, Caribbean' (codes it does not know
        are quoted as they were written)."""
        name = self.measure_names.get(measure)
        what = f"{measure} {name}" if name else repr(measure)
        return f"{what}, {self.category_names.get(ethnic_code, repr(ethnic_code))}"


def period_refused(code: str, open_periods: Sequence[PeriodSpec], today: dt.date) -> str:
    """Why a return or a template may not name `code`, in words that say what it may name:
    not a period at all, a period that has not ended, or one that is neither stored nor
    open for returns."""
    spec = period_codes.parse(code)
    if spec is None:
        example = open_periods[0].code if open_periods else "2026Q3"
        return f"{code!r} is not a period: write a quarter as {example}"
    if spec.end_date >= today:
        return f"{code} has not ended yet: a quarter is returned once it has ended"
    named = " and ".join(p.code for p in open_periods)
    open_now = f"the quarters open for returns now are {named}" if named else "none is open now"
    return f"{code} is not open for returns: {open_now}"


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
            row_errors.append(RowError(i, "period", ref.period_refused(r.period)))
        if kind is not None:
            census = r.measure_code in ref.white_measures
            stated = ref.census_codes if census else ref.stated_codes
            allowed = stated if by_ethnicity else {"ALL"}
            if r.ethnic_code not in allowed:
                expected = "an NHS ethnic category (A to S, or Z)" if by_ethnicity else "ALL"
                if census and by_ethnicity:
                    expected = f"a 2021 census group ({', '.join(sorted(stated))})"
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


def _codes(categories: pd.DataFrame, scheme: str) -> set[str]:
    """The stated categories of a scheme (ALL is no category)."""
    schemes = categories["scheme"] if "scheme" in categories else pd.Series("nhs", categories.index)
    return set(categories.loc[(categories["code"] != "ALL") & (schemes == scheme), "code"])


def reference(
    session: Session,
    open_periods: Sequence[PeriodSpec] | None = None,
    today: dt.date | None = None,
) -> Reference:
    """What the store knows: every site and what it adopted, the agreed measures, the
    periods a return may name (those stored that have ended, and the open quarters:
    `quarters_open()` unless given), the codes, and the names the messages use."""
    today = today or period_codes.today()
    opened = tuple(quarters_open(today) if open_periods is None else open_periods)
    every = queries.measures(session, MENU_STATUSES)
    menu = every[every["status"] == "agreed"].reset_index(drop=True)
    categories = queries.ethnic_categories(session)
    stored = queries.periods(session)
    ended = stored.loc[pd.to_datetime(stored["end_date"]).dt.date < today, "code"]
    unstored = [p.row() for p in opened if p.code not in set(stored["code"])]
    known = pd.concat([stored, pd.DataFrame(unstored, columns=stored.columns)], ignore_index=True)
    return Reference(
        sites=set(queries.organisations(session)["code"]),
        measures={m.code: (m.kind, bool(m.by_ethnicity)) for m in menu.itertuples()},
        periods=set(ended) | {p.code for p in opened},
        stated_codes=_codes(categories, "nhs"),
        census_codes=_codes(categories, "census_2021"),
        white_measures=set(
            menu.loc[menu.get("comparator", pd.Series(dtype=str)) == "white", "code"]
        ),
        adopted=queries.adoptions(session),
        measure_names=dict(zip(every["code"], every["name"], strict=True)),
        category_names=dict(zip(categories["code"], categories["name"], strict=True)),
        menu=menu,
        period_order=period_ordinals(known),
        open_periods=opened,
        today=today,
        stored_periods=set(stored["code"]),
    )
