"""The template a site fills in (the same file is what is imported).

One row per agreed measure, period and ethnic category (the NHS 2001 census codes for measures
kept by ethnicity, the pseudo-code ALL otherwise), with the definitions beside the cells to
fill, so that whoever fills it in need not look them up.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.returns.limits import ReturnRefused
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
        cats = stated if measure.by_ethnicity else whole
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


def site_template(session: Session, site_code: str, period_codes: list[str]) -> pd.DataFrame:
    """The empty return of one site for the given periods (the latest when none), or
    ReturnRefused naming the unknown site or period."""
    orgs = queries.organisations(session)
    if site_code not in set(orgs["code"]):
        raise ReturnRefused(f"There is no site {site_code!r}: `flask --app app sites` lists them.")
    known = queries.periods(session)["code"].tolist()
    period_codes = list(dict.fromkeys(period_codes))
    unknown = [p for p in period_codes if p not in known]
    if unknown:
        raise ReturnRefused(f"Unknown period(s): {', '.join(unknown[:5])}.")
    if len(period_codes) > MAX_TEMPLATE_PERIODS:
        raise ReturnRefused(f"At most {MAX_TEMPLATE_PERIODS} quarters in one template.")
    adopted = set(queries.adopted_measure_codes(session, [site_code]))
    menu = queries.measures(session)
    agreed = menu[menu["code"].isin(adopted)]
    categories = queries.ethnic_categories(session)
    return returns_template(site_code, agreed, categories, list(period_codes) or known[-1:])
