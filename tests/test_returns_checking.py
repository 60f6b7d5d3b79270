"""Checking a return row by row (dashboard/returns/checking.py): a measure the site has not
adopted is refused with that reason, and every error names the row's measure and ethnic
category, on a reference made here and on the demonstration data."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select

from dashboard.returns import RETURN_COLUMNS, import_return
from dashboard.returns.checking import Reference, RowError, reference, validate_return
from data_access import queries
from data_access.models import Observation, SiteMeasure
from tests.conftest import SITE_LEAD
from tests.returns_helpers import stored

REF = Reference(
    sites={"SLAM", "ELFT"},
    measures={"M04A": ("rate", True), "M02A": ("proportion", True), "M11C": ("milestone", False)},
    periods={"2010Q1"},
    stated_codes={"A", "M", "Z"},
    adopted={("SLAM", "M02A"), ("SLAM", "M11C"), ("ELFT", "M04A")},
    measure_names={
        "M04A": "Detentions under the Mental Health Act",
        "M02A": "Service users rating their care as good",
        "M11C": "BME representatives on the strategy group",
        "M12C": "Interpreter requests met",
    },
    category_names={"A": "White British", "M": "Caribbean", "Z": "Not stated", "ALL": "All people"},
)


def _frame(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame([list(r) for r in rows], columns=RETURN_COLUMNS, dtype=object)


def test_a_measure_the_site_has_not_adopted_is_refused_with_that_reason():
    rows, errors = validate_return(
        _frame(
            ("SLAM", "M04A", "2010Q1", "M", "12", "20000"),  # SLAM has not adopted M04A
            ("SLAM", "M02A", "2010Q1", "M", "3", "10"),
            ("ELFT", "M04A", "2010Q1", "M", "12", "20000"),
        ),
        REF,
    )
    assert errors == [
        RowError(
            2,
            "measure_code",
            "SLAM has not adopted M04A (Detentions under the Mental Health Act): adopt it on "
            "the menu of measures first, or leave these rows out",
            "M04A Detentions under the Mental Health Act, Caribbean",
        )
    ]
    assert rows["row"].tolist() == [3, 4]  # the rows of adopted measures, as numbered


def test_a_site_one_may_not_submit_for_is_refused_for_that_alone():
    _, errors = validate_return(
        _frame(("ELFT", "M02A", "2010Q1", "M", "3", "10")), REF, allowed_sites={"SLAM"}
    )
    assert [e.reason for e in errors] == ["you may not submit for ELFT"]


def test_errors_name_the_measure_and_the_ethnic_category_not_only_the_row():
    _, errors = validate_return(
        _frame(
            ("SLAM", "M02A", "2010Q1", "A", "12", "10"),
            ("SLAM", "M02A", "2010Q1", "QQ", "1", "10"),
            ("SLAM", "M99Z", "2010Q1", "Z", "1", "10"),
            ("SLAM", "M12C", "2010Q1", "ALL", "1", "10"),
        ),
        REF,
    )
    assert [str(e) for e in errors] == [
        "row 2 (M02A Service users rating their care as good, White British), column "
        "numerator: 12 is more than the denominator 10",
        "row 3 (M02A Service users rating their care as good, 'QQ'), column ethnic_code: "
        "'QQ': this measure takes an NHS ethnic category (A to S, or Z)",
        "row 4 ('M99Z', Not stated), column measure_code: 'M99Z' is not an agreed measure",
        "row 5 (M12C Interpreter requests met, All people), column measure_code: 'M12C' is "
        "not an agreed measure",
    ]


def test_the_stores_reference_knows_every_adoption_and_name(session):
    ref = reference(session)
    assert ref.adopted == queries.adoptions(session)
    assert ("SLAM", "M02A") in ref.adopted and ("SLAM", "M09A") not in ref.adopted
    assert ref.measure_names["M11D"] == "Community development workers in post"  # retired
    assert ref.category_names["M"] == "Caribbean"
    assert set(ref.menu["code"]) == set(ref.measures)  # the agreed measures, with their ranges
    assert {"plausible_min", "plausible_max", "numerator_may_exceed"} <= set(ref.menu.columns)


def test_a_return_of_a_measure_the_site_did_not_adopt_stores_nothing(writable_db):
    """Receptions referred to prison in-reach (M09A) is agreed, but a trust does not keep it:
    before, SLAM's rows of it were stored and counted in England's figures."""
    content = _frame(("SLAM", "M09A", "2010Q1", "M", "3", "10")).to_csv(index=False).encode()
    before = stored(writable_db)
    result = import_return(writable_db, content, "r.csv", SITE_LEAD, allowed_sites={"SLAM"})
    assert not result.stored
    assert [e.reason.split(":")[0] for e in result.errors] == [
        "SLAM has not adopted M09A (Receptions screening positive referred to in-reach)"
    ]
    assert stored(writable_db) == before


def test_the_demonstration_data_holds_only_what_its_sites_adopted(session):
    """So a resubmission of any stored figure (the template offers only adopted measures) is
    never refused for a measure its site did not adopt."""
    unadopted = (
        select(func.count())
        .select_from(Observation)
        .outerjoin(
            SiteMeasure,
            (SiteMeasure.organisation_id == Observation.organisation_id)
            & (SiteMeasure.measure_id == Observation.measure_id),
        )
        .where(SiteMeasure.measure_id.is_(None))
    )
    assert session.scalar(unadopted) == 0
