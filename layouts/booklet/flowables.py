"""The booklet's own flowables: section marks, tinted panels with drawn symbols, tick boxes,
ruled writing lines and the fitted illustration.
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from copy import copy

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    Table,
)
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import _wsc, cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from layouts.booklet.style import (
    Look,
)
from publish import figures, tagging
from publish.fonts import FontSet
from publish.model import Figure
from publish.pdftext import draw_string
from publish.tagging import Node
from publish.theme import Theme


class Para(Paragraph):
    """A Paragraph that breaks its lines once per width.

    A paragraph is wrapped at the same width several times before it is drawn: the exercise
    page measures its stack, the frame places it, a panel or table sizes its rows and then
    draws them. reportlab's ``wrap`` breaks the lines every time; here the last width's lines
    are kept (``wrap`` depends on nothing else). Split parts are new Paras, with no lines kept.
    """

    _wrapped = None  # (available width, blPara, wrap widths, height)

    def _setup(self, text, style, bulletText, frags, cleaner):
        """As Paragraph's, but text with no tags (most of a booklet: user text, escaped) is
        not run through reportlab's HTML parser: its fragments are made as the parser makes
        them (``plain_frags``). The same fragments; parsing was most of making a paragraph."""
        if frags is None and cleaner is cleanBlockQuotedText:
            cleaned = text if _UNCLEAN.search(text) is None else cleaner(text)
            pieces = plain_pieces(cleaned)
            if pieces is not None:
                frags = plain_frags(pieces, style)
                textTransformFrags(frags, style)
                text = cleaned
        super()._setup(text, style, bulletText, frags, cleaner)

    def wrap(self, availWidth, availHeight):
        kept = self._wrapped
        if kept is not None and kept[0] == availWidth:
            self.width, self.blPara, self._wrapWidths, self.height = kept
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):
            self._wrapped = (availWidth, self.blPara, self._wrapWidths, height)
        return width, height

    def forget_lines(self) -> None:
        """Break the lines afresh at the next ``wrap`` (after the kept ones were changed)."""
        self._wrapped = None


class Grid(Table):
    """A Table that sizes its rows once per width.

    An exercise page's dose box and its muscles-and-benefits columns are sized three or four
    times at the frame's width before they are drawn (the check that the columns fit, the
    page's measured stack, the frame). reportlab's ``wrap`` sizes every cell each time; here
    a table without spanned cells (whose size depends on the width alone) keeps the sizes of
    its last ``wrap`` while the width stays the same. Styling or splitting it sizes it afresh.
    """

    _sized_at = None  # the width the table was last sized at, if its sizes still hold

    def wrap(self, availWidth, availHeight):
        if self._sized_at is not None and self._sized_at == availWidth:
            self.availWidth = availWidth
            return self._width, self._height
        size = super().wrap(availWidth, availHeight)
        self._sized_at = None if self._spanCmds else availWidth
        return size

    def setStyle(self, tblstyle):
        self._sized_at = None
        super().setStyle(tblstyle)

    def split(self, availWidth, availHeight):
        self._sized_at = None
        return super().split(availWidth, availHeight)


#: What makes reportlab's cleaner (``cleanBlockQuotedText``) change a text: whitespace other
#: than single spaces between words (its own list of spaces, and whatever ``str.split`` splits
#: at). Text without any is its own cleaned text.
_UNCLEAN = re.compile("[^\\S ]|^ | $|  |[%s]" % re.escape("".join(c for c in _wsc if not c.isspace())))

#: The escapes ``publish.pdftext.markup`` writes, and what reportlab's parser makes of each.
_ENTITIES = re.compile(r"&(amp|lt|gt|quot);")
_ENTITY_TEXT = {"amp": "&", "lt": "<", "gt": ">", "quot": '"'}

#: Each paragraph style's first fragment, as reportlab's parser makes it for a word, by the
#: style's id (the entry keeps the style alive, so the id stays its own).
_FRAGMENT_OF_STYLE: dict[int, tuple[ParagraphStyle, ParaFrag]] = {}
_STYLES_KEPT = 64


def plain_frags(pieces: list[str], style: ParagraphStyle) -> list[ParaFrag]:
    """The fragments reportlab's parser makes of ``pieces`` (``plain_pieces``) in ``style``.

    For text with no tags the parser makes one fragment per piece of data, each a copy of
    the fragment it starts the paragraph with (made from the style alone) with the piece as
    its text; the copies share that fragment's ``link`` and ``us_lines`` lists, new for each
    paragraph. That first fragment is made by the parser itself, once per style (here from
    a one-word paragraph), so its attributes are the parser's own.
    """
    known = _FRAGMENT_OF_STYLE.get(id(style))
    if known is None or known[0] is not style:
        if len(_FRAGMENT_OF_STYLE) >= _STYLES_KEPT:
            _FRAGMENT_OF_STYLE.clear()
        parsed = ParaParser().tt_parse(("para", None, ["word"]), style)[1]
        known = _FRAGMENT_OF_STYLE[id(style)] = (style, parsed[0])
    first = known[1]
    link: list = []
    lines: list = []
    frags = []
    for piece in pieces:
        frag = copy(first)
        frag.text, frag.link, frag.us_lines = piece, link, lines
        frags.append(frag)
    return frags


def plain_pieces(text: str) -> list[str] | None:
    """The data pieces reportlab's parser (html.parser, character references not converted)
    hands on for ``text`` inside ``<para>``, if ``text`` has no tags and no ``&`` but these
    four escapes; None otherwise (the full parser is used).

    The parser splits data at each ``&``: the text between escapes is one piece (if not
    empty), and each escape is a piece of its own (one fragment each, as reportlab makes them).
    """
    if "<" in text:
        return None
    if "&" not in text:
        return [text] if text else []
    pieces: list[str] = []
    at = escapes = 0
    for match in _ENTITIES.finditer(text):
        if match.start() > at:
            pieces.append(text[at : match.start()])
        pieces.append(_ENTITY_TEXT[match.group(1)])
        at = match.end()
        escapes += 1
    if escapes != text.count("&"):
        return None  # another entity or a bare "&": left to the parser
    if at < len(text):
        pieces.append(text[at:])
    return pieces


class Mark(Flowable):
    """Zero-size marker: records the page it lands on, and adds a bookmark and outline entry."""

    def __init__(self, key: str, title: str | None = None, level: int = 0, exercise: str | None = None, end: bool = False):
        super().__init__()
        self.key, self.title, self.level, self.exercise, self.end = key, title, level, exercise, end
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        pass


class Panel(Flowable):
    """A tinted box with a bar down its left edge and an optional drawn symbol; splits across pages."""

    def __init__(self, content, background, bar, look: Look, symbol=None, continued=False):
        super().__init__()
        self.content = list(content)
        self.background, self.bar, self.look, self.symbol = background, bar, look, symbol
        self.continued = continued
        self.pad = 2.6 * mm * look.scale
        self.symbol_size = (7 if symbol is warning_symbol else 5.5) * mm * look.scale if symbol else 0

    def _inner(self, width):
        return width - 2 * self.pad - (self.symbol_size + self.pad if self.symbol else 0) - 1.2 * mm

    def _gap(self):
        return self.look.gap * 0.45

    def wrap(self, available_width, available_height):
        self.width = available_width
        inner = self._inner(available_width)
        heights = [f.wrap(inner, available_height)[1] for f in self.content]
        self.height = max(sum(heights) + self._gap() * (len(heights) - 1), self.symbol_size) + 2 * self.pad
        return self.width, self.height

    def split(self, available_width, available_height):
        inner = self._inner(available_width)
        room = available_height - 2 * self.pad
        first, used = [], 0.0
        rest = []
        for index, item in enumerate(self.content):
            height = item.wrap(inner, room - used)[1]
            if used + height <= room:
                first.append(item)
                used += height + self._gap()
                continue
            parts = item.split(inner, room - used)
            if parts:
                first.append(parts[0])
                rest = parts[1:] + self.content[index + 1 :]
            else:
                rest = self.content[index:]
            break
        if not first or not rest or (len(first) == 1 and first[0] is self.content[0]):
            return []  # never leave a panel's heading (or first item) alone at the foot of a page
        # (a first item too tall for a page is split, so that a panel of long tips still flows)
        return [
            Panel(first, self.background, self.bar, self.look, self.symbol, self.continued),
            Panel(rest, self.background, self.bar, self.look, self.symbol, continued=True),
        ]

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.background)
        canvas.setStrokeColor(self.bar)
        canvas.setLineWidth(0.8)
        canvas.roundRect(0, 0, self.width, self.height, 2.5 * mm, stroke=1, fill=1)
        canvas.setFillColor(self.bar)
        canvas.rect(0, 0, 1.6 * mm, self.height, stroke=0, fill=1)
        canvas.restoreState()
        x = self.pad + 1.2 * mm
        if self.symbol:
            self.symbol(canvas, x, self.height - self.pad - self.symbol_size, self.symbol_size, self.bar)
            x += self.symbol_size + self.pad
        inner = self._inner(self.width)
        y = self.height - self.pad
        for item in self.content:
            height = item.wrap(inner, self.height)[1]
            y -= height
            item.drawOn(canvas, x, y)
            y -= self._gap()


def warning_symbol(canvas, x, y, size, colour) -> None:
    """A drawn warning triangle with an exclamation mark (vector, not a font glyph)."""
    canvas.saveState()
    canvas.setFillColor(colour)
    canvas.setStrokeColor(colour)
    canvas.setLineJoin(1)
    canvas.setLineWidth(size * 0.08)
    path = canvas.beginPath()
    path.moveTo(x + size / 2, y + size * 0.95)
    path.lineTo(x + size * 0.02, y + size * 0.08)
    path.lineTo(x + size * 0.98, y + size * 0.08)
    path.close()
    canvas.drawPath(path, stroke=1, fill=1)
    canvas.setFillColor(colors.white)
    bar_w = size * 0.11
    canvas.roundRect(x + size / 2 - bar_w / 2, y + size * 0.38, bar_w, size * 0.36, bar_w / 2, stroke=0, fill=1)
    canvas.circle(x + size / 2, y + size * 0.24, bar_w * 0.62, stroke=0, fill=1)
    canvas.restoreState()


def tip_symbol(canvas, x, y, size, colour) -> None:
    """A drawn "i" in a circle for tips."""
    canvas.saveState()
    canvas.setFillColor(colour)
    radius = size * 0.45
    cx, cy = x + size / 2, y + size / 2
    canvas.circle(cx, cy, radius, stroke=0, fill=1)
    canvas.setFillColor(colors.white)
    bar_w = size * 0.12
    canvas.roundRect(cx - bar_w / 2, cy - radius * 0.55, bar_w, radius * 0.85, bar_w / 2, stroke=0, fill=1)
    canvas.circle(cx, cy + radius * 0.55, bar_w * 0.62, stroke=0, fill=1)
    canvas.restoreState()


class TickBoxes(Flowable):
    """One box to tick, or a left and a right box for an exercise done on each side."""

    def __init__(self, labels: tuple[str, ...], size: float, fonts: FontSet, colour, label_size: float, cell: Node | None = None):
        super().__init__()
        self.labels, self.size, self.fonts, self.colour, self.label_size = labels, size, fonts, colour, label_size
        self.cell = cell  # the table cell: the labels are its text, the boxes artifacts

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.size + (self.label_size * 1.2 if any(self.labels) else 0)
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        count = len(self.labels)
        gap = self.size * 0.35
        total = count * self.size + (count - 1) * gap
        x = (self.width - total) / 2
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(0.8)
        if self.cell is not None:
            tagging.touch(canvas, self.cell)
        for label in self.labels:
            canvas.rect(x, 0, self.size, self.size, stroke=1, fill=0)
            if label:
                canvas.setFillColor(self.colour)
                with tagging.tag(canvas, self.cell) if self.cell is not None else nullcontext():
                    draw_string(canvas, x + self.size / 2, self.size + 1.5, label, self.fonts.bold, self.label_size, self.fonts, "middle")
            x += self.size + gap


class RuledLines(Flowable):
    """Writing lines filling the rest of the frame."""

    def __init__(self, spacing: float, colour):
        super().__init__()
        self.spacing, self.colour = spacing, colour

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = max(self.spacing, available_height - 1)
        return self.width, self.height

    def split(self, available_width, available_height):
        return []

    def draw(self):
        canvas = self.canv
        canvas.setStrokeColor(self.colour)
        canvas.setLineWidth(0.5)
        y = self.height - self.spacing
        while y >= 0:
            canvas.line(0, y, self.width, y)
            y -= self.spacing


class Illustration(Flowable):
    """An exercise's figure, fitted into a box and centred."""

    def __init__(self, figure: Figure, width: float, height: float, theme: Theme, fonts: FontSet):
        super().__init__()
        self.figure, self.box_w, self.box_h, self.theme, self.fonts = figure, width, height, theme, fonts

    def wrap(self, available_width, available_height):
        self.width = min(self.box_w, available_width)
        self.height = self.box_h
        figures.expect(self.figure, self.width, self.height)  # its marks, made meanwhile in workers
        return self.width, self.height

    def draw(self):
        figures.draw(self.figure, self.canv, 0, 0, self.width, self.height, self.fonts.regular)



class KeySample(Flowable):
    """One sample of the key to the pictures (publish.figures.KEY), drawn like the figures."""

    def __init__(self, role: str, width: float, fonts: FontSet):
        super().__init__()
        self.role, self.fonts = role, fonts
        self.width, self.height = width, width / figures.key_aspect()

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        figures.key_draw(self.role, self.canv, 0, 0, self.width, self.height, self.fonts.regular)


def stacked_height(flowables: list[Flowable], width: float, room: float) -> float:
    """How tall ``flowables`` stand, stacked in a frame ``width`` wide (page breaks ignored)."""
    total = 0.0
    for flowable in flowables:
        if isinstance(flowable, (CondPageBreak, Mark)):
            continue
        total += flowable.wrap(width, room)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total
