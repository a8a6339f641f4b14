"""The cover page: a title band, the illustration and lines to fill in by hand."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
)

from layouts.booklet.flowables import (
    Illustration,
)
from layouts.booklet.style import (
    Look,
    colour,
    text_width,
    user_text,
)
from publish import figures, tagging
from publish.fonts import FontSet
from publish.model import Book
from publish.pdfdoc import figure_alt
from publish.tagging import Node
from publish.pdftext import draw_string, wrap
from publish.prescribing import fields
from publish.theme import Theme

#: The cover's lines to fill in by hand, top to bottom; a programme prints its own on them.
FILL_IN = ("Prepared for", "by", "on", "How often")
#: Printed too when a programme names a clinic or says when to review.
CLINIC, REVIEW = "Clinic", "Review"


class Cover(Flowable):
    """The whole cover: a title band, the illustration and lines to fill in by hand."""

    def __init__(self, book: Book, look: Look, theme: Theme, styles, fonts: FontSet, parent: Node | None = None):
        super().__init__()
        self.book, self.look, self.theme, self.styles, self.fonts = book, look, theme, styles, fonts
        self.parent = parent or Node("Document")  # where the cover's elements go

    def wrap(self, available_width, available_height):
        self.width, self.height = available_width, available_height - 1
        return self.width, self.height

    def draw(self):
        canvas, look, palette, fonts = self.canv, self.look, self.theme.palette, self.fonts
        band_pad = look.margin
        title_style = ParagraphStyle(
            "cover_title", self.styles["h1"], fontSize=look.title, leading=look.title * 1.12, textColor=colour(palette.paper)
        )
        sub_style = ParagraphStyle(
            "cover_sub", self.styles["body"], fontSize=look.h2 * 1.15, leading=look.h2 * 1.5, textColor=colour(palette.paper)
        )
        eyebrow = ParagraphStyle("cover_eyebrow", self.styles["eyebrow"], textColor=colour(palette.accent_tint))
        parts = [Paragraph("HOME EXERCISE PROGRAMME", eyebrow), Paragraph(user_text(self.book.title, fonts, fonts.bold), title_style)]
        roles = ["P", "H1"]
        if self.book.subtitle:
            parts.append(Paragraph(user_text(self.book.subtitle, fonts), sub_style))
            roles.append("P")
        heights = [p.wrap(self.width, self.height)[1] for p in parts]
        gaps = look.gap * 1.2
        band_h = sum(heights) + gaps * (len(parts) - 1) + band_pad * 1.3
        # The band bleeds to the page's top and sides (the frame starts one margin in).
        page_top = self.height + look.margin
        canvas.saveState()
        canvas.setFillColor(colour(palette.accent))
        canvas.rect(-look.margin, page_top - band_h - look.margin * 0.6, self.width + 2 * look.margin, band_h + look.margin * 0.6, stroke=0, fill=1)
        canvas.restoreState()
        y = page_top - band_pad
        for part, height, role in zip(parts, heights, roles):
            y -= height
            tagging.space_line_ends(part)
            with tagging.tag(canvas, self.parent.child(role)):
                part.drawOn(canvas, 0, y)
            y -= gaps
        band_bottom = page_top - band_h - look.margin * 0.6

        # Read top to bottom: the logo, the picture, the tagline, then the lines at the foot.
        rows = self._fill_in_rows()
        lines_top = look.gap + sum(self._row_height(lines) for _, lines in rows)
        count = len(self.book.exercises)
        tagline = f"{count} exercise{'s' if count != 1 else ''}, with a diary to track your progress"
        tagline_y = lines_top + look.gap * 3
        shown = next((e for e in self.book.exercises if e.figure is not None), None)
        room_top, room_bottom = band_bottom - look.gap * 3, tagline_y + look.body + look.gap * 2
        room_top = self._logo(room_top)
        if shown is not None and room_top - room_bottom > 20 * mm:
            height = min(room_top - room_bottom, self.width / figures.aspect(shown.figure))
            picture = Illustration(shown.figure, self.width, height, self.theme, fonts)
            picture.wrap(self.width, height)
            y = room_bottom + (room_top - room_bottom - height) / 2
            with tagging.tag(canvas, self.parent.child("Figure", alt=figure_alt(shown)), bbox=(0, y, picture.width, height)):
                picture.drawOn(canvas, 0, y)
        canvas.setFillColor(colour(palette.soft))
        with tagging.tag(canvas, self.parent.child("P")):
            draw_string(canvas, self.width / 2, tagline_y, tagline, fonts.regular, look.body, fonts, "middle")
        self._fill_in_lines(rows, lines_top)

    def _logo(self, top: float) -> float:
        """Draw a programme's clinic logo at the top right under the band; return the room left below it."""
        prescription = self.book.prescription
        logo = prescription.clinic.logo if prescription and prescription.clinic else None
        if logo is None:
            return top
        height = 14 * mm * self.look.scale
        width = min(height * logo.width_px / logo.height_px, self.width * 0.45)
        height = width * logo.height_px / logo.width_px
        # an artifact, as on the chart: the clinic's name is printed on the lines below
        self.canv.drawImage(logo.path, self.width - width, top - height, width, height, mask="auto")
        return top - height - self.look.gap

    def _fill_in_rows(self) -> list[tuple[str, list[str]]]:
        """The lines at the foot, top to bottom: each label and what a programme prints on it.

        A programme's patient, prescriber, date, frequency and review are printed on them, a
        long value wrapped onto lines above its rule (never cut short); without a programme
        they are left to fill in by hand. "How often" is then asked, not printed: the source
        gives no frequency, and the products never invent a dose.
        """
        prescription = self.book.prescription
        filled = dict(fields(prescription)) if prescription else {}
        labels = list(FILL_IN)
        if CLINIC in filled:
            labels.insert(labels.index("by") + 1, CLINIC)
        if REVIEW in filled:
            labels.append(REVIEW)
        width = self.width - self._label_width(labels) - 2 * mm
        fonts, size = self.fonts, self.look.body
        return [(label, wrap(filled[label], fonts.regular, size, width, fonts) if label in filled else []) for label in labels]

    def _label_width(self, labels) -> float:
        return max(text_width(label, self.fonts.bold, self.look.body, self.fonts) for label in labels) + 3 * mm

    def _row_height(self, lines: list[str]) -> float:
        return self.look.body * 2.6 + self.look.body * 1.25 * max(0, len(lines) - 1)

    def _fill_in_lines(self, rows: list[tuple[str, list[str]]], top: float) -> None:
        """Draw the lines at the foot, top to bottom from ``top``: each label, its value, its rule."""
        canvas, look, fonts = self.canv, self.look, self.fonts
        canvas.setStrokeColor(colour(self.theme.palette.rule))
        canvas.setLineWidth(0.7)
        leading = look.body * 1.25
        label_w = self._label_width([label for label, _ in rows])
        y = top
        for label, lines in rows:
            y -= self._row_height(lines)
            first = y + 2 + leading * max(0, len(lines) - 1)
            canvas.setFillColor(colour(self.theme.palette.ink))
            with tagging.tag(canvas, self.parent.child("P")):
                draw_string(canvas, 0, first, label + (" " if lines else ""), fonts.bold, look.body, fonts)
                for index, line in enumerate(lines):
                    ending = " " if index < len(lines) - 1 else ""  # wrapped text reads with its spaces
                    draw_string(canvas, label_w + 1 * mm, first - index * leading, line + ending, fonts.regular, look.body, fonts)
            canvas.line(label_w, y, self.width, y)
