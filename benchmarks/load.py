"""Many users at once (locust, headless, bounded in time), and the workers' memory after."""

from __future__ import annotations

import statistics
import subprocess
from pathlib import Path

from benchmarks.common import ROOT


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
