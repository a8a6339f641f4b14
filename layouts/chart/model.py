"""The planned chart: boxes on the page and the text set in them.

A plan is plain frozen data, computed before anything is drawn, so the same plan draws the
poster and each of its tiles, and tests check the geometry without reading pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

from publish.model import Exercise

#: The product's name in the PDF's metadata (the poster's and its tiles').
PRODUCT = "Wall chart"


@dataclass(frozen=True)
class Box:
    """A rectangle on the page; ``y`` is the bottom edge (PDF coordinates)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def overlaps(self, other: Box) -> bool:
        """Whether the boxes share more than an edge (to within rounding, 0.01 pt)."""
        eps = 0.01
        return self.x < other.right - eps and other.x < self.right - eps and self.y < other.top - eps and other.y < self.top - eps

    def inside(self, other: Box) -> bool:
        eps = 0.01
        return self.x >= other.x - eps and self.y >= other.y - eps and self.right <= other.right + eps and self.top <= other.top + eps


@dataclass(frozen=True)
class TextBlock:
    """Lines of text set in one font and size, top-aligned in ``box``."""

    box: Box
    lines: tuple[str, ...]
    font: str
    size: float
    colour: str
    kind: str  # "title", "name", "dose", "cue", "safety", ...
    anchor: str = "start"
    #: Lines that start a new note (after the first), for blocks of several unbulleted notes.
    breaks: tuple[int, ...] = ()


@dataclass(frozen=True)
class Card:
    exercise: Exercise
    number: int
    frame: Box
    badge: Box
    figure: Box | None
    dose_panel: Box
    safety_panel: Box | None
    texts: tuple[TextBlock, ...]


@dataclass(frozen=True)
class ChartPlan:
    page: Box
    content: Box  # the page less its margins: nothing may be drawn outside it
    sizes: dict[str, float]
    columns: int
    rows: int
    title_band: Box
    safety_strip: Box
    footer: Box
    texts: tuple[TextBlock, ...]  # title, subtitle, safety strip and footer text
    cards: tuple[Card, ...]
    key: Box | None = None  # "how to read a dose", in a spare cell of the grid
    key_texts: tuple[TextBlock, ...] = ()
    #: "How to read the pictures": its panel (a spare cell, or the dose key's when they share
    #: one), its text, and a sample of each mark beside its meaning (role, box).
    picture_key: Box | None = None
    picture_key_texts: tuple[TextBlock, ...] = ()
    picture_key_samples: tuple[tuple[str, Box], ...] = ()
    logo: Box | None = None  # a programme's clinic logo, at the title band's end
    logo_file: str | None = None

    def text_blocks(self) -> list[TextBlock]:
        return [*self.texts, *(t for card in self.cards for t in card.texts), *self.key_texts, *self.picture_key_texts]
