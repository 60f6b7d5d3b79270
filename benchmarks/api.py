"""The read API's `values` for one measure across all organisations and every quarter (at
national scale, the measure most organisations adopted: up to 212 organisations × 40
quarters × 4 groups, in pages of 10,000 rows), over HTTP with gzip as a script's client
asks, as an anonymous viewer: the first page cold (cache emptied before), then warm; and the
whole answer, following `next`."""

from __future__ import annotations

import json
import time
import urllib.request

from benchmarks.common import _percentiles

VALUES = "/api/v1/values?measure={}&area_type=organisation"


def _get(url: str) -> tuple[float, dict]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read()
        encoding = response.headers.get("Content-Encoding")
    elapsed = time.perf_counter() - start
    if encoding == "gzip":
        import gzip

        body = gzip.decompress(body)
    return elapsed, json.loads(body)


def api_timings(base: str, runs: int, measure: str, flush=None) -> dict[str, object]:
    """Medians over `runs` for `measure` (the one most sites adopted): the first page cold
    and warm, and all pages warm."""
    url = base + VALUES.format(measure)
    cold, warm, whole = [], [], []
    rows = 0
    for _ in range(runs):
        if flush is not None:
            flush()
        t, _ = _get(url)
        cold.append(t)
        t, first = _get(url)
        warm.append(t)
        total, page, rows = t, first, len(first["data"])
        while page.get("next"):
            t, page = _get(base + page["next"])
            total += t
            rows += len(page["data"])
        whole.append(total)
    return {
        "api_values_first_page_cold_s": _percentiles(cold),
        "api_values_first_page_warm_s": _percentiles(warm),
        "api_values_all_pages_warm_s": _percentiles(whole),
        "load_api_values_rows": rows,
    }
