"""The benchmark's results as tables: every figure of one run, and a markdown table of the
measures beside their targets, one column per run (per database), to paste into the README.

`python -m benchmarks.report benchmarks/results/A.json benchmarks/results/B.json` prints the
markdown table of runs already written."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks.browser import PAGES

#: What a run is (the JSON's header), not a measure.
HEADER = ("date", "scale", "database", "cache", "workers", "role")
DATABASES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
#: The many-users scenarios' keys: `load` (40 users, p95 ≤ 1 s) and `load<N>` (N users, ≤ 2 s).
LOAD_KEY = re.compile(r"^(load\d*)_filter_change_s$")

Figure = Callable[[list[dict], dict], tuple[str, bool | None] | None]


def _time(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _pair(first: float, second: float) -> str:
    """'481 / 528 ms', '1.86 / 2.61 s' or '96 ms / 1.70 s'."""
    if first < 1 and second < 1:
        return f"{first * 1000:.0f} / {second * 1000:.0f} ms"
    if first >= 1 and second >= 1:
        return f"{first:.2f} / {second:.2f} s"
    return f"{_time(first)} / {_time(second)}"


def _timed(key: str, limit: float | None, stat: str = "median") -> Figure:
    """Median / p95 of `key`, met when its `stat` is at most `limit` seconds."""

    def figure(_runs: list[dict], run: dict):
        value = run.get(key)
        if not isinstance(value, dict) or not value.get("n"):
            return None
        return _pair(value["median"], value["p95"]), None if limit is None else value[stat] <= limit

    return figure


def _load(key: str, limit: float) -> Figure:
    def figure(_runs: list[dict], run: dict):
        value = run.get(f"{key}_filter_change_s")
        if not isinstance(value, dict):
            return None
        errors = run.get(f"{key}_errors", 0)
        text = f"{_pair(value['median'], value['p95'])}, {value['n']} requests, {errors} errors"
        return text, value["p95"] <= limit and errors == 0

    return figure


def _bytes(_runs: list[dict], run: dict):
    value = run.get("bytes_per_filter_change")
    return None if value is None else (f"{value['median'] / 1000:.0f} KB", value["median"] <= 2e5)


def _memory(_runs: list[dict], run: dict):
    value = run.get("worker_rss_mb")
    if not value or not value.get("n"):
        return None
    return f"{value['median']:.0f} / {value['p95']:.0f} MB", value["p95"] <= 400


def _ratio(_runs: list[dict], run: dict):
    value = run.get("app_to_floor_ratio")
    if value is None:
        return None
    app, floor = run["overview_aggregates_app_s"], run["overview_aggregates_floor_s"]
    text = f"{value['median']:.2f}× ({_time(app['median'])} / {_time(floor['median'])})"
    return text, value["median"] <= 1.5


def _api(_runs: list[dict], run: dict):
    warm, cold = run.get("api_values_first_page_warm_s"), run.get("api_values_first_page_cold_s")
    if warm is None:
        return None
    what = f"{run.get('load_api_values_measure', '')}, {run.get('load_api_values_rows')} rows"
    text = f"{what}: {_pair(warm['median'], cold['median'])}"
    return text, warm["median"] <= 0.5


def _returns(runs: list[dict], run: dict):
    """The 50,000-row return on this column's database, from whichever run measured it."""
    name = "postgres" if run.get("database", "").startswith("postgresql") else "sqlite"
    for source in [run, *runs]:
        check = source.get(f"return_50k_check_{name}_s")
        store = source.get(f"return_50k_store_{name}_s")
        if check and store:
            text = _pair(check["median"], store["median"])
            return text, check["median"] <= 15 and store["median"] <= 15
    return None


def _warmed(_runs: list[dict], run: dict):
    if "cache_warmed" not in run:
        return None
    seconds = run.get("cache_warm_s")
    return (
        "yes" + (f" ({_time(seconds)})" if seconds else "") if run["cache_warmed"] else "no"
    ), None


def rows(runs: list[dict]) -> list[tuple[str, str, Figure]]:
    """(measure, target, figure) for every measure any of `runs` holds."""
    out = [
        (
            "filter change on `/`, all measures, cold cache (median / p95)",
            "median ≤ 800 ms",
            _timed("filter_change_cold_s", 0.8),
        ),
        ("filter change, warm cache", "median ≤ 300 ms", _timed("filter_change_warm_s", 0.3)),
        ("bytes per filter change (gzip, median)", "≤ 200 KB", _bytes),
        (
            "`/` from a link until its twelve panels are drawn (headless Chromium)",
            "median ≤ 2 s",
            _timed("first_load_s", 2.0),
        ),
    ]
    for name, page in PAGES.items():
        if name != "overview":
            who = ", signed in as an administrator" if page.signed_in else ""
            out.append(
                (
                    f"`{page.path}` from a link until drawn{who}",
                    "median ≤ 2 s",
                    _timed(f"page_{name}_s", 2.0),
                )
            )
    out += [
        (
            "briefing PDF, `GET /briefing/download.pdf?region=LDN`, cold cache",
            "median ≤ 5 s",
            _timed("briefing_pdf_cold_s", 5.0),
        ),
        ("briefing PDF, warm cache", "median ≤ 5 s", _timed("briefing_pdf_warm_s", 5.0)),
        ("cache warmed before the load tests (`flask --app app warm-cache`)", "", _warmed),
    ]
    keys = sorted({m[1] for run in runs for k in run if (m := LOAD_KEY.match(k))}, key=len)
    duration = next((r["load_duration_s"] for r in runs if "load_duration_s" in r), "?")
    for key in keys:
        users = next(r[f"{key}_users"] for r in runs if f"{key}_users" in r)
        limit = 1.0 if key == "load" else 2.0
        out.append(
            (
                f"{users} users (locust, {duration} s, 1–2 regions every 2–5 s, as a browser "
                "asks): median / p95, requests, errors",
                f"p95 ≤ {limit:.0f} s, 0 errors",
                _load(key, limit),
            )
        )
    out += [
        ("memory of a gunicorn worker afterwards (median / largest)", "largest ≤ 400 MB", _memory),
        (
            "a region's aggregates: app (SQLAlchemy, DataFrame) / one hand-written query",
            "median ≤ 1.5×",
            _ratio,
        ),
        (
            "read API `values`, one measure, every organisation and quarter (first page, gzip): "
            "warm / cold",
            "warm median ≤ 500 ms",
            _api,
        ),
        (
            "50,000-row return through the web (demo data, one worker): check / store",
            "medians ≤ 15 s each",
            _returns,
        ),
    ]
    return [row for row in out if any(row[2](runs, run) for run in runs)]


def column(run: dict) -> str:
    """'national: PostgreSQL, redis (shared) cache, 4 workers'."""
    database = DATABASES.get(run.get("database", ""), run.get("database", "?"))
    return f"{run.get('scale')}: {database}, {run.get('cache')} cache, {run.get('workers')} workers"


def markdown(runs: list[dict]) -> str:
    """Row per measure: the target, then each run's figure with "met" or "not met"."""
    lines = [
        "| measure | target | " + " | ".join(column(r) for r in runs) + " |",
        "|---|---|" + "---|" * len(runs),
    ]
    for label, target, figure in rows(runs):
        cells = []
        for run in runs:
            found = figure(runs, run)
            if found is None:
                cells.append("—")
                continue
            text, met = found
            cells.append(text if met is None else f"{text}, {'met' if met else 'not met'}")
        lines.append(f"| {label} | {target or '—'} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plain(results: dict) -> str:
    """Every figure of one run: median, p95 and runs, after a line saying what was run."""
    out = [
        " · ".join(f"{k}: {results[k]}" for k in HEADER if k in results),
        f"{'measure':34} {'median':>10} {'p95':>10} {'runs':>5}",
    ]
    for name, value in results.items():
        if name in HEADER:
            continue
        if not isinstance(value, dict):
            shown = f"{value:.2f}" if isinstance(value, float) else str(value)
            out.append(f"{name:34} {shown:>10}")
            continue
        unit, scale, digits = "ms", 1000, 0
        if name.startswith("bytes"):
            unit, scale = "B", 1
        elif name.endswith("_mb"):
            unit, scale = "MB", 1
        elif name.endswith("ratio"):
            unit, scale, digits = "x", 1, 2
        out.append(
            f"{name:34} {value['median'] * scale:>8.{digits}f}{unit:>2} "
            f"{value['p95'] * scale:>8.{digits}f}{unit:>2} {value['n']:>5}"
        )
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown([json.loads(Path(p).read_text()) for p in sys.argv[1:]]))
