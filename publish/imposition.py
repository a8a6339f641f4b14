"""Imposition for a folded booklet: pages placed 2-up in saddle-stitch order.

A booklet of N pages (N a multiple of four) prints on N / 4 sheets, each holding four pages:
sheet k (from 0) carries pages N−2k and 2k+1 on its front, 2k+2 and N−2k−1 on its back
(pages numbered from 1). Printed double-sided, flipped on the short edge, stacked and folded,
the sheets read 1, 2, 3 … N. Pages keep their size (100 %): an A5 page sits on half an A4
sheet, flush against the fold.

pypdf places the finished pages, so the booklet is drawn once and imposed from its own bytes.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable

#: Sheet for each booklet page size: two pages side by side fill it exactly.
SHEET_FOR_PAGE = {"A5": "A4", "HalfLetter": "Letter", "A4": "A3", "Letter": "Tabloid"}

#: What the tiny note on the first sheet says.
PRINT_NOTE = "Print double-sided, flip on the short edge, then fold along the middle."


def padded_count(count: int) -> int:
    """The page count rounded up to a multiple of four (a sheet holds four pages)."""
    return max(4, -(-count // 4) * 4)


def sheet_sides(count: int) -> list[tuple[int, int]]:
    """(left, right) page numbers for each printed side in order: sheet 0 front, sheet 0 back, …

    ``count`` must be a multiple of four.
    """
    if count % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of four pages, not {count}")
    sides = []
    for k in range(count // 4):
        sides.append((count - 2 * k, 2 * k + 1))
        sides.append((2 * k + 2, count - 2 * k - 1))
    return sides


def padded_order(count: int) -> list[int | None]:
    """The source pages (1-based) in booklet order, with None for padding blanks.

    Blanks go before the last page, so a back cover stays on the back of the booklet.
    """
    pages: list[int | None] = list(range(1, count + 1))
    blanks = padded_count(count) - count
    at = count - 1 if count >= 2 else count
    return pages[:at] + [None] * blanks + pages[at:]


def impose(
    source: bytes,
    sheet: tuple[float, float],
    first_sheet_mark: Callable[[float, float, float], bytes] | None = None,
) -> bytes:
    """The PDF ``source`` imposed 2-up on landscape ``sheet``-sized sides; returns the PDF bytes.

    ``first_sheet_mark(sheet_width, sheet_height, page_width)`` returns a one-page PDF drawn
    under the first side (the printing note); its size is the landscape sheet's.
    """
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject

    reader = PdfReader(io.BytesIO(source))
    pages = list(reader.pages)
    for page in pages:  # links point into the unimposed document; they mean nothing here
        if "/Annots" in page:
            del page[NameObject("/Annots")]
    width = float(pages[0].mediabox.width)
    height = float(pages[0].mediabox.height)
    sheet_w, sheet_h = max(sheet), min(sheet)
    if 2 * width > sheet_w + 0.5 or height > sheet_h + 0.5:
        raise ValueError(f"two {width:.0f}×{height:.0f} pt pages do not fit side by side on {sheet_w:.0f}×{sheet_h:.0f} pt")
    order = padded_order(len(pages))
    fold = sheet_w / 2
    top = (sheet_h - height) / 2

    writer = PdfWriter()
    for index, (left, right) in enumerate(sheet_sides(len(order))):
        side = PageObject.create_blank_page(width=sheet_w, height=sheet_h)
        if index == 0 and first_sheet_mark is not None:
            side.merge_page(PdfReader(io.BytesIO(first_sheet_mark(sheet_w, sheet_h, width))).pages[0])
        for number, x in ((left, fold - width), (right, fold)):
            page_number = order[number - 1]
            if page_number is not None:
                side.merge_transformed_page(pages[page_number - 1], Transformation().translate(x, top))
        writer.add_page(side)

    if reader.metadata:
        writer.add_metadata({key: value for key, value in reader.metadata.items()})
    lang = reader.trailer["/Root"].get("/Lang")
    if lang is not None:
        writer._root_object[NameObject("/Lang")] = lang
    body = io.BytesIO()
    writer.write(body)
    digest = ByteStringObject(hashlib.md5(body.getvalue()).digest())
    writer._ID = ArrayObject([digest, digest])  # reproducible, derived from the content
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
