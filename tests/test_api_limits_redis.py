"""The read API's rate limit counted in Redis when the cache is: every worker (here two apps,
as two gunicorn workers would be) counts the same requests of a client."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.redis


def _worker(redis_url: str, demo_db_url: str):
    from dashboard.factory import create_app

    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": demo_db_url,
            "SECRET_KEY": "test",
            "ALLOW_ANONYMOUS_VIEWERS": True,
            "CACHE_TYPE": "dashboard.resilient_cache.ResilientRedisCache",
            "CACHE_REDIS_URL": redis_url,
            "API_RATE_LIMIT": "4 per minute",
        }
    )


def test_two_workers_count_one_clients_requests_together(redis_url, demo_db_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    first = _worker(redis_url, demo_db_url).server.test_client()
    second = _worker(redis_url, demo_db_url).server.test_client()
    statuses = [c.get("/api/v1/groups").status_code for c in (first, second, first, second)]
    assert statuses == [200, 200, 200, 200]
    refused = second.get("/api/v1/groups")
    assert refused.status_code == 429 and "4 per 1 minute" in refused.get_json()["detail"]
    assert redis.Redis.from_url(redis_url).keys("LIMITS*")  # the count lives in Redis
