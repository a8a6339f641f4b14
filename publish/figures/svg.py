"""SVG rendering: a clean standalone document (no DOCTYPE) with a viewBox, title and desc.

Written from the geometry rather than through reportlab's renderSVG, whose DOCTYPE epubcheck
rejects and which drops round line caps. Numbers are rounded to a fixed precision so that the
same figure always gives the same bytes.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from publish.figures.hatch import striped
from publish.figures.scene import Disc, Scene, Shape, Stroke
from publish.figures.style import DEFAULT, FigureStyle

#: SVG user units per body height: enough precision at three decimals for any print size.
UNIT = 1000.0


def render_svg(scene: Scene, title: str, description: str, style: FigureStyle | None = None) -> str:
    style = style or DEFAULT
    x0, y0, x1, y1 = scene.bounds
    width, height = (x1 - x0) * UNIT, (y1 - y0) * UNIT

    def at(p: tuple[float, float]) -> str:
        return f"{_n((p[0] - x0) * UNIT)},{_n((y1 - p[1]) * UNIT)}"

    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width / 10)}mm" height="{_n(height / 10)}mm" role="img" '
        'aria-labelledby="figure-title figure-desc">',
        f'<title id="figure-title">{escape(title)}</title>',
        f'<desc id="figure-desc">{escape(description)}</desc>',
        f'<rect width="{_n(width)}" height="{_n(height)}" fill="{style.paper}"/>',
        '<g stroke-linecap="round" stroke-linejoin="round">',
    ]
    # The document is UNIT / 10 mm per body height (its width and height attributes).
    for item in striped(scene.items, UNIT / 10):
        colour = style.colour(item.role)
        if isinstance(item, Disc):
            cx, cy = at(item.centre).split(",")
            lines.append(f'<circle cx="{cx}" cy="{cy}" r="{_n(item.radius * UNIT)}" fill="{colour}"/>')
        elif isinstance(item, Shape):
            points = " ".join(at(p) for p in item.points)
            lines.append(f'<polygon points="{points}" fill="{colour}"/>')
        elif isinstance(item, Stroke):
            points = " ".join(at(p) for p in item.points)
            lines.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{_n(item.width * UNIT)}"/>'
            )
    lines += ["</g>", "</svg>", ""]
    return "\n".join(lines)


def _n(value: float) -> str:
    """A number with at most one decimal (0.1 unit = 0.01 % of body height)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
