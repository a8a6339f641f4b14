"""Measuring and wrapping the chart's text.

The grid search measures the same text at hundreds of widths and type sizes, so measuring is
one object per plan that keeps every wrapping and word width it has worked out; the bullets a
list's lines get are part of their measured width, so they are added here too.
"""

from __future__ import annotations

from publish.fonts import FontSet
from publish.pdftext import string_width, wrap

#: Line height as a multiple of the type size, for every block on the chart.
LEADING = 1.22


class _Measure:
    """Wraps text at a size and reports the block height; one per plan.

    Each wrapping is kept: a grid measures every card once to size its rows and again to
    place it at the same width, and the dose lines try the same phrases on every card.
    """

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self._wrapped: dict[tuple[str, str, float, float], tuple[str, ...]] = {}
        self._widths: dict[tuple[str, str, float], float] = {}

    def lines(self, text: str, font: str, size: float, width: float) -> list[str]:
        key = (text, font, size, width)
        wrapped = self._wrapped.get(key)
        if wrapped is None:
            wrapped = self._wrapped[key] = self._wrap(text, font, size, width)
        return list(wrapped)

    def _wrap(self, text: str, font: str, size: float, width: float) -> tuple[str, ...]:
        """``pdftext.wrap`` from widths measured once per word: the grid search wraps the same
        text at hundreds of widths. A line's width is the sum of its words' and spaces' (the
        fonts are not kerned); a word wider than a line is left to ``wrap`` to break."""
        words = text.split()
        widths = [self._width(word, font, size) for word in words]
        if any(w > width for w in widths):
            return tuple(wrap(text, font, size, width, self.fonts))
        space = self._width(" ", font, size)
        lines: list[str] = []
        current: list[str] = []
        current_w = 0.0
        for word, word_w in zip(words, widths):
            if current and current_w + space + word_w <= width:
                current.append(word)
                current_w += space + word_w
                continue
            if current:
                lines.append(" ".join(current))
            current, current_w = [word], word_w
        if current:
            lines.append(" ".join(current))
        return tuple(lines)

    def _width(self, word: str, font: str, size: float) -> float:
        key = (word, font, size)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = string_width(word, font, size, self.fonts)
        return width

    def splits_a_word(self, text: str, font: str, size: float, width: float) -> bool:
        """Whether a word of ``text`` is wider than ``width``, so wrapping must cut it mid-word."""
        return any(self._width(word, font, size) > width for word in text.split())

    @staticmethod
    def height(count: int, size: float) -> float:
        return count * size * LEADING


def _bulleted(lines: list[str]) -> list[str]:
    """A bullet before the first line of an item; continuation lines are indented."""
    return [("\u2022 " if i == 0 else "  ") + line for i, line in enumerate(lines)]
