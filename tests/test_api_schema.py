"""The read API against its own OpenAPI description, property-based (schemathesis): for
generated requests to every endpoint, no answer is a server error and every answer keeps to
the description (status, content type, fields and their types). The number of examples is
bounded so that `make test` stays quick; the note of issue 15 gives the figures.

The description served says what a code looks like, not which codes exist (they are the
programme's data); here each code parameter also lists the demonstration data's codes, so
that the generated requests reach the figures rather than stop at "no such measure".
Driven through Hypothesis directly: schemathesis' pytest plugin does not run on pytest 9."""

from __future__ import annotations

import copy

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from dashboard.api.spec import ROWS, openapi

#: Examples per endpoint in `make test` (schemathesis' default is 100).
EXAMPLES = 60
#: A few codes that do not exist, so that refusals are generated too.
STRANGERS = ["NOPE", "M99Z", "ZZ"]


def _with_codes(spec: dict, codes: dict[str, list[str]]) -> dict:
    """The description with the demonstration data's codes (and some strangers) as each code
    parameter's choices."""
    spec = copy.deepcopy(spec)
    for path in spec["paths"].values():
        for param in path["get"]["parameters"]:
            if param["name"] in codes:
                param["schema"] = {"type": "string", "enum": codes[param["name"]] + STRANGERS}
    return spec


@pytest.fixture
def api_schema(app, catalogue):
    # as a visitor when anonymous viewing is on: a viewer's rights, with disclosure control
    # (nulls where values are withheld), which is where a schema is most easily broken
    app.server.config["ALLOW_ANONYMOUS_VIEWERS"] = True
    app.server.extensions["dre_limiter"].enabled = False  # hundreds of requests a minute
    areas = ["E92000001", *catalogue.regions["code"], *catalogue.organisations["code"][:12]]
    codes = {
        "measure": list(catalogue.measures["code"]),
        "area": [*areas, "LDN,SLAM,OXLEAS", "E92000001,SW"],
        "region": list(catalogue.regions["code"]),
        "period": [*catalogue.period_codes, "latest"],
    }
    schema = schemathesis.openapi.from_dict(_with_codes(openapi(), codes))
    schema.app = app.server
    return schema


@pytest.mark.parametrize("endpoint", sorted(ROWS))
def test_every_answer_keeps_to_the_description(api_schema, endpoint):
    operation = api_schema[f"/api/v1/{endpoint}"]["GET"]
    statuses: list[int] = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        # uncompressed: schemathesis' WSGI client does not undo gzip (tested on its own)
        case.headers = {**(case.headers or {}), "Accept-Encoding": "identity"}
        # a code that does not exist is refused (400) by design, not accepted
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
        statuses.append(response.status_code)

    check()
    counts = {s: statuses.count(s) for s in sorted(set(statuses))}
    print(f"\n{endpoint}: {len(statuses)} requests, statuses {counts}")  # the note's figures
    assert statuses and all(s < 500 for s in statuses)
    if endpoint in ("values", "spc", "funnel", "disparities"):
        assert 200 in statuses and 400 in statuses  # figures, and refusals in words
