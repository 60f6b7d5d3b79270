"""The overview's and the briefing's cache, warmed for England and each region after every
import.

The first person to open the overview after an import (or after the cached figures expire)
would otherwise wait for its twelve panels to be worked out: about half a second of CPU a
selection at national scale, and 40 users arriving together queue behind each other. So a
worker that meets a data version it has not warmed works out, in a background thread, the
panels of the views people open first: all of England and each region, with the sites'
agreed measures and every period, as a viewer (figures through disclosure control) and as an
administrator (whose figures are also a regional user's for their own region); then the same
views' briefings for their latest month (several seconds each at national scale). The request
that noticed is not held up.

Each cache warms once per data version: a marker in the cache (`cache.add`) says which worker
does it, so with a shared cache (Redis, or the folder one machine's workers share) one worker
warms for all; with a cache in each worker (SimpleCache) each warms its own. The marker lives
as long as the figures it stands for (`CACHE_DEFAULT_TIMEOUT`), so a cache that expired is
warmed again. `flask --app app
warm-cache` does the same at once, from the command line (after a bulk load, or at release).
"""

from __future__ import annotations

import logging
import threading
import time

import click
from flask import Flask, current_app, request
from flask.cli import with_appcontext

from callbacks.overview import update_panels
from dashboard.access import acting_as
from dashboard.briefing.data import briefing_data
from dashboard.briefing.months import default_month
from dashboard.loaders import cache, data_version, load_catalogue
from dashboard.overview.data import menu_value
from dashboard.roles import Access
from dashboard.selection import Selection
from layouts.overview.layout import period_value

log = logging.getLogger("dre.warm")

#: Whose figures are warmed: a viewer's, and an administrator's.
WARMED_FOR = (Access("viewer"), Access("admin"))

#: How often a worker looks at whether its cache needs warming, at most (seconds).
CHECK_EVERY = 30.0

_last_check: dict[str, float] = {}


def first_views() -> list[tuple[str, ...]]:
    """The selections people open first: all of England, then each region."""
    regions = load_catalogue().regions
    codes = [] if regions.empty else sorted(regions["code"])
    return [(), *((code,) for code in codes)]


def warm_view(regions: tuple[str, ...]) -> None:
    """Work out the overview's panels for `regions` exactly as the page's first draw asks
    for them (its filters' first values), so that the cache entry is the one it reads."""
    catalogue = load_catalogue()
    selection = Selection(regions=regions).validated(catalogue)
    update_panels(
        list(selection.regions),
        [],
        "all",
        period_value(selection, catalogue),
        menu_value(selection, catalogue),
        "quarter",
        None,
        "",
    )


def warm_briefing(regions: tuple[str, ...]) -> None:
    """The briefing of `regions` for the month its page opens on (the latest), as the page's
    preview asks for it."""
    catalogue = load_catalogue()
    selection = Selection(regions=regions).validated(catalogue)
    month = default_month(selection, catalogue)
    if month:
        briefing_data(selection, catalogue, month)


def warm(force: bool = False) -> int:
    """Warm the first views for the current data version (once per version and cache unless
    `force`): every overview first, then the briefings (seconds each at national scale); the
    number of views worked out. Needs an application context."""
    marker = f"dre-warmed-{data_version()}"
    if not cache.add(marker, time.time()) and not force:
        return 0
    count = 0
    for work in (warm_view, warm_briefing):
        for access in WARMED_FOR:
            with acting_as(access):
                for regions in first_views():
                    work(regions)
                    count += 1
    return count


def _warm_in_background(app: Flask) -> None:
    with app.app_context():
        started = time.perf_counter()
        try:
            count = warm()
        except Exception:  # a cache left cold is slower, never wrong: log it and go on
            log.exception("warming the overview's cache failed")
            return
        if count:
            seconds = time.perf_counter() - started
            log.info("warmed %d views (overviews and briefings) in %.1f s", count, seconds)


def maybe_warm() -> None:
    """Before a callback request: start warming in the background when this worker's data
    version has not been warmed (looked at most every CHECK_EVERY seconds)."""
    if request.path != "/_dash-update-component":
        return
    now = time.monotonic()
    if now - _last_check.get("at", float("-inf")) < CHECK_EVERY:
        return
    _last_check["at"] = now
    try:
        if cache.get(f"dre-warmed-{data_version()}") is not None:
            return
    except Exception:  # the database is down: the request itself will say so
        return
    app = current_app._get_current_object()
    threading.Thread(target=_warm_in_background, args=(app,), daemon=True).start()


@click.command("warm-cache")
@with_appcontext
def warm_cache_command() -> None:
    """Work out the overview and the briefing for England and each region now, into the shared
    cache (a cache in each worker, SimpleCache, warms itself after an import)."""
    started = time.perf_counter()
    count = warm(force=True)
    seconds = time.perf_counter() - started
    click.echo(f"Warmed {count} views (overviews and briefings) in {seconds:.1f} s.")
    if current_app.config.get("CACHE_TYPE") == "SimpleCache":
        click.echo(
            "The cache is each worker's own (CACHE_TYPE=SimpleCache): each warms its own after "
            "an import, so this filled only this command's cache."
        )


def init_app(server: Flask, *, background: bool) -> None:
    """The `warm-cache` command; and, when `background`, warming after every import."""
    server.cli.add_command(warm_cache_command)
    if background:
        server.before_request(maybe_warm)
