"""The cascade briefing as a PDF, drawn with fpdf2 (pure Python: no browser on the server).

The core fonts cover Latin-1 only, so every text passes through `latin` first: the dashes,
signs and quotes the app writes are replaced by their nearest Latin-1 form and anything else
by "?", so that no name or sentence can stop the document being made. The small trend charts
are drawn with line primitives from the same geometry as the HTML's SVG (`sketch`).
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from dashboard.briefing.model import Briefing, Change, CharacteristicLine
from layouts.briefing.render import (
    ACTION_HEADINGS,
    BAND,
    BME,
    MUTED,
    SIGNIFICANCE_HEADINGS,
    TONE_COLOURS,
    action_rows,
    change_sections,
    line_sketch,
    significance_rows,
)

FONT = "Helvetica"
NAVY = "#1d3a5f"
#: Characters the app writes that Latin-1 lacks, and what the PDF prints instead.
REPLACEMENTS = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "−": "-",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "…": "...",
        "≥": ">=",
        "≤": "<=",
        "∶": ":",
        "†": "+",
        "•": "-",
        "→": "->",
        "\u00a0": " ",
        "\u202f": " ",
    }
)
CHART_W, CHART_H, CHART_LEFT = 46.0, 14.0, 9.0


def latin(text: object) -> str:
    """`text` in the core fonts' Latin-1: known signs replaced, anything else as '?'."""
    return str(text).translate(REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


class BriefingPDF(FPDF):
    """A4 pages with the briefing's title and the page number at the foot."""

    def __init__(self, foot: str) -> None:
        super().__init__(format="A4")
        self.foot = latin(foot)
        self.set_margins(14, 14, 14)
        self.set_auto_page_break(True, margin=14)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(FONT, size=7)
        self.set_text_color(MUTED)
        self.cell(0, 4, f"{self.foot} - page {self.page_no()} of {{nb}}", align="C")

    def text_block(self, text: str, size: float = 9, style: str = "", colour: str = "#1b1b1b"):
        self.set_font(FONT, style=style, size=size)
        self.set_text_color(colour)
        self.multi_cell(0, size * 0.48, latin(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str, size: float = 12) -> None:
        if self.will_page_break(24):
            self.add_page()
        self.ln(2)
        self.text_block(text, size, "B", NAVY)
        self.set_draw_color(NAVY)
        self.set_line_width(0.5)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)


def _chart(pdf: FPDF, line: CharacteristicLine, x: float, y: float) -> None:
    """The characteristic's small trend at (x, y): band, reference, line, latest point."""
    s = line_sketch(line, CHART_W, CHART_H, CHART_LEFT)
    if s is None:
        return

    def at(points):
        return [(x + px, y + py) for px, py in points]

    if s.band:
        pdf.set_fill_color(BAND)
        pdf.polygon(at(s.band), style="F")
    if s.reference is not None:
        pdf.set_draw_color(MUTED)
        pdf.set_line_width(0.2)
        pdf.set_dash_pattern(dash=1, gap=0.8)
        pdf.line(x + CHART_LEFT, y + s.reference, x + CHART_W - 1, y + s.reference)
        pdf.set_dash_pattern()
    pdf.set_draw_color(BME)
    pdf.set_line_width(0.45)
    pdf.polyline(at(s.line))
    pdf.set_fill_color(BME)
    last_x, last_y = at(s.line[-1:])[0]
    pdf.circle(last_x, last_y, 0.7, style="F")
    pdf.set_font(FONT, size=5.5)
    pdf.set_text_color(MUTED)
    for label, top in ((s.labels[0], y + 0.5), (s.labels[1], y + CHART_H - 3)):
        pdf.set_xy(x, top)
        pdf.cell(CHART_LEFT - 1, 2.5, latin(label))
    pdf.set_xy(x + CHART_LEFT, y + CHART_H)
    pdf.multi_cell(CHART_W - CHART_LEFT, 2.4, latin(line.chart_label), align="L")


def _characteristic(pdf: BriefingPDF, line: CharacteristicLine) -> None:
    """Number, name and sentence on the left, the trend on the right; kept on one page."""
    text_w = pdf.epw - CHART_W - 4
    title = f"{line.number}. {line.short_name}"
    pdf.set_font(FONT, size=8.5)
    sentence_h = pdf.multi_cell(text_w, 3.9, latin(line.sentence), dry_run=True, output="HEIGHT")
    height = max(5 + sentence_h, CHART_H + 6) + 2
    if pdf.will_page_break(height):
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_font(FONT, style="B", size=9.5)
    pdf.set_text_color(NAVY)
    pdf.cell(pdf.get_string_width(latin(title)) + 3, 5, latin(title))
    pdf.set_text_color(TONE_COLOURS.get(line.tone, MUTED))
    pdf.cell(0, 5, latin(line.verdict + ("  -  new signal" if line.new_signal else "")))
    pdf.set_xy(pdf.l_margin, top + 5)
    pdf.set_font(FONT, size=8.5)
    pdf.set_text_color("#1b1b1b")
    pdf.multi_cell(text_w, 3.9, latin(line.sentence), align="L")
    _chart(pdf, line, pdf.l_margin + text_w + 4, top + 1)
    pdf.set_draw_color("#d0d4d9")
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, top + height - 1, pdf.w - pdf.r_margin, top + height - 1)
    pdf.set_xy(pdf.l_margin, top + height)


def _changes(pdf: BriefingPDF, changes: list[Change], none: str) -> None:
    if not changes:
        pdf.text_block(none, 8.5)
        return
    for change in changes:
        pdf.text_block(f"- {change.text}", 8.5, colour=TONE_COLOURS[change.tone])
        pdf.ln(0.6)


def _table(pdf: BriefingPDF, headings, rows, widths, tones=None) -> None:
    pdf.set_font(FONT, size=7.5)
    pdf.set_text_color("#1b1b1b")
    pdf.set_draw_color("#d0d4d9")
    pdf.set_line_width(0.2)
    pdf.set_fill_color("#ffffff")
    heading_style = FontFace(emphasis="B", fill_color="#f3f4f6")
    with pdf.table(
        col_widths=widths,
        text_align="LEFT",
        line_height=3.6,
        headings_style=heading_style,
        padding=0.8,
    ) as table:
        table.row([latin(h) for h in headings])
        for i, row in enumerate(rows):
            cells = table.row()
            for j, value in enumerate(row):
                tone = tones[i] if tones and j == len(row) - 1 else "neutral"
                cells.cell(latin(value), style=FontFace(color=TONE_COLOURS[tone]))


def _what_changed(pdf: BriefingPDF, b: Briefing) -> None:
    """New signals, targets, then the sites whose significance changed, as a table."""
    for title, changes, none in change_sections(b):
        pdf.text_block(title, 10, "B")
        _changes(pdf, changes, none)
        pdf.ln(1.5)
    pdf.text_block("Sites whose significance against England changed", 10, "B")
    rows = significance_rows(b)
    if rows:
        headings = (*SIGNIFICANCE_HEADINGS, b.previous_label, b.period_label)
        _table(pdf, headings, [r[:4] for r in rows], (46, 56, 40, 40), [r[4] for r in rows])
    else:
        pdf.text_block("No site's significance against England changed.", 8.5)


def briefing_pdf(briefing: Briefing, produced: str = "", compress: bool = True) -> bytes:
    """The briefing as PDF bytes (`compress=False` leaves the text readable in the file)."""
    b = briefing
    pdf = BriefingPDF(f"DRE cascade briefing, {b.month_label}")
    pdf.set_compression(compress)
    pdf.set_title(latin(f"DRE cascade briefing, {b.month_label}"))
    pdf.set_creator("DRE Dashboard")
    pdf.add_page()
    pdf.text_block(
        "Delivering Race Equality in Mental Health Care - cascade briefing", 8, "", MUTED
    )
    pdf.text_block(f"{b.month_label}: figures of {b.period_label}", 16, "B", NAVY)
    pdf.text_block(b.context + produced, 8.5, "", MUTED)
    pdf.ln(2)
    pdf.set_fill_color("#eef3f8")
    pdf.set_font(FONT, size=9.5)
    pdf.set_text_color("#1b1b1b")
    pdf.multi_cell(
        0, 4.6, latin(b.headline), fill=True, padding=2, new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    if b.notice:
        pdf.text_block(b.notice, 9, "B")
    pdf.heading("The twelve characteristics")
    for line in b.characteristics:
        _characteristic(pdf, line)
    pdf.heading("What changed since last month")
    if b.nothing_to_compare:
        pdf.text_block(b.nothing_to_compare, 8.5)
    else:
        _what_changed(pdf, b)
    pdf.heading("Overdue actions")
    pdf.text_block(b.overdue_words, 8.5)
    actions = action_rows(b)
    if actions:
        pdf.ln(1)
        _table(pdf, ACTION_HEADINGS, actions, (36, 28, 56, 24, 19, 19))
    return bytes(pdf.output())
