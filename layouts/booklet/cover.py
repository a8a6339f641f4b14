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
    fit_line,
    text_width,
    user_text,
)
from publish import figures
from publish.fonts import FontSet
from publish.model import Book
from publish.pdftext import draw_string
from publish.prescribing import fields
from publish.theme import Theme

#: The cover's lines to fill in by hand, top to bottom; a programme prints its own on them.
FILL_IN = ("Prepared for", "by", "on", "How often")
#: Printed too when a programme names a clinic or says when to review.
CLINIC, REVIEW = "Clinic", "Review"


class Cover(Flowable):
    """The whole cover: a title band, the illustration and lines to fill in by hand."""

    def __init__(self, book: Book, look: Look, theme: Theme, styles, fonts: FontSet):
        super().__init__()
        self.book, self.look, self.theme, self.styles, self.fonts = book, look, theme, styles, fonts

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
        if self.book.subtitle:
            parts.append(Paragraph(user_text(self.book.subtitle, fonts), sub_style))
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
        for part, height in zip(parts, heights):
            y -= height
            part.drawOn(canvas, 0, y)
            y -= gaps
        band_bottom = page_top - band_h - look.margin * 0.6

        lines_top = self._fill_in_lines()
        count = len(self.book.exercises)
        tagline = f"{count} exercise{'s' if count != 1 else ''}, with a diary to track your progress"
        canvas.setFillColor(colour(palette.soft))
        tagline_y = lines_top + look.gap * 3
        draw_string(canvas, self.width / 2, tagline_y, tagline, fonts.regular, look.body, fonts, "middle")
        figure = next((e.figure for e in self.book.exercises if e.figure is not None), None)
        room_top, room_bottom = band_bottom - look.gap * 3, tagline_y + look.body + look.gap * 2
        room_top = self._logo(room_top)
        if figure is not None and room_top - room_bottom > 20 * mm:
            height = min(room_top - room_bottom, self.width / figures.aspect(figure))
            picture = Illustration(figure, self.width, height, self.theme, fonts)
            picture.wrap(self.width, height)
            picture.drawOn(canvas, 0, room_bottom + (room_top - room_bottom - height) / 2)

    def _logo(self, top: float) -> float:
        """Draw a programme's clinic logo at the top right under the band; return the room left below it."""
        prescription = self.book.prescription
        logo = prescription.clinic.logo if prescription and prescription.clinic else None
        if logo is None:
            return top
        height = 14 * mm * self.look.scale
        width = min(height * logo.width_px / logo.height_px, self.width * 0.45)
        height = width * logo.height_px / logo.width_px
        self.canv.drawImage(logo.path, self.width - width, top - height, width, height, mask="auto")
        return top - height - self.look.gap

    def _fill_in_lines(self) -> float:
        """Draw the lines at the foot; return the block's top.

        A programme's patient, prescriber, date, frequency and review are printed on them;
        without a programme they are left to fill in by hand. "How often" is then asked, not
        printed: the source gives no frequency, and the products never invent a dose.
        """
        canvas, look, fonts = self.canv, self.look, self.fonts
        prescription = self.book.prescription
        filled = dict(fields(prescription)) if prescription else {}
        labels = list(FILL_IN)
        if CLINIC in filled:
            labels.insert(labels.index("by") + 1, CLINIC)
        if REVIEW in filled:
            labels.append(REVIEW)
        canvas.setStrokeColor(colour(self.theme.palette.rule))
        canvas.setLineWidth(0.7)
        row = look.body * 2.6
        label_w = max(text_width(label, fonts.bold, look.body, fonts) for label in labels) + 3 * mm
        y = look.gap
        for label in reversed(labels):
            canvas.setFillColor(colour(self.theme.palette.ink))
            draw_string(canvas, 0, y + 2, label, fonts.bold, look.body, fonts)
            canvas.line(label_w, y, self.width, y)
            if label in filled:
                value = fit_line(filled[label], fonts, look.body, self.width - label_w - 2 * mm)
                draw_string(canvas, label_w + 1 * mm, y + 2, value, fonts.regular, look.body, fonts)
            y += row
        return y
