"""The briefing's downloads: `GET /briefing/download.pdf` and `/briefing/download.html`, with
`month=YYYY-MM` and the selection's parameters in the query string.

They sit behind the sign-in gate like every page (dashboard.auth), and the figures come through
the loaders' disclosure control, so a file holds only what its reader may see on screen.
"""

from __future__ import annotations

import datetime as dt

from flask import Flask, Response, request

from dashboard.access import current_access
from dashboard.briefing.data import briefing_data
from dashboard.briefing.months import MonthRefused
from dashboard.loaders import load_catalogue
from dashboard.selection import Selection
from layouts.briefing.pdf import briefing_pdf
from layouts.briefing.render import briefing_html

MIMETYPES = {"pdf": "application/pdf", "html": "text/html"}


def render(kind: str, selection: Selection, month: str) -> tuple[bytes, str]:
    """The briefing file's bytes and its name, e.g. 'dre-briefing-2010-03.pdf'.
    MonthRefused when the month is not one or has no figures."""
    briefing = briefing_data(selection, load_catalogue(), month)
    produced = f" · produced {dt.date.today():%d %B %Y}"
    if kind == "pdf":
        content = briefing_pdf(briefing, produced)
    else:
        content = briefing_html(briefing, produced).encode("utf-8")
    return content, f"dre-briefing-{briefing.month}.{kind}"


def download(kind: str) -> Response:
    """The briefing of `?month=` for the query's selection, as an attachment; 400 in words
    for a bad month."""
    current_access()  # the gate has already asked; a download never runs for nobody
    selection = Selection.from_query(request.query_string.decode("utf-8", "replace"))
    month = request.args.get("month", "")
    try:
        content, name = render(kind, selection.validated(load_catalogue()), month)
    except MonthRefused as exc:
        return Response(str(exc), status=400, mimetype="text/plain")
    response = Response(content, mimetype=MIMETYPES[kind])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"  # figures as this person may see them
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def download_pdf() -> Response:
    """GET /briefing/download.pdf → the briefing as PDF."""
    return download("pdf")


def download_html() -> Response:
    """GET /briefing/download.html → the briefing as a standalone HTML document."""
    return download("html")


def init_app(server: Flask) -> None:
    server.add_url_rule("/briefing/download.pdf", "briefing_pdf", download_pdf)
    server.add_url_rule("/briefing/download.html", "briefing_html", download_html)
