"""The e-book's XHTML documents, as strings of markup in which all user text is escaped.

Reading order: cover, title page, contents (the nav document), "Before you start", one
chapter per exercise, "Your week", the exercise diary and "About this book". Each part keeps
the printed booklet's order inside it (steps, then safety, then muscles and benefits), so the
printed page numbers can be placed where each page starts.

For screen readers: safety notes are a ``doc-notice`` (essential, not skippable side
content); every table is named; units are ``<abbr>`` with their expansion ("5 s" is read
"5 seconds"); an illustration's alt text says what the picture shows and its caption what
the movement is, so nothing is heard twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from publish.dose import dose_table, phrase
from publish.model import Book, Exercise, Length, Text
from publish.prescribing import NOTE_HEADING, NOTES_HEADING, fields
from publish.units import to_cm
from publish.wording import (
    CORRECTIONS_LEAD,
    DISCLAIMER,
    SAFETY_HEADING,
    STOP_AND_ASK_LEAD,
    URGENT_HELP_LEAD,
    WHEN_TO_STOP_HEADING,
    glossary_for,
    sentence,
)

#: How a screen reader should say each unit the products print.
UNIT_NAMES = {
    "s": "seconds", "min": "minutes", "in": "inches", "cm": "centimetres", "mm": "millimetres",
    "m": "metres", "ft": "feet",
}

#: A number and a unit after it in our own wording ("hold 5 s", "1 min between sets").
NUMBER_UNIT = re.compile(r"(\d) (s|min)\b")

#: The diary's shape, as the printed booklet has it.
DIARY_WEEKS = 2
DAYS_PER_WEEK = 7


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


# -- text ------------------------------------------------------------------------------------


def unit(symbol: str) -> str:
    return f'<abbr title="{UNIT_NAMES[symbol]}">{symbol}</abbr>'


def with_units(text: str) -> str:
    """Our own wording (a dose) as markup: escaped, each unit expanded, kept on its number's line."""
    return NUMBER_UNIT.sub(lambda m: f"{m[1]}\u00a0{unit(m[2])}", escape(text))


def length_markup(length: Length) -> str:
    """``2 in (5 cm)`` with both units expanded and each kept on its number's line."""
    written = f"{length.value:g}\u00a0{unit(length.unit)}"
    if length.unit in ("mm", "cm", "m"):
        return written
    return f"{written} ({round(to_cm(length))}\u00a0{unit('cm')})"


def text_markup(text: Text) -> str:
    """A step (user text with measurements) as markup: the text escaped, lengths in both units."""
    return "".join(escape(part) if isinstance(part, str) else length_markup(part) for part in text.parts)


def items(values: Iterable[str], tag: str = "ul", css_class: str | None = None, ids: str | None = None) -> str:
    """A list of user text (escaped); ``ids`` gives each item the id ``<ids>-<n>``."""
    return markup_items((escape(v) for v in values), tag, css_class, ids)


def markup_items(values: Iterable[str], tag: str = "ul", css_class: str | None = None, ids: str | None = None) -> str:
    """A list of items that are markup already."""
    attr = f' class="{css_class}"' if css_class else ""
    out = []
    for number, value in enumerate(values, 1):
        item_id = f' id="{ids}-{number}"' if ids else ""
        out.append(f"<li{item_id}>{value}</li>")
    return f"<{tag}{attr}>" + "".join(out) + f"</{tag}>"


def notice(heading_id: str, notes: Iterable[str]) -> str:
    """Safety notes: a DPUB-ARIA notice, essential content that no reader skips as aside."""
    return (
        f'<div class="safety" role="doc-notice" epub:type="notice" aria-labelledby="{heading_id}">'
        f'<h2 id="{heading_id}">{escape(SAFETY_HEADING)}</h2>{items(notes)}</div>'
    )


def link(url: str) -> str:
    """A web address as a link; characters a URL may not hold are percent-encoded in the href.

    Anything but an http(s) address is printed as text, not linked.
    """
    if not url.lower().startswith(("http://", "https://")):
        return escape(url)
    href = quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    return f'<a href="{escape(href)}">{escape(url)}</a>'


# -- the documents ---------------------------------------------------------------------------


def cover_page(alt: str) -> Document:
    body = (
        '<section class="cover" epub:type="cover">'
        f'<img role="doc-cover" src="images/cover.png" alt="{escape(alt)}"/>'
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
        parts.append(f"<p>Exercises from <cite>{escape(book.source.title)}</cite>{by}</p>")
    parts.append("</section>")
    return Document("title.xhtml", "Title page", "".join(parts))


def before_you_start(book: Book) -> Document:
    count = len(book.exercises)
    notes = book.safety or ("Stop any exercise that makes your pain worse, and ask your physiotherapist or doctor.",)
    body = (
        '<section epub:type="chapter" role="doc-chapter" aria-labelledby="before">'
        '<h1 id="before">Before you start</h1>'
        f"<p>This book describes {count} exercise{'s' if count != 1 else ''}, one to a chapter. Read these notes "
        "first, then do each exercise slowly, at the dose in its table. “Your week” lists them all on one page, "
        "and the diary shows how to keep track.</p>"
        + physiotherapist_notes(book)
        + notice("before-safety", notes)
        + when_to_stop(book)
        + how_to_read_a_dose(book)
        + how_to_read_the_pictures(book)
        + "</section>"
    )
    return Document("before-you-start.xhtml", "Before you start", body)


def physiotherapist_notes(book: Book) -> str:
    """A programme's notes from the clinician (a box like the safety notes'); empty for a library."""
    if book.prescription is None or not book.prescription.notes:
        return ""
    return (
        f'<div class="notes" role="doc-notice" aria-labelledby="notes"><h2 id="notes">{escape(NOTES_HEADING)}</h2>'
        f"{items(book.prescription.notes)}</div>"
    )


def when_to_stop(book: Book) -> str:
    """The data's "stop and ask" and "urgent help" lists under one heading; empty without them."""
    if not (book.stop_and_ask_if or book.urgent_help_if):
        return ""
    parts = [f'<h2 id="when-to-stop">{escape(WHEN_TO_STOP_HEADING)}</h2>']
    if book.stop_and_ask_if:
        parts += [f'<p id="stop-and-ask"><strong>{escape(STOP_AND_ASK_LEAD)}</strong></p>', items(book.stop_and_ask_if)]
    if book.urgent_help_if:
        parts += [
            f'<div class="urgent" role="doc-notice" aria-labelledby="urgent-help">'
            f'<p id="urgent-help"><strong>{escape(URGENT_HELP_LEAD)}</strong></p>{items(book.urgent_help_if)}</div>'
        ]
    return "".join(parts)


def how_to_read_a_dose(book: Book) -> str:
    glossary = glossary_for(book)
    if not glossary:
        return ""
    terms = "".join(f"<dt>{escape(term)}</dt><dd>{with_units(sentence(meaning))}</dd>" for term, meaning in glossary)
    return f'<h2 id="reading-a-dose">How to read a dose</h2><dl class="glossary">{terms}</dl>'


def picture_key(book: Book) -> list[tuple[str, str, str]]:
    """The key to the pictures' samples, as images: (role, file name, meaning)."""
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
    cells = "".join(f'<tr><th scope="row">{escape(label)}</th><td>{with_units(value)}</td></tr>' for label, value in rows)
    return f'<h2 id="dose">How much</h2><table class="dose" aria-labelledby="dose">{cells}</table>'


def illustration(exercise: Exercise, alt: str | None) -> str:
    if exercise.figure is None or alt is None:
        return ""
    caption = ""
    action = exercise.figure.action
    if action is not None:
        words = text_markup(action).rstrip(".")
        caption = f"<figcaption>{words[:1].upper() + words[1:]}.</figcaption>"
    return f'<figure class="illustration"><img src="{image_file(exercise)}" alt="{escape(alt)}"/>{caption}</figure>'


def exercise_chapter(book: Book, exercise: Exercise, number: int, alt: str | None) -> Document:
    """One exercise, in the booklet's order: name, picture, dose, steps, note, safety, muscles, benefits, tips."""
    parts = [
        '<section epub:type="chapter" role="doc-chapter" aria-labelledby="name">',
        f'<p class="kicker">Exercise {number} of {len(book.exercises)}</p>',
        f'<h1 id="name">{escape(exercise.name)}</h1>',
    ]
    if exercise.about:
        parts.append(f'<p class="about">{escape(exercise.about)}</p>')
    parts.append(illustration(exercise, alt))
    parts.append(dose_block(exercise))
    parts.append('<h2 id="steps">How to do it</h2>')
    parts.append(markup_items((text_markup(step) for step in exercise.steps), tag="ol", css_class="steps", ids="step"))
    if exercise.note:
        parts.append(
            f'<div class="notes" role="doc-notice" aria-labelledby="note"><h2 id="note">{escape(NOTE_HEADING)}</h2>'
            f"<p>{escape(exercise.note)}</p></div>"
        )
    if exercise.safety:
        parts.append(notice("safety", exercise.safety))
    if exercise.muscles:
        parts.append(f'<h2 id="muscles">Muscles worked</h2><p>{escape(sentence(", ".join(exercise.muscles)))}</p>')
    if exercise.benefits:
        parts.append('<h2 id="benefits">Benefits</h2>' + items(sentence(b) for b in exercise.benefits))
    if exercise.tips:
        parts.append('<h2 id="tips">Tips</h2>' + items(exercise.tips))
    parts.append("</section>")
    return Document(chapter_file(exercise), exercise.name, "".join(parts))


def how_often(book: Book) -> str:
    """The programme's frequency when it has one; otherwise, ask."""
    if book.prescription and book.prescription.frequency:
        return f"How often: {book.prescription.frequency}."
    return "Ask your physiotherapist how often to do it."


def your_week(book: Book) -> Document:
    rows = "".join(
        f'<tr><td><a href="{chapter_file(e)}">{escape(e.name)}</a></td><td>{with_units(phrase(e.dose)) or "—"}</td></tr>'
        for e in book.exercises
    )
    body = (
        '<section epub:type="chapter" role="doc-chapter" aria-labelledby="week">'
        '<h1 id="week">Your week</h1>'
        f"<p>Your programme at a glance. Tap a name to see how to do it. {escape(how_often(book))}</p>"
        '<table class="week" aria-labelledby="week"><thead><tr><th scope="col">Exercise</th><th scope="col">How much</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        "</section>"
    )
    return Document("your-week.xhtml", "Your week", body)


def diary(book: Book, printed_pages: str | None) -> Document:
    """The booklet's two-week diary: the same tables, to copy or print, and how to keep them.

    An e-reader cannot tick a box, so the chapter says so and where the printed diary is,
    rather than pretend to be a form.
    """
    where = f" (pages {printed_pages} of the printed booklet)" if printed_pages else ""
    parts = [
        '<section epub:type="chapter" role="doc-chapter" aria-labelledby="diary">',
        '<h1 id="diary">Exercise diary</h1>',
        f"<p>The printed booklet has this diary for two weeks{escape(where)}. Most e-readers cannot tick a box, "
        "so keep it on paper: print these pages, or copy a week’s table into a notebook. Tick a box each time "
        "you finish an exercise. At the end of each day, write down your pain from 0 (no pain) to 10 (the worst "
        "pain you can imagine).</p>",
    ]
    # Each row's name heads its own row of day boxes (a row group), so the seven day columns
    # share the whole width and a long name never squeezes them, even at 200 % text on a phone.
    days = "".join(f'<th scope="col"><abbr title="Day {d}">{d}</abbr></th>' for d in range(1, DAYS_PER_WEEK + 1))
    boxes = "<tr>" + "<td></td>" * DAYS_PER_WEEK + "</tr>"

    def group(name: str, css_class: str = "") -> str:
        attr = f' class="{css_class}"' if css_class else ""
        return f'<tbody{attr}><tr><th scope="rowgroup" colspan="{DAYS_PER_WEEK}">{name}</th></tr>{boxes}</tbody>'

    for week in range(1, DIARY_WEEKS + 1):
        rows = "".join(
            group(escape(e.name) + (" (left and right)" if e.dose.each_side else "")) for e in book.exercises
        )
        parts.append(
            f'<h2 id="week-{week}">Week {week}</h2>'
            f'<table class="diary" aria-labelledby="week-{week}">'
            f"<thead><tr>{days}</tr></thead>"
            f'{group("Date")}{rows}{group("Pain (0–10)", "pain")}</table>'
        )
    parts.append("</section>")
    return Document("diary.xhtml", "Exercise diary", "".join(parts))


def colophon(book: Book, page_size: str, made_with: str) -> Document:
    parts = ['<section class="colophon" epub:type="colophon" role="doc-colophon" aria-labelledby="about">',
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
        f"<p>Page numbers in this e-book follow the printed {escape(page_size)} booklet "
        f"({escape(book.name)}-booklet.pdf): each printed page’s number is where that page starts, "
        "so “turn to page 5” finds the same place in both.</p>"
    )
    if book.date:
        parts.append(f"<p>Exercise data dated {book.date.isoformat()}.</p>")
    parts.append(f"<p>{escape(made_with)}</p>")
    parts.append("</section>")
    return Document("colophon.xhtml", "About this book", "".join(parts))


def nav_document(chapters: list[Document], exercise_count: int, page_list: str) -> Document:
    """The contents page, in reading order, with the landmarks and the page list (hidden)."""
    front = chapters[0]
    exercises = chapters[1 : 1 + exercise_count]
    back = chapters[1 + exercise_count :]
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
    body = (
        f'<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title"><h1 id="toc-title">Contents</h1><ol>{toc}</ol></nav>'
        f'<nav epub:type="landmarks" aria-labelledby="landmarks-title" hidden="hidden"><h2 id="landmarks-title">Landmarks</h2><ol>{landmarks}</ol></nav>'
        f'<nav epub:type="page-list" role="doc-pagelist" aria-labelledby="pages-title" hidden="hidden">'
        f'<h2 id="pages-title">Pages of the printed booklet</h2><ol>{page_list}</ol></nav>'
    )
    return Document("nav.xhtml", "Contents", body, properties=("nav",))
