"""`make bench` on the small demonstration data, as a smoke test: it must finish, under
gunicorn with a few simulated users, and write its JSON. The figures are run by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_benchmark_runs_and_writes_its_results(tmp_path):
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp_path / 'bench.sqlite3'}")
    args = ["--runs", "1", "--no-browser", "--no-returns", "--users", "2", "--duration", "4"]
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", *args, "--results", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (written,) = tmp_path.glob("bench-*.json")
    results = json.loads(written.read_text())
    for key in (
        "filter_change_cold_s",
        "bytes_per_filter_change",
        "load_filter_change_s",
        "worker_rss_mb",
        "app_to_floor_ratio",
    ):
        assert results[key]["n"] >= 1, key
    assert results["load_errors"] == 0
    assert "app_to_floor_ratio" in done.stdout
