"""The overview's cache warmed for England and each region: the page's first draw of a warmed
view is read from the cache, not worked out while the person waits (callbacks/warm.py)."""

from __future__ import annotations

import pytest

from callbacks import overview, warm
from layouts.overview import ids
from layouts.shell.ids import URL
from tests.conftest import ADMIN, VIEWER, client_as
from tests.dash_requests import dash_call

FILTERS = [
    ids.FILTER_REGION,
    ids.FILTER_TRUST,
    ids.FILTER_RURALITY,
    ids.FILTER_PERIOD,
    ids.MEASURE_MENU,
    ids.FILTER_POOLING,
]


def _first_draw(app, client, search: str):
    """The panels request a browser sends when `/?{search}` is first drawn: the filters'
    values as the page's layout sets them."""
    from dashboard.loaders import load_selection

    with app.server.test_request_context():
        catalogue, selection = load_selection(search)
        page = overview.page_layout(selection, catalogue, search)
    values = {c.id: c.value for c in page._traverse() if getattr(c, "id", None) in FILTERS}
    outputs = [f"{ids.panel_body(n)}.html" for n in ids.CHARACTERISTIC_NUMBERS]
    outputs += [f"{ids.OVERVIEW_SUMMARY}.children", f"{ids.PANEL_KEYS}.data"]
    return dash_call(
        client,
        ".." + "...".join(outputs) + "..",
        [{"id": i, "property": "value", "value": values[i]} for i in FILTERS],
        state=[
            {"id": ids.PANEL_KEYS, "property": "data", "value": {}},
            {"id": URL, "property": "search", "value": f"?{search}" if search else ""},
        ],
        changed=f"{ids.FILTER_REGION}.value",
    )


def _never_worked_out(*args, **kwargs):
    raise AssertionError("the panels were worked out, not read from the warmed cache")


def test_warming_covers_england_and_each_region_for_viewers_and_administrators(app, monkeypatch):
    with app.server.app_context():
        regions = warm.first_views()
        assert regions[0] == ()  # England first
        assert ("LDN",) in regions and len(regions) == 9
        monkeypatch.setattr(warm, "first_views", lambda: regions[:2])  # quicker: two of nine
        assert warm.warm() == 2 * 2 * 2  # overviews, then briefings, for two roles
        # once per data version and cache: a second worker sharing it does nothing
        assert warm.warm() == 0


@pytest.mark.parametrize("email", [VIEWER, ADMIN])
@pytest.mark.parametrize("search", ["", "region=SW"])
def test_a_warmed_view_is_drawn_from_the_cache(app, monkeypatch, email, search):
    monkeypatch.setattr(warm, "first_views", lambda: [(), ("SW",)])  # quicker: two of nine
    monkeypatch.setattr(warm, "warm_briefing", lambda regions: None)  # the overview's alone
    with app.server.app_context():
        warm.warm()
    monkeypatch.setattr(overview, "overview_data", _never_worked_out)
    response = _first_draw(app, client_as(app, email), search)
    assert response.status_code == 200
    assert "Something went wrong" not in response.get_data(as_text=True)
    bodies = response.get_json()["response"]
    assert "site(s)" in str(bodies[ids.OVERVIEW_SUMMARY]["children"])
    assert all(bodies[ids.panel_body(n)]["html"] for n in ids.CHARACTERISTIC_NUMBERS)


def test_a_view_not_warmed_is_worked_out(app, monkeypatch):
    """The check above can fail: two regions together are not among the warmed views."""
    monkeypatch.setattr(warm, "first_views", lambda: [(), ("SW",)])
    monkeypatch.setattr(warm, "warm_briefing", lambda regions: None)
    with app.server.app_context():
        warm.warm()
    monkeypatch.setattr(overview, "overview_data", _never_worked_out)
    response = _first_draw(app, client_as(app, VIEWER), "region=LDN,SW")
    assert "Something went wrong" in response.get_data(as_text=True)


@pytest.mark.parametrize("email", [VIEWER, ADMIN])
def test_two_warmed_regions_together_are_summed_without_reading_the_totals_again(
    app, monkeypatch, email
):
    """Two regions together are not warmed, but each region is: the
    pair's totals are summed from them in memory (under 40 users, 28 pairs of regions read
    from the database pushed the 95th percentile over a second)."""
    from data_access import totals

    monkeypatch.setattr(warm, "first_views", lambda: [("LDN",), ("SW",)])
    monkeypatch.setattr(warm, "warm_briefing", lambda regions: None)
    with app.server.app_context():
        warm.warm()

    def read_again(*args, **kwargs):
        raise AssertionError("the totals were read from the database again")

    monkeypatch.setattr(totals, "area_totals", read_again)
    monkeypatch.setattr(totals, "group_totals", read_again)
    response = _first_draw(app, client_as(app, email), "region=LDN,SW")
    assert "Something went wrong" not in response.get_data(as_text=True)
    bodies = response.get_json()["response"]
    assert "site(s)" in str(bodies[ids.OVERVIEW_SUMMARY]["children"])
    assert all(bodies[ids.panel_body(n)]["html"] for n in ids.CHARACTERISTIC_NUMBERS)


def test_the_command_warms_now(app, monkeypatch):
    monkeypatch.setattr(warm, "first_views", lambda: [()])
    result = app.server.test_cli_runner().invoke(args=["warm-cache"])
    assert result.exit_code == 0, result.output
    assert "Warmed 4 views (overviews and briefings)" in result.output
    assert "each warms its own" in result.output  # SimpleCache: not shared


def test_a_worker_warms_in_the_background_once_it_meets_a_new_version(app, monkeypatch):
    started = []

    class Thread:
        def __init__(self, target, args, daemon):
            started.append((target, args))

        def start(self):
            target, args = started[-1]
            target(*args)  # at once, here, so that the test sees what it did

    monkeypatch.setattr(warm.threading, "Thread", Thread)
    monkeypatch.setattr(warm, "first_views", lambda: [()])
    monkeypatch.setattr(warm, "_last_check", {})
    server = app.server
    with server.test_request_context("/_assets/x.css"):
        warm.maybe_warm()
    assert not started  # a file of the page does not look
    with server.test_request_context("/_dash-update-component", method="POST"):
        warm.maybe_warm()
    assert len(started) == 1
    monkeypatch.setattr(warm, "_last_check", {})
    with server.test_request_context("/_dash-update-component", method="POST"):
        warm.maybe_warm()  # warmed already for this version
    assert len(started) == 1


@pytest.mark.parametrize("email", [VIEWER, ADMIN])
def test_a_warmed_briefing_is_previewed_from_the_cache(app, monkeypatch, email):
    from callbacks.briefing import page
    from dashboard.briefing import data
    from dashboard.briefing.months import default_month
    from dashboard.loaders import load_selection
    from tests.conftest import signed_in_request

    monkeypatch.setattr(warm, "first_views", lambda: [("SW",)])
    with app.server.app_context():
        warm.warm()
    monkeypatch.setattr(data, "overview_data", _never_worked_out)
    with signed_in_request(app, email):
        catalogue, selection = load_selection("?region=SW")
        preview, _ = page.update_preview(default_month(selection, catalogue), "?region=SW")
        assert "South West" in str(preview)
        # the check can fail: a region not warmed is worked out
        with pytest.raises(AssertionError, match="worked out"):
            page.update_preview(default_month(selection, catalogue), "?region=LDN")


def test_cached_figures_are_keyed_by_the_code_so_a_release_never_serves_older_drawings(
    tmp_path, monkeypatch
):
    from dashboard import config

    (tmp_path / "layouts").mkdir()
    panel = tmp_path / "layouts" / "panel.py"
    panel.write_text("TITLE = 'Quarterly trend'\n")
    monkeypatch.setattr(config, "PROJECT_ROOT", tmp_path)
    before = config.code_version()
    assert config.code_version() == before  # the same code, the same key: workers share
    panel.write_text("TITLE = 'Trend by financial year'\n")
    assert config.code_version() != before
    prefix = config.load_config({})["CACHE_KEY_PREFIX"]
    assert prefix.startswith(f"dre-{config.code_version()}-")


def test_two_databases_never_share_cached_figures():
    """The demonstration and the published store both start at data version 1: one machine's
    cache folder served the one's figures for the other."""
    from dashboard import config

    demo = config.load_config({"DATABASE_URL": "sqlite:////tmp/demo.sqlite3"})
    published = config.load_config({"DATABASE_URL": "sqlite:////tmp/mha.sqlite3"})
    assert demo["CACHE_KEY_PREFIX"] != published["CACHE_KEY_PREFIX"]
    assert demo["CACHE_DIR"] != published["CACHE_DIR"]  # a FileSystemCache has no key prefix
