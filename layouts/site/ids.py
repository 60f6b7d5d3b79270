"""Component ids of my site (/site/<code>)."""

SITE_PICKER = "site-picker"
SITE_CONTENT = "site-content"
#: The code in the page's path (a dcc.Store), so the content follows the page, not the URL.
SITE_CODE = "site-code"
