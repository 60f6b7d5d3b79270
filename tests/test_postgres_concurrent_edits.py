"""Issue 14 on the real PostgreSQL: two saves made on the same version of a record, at the
same moment, in two threads with their own connections; exactly one is stored, the other is
refused with the winner's name, because the version is checked in the UPDATE itself."""

from __future__ import annotations

import datetime as dt
import threading

import pandas as pd
import pytest
from sqlalchemy import select

from dashboard.actions import validate_action
from dashboard.menu import changes
from data_access import menu_writes, queries
from data_access.action_writes import update_action
from data_access.db import Database
from data_access.models import ActionItem, Measure
from data_access.versions import Conflict
from tests.conftest import ADMIN, SITE_LEAD

pytestmark = pytest.mark.postgres

WHO = (ADMIN, SITE_LEAD)


@pytest.fixture(scope="module")
def pg(seeded_postgres_url):
    db = Database(seeded_postgres_url)
    yield db
    db.dispose()


def _race(save) -> list[object]:
    """`save(who)` for each of WHO in its own thread, started together: each one's result or
    the exception it raised."""
    start = threading.Barrier(len(WHO))
    results: list[object] = [None] * len(WHO)

    def run(i: int) -> None:
        start.wait(timeout=20)
        try:
            results[i] = save(WHO[i])
        except Exception as exc:  # the test sorts winners from losers
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(WHO))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads)
    return results


def _one_winner(results: list[object]) -> str:
    """The winner's name, after checking that the other was refused naming the winner."""
    lost = [i for i, r in enumerate(results) if isinstance(r, Exception)]
    assert len(lost) == 1, results
    winner, loss = WHO[1 - lost[0]], results[lost[0]]
    assert isinstance(loss, Conflict) and loss.actor == winner, loss
    return winner


def _one_outcome_wins(outcomes: list) -> str:
    """The same for the menu's outcomes, which carry a refusal in words."""
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    lost = [i for i, o in enumerate(outcomes) if not o.ok]
    assert len(lost) == 1, outcomes
    winner = WHO[1 - lost[0]]
    assert outcomes[lost[0]].errors[0].startswith(f"Changed by {winner} at "), outcomes
    return winner


def _pause_before(monkeypatch, module, name: str) -> None:
    """Both threads have read the record and checked its version before either writes."""
    gate = threading.Barrier(len(WHO))
    real = getattr(module, name)

    def paused(*args, **kwargs):
        gate.wait(timeout=20)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, paused)


def test_two_saves_of_one_action_on_the_same_version_one_wins(pg):
    with pg.session() as s:
        row = queries.action_items(s, ["SLAM"]).iloc[0].to_dict()
    item, seen = int(row["id"]), int(row["version"])

    def save(who: str) -> None:
        edit, errors = validate_action(
            str(row["characteristic"]),
            row["action"],
            f"Owner chosen by {who}",
            pd.Timestamp(row["due_date"]).date().isoformat(),
            row["status"],
            row["progress_note"] or "",
        )
        assert not errors
        with pg.session() as s:
            update_action(s, item, "SLAM", edit.values(), who, dt.date(2010, 4, 2), seen=seen)

    winner = _one_winner(_race(save))
    with pg.session() as s:
        stored = s.get(ActionItem, item)
        assert (stored.owner, stored.version) == (f"Owner chosen by {winner}", seen + 1)


def test_two_saves_of_one_measure_on_the_same_version_one_wins(pg, monkeypatch):
    _pause_before(monkeypatch, menu_writes, "update_measure")
    with pg.session() as s:
        row = queries.measures(s).set_index("code").loc["M12C"]
    raw = {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
    raw["code"], seen = "M12C", int(row["version"])

    def save(who: str):
        return changes.edit(pg, "M12C", {**raw, "name": f"Named by {who}"}, who, seen=seen)

    winner = _one_outcome_wins(_race(save))
    with pg.session() as s:
        stored = s.scalars(select(Measure).where(Measure.code == "M12C")).one()
        assert (stored.name, stored.version) == (f"Named by {winner}", seen + 1)


def test_two_saves_of_one_sites_measures_on_the_same_version_one_wins(pg, monkeypatch):
    _pause_before(monkeypatch, menu_writes, "claim_site")
    adopted, seen = changes.site_measures(pg, "SLAM")
    assert "M01A" in adopted

    def save(who: str):
        target = "11" if who == ADMIN else "22"
        return changes.save_site(pg, "SLAM", {"M01A": (True, target)}, who, seen=seen)

    winner = _one_outcome_wins(_race(save))
    now, version = changes.site_measures(pg, "SLAM")
    assert version == seen + 1 and now["M01A"] == (11 if winner == ADMIN else 22)
