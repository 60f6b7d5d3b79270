"""The shared cache on the real Redis of this machine, and the app without it."""

from __future__ import annotations

import logging

import pytest

from dashboard.factory import create_app
from dashboard.loaders import cache, load_catalogue
from tests.conftest import signed_in_request


def _app(url, db_url):
    return create_app(
        {
            "DATABASE_URL": db_url,
            "SECRET_KEY": "t",
            "CACHE_TYPE": "dashboard.resilient_cache.ResilientRedisCache",
            "CACHE_REDIS_URL": url,
            "CACHE_KEY_PREFIX": "dre-test-",
        }
    )


@pytest.fixture
def redis_app(redis_url, demo_db_url):
    app = _app(redis_url, demo_db_url)
    with app.server.app_context():
        cache.clear()
    return app


@pytest.mark.redis
def test_loaders_share_results_through_redis(redis_app, redis_url):
    import redis

    with signed_in_request(redis_app):
        first = load_catalogue()
        second = load_catalogue()
    assert second.organisations.equals(first.organisations)
    keys = redis.Redis.from_url(redis_url).keys("dre-test-*")
    assert keys  # stored in Redis, where every worker finds it


def test_without_redis_the_app_serves_from_the_database_and_says_so_once(demo_db_url, caplog):
    app = _app("redis://127.0.0.1:1/0", demo_db_url)  # nothing listens on port 1
    with (
        caplog.at_level(logging.WARNING, logger="dashboard.resilient_cache"),
        signed_in_request(app),
    ):
        for _ in range(3):
            catalogue = load_catalogue()
    assert len(catalogue.organisations) > 40
    warnings = [r for r in caplog.records if "Redis cache unavailable" in r.getMessage()]
    assert len(warnings) == 1
