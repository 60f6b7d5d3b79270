"""Many users at once (locust, headless, bounded in time), and the workers' memory after."""

from __future__ import annotations

import json
import statistics
import subprocess
from pathlib import Path

from benchmarks.common import ROOT


def _load_test(
    venv_bin: Path, base: str, body: str, menus: dict, users: int, seconds: int, key: str = "load"
) -> dict:
    """`users` simulated users for `seconds` (locust, headless), each sending the panels
    callback `body` for one or two regions with their measures menu (`menus`, by the regions'
    codes sorted and joined with commas): the filter change's latency percentiles and how
    many requests failed, under `key`_... (one key per scenario, each run's CSV in its own
    folder, so that two scenarios never overwrite each other)."""
    import csv
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / key
        done = subprocess.run(
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
                "--menus",
                json.dumps(menus),
            ],
            cwd=ROOT,
            check=False,
            capture_output=True,
        )
        stats = Path(f"{prefix}_stats.csv")
        lines = stats.read_text().splitlines() if stats.exists() else []
        rows = {r["Name"]: r for r in csv.DictReader(lines)}
    if "filter change" not in rows:
        raise RuntimeError(f"locust made no filter change: {done.stderr.decode()[-1000:]}")
    row = rows["filter change"]
    count = int(row["Request Count"])
    return {
        f"{key}_users": users,
        f"{key}_filter_change_s": {
            "median": float(row["50%"]) / 1000,
            "p95": float(row["95%"]) / 1000,
            "n": count,
        },
        f"{key}_errors": int(row["Failure Count"]),
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
