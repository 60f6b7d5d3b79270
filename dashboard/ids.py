"""Every component id of the app, defined once (kebab-case, feature prefix)."""

URL = "url"
PAGE = "page-content"

FILTER_REGION = "filter-region"
FILTER_TRUST = "filter-trust"
FILTER_RURALITY = "filter-rurality"
FILTER_PERIOD = "filter-period"
MEASURE_MENU = "measure-menu"
FILTER_POOLING = "filter-pooling"
MEASURE_MENU_RESET = "measure-menu-reset"
OVERVIEW_SUMMARY = "overview-summary"


def panel(number: int) -> str:
    """The card of characteristic `number` (1-12)."""
    return f"panel-char-{number}"


def panel_body(number: int) -> str:
    """The part of the card that the overview callback redraws."""
    return f"panel-body-char-{number}"


CHARACTERISTIC_NUMBERS = tuple(range(1, 13))

# Shell: navigation, the selection as chips, copying the link.
NAV_LINKS = "nav-links"
SELECTION_CHIPS = "selection-chips"
COPY_LINK = "copy-link"
NAVBAR = "navbar"
#: Pattern-matching id type of the overview panels' links to the characteristic detail page.
DETAIL_LINK = "detail-link"

# Characteristic detail (/characteristic/<n>).
CHARACTERISTIC_MEASURE = "characteristic-measure"
CHARACTERISTIC_CONTENT = "characteristic-content"

# Compare sites (/compare).
COMPARE_MEASURE = "compare-measure"
COMPARE_CONTENT = "compare-content"

# My site (/site/<code>).
SITE_PICKER = "site-picker"
SITE_CONTENT = "site-content"

# Present (/present).
PRESENT_ROOT = "present-root"

# Priorities (/priorities).
PRIORITIES_SHARE = "priorities-share"
PRIORITIES_CONTENT = "priorities-content"
