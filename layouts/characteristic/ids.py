"""Component ids of the characteristic page (/characteristic/<n>)."""

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
