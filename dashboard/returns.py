"""Quarterly returns: the template a site fills in (the same file is what is imported).

One row per agreed measure, period and ethnic category (the NHS 2001 census codes for measures
kept by ethnicity, the pseudo-code ALL otherwise), with the definitions beside the cells to
fill, so that whoever fills it in need not look them up.
"""

from __future__ import annotations

import pandas as pd

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
