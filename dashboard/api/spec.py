"""The OpenAPI 3.1 description of the read API, built from the parameters' declarations
(`dashboard.api.params`) and the rows' fields below, so that it cannot drift from what the
endpoints accept and answer. Tests hold the answers to it (schemathesis, `make test`)."""

from __future__ import annotations

from functools import cache

from dashboard.api.params import PARAMS

STR, INT, NUM, BOOL = ({"type": t} for t in ("string", "integer", "number", "boolean"))
N_STR, N_INT, N_NUM = ({"type": [t, "null"]} for t in ("string", "integer", "number"))
SIGNIFICANCE = {
    "type": ["string", "null"],
    "enum": ["high_998", "high_95", "similar", "low_95", "low_998", None],
}
STATUS = {"type": "string", "enum": ["ok", "withheld", "suppressed_at_source", "no_return"]}

ROWS: dict[str, dict[str, dict]] = {
    "characteristics": {"number": INT, "short_name": STR, "title": STR},
    "measures": {
        **{f: STR for f in ("code", "name", "kind", "unit", "polarity", "status")},
        **{f: STR for f in ("numerator_definition", "denominator_definition", "source")},
        "characteristic": INT,
        "multiplier": INT,
        "by_ethnicity": BOOL,
        "comparator": N_STR,
    },
    "areas": {
        "code": STR,
        "name": STR,
        "type": {"type": "string", "enum": ["england", "region", "organisation"]},
        **{f: N_STR for f in ("organisation_kind", "region", "rurality", "parent")},
    },
    "periods": {f: STR for f in ("code", "label", "start", "end", "granularity")},
    "groups": {
        **{"code": STR, "name": STR, "broad_group": N_STR, "dre_group": STR},
        "kind": {"type": "string", "enum": ["dre_group", "ethnic_category"]},
    },
    "values": {
        **{f: STR for f in ("area_code", "area_name", "area_type", "period", "group")},
        "group_name": STR,
        "numerator": N_INT,
        "denominator": N_INT,
        **{f: N_NUM for f in ("value", "lower_95", "upper_95", "lower_998", "upper_998")},
        "benchmark_value": N_NUM,
        "compared_to_benchmark": {
            "type": ["string", "null"],
            "enum": [*SIGNIFICANCE["enum"][:-1], "small_numbers", None],
        },
        "small_numbers": BOOL,
        "status": STATUS,
        "withheld_sites": INT,
    },
    "disparities": {
        **{f: STR for f in ("area_code", "area_name", "area_type", "period", "group")},
        "group_name": STR,
        **{f: STR for f in ("comparator", "ratio_kind", "verdict")},
        **{f: N_NUM for f in ("ratio", "lower_95", "upper_95")},
        "small_numbers": BOOL,
        "status": {"type": "string", "enum": ["ok", "withheld"]},
    },
    "spc": {
        "period": STR,
        **{f: N_NUM for f in ("value", "judged_value", "mean")},
        **{f: N_NUM for f in ("lower_process_limit", "upper_process_limit")},
        "point_type": N_STR,
        "status": STATUS,
    },
    "funnel": {
        "area_code": STR,
        "area_name": N_STR,
        "numerator": N_INT,
        "denominator": N_INT,
        **{f: N_NUM for f in ("value", "lower_95", "upper_95")},
        "significance": SIGNIFICANCE,
        "category": N_STR,
        "small_numbers": BOOL,
        "status": {"type": "string", "enum": ["ok", "withheld"]},
    },
}
SUMMARIES = {
    "characteristics": "The twelve DRE characteristics.",
    "measures": "The menu of measures: definitions, kind, unit, polarity, comparator.",
    "areas": "England, the regions and the organisations.",
    "periods": "The periods figures are kept for.",
    "groups": "The DRE groups and the NHS ethnic categories figures are given for.",
    "values": "Each area's value by period and group, with 95% and 99.8% intervals, England "
    "as benchmark and the funnel test's verdict. A withheld value is null, never 0.",
    "disparities": "BME, and each NHS ethnic category, against White British per area and "
    "period: the ratio, its 95% interval and the verdict in the pages' words.",
    "spc": "One area's XmR chart: values, mean, process limits, point types, icons.",
    "funnel": "Organisations on a funnel plot against England or a region, with its limits.",
}
#: Fields of each figures answer besides `data` (JSON only).
ABOUT = {
    "values": {"measure": STR, "pool": STR},
    "disparities": {"measure": STR, "pool": STR},
    "spc": {
        **{"measure": STR, "pool": STR, "area": STR, "group": STR},
        **{"variation": N_STR, "assurance": N_STR, "trial_limits": BOOL, "judged_on": STR},
    },
    "funnel": {
        **{"measure": STR, "pool": STR, "group": STR, "period": N_STR},
        **{"benchmark_area": STR, "benchmark_value": N_NUM, "overdispersion": BOOL},
        "periods_pooled": {"type": "array", "items": STR},
        "limits": {"type": "array", "items": {"type": "object"}},
    },
}
PAGING = {"limit": INT, "offset": INT, "next": N_STR}
PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": STR,
        "title": STR,
        "status": INT,
        "detail": STR,
        "invalid_params": {
            "type": "array",
            "items": {"type": "object", "properties": {"name": STR, "reason": STR}},
        },
    },
}


def _problem(description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


def _operation(name: str) -> dict:
    row = {
        "type": "object",
        "required": list(ROWS[name]),
        "properties": ROWS[name],
        "additionalProperties": False,
    }
    head = {"count": INT, "data_version": INT, **ABOUT.get(name, {})}
    if name in ("values", "disparities"):
        head |= PAGING
    body = {
        "type": "object",
        "required": ["count", "data"],
        "properties": {**head, "data": {"type": "array", "items": row}},
    }
    return {
        "get": {
            "operationId": name,
            "tags": ["Figures" if name in ABOUT else "Reference lists"],
            "summary": SUMMARIES[name],
            "parameters": [p.spec() for p in PARAMS[name]],
            # a token, a session, or nothing when the server lets visitors look
            "security": [{"bearer": []}, {"session": []}, {}],
            "responses": {
                "200": {
                    "description": "The rows (CSV with format=csv).",
                    "content": {
                        "application/json": {"schema": body},
                        "text/csv": {"schema": STR},
                    },
                },
                "304": {"description": "Not modified since the ETag in If-None-Match."},
                "400": _problem("A parameter that cannot be used: named, with what is allowed."),
                "401": _problem("No session and no valid token."),
                "403": _problem("Not allowed to read this."),
                "429": _problem("Too many requests: try again after Retry-After seconds."),
            },
        }
    }


@cache
def openapi() -> dict:
    """The OpenAPI 3.1 document (the same for everyone: it holds no figures)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "DRE Dashboard read API",
            "version": "1",
            "description": "Every figure the dashboard shows, as JSON or CSV, from the same "
            "code as the pages. Disclosure control applies as on the pages: a withheld value "
            "is null with status withheld, never 0.",
        },
        "servers": [{"url": "/"}],
        "paths": {f"/api/v1/{name}": _operation(name) for name in ROWS},
        "components": {
            "schemas": {"Problem": PROBLEM},
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
        },
    }
