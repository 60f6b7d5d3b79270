"""Callbacks of /data/returns. Each checks on the server who is asking before it reads or
writes anything: a crafted request for another site's template or return is refused (403).
Storing checks the file again, warnings included: it is stored only when the warnings ticked
on the page are exactly those found now (dashboard/returns/storing.py)."""

from __future__ import annotations

import base64
import binascii

from dash import ALL, MATCH, Dash, Input, Output, State, ctx, dcc, no_update
from flask import current_app
from werkzeug.exceptions import BadRequest, Forbidden

from dashboard.access import Access, current_access, require_write
from dashboard.exports import table_bytes
from dashboard.loaders import database, load_catalogue
from dashboard.returns import (
    MAX_UPLOAD_BYTES,
    ReturnRefused,
    import_return,
    revision_history,
    site_template,
)
from layouts.returns import ids
from layouts.returns.layout import (
    errors_view,
    history_view,
    preview_view,
    refused_view,
    stored_view,
)
from layouts.returns.warnings import unconfirmed_view

HIDDEN, SHOWN = {"display": "none"}, {"display": "inline-block"}


def _submitter() -> tuple[Access, set[str] | None]:
    """The current person and the sites they may submit for (None: any); Forbidden for
    those who may submit nothing."""
    access = current_access()
    if access.is_admin:
        return access, None
    sites = set(access.writable_sites(load_catalogue().organisations))
    if not sites:
        raise Forbidden(f"{access.actor} may not submit returns.")
    return access, sites


def _file(contents: object, file_name: object) -> tuple[bytes, str]:
    """The uploaded file's bytes and name from dcc.Upload's data URL."""
    if not isinstance(contents, str) or not isinstance(file_name, str) or "," not in contents:
        raise BadRequest("The upload did not arrive as a file.")
    if len(contents) > MAX_UPLOAD_BYTES * 4 // 3 + 1024:
        raise ReturnRefused(f"The file is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB.")
    try:
        content = base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadRequest("The upload did not arrive as a file.") from exc
    return content, file_name[-255:]


def on_template(_csv: int | None, _xlsx: int | None, site: object, periods: object):
    """Template button → the site's empty return as CSV or Excel (for those who may submit)."""
    if not isinstance(site, str):
        raise BadRequest("Choose a site.")
    require_write(site)
    chosen = [p for p in periods if isinstance(p, str)] if isinstance(periods, list) else []
    suffix = ".xlsx" if ctx.triggered_id == ids.RETURNS_TEMPLATE_XLSX else ".csv"
    try:
        with database().session() as session:
            template = site_template(session, site, chosen)
    except ReturnRefused as exc:
        raise BadRequest(str(exc)) from exc
    span = chosen[0] if len(chosen) == 1 else f"{len(chosen) or 1}-quarters"
    name = f"dre-return-{site}-{span}{suffix}"
    return dcc.send_bytes(table_bytes(template, suffix, sheet="returns"), name)


def update_check(contents: object, file_name: object):
    """File uploaded → every problem by row and column, or what storing it would change."""
    if contents is None:
        return None, HIDDEN, None
    access, sites = _submitter()
    try:
        content, name = _file(contents, file_name)
        result = import_return(database(), content, name, access.actor, True, sites)
    except ReturnRefused as exc:
        return refused_view(str(file_name), str(exc)), HIDDEN, None
    if result.errors:
        return errors_view(name, result.errors), HIDDEN, None
    changes = result.counts()["new"] + result.counts()["revised"]
    return preview_view(name, result), SHOWN if changes else HIDDEN, None


def _confirmed(ticked: object) -> set[str]:
    """The warnings ticked in the check's list(s), as the request carries them."""
    lists = ticked if isinstance(ticked, list) else []
    return {key for keys in lists if isinstance(keys, list) for key in keys if isinstance(key, str)}


def on_confirm(n_clicks: int | None, contents: object, file_name: object, ticked: object = None):
    """Store button → the file checked again and stored in one transaction with the warnings
    ticked, or why not (the warnings not ticked; a new check when they changed)."""
    if not n_clicks or contents is None:
        return no_update, no_update, no_update
    access, sites = _submitter()
    try:
        content, name = _file(contents, file_name)
        result = import_return(
            database(), content, name, access.actor, False, sites, _confirmed(ticked)
        )
    except ReturnRefused as exc:
        return refused_view(str(file_name), str(exc)), HIDDEN, no_update
    if result.errors:
        return errors_view(name, result.errors), HIDDEN, no_update
    if not result.stored:
        # Unticked warnings keep the list as it is; changed ones need a new list to tick.
        again = preview_view(name, result) if result.stale else no_update
        return unconfirmed_view(name, result), no_update, again
    stored_sites = sorted(set(result.plan["site"])) if not result.plan.empty else []
    current_app.logger.info("return stored by %s: %s (%s)", access.actor, name, result.checksum)
    return stored_view(name, result, stored_sites), HIDDEN, None


def update_history(site: object, _stored: object):
    """Site chosen or a return stored → the site's earlier revisions (for those who may
    submit for it: the history names who submitted)."""
    if not isinstance(site, str):
        return None
    require_write(site)
    history = revision_history(database(), site)
    return history_view(history, site)


#: "Confirm all" ticked → every warning's box ticked (unticked → none), in the browser: the
#: list can hold thousands of warnings, which need not travel to the server and back.
CONFIRM_ALL = """function(all, options) {
    return (all && all.length) ? (options || []).map(o => o.value) : [];
}"""


def register(app: Dash) -> None:
    app.callback(
        Output(ids.RETURNS_DOWNLOAD, "data"),
        Input(ids.RETURNS_TEMPLATE_CSV, "n_clicks"),
        Input(ids.RETURNS_TEMPLATE_XLSX, "n_clicks"),
        State(ids.RETURNS_SITE, "value"),
        State(ids.RETURNS_PERIODS, "value"),
        prevent_initial_call=True,
    )(on_template)
    app.callback(
        Output(ids.RETURNS_CHECK, "children"),
        Output(ids.RETURNS_CONFIRM, "style"),
        Output(ids.RETURNS_RESULT, "children"),
        Input(ids.RETURNS_UPLOAD, "contents"),
        State(ids.RETURNS_UPLOAD, "filename"),
        prevent_initial_call=True,
    )(update_check)
    app.callback(
        Output(ids.RETURNS_RESULT, "children", allow_duplicate=True),
        Output(ids.RETURNS_CONFIRM, "style", allow_duplicate=True),
        Output(ids.RETURNS_CHECK, "children", allow_duplicate=True),
        Input(ids.RETURNS_CONFIRM, "n_clicks"),
        State(ids.RETURNS_UPLOAD, "contents"),
        State(ids.RETURNS_UPLOAD, "filename"),
        State({"type": ids.RETURNS_WARNINGS, "index": ALL}, "value"),
        prevent_initial_call=True,
    )(on_confirm)
    app.clientside_callback(
        CONFIRM_ALL,
        Output({"type": ids.RETURNS_WARNINGS, "index": MATCH}, "value"),
        Input({"type": ids.RETURNS_CONFIRM_ALL, "index": MATCH}, "value"),
        State({"type": ids.RETURNS_WARNINGS, "index": MATCH}, "options"),
        prevent_initial_call=True,
    )
    app.callback(
        Output(ids.RETURNS_HISTORY, "children"),
        Input(ids.RETURNS_SITE, "value"),
        Input(ids.RETURNS_RESULT, "children"),
    )(update_history)
