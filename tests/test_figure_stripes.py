"""The working muscles and the far side survive black-and-white printing: the orange band is
striped, the far limbs dotted.

Orange alone turns white at a 50 % threshold (a black-and-white laser, a copier, a fax), and
so does the far side's light grey: both became a white shape in a thin edge, and the reader
lost which muscles work, and took a far limb for a start outline. These tests print the
figures as such a device would (greyscale, then a hard threshold at half of white) and look at
the pixels: the band is a mix of black and white stripes; the far limbs are white scattered
with small separate black dots, far sparser than the band's stripes.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from publish.figures import key_png, png
from publish.figures.hatch import DOT_PERIOD_MM, PNG_PIXELS_PER_MM
from publish.figures.style import DEFAULT
from publish.figures.style import THRESHOLD as STYLE_THRESHOLD
from publish.load import load_book
from tests.conftest import SEED, require_tool

#: A hard threshold at half of white, as a black-and-white printer or fax makes it.
THRESHOLD = STYLE_THRESHOLD


@pytest.fixture(scope="module")
def figures():
    return {e.id: e.figure for e in load_book(SEED).exercises if e.figure is not None}


#: The same figures with unstriped bands and undotted far limbs: where their orange lies is
#: where the band is, where their light grey lies the far limbs.
PLAIN = dataclasses.replace(DEFAULT, stripe=DEFAULT.accent, far_dot=DEFAULT.far)


def band_and_far(plain: Image.Image) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Pixels of the working-muscle band and of the far side's light grey, found in a
    rendering with ``PLAIN`` (its orange is the only hued colour of a figure: all else is grey)."""
    rgb = plain.convert("RGB")
    band, far = [], []
    width, height = rgb.size
    data = rgb.load()
    for y in range(height):
        for x in range(width):
            r, g, b = data[x, y]
            if r - b > 80 and r > g:
                band.append((x, y))
            elif r == g == b and 190 <= r <= 215:
                far.append((x, y))
    return band, far


def thresholded(image: Image.Image) -> Image.Image:
    return image.convert("RGB").convert("L").point(lambda v: 255 if v >= THRESHOLD else 0)


def mark_sizes(black: set[tuple[int, int]]) -> list[int]:
    """The size in pixels of each separate (4-connected) black mark."""
    seen: set[tuple[int, int]] = set()
    sizes = []
    for start in black:
        if start in seen:
            continue
        seen.add(start)
        todo, size = [start], 0
        while todo:
            x, y = todo.pop()
            size += 1
            for n in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if n in black and n not in seen:
                    seen.add(n)
                    todo.append(n)
        sizes.append(size)
    return sizes


def stripes(black: set[tuple[int, int]], smallest: int) -> int:
    """How many separate black marks (4-connected) of at least ``smallest`` pixels."""
    return sum(size >= smallest for size in mark_sizes(black))


def check_striped_band_and_dotted_far_side(image: Image.Image, plain: Image.Image, what: str, smallest_stripe: int,
                                           far_expected: bool = True) -> None:
    """``image`` thresholded: its band (where ``plain`` is orange) black and white, about two
    fifths black in separate stripes; its far limbs (where ``plain`` is light grey) white with
    separate small black dots, a few hundredths of their area."""
    band, far = band_and_far(plain)
    assert len(band) > 100, what
    bw = thresholded(image).load()
    black = {p for p in band if bw[p] == 0}
    share = len(black) / len(band)
    assert 0.2 < share < 0.7, (what, share)
    assert stripes(black, smallest_stripe) >= 3, what
    if far_expected:
        assert len(far) > 100, what
        dots = {p for p in far if bw[p] == 0}
        share = len(dots) / len(far)
        assert 0.02 < share < 0.15, (what, share)  # mostly white, not a tone: a light pattern
        # Separate marks, about one for each square of the dots' period the limbs show (a third
        # of that: the dots keep in from the edge, and a near limb covers some).
        expected = len(far) / (DOT_PERIOD_MM * PNG_PIXELS_PER_MM) ** 2 / 3
        assert stripes(dots, smallest_stripe) >= max(2, expected), (what, expected)
        # Each mark a dot, not a line: no mark larger than a dot is.
        assert largest_mark(dots) < 4 * smallest_stripe * smallest_stripe, what


def largest_mark(black: set[tuple[int, int]]) -> int:
    """The size in pixels of the largest 4-connected black mark."""
    return max(mark_sizes(black), default=0)


def test_epub_figures_band_is_striped_and_far_limbs_dotted_at_a_threshold(figures):
    """At the EPUB's 1200 pixels, after a 50 % threshold, each figure's working-muscle band is
    black stripes on white, and its far-side limbs white with black dots: the two differ, and
    a far limb is not the start pose's empty outline."""
    for ident, figure in figures.items():
        image = Image.open(io.BytesIO(png(figure, 1200)))
        assert image.mode == "P", ident  # still a palette PNG
        plain = Image.open(io.BytesIO(png(figure, 1200, PLAIN)))
        check_striped_band_and_dotted_far_side(image, plain, ident, smallest_stripe=6)


def test_dithered_the_stripes_stay_denser_than_the_band_and_the_band_than_the_far_side(figures):
    """Floyd–Steinberg dithered (as a printer driver or a 1-bit screen does): the stripes come
    out as lines of denser dots than the orange between them, and the band as a whole far
    denser than a far-side limb, whose light grey is a sparse scatter."""
    for ident, figure in figures.items():
        image = Image.open(io.BytesIO(png(figure, 1200)))
        band, far = band_and_far(Image.open(io.BytesIO(png(figure, 1200, PLAIN))))
        bw = thresholded(image).load()
        dots = image.convert("RGB").convert("L").convert("1", dither=Image.Dither.FLOYDSTEINBERG).load()

        def density(pixels):
            assert pixels, ident
            return sum(dots[p] == 0 for p in pixels) / len(pixels)

        stripe, between = density([p for p in band if bw[p] == 0]), density([p for p in band if bw[p] == 255])
        assert stripe - between > 0.15, (ident, stripe, between)
        assert density(band) - density(far) > 0.2, ident


def test_the_key_samples_are_striped_and_dotted_as_the_figures_are():
    """The printed key's orange sample carries the same stripes; its far-side sample the
    same dots."""
    sample = Image.open(io.BytesIO(key_png("accent", 140)))
    plain = Image.open(io.BytesIO(key_png("accent", 140, PLAIN)))
    check_striped_band_and_dotted_far_side(sample, plain, "key", smallest_stripe=4, far_expected=False)
    far_sample = Image.open(io.BytesIO(key_png("far", 140)))
    band, far = band_and_far(Image.open(io.BytesIO(key_png("far", 140, PLAIN))))
    assert not band and far  # no orange in the far side's sample, and light grey
    dots = {p for p in far if thresholded(far_sample).load()[p] == 0}
    assert stripes(dots, 2) >= 3 and len(dots) / len(far) < 0.15


@pytest.mark.parametrize(("stature_mm", "dpi"), [(19, 300), (35, 200)])
def test_printed_figures_keep_their_stripes_at_the_smallest_drawn_size(figures, tmp_path, stature_mm, dpi):
    """Drawn in a PDF at the smallest size a product draws a figure (the chart's 19 mm
    stature, the booklet's 35 mm), rasterised as a 300 dpi copier or a 200 dpi fax sees it and
    thresholded: every band still shows separate black stripes on white, and the far limbs
    separate black dots."""
    from reportlab.pdfgen.canvas import Canvas

    from publish.figures import aspect, draw
    from publish.figures.scene import scene

    pdftoppm = require_tool("pdftoppm")
    mm = 72 / 25.4
    for name, style in (("striped", DEFAULT), ("plain", PLAIN)):
        canvas = Canvas(str(tmp_path / f"{name}.pdf"), invariant=1)
        for figure in figures.values():
            geometry = scene(figure)
            width, height = geometry.width * stature_mm * mm, geometry.height * stature_mm * mm
            assert width / height == pytest.approx(aspect(figure))
            canvas.setPageSize((width + 4 * mm, height + 4 * mm))
            draw(figure, canvas, 2 * mm, 2 * mm, width, height, "Helvetica", style)
            canvas.showPage()
        canvas.save()
        subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True)
    pages = sorted(Path(tmp_path).glob("striped-*.png"))
    plains = sorted(Path(tmp_path).glob("plain-*.png"))
    assert len(pages) == len(plains) == len(figures)
    for ident, page, plain in zip(figures, pages, plains):
        band, far = band_and_far(Image.open(plain))
        bw = thresholded(Image.open(page)).load()
        black = {p for p in band if bw[p] == 0}
        assert 0.15 < len(black) / len(band) < 0.75, (ident, stature_mm)
        # A stripe is 0.35 mm: at least a couple of pixels whichever way it runs.
        assert stripes(black, 2) >= 2, (ident, stature_mm)
        square = (DOT_PERIOD_MM * dpi / 25.4) ** 2  # pixels of the far side per dot
        if len(far) > 3 * square:
            # A dot is 0.34 mm across: a few pixels, each its own mark, about one for each
            # square of the dots' period the far limbs show (a sixth of that at least: where a
            # near limb covers the middle of a far one, its dots are covered with it).
            dots = {p for p in far if bw[p] == 0}
            assert stripes(dots, 2) >= max(1.0, len(far) / square / 6), (ident, stature_mm)
            assert len(dots) / len(far) < 0.25, (ident, stature_mm)
