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
  hand-written SQL query on the same database (the floor), and their ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
REGIONS = ["NEYH", "NW", "WM", "EM", "EE", "LDN", "SE", "SW"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median": statistics.median(ordered), "p95": p95, "n": len(ordered)}


def _panels_request(regions: list[str], measures: list[str]) -> bytes:
    from layouts.overview import ids

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
        "state": [{"id": ids.PANEL_KEYS, "property": "data", "value": {}}],
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


OVERVIEW_DRAWN = (
    "return [...Array(12).keys()].every(i => {"
    " const b = document.getElementById('panel-body-char-' + (i + 1));"
    " return b && b.children.length > 0; })"
    " && document.querySelectorAll('.trend-img').length > 0"
    " && [...document.querySelectorAll('.trend-img')].every(img => img.complete)"
)
#: A users' page is drawn when a chart is on screen (or a message where there is none).
PAGE_DRAWN = (
    "return !!document.querySelector('#page-content .js-plotly-plot .main-svg')"
    " || !!document.querySelector('#page-content .page-message')"
)
#: name → (path opened from a link, script that is true once the page is drawn)
PAGES = {
    "overview": ("/", OVERVIEW_DRAWN),
    "characteristic": ("/characteristic/4?region=LDN", PAGE_DRAWN),
    "compare": ("/compare?region=LDN&measure=M04A", PAGE_DRAWN),
    "site": ("/site/SLAM", PAGE_DRAWN),
    "present": ("/present?region=LDN", PAGE_DRAWN),
    "priorities": ("/priorities", PAGE_DRAWN),
}


def _page_loads(base: str, path: str, drawn_js: str, runs: int) -> list[float]:
    """Seconds from navigation until `drawn_js` holds and no callback is pending, per run,
    each in a fresh browser (nothing cached)."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--window-size=1366,768",
    ):
        options.add_argument(flag)
    script = (
        "const drawn = (() => {" + drawn_js + "})();"
        " return drawn && !document.querySelector('._dash-loading-callback');"
    )
    times = []
    for _ in range(runs):
        driver = webdriver.Chrome(options=options)
        try:
            start = time.perf_counter()
            driver.get(base + path)
            deadline = start + 60
            while time.perf_counter() < deadline and not driver.execute_script(script):
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
        finally:
            driver.quit()
    return times


def _load_test(venv_bin: Path, base: str, body: str, users: int, seconds: int) -> dict:
    """`users` simulated users for `seconds` (locust, headless): the filter change's
    latency percentiles and how many requests failed."""
    import csv
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "load"
        subprocess.run(
            [
                venv_bin / "locust",
                "-f",
                str(ROOT / "benchmarks" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(max(1, users // 4)),
                "--run-time",
                f"{seconds}s",
                "--host",
                base,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--panels-body",
                body,
            ],
            cwd=ROOT,
            check=False,
            capture_output=True,
        )
        with open(f"{prefix}_stats.csv", newline="") as f:
            rows = {r["Name"]: r for r in csv.DictReader(f)}
    row = rows["filter change"]
    count = int(row["Request Count"])
    return {
        "load_users": users,
        "load_filter_change_s": {
            "median": float(row["50%"]) / 1000,
            "p95": float(row["95%"]) / 1000,
            "n": count,
        },
        "load_errors": int(row["Failure Count"]),
    }


def _worker_memory(master_pid: int) -> dict:
    """Resident memory of each gunicorn worker, in MB (median and largest)."""
    sizes = []
    for proc in Path("/proc").iterdir():
        try:
            if not proc.name.isdigit():
                continue
            stat = (proc / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[1]) != master_pid:  # the parent's pid
                continue
            status = (proc / "status").read_text()
        except (OSError, ValueError, IndexError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    if not sizes:
        return {"median": 0.0, "p95": 0.0, "n": 0}
    return {"median": statistics.median(sizes), "p95": max(sizes), "n": len(sizes)}


#: The overview's aggregates for one region as one hand-written query, on the table the app
#: reads for whole regions (the summary by region and rurality, data_access/summary.py).
FLOOR_SQL = """
SELECT m.code, p.code, t.dre_group, SUM(t.numerator), SUM(t.denominator), SUM(t.sites)
FROM area_group_total t
JOIN measure m ON m.id = t.measure_id
JOIN period p ON p.id = t.period_id
JOIN region r ON r.id = t.region_id
WHERE r.code = :region
GROUP BY m.code, p.code, t.dre_group
"""


def _floor_ratio(measures: list[str], runs: int) -> dict:
    """The overview's aggregates for one region, all measures and periods: as the app reads
    them (totals.area_totals: SQLAlchemy Core, a DataFrame) and as one hand-written SQL
    query fetched raw (the floor). Medians over the regions, each read once uncached."""
    from sqlalchemy import text

    from data_access import queries, totals
    from data_access.db import Database, database_url

    db = Database(database_url())
    app_times, floor_times = [], []
    try:
        with db.session() as s:
            orgs = queries.organisations(s)
            periods = queries.periods(s)["code"].tolist()
        for region in (REGIONS * runs)[: max(runs, len(REGIONS))]:
            mine = orgs[orgs["region"] == region]
            cells = sorted(set(zip(mine["region"], mine["rurality"], strict=True)))
            with db.session() as s:
                start = time.perf_counter()
                s.execute(text(FLOOR_SQL), {"region": region}).all()
                floor_times.append(time.perf_counter() - start)
            with db.session() as s:
                start = time.perf_counter()
                totals.area_totals(s, cells, measures, periods)
                app_times.append(time.perf_counter() - start)
    finally:
        db.dispose()
    ratios = [a / f for a, f in zip(app_times, floor_times, strict=True)]
    return {
        "overview_aggregates_app_s": _percentiles(app_times),
        "overview_aggregates_floor_s": _percentiles(floor_times),
        "app_to_floor_ratio": _percentiles(ratios),
    }


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
            measures = queries.measures(s)["code"].tolist()
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
