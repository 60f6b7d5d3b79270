"""`make bench`: time the dashboard as users meet it, against gunicorn on this machine.

Reports medians and 95th percentiles over repeated runs, as a table, as a markdown table of the
measures beside their targets (met or not) to paste into the README, and as JSON in
benchmarks/results/ (one file per database). `--scale national` builds the national dataset
once per database (`--database`, repeatable; what `make bench` runs: both, PostgreSQL first,
then one markdown table with a column for each):
- `postgresql` (the default): its own database (BENCH_DATABASE_URL, default
  `dre_bench_national` on 127.0.0.1) and one Redis cache shared by the workers
  (BENCH_REDIS_URL), emptied before each run so that a cold request is cold;
- `sqlite`: one file (BENCH_SQLITE_URL, default instance/bench-national.sqlite3, about 460 MB,
  seeded in about 40 s) and a folder of cached figures the workers share, as `make run`.
`--scale demo` uses DATABASE_URL (default: the demo SQLite file, created and seeded if missing)
and the same shared folder. As an anonymous viewer (figures through disclosure control); the
data pages signed in as an administrator, `bench-browser@example.org`, made in the benchmark's
database when the browser runs (a new random password each run). Measures:
- first load of `/` in headless Chromium until all twelve panels are drawn;
- each of the users' pages opened from a link, until its first chart is drawn; the briefing
  until its preview is; the data pages until their table or plan is;
- a filter change (the panels callback over HTTP) with an empty and with a warm cache;
- bytes sent per filter change (gzip, as browsers accept);
- the briefing's PDF (benchmarks/briefing.py), cold and warm;
- many users at once (locust, headless, bounded in time), each changing the regions every 2
  to 5 seconds as a browser does (the regions' agreed measures, every period): `--users` (40)
  and `--many-users` (100 at national scale, none at demo scale), their latency percentiles
  and errors. Before the pages, the cache is emptied and `flask --app app warm-cache` warms it
  as the server does after an import (England's and each region's overview and briefing;
  `cache_warm_s`); the server itself does not warm in the background (WARM_CACHE=false), so
  that cold figures are cold and no thread works while others are timed;
- the memory (RSS) of each gunicorn worker afterwards;
- the overview's aggregates as the app reads them (SQLAlchemy, DataFrame) against one
  hand-written SQL query on the same database (the floor), and their ratio;
- a 50,000-row return checked and stored through the web, on SQLite and on PostgreSQL (once,
  in the first database's run);
- the read API's `values` for one measure across every organisation and quarter.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from itertools import combinations, pairwise
from pathlib import Path

from benchmarks.api import api_timings
from benchmarks.briefing import pdf_timings
from benchmarks.browser import PAGES, _page_loads
from benchmarks.common import REGIONS, RESULTS, ROOT, _free_port, _percentiles
from benchmarks.floor import _floor_ratio
from benchmarks.load import _load_test, _worker_memory
from benchmarks.panels import _panels_request, _post, browser_filter_change
from benchmarks.report import markdown, plain
from benchmarks.returns import returns_timings
from benchmarks.store import bench_account, flush_cache, prepare, serve, server_env, warm_cache


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--users", type=int, default=40, help="Concurrent users (0: none).")
    parser.add_argument(
        "--many-users",
        type=int,
        default=None,
        help="A second load test with this many users, p95 ≤ 2 s (0: none; default 100 at "
        "national scale, 0 at demo scale).",
    )
    parser.add_argument("--duration", type=int, default=60, help="Seconds of each load test.")
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
        help="national: 212 organisations, built once per database.",
    )
    parser.add_argument(
        "--database",
        choices=["postgresql", "sqlite"],
        action="append",
        help="national only, repeatable (one run each): postgresql (the default; Redis shared "
        "by the workers) or sqlite (a file; a folder of cached figures the workers share).",
    )
    args = parser.parse_args(argv)
    if args.scale == "demo" and args.database:
        parser.error("--database is for --scale national; demo runs on DATABASE_URL")
    args.database = args.database or [None if args.scale == "demo" else "postgresql"]
    if args.many_users is None:
        args.many_users = 100 if args.scale == "national" else 0
    return args


def _load_tests(args: argparse.Namespace, venv_bin: Path, base: str) -> dict:
    """`--users` and `--many-users` changing the regions as a browser asks after a change:
    with their sites' agreed measures and every period (what the cache is warmed with)."""
    sets = [[r] for r in REGIONS] + [list(pair) for pair in combinations(REGIONS, 2)]
    period, menus = browser_filter_change(base, sets)
    body = _panels_request(["LDN"], menus["LDN"], period).decode()
    results: dict[str, object] = {"load_duration_s": args.duration}
    for users, key in ((args.users, "load"), (args.many_users, f"load{args.many_users}")):
        if users:
            results.update(_load_test(venv_bin, base, body, menus, users, args.duration, key))
    return results


def _measure(args: argparse.Namespace, database: str | None, returns: bool) -> dict:
    """One run of every measure on one database."""
    env = server_env(args.scale, database)
    if "DATABASE_URL" in env:  # read here too (the menu, the floor)
        os.environ["DATABASE_URL"] = env["DATABASE_URL"]
    venv_bin = Path(sys.executable).parent
    seeded = prepare(venv_bin, env, args.scale)
    account = None if args.no_browser else bench_account(venv_bin, env)
    flush = flush_cache(env)
    if flush is not None:
        flush()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(venv_bin, env, port, args.workers)
    try:
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
            "database": database_url().split("://")[0].split("+")[0],
            "cache": "redis (shared)"
            if env.get("CACHE_REDIS_URL")
            else "folder (shared)"
            if env.get("CACHE_DIR")
            else "per worker",
            "workers": args.workers,
            "role": "anonymous viewer (disclosure control applied); data pages: administrator",
            "filter_change_cold_s": _percentiles(cold),
            "filter_change_warm_s": _percentiles(warm),
            "bytes_per_filter_change": _percentiles([float(s) for s in sizes]),
            "seed_s": seeded,  # `seed-demo --if-empty`: a few seconds when the data was there
        }
        results.update(api_timings(base, max(args.runs, 3), busiest, flush))
        results["load_api_values_measure"] = busiest
        results.update(pdf_timings(base, args.runs, args.workers, flush))
        if flush is not None:  # the pages start cold, but for what an import warms
            flush()
        warmed = warm_cache(venv_bin, env)
        results["cache_warmed"] = warmed is not None
        if warmed is not None:
            results["cache_warm_s"] = warmed
        if not args.no_browser:
            for name, page in PAGES.items():
                key = "first_load" if name == "overview" else f"page_{name}"
                times, never = _page_loads(base, page, args.runs, account)
                results[f"{key}_s"] = _percentiles(times)
                if never:
                    results[f"{key}_never_drawn"] = never
        if args.users or args.many_users:
            results.update(_load_tests(args, venv_bin, base))
        results["worker_rss_mb"] = _worker_memory(server.pid)
        results.update(_floor_ratio(measures, args.runs))
    finally:
        server.terminate()
        server.wait(timeout=10)
    if returns:
        results.update(returns_timings(venv_bin, min(args.runs, 3)))
    return results


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    runs = []
    for i, database in enumerate(args.database):
        results = _measure(args, database, returns=not args.no_returns and i == 0)
        runs.append(results)
        args.results.mkdir(parents=True, exist_ok=True)
        stamp = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}"
        out = args.results / f"bench-{stamp}-{results['scale']}-{results['database']}.json"
        out.write_text(json.dumps(results, indent=2))
        print(plain(results), "", markdown([results]), f"written {out}", sep="\n", flush=True)
    if len(runs) > 1:
        print("", markdown(runs), sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
