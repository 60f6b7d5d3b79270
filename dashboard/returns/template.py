"""The template a site fills in (the same file is what is imported).

One row per agreed measure, period and ethnic category (the NHS 2001 census codes for measures
kept by ethnicity, the pseudo-code ALL otherwise), with the definitions beside the cells to
fill, so that whoever fills it in need not look them up. A quarter already returned comes
filled with its stored values, ready to correct: a correction is a change to a few cells, not
the whole return typed again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from sqlalchemy.orm import Session

from dashboard import periods as period_codes
from dashboard.estimates import measure_categories
from dashboard.periods import PeriodSpec
from dashboard.returns.checking import period_refused
from dashboard.returns.limits import ReturnRefused
from dashboard.returns.window import quarters_open
from data_access import queries

#: The columns an import reads; the rest of the template is there to help the person filling it.
RETURN_COLUMNS = ["site_code", "measure_code", "period", "ethnic_code", "numerator", "denominator"]
HELP_COLUMNS = [
    "measure_name",
    "kind",
    "unit",
    "numerator_definition",
    "denominator_definition",
    "ethnic_name",
]


def returns_template(
    site_code: str,
    agreed: pd.DataFrame,
    categories: pd.DataFrame,
    periods: list[str],
) -> pd.DataFrame:
    """The empty return of `site_code` for `periods`.

    `agreed` holds the site's agreed measures (columns of `queries.measures`), `categories`
    the ethnic categories (`queries.ethnic_categories`). Numerator and denominator are blank.
    """
    stated = categories[categories["code"] != "ALL"]
    whole = categories[categories["code"] == "ALL"]
    rows = []
    for measure in agreed.itertuples():
        # the NHS codes, or the 2021 census groups for a measure compared with White
        own = measure_categories(stated, {"comparator": getattr(measure, "comparator", None)})
        cats = own if measure.by_ethnicity else whole
        for period in periods:
            for cat in cats.itertuples():
                rows.append(
                    {
                        "site_code": site_code,
                        "measure_code": measure.code,
                        "period": period,
                        "ethnic_code": cat.code,
                        "numerator": None,
                        "denominator": None,
                        "measure_name": measure.name,
                        "kind": measure.kind,
                        "unit": measure.unit,
                        "numerator_definition": measure.numerator_definition,
                        "denominator_definition": measure.denominator_definition,
                        "ethnic_name": cat.name,
                    }
                )
    return pd.DataFrame(rows, columns=RETURN_COLUMNS + HELP_COLUMNS)


#: Two years of quarters in one template.
MAX_TEMPLATE_PERIODS = 8


def site_template(
    session: Session,
    site_code: str,
    period_codes_wanted: list[str],
    open_periods: Sequence[PeriodSpec] | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """The return of one site for the given periods (the latest quarter open for returns
    when none), with the values stored for it filled in and blank cells where there are none,
    or ReturnRefused naming the unknown site or the period a return may not name (the same
    periods as `checking.reference`: the open quarters and the stored ones that have ended)."""
    orgs = queries.organisations(session)
    if site_code not in set(orgs["code"]):
        raise ReturnRefused(f"There is no site {site_code!r}: `flask --app app sites` lists them.")
    today = today or period_codes.today()
    opened = list(quarters_open(today) if open_periods is None else open_periods)
    stored = queries.periods(session)
    ended = stored.loc[pd.to_datetime(stored["end_date"]).dt.date < today, "code"].tolist()
    allowed = set(ended) | {p.code for p in opened}
    wanted = list(dict.fromkeys(period_codes_wanted))
    refused = [p for p in wanted if p not in allowed]
    if refused:
        reasons = "; ".join(period_refused(p, opened, today) for p in refused[:5])
        raise ReturnRefused(f"No template for {', '.join(refused[:5])}: {reasons}.")
    if len(wanted) > MAX_TEMPLATE_PERIODS:
        raise ReturnRefused(f"At most {MAX_TEMPLATE_PERIODS} quarters in one template.")
    adopted = set(queries.adopted_measure_codes(session, [site_code]))
    menu = queries.measures(session)
    agreed = menu[menu["code"].isin(adopted)]
    categories = queries.ethnic_categories(session)
    chosen = wanted or [p.code for p in opened[:1]] or ended[-1:]
    template = returns_template(site_code, agreed, categories, chosen)
    values = queries.stored_cells(session, [site_code], sorted(adopted), chosen)
    return with_stored_values(template, values)


def with_stored_values(template: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """The template with each cell's current stored numerator and denominator (whole
    numbers, as they are returned), blank where nothing is stored."""
    if stored.empty:
        return template
    key = ["measure_code", "period", "ethnic_code"]
    values = stored.rename(columns={"measure": "measure_code"})[
        [*key, "numerator", "denominator"]
    ].set_index(key)
    at = template.set_index(key).index
    out = template.copy()
    for column in ("numerator", "denominator"):
        found = values[column].reindex(at)
        # Python ints in an object column: written as 66 (66.0 is not a count a return may
        # hold), blank where nothing is stored, and a cell a caller may overwrite with text.
        whole = [None if pd.isna(v) else int(v) for v in found]
        out[column] = pd.Series(whole, index=out.index, dtype=object)
    return out
