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
#: The measure whose detail is on screen (a dcc.Store), so that inserting the page is no pick.
CHARACTERISTIC_SHOWN = "characteristic-shown"
CHARACTERISTIC_XMR = "characteristic-xmr"
CHARACTERISTIC_RATIO = "characteristic-ratio"
CHARACTERISTIC_GROUPS = "characteristic-groups"
CHARACTERISTIC_FUNNEL = "characteristic-funnel"
CHARACTERISTIC_TABLE = "characteristic-table"


def characteristic_option(code: str) -> str:
    """The radio input that picks measure `code` on the characteristic detail page."""
    return f"characteristic-measure-{code}"


# Compare sites (/compare).
COMPARE_MEASURE = "compare-measure"
COMPARE_CONTENT = "compare-content"
COMPARE_GROUP = "compare-group"
COMPARE_BENCHMARK = "compare-benchmark"
COMPARE_POOLING = "compare-pooling"
COMPARE_REGION = "compare-region"
COMPARE_RURALITY = "compare-rurality"
COMPARE_TRUST = "compare-trust"
COMPARE_SUMMARY = "compare-summary"
COMPARE_FUNNEL = "compare-funnel"
COMPARE_CATERPILLAR = "compare-caterpillar"
COMPARE_GRID = "compare-grid"
COMPARE_TABLE_CAPTION = "compare-table-caption"
COMPARE_DOWNLOAD_BUTTON = "compare-download-button"
COMPARE_DOWNLOAD = "compare-download"
COMPARE_SITE = "compare-site"
COMPARE_SPINE = "compare-spine"
COMPARE_SPINE_GRAPH = "compare-spine-graph"

# My site (/site/<code>).
SITE_PICKER = "site-picker"
SITE_CONTENT = "site-content"
#: The code in the page's path (a dcc.Store), so the content follows the page, not the URL.
SITE_CODE = "site-code"

# Present (/present).
PRESENT_ROOT = "present-root"
PRESENT_DECK = "present-deck"
PRESENT_SLIDE = "present-slide"
PRESENT_PREV = "present-prev"
PRESENT_NEXT = "present-next"
PRESENT_COUNTER = "present-counter"
PRESENT_EXIT = "present-exit"
PRESENT_ADVANCE = "present-advance"
PRESENT_REFRESH = "present-refresh"
PRESENT_UPDATED = "present-updated"

# Priorities (/priorities).
PRIORITIES_SHARE = "priorities-share"
PRIORITIES_BASIS = "priorities-basis"
PRIORITIES_CONTENT = "priorities-content"
PRIORITIES_APPLY = "priorities-apply"

# Quarterly returns (/data/returns).
RETURNS_SITE = "returns-site"
RETURNS_PERIODS = "returns-periods"
RETURNS_TEMPLATE_CSV = "returns-template-csv"
RETURNS_TEMPLATE_XLSX = "returns-template-xlsx"
RETURNS_DOWNLOAD = "returns-download"
RETURNS_UPLOAD = "returns-upload"
RETURNS_CHECK = "returns-check"
RETURNS_CONFIRM = "returns-confirm"
RETURNS_RESULT = "returns-result"
RETURNS_HISTORY = "returns-history"

# Menu of measures (/data/measures).
MENU_VERSION = "menu-version"
MENU_TABLE = "menu-table"
MENU_FORM_VERSION = "menu-form-version"
MENU_PICK = "menu-pick"
MENU_STATUS = "menu-status"
MENU_CODE = "menu-code"
MENU_CHARACTERISTIC = "menu-characteristic"
MENU_NAME = "menu-name"
MENU_KIND = "menu-kind"
MENU_POLARITY = "menu-polarity"
MENU_UNIT = "menu-unit"
MENU_MULTIPLIER = "menu-multiplier"
MENU_BY_ETHNICITY = "menu-by-ethnicity"
MENU_NUMERATOR = "menu-numerator"
MENU_DENOMINATOR = "menu-denominator"
MENU_SOURCE = "menu-source"
MENU_SAVE = "menu-save"
MENU_AGREE = "menu-agree"
MENU_RETIRE = "menu-retire"
MENU_RESULT = "menu-result"
MENU_SITE = "menu-site"
MENU_SITE_VERSION = "menu-site-version"
MENU_ADOPTION = "menu-adoption"
#: Pattern-matching id types of the site editor's rows ({"type": ..., "code": measure code}).
MENU_ADOPT = "menu-adopt"
MENU_TARGET = "menu-target"
MENU_SITE_SAVE = "menu-site-save"
MENU_SITE_RESULT = "menu-site-result"

# Action plans (/data/actions, and the site page's section).
ACTIONS_SITE = "actions-site"
ACTIONS_PLAN = "actions-plan"
ACTIONS_EDITOR = "actions-editor"
ACTIONS_EDITOR_NOTE = "actions-editor-note"
ACTIONS_PICK = "actions-pick"
ACTIONS_CHARACTERISTIC = "actions-characteristic"
ACTIONS_TEXT = "actions-text"
ACTIONS_OWNER = "actions-owner"
ACTIONS_DUE = "actions-due"
ACTIONS_STATUS = "actions-status"
ACTIONS_NOTE = "actions-note"
ACTIONS_SAVE = "actions-save"
ACTIONS_RESULT = "actions-result"
#: The number of saves so far (a dcc.Store): a save redraws the plan from the database.
ACTIONS_SAVED = "actions-saved"

# Briefing (/briefing).
BRIEFING_MONTH = "briefing-month"
BRIEFING_PREVIEW = "briefing-preview"
BRIEFING_DOWNLOADS = "briefing-downloads"
BRIEFING_PDF = "briefing-pdf"
BRIEFING_HTML = "briefing-html"
