"""PNG rendering with Pillow: an 8-bit palette image, drawn directly in its palette.

Pillow draws without anti-aliasing, so a figure is drawn at twice the size and each 2 × 2 block
of pixels becomes one (twice is enough at the 1200 px the EPUB asks for: four times looked the
same and cost four times the pixels). Drawing that in RGB and quantising it afterwards cost
three quarters of the time; instead the figure is drawn once, in an 8-bit grey image, with each
of the style's few colours drawn as a *code* (a grey level, four times one of ``CODES``). The
codes are chosen so that a block's sum says which colours it holds and how many pixels of each,
whenever it holds one or two colours (everywhere but the few pixels where three colours meet):
``Image.reduce`` averages each block, which gives the sum of its codes exactly, and a lookup
table turns that sum into an entry of a fixed palette of the colours and their blends. So the
result is the palette image at once, with no RGB canvas, no quantiser and no colour snapped.

Pillow draws wide lines with square ends, so every stroke is drawn as its segments plus a
disc at each point, which gives the round caps and joins of the other renderings.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import itertools

from publish.figures.hatch import PNG_PIXELS_PER_MM, striped
from publish.figures.scene import Disc, Scene, Shape, Stroke
from publish.figures.style import DEFAULT, FigureStyle, rgb

SUPERSAMPLE = 2

#: One code per distinct colour of a style: no two 4-pixel blocks of one or two colours (in any
#: shares: 4 + 0, 3 + 1, 2 + 2) have the same sum. The smallest such set of seven (found by a
#: search): the sums stay under 256 when each code is drawn four times over (see module doc).
CODES = (0, 1, 8, 27, 31, 42, 44)

#: zlib level of the PNGs, zlib's default. Measured on the 70-exercise set's cards (1312 px):
#: 5.5 ms and 15.1 kB each at 6; levels 1–3 halve the time but weigh 41–58 % more, 4 saves a
#: fifth of the time for 12 % more, 9 takes five times as long for 16 % less; zlib's RLE
#: strategy is as fast as level 1 and weighs 2.7 times as much.
PNG_LEVEL = 6


@dataclasses.dataclass(frozen=True)
class Palette:
    """A style's colours as drawn: the code each role is drawn in, and what each block sum shows."""

    code: dict[str, int]  # role → the grey level it is drawn in (4 × its code)
    lookup: tuple[int, ...]  # block sum (0–255) → palette index
    colours: tuple[tuple[int, int, int], ...]  # palette index → RGB
    paper: int  # the palette index of the paper

    def flat(self) -> list[int]:
        return [value for colour in self.colours for value in colour]


@functools.lru_cache(maxsize=4)
def palette(style: FigureStyle) -> Palette:
    """The fixed palette of ``style``: each colour and each blend two colours make in a 2 × 2
    block. A sum only three or four colours make (a few pixels a figure) shows the entry
    nearest their blend."""
    roles = [field.name for field in dataclasses.fields(style)]
    distinct = list(dict.fromkeys(rgb(style.colour(role)) for role in ["paper", *roles]))
    if len(distinct) > len(CODES):
        raise ValueError(f"a figure style may use at most {len(CODES)} colours, this one uses {len(distinct)}")
    codes = CODES[: len(distinct)]

    def blend(block: tuple[int, ...]) -> tuple[int, int, int]:
        return tuple(round(sum(distinct[i][channel] for i in block) / 4) for channel in range(3))

    two: dict[int, tuple[int, ...]] = {}  # block sum → the one- or two-colour block making it
    more: dict[int, tuple[int, ...]] = {}  # the other sums → the first block making it
    for block in itertools.combinations_with_replacement(range(len(distinct)), 4):
        total = sum(codes[i] for i in block)
        (two if len(set(block)) <= 2 else more).setdefault(total, block)
    sums = sorted(two)
    colours = tuple(blend(two[total]) for total in sums)
    index = {total: at for at, total in enumerate(sums)}
    for total, block in more.items():
        if total not in index:
            seen = blend(block)
            index[total] = min(range(len(colours)), key=lambda at: sum((a - b) ** 2 for a, b in zip(colours[at], seen)))
    return Palette(
        code={role: 4 * codes[distinct.index(rgb(style.colour(role)))] for role in roles},
        lookup=tuple(index.get(total, 0) for total in range(256)),
        colours=colours,
        paper=index[0],
    )


def render_image(scene: Scene, width_px: int, style: FigureStyle | None = None):
    """The scene ``width_px`` wide (height from its aspect) as a Pillow "P" image."""
    from PIL import Image, ImageDraw

    colours = palette(style or DEFAULT)
    x0, y0, x1, y1 = scene.bounds
    height_px = max(1, round(width_px * scene.height / scene.width))
    k = width_px * SUPERSAMPLE / scene.width

    def at(p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] - x0) * k, (y1 - p[1]) * k

    codes = Image.new("L", (width_px * SUPERSAMPLE, height_px * SUPERSAMPLE), colours.code["paper"])
    ink, ellipse, polygon, line = _drawing_calls(ImageDraw.Draw(codes))
    inks = {role: ink(code) for role, code in colours.code.items()}
    # k / SUPERSAMPLE pixels of the PNG per body height, PNG_PIXELS_PER_MM of them a millimetre.
    for item in striped(scene.items, k / SUPERSAMPLE / PNG_PIXELS_PER_MM):
        code = inks[item.role]
        if isinstance(item, Stroke):  # most items: a figure's far side alone is hundreds of dots
            w = item.width * k
            r = w / 2
            if len(item.points) == 2:  # a dot, a dash, a line: unrolled, the same arithmetic
                (ax, ay), (bx, by) = item.points
                ax, ay, bx, by = (ax - x0) * k, (y1 - ay) * k, (bx - x0) * k, (y1 - by) * k
                line(((ax, ay), (bx, by)), code, max(1, round(w)))
                ellipse((ax - r, ay - r, ax + r, ay + r), code, 1)
                ellipse((bx - r, by - r, bx + r, by + r), code, 1)
                continue
            points = [((x - x0) * k, (y1 - y) * k) for x, y in item.points]
            if len(points) > 1:
                line(points, code, max(1, round(w)))
            for cx, cy in points:
                ellipse((cx - r, cy - r, cx + r, cy + r), code, 1)
        elif isinstance(item, Disc):
            (cx, cy), r = at(item.centre), item.radius * k
            ellipse((cx - r, cy - r, cx + r, cy + r), code, 1)
        elif isinstance(item, Shape):
            polygon([((x - x0) * k, (y1 - y) * k) for x, y in item.points], code, 1)
    indices = codes.reduce(SUPERSAMPLE).point(list(colours.lookup))
    image = Image.frombytes("P", indices.size, indices.tobytes())
    image.putpalette(colours.flat())
    return image


def _drawing_calls(draw):
    """(ink, ellipse, polygon, line) for ``draw``'s image: ``ink(level)`` is what the others
    take for a grey level; ``ellipse(box, ink, 1)`` and ``polygon(points, ink, 1)`` fill,
    ``line(points, ink, width)`` strokes.

    A figure makes a few thousand of these calls, mostly the discs of round caps and joins and
    the far side's dots, and ImageDraw's methods resolve the colour on every call: a quarter
    of the drawing time. Where Pillow's drawing object is at hand (``ImageDraw.Draw.draw``,
    the one its methods call) the same calls are made on it directly, each ink resolved once,
    so the pixels are the same (tests/test_figures.py holds them equal); otherwise the public
    methods are used.
    """
    core = getattr(draw, "draw", None)
    if not all(hasattr(core, name) for name in ("draw_ink", "draw_ellipse", "draw_polygon", "draw_lines")):
        return (
            lambda level: level,
            lambda box, level, _: draw.ellipse(box, fill=level),
            lambda points, level, _: draw.polygon(points, fill=level),
            lambda points, level, width: draw.line(points, fill=level, width=width),
        )
    return core.draw_ink, core.draw_ellipse, core.draw_polygon, core.draw_lines


def encode_png(image, **options) -> bytes:
    """``image`` as PNG bytes at ``PNG_LEVEL`` (``options`` as for Pillow's PNG writer)."""
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=PNG_LEVEL, **options)
    return out.getvalue()


def render_png(scene: Scene, width_px: int, style: FigureStyle | None = None) -> bytes:
    """PNG bytes of ``render_image``: an 8-bit palette PNG."""
    return encode_png(render_image(scene, width_px, style))
