"""What the returns page's tests share: the template and an upload as the browser sends them,
the check and the Store button's requests (with the warnings ticked as a person ticks them),
and what the store holds before and after."""

from __future__ import annotations

import base64
import io

import pandas as pd
from sqlalchemy import func, select

from dashboard.returns import import_return
from data_access.models import AuditEntry, Observation
from layouts.returns import ids
from layouts.returns.warnings import LIST
from tests.components import find, prop, text
from tests.dash_requests import callback_output, dash_call

PERIOD = "2010Q1"
#: Tick every warning the check lists (what `_confirm` does unless told otherwise).
EVERY = "every"


def template_call(client, site, period=PERIOD):
    return dash_call(
        client,
        f"{ids.RETURNS_DOWNLOAD}.data",
        [
            {"id": ids.RETURNS_TEMPLATE_CSV, "property": "n_clicks", "value": 1},
            {"id": ids.RETURNS_TEMPLATE_XLSX, "property": "n_clicks", "value": None},
        ],
        [
            {"id": ids.RETURNS_SITE, "property": "value", "value": site},
            {"id": ids.RETURNS_PERIODS, "property": "value", "value": [period]},
        ],
    )


def downloaded(response) -> pd.DataFrame:
    """The template a download callback's response carries, every cell as text."""
    data = response.get_json()["response"][ids.RETURNS_DOWNLOAD]["data"]
    return pd.read_csv(
        io.BytesIO(base64.b64decode(data["content"])), dtype=str, keep_default_na=False
    )


def template(client, site="SLAM", blank=True) -> pd.DataFrame:
    """The site's template of PERIOD as downloaded; `blank`: with its cells emptied, so that
    a test returns only the cells it fills (PERIOD is stored, so the template comes filled
    with the stored values: tests/test_returns_periods.py checks those)."""
    response = template_call(client, site)
    assert response.status_code == 200
    data = response.get_json()["response"][ids.RETURNS_DOWNLOAD]["data"]
    assert data["filename"] == f"dre-return-{site}-{PERIOD}.csv"
    frame = downloaded(response)
    if blank:
        frame[["numerator", "denominator"]] = ""
    return frame


def upload(frame: pd.DataFrame) -> str:
    encoded = base64.b64encode(frame.to_csv(index=False).encode()).decode()
    return f"data:text/csv;base64,{encoded}"


def check(client, contents, name="return.csv"):
    return dash_call(
        client,
        callback_output(client, f"{ids.RETURNS_CHECK}.children"),
        [{"id": ids.RETURNS_UPLOAD, "property": "contents", "value": contents}],
        [{"id": ids.RETURNS_UPLOAD, "property": "filename", "value": name}],
    )


def listed_warnings(response) -> list[dict]:
    """The warnings a check (or a refused store) lists to tick: {label, value} each (none
    when the request was refused)."""
    if response.status_code != 200:
        return []
    for output in response.get_json()["response"].values():
        found = find(output.get("children"), LIST)
        if found is not None:
            return prop(found, "options")
    return []


def confirm(client, contents, name="return.csv", ticked: list[str] | str = EVERY):
    """The Store button, with `ticked` warnings ticked (EVERY: each one the check lists, as a
    person reads and ticks them; the list is absent when the check lists none)."""
    if ticked == EVERY:
        ticked = [w["value"] for w in listed_warnings(check(client, contents, name))]
        lists = [{"id": LIST, "property": "value", "value": ticked}] if ticked else []
    else:
        lists = [{"id": LIST, "property": "value", "value": ticked}]
    return dash_call(
        client,
        callback_output(client, f"{ids.RETURNS_RESULT}.children@"),
        [{"id": ids.RETURNS_CONFIRM, "property": "n_clicks", "value": 1}],
        [
            {"id": ids.RETURNS_UPLOAD, "property": "contents", "value": contents},
            {"id": ids.RETURNS_UPLOAD, "property": "filename", "value": name},
            lists,
        ],
    )


def said(response) -> str:
    """The text of every output of a callback's response."""
    outputs = response.get_json()["response"].values()
    return text([value["children"] for value in outputs if "children" in value])


def stored(db) -> tuple[int, int]:
    """(observations, audit entries)."""
    with db.session() as s:
        return (
            s.scalar(select(func.count()).select_from(Observation)),
            s.scalar(select(func.count()).select_from(AuditEntry)),
        )


def last_audit(db) -> AuditEntry:
    with db.session() as s:
        return s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


def filled(frame: pd.DataFrame, measure="M02A", numerator="40", denominator="100"):
    rows = frame.index[frame["measure_code"] == measure]
    assert len(rows) > 0
    frame.loc[rows, ["numerator", "denominator"]] = [numerator, denominator]
    return frame, rows


def store_confirming(db, content: bytes, name: str, actor: str, **kwargs):
    """`import_return` as an uploader who read and confirmed every warning of its check."""
    checked = import_return(db, content, name, actor, dry_run=True, **kwargs)
    keys = {w.key for w in checked.warnings}
    return import_return(db, content, name, actor, confirmed=keys, **kwargs)
