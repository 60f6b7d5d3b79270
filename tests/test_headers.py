"""Security headers (issue 14): a signed-in admin page with its Agree/Retire buttons could be
framed by another page; nothing said which scripts may run."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/", "/data/measures", "/login", "/_dash-layout", "/healthz"])
def test_every_response_forbids_framing_and_sniffing(client, path):
    response = client.get(path)
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_scripts_are_the_apps_own_and_dashs_inline_scripts_by_hash(app, client):
    policy = dict(
        part.strip().split(" ", 1)
        for part in client.get("/").headers["Content-Security-Policy"].split(";")
    )
    scripts = policy["script-src"].split()
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert scripts[0] == "'self'"
    assert sorted(scripts[1:]) == sorted(app.csp_hashes())
    assert len(scripts) > 1  # the renderer's start and the clientside callbacks


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    secure = client.get("/healthz", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")
