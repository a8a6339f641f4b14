"""The tagging layer on its own: what a layout may and may not do with it."""

from __future__ import annotations

import io

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from publish import tagging
from publish.fonts import register
from publish.tagging import Node, TaggedCanvas, TaggingError
from tests.pdfstructure import check_tagged, page_marks, structure


def tagged_pdf(draw) -> pikepdf.Pdf:
    buffer = io.BytesIO()
    canvas = TaggedCanvas(buffer, lang="en", invariant=1, initialFontName=register().regular)
    canvas.setTitle("A test")
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return pikepdf.open(io.BytesIO(buffer.getvalue()))


def test_untagged_drawing_is_an_artifact_and_tagged_drawing_is_content():
    def draw(canvas):
        canvas.line(0, 0, 100, 100)
        with tagging.tag(canvas, canvas.structure.child("P")):
            canvas.drawString(10, 10, "Hello")
    pdf = tagged_pdf(draw)
    marks = page_marks(pdf.pages[0])
    assert marks.unmarked == [] and marks.in_artifact == 1 and marks.in_content == 1
    tree = structure(pdf)
    assert [kid.role for kid in tree.kids] == ["/P"] and tree.kids[0].mcids == [(0, 0)]


def test_an_element_drawn_on_two_pages_holds_content_from_both():
    def draw(canvas):
        paragraph = canvas.structure.child("P")
        with tagging.tag(canvas, paragraph):
            canvas.drawString(10, 10, "first half")
        canvas.showPage()
        with tagging.tag(canvas, paragraph):
            canvas.drawString(10, 10, "second half")
    pdf = tagged_pdf(draw)
    assert structure(pdf).kids[0].mcids == [(0, 0), (1, 0)]
    assert len(pdf.pages) == 2


def test_tags_do_not_nest_and_links_need_a_link_element():
    buffer = io.BytesIO()
    canvas = TaggedCanvas(buffer)
    with tagging.tag(canvas, canvas.structure.child("P")):
        with pytest.raises(TaggingError):
            with tagging.tag(canvas, canvas.structure.child("Span")):
                pass
    with pytest.raises(TaggingError):
        canvas.linkURL("https://example.org", (0, 0, 10, 10))


def test_a_link_is_tagged_with_its_annotation_and_description(tmp_path):
    def draw(canvas):
        link = canvas.structure.child("P").child("Link", contents="Example site")
        with tagging.tag(canvas, link):
            canvas.drawString(10, 10, "example.org")
            canvas.linkURL("https://example.org", (10, 10, 60, 20))
    pdf = tagged_pdf(draw)
    path = tmp_path / "link.pdf"
    pdf.save(path)
    pdf, tree = check_tagged(path)
    link = tree.kids[0].kids[0]
    assert link.role == "/Link" and str(link.annotations[0]["/Contents"]) == "Example site"


def test_on_a_plain_canvas_the_helpers_draw_and_tag_nothing():
    canvas = Canvas(io.BytesIO())
    with tagging.tag(canvas, Node("P")):
        canvas.drawString(10, 10, "plain")
    tagging.touch(canvas, Node("TD"))
    assert "BDC" not in "".join(canvas._code)


def _tagged_pages(count: int) -> tuple[bytes, TaggedCanvas]:
    """A tagged PDF of ``count`` pages, each a paragraph, and the canvas that wrote it."""
    buffer = io.BytesIO()
    canvas = TaggedCanvas(buffer, lang="en", invariant=1, initialFontName=register().regular)
    for page in range(count):
        with tagging.tag(canvas, canvas.structure.child("P")):
            canvas.drawString(10, 10, f"Page {page + 1} & <more>")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue(), canvas


def test_pages_kept_in_memory_when_no_temporary_file_can_be_made_give_the_same_bytes(monkeypatch):
    """Finished pages wait in a temporary file until the PDF is written; without one (a full or
    missing temporary folder) they wait in memory, and the PDF is the same either way."""
    import tempfile

    def three_pages():
        return _tagged_pages(3)[0]

    kept_in_a_file = three_pages()

    def no_room(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_room)
    assert three_pages() == kept_in_a_file
    assert len(pikepdf.open(io.BytesIO(kept_in_a_file)).pages) == 3


def test_a_reportlab_whose_write_loop_is_not_known_writes_the_same_pdf_its_own_way(monkeypatch):
    """The canvas repeats reportlab 5.1's write loop to write objects as they are formatted; on
    another reportlab release it leaves the writing to reportlab, and the PDF is the same."""
    from publish.tagging import saving as tagged

    if not tagged.writes_as_formatted():
        pytest.skip("this reportlab is written by its own loop already")

    def two_pages():
        pdf, canvas = _tagged_pages(2)
        return pdf, type(canvas._doc)

    written, known = two_pages()
    monkeypatch.setattr(tagged, "WRITE_LOOP_FROM", set())
    by_reportlab, unknown = two_pages()
    assert known is tagged.WrittenAsFormatted and unknown is not tagged.WrittenAsFormatted
    assert by_reportlab == written


def test_a_booklet_spills_its_pages_to_one_temporary_file_and_closes_it(monkeypatch):
    """The drawing pass keeps finished pages in a temporary file until the save and closes it
    then; the measuring pass, never saved, keeps its (empty) pages in memory."""
    import tempfile

    from layouts import booklet
    from publish.bundled import default_data
    from publish.load import load
    from publish.theme import theme_for

    made = []
    temporary_file = tempfile.TemporaryFile

    def recorded(*args, **kwargs):
        made.append(temporary_file(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(tempfile, "TemporaryFile", recorded)
    book, theme = load(default_data()), theme_for("A5")
    booklet._LAYOUTS.clear()
    pdf = booklet.render(book, theme)
    assert len(pikepdf.open(io.BytesIO(pdf)).pages) >= 8
    assert len(made) == 1 and made[0].closed
