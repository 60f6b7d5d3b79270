"""Configuration, in one place: defaults, then the environment, then a test's overrides."""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from typing import Any

from data_access.db import database_url

log = logging.getLogger(__name__)


def _flag(value: str | None, default: bool) -> bool:
    if value is None or not value.strip():
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def load_config(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Settings from the environment. Secrets never have a default in the repository."""
    env = os.environ if environ is None else environ
    secret = env.get("SECRET_KEY")
    if not secret:
        log.warning("SECRET_KEY is not set: using a random key (sessions end when workers restart)")
        secret = secrets.token_hex(32)
    config: dict[str, Any] = {
        "DATABASE_URL": database_url(env),
        "SECRET_KEY": secret,
        "CACHE_DEFAULT_TIMEOUT": int(env.get("CACHE_DEFAULT_TIMEOUT", "600")),
        "SMALL_NUMBER_THRESHOLD": int(env.get("SMALL_NUMBER_THRESHOLD", "10")),
        # A query slower than this is stopped (PostgreSQL), so no worker hangs on it.
        "STATEMENT_TIMEOUT_MS": int(env.get("STATEMENT_TIMEOUT_MS", "30000")),
        # Off by default: without an account nobody sees anything but the sign-in page.
        "ALLOW_ANONYMOUS_VIEWERS": _flag(env.get("ALLOW_ANONYMOUS_VIEWERS"), default=False),
        # Secure cookies need HTTPS; set false only for plain-HTTP development.
        "SESSION_COOKIE_SECURE": _flag(env.get("SESSION_COOKIE_SECURE"), default=True),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # A working day; then sign in again.
        "PERMANENT_SESSION_LIFETIME": dt.timedelta(hours=int(env.get("SESSION_HOURS", "8"))),
    }
    if env.get("CACHE_REDIS_URL"):
        config.update(
            CACHE_TYPE="dashboard.resilient_cache.ResilientRedisCache",
            CACHE_REDIS_URL=env["CACHE_REDIS_URL"],
        )
    elif env.get("CACHE_DIR"):
        config.update(CACHE_TYPE="FileSystemCache", CACHE_DIR=env["CACHE_DIR"])
    else:
        config.update(CACHE_TYPE=env.get("CACHE_TYPE", "SimpleCache"))
    return config
