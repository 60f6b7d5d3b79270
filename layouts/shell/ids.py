"""Component ids of the frame around every page."""

URL = "url"
PAGE = "page-content"
NAV_LINKS = "nav-links"
SELECTION_CHIPS = "selection-chips"
COPY_LINK = "copy-link"
NAVBAR = "navbar"
