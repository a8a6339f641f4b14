"""Type, colour and text helpers: the booklet's sizes for one page size, its paragraph styles, and
user text made safe for Paragraph markup.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from publish.fonts import FontSet
from publish.pdftext import markup
from publish.theme import Theme
from publish.wording import sentence as wording_sentence

PRODUCT = "booklet"

DAYS_PER_WEEK = 7
WEEKS = 2


@dataclass(frozen=True)
class Look:
    """Sizes in points for one page size, derived from the theme."""

    scale: float
    margin: float
    footer: float  # space kept between the text and the footer rule, which sits on the margin
    body: float
    leading: float
    small: float
    h1: float
    h2: float
    title: float
    gap: float  # vertical rhythm between blocks

    @classmethod
    def for_theme(cls, theme: Theme) -> Look:
        # Type grows gently with the page (A4 reads at arm's length too), never below A5's.
        scale = max(1.0, theme.scale_from("A5") ** 0.5)
        return cls(
            scale=scale,
            margin=theme.margin * scale,
            footer=4 * mm,
            body=11 * scale,
            leading=14 * scale,
            small=9 * scale,
            h1=19 * scale,
            h2=11.5 * scale,
            title=28 * scale,
            gap=7 * scale,
        )


def colour(hex_colour: str) -> colors.Color:
    return colors.HexColor(hex_colour)


@functools.lru_cache(maxsize=8)
def paragraph_styles(look: Look, theme: Theme, fonts: FontSet) -> dict[str, ParagraphStyle]:
    """The booklet's paragraph styles, made once per look (the measuring and the drawing pass
    share them, and so share the parsed layout words of ``story.parsed``). Not to be changed."""
    p = theme.palette
    body = ParagraphStyle(
        "body", fontName=fonts.regular, fontSize=look.body, leading=look.leading, textColor=colour(p.ink), spaceAfter=0,
        bulletFontName=fonts.regular,
    )
    return {
        "body": body,
        "soft": ParagraphStyle("soft", body, textColor=colour(p.soft)),
        "small": ParagraphStyle("small", body, fontSize=look.small, leading=look.small * 1.3, textColor=colour(p.soft)),
        "eyebrow": ParagraphStyle(
            "eyebrow", body, fontName=fonts.bold, fontSize=look.small, leading=look.small * 1.3, textColor=colour(p.accent)
        ),
        "h1": ParagraphStyle(
            "h1", body, fontName=fonts.bold, fontSize=look.h1, leading=look.h1 * 1.15, textColor=colour(p.accent)
        ),
        "h2": ParagraphStyle(
            "h2", body, fontName=fonts.bold, fontSize=look.h2, leading=look.h2 * 1.25, textColor=colour(p.accent)
        ),
        "step": ParagraphStyle(
            "step",
            body,
            leftIndent=look.body * 1.9,
            bulletIndent=0,
            bulletFontName=fonts.bold,
            bulletFontSize=look.body,
            bulletColor=colour(p.accent),
        ),
        "bullet": ParagraphStyle(
            "bullet", body, leftIndent=look.body * 1.3, bulletIndent=look.body * 0.2, bulletColor=colour(p.accent)
        ),
        "panel_heading": ParagraphStyle(
            "panel_heading", body, fontName=fonts.bold, fontSize=look.h2, leading=look.h2 * 1.25,
            textColor=colour(p.accent),
        ),
        "panel_heading_warning": ParagraphStyle(
            "panel_heading_warning", body, fontName=fonts.bold, fontSize=look.h2, leading=look.h2 * 1.25,
            textColor=colour(p.warning),
        ),
        "dose_label": ParagraphStyle(
            "dose_label", body, fontSize=look.small, leading=look.small * 1.25, alignment=TA_CENTER,
            textColor=colour(p.ink),
        ),
        "dose_value": ParagraphStyle(
            "dose_value", body, fontName=fonts.bold, fontSize=look.body * 1.25, leading=look.body * 1.4,
            alignment=TA_CENTER, textColor=colour(p.accent),
        ),
        "contents": ParagraphStyle("contents", body, fontSize=look.body * 1.05, leading=look.leading * 1.05),
        "diary": ParagraphStyle("diary", body, fontSize=look.body * 0.9, leading=look.body * 1.1),
        "diary_head": ParagraphStyle(
            "diary_head", body, fontName=fonts.bold, fontSize=look.small, leading=look.small * 1.2, alignment=TA_CENTER
        ),
    }


def user_text(text: str, fonts: FontSet, font: str | None = None) -> str:
    """User text as Paragraph markup: escaped, printed literally, with font fallback."""
    return markup(text, fonts, font)


#: Capitalised as every product capitalises a list item that starts a line.
sentence = wording_sentence


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"



def text_width(text, font, size, fonts):
    from publish.pdftext import string_width

    return string_width(text, font, size, fonts)



def fit_line(text: str, fonts: FontSet, size: float, width: float, font: str | None = None) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` in ``font`` (for one-line running heads)."""
    from publish import pdftext

    return pdftext.fit_line(text, font or fonts.regular, size, width, fonts)
