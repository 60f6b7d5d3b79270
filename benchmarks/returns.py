"""The largest return the README allows (50,000 rows), checked and stored through the web as
a site lead's browser sends it, on SQLite and on PostgreSQL: each in a fresh database seeded
with the demonstration data, served by one gunicorn worker with gunicorn's own 30 s timeout.
"""

from __future__ import annotations

import base64
import http.cookiejar
import json
import os
import re
import secrets
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from benchmarks.common import ROOT, _free_port, _percentiles

ADMIN = "bench-admin@example.org"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/dre_bench_returns"


def _output_of(opener, base: str, trigger: str) -> str:
    """The output key of the callback fired by `trigger` ("id.prop"), as the browser knows
    it from /_dash-dependencies (duplicate outputs carry a hash Dash gives them)."""
    with opener.open(base + "/_dash-dependencies", timeout=30) as response:
        callbacks = json.loads(response.read())
    for callback in callbacks:
        if any(f"{i['id']}.{i['property']}" == trigger for i in callback["inputs"]):
            return callback["output"]
    raise RuntimeError(f"no callback is fired by {trigger}")


def _callback(output: str, inputs: list[dict], state: list[dict]) -> bytes:
    specs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1].split("@")[0]}
        for part in output.strip(".").split("...")
    ]
    body = {
        "output": output,
        "outputs": specs,
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs],
    }
    return json.dumps(body).encode()


def _warning_keys(node: object) -> list[str]:
    """The values of the check's list of warnings in a callback's JSON response: what a
    site lead ticks, one by one or with "confirm all", before storing."""
    from layouts.returns import ids

    if isinstance(node, list):
        return next((keys for item in node if (keys := _warning_keys(item))), [])
    if not isinstance(node, dict):
        return []
    found = node.get("id")
    if isinstance(found, dict) and found.get("type") == ids.RETURNS_WARNINGS:
        return [option["value"] for option in node.get("options", [])]
    return next((keys for value in node.values() if (keys := _warning_keys(value))), [])


def _prepare(venv_bin: Path, env: dict, password: str) -> None:
    for args in (["db-upgrade"], ["seed-demo", "--if-empty"]):
        subprocess.run(
            [venv_bin / "flask", "--app", "app", *args],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    subprocess.run(
        [venv_bin / "flask", "--app", "app", "create-user", ADMIN, "--role", "admin"],
        cwd=ROOT,
        env=dict(env, DRE_NEW_PASSWORD=password),
        check=True,
        capture_output=True,
    )


def _signed_in(base: str, password: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    page = opener.open(base + "/login", timeout=30).read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    form = {"email": ADMIN, "password": password, "csrf": csrf, "next": "/"}
    opener.open(base + "/login", urllib.parse.urlencode(form).encode(), timeout=30).read()
    return opener


def _timed(opener, url: str, payload: bytes) -> tuple[float, str]:
    request = urllib.request.Request(url, payload, {"Content-Type": "application/json"})
    start = time.perf_counter()
    with opener.open(request, timeout=120) as response:
        text = response.read().decode()
    return time.perf_counter() - start, text


def _measure(venv_bin: Path, url: str, runs: int) -> dict:
    from dashboard.returns.sample import large_return
    from data_access.db import Database
    from layouts.returns import ids
    from layouts.returns.warnings import LIST

    password = secrets.token_urlsafe(18)
    env = dict(os.environ, DATABASE_URL=url, SESSION_COOKIE_SECURE="false")
    env.pop("CACHE_REDIS_URL", None)
    _prepare(venv_bin, env, password)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [venv_bin / "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}", "app:server"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    checks, stores = [], []
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        opener = _signed_in(base, password)
        db = Database(url)
        for run in range(runs):
            content = large_return(db, vary=run + 1)
            upload = "data:text/csv;base64," + base64.b64encode(content).decode()
            files = [
                {"id": ids.RETURNS_UPLOAD, "property": "contents", "value": upload},
                {"id": ids.RETURNS_UPLOAD, "property": "filename", "value": "large.csv"},
            ]
            check = _callback(
                _output_of(opener, base, f"{ids.RETURNS_UPLOAD}.contents"),
                files[:1],
                files[1:],
            )
            seconds, text = _timed(opener, base + "/_dash-update-component", check)
            if "ready to store" not in text:
                raise RuntimeError(f"the check did not preview the return: {text[:300]}")
            checks.append(seconds)
            keys = _warning_keys(json.loads(text))
            ticked = [{"id": LIST, "property": "value", "value": keys}] if keys else []
            store = _callback(
                _output_of(opener, base, f"{ids.RETURNS_CONFIRM}.n_clicks"),
                [{"id": ids.RETURNS_CONFIRM, "property": "n_clicks", "value": 1}],
                [*files, ticked],
            )
            seconds, text = _timed(opener, base + "/_dash-update-component", store)
            if "large.csv stored" not in text:
                raise RuntimeError(f"the return was not stored: {text[:300]}")
            stores.append(seconds)
        db.dispose()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {"check_s": _percentiles(checks), "store_s": _percentiles(stores)}


def returns_timings(venv_bin: Path, runs: int = 3) -> dict:
    """Check and store of a 50,000-row return through the web, on SQLite and PostgreSQL."""
    from sqlalchemy import text

    from data_access.db import make_engine

    out = {}
    with tempfile.TemporaryDirectory() as folder:
        lite = _measure(venv_bin, f"sqlite:///{Path(folder) / 'returns.sqlite3'}", runs)
    out["return_50k_check_sqlite_s"] = lite["check_s"]
    out["return_50k_store_sqlite_s"] = lite["store_s"]
    server, name = PG_URL.rsplit("/", 1)
    admin = make_engine(server + "/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        pg = _measure(venv_bin, PG_URL, runs)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
    out["return_50k_check_postgres_s"] = pg["check_s"]
    out["return_50k_store_postgres_s"] = pg["store_s"]
    return out


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    print(json.dumps(returns_timings(Path(sys.executable).parent, runs), indent=2))
