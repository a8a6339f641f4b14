"""The e-book's pictures: each illustration as a card that reads on light, dark and e-ink
pages, its text alternative, and the cover.

An opaque white panel glares on a night-mode page. Each figure is instead set on a rounded card
of soft light grey whose edge fades into transparency: on a white page it is a quiet panel, on
a black page a deliberate card with no hard white edge, and in greyscale the figure's dark
lines keep their contrast (the card is multiplied under them, so black stays black).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import io
from collections.abc import Callable, Iterator, Sequence

from publish.model import Book, Exercise, Figure
from publish.theme import Theme

#: Widths in pixels: the illustrations (crisp on e-ink, at least 1200 px) and the cover.
FIGURE_WIDTH = 1200
COVER_SIZE = (1600, 2560)
#: The cover's credit ("From … by …") takes at most this many lines.
MAX_CREDIT_LINES = 6

#: The card under each figure: a light warm grey (about 92 % in greyscale), so that dark lines
#: keep a contrast above 14:1 and a night-mode page is not lit by a white rectangle.
CARD = (236, 235, 230)
#: The card's margin around the figure, its corner radius and the width of its soft edge,
#: as fractions of the figure's width.
CARD_MARGIN = 0.035
CARD_RADIUS = 0.04
CARD_FEATHER = 0.012


def figure_image(exercise: Exercise) -> tuple[bytes, str] | None:
    """The exercise's illustration as a card PNG with its alt text, or None without a figure.

    The alt text describes the picture (who, in what position, what is highlighted); the
    caption beside it says what the movement is, so a screen reader does not hear it twice.
    """
    if exercise.figure is None:
        return None
    return _figure_card(exercise.figure), figure_alt(exercise)


@contextlib.contextmanager
def figure_images(exercises: Sequence[Exercise]) -> Iterator[Callable[[], dict[str, tuple[bytes, str] | None]]]:
    """``figure_image`` of every exercise (by id), drawn meanwhile: yields the function that waits
    for them, so the caller lays out the rest of the book while the workers draw.

    A large book's cards are drawn in forked worker processes (publish.workers.figure_pool), each
    the same bytes as drawn here, returned in the book's order. Each worker computes a figure's
    scene, draws its card and sends back the card and the scene's size; meanwhile
    ``publish.figures`` takes each figure's size from them (``aspect`` and ``stature``, all the
    booklet laid out for the page list asks of a figure), waiting for the figure it asks for, so
    this process computes no scene. Under ``publish all`` the booklet's workers have drawn the
    cards already (``card_from_scene``): they are taken from there.
    """
    from publish.figures.render import made_alongside, prepared_from
    from publish.workers import InOrder, figure_pool

    figures = list(dict.fromkeys(e.figure for e in exercises if e.figure is not None))
    ready = {figure: made_alongside(CARDS, figure) for figure in figures}
    if figures and None not in ready.values():  # drawn by the booklet's workers (publish all)
        with prepared_from(lambda figure: ready[figure][1] if figure in ready else None):
            yield lambda: {e.id: (ready[e.figure][0], figure_alt(e)) if e.figure is not None else None for e in exercises}
        return
    with figure_pool(len(figures)) as pool:
        if pool is None:
            yield lambda: {e.id: figure_image(e) for e in exercises}
            return
        drawn = InOrder(pool, _card_and_size, figures)

        def wait() -> dict[str, tuple[bytes, str] | None]:
            cards = drawn.all()
            return {e.id: (cards[e.figure][0], figure_alt(e)) if e.figure is not None else None for e in exercises}

        with prepared_from(lambda figure: size[1] if (size := drawn(figure)) is not None else None):
            yield wait


@dataclasses.dataclass(frozen=True)
class SceneSize:
    """A figure's scene's width and height (body heights), sent back by a worker: all that
    ``publish.figures.aspect`` and ``stature`` need of it (the page list draws nothing)."""

    width: float
    height: float


def _card_and_size(figure: Figure) -> tuple[bytes, SceneSize]:
    """A worker's task: the card (the bytes ``_figure_card`` gives), and the size of the scene
    it computed for it. The scene is not kept in the scene cache: each figure is asked for
    once, and a worker would hold hundreds of them."""
    from publish.figures.scene import scene_uncached

    return card_from_scene(figure, scene_uncached(figure))


#: The name under which ``publish all`` has the booklet's workers draw the cards (see
#: ``card_from_scene`` and publish.figures.render.alongside).
CARDS = "epub-card"


def card_from_scene(figure: Figure, geometry) -> tuple[bytes, SceneSize]:
    """The figure's card and its scene's size, from its scene computed already (``_figure_card``'s
    bytes): the EPUB's workers' task, and what ``publish all`` asks of the booklet's workers
    beside the booklet's own drawing (render.alongside), so each scene is computed once."""
    from publish.figures.raster import render_image

    return on_card(render_image(geometry, FIGURE_WIDTH)), SceneSize(geometry.width, geometry.height)


@functools.lru_cache(maxsize=64)
def _figure_card(figure) -> bytes:
    """Kept per process: a batch's programmes share their libraries' few figures, and
    encoding a 1200-pixel PNG costs more than laying out a chapter."""
    from publish.figures import png_image

    return on_card(png_image(figure, FIGURE_WIDTH))


def figure_alt(exercise: Exercise) -> str:
    """What the picture shows, less what its caption says: the figure's action is the caption.

    Without an action (so without a caption) the full alt text, action-free, is all there is.
    """
    from publish.figures import alt_text
    from publish.figures.joints import BASE_POSES

    figure = exercise.figure
    if figure is None or figure.action is None:
        return alt_text(exercise)
    alt = f"Drawing of a person {BASE_POSES[figure.start.base]}"
    if figure.end.base != figure.start.base:
        alt += f", then {BASE_POSES[figure.end.base]}"
    alt += "."
    if figure.highlight:
        words = figure.highlight
        joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        alt += f" Highlighted: {joined}."
    return alt


#: Alpha levels of the card's soft edge (palette entries of the card colour, fading out).
EDGE_LEVELS = 16


def on_card(figure) -> bytes:
    """The figure (a Pillow palette image) multiplied onto a rounded light card with a soft,
    transparent edge, as PNG bytes.

    Kept an 8-bit palette PNG, as the figure is: multiplying by the card colour is done on the
    palette entries (not on every pixel), and the soft edge is ``EDGE_LEVELS`` more entries of
    the card colour at falling opacity (PNG's tRNS). An RGBA card encoded three times slower
    and weighed three times as much, for an edge that looks the same. The edge itself depends
    only on the card's size and is put together from pieces kept per width (``_card_edge``).
    """
    from PIL import Image

    from publish.figures.raster import encode_png

    colours = figure.getpalette()
    used = len(colours) // 3
    if used > 256 - EDGE_LEVELS:
        raise ValueError(f"a figure for a card may have at most {256 - EDGE_LEVELS} colours, it has {used}")
    palette = [round(value * CARD[at % 3] / 255) for at, value in enumerate(colours)]
    palette += list(CARD) * EDGE_LEVELS
    paper = min(range(used), key=lambda i: -sum(colours[3 * i : 3 * i + 3]))  # the figure's white

    margin = round(figure.width * CARD_MARGIN)
    feather = max(1, round(figure.width * CARD_FEATHER))
    radius = round(figure.width * CARD_RADIUS)
    size = (figure.width + 2 * (margin + feather), figure.height + 2 * (margin + feather))
    at = (margin + feather, margin + feather)
    solid = _solid_card(size[0], radius, feather, used, paper, at[0])
    if solid is not None and size[1] >= 2 * solid[0].height + 1:
        # The figure lies wholly on the card's solid inside (always, at these proportions): its
        # indices are pasted as they are onto the card put together in palette mode.
        out_image = _stack(*solid, size[1], "P")
        out_image.paste(figure, at)
    else:
        card, inside = _card_edge(size, radius, feather, used, paper)  # palette indices, as grey levels
        card.paste(Image.frombytes("L", figure.size, figure.tobytes()), at, inside.crop((*at, at[0] + figure.width, at[1] + figure.height)))
        out_image = Image.frombytes("P", size, card.tobytes())
    out_image.putpalette(palette)
    alpha = bytes([255] * used + [round(255 * level / (EDGE_LEVELS - 1)) for level in range(EDGE_LEVELS)])
    return encode_png(out_image, transparency=alpha)


def _soft_mask(size: tuple[int, int], radius: int, feather: int):
    """The card's shape as grey levels: 255 inside the rounded rectangle, fading to 0 over
    about ``feather`` pixels (a Gaussian blur of the sharp shape)."""
    from PIL import Image, ImageDraw, ImageFilter

    mask = Image.new("L", size, 0)
    box = (feather, feather, size[0] - 1 - feather, size[1] - 1 - feather)
    ImageDraw.Draw(mask).rounded_rectangle(box, radius=radius, fill=255)
    return mask.filter(ImageFilter.GaussianBlur(feather / 2))


def _card_edge(size: tuple[int, int], radius: int, feather: int, used: int, paper: int):
    """The card without its figure, and where it is solid: palette indices (``paper`` inside,
    ``used`` + the edge's alpha level outside) and a mask of the solid inside (255), both "L".

    Blurring a whole card's mask cost more than drawing its figure. Away from the corners each
    row of the mask is the same, so a short card of the same width is blurred once (kept per
    width) and a card of any height is its top, that middle row repeated, and its bottom: the
    same pixels as blurring the whole card (tests/test_epub.py holds this).
    """
    width, height = size
    top, middle, bottom = _card_edge_parts(width, radius, feather, used, paper)
    if height < 2 * top[0].height + 1:
        return _card_edge_pieces(_soft_mask(size, radius, feather), used, paper)
    return tuple(_stack(start, row, end, height) for start, row, end in zip(top, middle, bottom))


def _stack(top, row, bottom, height: int, mode: str = "L"):
    """``top``, then ``row`` repeated, then ``bottom``: an image ``height`` tall."""
    from PIL import Image

    image = Image.new(mode, (top.width, height))
    image.paste(top, (0, 0))
    image.paste(row.resize((row.width, height - top.height - bottom.height), Image.NEAREST), (0, top.height))
    image.paste(bottom, (0, height - bottom.height))
    return image


def _card_edge_pieces(mask, used: int, paper: int):
    """(card indices, solid inside) from the soft mask: see ``_card_edge``."""
    card = mask.point([paper if v == 255 else used + min(EDGE_LEVELS - 1, v * EDGE_LEVELS // 255) for v in range(256)])
    return card, mask.point([255 if v == 255 else 0 for v in range(256)])


@functools.lru_cache(maxsize=8)
def _card_edge_parts(width: int, radius: int, feather: int, used: int, paper: int):
    """``_card_edge`` of a short card ``width`` wide, cut into (tops, middle rows, bottoms)."""
    reach = feather + radius + 4 * feather + 2  # rows from the edge the corner and the blur touch
    short = _card_edge_pieces(_soft_mask((width, 2 * reach + 1), radius, feather), used, paper)
    return (
        tuple(piece.crop((0, 0, width, reach)) for piece in short),
        tuple(piece.crop((0, reach, width, reach + 1)) for piece in short),
        tuple(piece.crop((0, reach + 1, width, 2 * reach + 1)) for piece in short),
    )


@functools.lru_cache(maxsize=8)
def _solid_card(width: int, radius: int, feather: int, used: int, paper: int, inset: int):
    """The pieces (top, middle row, bottom) of ``_card_edge``'s card indices as palette ("P")
    images, if a figure set ``inset`` pixels in from every side lies wholly on the solid
    inside of a card of this width (and of any height the pieces fit); else None."""
    from PIL import Image

    tops, middles, bottoms = _card_edge_parts(width, radius, feather, used, paper)
    reach = tops[1].height
    inside = [
        tops[1].crop((inset, min(inset, reach), width - inset, reach)),
        middles[1].crop((inset, 0, width - inset, 1)),
        bottoms[1].crop((inset, 0, width - inset, max(0, reach - inset))),
    ]
    if any(piece.height and piece.getextrema() != (255, 255) for piece in inside):
        return None
    return tuple(Image.frombytes("P", piece.size, piece.tobytes()) for piece in (tops[0], middles[0], bottoms[0]))


def _cover_font(text: str, size: int, bold: bool):
    """Atkinson Hyperlegible, or Noto Sans when Atkinson lacks a character of ``text``."""
    from PIL import ImageFont

    from publish.fonts import coverage, font_files, register

    fonts = register()
    name = fonts.bold if bold else fonts.regular
    if all(ord(c) in coverage(name) or c.isspace() for c in text):
        return ImageFont.truetype(str(font_files()[name]), size)
    font = ImageFont.truetype(str(font_files()[fonts.fallback]), size)
    if bold:  # the variable Noto Sans: bold on its weight axis, every other axis at its default
        axes = font.get_variation_axes()
        font.set_variation_by_axes([700 if axis["name"] in (b"Weight", "Weight") else axis["default"] for axis in axes])
    return font


def _wrap(text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _fit(text: str, width: int, start: int, bold: bool, max_lines: int):
    """The largest font (down from ``start``) that sets ``text`` in ``max_lines`` lines of ``width``."""
    size = start
    while True:
        font = _cover_font(text, size, bold)
        lines = _wrap(text, font, width)
        if size <= 24 or (len(lines) <= max_lines and all(font.getlength(line) <= width for line in lines)):
            return font, lines
        size -= 6


def cover_png(book: Book, theme: Theme, illustration: bytes | None) -> bytes:
    """The cover raster: the title on a deep band above one illustration, as a PNG."""
    return _cover_png(book.title, book.subtitle, book.source, theme.palette, illustration)


@functools.lru_cache(maxsize=8)
def _cover_png(title: str, subtitle: str | None, source, palette, illustration: bytes | None) -> bytes:
    """The cover from what it shows, kept per process: a batch's programmes share their covers."""
    from publish.figures.raster import encode_png

    return encode_png(_in_palette(_cover_rgb(title, subtitle, source, palette, illustration)))


def _cover_rgb(title: str, subtitle: str | None, source, palette, illustration: bytes | None):
    """The cover drawn in full colour (a Pillow "RGB" image)."""
    from PIL import Image, ImageDraw

    width, height = COVER_SIZE
    margin = width // 12
    image = Image.new("RGB", COVER_SIZE, palette.paper)
    draw = ImageDraw.Draw(image)
    footer = []
    if source:
        footer.append(f"From {source.title}")
        if source.author:
            footer.append(f"by {source.author}")
    foot_font = _cover_font(" ".join(footer), 52, False)
    foot_lines = [line for part in footer for line in _wrap(part, foot_font, width - 2 * margin)]
    if len(foot_lines) > MAX_CREDIT_LINES:  # a long credit keeps room for the picture; the book gives it whole
        foot_lines = [*foot_lines[: MAX_CREDIT_LINES - 1], foot_lines[MAX_CREDIT_LINES - 1] + " …"]
    footer_top = height - margin - len(foot_lines) * foot_font.size * 1.3
    # Without an illustration the title band takes the whole cover above the credit line.
    band = int(height * 0.46) if illustration is not None else int(footer_top - margin)
    draw.rectangle((0, 0, width, band), fill=palette.accent)

    y = margin * 1.4
    font, lines = _fit(title, width - 2 * margin, 150, True, 4)
    for line in lines:
        draw.text((margin, y), line, font=font, fill=palette.paper)
        y += font.size * 1.15
    if subtitle:
        y += font.size * 0.4
        sub_font, sub_lines = _fit(subtitle, width - 2 * margin, 72, False, 3)
        for line in sub_lines:
            draw.text((margin, y), line, font=sub_font, fill=palette.accent_tint)
            y += sub_font.size * 1.25

    y_foot = footer_top
    for line in foot_lines:
        draw.text((margin, y_foot), line, font=foot_font, fill=palette.ink)
        y_foot += foot_font.size * 1.3

    if illustration is not None:
        with Image.open(io.BytesIO(illustration)) as picture:
            picture = picture.convert("RGBA").convert("RGB")  # the card's soft edge in its own colour
            box_w, box_h = width - 2 * margin, max(1, int(footer_top - band - 2 * margin))
            scale = min(box_w / picture.width, box_h / picture.height)
            picture = picture.resize((max(1, int(picture.width * scale)), max(1, int(picture.height * scale))), Image.LANCZOS)
            image.paste(picture, ((width - picture.width) // 2, int(band + (footer_top - band - picture.height) // 2)))
    return image


def _in_palette(image):
    """An "RGB" cover as an 8-bit palette image, as the figures are.

    The cover is a few flat colours, the type's smoothed edges and a figure card: 256 entries
    keep every edge, at a third of the RGB file's size and half its time (the RGB PNG's zlib
    was most of it). The quantiser's own copy of every pixel of the whole cover cost 20 MB of
    peak memory, so the palette is found on a strip of its few thousand distinct colours
    instead, each as many times as a sixteenth of its pixels (at least once: a colour of a
    few pixels still counts); then every pixel takes its nearest entry. On the seed's cover no
    pixel moves more than 14 of 255 in any channel, as with the whole cover quantised, and
    about a fifth as many move more than 8 (tests/test_epub.py).
    """
    from PIL import Image

    counts = sorted(image.getcolors(image.width * image.height))
    strip = b"".join(bytes(colour) * -(-count // 16) for count, colour in counts)
    sample = Image.frombytes("RGB", (len(strip) // 3, 1), strip)
    colours = sample.quantize(256, Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    return image.quantize(palette=colours, dither=Image.Dither.NONE)


def cover_alt(book: Book, illustration_alt: str | None) -> str:
    """The cover's alt text: title, subtitle and the picture, each a sentence ending in one stop."""
    sentences = [f"Cover: {book.title}"]
    if book.subtitle:
        sentences.append(book.subtitle)
    if illustration_alt:
        sentences.append(illustration_alt)
    return " ".join(s.rstrip(".") + "." for s in sentences)
