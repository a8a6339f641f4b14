"""Figures drawn straight onto a PDF canvas write exactly what renderPDF writes for their Drawing.

The booklet and the chart draw each figure with ``figures.draw`` (operators written into the
page, no reportlab shapes); ``figures.drawing`` gives the same figure as a reportlab Drawing.
Both must put the same operators on the page, so the PDFs are what renderPDF would make.
"""

from __future__ import annotations

import io

import pytest
from reportlab.graphics import renderPDF
from reportlab.pdfgen.canvas import Canvas

from publish import figures
from publish.figures.key import KEY
from publish.fonts import register
from publish.load import load_book
from tests.conftest import SEED


def _operators(draw) -> str:
    canvas = Canvas(io.BytesIO(), invariant=1, initialFontName=register().regular)
    start = len(canvas._code)
    draw(canvas)
    return "\n".join(canvas._code[start:])


def _both(direct, drawing, x, y):
    font = register().regular

    def through_renderpdf(canvas):
        drawing.initialFontName = font  # as figures.draw stands in for renderPDF's Helvetica
        renderPDF.draw(drawing, canvas, x, y)

    return _operators(direct), _operators(through_renderpdf)


@pytest.mark.parametrize("box", [(300.0, 200.0, 10.0, 20.0), (141.7, 310.3, 0.0, 57.25)])
def test_every_seed_figure_is_drawn_as_renderpdf_draws_its_drawing(box):
    width, height, x, y = box
    font = register().regular
    for exercise in load_book(SEED).exercises:
        if exercise.figure is None:
            continue
        direct, reference = _both(
            lambda canvas: figures.draw(exercise.figure, canvas, x, y, width, height, font),
            figures.drawing(exercise.figure, width, height), x, y,
        )
        assert direct == reference, exercise.id


def test_every_key_sample_is_drawn_as_renderpdf_draws_its_drawing():
    font = register().regular
    for role, _ in KEY:
        direct, reference = _both(
            lambda canvas: figures.key_draw(role, canvas, 5, 7, 60, 20, font), figures.key_drawing(role, 60, 20), 5, 7
        )
        assert direct == reference, role


def test_a_figure_prepared_once_and_sent_between_processes_draws_at_any_box_as_renderpdf():
    """A large booklet's workers prepare each figure before its box is known and send it back
    packed and pickled; drawn into boxes of other scales (so other stripes), it still writes renderPDF's."""
    import pickle

    from publish.figures.pdf import draw_prepared, prepare
    from publish.figures.scene import scene_uncached

    book = load_book(SEED)
    striped = [e for e in book.exercises if e.figure is not None and e.figure.highlight]
    assert striped, "the seed should have figures with working muscles (stripes)"
    for exercise in book.exercises:
        if exercise.figure is None:
            continue
        ready = pickle.loads(pickle.dumps(prepare(scene_uncached(exercise.figure)).packed()))
        for width, height, x, y in ((300.0, 200.0, 10.0, 20.0), (141.7, 310.3, 0.0, 57.25), (60.0, 40.0, 3.0, 4.0)):
            direct, reference = _both(
                lambda canvas: draw_prepared(ready, canvas, x, y, width, height),
                figures.drawing(exercise.figure, width, height), x, y,
            )
            assert direct == reference, (exercise.id, width)
