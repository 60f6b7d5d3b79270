"""The README's read-API examples, run as a new user would: a token made with the command,
the two curl calls and the Python block, against the app served over HTTP; they give the
figures the pages show, with a viewer's disclosure control."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.conftest import VIEWER

README = Path(__file__).resolve().parents[1] / "README.md"


def _section() -> str:
    text = README.read_text()
    return text.split("## Read API (`/api/v1/`)", 1)[1].split("\n## ", 1)[0]


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", _section(), flags=re.S)


@pytest.fixture
def served(writable_app):
    """The app (on its own copy of the demonstration data, since a token is written) on a
    free port of this machine, over plain HTTP, while the test runs."""
    server = make_server("127.0.0.1", 0, writable_app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def token(writable_app) -> str:
    made = writable_app.server.test_cli_runner().invoke(
        args=["create-token", VIEWER, "--name", "readme"]
    )
    assert made.exit_code == 0, made.output
    return re.search(r"dre_[A-Za-z0-9_-]+", made.output).group(0)


def test_the_readme_curl_calls_give_json_and_csv(served, token, tmp_path):
    if shutil.which("curl") is None:
        pytest.fail("curl is needed to run the README's examples")
    (script,) = [b for b in _blocks("sh") if "curl" in b]
    script = script.replace("http://127.0.0.1:8050", served)
    script = script.replace("TOKEN=dre_...", f"TOKEN={token}")
    calls = script.split("curl ")[1:]
    assert len(calls) == 2
    env = dict(os.environ, TOKEN=token)
    json_call = subprocess.run(
        ["bash", "-c", f"TOKEN={token}; curl -sf " + calls[0].replace("\\\n", " ")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    )
    assert '"area_type":"region"' in json_call.stdout and '"group":"bme"' in json_call.stdout
    subprocess.run(
        ["bash", "-c", f"TOKEN={token}; curl -sf " + calls[1].replace("\\\n", " ")],
        cwd=tmp_path,
        env=env,
        check=True,
    )
    rows = list(csv.DictReader(io.StringIO((tmp_path / "detentions.csv").read_text())))
    assert rows and {r["area_type"] for r in rows} == {"organisation"}
    counts = [int(r[c]) for r in rows for c in ("numerator", "denominator") if r[c]]
    assert counts and not [c for c in counts if 1 <= c <= 7]  # a viewer's token


def test_the_readme_python_example_runs(served, token, monkeypatch):
    (code,) = _blocks("python")
    monkeypatch.setenv("DRE_URL", served)
    monkeypatch.setenv("DRE_TOKEN", token)
    out = io.StringIO()
    with redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    printed = out.getvalue()
    assert "London" in printed and "compared_to_benchmark" in printed
    assert sys.modules.get("pandas") is not None
