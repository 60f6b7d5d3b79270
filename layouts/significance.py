"""One encoding for where a value stands against a benchmark, defined once: each category of
`dashboard.significance` gets a colour, a marker shape and words, and the funnel plot, the
caterpillar chart, the spine chart, the tables and the site page all draw it from here.

Colour says the judgement, by the measure's polarity: blue better, vermillion worse, reddish
purple for higher or lower where the measure has no better direction (never coloured as if it
had one), grey similar, dark grey for small numbers. The shape says the rest, so that colour is
never the only cue: a triangle pointing up or down for a value above or below the benchmark,
filled outside the 99.8% limits and open outside the 95% limits only, a filled circle for
similar, a hollow circle for small numbers (as on every chart of the app), a cross where there
was no comparison. Colours are Okabe-Ito; words take the same hue darkened where the mark's own
colour would be too pale to read as text (WCAG AA on white).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dash import html

from dashboard.significance import CATEGORIES, judgement
from dashboard.vocabulary import significance_words

#: judgement → (colour of the mark, ink: the same hue for words)
COLOURS = {
    "better": ("#0072B2", "#0072B2"),
    "worse": ("#D55E00", "#B34700"),
    "higher": ("#CC79A7", "#9B4D83"),
    "lower": ("#CC79A7", "#9B4D83"),
    "similar": ("#8C8C8C", "#505A5F"),
    "small": ("#555555", "#555555"),
    "not_compared": ("#8C8C8C", "#6C757D"),
}
#: category → (Plotly marker symbol, the same shape as a character for tables and words)
SHAPES = {
    "high_998": ("triangle-up", "▲"),
    "high_95": ("triangle-up-open", "△"),
    "similar": ("circle", "●"),
    "low_95": ("triangle-down-open", "▽"),
    "low_998": ("triangle-down", "▼"),
    "small": ("circle-open", "○"),
    "none": ("x", "×"),
}


@dataclass(frozen=True)
class Mark:
    """How one category is shown for a measure of one polarity."""

    category: str
    label: str
    colour: str
    ink: str
    symbol: str
    glyph: str

    @property
    def text(self) -> str:
        """The shape and the words, for a table that cannot colour: '▲ Significantly worse …'."""
        return f"{self.glyph} {self.label}"

    def marker(self, size: int = 11) -> dict:
        """The Plotly marker: open shapes get a thicker outline, to read at a glance."""
        width = 2 if self.symbol.endswith("-open") else 1
        return {
            "color": self.colour,
            "symbol": self.symbol,
            "size": size,
            "line": {"width": width, "color": self.colour},
        }


def mark(
    category: str, polarity: str, benchmark: str = "the benchmark", limits: bool = True
) -> Mark:
    """The mark of `category` for a measure of `polarity`; its words say the funnel's limits
    (`limits=True`) or name the benchmark an interval was set against (the site page, the
    spine chart)."""
    category = category if category in SHAPES else "none"
    colour, ink = COLOURS[judgement(category, polarity)]
    symbol, glyph = SHAPES[category]
    label = significance_words(category, polarity, benchmark, limits)
    return Mark(category, label, colour, ink, symbol, glyph)


def marks_present(categories: Iterable[str]) -> list[str]:
    """The categories among `categories`, once each, in the legend's order."""
    present = set(categories)
    return [c for c in CATEGORIES if c in present]


def mark_words(m: Mark, *after: str) -> html.Span:
    """The mark in a sentence: its shape in its colour (hidden from screen readers, which read
    the words), then its words in bold."""
    return html.Span(
        [
            html.Span(
                m.glyph, style={"color": m.colour}, className="sig-glyph", **{"aria-hidden": "true"}
            ),
            html.Strong(m.label, style={"color": m.ink}, className="sig-words"),
            *after,
        ],
        className="sig-mark",
    )
