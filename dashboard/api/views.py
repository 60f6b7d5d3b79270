"""The read API's endpoints under /api/v1/: every figure the pages show, as JSON or CSV.

Each answer is for whoever asks (a session or a bearer token, `dashboard.access`), through the
loaders the pages use, so disclosure control applies to every row a role without record-level
rights receives. Answers carry an ETag made of the data version, the reader's rights and the
request, and a repeated request with that ETag in If-None-Match is answered 304 without any
work; figures are memoised by the same key. A page holds at most 10,000 rows and links the
next.
"""

from __future__ import annotations

import hashlib
import io
import json
from urllib.parse import urlencode

import pandas as pd
from flask import Blueprint, Response, current_app, request

from dashboard.access import current_access
from dashboard.api import figures, reference
from dashboard.api.areas import ENGLAND, all_areas
from dashboard.api.params import MAX_LIMIT, BadParameter, read_params
from dashboard.api.spec import openapi
from dashboard.exports import csv_safe
from dashboard.loaders import cache, data_version, load_catalogue
from dashboard.periods import parse as parse_period
from dashboard.problems import problem

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
LISTS = ("characteristics", "measures", "areas", "periods", "groups")
PAGED = ("values", "disparities")


def _reader_key() -> tuple[str, str | None, str | None]:
    """What a reader's figures depend on: their role and the site or region it is bound to."""
    return current_access().rights


def _etag(endpoint: str) -> str:
    key = (data_version(), _reader_key(), endpoint, sorted(request.args.items(multi=True)))
    return hashlib.sha256(repr(key).encode()).hexdigest()[:32]


@cache.memoize()
def _figures(version: int, reader: tuple, endpoint: str, items: tuple) -> tuple:
    """(rows, about) of a figures endpoint: memoised by data version and reader, so a repeated
    request costs a cache read."""
    params = read_params(endpoint, {k: [v] for k, v in items})
    # a period of another granularity than the default series (a financial year beside
    # quarterly returns) is read in its own series
    asked = parse_period(params["period"]) if isinstance(params.get("period"), str) else None
    catalogue = load_catalogue(asked.granularity if asked else None)
    threshold = current_app.config["SMALL_NUMBER_THRESHOLD"]
    if endpoint == "characteristics":
        return reference.characteristics(catalogue), {}
    if endpoint == "measures":
        return reference.measures(catalogue), {}
    if endpoint == "areas":
        return reference.areas(catalogue, params), {}
    if endpoint == "periods":
        return reference.periods(catalogue), {}
    if endpoint == "groups":
        return reference.groups(), {}
    req = reference.figures_request(catalogue, params, threshold)
    about = {"measure": str(req.measure["code"]), "pool": req.pooling}
    if endpoint == "values":
        return figures.values(req, catalogue), about
    if endpoint == "disparities":
        return figures.disparities(req, catalogue), about
    group = reference.lead_group(req.measure, params)
    req = figures.Request(req.measure, req.areas, req.periods, (group,), req.pooling, threshold)
    if endpoint == "spc":
        rows, more = figures.spc(req, catalogue)
        return rows, about | {"area": req.areas[0].code, "group": group} | more
    if params.get("area_type", "organisation") != "organisation":
        raise BadParameter("area_type", "a funnel compares organisations: organisation")
    req = figures.Request(
        req.measure,
        [a for a in req.areas if a.type == "organisation"],
        req.periods[-1:],  # the latest period unless `period` names one
        (group,),
        req.pooling,
        threshold,
    )
    benchmark = _benchmark(catalogue, params)
    rows, more = figures.funnel(req, catalogue, benchmark, bool(params.get("overdispersion")))
    return rows, about | {"group": group, "period": req.periods[-1] if req.periods else None} | more


def _benchmark(catalogue, params: dict):
    areas = {a.code: a for a in all_areas(catalogue)}
    if params.get("benchmark") == "region":
        if "region" not in params:
            raise BadParameter("benchmark", "region needs `region`, the region's code")
        return areas[str(params["region"])]
    return areas[ENGLAND]


def _json_rows(rows: pd.DataFrame) -> str:
    return rows.to_json(orient="records", double_precision=10, force_ascii=False)


def _answer(endpoint: str, rows: pd.DataFrame, about: dict, etag: str) -> Response:
    args = request.args.to_dict()
    total = len(rows)
    next_link = None
    if endpoint in PAGED:
        limit, offset = int(args.get("limit", MAX_LIMIT)), int(args.get("offset", 0))
        rows = rows.iloc[offset : offset + limit]
        if offset + limit < total:
            following = args | {"offset": str(offset + limit), "limit": str(limit)}
            next_link = f"{request.path}?{urlencode(sorted(following.items()))}"
    if args.get("format") == "csv":
        buffer = io.StringIO()
        csv_safe(rows).to_csv(buffer, index=False)
        response = Response(buffer.getvalue(), mimetype="text/csv")
        response.headers["Content-Disposition"] = f'inline; filename="dre-{endpoint}.csv"'
        if next_link:
            response.headers["Link"] = f'<{next_link}>; rel="next"'
    else:
        head = {"count": total, "data_version": data_version()} | about
        if endpoint in PAGED:
            head |= {"limit": int(args.get("limit", MAX_LIMIT))}
            head |= {"offset": int(args.get("offset", 0)), "next": next_link}
        body = json.dumps(head, default=str)[:-1] + ', "data": ' + _json_rows(rows) + "}"
        response = Response(body, mimetype="application/json")
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Vary"] = "Authorization, Cookie"
    return response


def _endpoint(endpoint: str) -> Response:
    current_access()  # Unauthorized (401) before anything is read for nobody
    try:
        params = read_params(endpoint, request.args.to_dict(flat=False))
    except BadParameter as exc:
        return _bad(exc)
    etag = _etag(endpoint)
    if request.if_none_match.contains(etag):
        response = Response(status=304)
        response.set_etag(etag)
        return response
    items = tuple(sorted((k, str(v)) for k, v in request.args.items()))
    try:
        rows, about = _figures(data_version(), _reader_key(), endpoint, items)
    except BadParameter as exc:
        return _bad(exc)
    del params
    return _answer(endpoint, rows, about, etag)


def _bad(exc: BadParameter) -> Response:
    return problem(
        400,
        f"{exc.name}: {exc.reason}.",
        invalid_params=[{"name": exc.name, "reason": exc.reason}],
    )


def _route(endpoint: str):
    def view() -> Response:
        return _endpoint(endpoint)

    view.__name__ = endpoint
    blueprint.add_url_rule(f"/{endpoint}", endpoint, view, methods=["GET"])


for _name in (*LISTS, "values", "disparities", "spc", "funnel"):
    _route(_name)


@blueprint.get("/openapi.json")
def openapi_json() -> Response:
    """The OpenAPI 3.1 description of every endpoint (public: it holds no figures)."""
    return Response(json.dumps(openapi()), mimetype="application/json")
