"""Rendering to a reportlab Drawing: vector, any size, for the chart and the booklet."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, PolyLine, Polygon
from reportlab.lib.colors import HexColor

from publish.figures.scene import Disc, Scene, Shape, Stroke
from publish.figures.style import DEFAULT, FigureStyle


def render_drawing(scene: Scene, width: float, height: float, style: FigureStyle | None = None) -> Drawing:
    """The scene scaled to fit ``width`` × ``height`` points, aspect kept, centred."""
    style = style or DEFAULT
    x0, y0, _, _ = scene.bounds
    k = min(width / scene.width, height / scene.height)
    dx = (width - scene.width * k) / 2 - x0 * k
    dy = (height - scene.height * k) / 2 - y0 * k
    group = Group(transform=(k, 0, 0, k, dx, dy))
    for item in scene.items:
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
