"""The read API against its own OpenAPI description, property-based (schemathesis): for
generated requests to every endpoint, no answer is a server error and every answer keeps to
the description (status, content type, fields and their types). The number of examples is
bounded so that `make test` stays quick; the note of issue 15 gives the figures.

Driven through Hypothesis directly: schemathesis' pytest plugin does not run on pytest 9."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from dashboard.api.spec import ROWS

#: Examples per endpoint in `make test` (schemathesis' default is 100).
EXAMPLES = 40


@pytest.mark.parametrize("endpoint", sorted(ROWS))
def test_every_answer_keeps_to_the_description(app, endpoint):
    # as a visitor when anonymous viewing is on: a viewer's rights, with disclosure control
    # (nulls where values are withheld), which is where a schema is most easily broken
    app.server.config["ALLOW_ANONYMOUS_VIEWERS"] = True
    app.server.extensions["dre_limiter"].enabled = False  # hundreds of requests a minute
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app.server)
    operation = schema[f"/api/v1/{endpoint}"]["GET"]
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
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
        statuses.append(response.status_code)

    check()
    assert statuses and all(s < 500 for s in statuses)
    if endpoint in ("values", "spc", "funnel", "disparities"):
        assert 400 in statuses  # generated codes that do not exist are refused in words
