"""Text for reportlab, treated as data: escaped for Paragraph markup, with font fallback.

reportlab's Paragraph parses its text as markup: an unescaped ``<`` silently drops text or
raises, ``&`` mangles entities. Everything user-written goes through ``markup`` (for
Paragraph) or ``draw_string``/``string_width`` (for the canvas) and prints literally.
"""

from __future__ import annotations

from publish.fonts import FontSet, runs


def markup(text: str, fonts: FontSet, font_name: str | None = None) -> str:
    """Paragraph markup that prints ``text`` literally, switching to the fallback font where needed."""
    font_name = font_name or fonts.regular
    parts = []
    for name, chunk in runs(text, font_name, fonts):
        chunk = _escape(chunk)
        parts.append(chunk if name == font_name else f'<font name="{name}">{chunk}</font>')
    return "".join(parts)


def _escape(chunk: str) -> str:
    """As ``xml.sax.saxutils.escape(chunk, {'"': "&quot;"})``, without importing its module
    (which imports urllib and http.client: a fifth of the chart's start-up)."""
    return chunk.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


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


def longest_fitting(text: str, font_name: str, size: float, width: float, fonts: FontSet, suffix: str = "") -> int:
    """The largest ``k`` with ``text[:k] + suffix`` at most ``width`` wide (0 if none fits).

    Galloping (1, 2, 4, … characters) then bisection: about 2·log2(k) measurements of at
    most 2k characters, so the cost follows the answer, not the length of ``text``. Trimming
    one character at a time and re-measuring took minutes on a 2,000-letter word.
    """

    def fits(k: int) -> bool:
        return string_width(text[:k] + suffix, font_name, size, fonts) <= width

    if not text or not fits(1):
        return 0
    low, high = 1, 2  # fits(low); high is the next guess
    while high <= len(text) and fits(high):
        low, high = high, high * 2
    high = min(high, len(text) + 1)  # does not fit, or is past the end
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low


def fit_line(text: str, font_name: str, size: float, width: float, fonts: FontSet) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` on one line (running heads, footers)."""
    if string_width(text, font_name, size, fonts) <= width:
        return text
    return text[: longest_fitting(text, font_name, size, width, fonts, suffix="…")].rstrip() + "…"


def wrap(text: str, font_name: str, size: float, width: float, fonts: FontSet) -> list[str]:
    """Greedy word wrap to ``width`` points; a word longer than a line is broken by characters.

    Near-linear in the text: each line is measured a bounded number of times, and a long
    word is cut by ``longest_fitting``, never re-measured whole.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if string_width(candidate, font_name, size, fonts) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while len(word) > 1:
            cut = max(1, longest_fitting(word, font_name, size, width, fonts))
            if cut >= len(word):
                break
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
