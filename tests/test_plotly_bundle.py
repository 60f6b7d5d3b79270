"""The charts are drawn by plotly.js's basic bundle (scatter, bar, pie), a quarter of the full
bundle's size and reading time (assets/plotly-bundle.js): every chart the app builds must be
one it can draw, and it must be the version plotly.py writes figures for."""

from __future__ import annotations

import re
from pathlib import Path

import plotly
import pytest

from layouts.characteristic import ids
from tests.conftest import start_signed_in

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "assets" / "vendor"
#: The trace types in plotly.js's basic bundle.
BASIC = {"scatter", "bar", "pie"}


def test_the_bundle_is_the_version_plotly_py_writes_for():
    (bundle,) = VENDOR.glob("plotly-basic-*.min.js")
    version = plotly.offline.get_plotlyjs_version()
    assert bundle.name == f"plotly-basic-{version}.min.js"
    assert f"plotly.js (basic - minified) v{version}" in bundle.read_text()[:200]
    assert bundle.name in (ROOT / "assets" / "plotly-bundle.js").read_text()


def test_every_chart_the_app_builds_is_one_the_basic_bundle_draws():
    used = set()
    for path in [*ROOT.glob("layouts/**/*.py"), *ROOT.glob("callbacks/**/*.py")]:
        text = path.read_text()
        used |= {name.lower() for name in re.findall(r"\bgo\.([A-Z][A-Za-z]+)\(", text)}
        used -= {"figure"}
        used |= set(re.findall(r"[\"']type[\"']: [\"']([a-z]+)[\"']", text)) & _trace_names()
    assert used, "no chart found: the search is wrong"
    assert used <= BASIC, used - BASIC


def _trace_names() -> set[str]:
    from plotly import graph_objects as go
    from plotly.basedatatypes import BaseTraceType

    traces = [getattr(go, name) for name in dir(go) if name[0].isupper()]
    return {
        t.__name__.lower() for t in traces if isinstance(t, type) and issubclass(t, BaseTraceType)
    }


@pytest.mark.browser
def test_a_page_of_charts_reads_the_basic_bundle_and_draws_every_trace(dash_duo, app):
    start_signed_in(dash_duo, app, path="/characteristic/4?region=LDN")
    dash_duo.wait_for_element(f"#{ids.CHARACTERISTIC_FUNNEL} .js-plotly-plot .main-svg", 20)
    scripts = dash_duo.driver.execute_script(
        "return [...document.scripts].map(s => s.src).filter(s => s.includes('plotly'));"
    )
    assert any("plotly-basic-" in s for s in scripts), scripts
    assert not any(s.endswith("plotly.min.js") for s in scripts), scripts
    undrawn = dash_duo.driver.execute_script(
        "const known = Object.keys(Plotly.PlotSchema.get().traces);"
        " return [...document.querySelectorAll('.js-plotly-plot')].flatMap("
        "   gd => (gd.data || []).map(t => t.type || 'scatter')).filter(t => !known.includes(t));"
    )
    assert undrawn == []
    assert dash_duo.get_logs() == []
