"""The read API's query parameters, declared once: the declarations check each request at the
edge (anything else answers 400, naming the parameter and what is allowed) and describe
the parameters in the OpenAPI document (`dashboard.api.spec`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from dashboard.api.areas import AREA_TYPES
from dashboard.selection import POOLING_WINDOWS

#: A code: an area, a measure, a group, or a period (2023/24 is a financial year).
CODE = re.compile(r"^[A-Za-z0-9_/-]{1,16}$")
#: The most rows one page of an answer holds; a `next` link leads to the rest.
MAX_LIMIT = 10_000
MAX_CODES = 500
GROUP_CODES = ("all", "bme", "white_british", "not_stated")


class BadParameter(Exception):
    """A parameter the API cannot use: its name and what is allowed, in words."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    schema: dict = field(default_factory=lambda: {"type": "string"})
    required: bool = False
    many: bool = False  # a comma-separated list of codes

    def spec(self) -> dict[str, object]:
        schema = self.schema
        if self.many:
            schema = {
                "type": "string",
                "pattern": r"^[A-Za-z0-9_/-]{1,16}(,[A-Za-z0-9_/-]{1,16})*$",
            }
        return {
            "name": self.name,
            "in": "query",
            "required": self.required,
            "description": self.description,
            "schema": schema,
        }

    def read(self, raw: str) -> object:
        """The parameter's value from its text, or BadParameter."""
        kind = self.schema.get("type")
        if self.many:
            codes = [c.strip() for c in raw.split(",")]
            bad = [c for c in codes if not CODE.match(c)]
            if bad or not codes:
                raise BadParameter(self.name, "a comma-separated list of codes (letters, digits)")
            if len(codes) > MAX_CODES:
                raise BadParameter(self.name, f"at most {MAX_CODES} codes at once")
            return tuple(dict.fromkeys(codes))
        if "enum" in self.schema:
            if raw not in self.schema["enum"]:
                allowed = ", ".join(self.schema["enum"])
                raise BadParameter(self.name, f"{raw[:40]!r} is not one of {allowed}")
            return raw
        if kind == "integer":
            low, high = self.schema["minimum"], self.schema["maximum"]
            if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
                raise BadParameter(self.name, f"a whole number from {low} to {high:,}")
            return int(raw)
        if kind == "boolean":
            if raw not in ("true", "false"):
                raise BadParameter(self.name, "true or false")
            return raw == "true"
        if not CODE.match(raw):
            raise BadParameter(self.name, "a code of letters, digits, '-', '_' or '/' (at most 16)")
        return raw


FORMAT = Param(
    "format",
    "json (the default) or csv (UTF-8, a header row, formula-like cells neutralised).",
    {"type": "string", "enum": ["json", "csv"]},
)
LIMIT = Param(
    "limit",
    f"Rows in one page of the answer (at most {MAX_LIMIT:,}, the default).",
    {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
)
OFFSET = Param(
    "offset",
    "Rows to skip: the `next` link sets it.",
    {"type": "integer", "minimum": 0, "maximum": 100_000_000},
)
MEASURE = Param("measure", "The measure's code (see /api/v1/measures), e.g. M04A.", required=True)
AREA = Param("area", "Area codes (see /api/v1/areas), comma-separated.", many=True)
AREA_TYPE = Param(
    "area_type", "Only areas of this type.", {"type": "string", "enum": list(AREA_TYPES)}
)
REGION = Param("region", "Only this region and the organisations in it (a region's code).")
PERIOD = Param(
    "period",
    "One period's code (see /api/v1/periods) or `latest`; every period when absent.",
)
GROUP = Param(
    "group",
    "Groups, comma-separated: DRE groups (all, bme, white_british, not_stated: the default) "
    "and NHS ethnic categories (A to S, Z; see /api/v1/groups).",
    many=True,
)
ONE_GROUP = Param(
    "group",
    "One DRE group: all, bme, white_british or not_stated (default: bme for a measure kept by "
    "ethnicity, else all).",
    {"type": "string", "enum": list(GROUP_CODES)},
)
POOL = Param(
    "pool",
    "Pooling: quarter (each quarter's own value, the default), year (rolling year: each value "
    "adds up the four quarters ending at its period) or 3years.",
    {"type": "string", "enum": list(POOLING_WINDOWS)},
)
ONE_AREA = Param("area", "One area's code (see /api/v1/areas).", required=True)
BENCHMARK = Param(
    "benchmark",
    "england (the default) or region: the funnel's benchmark (region needs `region`).",
    {"type": "string", "enum": ["england", "region"]},
)
OVERDISPERSION = Param(
    "overdispersion",
    "true: limits widened by the variance between sites (Spiegelhalter 2005), for measures "
    "whose sites differ by more than chance.",
    {"type": "boolean"},
)

#: Each endpoint's parameters.
PARAMS: dict[str, tuple[Param, ...]] = {
    "characteristics": (FORMAT,),
    "measures": (FORMAT,),
    "areas": (AREA_TYPE, REGION, FORMAT),
    "periods": (FORMAT,),
    "groups": (FORMAT,),
    "values": (MEASURE, AREA, AREA_TYPE, REGION, PERIOD, GROUP, POOL, LIMIT, OFFSET, FORMAT),
    "disparities": (MEASURE, AREA, AREA_TYPE, REGION, PERIOD, POOL, LIMIT, OFFSET, FORMAT),
    "spc": (MEASURE, ONE_AREA, ONE_GROUP, POOL, FORMAT),
    "funnel": (
        *(MEASURE, AREA_TYPE, REGION, PERIOD, ONE_GROUP, POOL, BENCHMARK, OVERDISPERSION, FORMAT),
    ),
}


def read_params(endpoint: str, args: Mapping[str, list[str]]) -> dict[str, object]:
    """The request's parameters for `endpoint`, each checked; BadParameter for an unknown
    parameter, a missing required one, one given twice, or a value not allowed."""
    declared = {p.name: p for p in PARAMS[endpoint]}
    for name in args:
        if name not in declared:
            allowed = ", ".join(declared) or "none"
            raise BadParameter(
                name[:40], f"not a parameter of {endpoint} (its parameters: {allowed})"
            )
    out: dict[str, object] = {}
    for name, param in declared.items():
        given = args.get(name, [])
        if len(given) > 1:
            raise BadParameter(name, "given more than once")
        if not given or given[0] == "":
            if param.required:
                raise BadParameter(name, "required")
            continue
        out[name] = param.read(given[0].strip())
    return out
