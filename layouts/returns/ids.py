"""Component ids of quarterly returns (/data/returns)."""

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
#: Pattern-matching ids ({"type": ..., "index": 0}) of a check's warnings and the box that
#: ticks them all: they exist only while a check with warnings is shown.
RETURNS_WARNINGS = "returns-warnings"
RETURNS_CONFIRM_ALL = "returns-confirm-all"
