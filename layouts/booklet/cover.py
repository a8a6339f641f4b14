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
from publish import figures
from publish.fonts import FontSet
from publish.model import Book
from publish.pdftext import draw_string
from publish.theme import Theme

#: The cover's lines to fill in by hand, top to bottom.
FILL_IN = ("Prepared for", "by", "on", "How often")


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
        if figure is not None and room_top - room_bottom > 20 * mm:
            height = min(room_top - room_bottom, self.width / figures.aspect(figure))
            picture = Illustration(figure, self.width, height, self.theme, fonts)
            picture.wrap(self.width, height)
            picture.drawOn(canvas, 0, room_bottom + (room_top - room_bottom - height) / 2)

    def _fill_in_lines(self) -> float:
        """Draw the lines the physiotherapist fills in by hand at the foot; return the block's top.

        "How often" is asked, not printed: the source gives no frequency, and the products
        never invent a dose.
        """
        canvas, look, fonts = self.canv, self.look, self.fonts
        canvas.setStrokeColor(colour(self.theme.palette.rule))
        canvas.setFillColor(colour(self.theme.palette.ink))
        canvas.setLineWidth(0.7)
        row = look.body * 2.6
        label_w = max(text_width(label, fonts.bold, look.body, fonts) for label in FILL_IN) + 3 * mm
        y = look.gap
        for label in reversed(FILL_IN):
            draw_string(canvas, 0, y + 2, label, fonts.bold, look.body, fonts)
            canvas.line(label_w, y, self.width, y)
            y += row
        return y
