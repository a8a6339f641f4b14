"""Text for reportlab, treated as data: escaped for Paragraph markup, with font fallback.

reportlab's Paragraph parses its text as markup: an unescaped ``<`` silently drops text or
raises, ``&`` mangles entities. Everything user-written goes through ``markup`` (for
Paragraph) or ``draw_string``/``string_width`` (for the canvas) and prints literally.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from publish.fonts import FontSet, runs


def markup(text: str, fonts: FontSet, font_name: str | None = None) -> str:
    """Paragraph markup that prints ``text`` literally, switching to the fallback font where needed."""
    font_name = font_name or fonts.regular
    parts = []
    for name, chunk in runs(text, font_name, fonts):
        chunk = escape(chunk, {'"': "&quot;"})
        parts.append(chunk if name == font_name else f'<font name="{name}">{chunk}</font>')
    return "".join(parts)


def string_width(text: str, font_name: str, size: float, fonts: FontSet) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(chunk, name, size) for name, chunk in runs(text, font_name, fonts))


def draw_string(canvas, x: float, y: float, text: str, font_name: str, size: float, fonts: FontSet, anchor: str = "start") -> float:
    """Draw one line of text at (x, y) with fallback runs; ``anchor`` start, middle or end. Returns its width."""
    width = string_width(text, font_name, size, fonts)
    if anchor == "middle":
        x -= width / 2
    elif anchor == "end":
        x -= width
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for name, chunk in runs(text, font_name, fonts):
        canvas.setFont(name, size)
        canvas.drawString(x, y, chunk)
        x += stringWidth(chunk, name, size)
    return width


def wrap(text: str, font_name: str, size: float, width: float, fonts: FontSet) -> list[str]:
    """Greedy word wrap to ``width`` points; a word longer than a line is broken by characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if string_width(candidate, font_name, size, fonts) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while string_width(word, font_name, size, fonts) > width and len(word) > 1:
            cut = len(word)
            while cut > 1 and string_width(word[:cut], font_name, size, fonts) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def wrap_balanced(text: str, font_name: str, size: float, width: float, fonts: FontSet) -> list[str]:
    """Wrap into as few lines as ``wrap`` would, but of even length, so no word is left alone.

    A title that wraps as "Strength Exercises for Lower Back" / "Pain" reads better as
    "Strength Exercises for" / "Lower Back Pain": the narrowest width that keeps the line count
    is found by bisection.
    """
    lines = wrap(text, font_name, size, width, fonts)
    if len(lines) < 2:
        return lines
    low, high = width / len(lines), width
    for _ in range(20):
        middle = (low + high) / 2
        if len(wrap(text, font_name, size, middle, fonts)) > len(lines):
            low = middle
        else:
            high = middle
    return wrap(text, font_name, size, high, fonts)
