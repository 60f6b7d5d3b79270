"""The read API's manners through the Flask test client: refusals as problem documents that
name the parameter, 404 for unknown paths, ETags and 304, pages with a `next` link, gzip,
rate limits, and the documentation page served from here."""

from __future__ import annotations

import pytest

from tests.api_helpers import get_json as _get
from tests.conftest import ADMIN, VIEWER, client_as


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/values", "measure"),
        ("/api/v1/values?measure=NOPE", "measure"),
        ("/api/v1/values?measure=M04A&area=NOWHERE", "area"),
        ("/api/v1/values?measure=M04A&area_type=planet", "area_type"),
        ("/api/v1/values?measure=M04A&period=1999Q1", "period"),
        ("/api/v1/values?measure=M04A&pool=decade", "pool"),
        ("/api/v1/values?measure=M04A&group=martians", "group"),
        ("/api/v1/values?measure=M04A&limit=0", "limit"),
        ("/api/v1/values?measure=M04A&limit=10001", "limit"),
        ("/api/v1/values?measure=M04A&offset=-1", "offset"),
        ("/api/v1/values?measure=M04A&measure=M04B", "measure"),
        ("/api/v1/values?measure=M04A&colour=red", "colour"),
        ("/api/v1/values?measure=M04A&region=XX", "region"),
        ("/api/v1/values?measure=M04A&pool=year&period=2005Q3", "period"),
        ("/api/v1/spc?measure=M04A", "area"),
        ("/api/v1/spc?measure=M04A&area=LDN,SLAM", "area"),
        ("/api/v1/funnel?measure=M04A&area_type=region", "area_type"),
        ("/api/v1/funnel?measure=M04A&benchmark=region", "benchmark"),
        ("/api/v1/funnel?measure=M04A&overdispersion=maybe", "overdispersion"),
        ("/api/v1/measures?format=xml", "format"),
    ],
)
def test_a_bad_request_is_a_problem_naming_the_parameter(client, url, name):
    response = client.get(url)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == 400 and problem["title"] == "Bad Request"
    assert problem["invalid_params"][0]["name"] == name
    assert problem["detail"].startswith(f"{name}: ")


def test_an_unknown_endpoint_is_a_404_problem_not_a_page(client):
    response = client.get("/api/v1/everything")
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
    assert "openapi.json" in response.get_json()["detail"]


def test_an_unchanged_answer_is_304_until_the_data_change(writable_app):
    from data_access import summary

    client = client_as(writable_app, ADMIN)
    url = "/api/v1/values?measure=M04A&area=LDN&period=latest"
    first = client.get(url)
    etag = first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.get_data()
    assert client.get(url + "&group=bme").headers["ETag"] != etag  # another question
    assert client_as(writable_app, VIEWER).get(url).headers["ETag"] != etag  # other rights
    with writable_app.server.extensions["dre_db"].session() as session:
        summary.bump_version(session)  # what a stored return or a menu change does
    moved = client.get(url, headers={"If-None-Match": etag})
    assert moved.status_code == 200 and moved.headers["ETag"] != etag


def test_pages_of_rows_link_to_the_next(client):
    url = "/api/v1/values?measure=M04A&area_type=organisation&period=latest"
    whole = _get(client, url)["data"]
    first = _get(client, url + "&limit=7")
    assert first["count"] == len(whole) and len(first["data"]) == 7
    rest = [*first["data"]]
    link = first["next"]
    while link:
        page = _get(client, link)
        rest += page["data"]
        link = page["next"]
    assert rest == whole


def test_gzip_when_asked(client):
    url = "/api/v1/values?measure=M04A&area_type=organisation"
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"


def test_too_many_requests_are_429_with_retry_after(demo_db_url):
    from dashboard.factory import create_app

    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": demo_db_url,
            "SECRET_KEY": "test",
            "ALLOW_ANONYMOUS_VIEWERS": True,
            "API_RATE_LIMIT": "3 per minute",
        }
    )
    client = app.server.test_client()
    statuses = [client.get("/api/v1/groups").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/groups")
    assert refused.mimetype == "application/problem+json"
    assert int(refused.headers["Retry-After"]) > 0
    assert "3 per 1 minute" in refused.get_json()["detail"]
    assert client.get("/api/v1/openapi.json").status_code == 200  # the description is free


def test_the_docs_page_is_served_from_here(client):
    page = client.get("/api/docs")
    assert page.status_code == 200 and "/api/docs/swagger-ui-bundle.js" in page.get_data(
        as_text=True
    )
    assert "cdn" not in page.get_data(as_text=True).lower()
    assert client.get("/api/docs/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/docs/start.js").status_code == 200
    assert client.get("/api/docs/..%2Fapp.py").status_code == 404
