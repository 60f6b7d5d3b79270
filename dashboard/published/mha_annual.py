"""NHS England's "Mental Health Act Statistics, Annual Figures" as cells to store.

The publication's CSV has one row per measure, subcategory, demographic breakdown and
organisation (../shared/data/mha-annual-2023-24/README.md). What is taken:
- each measure's whole figure (`measureSubcategory` "All"), one measure of ours per published
  measure, named as published;
- by ethnicity where the publication gives the 2021 census top-level groups, compared with
  White; an organisation with no ethnic breakdown (a trust) keeps its one figure for all
  people; England's detailed groups, and the age, gender and deprivation breakdowns, are
  counted as kept aside;
- each count with a denominator derived from the published crude rate (count / rate x
  100,000, the whole number that gives the published rate back to its decimal); a count with
  no rate (the Unknown group, a trust) has no population: its denominator is 0, so it counts
  for data quality and is never a rate; a blank count is suppressed at source (both NULL).

Nothing depends on which organisations the file holds: every ICB is placed in its NHS England
region from the shipped mapping (data_access/reference/nhs-england-icbs.csv).
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field

import pandas as pd

from dashboard import periods

#: The columns the file must have (it may have more).
COLUMNS = (
    "Year",
    "Measure",
    "measureSubcategory",
    "Demographic",
    "DemographicBreakdown",
    "OrganisationBreakdown",
    "OrgID",
    "OrgName",
    "Total_Count",
    "CrudeRate",
)
#: The publication's measures, by the name it gives them, and our code for each: fixed, so that
#: a later year's file lands on the same measures. A measure not named here gets a code made
#: from its name (`measure_code`).
MEASURE_CODES = {
    "All detentions": "MHA01",
    "Detentions on admission to hospital": "MHA02",
    "Detentions following admission to hospital": "MHA03",
    "Detentions following use of Place of Safety Order": "MHA04",
    "Detentions following revocation of CTO": "MHA05",
    "Short term orders": "MHA06",
    "Uses of CTOs": "MHA07",
    "Transfers on section": "MHA08",
    "People detained in hospital on 31st March": "MHA09",
    "People subject to Community Treatment Orders (CTOs) on 31st March": "MHA10",
    "People subject to the Act on 31st March": "MHA11",
    "Discharges following detention": "MHA12",
    "Uses of section 2": "MHA13",
    "Uses of section 3": "MHA14",
    "CTO recalls to hospital": "MHA15",
    "Discharges from CTO": "MHA16",
    "Revocations of CTO": "MHA17",
}
#: Measures where fewer is not better or worse in itself (a discharge, a transfer).
NO_JUDGEMENT = ("Discharges", "Transfers", "CTO recalls", "Revocations")
#: The publication's organisation levels and our kinds of organisation.
KINDS = {
    "all submissions": "country",
    "icb": "integrated_care_board",
    "sub icb": "sub_icb_location",
    "nhs trust": "nhs_trust",
    "independent health provider": "independent_provider",
}
#: The 2021 census top-level groups as the publication names them, and our codes
#: (data_access.published_writes.CENSUS_GROUPS).
GROUPS = {
    "white": "WHT",
    "mixed": "MIX",
    "asian or asian british": "ASN",
    "black or black british": "BLK",
    "other ethnic groups": "OTH",
    "unknown": "UNK",
}
#: England's area code (the Office for National Statistics'), as the read API names it.
ENGLAND = "E92000001"
SOURCE = "NHS England, Mental Health Act Statistics, Annual Figures"
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}"


@dataclass
class Cells:
    """What a file gives: the cells to store (site, site_name, kind, measure, measure_name,
    period, ethnic_code, numerator, denominator, line), the problems by line, and what was
    kept aside by reason."""

    cells: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    kept_aside: dict[str, int] = field(default_factory=dict)


def measure_code(name: str) -> str:
    """Our code for a published measure: fixed for the known ones, else made from the name."""
    if name in MEASURE_CODES:
        return MEASURE_CODES[name]
    return "MHA-" + hashlib.sha256(name.encode()).hexdigest()[:8].upper()


def measure_record(code: str, name: str, by_ethnicity: bool, characteristic: int = 4) -> dict:
    """The menu entry of a published measure: a rate per 100,000, on characteristic 4."""
    snapshot = "31st March" in name
    polarity = "no_judgement" if name.startswith(NO_JUDGEMENT) else "lower_is_better"
    return {
        "code": code,
        "name": name,
        "characteristic_id": characteristic,
        "kind": "rate",
        "unit": "per 100,000 population" if snapshot else "per 100,000 population per year",
        "multiplier": 100_000,
        "polarity": polarity,
        "numerator_definition": (
            f"{name}, as published (counts below England level rounded by the publisher to "
            "the nearest 5; a blank is suppressed at source and never shown as 0)."
        ),
        "denominator_definition": (
            "Population, derived from the published crude rate: count / crude rate x "
            "100,000, as precise as the rounded count and the rate's one decimal allow. A "
            "group with no published rate (Unknown) has none."
        ),
        "source": SOURCE,
        "status": "agreed",
        "by_ethnicity": by_ethnicity,
        "comparator": "white",
    }


def _round_half_up(value: float, places: int = 1) -> float:
    scale = 10**places
    return math.floor(value * scale + 0.5) / scale


def derived_denominator(count: int, rate: float) -> int:
    """The whole population that gives `count` at the published `rate` per 100,000 back to
    its one decimal (the nearest such, when rounding allows several); 0 without a rate."""
    if rate <= 0 or count <= 0:
        return 0
    exact = count / rate * 100_000
    for candidate in sorted(
        {round(exact), math.floor(exact), math.ceil(exact)}, key=lambda d: abs(d - exact)
    ):
        if candidate > 0 and _round_half_up(count / candidate * 100_000) == _round_half_up(rate):
            return candidate
    return max(round(exact), 1)


def _count(text: str, what: str, line: int, problems: list[Problem]) -> float | None:
    """A count or a rate as text: None when blank, NaN (with a problem) when unreadable."""
    if text == "":
        return None
    if not _NUMBER.match(text) or (what == "Total_Count" and "." in text):
        kind = "a whole number" if what == "Total_Count" else "a number"
        problems.append(Problem(line, f"{what} '{text}' is not {kind} (or blank)."))
        return math.nan
    return float(text)


def read_cells(rows: list[tuple[int, list[str]]]) -> Cells:
    """The cells of a file's numbered rows (header first). Every row is checked, taken or not."""
    header = [h.strip() for h in rows[0][1]] if rows else []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return Cells(pd.DataFrame(), [Problem(1, f"the header lacks {', '.join(missing)}.")])
    at = {name: header.index(name) for name in COLUMNS}
    problems: list[Problem] = []
    kept: dict[str, int] = {}
    taken: list[dict] = []
    for line, cells in rows[1:]:
        get = {name: (cells[i] if i < len(cells) else "") for name, i in at.items()}
        before = len(problems)
        period = periods.parse(get["Year"])
        if period is None or period.granularity != "financial_year":
            problems.append(Problem(line, f"Year '{get['Year']}' is not a year like 2023/24."))
        kind = KINDS.get(get["OrganisationBreakdown"].lower())
        if kind is None:
            problems.append(
                Problem(line, f"OrganisationBreakdown '{get['OrganisationBreakdown']}' is unknown.")
            )
        if kind not in (None, "country") and not get["OrgID"]:
            problems.append(Problem(line, "OrgID is blank."))
        count = _count(get["Total_Count"], "Total_Count", line, problems)
        rate = _count(get["CrudeRate"], "CrudeRate", line, problems)
        if count is None and rate is not None and not math.isnan(rate):
            problems.append(Problem(line, "CrudeRate is given for a blank Total_Count."))
        if not get["Measure"]:
            problems.append(Problem(line, "Measure is blank."))
        if len(problems) > before:
            continue
        reason = _aside(get, kind)
        if reason:
            kept[reason] = kept.get(reason, 0) + 1
            continue
        demographic = get["Demographic"].lower()
        group = "ALL" if demographic == "all" else GROUPS[get["DemographicBreakdown"].lower()]
        site = ENGLAND if kind == "country" else get["OrgID"]
        suppressed = count is None
        taken.append(
            {
                "site": site,
                "site_name": "England" if kind == "country" else get["OrgName"],
                "kind": kind,
                "measure": measure_code(get["Measure"]),
                "measure_name": get["Measure"],
                "period": period.code,
                "ethnic_code": group,
                "numerator": None if suppressed else int(count),
                "denominator": None
                if suppressed
                else derived_denominator(int(count), rate if rate is not None else 0.0),
                "line": line,
            }
        )
    frame = pd.DataFrame(taken)
    if not frame.empty:
        frame = _one_level(frame, kept)
        problems += _duplicates(frame)
        frame = frame.astype({"numerator": "Int64", "denominator": "Int64"})
    return Cells(frame, sorted(problems, key=lambda p: p.line), kept)


def _aside(get: dict[str, str], kind: str) -> str | None:
    """Why a readable row is not taken (None: it is)."""
    if kind != "country" and get["OrgID"].lower() == "all prov":
        return "England's subtotals by kind of organisation"
    if get["measureSubcategory"].lower() != "all":
        return "subcategories of a measure"
    demographic = get["Demographic"].lower()
    if demographic == "all":
        return None if get["DemographicBreakdown"].lower() == "all" else "other breakdowns"
    if demographic != "ethnicity":
        return f"{get['Demographic']} breakdowns"
    if get["DemographicBreakdown"].lower() in GROUPS:
        return None
    return "detailed ethnic groups and other labels under Ethnicity"


def _one_level(frame: pd.DataFrame, kept: dict[str, int]) -> pd.DataFrame:
    """An organisation's ethnic groups for a measure where it has them, else its figure for
    all people: never both, which would count everyone twice."""
    grouped = frame["ethnic_code"] != "ALL"
    has_groups = set(map(tuple, frame.loc[grouped, ["site", "measure", "period"]].to_numpy()))
    whole = frame[["site", "measure", "period"]].apply(tuple, axis=1).isin(has_groups)
    dropped = int((whole & ~grouped).sum())
    if dropped:
        kept["totals of organisations given by ethnic group"] = dropped
    return frame[~(whole & ~grouped)].reset_index(drop=True)


def _duplicates(frame: pd.DataFrame) -> list[Problem]:
    key = ["site", "measure", "period", "ethnic_code"]
    twice = frame[frame.duplicated(key, keep="first")]
    first = frame.drop_duplicates(key).set_index(key)["line"]
    return [
        Problem(
            int(r.line),
            f"{r.measure_name}, {r.site}, {r.ethnic_code} is given twice (first on line "
            f"{int(first.loc[(r.site, r.measure, r.period, r.ethnic_code)])}).",
        )
        for r in twice.itertuples()
    ]
