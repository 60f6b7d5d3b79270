"""Every measure's funnel verdicts at once (`compare.verdicts.funnel_verdicts`, what the
briefing's "what changed" reads) are the Compare page's, measure by measure: on the
demonstration data (England a sum of the sites, withheld counts for a viewer) and on the
published statistics (England its own figure, blanks suppressed at source)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.compare.data import FUNNEL_KINDS, compare_data, pooling_window
from dashboard.compare.verdicts import england_sites, funnel_verdicts
from dashboard.loaders import load_catalogue, load_site_totals
from dashboard.selection import Selection
from tests import published_helpers
from tests.conftest import ADMIN, VIEWER, signed_in_request

imported = published_helpers.imported
COLUMNS = ["measure", "site", "significance", "category", "comparison"]


def _page_verdicts(selection, catalogue, codes, threshold) -> pd.DataFrame:
    """The Compare page's table, one measure at a time, against England for BME people."""
    frames = []
    for code in codes:
        found = compare_data(selection, catalogue, code, "england", "bme", None, threshold)
        frames.append(found.sites.assign(measure=code))
    return _sorted(pd.concat(frames, ignore_index=True))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[COLUMNS].sort_values(["measure", "site"]).reset_index(drop=True)


def _all_at_once(selection, catalogue, codes, threshold) -> pd.DataFrame:
    menu = catalogue.measures.set_index("code", drop=False).loc[codes]
    everyone = tuple(dict.fromkeys([*catalogue.organisations["code"], *england_sites(catalogue)]))
    periods = tuple(pooling_window(selection, catalogue).periods)
    rows = load_site_totals(everyone, tuple(codes), periods)
    compared = selection.site_codes(catalogue)
    found = funnel_verdicts(menu, rows, compared, england_sites(catalogue), "bme", threshold)
    return _sorted(found)


@pytest.mark.parametrize("email", [ADMIN, VIEWER])
@pytest.mark.parametrize("query", ["?region=LDN&pool=year", "?trust=SLAM,DORPCT&period=2009Q1"])
def test_every_measures_verdicts_are_the_compare_pages(app, email, query):
    with signed_in_request(app, email):
        catalogue = load_catalogue()
        selection = Selection.from_query(query).validated(catalogue)
        menu = catalogue.measures
        codes = menu.loc[menu["kind"].isin(FUNNEL_KINDS), "code"].tolist()
        page = _page_verdicts(selection, catalogue, codes, 10)
        at_once = _all_at_once(selection, catalogue, codes, 10)
    assert len(codes) > 20 and len(page) > 30
    # the data hold every kind of verdict, so that the equality below says something
    assert {"better", "worse", "similar", "small"} <= set(page["comparison"]), set(
        page["comparison"]
    )
    pd.testing.assert_frame_equal(at_once, page, check_dtype=False)


def test_published_verdicts_use_englands_own_figure_and_leave_blanks_out(imported):
    app, _, _ = imported
    with signed_in_request(app, ADMIN):
        catalogue = load_catalogue()
        selection = Selection.from_query("?region=Y56,Y58").validated(catalogue)
        codes = catalogue.measures["code"].tolist()
        page = _page_verdicts(selection, catalogue, codes, 20)
        at_once = _all_at_once(selection, catalogue, codes, 20)
    pd.testing.assert_frame_equal(at_once, page, check_dtype=False)
    somerset = at_once[(at_once["site"] == "QSL")]
    assert "not_compared" in set(somerset["comparison"])  # a blank is compared with nothing
    assert {"worse", "similar"} <= set(at_once["comparison"])
