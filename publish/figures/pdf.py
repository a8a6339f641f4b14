"""Rendering to a reportlab Drawing: vector, any size, for the chart and the booklet."""

from __future__ import annotations

import functools

from reportlab.graphics.shapes import Circle, Drawing, Group, PolyLine, Polygon
from reportlab.lib.colors import HexColor

from publish.figures.hatch import striped
from publish.figures.scene import Disc, Item, Scene, Shape, Stroke
from publish.figures.style import DEFAULT, FigureStyle

#: Millimetres per PDF point: the stripes of the working muscles are sized on the page.
MM_PER_POINT = 25.4 / 72


def _fitted(scene: Scene, width: float, height: float) -> tuple[float, ...]:
    """The transform that scales ``scene`` to fit ``width`` × ``height``, aspect kept, centred."""
    x0, y0, _, _ = scene.bounds
    k = min(width / scene.width, height / scene.height)
    return (k, 0, 0, k, (width - scene.width * k) / 2 - x0 * k, (height - scene.height * k) / 2 - y0 * k)


def render_drawing(scene: Scene, width: float, height: float, style: FigureStyle | None = None) -> Drawing:
    """The scene scaled to fit ``width`` × ``height`` points, aspect kept, centred."""
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

    The same canvas calls in the same order, so the same bytes, without building a reportlab
    shape per stroke and disc (each checks every attribute it is given) or tracking graphics
    state through renderPDF's generic tree walk: those cost more than the figure's geometry.
    """
    from reportlab.graphics.renderbase import renderScaledDrawing

    style = style or DEFAULT
    transform = _fitted(scene, width, height)
    group = Group(transform=transform)
    group._scene_nodes = _nodes(striped(scene.items, transform[0] * MM_PER_POINT), style)
    drawing = Drawing(width, height)
    drawing.add(group)
    drawing.initialFontName = font_name
    _scene_renderer()().draw(renderScaledDrawing(drawing), canvas, x, y)


def _nodes(items: tuple[Item, ...], style: FigureStyle) -> list[tuple[str, dict, tuple]]:
    """(kind, graphics-state delta as renderPDF computes it, geometry) for each item.

    Items that set the same state share one delta (the renderer writes its operators once).
    """
    templates = _templates()
    deltas: dict[tuple, dict] = {}
    out = []
    for item in items:
        hex_colour = style.colour(item.role)
        if isinstance(item, Disc):
            delta = deltas.get(("circle", hex_colour))
            if delta is None:
                delta = deltas[("circle", hex_colour)] = {**templates["circle"], "fillColor": HexColor(hex_colour)}
            out.append(("circle", delta, (item.centre[0], item.centre[1], item.radius)))
        elif isinstance(item, Shape):
            delta = deltas.get(("polygon", hex_colour))
            if delta is None:
                delta = deltas[("polygon", hex_colour)] = {**templates["polygon"], "fillColor": HexColor(hex_colour)}
            out.append(("polygon", delta, _flat(item.points)))
        elif isinstance(item, Stroke):
            key = ("polyline", hex_colour, item.width)
            delta = deltas.get(key)
            if delta is None:
                delta = deltas[key] = {**templates["polyline"], "strokeColor": HexColor(hex_colour), "strokeWidth": item.width}
            out.append(("polyline", delta, _flat(item.points)))
    return out


_TEMPLATES: dict[str, dict] = {}


def _templates() -> dict[str, dict]:
    """Each shape kind's graphics-state properties (renderbase.getStateDelta), in their order."""
    if not _TEMPLATES:
        from reportlab.graphics.renderbase import getStateDelta

        black = HexColor("#000000")
        _TEMPLATES["circle"] = getStateDelta(Circle(0, 0, 1, fillColor=black, strokeColor=None))
        _TEMPLATES["polygon"] = getStateDelta(Polygon([0, 0, 1, 1, 1, 0], fillColor=black, strokeColor=None))
        _TEMPLATES["polyline"] = getStateDelta(
            PolyLine([0, 0, 1, 1], strokeColor=black, strokeWidth=1, strokeLineCap=1, strokeLineJoin=1, fillColor=None)
        )
    return _TEMPLATES


@functools.cache
def _scene_renderer():
    from reportlab.graphics.renderPDF import _PDFRenderer
    from reportlab.lib.rl_accel import fp_str
    from reportlab.pdfgen.canvas import PATH_OPS

    class SceneRenderer(_PDFRenderer):
        """renderPDF's renderer, drawing a scene's group from its precomputed nodes."""

        def drawGroup(self, group):
            nodes = getattr(group, "_scene_nodes", None)
            if nodes is None:
                return super().drawGroup(group)
            canvas = self._canvas
            code = canvas._code
            # The state a node sets (colour, width, cap, join, dash) depends only on its delta,
            # since each node is drawn between q and Q from the group's state: the first node
            # of each delta is drawn through renderPDF and its operators kept; the rest of the
            # same delta repeat them with their own path, written as pathobject writes it.
            states: dict[int, tuple[list[str], int, int]] = {}
            for kind, delta, geometry in nodes:
                known = states.get(id(delta)) if kind != "circle" else None
                if known is not None:
                    state, stroke, fill = known
                    path = [f"n {fp_str(geometry[0], geometry[1])} m"]
                    path += [f"{fp_str(geometry[i], geometry[i + 1])} l" for i in range(2, len(geometry), 2)]
                    if kind == "polygon":
                        path.append("h")
                        code += ("q", *state, " ".join(path), PATH_OPS[stroke, fill, canvas._fillMode], "Q")
                    elif stroke:
                        code += ("q", *state, " ".join(path), PATH_OPS[1, 0, canvas._fillMode], "Q")
                    else:
                        code += ("q", *state, "Q")
                    continue
                canvas.saveState()
                start = len(code)
                self.applyStateChanges(delta, {})
                if kind != "circle":
                    states[id(delta)] = (code[start:], self._stroke, self._fill)
                if kind == "circle":
                    canvas.circle(*geometry, fill=self._fill, stroke=self._stroke)
                else:
                    path = canvas.beginPath()
                    path.moveTo(geometry[0], geometry[1])
                    for i in range(2, len(geometry), 2):
                        path.lineTo(geometry[i], geometry[i + 1])
                    if kind == "polygon":
                        path.close()
                        canvas.drawPath(path, stroke=self._stroke, fill=self._fill)
                    elif self._stroke:
                        canvas.drawPath(path)
                canvas.restoreState()

    return SceneRenderer
