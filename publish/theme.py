"""The look shared by every product: page sizes, margins, colours, type scale.

The theme is data (a frozen dataclass); a page size or orientation is a thin override on top
(``theme_for("A2", landscape=True)``). Colours are chosen for print on office printers, for
greyscale e-ink and for WCAG AA contrast; tests check every text/background pair listed in
``Palette.text_pairs``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from reportlab.lib import pagesizes
from reportlab.lib.units import mm

from publish.errors import PublishError

PAGE_SIZES: dict[str, tuple[float, float]] = {
    "A1": pagesizes.A1,
    "A2": pagesizes.A2,
    "A3": pagesizes.A3,
    "A4": pagesizes.A4,
    "A5": pagesizes.A5,
    "Letter": pagesizes.LETTER,
    "Tabloid": pagesizes.TABLOID,
    "HalfLetter": (5.5 * 72, 8.5 * 72),
}


@dataclass(frozen=True)
class Palette:
    paper: str = "#FFFFFF"
    ink: str = "#111111"  # body text and figure lines
    soft: str = "#4A4A4A"  # secondary text (sources, captions)
    rule: str = "#8C8C8C"  # lines and frames (not text)
    accent: str = "#0B4F8A"  # headings, numbers, dose (deep blue: 8:1 on white)
    accent_tint: str = "#E8F0F8"  # dose box and title band background
    highlight: str = "#C2410C"  # body part being worked, in figures (orange; mid-grey on e-ink)
    warning: str = "#8A4B00"  # warning symbol and safety heading (dark amber)
    warning_tint: str = "#FFF4D9"  # safety panel background
    ghost: str = "#A6A6A6"  # the start pose drawn behind the end pose

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """Every (name, text colour, background colour) the products print text in."""
        return [
            ("body", self.ink, self.paper),
            ("secondary", self.soft, self.paper),
            ("heading", self.accent, self.paper),
            ("dose", self.accent, self.accent_tint),
            ("dose label", self.ink, self.accent_tint),
            ("safety", self.ink, self.warning_tint),
            ("safety heading", self.warning, self.warning_tint),
            ("title band", self.paper, self.accent),
            ("safety strip", self.ink, self.warning_tint),
        ]


@dataclass(frozen=True)
class Theme:
    page_name: str
    page: tuple[float, float]  # width, height in points
    margin: float = 14 * mm  # home and office printers cannot print the outer ~5 mm
    palette: Palette = dataclasses.field(default_factory=Palette)

    @property
    def width(self) -> float:
        return self.page[0]

    @property
    def height(self) -> float:
        return self.page[1]

    @property
    def landscape(self) -> bool:
        return self.page[0] > self.page[1]

    def scale_from(self, reference: str) -> float:
        """How much bigger this page is than ``reference`` (by the short side): A2 vs A3 is ~1.41."""
        ref = PAGE_SIZES[reference]
        return min(self.page) / min(ref)


def page_size(name: str, landscape: bool = False) -> tuple[float, float]:
    try:
        size = PAGE_SIZES[name]
    except KeyError:
        raise PublishError(f"unknown page size {name!r}; choose one of {', '.join(PAGE_SIZES)}") from None
    return pagesizes.landscape(size) if landscape else pagesizes.portrait(size)


def theme_for(page_name: str, landscape: bool = False, **overrides) -> Theme:
    return Theme(page_name=page_name, page=page_size(page_name, landscape), **overrides)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two ``#RRGGBB`` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
