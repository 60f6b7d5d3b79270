"""Quarterly returns: the template, reading and checking an upload, storing it.

The package's public names are here; each concern has its module (template, reading,
checking, plausibility, storing, limits).
"""

from dashboard.returns.checking import RowError
from dashboard.returns.limits import MAX_ROWS, MAX_UPLOAD_BYTES, ReturnRefused
from dashboard.returns.plausibility import RowWarning
from dashboard.returns.storing import ImportResult, import_return, revision_history
from dashboard.returns.template import RETURN_COLUMNS, site_template

__all__ = [
    "MAX_ROWS",
    "MAX_UPLOAD_BYTES",
    "RETURN_COLUMNS",
    "ImportResult",
    "ReturnRefused",
    "RowError",
    "RowWarning",
    "import_return",
    "revision_history",
    "site_template",
]
