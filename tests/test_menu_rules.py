"""The menu of measures: its rules in words (unit), and how the overview's menu lists agreed
and retired measures."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from sqlalchemy import select

from dashboard.menu.rules import (
    check_edit,
    check_transition,
    differs,
    plan_site,
    read_measure,
    read_target,
)
from dashboard.selection import Catalogue
from data_access import queries
from data_access.models import MENU_STATUSES, Measure, SiteMeasure
from tests.menu_helpers import NEW_MEASURE

# --- The rules, in words ---------------------------------------------------------------


def test_a_measure_is_read_tidied():
    fields, errors = read_measure(NEW_MEASURE)
    assert errors == []
    assert fields.code == "M12E" and fields.name == "Staff with cultural competence supervision"
    assert fields.columns()["characteristic_id"] == 12


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"code": "X12"}, "Code: X12 is not a code like M12C"),
        ({"code": "M13A"}, "Code: M13A is not a code like M12C"),
        ({"code": "M05A"}, "start it with M12"),
        ({"characteristic": 13}, "Characteristic: choose one of the twelve"),
        ({"characteristic": "twelve"}, "Characteristic: choose one of the twelve"),
        ({"name": "   "}, "Name is missing."),
        ({"name": "x" * 201}, "Name is 201 characters long; at most 200."),
        ({"kind": "percentage"}, "Kind: choose proportion, rate"),
        ({"polarity": "up"}, "Polarity: choose higher is better"),
        ({"unit": None}, "Unit is missing."),
        ({"multiplier": 0}, "Multiplier: a whole number from 1"),
        ({"multiplier": 2.5}, "Multiplier: a whole number from 1"),
        ({"multiplier": True}, "Multiplier: a whole number from 1"),
        ({"kind": "count", "multiplier": 100}, "a count is not scaled, so its multiplier is 1"),
        ({"numerator_definition": ""}, "Numerator is missing."),
        ({"denominator_definition": 5}, "Denominator is missing."),
        ({"source": ""}, "Source is missing."),
    ],
)
def test_each_problem_with_a_measure_is_said_in_words(change, words):
    fields, errors = read_measure({**NEW_MEASURE, **change})
    assert fields is None
    assert any(words in e for e in errors), errors


def test_problems_are_listed_in_the_forms_order():
    _, errors = read_measure({"code": "", "characteristic": 0, "kind": "count", "multiplier": 9})
    assert [e.split(":")[0].split(" ")[0] for e in errors][:3] == ["Code", "Characteristic", "Name"]


@pytest.mark.parametrize(
    ("old", "new", "refused"),
    [
        ("proposed", "agreed", None),
        ("agreed", "retired", None),
        ("retired", "agreed", None),
        ("proposed", "retired", "only proposed: agree it before"),
        ("agreed", "proposed", "cannot go back to proposed"),
        ("retired", "proposed", "cannot go back to proposed"),
        ("agreed", "agreed", "already agreed"),
        ("agreed", "deleted", "not a state a measure can be in"),
    ],
)
def test_a_measure_moves_proposed_agreed_retired_and_back_to_agreed_only(old, new, refused):
    why = check_transition("M01A", old, new)
    assert why is None if refused is None else refused in why


def test_what_stored_figures_depend_on_is_fixed_once_agreed():
    fields, _ = read_measure({**NEW_MEASURE, "kind": "rate", "multiplier": 1000})
    current = {**fields.columns(), "characteristic": 12, "status": "agreed", "kind": "proportion"}
    current["multiplier"] = 100
    errors = check_edit(current, fields, {"M12E"})
    assert any(e.startswith("Kind cannot change once") for e in errors)
    assert any(e.startswith("Multiplier cannot change once") for e in errors)
    assert check_edit({**current, "status": "proposed"}, fields, {"M12E"}) == []
    renamed, _ = read_measure({**NEW_MEASURE, "code": "M12A"})
    assert "Code: M12A is already on the menu." in check_edit(
        {**current, "status": "proposed"}, renamed, {"M12A", "M12E"}
    )


@pytest.mark.parametrize(
    ("value", "kind", "multiplier", "expected", "words"),
    [
        ("55", "proportion", 100, 55.0, ""),
        (" 55.5 % ", "proportion", 100, 55.5, ""),
        (0, "proportion", 100, 0.0, ""),
        ("", "proportion", 100, None, ""),
        (None, "rate", 1000, None, ""),
        ("1,250", "rate", 100_000, 1250.0, ""),
        ("100", "milestone", 1, 100.0, ""),
        ("101", "proportion", 100, None, "from 0 to 100%"),
        ("-1", "rate", 1000, None, "from 0 to"),
        ("1.5", "proportion", 1, None, "from 0 to 1."),
        ("101", "milestone", 1, None, "from 0 to 100%"),
        ("abc", "proportion", 100, None, "'abc' is not a number"),
        ("nan", "rate", 1000, None, "is not a number"),
        (math.inf, "rate", 1000, None, "is not a number"),
        (True, "count", 1, None, "is not a number"),
    ],
)
def test_a_target_is_a_number_in_the_range_of_its_kind(value, kind, multiplier, expected, words):
    target, why = read_target(value, "M01A", kind, multiplier)
    assert target == expected
    assert (why == "") if not words else (words in why and why.startswith("M01A: "))


def test_the_demonstration_targets_are_in_the_unit_the_dashboard_shows(session):
    """Targets are stored as shown (a percentage for %), so every stored one passes the rule."""
    menu = queries.measures(session, MENU_STATUSES).set_index("code")
    rows = session.execute(
        select(Measure.code, SiteMeasure.target)
        .join(SiteMeasure, SiteMeasure.measure_id == Measure.id)
        .where(SiteMeasure.target.is_not(None))
    ).all()
    assert len(rows) > 100
    for code, target in rows:
        m = menu.loc[code]
        assert read_target(target, code, m["kind"], int(m["multiplier"]))[1] == "", code
    assert any(t > 1 for c, t in rows if menu.loc[c, "kind"] == "proportion")


def test_a_sites_choices_become_adoptions_drops_and_targets(session):
    menu = queries.measures(session, MENU_STATUSES)
    adopted = {"M01A": 13.2, "M01C": None, "M11D": 60.0}
    plan, errors = plan_site(
        menu,
        adopted,
        {
            "M01A": (True, "13.2"),  # unchanged
            "M01B": (True, "10"),  # adopted with a target
            "M01C": (False, ""),  # dropped
            "M02A": (False, ""),  # not adopted before or now
        },
    )
    assert errors == [] and plan == [("adopt", "M01B", 10.0), ("drop", "M01C", None)]
    plan, errors = plan_site(
        menu, adopted, {"M01A": (True, "")}
    )  # clearing a target is a change too
    assert plan == [("target", "M01A", None)]
    _, errors = plan_site(
        menu,
        adopted,
        {"M02A": (False, "50"), "M11D": (False, ""), "M12D": (True, ""), "M01A": (True, "x")},
    )
    assert "M02A: tick “Adopted” to set a target for it." in errors
    assert any(e.startswith("M11D is not an agreed measure") for e in errors)  # retired
    assert any(e.startswith("M12D is not an agreed measure") for e in errors)  # proposed
    assert "M01A: 'x' is not a number." in errors


def test_the_menu_lists_retired_measures_last_under_a_disabled_heading():
    from layouts.overview.layout import measure_options

    chars = pd.DataFrame({"id": [11], "short_name": ["Community role"], "title": [""]})
    row = {"characteristic": 11, "sites": 3, "status": "agreed"}
    agreed = pd.DataFrame([{**row, "code": "M11A", "name": "Members"}])
    retired = pd.DataFrame([{**row, "code": "M11D", "name": "CDWs", "status": "retired"}])
    catalogue = Catalogue(pd.DataFrame(), pd.DataFrame(), chars, agreed, pd.DataFrame(), retired)
    options = measure_options(catalogue)
    assert [o["value"] for o in options] == ["M11A", "heading-retired", "M11D"]
    assert options[0]["label"] == "11 · Community role · Members (3 sites)"
    assert options[1] == {
        "label": "Retired (history only)",
        "value": "heading-retired",
        "disabled": True,
    }
    assert "disabled" not in options[2]  # chosen for its history
    assert set(catalogue.viewable_measures["code"]) == {"M11A", "M11D"}
    assert Catalogue.empty().viewable_measures.empty


# --- A measure's plausible values (issue 13) ------------------------------------------------


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"plausible_min": "abc"}, "Plausible from: 'abc' is not a number."),
        ({"plausible_max": "nan"}, "Plausible to: 'nan' is not a number."),
        ({"plausible_min": -1}, "Plausible from: a proportion is from 0 to 100%; -1 is outside"),
        ({"plausible_max": 120}, "Plausible to: a proportion is from 0 to 100%; 120 is outside"),
        ({"plausible_min": 60, "plausible_max": 5}, "Plausible range: from 60 is above to 5"),
        ({"numerator_may_exceed": "yes"}, "a proportion's numerator counts part of its"),
        ({"numerator_may_exceed": "perhaps"}, "Numerator may exceed: choose the kind's default"),
        ({"numerator_may_exceed": ["yes"]}, "Numerator may exceed: choose the kind's default"),
        (
            {"kind": "rate", "multiplier": 1000, "plausible_max": 2e9},
            "Plausible to: a rate is from 0 to 1,000,000,000; 2e+09 is outside that.",
        ),
    ],
)
def test_each_problem_with_a_plausible_range_is_said_in_words(change, words):
    fields, errors = read_measure({**NEW_MEASURE, **change})
    assert fields is None
    assert any(words in e for e in errors), errors


def test_a_plausible_range_is_read_and_empty_means_the_kinds_default():
    fields, errors = read_measure(
        {**NEW_MEASURE, "plausible_min": "5", "plausible_max": 60, "numerator_may_exceed": "no"}
    )
    assert errors == []
    assert (fields.plausible_min, fields.plausible_max, fields.numerator_may_exceed) == (
        5,
        60,
        False,
    )
    rate, _ = read_measure(
        {**NEW_MEASURE, "kind": "rate", "multiplier": 1000, "numerator_may_exceed": "yes"}
    )
    assert rate.numerator_may_exceed is True and rate.plausible_min is None
    default, _ = read_measure(NEW_MEASURE)
    assert default.columns()["numerator_may_exceed"] is None  # NULL: the kind's default
    # problems are listed in the form's order, the range's after the definitions'
    _, errors = read_measure({**NEW_MEASURE, "source": "", "plausible_min": "x", "name": ""})
    assert [e.split(" ")[0] for e in errors] == ["Name", "Source", "Plausible"]


def test_a_plausible_range_stays_editable_once_a_measure_is_agreed():
    """It changes no stored figure: only which rows an uploader is asked to confirm."""
    fields, _ = read_measure({**NEW_MEASURE, "plausible_max": 60, "numerator_may_exceed": "no"})
    current = {**fields.columns(), "characteristic": 12, "status": "agreed"}
    current.update(
        plausible_min=float("nan"), plausible_max=float("nan"), numerator_may_exceed=None
    )
    assert check_edit(current, fields, {"M12E"}) == []
    assert differs(current, "plausible_max", 60.0) and not differs(current, "plausible_min", None)
    assert not differs(current, "numerator_may_exceed", None)
    assert differs(current, "numerator_may_exceed", False)
