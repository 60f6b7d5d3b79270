"""Caches that a fault outside the app cannot take the dashboard down with.

Redis: when it stops answering, every read is a miss and every write is skipped, so the app
keeps serving from the database (more slowly); the outage is logged once, and its end once.
The connection gives up after a short timeout so that a dead Redis costs a request little.

The folder of cached figures (`make run`): a FileSystemCache makes its folder once, when the
app starts, and after the folder is deleted (emptying the cache by hand, a clean-up of old
files) it could write nothing more until a restart: every figure worked out again on every
request. This one makes the folder again before it writes.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any

from flask import Flask
from flask_caching.backends.filesystemcache import FileSystemCache
from flask_caching.backends.rediscache import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

#: Seconds to wait for Redis before treating it as down.
SOCKET_TIMEOUT = 0.5


class ResilientRedisCache(RedisCache):
    """RedisCache whose failures are cache misses (CACHE_TYPE
    "dashboard.resilient_cache.ResilientRedisCache")."""

    _lock = threading.Lock()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.down = False

    @classmethod
    def factory(cls, app: Flask, config: dict[str, Any], args: list, kwargs: dict):
        options = dict(config.get("CACHE_OPTIONS") or {})
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        config["CACHE_OPTIONS"] = options
        return super().factory(app, config, args, kwargs)

    def _failed(self, error: Exception) -> None:
        with self._lock:
            if not self.down:
                self.down = True
                log.warning("Redis cache unavailable, serving from the database: %s", error)

    def _answered(self) -> None:
        if self.down:
            with self._lock:
                if self.down:
                    self.down = False
                    log.warning("Redis cache available again")

    def _call(self, name: str, default: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except RedisError as error:
            self._failed(error)
            return default
        self._answered()
        return result

    def get(self, key: str) -> Any:
        return self._call("get", None, key)

    def get_many(self, *keys: str) -> list[Any]:
        return self._call("get_many", [None] * len(keys), *keys)

    def set(self, key: str, value: Any, timeout: int | None = None) -> Any:
        return self._call("set", False, key, value, timeout)

    def add(self, key: str, value: Any, timeout: int | None = None) -> Any:
        return self._call("add", False, key, value, timeout)

    def set_many(self, mapping: dict[str, Any], timeout: int | None = None) -> Any:
        return self._call("set_many", [], mapping, timeout)

    def delete(self, key: str) -> Any:
        return self._call("delete", False, key)

    def delete_many(self, *keys: str) -> Any:
        return self._call("delete_many", [], *keys)

    def has(self, key: str) -> Any:
        return self._call("has", False, key)

    def clear(self) -> Any:
        return self._call("clear", False)

    def inc(self, key: str, delta: int = 1) -> Any:
        return self._call("inc", None, key, delta)

    def dec(self, key: str, delta: int = 1) -> Any:
        return self._call("dec", None, key, delta)


class FolderCache(FileSystemCache):
    """FileSystemCache that makes its folder again when it is gone (CACHE_TYPE
    "dashboard.resilient_cache.FolderCache")."""

    def set(self, key: str, value: Any, timeout: int | None = None, mgmt_element: bool = False):
        if not os.path.isdir(self._path):
            try:
                os.makedirs(self._path, exist_ok=True)
            except OSError as error:  # cannot be made: a miss, as a failed write is
                log.warning("Cache folder %s cannot be made: %s", self._path, error)
                return False
        return super().set(key, value, timeout, mgmt_element)
