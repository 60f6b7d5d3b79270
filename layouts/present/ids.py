"""Component ids of present mode (/present)."""

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
#: Each characteristic slide's place for its chart ({"type": SLIDE_CHART, "index": slide}): empty
#: until its slide is first shown, when a graph of its figure in SLIDE_FIGURES is put in it.
SLIDE_CHART = "present-slide-chart"
SLIDE_FIGURES = "present-slide-figures"
