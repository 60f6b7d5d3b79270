"""Where the benchmark's server keeps its data and cache, how that store is made ready (migrated,
seeded once, a bench account), how gunicorn serves it, and the cache warming before the load.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from benchmarks.common import ROOT

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/dre_bench_national"
REDIS_URL = "redis://127.0.0.1:6379/2"
SQLITE_FILE = ROOT / "instance" / "bench-national.sqlite3"
#: The folder of cached figures the workers share without Redis, emptied to start cold.
CACHE_FOLDER = ROOT / "instance" / "bench-cache"
#: The account the browser signs in with for the data pages (an administrator: /data/organisations
#: is theirs only); made in the benchmark's database, its password new on every run.
BENCH_EMAIL = "bench-browser@example.org"
#: The cache settings a server reads (dashboard/config.py): none left means each worker's own.
CACHE_SETTINGS = ("CACHE_REDIS_URL", "CACHE_DIR", "CACHE_TYPE")


def national_store(database: str) -> dict[str, str]:
    """The national benchmark's database and cache, as a server's environment.

    postgresql: its own database (BENCH_DATABASE_URL, made when missing) and one Redis shared by
    the workers (BENCH_REDIS_URL). sqlite: one file (BENCH_SQLITE_URL, default
    instance/bench-national.sqlite3) and a folder of cached figures the workers share, as
    `make run` serves it."""
    if database == "sqlite":
        SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
        return {"DATABASE_URL": os.environ.get("BENCH_SQLITE_URL", f"sqlite:///{SQLITE_FILE}")}
    from sqlalchemy import text

    from data_access.db import make_engine

    url = os.environ.get("BENCH_DATABASE_URL", PG_URL)
    server, name = url.rsplit("/", 1)
    admin = make_engine(server + "/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return {"DATABASE_URL": url, "CACHE_REDIS_URL": os.environ.get("BENCH_REDIS_URL", REDIS_URL)}


def server_env(scale: str, database: str) -> dict[str, str]:
    """The server's environment: an anonymous viewer may read (figures through disclosure
    control, as a projector in a national meeting shows them), plain HTTP on loopback. Without
    Redis, the workers share a folder of cached figures (as `make run`), the bench's own."""
    env = dict(os.environ, ALLOW_ANONYMOUS_VIEWERS="true", SESSION_COOKIE_SECURE="false")
    # The workers do not warm in the background (callbacks/warm.py), so that a cold request
    # stays cold and no thread works while others are timed: `warm_cache` warms the shared
    # cache at the point where the server would have (after an import), before the pages.
    env["WARM_CACHE"] = "false"
    if scale == "national":
        for name in CACHE_SETTINGS:
            env.pop(name, None)
        env.update(national_store(database))
    if not env.get("CACHE_REDIS_URL") and not env.get("CACHE_TYPE"):
        env["CACHE_DIR"] = str(CACHE_FOLDER)
    return env


def flask(venv_bin: Path, env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("capture_output", True)
    return subprocess.run(
        [venv_bin / "flask", "--app", "app", *args], cwd=ROOT, env=env, check=False, **kwargs
    )


def prepare(venv_bin: Path, env: dict, scale: str) -> float:
    """Migrate, and seed when empty (national: once, its progress on the terminal); seconds the
    seed took (a few when the data was there already)."""
    flask(venv_bin, env, "db-upgrade").check_returncode()
    start = time.perf_counter()
    flask(
        venv_bin, env, "seed-demo", "--if-empty", "--scale", scale, capture_output=scale == "demo"
    ).check_returncode()
    return time.perf_counter() - start


def bench_account(venv_bin: Path, env: dict) -> tuple[str, str]:
    """(email, password) of the bench's administrator: made once, a new password each run."""
    password = secrets.token_urlsafe(18)
    account_env = dict(env, DRE_NEW_PASSWORD=password)
    made = flask(venv_bin, account_env, "create-user", BENCH_EMAIL, "--role", "admin")
    if made.returncode != 0:
        if b"already an account" not in made.stderr:
            raise RuntimeError(made.stderr.decode()[-500:])
        flask(venv_bin, account_env, "set-password", BENCH_EMAIL).check_returncode()
    return BENCH_EMAIL, password


def warm_cache(venv_bin: Path, env: dict) -> float | None:
    """Seconds of `flask --app app warm-cache` (England's and each region's overview and
    briefing into the shared cache, as the server does after an import), run with the server's
    settings, so that no worker warms in the background while others are timed; None when
    not run: a cache in each worker (a command's process cannot fill their memory)."""
    if env.get("CACHE_TYPE") == "SimpleCache":
        return None
    start = time.perf_counter()
    flask(venv_bin, env, "warm-cache").check_returncode()
    return time.perf_counter() - start


def flush_cache(env: dict):
    """A function emptying the shared cache (Redis, or the bench's folder), or None for a
    cache in each worker."""
    if env.get("CACHE_REDIS_URL"):
        import redis

        return redis.Redis.from_url(env["CACHE_REDIS_URL"]).flushdb
    if env.get("CACHE_DIR"):
        folder = Path(env["CACHE_DIR"])
        return lambda: (shutil.rmtree(folder, ignore_errors=True), folder.mkdir(parents=True))
    return None


def serve(venv_bin: Path, env: dict, port: int, workers: int) -> subprocess.Popen:
    """gunicorn on `port`, once it answers."""
    bind = f"127.0.0.1:{port}"
    server = subprocess.Popen(
        [venv_bin / "gunicorn", "--workers", str(workers), "--bind", bind, "app:server"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    return server
