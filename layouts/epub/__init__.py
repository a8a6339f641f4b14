"""The EPUB 3: the booklet's content, reflowable, for e-readers, phones and screen readers.

Modules: ``pages`` (the XHTML documents), ``pagelist`` (the printed booklet's page numbers, one
marker where each page starts), ``images`` (figure cards and the cover), ``style`` (the CSS).
This one assembles the package: every document is a string of XHTML in which all user text has
gone through ``html.escape`` (ebooklib re-parses what it is given as HTML, so an unescaped
``x<y and y>z`` would silently become a tag); ebooklib then packages it with the NCX, the guide
and the OPF. What ebooklib cannot say is added after it has written to memory: ``xml:lang`` on
the package, the NCX's pageList and depth; the zip entries carry fixed dates (the build time),
with ``mimetype`` first and stored, and ``dcterms:modified`` is the build time in UTC, so the
same data gives the same bytes. The file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import uuid
import zipfile
from pathlib import Path

from layouts.epub import pagelist
from layouts.epub.images import cover_alt, cover_png, figure_images, on_card
from layouts.epub.pages import (
    Document,
    before_you_start,
    colophon,
    cover_page,
    diary,
    exercise_chapter,
    image_file,
    logo_file,
    nav_document,
    picture_key,
    title_page,
    your_week,
)
from layouts.epub.pagelist import booklet_page_size
from layouts.epub.style import CSS, STYLESHEET
from publish import __version__
from publish.export import book_to_json
from publish.files import build_time, write_bytes
from publish.model import Book
from publish.pdfdoc import metadata
from publish.prescribing import metadata_title
from publish.theme import Theme
from publish.wording import made_with, publisher, source_credit

#: What the e-book claims, checked by DAISY Ace in the tests (no violations) and by hand
#: (screen reader order, 200 % text, contrast in night mode): EPUB Accessibility 1.1 at WCAG 2.1 AA.
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"


def identifier(book: Book) -> str:
    """A stable ``urn:uuid`` derived from the whole data set: same data, same identifier."""
    canonical = json.dumps(book_to_json(book), sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'exercise-publisher:' + digest)}"




# -- the package -----------------------------------------------------------------------------


def accessibility_metadata(book: Book) -> list[tuple[str, str]]:
    """(property, value) pairs per EPUB Accessibility 1.1."""
    pictures = any(e.figure is not None for e in book.exercises)
    summary = (
        "Every exercise is described in text: numbered steps, how much to do as a named table, and "
        "safety notes set apart as notices that screen readers announce. "
        + ("Each illustration has a text description and a caption. " if pictures else "")
        + "Units are spelt out for screen readers. Navigation by contents, headings and the printed "
        "booklet's page numbers. Text reflows and can be enlarged; pictures fit the screen."
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
        ("schema:accessibilityFeature", "displayTransformability"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", summary),
        ("dcterms:conformsTo", CONFORMS_TO),
        ("a11y:certifiedBy", publisher(book)),
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
    """The ebooklib book: metadata, documents in reading order, images, the NCX and the guide.

    Returns the book and the page targets (for the NCX's pageList, added after writing).
    """
    with figure_images(book.exercises) as drawn:  # drawn meanwhile, in workers for a large book
        targets = pagelist.page_targets(book, pagelist.booklet_page_starts(book))
        figures = drawn()
    return assemble(book, theme, when, figures, targets), targets


def assemble(book: Book, theme: Theme, when: dt.datetime, figures: dict, targets: list[pagelist.PageTarget]):
    """The ebooklib book of ``package``, given each exercise's figure card and alt text (by id)."""
    from ebooklib import epub

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

    out.add_item(epub.EpubItem(uid="style", file_name=STYLESHEET, media_type="text/css", content=CSS.encode("utf-8")))
    cover_image = epub.EpubImage(
        uid="cover-image",
        file_name="images/cover.png",
        media_type="image/png",
        content=cover_png(book, theme, first_picture[0] if first_picture else None),
    )
    cover_image.properties = ["cover-image"]
    out.add_item(cover_image)
    from publish.figures import key_png_image

    for role, file, _ in picture_key(book):
        out.add_item(epub.EpubImage(uid=f"key-{role}", file_name=file, media_type="image/png", content=on_card(key_png_image(role, 140))))
    for exercise in book.exercises:
        image = figures[exercise.id]
        if image is not None:
            out.add_item(epub.EpubImage(uid=f"image-{exercise.id}", file_name=image_file(exercise), media_type="image/png", content=image[0]))
    if logo := logo_file(book):
        logo_data = Path(book.prescription.clinic.logo.path).read_bytes()
        out.add_item(epub.EpubImage(uid="clinic-logo", file_name=logo, media_type=book.prescription.clinic.logo.media_type, content=logo_data))

    diary_pages = [t.number for t in targets if t.file_name == "diary.xhtml" and t.anchor != pagelist.END]
    printed = (f"{diary_pages[0]}–{diary_pages[-1]}" if len(diary_pages) > 1 else str(diary_pages[0])) if diary_pages else None
    chapters = [
        before_you_start(book),
        *(exercise_chapter(book, e, n, figures[e.id][1] if figures[e.id] else None) for n, e in enumerate(book.exercises, 1)),
        your_week(book),
        diary(book, printed),
        colophon(book, booklet_page_size(), made_with(__version__)),
    ]
    cover = cover_page(cover_alt(book, first_picture[1] if first_picture else None))
    documents = [cover, title_page(book), nav_document(chapters, len(book.exercises), pagelist.nav_page_list(targets)), *chapters]
    targets_of = pagelist.by_document(targets)
    documents = [pagelist.place_markers(doc, targets_of.get(doc.file_name, [])) for doc in documents]
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
    exercise_items = [html[d.file_name] for d in chapters[1 : 1 + len(book.exercises)]]
    out.toc = [
        html[chapters[0].file_name],
        (epub.Section("Exercises", href=exercise_items[0].file_name), exercise_items),
        *(html[d.file_name] for d in chapters[1 + len(book.exercises) :]),
    ]
    out.guide = [
        {"type": "cover", "href": "cover.xhtml", "title": "Cover"},
        {"type": "toc", "href": "nav.xhtml", "title": "Contents"},
        {"type": "text", "href": chapters[0].file_name, "title": chapters[0].title},
    ]
    return out


def finish_package(name: str, data: bytes, book: Book, targets: list[pagelist.PageTarget]) -> bytes:
    """What ebooklib cannot write: the package's ``xml:lang``; the NCX's depth, page counts and pageList."""
    from lxml import etree

    if name.endswith(".opf"):
        root = etree.fromstring(data)
        root.set("{http://www.w3.org/XML/1998/namespace}lang", book.language)
        return etree.tostring(root, xml_declaration=True, encoding="utf-8")
    if name.endswith(".ncx"):
        ncx = "{http://www.daisy.org/z3986/2005/ncx/}"
        root = etree.fromstring(data)
        nav_map = root.find(f"{ncx}navMap")

        def depth(parent, level=1):
            points = parent.findall(f"{ncx}navPoint")
            return max((depth(p, level + 1) for p in points), default=level - 1)

        play_orders = [int(p.get("playOrder")) for p in nav_map.iter(f"{ncx}navPoint") if p.get("playOrder")]
        values = {"dtb:depth": depth(nav_map), "dtb:totalPageCount": len(targets),
                  "dtb:maxPageNumber": max((t.number for t in targets), default=0)}
        for meta in root.find(f"{ncx}head").iter(f"{ncx}meta"):
            if meta.get("name") in values:
                meta.set("content", str(values[meta.get("name")]))
        if targets:
            page_list = etree.fromstring(
                f'<wrapper xmlns="{ncx[1:-1]}">{pagelist.ncx_page_list(targets, max(play_orders, default=0) + 1)}</wrapper>'
            )[0]
            nav_map.addnext(page_list)
        return etree.tostring(root, xml_declaration=True, encoding="utf-8")
    return data


#: Entries stored as they are: deflating a PNG or JPEG again spent a third of the packaging
#: time to save under 1 % of its size.
COMPRESSED_ALREADY = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def reproducible_zip(raw: bytes, when: dt.datetime, finish=lambda name, data: data) -> bytes:
    """The same archive with fixed entry dates and modes, ``mimetype`` first and stored, pictures
    stored (they are compressed already), the rest deflated at zlib's best.

    ``finish(name, data)`` may rewrite an entry on the way.
    """
    # a zip entry's date must lie in 1980–2107
    earliest = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
    latest = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)
    stamp = min(max(when, earliest), latest).timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        entries = [(info.filename, finish(info.filename, source.read(info))) for info in source.infolist()]
    entries.sort(key=lambda entry: entry[0] != "mimetype")  # stable: the rest keep their order
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            stored = name == "mimetype" or name.lower().endswith(COMPRESSED_ALREADY)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            target.writestr(info, data, compresslevel=9)
    return out.getvalue()


def epub_bytes(book: Book, theme: Theme) -> bytes:
    from ebooklib import epub

    when = build_time(book.date)
    raw = io.BytesIO()
    # ebooklib's own archive is read once more and rewritten: it need not be compressed (level 0)
    options = {"mtime": when, "epub3_landmark": False, "epub3_pages": False, "raise_exceptions": True, "compresslevel": 0}
    out, targets = package(book, theme, when)
    epub.write_epub(raw, out, options)
    return reproducible_zip(raw.getvalue(), when, lambda name, data: finish_package(name, data, book, targets))


def build(book: Book, theme: Theme, path: Path) -> list[Path]:
    """Write the EPUB to ``path`` (atomically) and return ``[path]``."""
    from publish.fonts import check_coverage, register

    # the reading system sets the text in its own fonts; only the cover image is drawn here
    check_coverage(book, register(), "EPUB cover", only=("title", "subtitle", "source"))
    return [write_bytes(path, epub_bytes(book, theme))]
