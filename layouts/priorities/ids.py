"""Component ids of priorities (/priorities)."""

PRIORITIES_SHARE = "priorities-share"
PRIORITIES_BASIS = "priorities-basis"
PRIORITIES_CONTENT = "priorities-content"
PRIORITIES_APPLY = "priorities-apply"
