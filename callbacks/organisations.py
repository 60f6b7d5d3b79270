"""Callbacks of /data/organisations. Each asks `require_admin` on the server before it reads or
writes anything: the page is only for administrators, and a crafted request from anyone else
is refused (403) before the file is read."""

from __future__ import annotations

import base64
import binascii

from dash import Dash, Input, Output, State, ctx, dcc, no_update
from flask import current_app
from werkzeug.exceptions import BadRequest

from dashboard.access import require_admin
from dashboard.exports import table_bytes
from dashboard.loaders import database, load_catalogue
from dashboard.reference import ReferenceRefused, load_reference, reference_table, stored_tables
from dashboard.uploads import MAX_UPLOAD_BYTES
from layouts.organisations import ids
from layouts.organisations.layout import (
    errors_view,
    preview_view,
    reference_view,
    refused_view,
    stored_view,
)

HIDDEN, SHOWN = {"display": "none"}, {"display": "inline-block"}
#: What a person who is not an administrator is told they may not do.
WHAT = "change the regions and organisations"


def _file(contents: object, file_name: object) -> tuple[bytes, str]:
    """The uploaded file's bytes and name from dcc.Upload's data URL."""
    if not isinstance(contents, str) or not isinstance(file_name, str) or "," not in contents:
        raise BadRequest("The upload did not arrive as a file.")
    if len(contents) > MAX_UPLOAD_BYTES * 4 // 3 + 1024:
        raise ReferenceRefused(f"The file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB.")
    try:
        content = base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadRequest("The upload did not arrive as a file.") from exc
    return content, file_name[-255:]


def on_template(_csv: int | None, _xlsx: int | None):
    """Download button → the stored regions and organisations as a file to edit and load."""
    require_admin(WHAT)
    catalogue = load_catalogue()
    suffix = ".xlsx" if ctx.triggered_id == ids.ORGS_TEMPLATE_XLSX else ".csv"
    table = reference_table(catalogue.regions, catalogue.organisations)
    return dcc.send_bytes(table_bytes(table, suffix, sheet="reference"), f"dre-reference{suffix}")


def update_check(contents: object, file_name: object):
    """File uploaded → every problem by row and column, or what storing it would change."""
    if contents is None:
        return None, HIDDEN, None
    access = require_admin(WHAT)
    try:
        content, name = _file(contents, file_name)
        result = load_reference(database(), content, name, access.actor, dry_run=True)
    except ReferenceRefused as exc:
        return refused_view(str(file_name), str(exc)), HIDDEN, None
    if result.errors:
        return errors_view(name, result.errors), HIDDEN, None
    counts = result.counts()
    changes = counts["new"] + counts["updated"]
    return preview_view(name, result), SHOWN if changes else HIDDEN, None


def on_confirm(n_clicks: int | None, contents: object, file_name: object):
    """Store button → the file checked again and stored in one transaction, or why not; the
    list shows what is stored now."""
    if not n_clicks or contents is None:
        return no_update, no_update, no_update, no_update
    access = require_admin(WHAT)
    try:
        content, name = _file(contents, file_name)
        result = load_reference(database(), content, name, access.actor)
    except ReferenceRefused as exc:
        return refused_view(str(file_name), str(exc)), HIDDEN, no_update, no_update
    if result.errors:
        return errors_view(name, result.errors), HIDDEN, None, no_update
    current_app.logger.info("reference loaded by %s: %s (%s)", access.actor, name, result.checksum)
    listing = reference_view(*stored_tables(database()))
    return stored_view(name, result), HIDDEN, None, listing


def register(app: Dash) -> None:
    app.callback(
        Output(ids.ORGS_DOWNLOAD, "data"),
        Input(ids.ORGS_TEMPLATE_CSV, "n_clicks"),
        Input(ids.ORGS_TEMPLATE_XLSX, "n_clicks"),
        prevent_initial_call=True,
    )(on_template)
    app.callback(
        Output(ids.ORGS_CHECK, "children"),
        Output(ids.ORGS_CONFIRM, "style"),
        Output(ids.ORGS_RESULT, "children"),
        Input(ids.ORGS_UPLOAD, "contents"),
        State(ids.ORGS_UPLOAD, "filename"),
        prevent_initial_call=True,
    )(update_check)
    app.callback(
        Output(ids.ORGS_RESULT, "children", allow_duplicate=True),
        Output(ids.ORGS_CONFIRM, "style", allow_duplicate=True),
        Output(ids.ORGS_CHECK, "children", allow_duplicate=True),
        Output(ids.ORGS_LIST, "children"),
        Input(ids.ORGS_CONFIRM, "n_clicks"),
        State(ids.ORGS_UPLOAD, "contents"),
        State(ids.ORGS_UPLOAD, "filename"),
        prevent_initial_call=True,
    )(on_confirm)
