"""The menu of measures: each write with its audit entry on a private copy of the
demonstration data, the refusals that store nothing, and retired measures: refused for new
returns, their history still shown on the overview."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import select

from dashboard.menu.changes import change_status, edit, propose, save_site
from dashboard.returns import RETURN_COLUMNS, import_return
from dashboard.selection import Selection
from data_access import menu_writes, queries
from data_access.models import Measure
from tests.conftest import ADMIN, SITE_LEAD
from tests.menu_helpers import NEW_MEASURE, counts, last_audit, measure_status

# --- Writes, each with its audit entry (a private copy of the data) ----------------------


def test_propose_agree_retire_and_agree_again_each_audited(writable_db):
    measures, adoptions, audits = counts(writable_db)
    assert propose(writable_db, NEW_MEASURE, ADMIN).message.startswith("M12E proposed")
    assert measure_status(writable_db, "M12E") == "proposed"
    (entry,) = last_audit(writable_db)
    assert (entry.actor, entry.action, entry.file_name, entry.checksum) == (
        ADMIN,
        "measure_propose",
        "M12E",
        "",
    )
    assert entry.at is not None and entry.rows_new == 1
    for new_status, action in [
        ("agreed", "measure_agree"),
        ("retired", "measure_retire"),
        ("agreed", "measure_agree"),
    ]:
        outcome = change_status(writable_db, "M12E", new_status, ADMIN)
        assert outcome.ok, outcome.errors
        assert measure_status(writable_db, "M12E") == new_status
        (entry,) = last_audit(writable_db)
        assert entry.action == action
    assert counts(writable_db) == (measures + 1, adoptions, audits + 4)


def test_refused_writes_store_nothing_and_audit_nothing(writable_db):
    before = counts(writable_db)
    assert propose(writable_db, {**NEW_MEASURE, "code": "M12A"}, ADMIN).errors == (
        "Code: M12A is already on the menu.",
    )
    assert propose(writable_db, {**NEW_MEASURE, "kind": "nonsense"}, ADMIN).errors
    assert "only proposed" in change_status(writable_db, "M12D", "retired", ADMIN).errors[0]
    assert "no measure 'M99Z'" in change_status(writable_db, "M99Z", "agreed", ADMIN).errors[0]
    refused = edit(writable_db, "M12C", {**NEW_MEASURE, "code": "M12C", "kind": "rate"}, ADMIN)
    assert any(e.startswith("Kind cannot change") for e in refused.errors)
    assert counts(writable_db) == before


def test_an_edit_changes_only_the_words_of_an_agreed_measure_and_is_audited(writable_db):
    with writable_db.session() as s:
        current = queries.measures(s).set_index("code").loc["M12C"]
    raw = {
        **{k: current[k] for k in NEW_MEASURE if k not in ("code", "characteristic")},
        "code": "M12C",
        "characteristic": 12,
        "name": "Interpreter requests met at the appointment",
    }
    assert edit(writable_db, "M12C", raw, ADMIN).message == "M12C saved."
    with writable_db.session() as s:
        assert s.scalar(select(Measure.name).where(Measure.code == "M12C")) == raw["name"]
    assert [(e.action, e.file_name) for e in last_audit(writable_db)] == [("measure_edit", "M12C")]
    assert "nothing to save" in edit(writable_db, "M12C", raw, ADMIN).message


def test_a_sites_adoptions_and_targets_are_saved_together_with_their_audit(writable_db):
    measures, adoptions, audits = counts(writable_db)
    outcome = save_site(
        writable_db,
        "SLAM",
        {"M01A": (True, "20"), "M01B": (True, "10"), "M01C": (False, "")},
        SITE_LEAD,
    )
    assert outcome.message == (
        "Saved for SLAM: M01A target 20; adopted M01B (target 10); dropped M01C."
    )
    with writable_db.session() as s:
        stored = queries.site_targets(s, "SLAM").set_index("measure")["target"]
    assert stored["M01A"] == 20 and stored["M01B"] == 10 and "M01C" not in stored
    entries = last_audit(writable_db, 4)
    assert [(e.action, e.file_name, e.actor) for e in entries] == [
        ("target_set", "SLAM/M01A", SITE_LEAD),
        ("measure_adopt", "SLAM/M01B", SITE_LEAD),
        ("target_set", "SLAM/M01B", SITE_LEAD),
        ("measure_drop", "SLAM/M01C", SITE_LEAD),
    ]
    assert counts(writable_db) == (measures, adoptions, audits + 4)


def test_one_bad_target_stores_none_of_the_sites_choices(writable_db):
    before = counts(writable_db)
    outcome = save_site(
        writable_db, "SLAM", {"M01A": (True, "20"), "M01B": (True, "200")}, SITE_LEAD
    )
    assert outcome.errors == ("M01B: a target must be from 0 to 100%.",)
    assert counts(writable_db) == before


def test_a_write_that_lost_a_race_raises_and_writes_nothing(writable_db):
    before = counts(writable_db)
    with pytest.raises(menu_writes.MenuConflict), writable_db.session() as s:
        menu_writes.set_status(s, "M12C", "proposed", "agreed", ADMIN)  # it is agreed
    assert counts(writable_db) == before


# --- Retired measures: no new returns, history kept ---------------------------------------


def _return_csv(site: str, measure: str, period: str = "2010Q1") -> bytes:
    row = {"site_code": site, "measure_code": measure, "period": period, "ethnic_code": "ALL"}
    frame = pd.DataFrame([{**row, "numerator": "3", "denominator": "10"}], columns=RETURN_COLUMNS)
    return frame.to_csv(index=False).encode()


def test_a_retired_measure_is_refused_in_a_return_but_its_history_is_shown(
    writable_app, writable_db
):
    from dashboard.loaders import load_catalogue
    from dashboard.overview.data import default_measures, overview_data
    from layouts.overview.layout import measure_options

    assert change_status(writable_db, "M12C", "retired", ADMIN).ok
    before = counts(writable_db)
    result = import_return(writable_db, _return_csv("SLAM", "M12C"), "r.csv", SITE_LEAD)
    assert not result.stored
    assert [e.reason for e in result.errors] == ["'M12C' is not an agreed measure"]
    assert counts(writable_db) == before
    with writable_app.server.app_context():
        catalogue = load_catalogue()
        assert "M12C" not in set(catalogue.measures["code"])
        assert {"M11D", "M12C"} <= set(catalogue.retired["code"])
        selection = Selection.from_query("?trust=SLAM&measures=M12C").validated(catalogue)
        assert selection.measures == ("M12C",)  # a link to its history still works
        assert "M12C" not in default_measures(Selection(trusts=("SLAM",)), catalogue)
        data = overview_data(selection, catalogue, ["M12C"])
        assert (data.measures, data.retired) == ([], ["M12C"])
        (summary,) = data.panels[12]
        assert summary.name.endswith("(retired)") and not summary.series.empty
        values = [o["value"] for o in measure_options(catalogue)]
        assert values.index("heading-retired") < values.index("M12C")
        assert values.index("M12A") < values.index("heading-retired")
