"""Platypus flowables that tag what they draw, for layouts built as a reportlab story."""

from __future__ import annotations

from reportlab.platypus import Flowable

from publish.tagging.canvas import artifact, tag, touch
from publish.tagging.tree import Node


class Tagged(Flowable):
    """``content`` drawn as the real content of ``node``; anything else about it is unchanged.

    Split parts (a paragraph continued overleaf) stay in the same element, and the label (a
    list item's bullet or number) goes with the first part only. A flowable drawn a second
    time on the same canvas — a table's header rows repeated on the next page — is drawn as a
    pagination artifact, so a screen reader reads it once.
    """

    def __init__(self, content: Flowable, node: Node, label: Node | None = None, figure: bool = False):
        super().__init__()
        self.content, self.node, self.label, self.figure = content, node, label, figure
        for name in ("hAlign", "vAlign", "keepWithNext", "_fixedWidth", "_fixedHeight"):
            if hasattr(content, name):
                setattr(self, name, getattr(content, name))

    def __getattr__(self, name):
        # only reached for attributes the wrapper lacks: ask the wrapped flowable
        if name == "content":
            raise AttributeError(name)
        return getattr(self.content, name)

    def wrap(self, available_width, available_height):
        self.width, self.height = self.content.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        parts = self.content.split(available_width, available_height)
        return [Tagged(part, self.node, self.label if i == 0 else None, self.figure) for i, part in enumerate(parts)]

    def getSpaceBefore(self):
        return self.content.getSpaceBefore()

    def getSpaceAfter(self):
        return self.content.getSpaceAfter()

    def minWidth(self):
        return self.content.minWidth()

    def identity(self, maxLen=None):
        return f"Tagged({self.node.role}, {self.content.identity(maxLen)})"

    def drawOn(self, canvas, x, y, _sW=0):
        first = not hasattr(canvas, "first_time") or canvas.first_time(self.content)
        if not first:
            with artifact(canvas, "Pagination"):
                self.content.drawOn(canvas, x, y, _sW)
            return
        bbox = (x, y, self.width, self.height) if self.figure else None
        label = self.label if getattr(self.content, "bulletText", None) is not None else None
        space_line_ends(self.content)
        with tag(canvas, self.node, bbox=bbox, label=label):
            self.content.drawOn(canvas, x, y, _sW)


def space_line_ends(paragraph) -> None:
    """Give each wrapped line of a laid-out Paragraph the space its line break took out.

    reportlab draws "Lower Back" and "Pain" on two lines with no space between them, so text
    read from the page (a screen reader, copy and paste) says "BackPain". The space is drawn
    after the line's last word, where it shows nothing and moves nothing.
    """
    lines_of = getattr(paragraph, "blPara", None)
    if lines_of is None or getattr(lines_of, "line_ends_spaced", False):
        return
    lines = lines_of.lines
    for index, line in enumerate(lines[:-1]):
        if lines_of.kind == 0:  # (extra space, words) of one font; the word count stays as it was
            if line[1] and not line[1][-1].endswith(" "):
                lines[index] = (line[0], [*line[1][:-1], line[1][-1] + " "], *line[2:])
        else:  # a FragLine: words are fragments of text with their own fonts
            last = line.words[-1] if getattr(line, "words", None) else None
            if last is not None and isinstance(getattr(last, "text", None), str) and not hasattr(last, "cbDefn") and not last.text.endswith(" "):
                line.words[-1] = last.clone(text=last.text + " ")
    lines_of.line_ends_spaced = True
    forget = getattr(paragraph, "forget_lines", None)
    if forget is not None:  # a paragraph keeping its lines for the next wrap keeps these no more
        forget()


class Touch(Flowable):
    """Nothing to see: places ``node`` in the structure where it stands (an empty table cell)."""

    def __init__(self, node: Node):
        super().__init__()
        self.node = node
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def drawOn(self, canvas, x, y, _sW=0):
        touch(canvas, self.node)

    def draw(self):
        pass
