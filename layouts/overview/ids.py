"""Component ids of the overview (/) and its filters."""

FILTER_REGION = "filter-region"
FILTER_TRUST = "filter-trust"
FILTER_RURALITY = "filter-rurality"
FILTER_PERIOD = "filter-period"
MEASURE_MENU = "measure-menu"
FILTER_POOLING = "filter-pooling"
MEASURE_MENU_RESET = "measure-menu-reset"
OVERVIEW_SUMMARY = "overview-summary"
#: What each panel on screen was drawn from (a dcc.Store): a panel whose inputs did not change
#: is not sent again.
PANEL_KEYS = "panel-keys"


def panel(number: int) -> str:
    """The card of characteristic `number` (1-12)."""
    return f"panel-char-{number}"


def panel_body(number: int) -> str:
    """The part of the card that the overview callback redraws."""
    return f"panel-body-char-{number}"


CHARACTERISTIC_NUMBERS = tuple(range(1, 13))
#: Pattern-matching id type of the overview panels' links to the characteristic detail page.
DETAIL_LINK = "detail-link"
