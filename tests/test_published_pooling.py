"""Rolling pools add quarters (a rolling year is four): on published financial years no page,
chart title or API answer pools four years and calls it a year, and the words say what each
value is ("each financial year", "Trend by financial year")."""

from __future__ import annotations

from callbacks import overview
from dashboard.characteristic import page_context
from dashboard.loaders import load_catalogue, load_selection
from dashboard.overview.data import overview_data
from dashboard.selection import Selection, pooling_words
from layouts.overview import ids
from layouts.overview.panel import trend_title
from tests import published_helpers
from tests.conftest import client_as, signed_in_request
from tests.published_helpers import ADMIN

imported = published_helpers.imported  # the module's fixture: the extract, imported


def test_a_rolling_year_of_financial_years_is_not_offered_nor_drawn(imported):
    app, _, _ = imported
    with signed_in_request(app, ADMIN):
        catalogue, selection = load_selection("?region=Y56&pool=year")
        assert catalogue.grain == "financial_year"
        assert selection.pooling == "quarter"  # each period, as stored
        page = overview.page_layout(selection, catalogue, "?region=Y56&pool=year")
    (pooling,) = [c for c in page._traverse() if getattr(c, "id", None) == ids.FILTER_POOLING]
    first, *rolling = pooling.options
    assert first == {"label": "Each financial year", "value": "quarter"}
    assert [o["value"] for o in rolling] == ["year", "3years"]
    assert all(o["disabled"] for o in rolling)
    (slider,) = [c for c in page._traverse() if getattr(c, "id", None) == ids.FILTER_PERIOD]
    assert slider.marks == {0: "2023/24"}  # not "2023", read as the calendar year


def test_the_trend_and_captions_say_each_financial_year(imported):
    app, _, _ = imported
    with signed_in_request(app, ADMIN):
        catalogue = load_catalogue()
        selection = Selection(regions=("Y56",)).validated(catalogue)
        data = overview_data(selection, catalogue, ["MHA01"])
        (summary,) = [s for ss in data.panels.values() for s in ss if s.code == "MHA01"]
        context = page_context(selection, catalogue, _characteristic_data(selection, catalogue))
    assert trend_title(summary) == "Trend by financial year"
    assert pooling_words("quarter", ["2023/24"]) == "each financial year"
    assert context.pooling == "each value is one financial year"
    assert context.span == "2023/24"  # the captions' period: one year named once


def test_one_financial_year_is_named_once_on_the_slides(imported):
    """The present mode's caption said "2023/24 to 2023/24" for the one published year."""
    from dashboard.present import presentation

    app, _, _ = imported
    with signed_in_request(app, ADMIN):
        catalogue = load_catalogue()
        shown = presentation(Selection(regions=("Y56",)).validated(catalogue), catalogue)
    assert shown.period == "2023/24"
    assert "2023/24" in shown.context and " to " not in shown.context


def _characteristic_data(selection, catalogue):
    from dashboard.characteristic import characteristic_data

    return characteristic_data(selection, catalogue, 4)


def test_the_api_refuses_to_pool_financial_years_and_says_why(imported):
    app, _, _ = imported
    client = client_as(app, ADMIN)
    response = client.get("/api/v1/values?measure=MHA01&area=E92000001&pool=year")
    assert response.status_code == 400
    problem = response.get_json()
    assert "financial year" in str(problem) and "pool" in str(problem)
    assert client.get("/api/v1/values?measure=MHA01&area=E92000001").status_code == 200
