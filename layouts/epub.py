"""The EPUB 3: the booklet's content, reflowable, for e-readers, phones and screen readers.

Reading order: cover, title page, contents (the nav document), "Before you start", one
chapter per exercise, "Your week" and the colophon. Every document is built here as a string
of XHTML in which all user text has gone through ``html.escape`` (ebooklib re-parses what it
is given as HTML, so an unescaped ``x<y and y>z`` would silently become a tag); ebooklib then
packages it with the NCX, the guide and the OPF. Two of ebooklib's habits are undone after it
has written to memory: the zip entries carry fixed dates (the build time), with ``mimetype``
first and stored, and ``dcterms:modified`` is the build time in UTC, so the same data gives
the same bytes. The file is written atomically.

The page list maps the printed booklet's pages to the same places here, so "turn to page 5"
works on an e-reader too.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import re
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

from publish import __version__
from publish.dose import dose_table, phrase
from publish.export import book_to_json
from publish.files import build_time, write_bytes
from publish.model import Book, Exercise
from publish.pdfdoc import metadata
from publish.prescribing import NOTE_HEADING, NOTES_HEADING, fields, metadata_title
from publish.theme import Theme
from publish.units import render
from publish.wording import (
    CORRECTIONS_LEAD,
    DISCLAIMER,
    SAFETY_HEADING,
    STOP_AND_ASK_LEAD,
    URGENT_HELP_LEAD,
    WHEN_TO_STOP_HEADING,
    glossary_for,
    made_with,
    publisher,
    sentence,
    source_credit,
)

STYLESHEET = "style.css"

#: For e-readers: relative units only, no font-family on body, no fixed widths, no background
#: colours (night modes invert them badly), no @page; headings stay with what follows.
CSS = """\
body { margin: 0; padding: 0; line-height: 1.4; }
h1, h2, h3 { line-height: 1.2; font-weight: bold; page-break-after: avoid; break-after: avoid;
  page-break-inside: avoid; break-inside: avoid; }
h1 { font-size: 1.6em; margin: 0 0 0.6em 0; }
h2 { font-size: 1.25em; margin: 1.3em 0 0.4em 0; }
p { margin: 0 0 0.7em 0; }
ol, ul { margin: 0 0 0.8em 0; padding-left: 1.6em; }
li { margin: 0 0 0.45em 0; }
.kicker { font-size: 0.95em; font-weight: bold; letter-spacing: 0.04em; margin: 0 0 0.2em 0; }
.subtitle { font-size: 1.2em; margin-bottom: 1.5em; }
.about { font-style: italic; }
.cover { margin: 0; padding: 0; text-align: center; }
.cover img { max-width: 100%; max-height: 100vh; height: auto; }
.titlepage { text-align: center; padding-top: 2em; }
.titlepage h1 { font-size: 2em; }
figure.illustration { margin: 0.8em 0 1em 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }
figure.illustration img { width: 100%; max-width: 100%; height: auto; }
figure.illustration figcaption { font-size: 0.9em; margin-top: 0.3em; }
ul.picture-key { list-style-type: none; padding-left: 0; }
ul.picture-key img { width: 3em; height: auto; vertical-align: middle; margin-right: 0.5em; }
table { border-collapse: collapse; margin: 0 0 1em 0; }
th, td { text-align: left; vertical-align: top; padding: 0.25em 1em 0.25em 0; border-bottom: 0.05em solid; }
thead th { border-bottom-width: 0.12em; }
table.dose th { font-weight: normal; }
table.dose td { font-weight: bold; }
aside.safety { border: 0.12em solid; border-left-width: 0.6em; padding: 0.5em 0.8em 0.1em 0.8em;
  margin: 1.2em 0; page-break-inside: avoid; break-inside: avoid; }
aside.safety h2 { margin-top: 0; text-transform: uppercase; letter-spacing: 0.05em; font-size: 1.05em; }
table.week { width: 100%; }
dl.glossary dt { font-weight: bold; margin-top: 0.5em; }
dl.glossary dd { margin: 0 0 0.3em 1.2em; }
dl.prescription { margin: 1.5em 0; }
.titlepage .logo img { max-width: 40%; max-height: 5em; height: auto; }
dl.prescription dt { font-weight: bold; margin-top: 0.4em; }
dl.prescription dd { margin: 0; }
aside.notes { border: 0.06em solid; border-left-width: 0.6em; padding: 0.5em 0.8em 0.1em 0.8em; margin: 1.2em 0; }
aside.notes h2 { margin-top: 0; font-size: 1.05em; }
p.urgent { border-top: 0.12em solid; padding-top: 0.4em; margin-top: 1em; }
nav ol { list-style-type: none; padding-left: 0; }
nav ol ol { list-style-type: decimal; padding-left: 1.8em; }
nav li { margin-bottom: 0.6em; }
.colophon p { font-size: 0.95em; }
"""

#: Widths in pixels: the illustrations (crisp on e-ink, at least 1200 px) and the cover.
FIGURE_WIDTH = 1200
COVER_SIZE = (1600, 2560)
#: The cover's credit ("From … by …") takes at most this many lines.
MAX_CREDIT_LINES = 6


# -- the structure ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One XHTML file of the EPUB: its name, the title readers show, and its body markup."""

    file_name: str
    title: str
    body: str
    properties: tuple[str, ...] = ()


def chapter_file(exercise: Exercise) -> str:
    return f"exercise-{exercise.id}.xhtml"


def image_file(exercise: Exercise) -> str:
    return f"images/{exercise.id}.png"


def booklet_starts(book: Book) -> dict[str, int]:
    """The first page of each part of the printed booklet, keyed as the booklet keys them.

    They come from the booklet's own layout at its default page size (it decides where a long
    part spills onto a second page), so the numbers match the printed copy.
    """
    from layouts import booklet
    from publish.theme import theme_for

    return booklet.page_numbers(book, theme_for(booklet_page_size()))


def booklet_page_size() -> str:
    """The page size of the printed booklet the page list follows: the booklet's default."""
    from layouts import registry

    return registry()["booklet"].default_page or "A5"


def booklet_key(number: int) -> str:
    """The booklet's name for its ``number``th exercise (counting from 1)."""
    return f"exercise-{number}"


def page_map(book: Book, starts: dict[str, int]) -> dict[str, list[int]]:
    """The booklet's page numbers by the EPUB document holding the same content.

    A part's pages run from its start to the next part's; every page of it points at the
    start of the matching document. Parts the EPUB does not have (the booklet's blank notes
    pages) are left out of the page list; a reader's "go to page" lands on the nearest page.
    """
    documents = {"cover": "cover.xhtml", "contents": "nav.xhtml", "before-you-start": "before-you-start.xhtml",
                 "diary": "your-week.xhtml", "about": "colophon.xhtml"}
    documents.update({booklet_key(n): chapter_file(e) for n, e in enumerate(book.exercises, 1)})
    ordered = sorted(starts.items(), key=lambda item: item[1])
    pages: dict[str, list[int]] = {}
    for index, (key, first) in enumerate(ordered):
        last = ordered[index + 1][1] - 1 if index + 1 < len(ordered) else first
        if key in documents:
            pages.setdefault(documents[key], []).extend(range(first, last + 1))
    return pages


def page_markers(numbers: Iterable[int]) -> str:
    """Invisible page-break markers for the page list to point at."""
    return "".join(
        f'<span epub:type="pagebreak" role="doc-pagebreak" id="page-{n}" aria-label="{n}"></span>' for n in numbers
    )


def identifier(book: Book) -> str:
    """A stable ``urn:uuid`` derived from the whole data set: same data, same identifier."""
    canonical = json.dumps(book_to_json(book), sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'exercise-publisher:' + digest)}"


# -- the pages -------------------------------------------------------------------------------


#: A number and the unit after it ("5 s", "2 in", "10 reps"): kept on one line.
NUMBER_UNIT = re.compile(r"(\d) (s|min|mm|cm|m|in|ft|reps?|sets?)\b")


def keep_units(text: str) -> str:
    """``text`` with a no-break space between each number and its unit, so "5 s" never splits."""
    return NUMBER_UNIT.sub("\\1\u00a0\\2", text)


def items(values: Iterable[str], tag: str = "ul", css_class: str | None = None) -> str:
    attr = f' class="{css_class}"' if css_class else ""
    return f"<{tag}{attr}>" + "".join(f"<li>{escape(v)}</li>" for v in values) + f"</{tag}>"


def cover_page(book: Book, alt: str, pages: dict[str, list[int]]) -> Document:
    body = (
        '<section class="cover" epub:type="cover">'
        + page_markers(pages.get("cover.xhtml", ()))
        + f'<img role="doc-cover" src="images/cover.png" alt="{escape(alt)}"/>'
        "</section>"
    )
    return Document("cover.xhtml", "Cover", body)


def logo_file(book: Book) -> str | None:
    """Where a programme's clinic logo sits in the EPUB, or None without one."""
    clinic = book.prescription.clinic if book.prescription else None
    if clinic is None or clinic.logo is None:
        return None
    return "images/clinic-logo." + ("png" if clinic.logo.media_type == "image/png" else "jpg")


def title_page(book: Book) -> Document:
    parts = [f'<section class="titlepage" epub:type="titlepage" aria-labelledby="title"><h1 id="title">{escape(book.title)}</h1>']
    if book.subtitle:
        parts.append(f'<p class="subtitle">{escape(book.subtitle)}</p>')
    if book.prescription:  # the patient's own programme: who, by whom, when, how often
        logo = logo_file(book)
        if logo:
            clinic = book.prescription.clinic.name
            alt = f"{clinic} logo" if clinic else "The clinic's logo"
            parts.append(f'<p class="logo"><img src="{logo}" alt="{escape(alt)}"/></p>')
        rows = "".join(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in fields(book.prescription))
        parts.append(f'<dl class="prescription">{rows}</dl>')
    if book.source:
        by = f" by {escape(book.source.author)}" if book.source.author else ""
        parts.append(f"<p>From <cite>{escape(book.source.title)}</cite>{by}</p>")
    parts.append("</section>")
    return Document("title.xhtml", "Title page", "".join(parts))


def before_you_start(book: Book, pages: dict[str, list[int]]) -> Document:
    notes = book.safety or ("Stop any exercise that hurts, and ask your physiotherapist or doctor.",)
    body = (
        '<section epub:type="chapter" role="doc-chapter" aria-labelledby="before">'
        + page_markers(pages.get("before-you-start.xhtml", ()))
        + '<h1 id="before">Before you start</h1>'
        + physiotherapist_notes(book)
        + '<aside class="safety" aria-labelledby="before-safety"><h2 id="before-safety">' + SAFETY_HEADING + '</h2>'
        + items(notes)
        + "</aside>"
        + when_to_stop(book)
        + how_to_read_a_dose(book)
        + how_to_read_the_pictures(book)
        + f"<p>This book has {len(book.exercises)} exercise{'s' if len(book.exercises) != 1 else ''}, "
        "one to a chapter. Each chapter shows how much to do, how to do it, and what to look out for. "
        "“Your week” lists them all on one page.</p>"
        "</section>"
    )
    return Document("before-you-start.xhtml", "Before you start", body)


def physiotherapist_notes(book: Book) -> str:
    """A programme's notes from the clinician; empty for a library."""
    if book.prescription is None or not book.prescription.notes:
        return ""
    return f'<aside class="notes" aria-labelledby="notes"><h2 id="notes">{escape(NOTES_HEADING)}</h2>{items(book.prescription.notes)}</aside>'


def when_to_stop(book: Book) -> str:
    """The data's "stop and ask" and "urgent help" lists under one heading; empty without them."""
    if not (book.stop_and_ask_if or book.urgent_help_if):
        return ""
    parts = [f'<h2 id="when-to-stop">{escape(WHEN_TO_STOP_HEADING)}</h2>']
    if book.stop_and_ask_if:
        parts += [f"<p><strong>{escape(STOP_AND_ASK_LEAD)}</strong></p>", items(book.stop_and_ask_if)]
    if book.urgent_help_if:
        parts += [f'<p class="urgent"><strong>{escape(URGENT_HELP_LEAD)}</strong></p>', items(book.urgent_help_if)]
    return "".join(parts)


def how_to_read_a_dose(book: Book) -> str:
    glossary = glossary_for(book)
    if not glossary:
        return ""
    terms = "".join(f"<dt>{escape(term)}</dt><dd>{escape(keep_units(meaning))}</dd>" for term, meaning in glossary)
    return f'<h2 id="reading-a-dose">How to read a dose</h2><dl class="glossary">{terms}</dl>'


#: The key to the pictures' samples, as images: (role, file name, meaning).
def picture_key(book: Book) -> list[tuple[str, str, str]]:
    if not any(e.figure is not None for e in book.exercises):
        return []
    from publish.figures import KEY

    return [(role, f"images/key-{role}.png", meaning) for role, meaning in KEY]


def how_to_read_the_pictures(book: Book) -> str:
    """The key to the pictures: a sample of each mark (its alt text says what it looks like) and
    its meaning."""
    from publish.figures import LOOKS

    entries = picture_key(book)
    if not entries:
        return ""
    rows = "".join(f'<li><img src="{file}" alt="{escape(LOOKS[role])}"/> {escape(meaning)}</li>' for role, file, meaning in entries)
    return f'<h2 id="reading-pictures">How to read the pictures</h2><ul class="picture-key">{rows}</ul>'


def dose_block(exercise: Exercise) -> str:
    rows = dose_table(exercise.dose)
    if not rows:
        return ""
    cells = "".join(f'<tr><th scope="row">{escape(label)}</th><td>{escape(keep_units(value))}</td></tr>' for label, value in rows)
    return f'<h2 id="dose">How much</h2><table class="dose">{cells}</table>'


def illustration(exercise: Exercise, alt: str | None) -> str:
    if exercise.figure is None or alt is None:
        return ""
    caption = ""
    if exercise.figure.action is not None:
        action = keep_units(render(exercise.figure.action, "both"))
        caption = f"<figcaption>{escape(action[:1].upper() + action[1:].rstrip('.'))}.</figcaption>"
    return f'<figure class="illustration"><img src="{image_file(exercise)}" alt="{escape(alt)}"/>{caption}</figure>'


def exercise_chapter(book: Book, exercise: Exercise, number: int, alt: str | None, pages: dict[str, list[int]]) -> Document:
    parts = [
        '<section epub:type="chapter" role="doc-chapter" aria-labelledby="name">',
        page_markers(pages.get(chapter_file(exercise), ())),
        f'<p class="kicker">Exercise {number} of {len(book.exercises)}</p>',
        f'<h1 id="name">{escape(exercise.name)}</h1>',
    ]
    if exercise.about:
        parts.append(f'<p class="about">{escape(exercise.about)}</p>')
    parts.append(illustration(exercise, alt))
    parts.append(dose_block(exercise))
    if exercise.safety:
        parts.append('<aside class="safety" aria-labelledby="safety"><h2 id="safety">' + SAFETY_HEADING + "</h2>")
        parts.append(items(exercise.safety))
        parts.append("</aside>")
    parts.append('<h2 id="steps">How to do it</h2>')
    parts.append(items((keep_units(render(step, "both")) for step in exercise.steps), tag="ol", css_class="steps"))
    if exercise.note:
        parts.append(f'<aside class="notes" aria-labelledby="note"><h2 id="note">{escape(NOTE_HEADING)}</h2><p>{escape(exercise.note)}</p></aside>')
    if exercise.muscles:
        parts.append(f'<h2 id="muscles">Muscles worked</h2><p>{escape(sentence(", ".join(exercise.muscles)))}</p>')
    if exercise.benefits:
        parts.append('<h2 id="benefits">Benefits</h2>' + items(sentence(b) for b in exercise.benefits))
    if exercise.tips:
        parts.append('<h2 id="tips">Tips</h2>' + items(exercise.tips))
    parts.append("</section>")
    return Document(chapter_file(exercise), exercise.name, "".join(parts))


def link(url: str) -> str:
    """A web address as a link; characters a URL may not hold are percent-encoded in the href.

    Anything but an http(s) address is printed as text, not linked.
    """
    if not url.lower().startswith(("http://", "https://")):
        return escape(url)
    href = quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    return f'<a href="{escape(href)}">{escape(url)}</a>'


def how_often(book: Book) -> str:
    """The programme's frequency when it has one; otherwise, ask."""
    if book.prescription and book.prescription.frequency:
        return f"How often: {book.prescription.frequency}."
    return "Ask your physiotherapist how often to do it."


def your_week(book: Book, pages: dict[str, list[int]]) -> Document:
    rows = "".join(
        f'<tr><td><a href="{chapter_file(e)}">{escape(e.name)}</a></td><td>{escape(keep_units(phrase(e.dose))) or "—"}</td></tr>'
        for e in book.exercises
    )
    body = (
        '<section epub:type="chapter" role="doc-chapter" aria-labelledby="week">'
        + page_markers(pages.get("your-week.xhtml", ()))
        + '<h1 id="week">Your week</h1>'
        + f"<p>Your programme at a glance. Tap a name to see how to do it. {escape(how_often(book))}</p>"
        '<table class="week"><thead><tr><th scope="col">Exercise</th><th scope="col">How much</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        "</section>"
    )
    return Document("your-week.xhtml", "Your week", body)


def colophon(book: Book, when: dt.datetime, pages: dict[str, list[int]]) -> Document:
    parts = ['<section class="colophon" epub:type="colophon" role="doc-colophon" aria-labelledby="about">',
             page_markers(pages.get("colophon.xhtml", ())),
             '<h1 id="about">About this book</h1>']
    source = book.source
    if source:
        by = f" by {escape(source.author)}" if source.author else ""
        publisher = f", {escape(source.publisher)}" if source.publisher else ""
        updated = f", last updated {source.updated.isoformat()}" if source.updated else ""
        parts.append(f"<p>The exercises come from <cite>{escape(source.title)}</cite>{by}{publisher}{updated}.</p>")
        if source.url:
            parts.append(f"<p>Source: {link(source.url)}</p>")
        if source.corrections:
            parts.append(f"<p>{escape(CORRECTIONS_LEAD)}</p>" + items(source.corrections))
    parts.append(f"<p>{escape(DISCLAIMER)}</p>")
    parts.append(
        f"<p>Page numbers in this e-book follow the printed {escape(booklet_page_size())} booklet "
        f"({escape(book.name)}-booklet.pdf), so “turn to page 5” finds the same exercise in both.</p>"
    )
    if book.date:
        parts.append(f"<p>Exercise data dated {book.date.isoformat()}.</p>")
    parts.append(f"<p>{escape(made_with(__version__))}</p>")
    parts.append("</section>")
    return Document("colophon.xhtml", "About this book", "".join(parts))


def nav_document(book: Book, chapters: list[Document], pages: dict[str, list[int]]) -> Document:
    """The contents page, in reading order, with the landmarks and the page list (hidden)."""
    front, exercises, back = chapters[0], chapters[1:-2], chapters[-2:]
    first = exercises[0].file_name
    toc = (
        f'<li><a href="{front.file_name}">{escape(front.title)}</a></li>'
        f'<li><a href="{first}">Exercises</a><ol>'
        + "".join(f'<li><a href="{d.file_name}">{escape(d.title)}</a></li>' for d in exercises)
        + "</ol></li>"
        + "".join(f'<li><a href="{d.file_name}">{escape(d.title)}</a></li>' for d in back)
    )
    landmarks = (
        '<li><a epub:type="cover" href="cover.xhtml">Cover</a></li>'
        '<li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>'
        f'<li><a epub:type="bodymatter" href="{front.file_name}">{escape(front.title)}</a></li>'
    )
    targets = sorted((n, file_name) for file_name, numbers in pages.items() for n in numbers)
    page_list = "".join(f'<li><a href="{file_name}#page-{n}">{n}</a></li>' for n, file_name in targets)
    body = (
        page_markers(pages.get("nav.xhtml", ()))
        + f'<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title"><h1 id="toc-title">Contents</h1><ol>{toc}</ol></nav>'
        + f'<nav epub:type="landmarks" aria-labelledby="landmarks-title" hidden="hidden"><h2 id="landmarks-title">Landmarks</h2><ol>{landmarks}</ol></nav>'
        + f'<nav epub:type="page-list" role="doc-pagelist" aria-labelledby="pages-title" hidden="hidden">'
        f'<h2 id="pages-title">Pages of the printed booklet</h2><ol>{page_list}</ol></nav>'
    )
    return Document("nav.xhtml", "Contents", body, properties=("nav",))


# -- images ----------------------------------------------------------------------------------


def figure_image(exercise: Exercise) -> tuple[bytes, str] | None:
    """The exercise's illustration as an opaque PNG with its alt text, or None without a figure."""
    if exercise.figure is None:
        return None
    from publish.figures import alt_text

    return _figure_png(exercise.figure), alt_text(exercise)


@functools.lru_cache(maxsize=64)
def _figure_png(figure) -> bytes:
    """Kept per process: a batch's programmes share their libraries' few figures, and
    encoding a 1200-pixel PNG costs more than laying out a chapter."""
    from publish.figures import png

    return on_white(png(figure, FIGURE_WIDTH))


def on_white(png: bytes) -> bytes:
    """The PNG flattened onto white, so a night mode's dark page does not swallow dark lines."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        if image.mode not in ("RGBA", "LA", "P") or (image.mode == "P" and "transparency" not in image.info):
            return png
        rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    flat.save(out, format="PNG", optimize=True)
    return out.getvalue()


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
            picture = picture.convert("RGB")
            box_w, box_h = width - 2 * margin, max(1, int(footer_top - band - 2 * margin))
            scale = min(box_w / picture.width, box_h / picture.height)
            picture = picture.resize((max(1, int(picture.width * scale)), max(1, int(picture.height * scale))), Image.LANCZOS)
            image.paste(picture, ((width - picture.width) // 2, int(band + (footer_top - band - picture.height) // 2)))
    out = io.BytesIO()
    # zlib at its default level: "optimize" saved 2 % of the size for three times the time
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def cover_alt(book: Book, illustration_alt: str | None) -> str:
    alt = f"Cover: {book.title}"
    if book.subtitle:
        alt += f". {book.subtitle}"
    if illustration_alt:
        alt += f". {illustration_alt}"
    return alt.rstrip(".") + "."


# -- the package -----------------------------------------------------------------------------


def accessibility_metadata(book: Book) -> list[tuple[str, str]]:
    """(property, value) pairs per EPUB Accessibility 1.1."""
    pictures = any(e.figure is not None for e in book.exercises)
    summary = (
        "Every exercise is described in text: numbered steps, how much to do as a table, and safety "
        "notes set apart in a bordered box. "
        + ("Each illustration has a text description. " if pictures else "")
        + "Navigation by contents, headings and the printed booklet's page numbers."
    )
    return [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "alternativeText"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityFeature", "pageNavigation"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", summary),
        ("pageBreakSource", f"{book.title}, printed {booklet_page_size()} booklet ({book.name}-booklet.pdf)"),
    ]


def file_as(name: str) -> str:
    """A person's name as catalogues sort it: "Nancy Lang" → "Lang, Nancy"."""
    words = name.split()
    return name if len(words) < 2 else f"{words[-1]}, {' '.join(words[:-1])}"


def add_people(out, book: Book, when: dt.datetime) -> None:
    """Creator, publisher, source and date, as stores and libraries read them.

    The article's author wrote the exercises, not our safety lists or disclaimer: she is the
    creator with the MARC role ``ant`` (bibliographic antecedent: the work this one is based
    on), and named in ``dc:source``; the clinic or the tool is the publisher.
    """
    source = book.source
    if source is not None and source.author:
        out.add_metadata("DC", "creator", source.author, {"id": "creator"})
        out.add_metadata(None, "meta", file_as(source.author), {"refines": "#creator", "property": "file-as"})
        out.add_metadata(None, "meta", "ant", {"refines": "#creator", "property": "role", "scheme": "marc:relators"})
    else:
        out.add_metadata("DC", "creator", publisher(book), {"id": "creator"})
        out.add_metadata(None, "meta", publisher(book), {"refines": "#creator", "property": "file-as"})
    out.add_metadata("DC", "publisher", publisher(book))
    credit = source_credit(book)
    if credit:
        out.add_metadata("DC", "source", source.url or credit)
    out.add_metadata("DC", "date", (book.date or when.date()).isoformat())


def package(book: Book, theme: Theme, when: dt.datetime):
    """The ebooklib book: metadata, documents in reading order, images, the NCX and the guide."""
    from ebooklib import epub

    figures = {e.id: figure_image(e) for e in book.exercises}
    first_picture = next((image for image in figures.values() if image is not None), None)

    out = epub.EpubBook()
    out.metadata = {}  # drop ebooklib's own generator and random identifier
    out.set_identifier(identifier(book))
    out.set_title(metadata_title(book))
    out.set_language(book.language)
    info = metadata(book, "e-book")
    add_people(out, book, when)
    if book.subtitle:
        out.add_metadata("DC", "description", book.subtitle)
    out.add_metadata(None, "meta", "", {"name": "generator", "content": info["creator"]})
    out.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
    for prop, value in accessibility_metadata(book):
        out.add_metadata(None, "meta", value, {"property": prop})

    style = epub.EpubItem(uid="style", file_name=STYLESHEET, media_type="text/css", content=CSS.encode("utf-8"))
    out.add_item(style)
    cover_image = epub.EpubImage(
        uid="cover-image",
        file_name="images/cover.png",
        media_type="image/png",
        content=cover_png(book, theme, first_picture[0] if first_picture else None),
    )
    cover_image.properties = ["cover-image"]
    out.add_item(cover_image)
    from publish.figures import key_png

    for role, file, _ in picture_key(book):
        out.add_item(epub.EpubImage(uid=f"key-{role}", file_name=file, media_type="image/png", content=on_white(key_png(role, 140))))
    for exercise in book.exercises:
        image = figures[exercise.id]
        if image is not None:
            out.add_item(epub.EpubImage(uid=f"image-{exercise.id}", file_name=image_file(exercise), media_type="image/png", content=image[0]))
    if logo := logo_file(book):
        logo_data = Path(book.prescription.clinic.logo.path).read_bytes()
        out.add_item(epub.EpubImage(uid="clinic-logo", file_name=logo, media_type=book.prescription.clinic.logo.media_type, content=logo_data))

    pages = page_map(book, booklet_starts(book))
    chapters = [
        before_you_start(book, pages),
        *(exercise_chapter(book, e, n, figures[e.id][1] if figures[e.id] else None, pages) for n, e in enumerate(book.exercises, 1)),
        your_week(book, pages),
        colophon(book, when, pages),
    ]
    cover = cover_page(book, cover_alt(book, first_picture[1] if first_picture else None), pages)
    documents = [cover, title_page(book), nav_document(book, chapters, pages), *chapters]
    html = {}
    for doc in documents:
        item = epub.EpubHtml(uid=doc.file_name.removesuffix(".xhtml"), file_name=doc.file_name, title=doc.title, lang=book.language)
        item.content = f"<html><body>{doc.body}</body></html>"
        item.properties = list(doc.properties)
        item.add_link(href=STYLESHEET, rel="stylesheet", type="text/css")
        out.add_item(item)
        html[doc.file_name] = item
    out.add_item(epub.EpubNcx())

    out.spine = [html[doc.file_name] for doc in documents]
    exercise_items = [html[d.file_name] for d in chapters[1:-2]]
    out.toc = [
        html[chapters[0].file_name],
        (epub.Section("Exercises", href=exercise_items[0].file_name), exercise_items),
        html[chapters[-2].file_name],
        html[chapters[-1].file_name],
    ]
    out.guide = [
        {"type": "cover", "href": "cover.xhtml", "title": "Cover"},
        {"type": "toc", "href": "nav.xhtml", "title": "Contents"},
        {"type": "text", "href": chapters[0].file_name, "title": chapters[0].title},
    ]
    return out


def reproducible_zip(raw: bytes, when: dt.datetime) -> bytes:
    """The same archive with fixed entry dates and modes, ``mimetype`` first and stored."""
    # a zip entry's date must lie in 1980–2107
    earliest = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
    latest = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)
    stamp = min(max(when, earliest), latest).timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    entries.sort(key=lambda entry: entry[0] != "mimetype")  # stable: the rest keep their order
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info, data, compresslevel=9)
    return out.getvalue()


def epub_bytes(book: Book, theme: Theme) -> bytes:
    from ebooklib import epub

    when = build_time(book.date)
    raw = io.BytesIO()
    options = {"mtime": when, "epub3_landmark": False, "epub3_pages": False, "raise_exceptions": True}
    epub.write_epub(raw, package(book, theme, when), options)
    return reproducible_zip(raw.getvalue(), when)


def build(book: Book, theme: Theme, path: Path) -> list[Path]:
    """Write the EPUB to ``path`` (atomically) and return ``[path]``."""
    from publish.fonts import check_coverage, register

    # the reading system sets the text in its own fonts; only the cover image is drawn here
    check_coverage(book, register(), "EPUB cover", only=("title", "subtitle", "source"))
    return [write_bytes(path, epub_bytes(book, theme))]
