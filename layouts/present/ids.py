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
#: Each characteristic slide's chart ({"type": SLIDE_GRAPH, "index": slide}), drawn when its
#: slide is first shown, from the figures in SLIDE_FIGURES.
SLIDE_GRAPH = "present-slide-graph"
SLIDE_FIGURES = "present-slide-figures"
