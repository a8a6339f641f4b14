"""What every PDF product shares: metadata, language, fonts, reproducible timestamps.

reportlab stamps the wall-clock time and starts each page with an unembedded Helvetica unless
told otherwise; ``canvas_options`` fixes both for a Canvas or a DocTemplate.
"""

from __future__ import annotations

import datetime as dt
import time

from publish import __version__
from publish.files import build_time
from publish.fonts import FontSet
from publish.model import Book
from publish.prescribing import metadata_title
from publish.wording import publisher, source_credit


def metadata(book: Book, product: str) -> dict[str, str]:
    """Title, author, subject, keywords and creator for a product of ``book``.

    The author is who publishes the product (the clinic, or the tool): the source's author
    wrote the exercises, not the safety lists or the disclaimer, and is credited as the source
    in the subject. A programme's title names its patient; nothing else of the prescription
    (never the clinician's notes) goes into metadata.
    """
    author = publisher(book)
    credit = source_credit(book)
    subject = book.subtitle or book.title
    if credit:
        subject += f". Exercises from {credit}"
    keywords = ", ".join(["exercise", "physiotherapy", "home exercise programme", *(e.name for e in book.exercises[:20])])
    return {
        "title": f"{metadata_title(book)} — {product}",
        "author": author,
        "subject": subject,
        "keywords": keywords,
        "creator": f"exercise-publisher {__version__}",
    }


def canvas_options(book: Book, product: str, fonts: FontSet) -> dict:
    """Keyword arguments for reportlab's Canvas or BaseDocTemplate.

    ``invariant`` makes reportlab read SOURCE_DATE_EPOCH itself and crash on a bad value, so
    the value is checked here first (build_time raises a PublishError that says what is wrong).
    """
    build_time(book.date)
    return {
        **metadata(book, product),
        "lang": book.language,
        "invariant": 1,
        "initialFontName": fonts.regular,
    }


def stamp(canvas, book: Book) -> None:
    """Set the document's creation date to the build time (SOURCE_DATE_EPOCH or the data's date).

    reportlab reads the clock (or, invariant, 2000-01-01); we want the data's own date so that a
    reprint says when its content was last changed, and the same bytes every time.
    """
    when: dt.datetime = build_time(book.date)
    stamp_ = canvas._doc._timeStamp
    stamp_.t = when.timestamp()
    stamp_.lt = time.gmtime(stamp_.t)
    stamp_.YMDhms = tuple(stamp_.lt)[:6]
    stamp_.dhh = stamp_.dmm = 0
    stamp_.tzname = "UTC"


def new_canvas(path, book: Book, product: str, fonts: FontSet, pagesize: tuple[float, float], tagged: bool = False):
    """A reportlab Canvas with metadata, language, embedded initial font and fixed timestamp.

    ``path`` may be a file name or a binary buffer (products render to memory, then write).

    Canvas, unlike BaseDocTemplate, takes no metadata keywords: they are set through its
    setters here. ``tagged`` gives a TaggedCanvas (PDF/UA-1: structure tree, artifacts, XMP).
    """
    if tagged:
        from publish.tagging import TaggedCanvas as Canvas
    else:
        from reportlab.pdfgen.canvas import Canvas

    info = metadata(book, product)
    options = {k: v for k, v in canvas_options(book, product, fonts).items() if k not in info}
    canvas = Canvas(path if hasattr(path, "write") else str(path), pagesize=pagesize, pageCompression=1, **options)
    canvas.setTitle(info["title"])
    canvas.setAuthor(info["author"])
    canvas.setSubject(info["subject"])
    canvas.setKeywords(info["keywords"])
    canvas.setCreator(info["creator"])
    stamp(canvas, book)
    return canvas


def figure_alt(exercise) -> str:
    """An illustration's alt text in a PDF, naming its exercise: "Bridges: Person lying on …".

    In the PDFs a figure stands apart from its heading (a screen reader may jump to it), so
    its description says which exercise it shows.
    """
    from publish.figures import alt_text

    return f"{exercise.name}: {alt_text(exercise)}"
