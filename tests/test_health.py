"""Health checks a load balancer can ask without an account."""

from __future__ import annotations

from dashboard.factory import create_app


def test_healthz_and_readyz_answer_without_a_session(anonymous_client):
    assert anonymous_client.get("/healthz").get_json() == {"status": "ok"}
    assert anonymous_client.get("/readyz").get_json() == {"status": "ok"}


def test_readyz_is_not_ready_without_a_database_or_before_the_migrations(tmp_path):
    empty = create_app(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "SECRET_KEY": "t"}
    )
    response = empty.server.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["reason"] == "schema not at the latest migration"
    closed = create_app(
        {"DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none", "SECRET_KEY": "t"}
    )
    response = closed.server.test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["reason"] == "database unreachable"
    assert closed.server.test_client().get("/healthz").status_code == 200
