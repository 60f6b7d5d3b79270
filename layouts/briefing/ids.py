"""Component ids of the briefing (/briefing)."""

BRIEFING_MONTH = "briefing-month"
BRIEFING_PREVIEW = "briefing-preview"
BRIEFING_DOWNLOADS = "briefing-downloads"
BRIEFING_PDF = "briefing-pdf"
BRIEFING_HTML = "briefing-html"
