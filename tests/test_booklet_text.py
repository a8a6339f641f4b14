"""The booklet's paragraphs of plain text skip reportlab's HTML parser: they must come out as
the parser makes them (the same fragments, so the same lines and the same bytes)."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _wsc, cleanBlockQuotedText

from layouts.booklet.flowables import _UNCLEAN, Para, plain_pieces
from layouts.booklet.style import Look, paragraph_styles
from publish.fonts import register
from publish.pdftext import markup
from publish.theme import theme_for

AWKWARD = [
    "Lift your hips",
    "Bridges & lifts <slowly> \"hold\" 'breathe'",
    "&amp; written out", "&&", "a&b;c", "&#39; &copy;", "&lt;b&gt;not bold&lt;/b&gt;",
    "  leading and trailing  ", "two  spaces", "line\nbreak", "tab\there", "", " ", "\n",
    "no\xa0break", "zero\u200bwidth", "\u200bat the start", "at the end\u200b", "a\x1cb", "x\x85y",
    "ideographic\u3000space", "café – naïve — …", "Ωμέγα and Привет",
]


def fragments(paragraph):
    frags = paragraph.frags
    shared = [[a.link is b.link, a.us_lines is b.us_lines] for a in frags for b in frags]
    return paragraph.text, [(type(f), f.__dict__) for f in frags], shared


@pytest.fixture(scope="module")
def styles():
    theme = theme_for("A5")
    return paragraph_styles(Look.for_theme(theme), theme, register())


@pytest.mark.parametrize("text", AWKWARD)
@pytest.mark.parametrize("style", ["body", "h2", "step", "dose_value"])
def test_a_paragraph_has_the_fragments_reportlabs_parser_gives(styles, text, style):
    fonts = register()
    for source in (markup(text, fonts), markup(text, fonts, fonts.bold), text.replace("<", "")):
        made, parsed = Para(source, styles[style]), Paragraph(source, styles[style])
        assert fragments(made) == fragments(parsed), source
        assert made.style is parsed.style and made.bulletText == parsed.bulletText


def test_plain_text_is_recognised_and_markup_is_left_to_the_parser():
    assert plain_pieces("a &amp; b&lt;") == ["a ", "&", " b", "<"]
    assert plain_pieces("") == []
    assert plain_pieces('<font name="NotoSans">Ω</font>') is None
    assert plain_pieces("&copy;") is None and plain_pieces("a & b") is None


def test_text_taken_as_already_clean_is_what_reportlabs_cleaner_returns():
    spaces = [chr(i) for i in range(0x3100) if chr(i).isspace() or chr(i) in _wsc] + ["\u205f", "\ufeff"]
    others = [chr(i) for i in range(0x20, 0x250)]
    for char in spaces + others:
        for text in (f"a{char}b", f"{char}b", f"a{char}", f"a {char}b", char):
            if _UNCLEAN.search(text) is None:
                assert cleanBlockQuotedText(text) == text, repr(text)


def test_a_grid_sized_again_at_its_width_keeps_its_size_and_is_sized_afresh_when_restyled(styles):
    from reportlab.platypus import Table, TableStyle

    from layouts.booklet.flowables import Grid

    def cells():
        return [[Para("Reps", styles["dose_label"]), Para("10 slow lifts, each held", styles["dose_value"])]]

    grid, table = Grid(cells(), colWidths=[60, 90]), Table(cells(), colWidths=[60, 90])
    assert grid.wrap(150, 400) == grid.wrap(150, 90) == table.wrap(150, 400)
    padded = TableStyle([("TOPPADDING", (0, 0), (-1, -1), 20)])
    grid.setStyle(padded)
    table.setStyle(padded)
    assert grid.wrap(150, 400) == table.wrap(150, 400)
    assert grid.wrap(150, 400)[1] > Grid(cells(), colWidths=[60, 90]).wrap(150, 400)[1]
