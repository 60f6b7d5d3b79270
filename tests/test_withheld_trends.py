"""No verdict on a trend with quarters withheld: disclosure control withholds exactly the
counts of 1 to 7, so a mean, limits and runs of the quarters left would be biased (issue 13,
found by looking at the pages: a prison's M09B read "No significant change, mean 0.00")."""

from __future__ import annotations

import math
import re
from urllib.parse import unquote

import numpy as np
import pytest

from dashboard.stats.pooling import WITHHELD_VARIATION, judged_xmr
from dashboard.vocabulary import variation_words
from tests.components import prop
from tests.conftest import ADMIN, VIEWER, client_as, signed_in_request
from tests.test_vocabulary import _find, _with, _words
from tests.test_withheld import visitor_app  # noqa: F401  (a fixture)

WORDS = "no verdict on the trend (quarters withheld)"


def test_a_series_with_a_withheld_point_gets_no_verdict_mean_or_limits():
    values = np.array([0.0, np.nan, 0.0, 0.0, np.nan, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
    plain = judged_xmr(values, False, improvement="decrease", target=1.0)
    assert plain.variation == "common_cause" and math.isfinite(plain.mean)
    judged = judged_xmr(values, True, improvement="decrease", target=1.0)
    assert judged.variation == WITHHELD_VARIATION and judged.assurance is None
    assert not judged.trial  # no limits at all, so none on trial
    assert np.isnan(judged.means).all() and np.isnan(judged.upls).all()
    assert variation_words(judged.variation) == WORDS


def test_the_overview_gives_no_verdict_on_a_rural_series_with_quarters_withheld(
    app,
    visitor_app,  # noqa: F811
):
    from callbacks.overview import update_panels
    from tests.components import read_panels

    for context in (
        signed_in_request(app, VIEWER),
        visitor_app.server.test_request_context(),
    ):
        with context:
            panels = read_panels(update_panels([], [], "rural", None, ["M09B"]))
        block = _words(_find(panels[8], _with("data-measure", "M09B")))
        assert WORDS in block.lower() and "no significant change" not in block.lower()
    with signed_in_request(app, ADMIN):  # record-level rights: the whole series, judged
        panels = read_panels(update_panels([], [], "rural", None, ["M09B"]))
    block = _words(_find(panels[8], _with("data-measure", "M09B")))
    assert WORDS not in block.lower()


def test_the_site_page_gives_no_mean_of_the_quarters_left(app):
    from callbacks.site import update_site_content

    with signed_in_request(app, VIEWER):
        page = update_site_content("HMPBRX", "")
    card = _words(_find(page, _with("id", "site-measure-M09B")))
    assert WORDS in card.lower() and "mean 0.00" not in card


@pytest.mark.parametrize("email", [VIEWER, ADMIN])
def test_the_api_spc_says_the_same(app, email):
    chart = client_as(app, email).get("/api/v1/spc?measure=M09B&area=HMPBRX&group=bme").get_json()
    if email == VIEWER:
        assert chart["variation"] == "withheld" and chart["assurance"] is None
        assert all(p["mean"] is None and p["upper_process_limit"] is None for p in chart["data"])
    else:
        assert chart["variation"] not in (None, "withheld")


def test_the_sites_reporting_and_left_out_add_up(app):
    """Seven prisons return M09B; for a viewer BME leaves 4 out and White British 5: the caption
    says 7 reporting and each group's own count left out (it said 3 reporting, 5 left out)."""
    from callbacks.overview import update_panels
    from tests.components import read_panels

    with signed_in_request(app, VIEWER):
        panels = read_panels(update_panels([], [], "all", None, ["M09B"]))
    caption = _words(_find(panels[8], _with("data-measure", "M09B")))
    assert "7 site(s) reporting" in caption
    assert "BME: 4 sites, White British: 5 sites left out (withheld: fewer than 8)" in caption


def test_the_recording_chart_keeps_withheld_quarters_as_gaps(app):
    """The quarters whose records not stated are withheld are those with the fewest: dropping
    them (the line joined across, and stopped early) made the site read worse than it is."""
    from callbacks.site import update_site_content

    with signed_in_request(app, VIEWER):
        page = update_site_content("HMPBRX", "")
    quality = _find(page, lambda c: "site-dq-chart" in str(getattr(c, "className", "")))
    image = _find(quality, lambda c: "chart-img" in str(getattr(c, "className", "")))
    svg = unquote(image.src.split(",", 1)[1])
    labels = re.findall(r'text-anchor="(?:start|middle|end)">([^<0-9][^<]*)</text>', svg)
    assert labels[-1] == "Jan–Mar 2010"  # the axis runs to the last quarter returned
    # each point in its quarter's place among the 18: 40 + 352 * i / 17 (layouts/sparkline)
    places = [round((float(cx) - 40) * 17 / 352) for cx in re.findall(r"cx='([\d.]+)'", svg)]
    assert places == sorted(places) and len(places) < 18  # the withheld ones left out
    assert set(range(min(places), max(places) + 1)) - set(places)  # as gaps, not closed up
    assert "withheld: fewer than 8 (gaps in the line)" in _words(quality)


def test_a_chart_of_nothing_has_an_axis_without_numbers():
    """Left to Plotly, an empty chart's axis ran -1 to 4 (a count cannot be -1)."""
    from layouts.scales import value_axis

    assert value_axis([float("nan")], (0.0, None)) == {"range": [0.0, 1.0], "showticklabels": False}
    assert value_axis([], (None, None))["showticklabels"] is False
    assert value_axis([3.0, 5.0], (0.0, None))["range"][0] >= 0.0


def test_the_overviews_trend_of_nothing_has_no_numbers_on_its_axis(app):
    from urllib.parse import unquote

    from callbacks.overview import update_panels
    from tests.components import read_panels
    from tests.test_vocabulary import _with_class

    with signed_in_request(app, VIEWER):
        panels = read_panels(update_panels([], [], "all", None, ["M09B"]))
    image = _find(_find(panels[8], _with("data-measure", "M09B")), _with_class("trend-img"))
    svg = unquote(prop(image, "src"))
    assert "withheld: fewer than 8" in svg
    assert ">0.5<" not in svg and ">1<" not in svg and ">0<" not in svg
