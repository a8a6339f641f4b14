"""Rendering to a reportlab Drawing: vector, any size, for the chart and the booklet."""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib.colors import HexColor

from publish.figures.hatch import MARKED, striped
from publish.figures.scene import Bounded, Disc, Item, Scene, Shape, Stroke
from publish.figures.style import DEFAULT, FigureStyle

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

#: Millimetres per PDF point: the stripes of the working muscles are sized on the page.
MM_PER_POINT = 25.4 / 72


def _fitted(scene: Scene | Prepared, width: float, height: float) -> tuple[float, ...]:
    """The transform that scales ``scene`` to fit ``width`` × ``height``, aspect kept, centred."""
    x0, y0, _, _ = scene.bounds
    k = min(width / scene.width, height / scene.height)
    return (k, 0, 0, k, (width - scene.width * k) / 2 - x0 * k, (height - scene.height * k) / 2 - y0 * k)


def render_drawing(scene: Scene, width: float, height: float, style: FigureStyle | None = None) -> Drawing:
    """The scene scaled to fit ``width`` × ``height`` points, aspect kept, centred."""
    from reportlab.graphics.shapes import Circle, Drawing, Group, PolyLine, Polygon

    style = style or DEFAULT
    transform = _fitted(scene, width, height)
    group = Group(transform=transform)
    for item in striped(scene.items, transform[0] * MM_PER_POINT):
        colour = HexColor(style.colour(item.role))
        if isinstance(item, Disc):
            group.add(Circle(item.centre[0], item.centre[1], item.radius, fillColor=colour, strokeColor=None))
        elif isinstance(item, Shape):
            group.add(Polygon(_flat(item.points), fillColor=colour, strokeColor=None))
        elif isinstance(item, Stroke):
            group.add(
                PolyLine(
                    _flat(item.points),
                    strokeColor=colour,
                    strokeWidth=item.width,
                    strokeLineCap=1,
                    strokeLineJoin=1,
                    fillColor=None,
                )
            )
    drawing = Drawing(width, height)
    drawing.add(group)
    return drawing


def _flat(points: tuple[tuple[float, float], ...]) -> list[float]:
    return [v for p in points for v in p]


def draw_scene(scene: Scene, canvas, x: float, y: float, width: float, height: float, font_name: str,
               style: FigureStyle | None = None) -> None:
    """Draw the scene on ``canvas`` exactly as renderPDF draws ``render_drawing``'s Drawing.

    The operators renderPDF writes, in its order (the drawing's default state, then each item
    between q and Q with its colour, width, caps and joins), written straight into the page:
    building a checked reportlab shape per stroke and disc and renderPDF's generic state
    tracking cost more than the figure's geometry, and reportlab.graphics imports platypus,
    which the chart otherwise never needs. tests/test_figure_pdf.py holds the two routes to
    the same operators. ``font_name`` is kept for callers: renderPDF would set the drawing's
    initial font, which for an embedded font writes nothing.
    """
    draw_prepared(prepare(scene, style, canvas._fillMode), canvas, x, y, width, height)


@dataclass(frozen=True, slots=True)
class Prepared(Bounded):
    """A figure's PDF operators, made before its box is known (in a worker process, for a
    large booklet): ``draw_prepared`` writes them for any box, the bytes ``draw_scene`` writes.

    All but the marks hatch.striped adds (the working-muscle bands' stripes, the far-side
    limbs' dots) are the same whatever the box (the box only changes the ``cm`` transform
    before them), so they are kept as finished text; the marks are sized on the page, so each
    run of marked items is kept as items too and marked when the box is known. Much smaller than the scene, and no geometry is computed again.
    """

    bounds: tuple[float, float, float, float]
    #: Operator text (lines joined by newlines; or as zlib-compressed Latin-1, see ``packed``),
    #: or a run of marked items to stripe or dot (or a PackedRun of them).
    parts: tuple[str | bytes | tuple[Item, ...] | PackedRun, ...]
    style: FigureStyle
    fill_mode: int

    def packed(self) -> Prepared:
        """The same figure with its text and its marked runs compressed: a large booklet keeps
        every figure's operators between its measuring and drawing passes (the text shrinks to
        about a fifth; the runs, thousands of small tuples of floats, to a twentieth)."""
        parts = tuple(
            zlib.compress(part.encode("latin-1"), 1) if isinstance(part, str)
            else PackedRun(part) if isinstance(part, tuple)
            else part
            for part in self.parts
        )
        return Prepared(self.bounds, parts, self.style, self.fill_mode)


class PackedRun:
    """A run of marked items, pickled and compressed: what a Prepared keeps of a run until its
    marks are made (``mark_text`` unpacks it), a few hundred bytes instead of the items' tuples.
    Compared by identity, as the runs are looked up (``made``)."""

    __slots__ = ("data",)

    def __init__(self, run: tuple[Item, ...]):
        self.data = zlib.compress(pickle.dumps(run, protocol=pickle.HIGHEST_PROTOCOL), 1)

    def items(self) -> tuple[Item, ...]:
        return pickle.loads(zlib.decompress(self.data))

    def __reduce__(self):  # to a worker and back: the packed bytes, not the items
        return _packed_run, (self.data,)


def _packed_run(data: bytes) -> PackedRun:
    run = PackedRun.__new__(PackedRun)
    run.data = data
    return run


def is_run(part) -> bool:
    """Whether a Prepared's part is a run of marked items (packed or not), not operator text."""
    return isinstance(part, (tuple, PackedRun))


def prepare(scene: Scene, style: FigureStyle | None = None, fill_mode: int = 0) -> Prepared:
    """The scene's operators apart from its box (see Prepared); ``fill_mode`` is the canvas's
    (reportlab's even-odd by default), which chooses the fill operator."""
    from reportlab.pdfgen.canvas import PATH_OPS

    style = style or DEFAULT
    ops = _Operators(style, PATH_OPS[0, 1, fill_mode], PATH_OPS[1, 0, fill_mode])
    parts: list[str | tuple[Item, ...]] = []
    run: list[Item] = []
    for item in scene.items:  # the runs hatch.striped marks: items of one marked role in a row
        if run and item.role != run[0].role:
            parts += [ops.flush(), tuple(run)]
            run = []
        if item.role in MARKED:
            run.append(item)
        ops.add(item)
    if run:
        parts += [ops.flush(), tuple(run)]
    parts.append(ops.flush())
    return Prepared(scene.bounds, tuple(p for p in parts if p), style, fill_mode)


def draw_prepared(prepared: Prepared, canvas, x: float, y: float, width: float, height: float,
                  made: Callable[[tuple[Item, ...] | PackedRun, float], str | None] | None = None) -> None:
    """Draw a prepared figure fitted and centred in ``width`` × ``height`` at (x, y) on ``canvas``.

    ``made(run, mm_per_unit)`` may give a run's marks already made (``mark_text``, in a worker
    process while the booklet was laid out); None: they are made here."""
    from reportlab.lib.rl_accel import fp_str
    from reportlab.pdfgen.canvas import PATH_OPS

    if PATH_OPS[0, 1, canvas._fillMode] != PATH_OPS[0, 1, prepared.fill_mode]:
        raise ValueError("the figure was prepared for another fill mode than the canvas's")
    code = canvas._code
    transform = _fitted(prepared, width, height)
    code += ("q", "%s cm" % fp_str(1, 0, 0, 1, x, y), "0 0 0 RG", "1 w", "0 J", "0 j", "[] 0 d", "0 0 0 rg",
             "q", "1 0 0 1 0 0 cm", "q", "%s cm" % fp_str(*transform))
    mm_per_unit = _mm_per_unit(transform)
    for part in prepared.parts:
        if isinstance(part, str):
            code.append(part)
            continue
        if isinstance(part, bytes):
            code.append(zlib.decompress(part).decode("latin-1"))
            continue
        text = made(part, mm_per_unit) if made is not None else None
        if text is None:
            text = mark_text(part, mm_per_unit, prepared.style, prepared.fill_mode)
        if text:
            code.append(text)
    code += ("Q", "Q", "Q")


def scale(prepared: Prepared, width: float, height: float) -> float:
    """Millimetres per body unit of the figure drawn in a ``width`` × ``height`` box (points):
    what its marks are sized by, and the key under which the workers' marks are looked up."""
    return _mm_per_unit(_fitted(prepared, width, height))


def _mm_per_unit(transform: tuple[float, ...]) -> float:
    """Millimetres per body unit under a fitting transform: ``scale`` and ``draw_prepared`` must
    compute the very same float, or the marks made in the workers are silently not found."""
    return transform[0] * MM_PER_POINT


def mark_text(run: tuple[Item, ...] | PackedRun, mm_per_unit: float, style: FigureStyle, fill_mode: int) -> str:
    """The operators of the marks hatch.striped adds over ``run`` (stripes or dots) at that scale."""
    from reportlab.pdfgen.canvas import PATH_OPS

    if isinstance(run, PackedRun):
        run = run.items()
    ops = _Operators(style, PATH_OPS[0, 1, fill_mode], PATH_OPS[1, 0, fill_mode])
    for mark in striped(run, mm_per_unit)[len(run):]:
        ops.add(mark)
    return ops.flush()


class _Operators:
    """Items' operators as renderPDF writes them, gathered into text."""

    def __init__(self, style: FigureStyle, fill: str, stroke: str):
        from reportlab.lib.rl_accel import fp_str

        self.style, self.fill, self.stroke, self.fp_str = style, fill, stroke, fp_str
        self.code: list[str] = []
        self.colours: dict[str, str] = {}

    def add(self, item: Item) -> None:
        from reportlab.pdfgen.pathobject import PDFPathObject

        code, fp_str = self.code, self.fp_str
        hex_colour = self.style.colour(item.role)
        rgb = self.colours.get(hex_colour)
        if rgb is None:
            colour = HexColor(hex_colour)
            rgb = self.colours[hex_colour] = fp_str(colour.red, colour.green, colour.blue)
        if isinstance(item, Disc):
            code += ("q", rgb + " rg", "1 w", "0 J", "0 j", "[] 0 d")
            (cx, cy), r = item.centre, item.radius
            x1, y1, x2, y2 = cx - r, cy - r, cx + r, cy + r  # as canvas.circle hands them to ellipse
            PDFPathObject(code=code).ellipse(x1, y1, x2 - x1, y2 - y1)
            code += (self.fill, "Q")
        elif isinstance(item, Shape):
            code += ("q", rgb + " rg", "1 w", "0 J", "0 j", "[] 0 d", _path(item.points, fp_str) + " h", self.fill, "Q")
        elif isinstance(item, Stroke):
            code += ("q", rgb + " RG", "%s w" % fp_str(item.width), "1 J", "1 j", "[] 0 d", _path(item.points, fp_str), self.stroke, "Q")

    def flush(self) -> str:
        """The operators added since the last flush, as one text."""
        text = "\n".join(self.code)
        self.code = []
        return text


def _path(points: tuple[tuple[float, float], ...], fp_str) -> str:
    """A path through ``points`` as reportlab's PDFPathObject writes it (moveTo, then lineTo)."""
    (x0, y0), rest = points[0], points[1:]
    return "n %s m" % fp_str(x0, y0) + "".join(" %s l" % fp_str(px, py) for px, py in rest)
