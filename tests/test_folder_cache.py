"""The folder of cached figures that `make run`'s workers share: deleting the folder while the
app runs (emptying the cache by hand, a clean-up of old files) must not leave the app unable
to cache anything until it is restarted, every figure worked out again on every request."""

from __future__ import annotations

import os
import shutil

from dashboard import config
from dashboard.factory import create_app


def _app(url: str, folder, **override) -> object:
    settings = config.load_config({"DATABASE_URL": url, "CACHE_DIR": str(folder)})
    assert settings["CACHE_TYPE"] == "dashboard.resilient_cache.FolderCache"  # the default
    caching = {k: v for k, v in settings.items() if k.startswith("CACHE_")}
    return create_app(
        {"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "test", **caching, **override}
    )


def _files(folder: str) -> int:
    return len(os.listdir(folder)) if os.path.isdir(folder) else 0


def test_figures_are_cached_again_after_the_folder_is_deleted(demo_db_url, tmp_path):
    app = _app(demo_db_url, tmp_path / "cache")
    from dashboard.loaders import cache, load_catalogue

    with app.server.test_request_context():
        load_catalogue()  # worked out and written to the folder
        folder = cache.cache._path
        assert _files(folder) > 0
        shutil.rmtree(tmp_path / "cache")
        assert cache.set("dre-test-key", {"value": 1})
        assert cache.get("dre-test-key") == {"value": 1}
        load_catalogue()  # a miss (the folder was emptied): worked out and written again
        written = _files(folder)
        load_catalogue()  # a hit: nothing more written
        assert _files(folder) == written > 1
