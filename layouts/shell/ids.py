"""Component ids of the frame around every page."""

URL = "url"
#: How many times the history moved (Back, Forward, a link) within one path: the page is built
#: again from the URL (a page's own writes into the URL never count).
HISTORY_MOVES = "url-history-moves"
PAGE = "page-content"
NAV_LINKS = "nav-links"
SELECTION_CHIPS = "selection-chips"
COPY_LINK = "copy-link"
NAVBAR = "navbar"

#: The page's status for screen readers: "Loading…", then "Figures updated." (assets/a11y.js).
STATUS = "dre-status"
