"""The fixtures of the servers a test may need besides this process: a fresh PostgreSQL
database (empty, or migrated and seeded with the test accounts) and the Redis server. Each is
skipped when its server does not answer, and fails under CI (CI=true). A test using one must
carry its marker (`postgres`, `redis`): tests/conftest.py refuses to collect it otherwise."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from data_access.db import make_engine
from data_access.migrate import upgrade
from data_access.seed import seed_demo
from tests.conftest import _add_test_accounts

PG_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@contextmanager
def _postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database, dropped afterwards. When the server does not answer,
    the test fails under CI (CI=true) and is skipped elsewhere."""
    from sqlalchemy import text

    admin = make_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"dre_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at 127.0.0.1:5432 is required under CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test."""
    with _postgres_database() as url:
        yield url


@pytest.fixture(scope="module")
def seeded_postgres_url() -> Iterator[str]:
    """A PostgreSQL database migrated and seeded once for a module's tests, with the test
    accounts."""
    with _postgres_database() as url:
        engine = make_engine(url)
        upgrade(engine)
        seed_demo(engine)
        engine.dispose()
        _add_test_accounts(url)
        yield url


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_url() -> str:
    """The URL of the Redis server (database 15, for tests). When it does not answer, the test
    fails under CI (CI=true) and is skipped elsewhere."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} is required under CI: {exc}")
        pytest.skip(f"Redis not reachable: {exc}")
    return REDIS_URL
