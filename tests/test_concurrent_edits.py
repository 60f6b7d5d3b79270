"""Issue 14, "Concurrent edits are lost without a word": two people open the same action, the
same measure or the same site's measures; the first save is stored (its audit entry keeps the
old and new value of each changed field), the second, made on what it opened before the first
was saved, is refused with who changed it and when, and nothing of it is written. Through the
data functions and through the Dash callbacks over the Flask test client."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select, text

from dashboard.accounts import create_user
from dashboard.actions import Conflict, save_action, validate_action
from dashboard.edits import changed_by
from dashboard.menu.changes import change_status, edit, save_site, site_measures
from data_access import queries
from data_access.db import Database, make_engine
from data_access.migrate import upgrade
from data_access.models import AuditEntry
from tests.conftest import ADMIN, SITE_LEAD, TEST_PASSWORD

SECOND_ADMIN = "second-admin@dre.example"
TODAY = dt.date(2010, 4, 2)
RELOAD = "reload to see their changes"


@pytest.fixture
def db(writable_db_url):
    database = Database(writable_db_url)
    yield database
    database.dispose()


def _last_audit(db, n: int = 1) -> list[AuditEntry]:
    with db.session() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(n)).all()
    return list(reversed(entries))


def _audit_count(db) -> int:
    with db.session() as s:
        return len(s.scalars(select(AuditEntry.id)).all())


def test_the_refusal_says_who_changed_it_and_when_in_uk_time():
    summer = Conflict("action 3", ADMIN, dt.datetime(2026, 7, 1, 13, 5, tzinfo=dt.UTC))
    assert changed_by(summer) == f"Changed by {ADMIN} at 14:05 on 1 July 2026: {RELOAD}."
    naive_winter = Conflict("M12C", ADMIN, dt.datetime(2026, 1, 9, 8, 30))  # SQLite: UTC
    assert changed_by(naive_winter) == f"Changed by {ADMIN} at 08:30 on 9 January 2026: {RELOAD}."
    assert changed_by(Conflict("SLAM", None, None)) == f"Changed by someone else: {RELOAD}."


# --- actions ---------------------------------------------------------------------------------


def _action(db, item_id: int | None = None) -> dict:
    with db.session() as s:
        items = queries.action_items(s, ["SLAM"])
    row = items.iloc[0] if item_id is None else items.set_index("id", drop=False).loc[item_id]
    return row.to_dict()


def _fields(row: dict, **changes) -> dict:
    fields = dict(
        characteristic=str(row["characteristic"]),
        action=row["action"],
        owner=row["owner"],
        due_date=pd.Timestamp(row["due_date"]).date().isoformat(),
        status=row["status"],
        progress_note=row["progress_note"] or "",
    )
    return {**fields, **changes}


def _edit(row: dict, **changes):
    checked, errors = validate_action(**_fields(row, **changes))
    assert errors == []
    return checked


def _other_status(row: dict) -> str:
    return "at_risk" if row["status"] != "at_risk" else "on_track"


def test_an_action_saved_by_two_editors_keeps_the_first_and_refuses_the_second(writable_app, db):
    opened = _action(db)  # A and B open the form on the same action, at the same version
    item, seen, status = int(opened["id"]), int(opened["version"]), _other_status(opened)
    with writable_app.server.app_context():
        first = _edit(opened, status=status, progress_note="Audit finished.")
        saved = save_action("SLAM", item, first, ADMIN, TODAY, seen=seen)
        assert (saved.item_id, saved.verb, saved.version) == (item, "saved", seen + 1)
        audits = _audit_count(db)
        second = _edit(opened, owner="Head of Nursing")  # another field, on the old version
        with pytest.raises(Conflict) as refused:
            save_action("SLAM", item, second, SITE_LEAD, TODAY, seen=seen)
    assert refused.value.actor == ADMIN and refused.value.at is not None
    assert changed_by(refused.value).startswith(f"Changed by {ADMIN} at ")
    now = _action(db, item)
    assert now["owner"] == opened["owner"]  # nothing of B's
    assert (now["status"], now["progress_note"], now["version"]) == (status, "Audit finished.", 2)
    assert _audit_count(db) == audits
    (entry,) = _last_audit(db)
    assert entry.actor == ADMIN and entry.file_name == f"action {item}"
    assert entry.details["status"] == {"old": opened["status"], "new": status}
    assert entry.details["progress_note"] == {
        "old": opened["progress_note"],
        "new": "Audit finished.",
    }
    assert entry.details["progress_date"]["new"] == TODAY.isoformat()
    assert {"owner", "action", "due_date", "characteristic_id"}.isdisjoint(entry.details)


def test_a_new_action_is_audited_with_every_value_it_was_given(writable_app, db):
    with writable_app.server.app_context():
        saved = save_action("SLAM", None, _edit(_action(db), owner="Matron"), ADMIN, TODAY)
    assert saved.verb == "added" and saved.version == 1
    (entry,) = _last_audit(db)
    assert entry.details["owner"] == {"old": None, "new": "Matron"}
    assert entry.details["status"]["old"] is None


# --- the measure form --------------------------------------------------------------------------


def _measure(db, code: str) -> dict:
    with db.session() as s:
        row = queries.measures(s, ("proposed", "agreed", "retired")).set_index("code").loc[code]
    values = {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
    return {**values, "code": code}


RAW_KEYS = (
    "code",
    "characteristic",
    "name",
    "kind",
    "polarity",
    "unit",
    "multiplier",
    "by_ethnicity",
    "numerator_definition",
    "denominator_definition",
    "source",
)


def _raw(row: dict, **changes) -> dict:
    return {**{k: row[k] for k in RAW_KEYS}, **changes}


def _add_second_admin(db) -> None:
    with db.session() as s:
        create_user(s, SECOND_ADMIN, TEST_PASSWORD, "admin")


def test_a_measure_saved_by_two_administrators_keeps_the_first_and_refuses_the_second(db):
    opened = _measure(db, "M12C")
    seen = opened["version"]
    renamed = "Interpreter requests met at the appointment"
    assert edit(db, "M12C", _raw(opened, name=renamed), ADMIN, seen=seen).ok
    audits = _audit_count(db)
    refused = edit(db, "M12C", _raw(opened, source="Interpreting log"), SECOND_ADMIN, seen=seen)
    assert len(refused.errors) == 1 and refused.errors[0].startswith(f"Changed by {ADMIN} at ")
    assert refused.errors[0].endswith(f"{RELOAD}.")
    # nor may B retire it on what B saw
    retired = change_status(db, "M12C", "retired", SECOND_ADMIN, seen=seen)
    assert retired.errors[0].startswith(f"Changed by {ADMIN} at ")
    now = _measure(db, "M12C")
    assert (now["name"], now["source"], now["status"]) == (renamed, opened["source"], "agreed")
    assert now["version"] == seen + 1 and _audit_count(db) == audits
    (entry,) = _last_audit(db)
    assert (entry.actor, entry.action) == (ADMIN, "measure_edit")
    assert entry.details == {"name": {"old": opened["name"], "new": renamed}}
    # B, having reloaded, saves on the new version
    assert change_status(db, "M12C", "retired", SECOND_ADMIN, seen=seen + 1).ok
    assert _last_audit(db)[0].details == {"status": {"old": "agreed", "new": "retired"}}


def test_a_measure_renamed_meanwhile_names_who_renamed_it(db):
    opened = _measure(db, "M12D")  # proposed: its code may still change
    assert edit(db, "M12D", _raw(opened, code="M12F"), ADMIN, seen=opened["version"]).ok
    refused = edit(db, "M12D", _raw(opened, name="Other"), SECOND_ADMIN, seen=opened["version"])
    assert refused.errors[0].startswith(f"Changed by {ADMIN} at ")


# --- a site's measures and targets -----------------------------------------------------------


def test_a_sites_measures_saved_by_two_editors_keep_the_first_and_refuse_the_second(db):
    adopted, seen = site_measures(db, "SLAM")  # A and B open the site card
    assert "M01A" in adopted and "M01B" not in adopted
    first = save_site(db, "SLAM", {"M01A": (True, "20"), "M01B": (True, "10")}, ADMIN, seen=seen)
    assert first.ok, first.errors
    audits = _audit_count(db)
    second = save_site(db, "SLAM", {"M01C": (False, ""), "M02A": (True, "7")}, SITE_LEAD, seen=seen)
    assert second.errors[0].startswith(f"Changed by {ADMIN} at ")
    now, version = site_measures(db, "SLAM")
    assert version == seen + 1 and _audit_count(db) == audits
    assert now["M01A"] == 20 and now["M01B"] == 10 and "M01C" in now  # B's drop not written
    assert now["M02A"] == adopted["M02A"]
    entries = {(e.action, e.file_name): e.details for e in _last_audit(db, 3)}
    assert entries[("target_set", "SLAM/M01A")] == {"target": {"old": adopted["M01A"], "new": 20.0}}
    assert entries[("measure_adopt", "SLAM/M01B")] == {"adopted": {"old": False, "new": True}}
    assert entries[("target_set", "SLAM/M01B")] == {"target": {"old": None, "new": 10.0}}
    # on the new version B's save goes through, and a drop keeps what was dropped
    assert save_site(db, "SLAM", {"M01C": (False, "")}, SITE_LEAD, seen=version).ok
    (drop,) = _last_audit(db)
    assert drop.action == "measure_drop"
    assert drop.details == {
        "adopted": {"old": True, "new": False},
        "target": {"old": adopted["M01C"], "new": None},
    }


def test_nothing_to_save_leaves_the_version_alone(db):
    adopted, seen = site_measures(db, "SLAM")
    target = adopted["M01A"]
    typed = "" if target is None else f"{target:g}"
    assert (
        "Nothing to save"
        in save_site(db, "SLAM", {"M01A": (True, typed)}, ADMIN, seen=seen).message
    )
    assert site_measures(db, "SLAM")[1] == seen


# --- the migration ---------------------------------------------------------------------------


def test_the_migration_gives_existing_records_their_first_version(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0005")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO region (id, code, name) VALUES (1, 'LDN', 'London')"))
        conn.execute(
            text(
                "INSERT INTO organisation (id, code, name, kind, region_id, rurality) "
                "VALUES (1, 'SLAM', 'SLaM', 'mental_health_trust', 1, 'urban')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO audit_log (actor, action, file_name, checksum, rows_new, "
                "rows_revised, rows_unchanged) VALUES ('x', 'y', 'z', '', 0, 0, 0)"
            )
        )
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT adoptions_version FROM organisation")).scalar() == 1
        assert conn.execute(text("SELECT details FROM audit_log")).scalar() is None
    engine.dispose()
