"""`make bench`: time the overview as users meet it, against gunicorn on this machine.

Reports medians and 95th percentiles over repeated runs, as a table and as JSON in
benchmarks/results/. `--scale national` (what `make bench` runs) builds the national dataset
once, in its own PostgreSQL database (BENCH_DATABASE_URL, default `dre_bench_national` on
127.0.0.1), and shares one Redis cache (BENCH_REDIS_URL) between the workers, emptied before
each run so that a cold request is cold. `--scale demo` uses DATABASE_URL (default: the demo
SQLite file, created and seeded if missing) and each worker's own cache. Measures:
- first load of `/` in headless Chromium until all twelve panels are drawn;
- each of the users' pages opened from a link, until its first chart is drawn;
- a filter change (the panels callback over HTTP) with an empty and with a warm cache;
- bytes sent per filter change (gzip, as browsers accept);
- many users at once (locust, headless, bounded in time), each changing a filter every few
  seconds: latency percentiles and errors;
- the memory (RSS) of each gunicorn worker afterwards;
- the overview's aggregates as the app reads them (SQLAlchemy, DataFrame) against one
  hand-written SQL query on the same database (the floor), and their ratio;
- a 50,000-row return checked and stored through the web, on SQLite and on PostgreSQL;
- the read API's `values` for one measure across every organisation and quarter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
import urllib.request
from itertools import pairwise
from pathlib import Path

from benchmarks.api import api_timings
from benchmarks.browser import PAGES, _page_loads
from benchmarks.common import REGIONS, RESULTS, ROOT, _free_port, _percentiles
from benchmarks.floor import _floor_ratio
from benchmarks.load import _load_test, _worker_memory
from benchmarks.returns import returns_timings


def _panels_request(regions: list[str], measures: list[str]) -> bytes:
    from layouts.overview import ids
    from layouts.shell.ids import URL

    outputs = [{"id": ids.panel_body(n), "property": "children"} for n in range(1, 13)]
    outputs.append({"id": ids.OVERVIEW_SUMMARY, "property": "children"})
    outputs.append({"id": ids.PANEL_KEYS, "property": "data"})
    inputs = [
        {"id": ids.FILTER_REGION, "property": "value", "value": regions},
        {"id": ids.FILTER_TRUST, "property": "value", "value": []},
        {"id": ids.FILTER_RURALITY, "property": "value", "value": "all"},
        {"id": ids.FILTER_PERIOD, "property": "value", "value": [0, 19]},
        {"id": ids.MEASURE_MENU, "property": "value", "value": measures},
        {"id": ids.FILTER_POOLING, "property": "value", "value": "quarter"},
    ]
    key = ".." + "...".join(f"{o['id']}.{o['property']}" for o in outputs) + ".."
    body = {
        "output": key,
        "outputs": outputs,
        "inputs": inputs,
        # a browser's first draw: no panel on screen yet, so all twelve are sent
        "state": [
            {"id": ids.PANEL_KEYS, "property": "data", "value": {}},
            {"id": URL, "property": "search", "value": ""},  # the URL's ?grain=, if any
        ],
        "changedPropIds": [f"{ids.FILTER_REGION}.value"],
    }
    return json.dumps(body).encode()


def _post(url: str, payload: bytes) -> tuple[float, int]:
    """Seconds for one callback request, and the bytes sent back over the wire (compressed,
    as a browser accepts them)."""
    headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
    req = urllib.request.Request(url, data=payload, headers=headers)
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as resp:
        size = len(resp.read())
    return time.perf_counter() - start, size


def _national_store() -> dict[str, str]:
    """The national benchmark's PostgreSQL database (made when missing) and Redis cache."""
    from sqlalchemy import text

    from data_access.db import make_engine

    url = os.environ.get(
        "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/dre_bench_national"
    )
    server, name = url.rsplit("/", 1)
    admin = make_engine(server + "/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
    return {"DATABASE_URL": url, "CACHE_REDIS_URL": redis_url}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--users", type=int, default=40, help="Concurrent users (0: none).")
    parser.add_argument("--duration", type=int, default=60, help="Seconds of the load test.")
    parser.add_argument("--results", type=Path, default=RESULTS, help="Folder for the JSON.")
    parser.add_argument(
        "--no-returns",
        action="store_true",
        help="Skip checking and storing a 50,000-row return (SQLite and PostgreSQL).",
    )
    parser.add_argument(
        "--scale",
        choices=["demo", "national"],
        default="demo",
        help="national: 212 organisations on PostgreSQL and Redis, built once.",
    )
    args = parser.parse_args(argv)

    # Measured as an anonymous viewer (figures through disclosure control), as a projector
    # in a national meeting would show them; plain HTTP on loopback.
    env = dict(os.environ, ALLOW_ANONYMOUS_VIEWERS="true", SESSION_COOKIE_SECURE="false")
    if args.scale == "national":
        env.update(_national_store())
        os.environ.update(DATABASE_URL=env["DATABASE_URL"])
    venv_bin = Path(sys.executable).parent
    subprocess.run(
        [venv_bin / "flask", "--app", "app", "db-upgrade"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [venv_bin / "flask", "--app", "app", "seed-demo", "--if-empty", "--scale", args.scale],
        cwd=ROOT,
        env=env,
        check=True,
        # the national seed takes under a minute: its progress bar shows on the terminal
        capture_output=args.scale == "demo",
    )
    if env.get("CACHE_REDIS_URL"):
        import redis

        redis.Redis.from_url(env["CACHE_REDIS_URL"]).flushdb()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            venv_bin / "gunicorn",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "app:server",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        sys.path.insert(0, str(ROOT))
        from data_access import queries
        from data_access.db import Database, database_url

        db = Database(database_url())
        with db.session() as s:
            menu = queries.measures(s)
            measures = menu["code"].tolist()
            busiest = str(menu.sort_values("sites", ascending=False)["code"].iloc[0])
        db.dispose()
        url = base + "/_dash-update-component"
        cold, warm, sizes = [], [], []
        selections = [[r] for r in REGIONS] + [list(pair) for pair in pairwise(REGIONS)]
        for regions in selections[: max(args.runs, 3)]:
            t, size = _post(url, _panels_request(regions, measures))
            cold.append(t)
            sizes.append(size)
            for _ in range(args.workers):  # warm every worker's cache for this selection
                warm_t, _ = _post(url, _panels_request(regions, measures))
            warm.append(warm_t)
        results = {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "scale": args.scale,
            "database": database_url().split("://")[0],
            "cache": "redis (shared)" if env.get("CACHE_REDIS_URL") else "per worker",
            "workers": args.workers,
            "role": "anonymous viewer (disclosure control applied)",
            "filter_change_cold_s": _percentiles(cold),
            "filter_change_warm_s": _percentiles(warm),
            "bytes_per_filter_change": _percentiles([float(s) for s in sizes]),
        }
        flush = None
        if env.get("CACHE_REDIS_URL"):
            import redis

            flush = redis.Redis.from_url(env["CACHE_REDIS_URL"]).flushdb
        results.update(api_timings(base, max(args.runs, 3), busiest, flush))
        results["load_api_values_measure"] = busiest
        if not args.no_browser:
            path, drawn = PAGES["overview"]
            results["first_load_s"] = _percentiles(_page_loads(base, path, drawn, args.runs))
            for name, (path, drawn) in PAGES.items():
                if name != "overview":
                    times = _page_loads(base, path, drawn, args.runs)
                    results[f"page_{name}_s"] = _percentiles(times)
        if args.users:
            body = _panels_request(["LDN"], measures).decode()
            results.update(_load_test(venv_bin, base, body, args.users, args.duration))
        results["worker_rss_mb"] = _worker_memory(server.pid)
        results.update(_floor_ratio(measures, args.runs))
    finally:
        server.terminate()
        server.wait(timeout=10)
    if not args.no_returns:
        results.update(returns_timings(venv_bin, min(args.runs, 3)))

    args.results.mkdir(parents=True, exist_ok=True)
    out = args.results / f"bench-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"{'measure':34} {'median':>10} {'p95':>10} {'runs':>5}")
    for name, value in results.items():
        if not isinstance(value, dict):
            if name.startswith("load_"):
                print(f"{name:34} {value:>10}")
            continue
        unit, scale, digits = "ms", 1000, 0
        if name.startswith("bytes"):
            unit, scale = "B", 1
        elif name.endswith("_mb"):
            unit, scale = "MB", 1
        elif name.endswith("ratio"):
            unit, scale, digits = "x", 1, 2
        print(
            f"{name:34} {value['median'] * scale:>8.{digits}f}{unit:>2} "
            f"{value['p95'] * scale:>8.{digits}f}{unit:>2} {value['n']:>5}"
        )
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
