"""The working muscles survive black-and-white printing: the orange band is striped.

Orange alone turns white at a 50 % threshold (a black-and-white laser, a copier, a fax), and
so does the far side's light grey: both became a white shape in a thin edge, and the reader
lost which muscles work. These tests print the figures as such a device would (greyscale,
then a hard threshold at half of white) and look at the pixels: the band is a mix of black
and white stripes, the far limbs are white inside their edge.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from publish.figures import key_png, png
from publish.figures.style import DEFAULT
from publish.load import load_book
from tests.conftest import SEED, require_tool

#: A hard threshold at half of white, as a black-and-white printer or fax makes it.
THRESHOLD = 128


@pytest.fixture(scope="module")
def figures():
    return {e.id: e.figure for e in load_book(SEED).exercises if e.figure is not None}


#: The same figures with unstriped bands: where their orange lies is where the band is.
PLAIN = dataclasses.replace(DEFAULT, stripe=DEFAULT.accent)


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


def stripes(black: set[tuple[int, int]], smallest: int) -> int:
    """How many separate black marks (4-connected) of at least ``smallest`` pixels."""
    seen: set[tuple[int, int]] = set()
    count = 0
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
        count += size >= smallest
    return count


def check_striped_band_and_white_far_side(image: Image.Image, plain: Image.Image, what: str, smallest_stripe: int,
                                          far_expected: bool = True) -> None:
    """``image`` thresholded: its band (where ``plain`` is orange) black and white, about two
    fifths black in separate stripes; its far limbs white."""
    band, far = band_and_far(plain)
    assert len(band) > 100, what
    bw = thresholded(image).load()
    black = {p for p in band if bw[p] == 0}
    share = len(black) / len(band)
    assert 0.2 < share < 0.7, (what, share)
    assert stripes(black, smallest_stripe) >= 3, what
    if far_expected:
        assert len(far) > 100, what
        white = sum(bw[p] == 255 for p in far) / len(far)
        assert white > 0.98, (what, white)  # the far limbs: white (inside their dark edge)


def test_epub_figures_band_is_striped_and_far_limbs_white_at_a_threshold(figures):
    """At the EPUB's 1200 pixels, after a 50 % threshold, each figure's working-muscle band is
    black stripes on white, and its far-side limbs are plain white: the two differ."""
    for ident, figure in figures.items():
        image = Image.open(io.BytesIO(png(figure, 1200)))
        assert image.mode == "P", ident  # still a palette PNG
        plain = Image.open(io.BytesIO(png(figure, 1200, PLAIN)))
        check_striped_band_and_white_far_side(image, plain, ident, smallest_stripe=6)


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


def test_the_key_sample_is_striped_as_the_figures_are():
    """The printed key's orange sample carries the same stripes; its far-side sample is white."""
    sample = Image.open(io.BytesIO(key_png("accent", 140)))
    plain = Image.open(io.BytesIO(key_png("accent", 140, PLAIN)))
    check_striped_band_and_white_far_side(sample, plain, "key", smallest_stripe=4, far_expected=False)
    far_sample = Image.open(io.BytesIO(key_png("far", 140)))
    band, far = band_and_far(far_sample)
    assert not band and far  # no orange in the far side's sample, and light grey
    assert all(thresholded(far_sample).load()[p] == 255 for p in far)


@pytest.mark.parametrize(("stature_mm", "dpi"), [(19, 300), (35, 200)])
def test_printed_figures_keep_their_stripes_at_the_smallest_drawn_size(figures, tmp_path, stature_mm, dpi):
    """Drawn in a PDF at the smallest size a product draws a figure (the chart's 19 mm
    stature, the booklet's 35 mm), rasterised as a 300 dpi copier or a 200 dpi fax sees it and
    thresholded: every band still shows separate black stripes on white."""
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
        band, _ = band_and_far(Image.open(plain))
        bw = thresholded(Image.open(page)).load()
        black = {p for p in band if bw[p] == 0}
        assert 0.15 < len(black) / len(band) < 0.75, (ident, stature_mm)
        # A stripe is 0.35 mm: at least a couple of pixels whichever way it runs.
        assert stripes(black, 2) >= 2, (ident, stature_mm)
