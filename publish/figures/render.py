"""The public renderings of a Figure: one geometry (publish.figures.scene), three outputs."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from publish.figures.scene import scene
from publish.figures.style import DEFAULT, FigureStyle
from publish.model import Figure

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

    from publish.figures.pdf import Prepared
    from publish.figures.scene import Scene


def aspect(figure: Figure) -> float:
    """Width over height of the illustration, so a layout can size its box."""
    geometry = _prepared(figure) or scene(figure)
    return geometry.width / geometry.height


#: Where ``aspect``, ``stature`` and ``draw`` ask first, while ``prepared_from`` holds.
_prepared_source: Callable[[Figure], Prepared | None] | None = None


@contextlib.contextmanager
def prepared_from(source: Callable[[Figure], Prepared | None]) -> Iterator[None]:
    """While it holds, ``aspect``, ``stature`` and ``draw`` use what ``source`` knows of a figure
    (None: not known there) and compute no scene here.

    ``aspect`` and ``stature`` need only its ``width`` and ``height`` (the scene's, in body
    units); ``draw`` uses it only if it is a publish.figures.pdf.Prepared (the figure's
    operators, made in a worker process for a large booklet: see layouts.booklet.figures).
    """
    global _prepared_source
    previous, _prepared_source = _prepared_source, source
    try:
        yield
    finally:
        _prepared_source = previous


def expect(figure: Figure, width: float, height: float) -> None:
    """A layout will draw ``figure`` in a ``width`` × ``height`` box: while ``prepared_from``
    holds, its source may have the figure's box-sized marks made meanwhile (if it has an
    ``expect`` method; ``draw`` then asks its ``made(run, mm_per_unit)``). Otherwise nothing."""
    hint = getattr(_prepared_source, "expect", None)
    if hint is not None:
        hint(figure, width, height)


#: Further work on each figure for a pool that computes scenes (the booklet's), by name.
_alongside: dict[str, Callable[[Figure, Scene], object]] = {}
#: What that work gave, by name and figure, kept here until asked for.
_made: dict[str, dict[Figure, object]] = {}


@contextlib.contextmanager
def alongside(name: str, task: Callable[[Figure, Scene], object]) -> Iterator[None]:
    """While it holds, a pool that computes figures' scenes in worker processes (the booklet's,
    layouts.booklet.figures) also runs ``task(figure, scene)`` in the worker, on the scene it
    has just computed, and keeps the result here for ``made_alongside(name, figure)``.

    ``publish all`` makes the booklet and then the EPUB of the same book: the booklet's
    workers draw the EPUB's cards too, so each scene is computed once. ``task`` must be a
    module-level function (it is sent to the workers by name).
    """
    _alongside[name], _made[name] = task, {}
    try:
        yield
    finally:
        _alongside.pop(name, None)
        _made.pop(name, None)


def tasks_alongside() -> tuple[tuple[str, Callable[[Figure, Scene], object]], ...]:
    """The work ``alongside`` asks of a pool that computes scenes, as (name, task) pairs."""
    return tuple(_alongside.items())


def keep_alongside(name: str, figure: Figure, result: object) -> None:
    """Keep what a worker's ``alongside`` task gave for ``figure`` (while that ``alongside`` holds)."""
    if name in _made:
        _made[name][figure] = result


def made_alongside(name: str, figure: Figure) -> object | None:
    """What the ``alongside`` task ``name`` gave for ``figure`` in a pool's worker, or None."""
    return _made.get(name, {}).get(figure)


def _prepared(figure: Figure) -> Prepared | None:
    return _prepared_source(figure) if _prepared_source is not None else None


def stature(figure: Figure, width: float, height: float) -> float:
    """How tall a standing person would be drawn (in the box's units) when the figure is
    fitted into ``width`` × ``height``: the scale of the drawing, for minimum-size rules."""
    geometry = _prepared(figure) or scene(figure)
    return min(width / geometry.width, height / geometry.height)


def drawing(figure: Figure, width: float, height: float, style: FigureStyle | None = None) -> Drawing:
    """A reportlab Drawing of ``width`` × ``height`` points, the figure fitted and centred."""
    from publish.figures.pdf import render_drawing

    return render_drawing(scene(figure), width, height, style)


def draw(figure: Figure, canvas, x: float, y: float, width: float, height: float, font_name: str,
         style: FigureStyle | None = None) -> None:
    """Draw the figure fitted and centred in ``width`` × ``height`` at (x, y) on a reportlab canvas.

    The same bytes as drawing ``drawing(figure, width, height)`` with renderPDF, faster;
    ``font_name`` stands in for renderPDF's default Helvetica (see pdf.draw_scene).
    """
    from publish.figures.pdf import Prepared, draw_prepared, draw_scene

    known = _prepared(figure)
    if isinstance(known, Prepared) and known.style == (style or DEFAULT) and known.fill_mode == canvas._fillMode:
        draw_prepared(known, canvas, x, y, width, height, getattr(_prepared_source, "made", None))
    else:
        draw_scene(scene(figure), canvas, x, y, width, height, font_name, style)


def svg(figure: Figure, alt: str, style: FigureStyle | None = None, title: str | None = None) -> str:
    """A standalone SVG document; ``alt`` is its description, ``title`` defaults to ``alt``."""
    from publish.figures.svg import render_svg

    return render_svg(scene(figure), title or alt, alt, style)


def png(figure: Figure, width_px: int, style: FigureStyle | None = None) -> bytes:
    """PNG bytes ``width_px`` wide (height from the aspect), drawn with Pillow."""
    from publish.figures.raster import render_png

    return render_png(scene(figure), width_px, style)


def png_image(figure: Figure, width_px: int, style: FigureStyle | None = None):
    """What ``png`` encodes, as a Pillow palette ("P") image, for a layout that composes it further."""
    from publish.figures.raster import render_image

    return render_image(scene(figure), width_px, style)


def key_drawing(role: str, width: float, height: float, style: FigureStyle | None = None) -> Drawing:
    """The key's sample for ``role`` (see publish.figures.key.KEY) as a reportlab Drawing."""
    from publish.figures.key import key_scene
    from publish.figures.pdf import render_drawing

    return render_drawing(key_scene(role), width, height, style)


def key_svg(role: str, meaning: str, style: FigureStyle | None = None) -> str:
    """The key's sample for ``role`` as a standalone SVG, described by its ``meaning``."""
    from publish.figures.key import key_scene
    from publish.figures.svg import render_svg

    return render_svg(key_scene(role), meaning, meaning, style)


def key_png(role: str, width_px: int, style: FigureStyle | None = None) -> bytes:
    """The key's sample for ``role`` as a PNG ``width_px`` wide."""
    from publish.figures.key import key_scene
    from publish.figures.raster import render_png

    return render_png(key_scene(role), width_px, style)


def key_png_image(role: str, width_px: int, style: FigureStyle | None = None):
    """What ``key_png`` encodes, as a Pillow palette ("P") image."""
    from publish.figures.key import key_scene
    from publish.figures.raster import render_image

    return render_image(key_scene(role), width_px, style)


def key_draw(role: str, canvas, x: float, y: float, width: float, height: float, font_name: str,
             style: FigureStyle | None = None) -> None:
    """The key's sample for ``role`` drawn straight onto a reportlab canvas (as ``draw``)."""
    from publish.figures.key import key_scene
    from publish.figures.pdf import draw_scene

    draw_scene(key_scene(role), canvas, x, y, width, height, font_name, style)
