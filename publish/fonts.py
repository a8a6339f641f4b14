"""Fonts shipped through pip, registered with reportlab when a document is made.

Atkinson Hyperlegible (designed for low-vision readers) sets the text; Noto Sans takes over,
run by run, for characters Atkinson lacks (Cyrillic, and names in other scripts). Both are
TrueType files installed by pip packages, embedded and subset in every PDF. Registration
happens when a document is built, never at import.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from publish.errors import PublishError


@dataclass(frozen=True)
class FontSet:
    """Registered reportlab font names for one document."""

    regular: str = "Atkinson"
    bold: str = "Atkinson-Bold"
    italic: str = "Atkinson-Italic"
    bold_italic: str = "Atkinson-BoldItalic"
    fallback: str = "NotoSans"  # covers Greek, Cyrillic and more; one weight only


def _package_files(module: str) -> Path:
    import importlib

    try:
        package = importlib.import_module(module)
    except ImportError:
        raise PublishError(f"the font package {module.replace('_', '-')} is not installed; reinstall exercise-publisher") from None
    return Path(package.__file__).resolve().parent / "files"


def font_files() -> dict[str, Path]:
    atkinson = _package_files("fontpkg_atkinson_hyperlegible")
    noto = _package_files("fontpkg_noto_sans")
    return {
        "Atkinson": atkinson / "AtkinsonHyperlegible-Regular.ttf",
        "Atkinson-Bold": atkinson / "AtkinsonHyperlegible-Bold.ttf",
        "Atkinson-Italic": atkinson / "AtkinsonHyperlegible-Italic.ttf",
        "Atkinson-BoldItalic": atkinson / "AtkinsonHyperlegible-BoldItalic.ttf",
        "NotoSans": noto / "NotoSans[wdth,wght].ttf",
    }


@functools.cache
def register() -> FontSet:
    """Register the fonts with reportlab (once per process) and return their names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = FontSet()
    for name, path in font_files().items():
        if not path.is_file():
            raise PublishError(f"font file missing: {path}; reinstall exercise-publisher")
        if name != fonts.fallback:  # registered when a word first needs it: see _fallback_registered
            pdfmetrics.registerFont(TTFont(name, str(path)))
    for bold, italic, name in ((0, 0, fonts.regular), (1, 0, fonts.bold), (0, 1, fonts.italic), (1, 1, fonts.bold_italic)):
        addMapping(fonts.regular, bold, italic, name)
    return fonts


@functools.cache
def _fallback_registered(name: str) -> None:
    """Register the fallback font with reportlab, once per process, when text first needs it.

    The fallback is a 2 MB variable font that reportlab takes about 17 ms to read, and most
    programmes never use it (Atkinson sets English and most of Western Europe): ``publish
    chart`` should not pay for it. Every word set in it passes through ``runs``, which calls this.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(name, str(font_files()[name])))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


@functools.cache
def coverage(font_name: str) -> frozenset[int]:
    """The code points a bundled font can draw (the keys of reportlab's ``charToGlyph``).

    Read from the font file's own character map, without registering the font with
    reportlab: ``check`` refuses text the products cannot print, and should not pay for
    loading the PDF machinery to do so.
    """
    return cmap_coverage(font_files()[font_name])


#: cmap subtables in order of preference: Unicode full repertoire first, then the BMP.
_CMAP_PREFERENCE = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def cmap_coverage(path: Path) -> frozenset[int]:
    """The code points a TrueType file maps to a real glyph (cmap formats 12 and 4).

    As reportlab reads them, less the code points it maps to the "missing" glyph 0, plus
    the no-break space wherever there is a space (reportlab sets one with the other).
    """
    import struct

    data = path.read_bytes()
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {data[12 + 16 * i : 16 + 16 * i]: struct.unpack_from(">I", data, 20 + 16 * i)[0] for i in range(count)}
    cmap = tables[b"cmap"]
    subtables = {}
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        subtables[(platform, encoding)] = cmap + offset
    for key in _CMAP_PREFERENCE:
        at = subtables.get(key)
        kind = struct.unpack_from(">H", data, at)[0] if at is not None else None
        if kind == 12:
            groups = (struct.unpack_from(">III", data, at + 16 + 12 * g) for g in range(struct.unpack_from(">I", data, at + 12)[0]))
            return _with_nbsp({c for start, end, glyph in groups for c in range(start, end + 1) if glyph + c - start})
        if kind == 4:
            segments = struct.unpack_from(">H", data, at + 6)[0] // 2
            ends = struct.unpack_from(f">{segments}H", data, at + 14)
            starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
            deltas = struct.unpack_from(f">{segments}h", data, at + 16 + 4 * segments)
            ranges_at = at + 16 + 6 * segments
            ranges = struct.unpack_from(f">{segments}H", data, ranges_at)
            found = set()
            for i, (start, end, delta, range_offset) in enumerate(zip(starts, ends, deltas, ranges)):
                for c in range(start, end + 1):
                    if range_offset:
                        glyph = struct.unpack_from(">H", data, ranges_at + 2 * i + range_offset + 2 * (c - start))[0]
                        glyph = (glyph + delta) & 0xFFFF if glyph else 0
                    else:
                        glyph = (c + delta) & 0xFFFF
                    if glyph:
                        found.add(c)
            return _with_nbsp(found)
    return frozenset()


def _with_nbsp(found: set[int]) -> frozenset[int]:
    return frozenset(found | ({0xA0} if 0x20 in found else set()))


@functools.lru_cache(maxsize=4096)
def runs(text: str, font_name: str, fonts: FontSet) -> tuple[tuple[str, str], ...]:
    """Split ``text`` into (font, substring) runs, using the fallback for words ``font_name`` cannot set.

    The switch is made a whole word at a time, so a Greek word inside an English sentence is
    set in one typeface (Atkinson has a few Greek letters, not all), while the spaces and the
    English words around it stay in the main font.

    Kept per process: the chart tries several type sizes and grids, measuring the same
    words each time, and a batch measures the same library's words for every patient.
    """
    import re

    main = coverage(font_name)
    out: list[tuple[str, str]] = []
    for chunk in re.split(r"(\s+)", text):
        if not chunk:
            continue
        covered = chunk.isspace() or all(ord(c) in main for c in chunk)
        name = font_name if covered else fonts.fallback
        if not covered:
            _fallback_registered(name)
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + chunk)
        else:
            out.append((name, chunk))
    return tuple(out)


def missing_glyphs(text: str, fonts: FontSet) -> set[str]:
    """Characters neither the main font nor the fallback can draw (printed as boxes)."""
    return set(undrawable(fonts.regular, fonts.fallback).findall(text))


@functools.cache
def undrawable(*font_names: str):
    """A compiled pattern matching any character none of ``font_names`` draws, nor whitespace.

    One regular-expression scan (in C) per text instead of a Python loop per character:
    checking a library of 10,000 exercises reads millions of characters.
    """
    import re

    codes = sorted(set().union(*(coverage(name) for name in font_names)))
    ranges, start = [], None
    for index, code in enumerate(codes):
        if start is None:
            start = code
        if index + 1 == len(codes) or codes[index + 1] != code + 1:
            ranges.append(re.escape(chr(start)) + ("" if code == start else "-" + re.escape(chr(code))))
            start = None
    return re.compile(f"[^{''.join(ranges)}\\s]")


def _texts(value, path: str = ""):
    """Every piece of text in a model object, with its field path (``exercises[1].name``)."""
    import dataclasses

    from publish.model import Text

    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Text):
        yield path, value.plain
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name), f"{path}.{field.name}" if path else field.name)


def check_coverage(book, fonts: FontSet, product: str, only: tuple[str, ...] = ()) -> None:
    """Refuse, naming each field, text that neither bundled font can draw.

    reportlab and Pillow silently print nothing (or boxes) for a character the font lacks, so
    a name in Chinese would vanish from the chart. ``only`` limits the check to top-level
    fields (the EPUB draws only its cover text itself).
    """
    import dataclasses

    problems = []
    fields = [field.name for field in dataclasses.fields(book) if not only or field.name in only]
    for path, text in (found for name in fields for found in _texts(getattr(book, name), name)):
        missing = missing_glyphs(text, fonts)
        if missing:
            shown = " ".join(sorted(missing)[:8])
            problems.append(f"{book.name}: {path}: the {product} cannot print {shown} (the bundled fonts cover Latin, Greek and Cyrillic)")
    if problems:
        raise PublishError("\n".join(problems))
