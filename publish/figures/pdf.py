"""Rendering to a reportlab Drawing: vector, any size, for the chart and the booklet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.colors import HexColor

from publish.figures.hatch import striped
from publish.figures.scene import Disc, Scene, Shape, Stroke
from publish.figures.style import DEFAULT, FigureStyle

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

#: Millimetres per PDF point: the stripes of the working muscles are sized on the page.
MM_PER_POINT = 25.4 / 72


def _fitted(scene: Scene, width: float, height: float) -> tuple[float, ...]:
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
    from reportlab.lib.rl_accel import fp_str
    from reportlab.pdfgen.canvas import PATH_OPS
    from reportlab.pdfgen.pathobject import PDFPathObject

    style = style or DEFAULT
    code = canvas._code
    fill = PATH_OPS[0, 1, canvas._fillMode]
    stroke = PATH_OPS[1, 0, canvas._fillMode]
    transform = _fitted(scene, width, height)
    code += ("q", "%s cm" % fp_str(1, 0, 0, 1, x, y), "0 0 0 RG", "1 w", "0 J", "0 j", "[] 0 d", "0 0 0 rg",
             "q", "1 0 0 1 0 0 cm", "q", "%s cm" % fp_str(*transform))
    colours: dict[str, str] = {}
    for item in striped(scene.items, transform[0] * MM_PER_POINT):
        hex_colour = style.colour(item.role)
        rgb = colours.get(hex_colour)
        if rgb is None:
            colour = HexColor(hex_colour)
            rgb = colours[hex_colour] = fp_str(colour.red, colour.green, colour.blue)
        if isinstance(item, Disc):
            code += ("q", rgb + " rg", "1 w", "0 J", "0 j", "[] 0 d")
            (cx, cy), r = item.centre, item.radius
            x1, y1, x2, y2 = cx - r, cy - r, cx + r, cy + r  # as canvas.circle hands them to ellipse
            PDFPathObject(code=code).ellipse(x1, y1, x2 - x1, y2 - y1)
            code += (fill, "Q")
        elif isinstance(item, Shape):
            code += ("q", rgb + " rg", "1 w", "0 J", "0 j", "[] 0 d", _path(item.points, fp_str) + " h", fill, "Q")
        elif isinstance(item, Stroke):
            code += ("q", rgb + " RG", "%s w" % fp_str(item.width), "1 J", "1 j", "[] 0 d", _path(item.points, fp_str), stroke, "Q")
    code += ("Q", "Q", "Q")


def _path(points: tuple[tuple[float, float], ...], fp_str) -> str:
    """A path through ``points`` as reportlab's PDFPathObject writes it (moveTo, then lineTo)."""
    (x0, y0), rest = points[0], points[1:]
    return "n %s m" % fp_str(x0, y0) + "".join(" %s l" % fp_str(px, py) for px, py in rest)
