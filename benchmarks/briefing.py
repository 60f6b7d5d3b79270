"""The cascade briefing's PDF, `GET /briefing/download.pdf?region=LDN&month=...`, as the
briefing page's "Download PDF" link asks for it (the month is the link's: the one in which the
region's latest quarter ended), as an anonymous viewer.

Cold: with a shared cache (Redis), emptied before each run. With each worker's own cache it
cannot be emptied: the first request only (no briefing built yet on this server; the overview's
loaders already used by the filter changes). Warm: after one request per worker."""

from __future__ import annotations

import json
import re
import time
import urllib.request

from benchmarks.common import _percentiles
from benchmarks.panels import _callback
from layouts.shell.ids import PAGE, URL

SEARCH = "?region=LDN"


def _pdf_link(base: str, search: str) -> str:
    """The page's "Download PDF" link, from the page the router builds for /briefing."""
    page = _callback(
        base,
        {"id": PAGE, "property": "children"},
        [{"id": URL, "property": "pathname", "value": "/briefing"}],
        [{"id": URL, "property": "search", "value": search}],
    )
    found = re.search(r'"(/briefing/download\.pdf\?[^"]+)"', json.dumps(page))
    if not found:
        raise RuntimeError(f"no PDF link on the briefing page: {json.dumps(page)[:300]}")
    return found[1]


def _download(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        content = response.read()
    elapsed = time.perf_counter() - start
    if not content.startswith(b"%PDF"):
        raise RuntimeError(f"not a PDF from {url}: {content[:200]!r}")
    return elapsed


def pdf_timings(base: str, runs: int, workers: int, flush=None) -> dict[str, object]:
    """Seconds for the PDF, cold (see the module) and warm, medians over `runs`."""
    url = base + _pdf_link(base, SEARCH)
    cold = []
    for _ in range(runs if flush is not None else 1):
        if flush is not None:
            flush()
        cold.append(_download(url))
    for _ in range(workers):
        _download(url)
    warm = [_download(url) for _ in range(runs)]
    return {
        "briefing_pdf_cold_s": _percentiles(cold),
        "briefing_pdf_warm_s": _percentiles(warm),
        "briefing_pdf_url": url.removeprefix(base),
    }
