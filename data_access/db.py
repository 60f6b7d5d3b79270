"""Engines and sessions: one engine and one session factory per app."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "instance" / "dre.sqlite3"


def normalise_url(url: str) -> str:
    """Return a SQLAlchemy URL that uses psycopg 3 for PostgreSQL.

    Hosting platforms hand out `postgres://` URLs, which SQLAlchemy no longer accepts, and a bare
    `postgresql://` would pick psycopg2, which we do not install.
    """
    url = url.strip()
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def database_url(environ: dict[str, str] | None = None) -> str:
    """The database URL from `DATABASE_URL`, or the embedded SQLite file under `instance/`."""
    env = os.environ if environ is None else environ
    url = env.get("DATABASE_URL", "").strip()
    return normalise_url(url) if url else f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _private_file(path: Path) -> None:
    """The SQLite file readable by its owner only (it holds password hashes and unrounded
    counts): made 0600 before SQLite opens it, and narrowed to 0600 if it was wider. SQLite
    gives its journal files the database file's permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    elif path.stat().st_mode & 0o077:
        path.chmod(0o600)


def make_engine(url: str, **kwargs) -> Engine:
    """An engine that enforces foreign keys on SQLite too: both databases refuse the same data."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and ":memory:" not in url:
            _private_file(Path(url.removeprefix("sqlite:///")))
        kwargs.setdefault("connect_args", {"check_same_thread": False})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def server_options(url: str, statement_timeout_ms: int) -> dict:
    """Engine options that keep a slow or absent PostgreSQL from holding a worker: a
    statement timeout and a connect timeout (SQLite needs none)."""
    if normalise_url(url).startswith("sqlite"):
        return {}
    return {
        "connect_args": {
            "options": f"-c statement_timeout={int(statement_timeout_ms)}",
            "connect_timeout": 5,
        }
    }


class Database:
    """The app's engine and session factory (`sessionmaker(expire_on_commit=False)`)."""

    def __init__(self, url: str, **engine_kwargs) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, **engine_kwargs)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        with self.sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
