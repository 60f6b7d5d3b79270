"""Configuration, in one place: defaults, then the environment, then a test's overrides."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import secrets
from pathlib import Path
from typing import Any

from data_access.db import PROJECT_ROOT, database_url

log = logging.getLogger(__name__)


def _flag(value: str | None, default: bool) -> bool:
    if value is None or not value.strip():
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


SECRET_FILE = PROJECT_ROOT / "instance" / "secret_key"


def code_version() -> str:
    """A digest of the app's own code: cached figures are keyed by it as well as by the data
    version, so that after a release no worker serves what older code drew (a cached figure
    lives a day)."""
    digest = hashlib.blake2b(digest_size=6)
    for package in ("dashboard", "callbacks", "layouts", "data_access"):
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _cache_key(env) -> str:
    """'dre-<code>-<store>-': cached figures are keyed by the code and by the database (one
    machine's folder, or one Redis, may serve two stores at the same data version number)."""
    store = hashlib.blake2b(database_url(env).encode(), digest_size=4).hexdigest()
    return f"dre-{code_version()}-{store}-"


def _machine_secret() -> str:
    """Without SECRET_KEY: a random key kept in instance/secret_key (readable by its owner
    only), made once and shared by every worker on this machine, so that a sign-in made by
    one worker is honoured by the next. Several servers must share SECRET_KEY instead."""
    if not SECRET_FILE.exists():
        log.warning("SECRET_KEY is not set: making one in %s (this machine only)", SECRET_FILE)
        SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
        draft = SECRET_FILE.with_name(f".secret_key.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
        try:
            os.link(draft, SECRET_FILE)  # atomic: the first worker's key wins
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return SECRET_FILE.read_text().strip()


def load_config(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """Settings from the environment. Secrets never have a default in the repository."""
    env = os.environ if environ is None else environ
    secret = env.get("SECRET_KEY") or _machine_secret()
    config: dict[str, Any] = {
        "DATABASE_URL": database_url(env),
        "SECRET_KEY": secret,
        # Every cached figure is keyed by the data version, so it is never stale: a day.
        "CACHE_DEFAULT_TIMEOUT": int(env.get("CACHE_DEFAULT_TIMEOUT", "86400")),
        # and by the database: one machine's folder (or one Redis) may serve two stores whose
        # data versions are the same number (`make run` and `make run DATA=mha-annual`)
        "CACHE_KEY_PREFIX": _cache_key(env),
        "SMALL_NUMBER_THRESHOLD": int(env.get("SMALL_NUMBER_THRESHOLD", "10")),
        # A query slower than this is stopped (PostgreSQL), so no worker hangs on it.
        "STATEMENT_TIMEOUT_MS": int(env.get("STATEMENT_TIMEOUT_MS", "30000")),
        # A callback slower than this is logged by name as a warning.
        "SLOW_CALLBACK_MS": int(env.get("SLOW_CALLBACK_MS", "1000")),
        # Off by default: without an account nobody sees anything but the sign-in page.
        "ALLOW_ANONYMOUS_VIEWERS": _flag(env.get("ALLOW_ANONYMOUS_VIEWERS"), default=False),
        # Secure cookies need HTTPS; set false only for plain-HTTP development.
        "SESSION_COOKIE_SECURE": _flag(env.get("SESSION_COOKIE_SECURE"), default=True),
        "SESSION_COOKIE_HTTPONLY": True,
        # No request body larger than an upload needs (a 5 MB file, base64, in JSON).
        "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # A working day idle; then sign in again.
        "PERMANENT_SESSION_LIFETIME": dt.timedelta(hours=int(env.get("SESSION_HOURS", "8"))),
        # However busy: a session signed in longer ago than this ends.
        "SESSION_MAX_HOURS": int(env.get("SESSION_MAX_HOURS", "12")),
        # The read API's requests per token (or address, without one), in Flask-Limiter's
        # words; answered 429 with Retry-After beyond it.
        "API_RATE_LIMIT": env.get("API_RATE_LIMIT", "600 per minute"),
        # How many of the latest ended quarters a site may return (dashboard/periods.py): the
        # one that just ended and, for a late return, the one before.
        "RETURN_QUARTERS_OPEN": int(env.get("RETURN_QUARTERS_OPEN", "2")),
        # Work out the overview for England and each region in the background after every
        # import (callbacks/warm.py), so that nobody waits for a cold cache.
        "WARM_CACHE": _flag(env.get("WARM_CACHE"), default=True),
    }
    if env.get("CACHE_REDIS_URL"):
        config.update(
            CACHE_TYPE="dashboard.resilient_cache.ResilientRedisCache",
            CACHE_REDIS_URL=env["CACHE_REDIS_URL"],
        )
    elif env.get("CACHE_TYPE"):
        config.update(CACHE_TYPE=env["CACHE_TYPE"])
    else:
        # One machine's workers share a folder of cached figures: each view is worked out
        # once, not once in each worker, and the cache warmed after an import is everyone's.
        # A FileSystemCache has no key prefix: the code's and the store's key name its folder.
        folder = Path(env.get("CACHE_DIR") or PROJECT_ROOT / "instance" / "cache")
        folder = str(folder / _cache_key(env).strip("-"))
        config.update(
            CACHE_TYPE="dashboard.resilient_cache.FolderCache",
            CACHE_DIR=folder,
            CACHE_THRESHOLD=20_000,
        )
    return config
