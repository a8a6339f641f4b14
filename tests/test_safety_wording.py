"""What a patient reads about safety, read back from the three products (not from the YAML).

The chart, the booklet and the e-book must give the same warning signs, one stop rule, one
safety heading, one dose wording, the article's choices and corrections, and credit the
article's author as the source rather than as the author of our safety lists.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from pypdf import PdfReader

from layouts import booklet, chart, epub
from publish.fonts import register
from publish.theme import theme_for
from publish.wording import DOSE_GLOSSARY, SAFETY_HEADING, STOP_AND_ASK_LEAD, URGENT_HELP_LEAD
from tests.test_epub import NS, Epub


def flat(text: str) -> str:
    """Text with bullets dropped and every run of whitespace made one space."""
    return " ".join(text.replace("\u2022", " ").replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def chart_text(seed_book, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("chart") / "chart.pdf"
    chart.build(seed_book, theme_for("A3"), out)
    return flat(PdfReader(out).pages[0].extract_text())


@pytest.fixture(scope="module")
def booklet_pages(seed_book, tmp_path_factory) -> list[str]:
    out = tmp_path_factory.mktemp("booklet") / "booklet.pdf"
    booklet.build(seed_book, theme_for("A5"), out)
    return [flat(page.extract_text()) for page in PdfReader(out).pages]


@pytest.fixture(scope="module")
def book_epub(seed_book) -> Epub:
    return Epub(epub.epub_bytes(seed_book, theme_for("A5")))


def epub_text(book: Epub) -> str:
    return flat(" ".join(book.text(href) for href in book.spine))


def exercise(seed_book, id_: str):
    return next(e for e in seed_book.exercises if e.id == id_)


# -- the warning signs -----------------------------------------------------------------------


#: What published patient guidance lists, as words each product's text must contain.
URGENT_SIGNS = ("passing urine", "both legs", "around your bottom", "bowels")
STOP_SIGNS = ("worse at night or at rest", "lost weight without trying", "had cancer", "fever")


def test_the_data_lists_the_cauda_equina_signs_as_urgent_and_the_other_red_flags_as_stop(seed_book):
    urgent, stop = " ".join(seed_book.urgent_help_if), " ".join(seed_book.stop_and_ask_if)
    for sign in URGENT_SIGNS:
        assert sign in urgent and sign not in stop, sign
    for sign in STOP_SIGNS:
        assert sign in stop and sign not in urgent, sign


def test_the_chart_carries_the_urgent_list(seed_book, chart_text):
    assert URGENT_HELP_LEAD in chart_text
    for item in seed_book.urgent_help_if:
        assert flat(item) in chart_text, item


def test_the_urgent_list_sits_in_the_charts_safety_strip_without_overlap(seed_book):
    plan = chart.plan(seed_book, theme_for("A3"), register())
    urgent = [block for block in plan.texts if block.kind in ("urgent-heading", "urgent")]
    assert urgent and all(block.box.inside(plan.safety_strip) for block in urgent)
    for block in plan.text_blocks():
        if block.kind not in ("urgent-heading", "urgent"):
            assert not any(block.box.overlaps(u.box) for u in urgent), block.kind


def test_the_booklet_gives_both_lists_under_their_leads(seed_book, booklet_pages):
    page = " ".join(booklet_pages)  # the two lists may fall on facing pages
    stop_at, urgent_at = page.index(STOP_AND_ASK_LEAD), page.index(URGENT_HELP_LEAD)
    for item in seed_book.stop_and_ask_if:
        assert stop_at < page.index(flat(item)) < urgent_at, item
    for item in seed_book.urgent_help_if:
        assert urgent_at < page.index(flat(item)), item


def test_the_epub_gives_both_lists_under_their_leads(seed_book, book_epub):
    page = flat(book_epub.text("before-you-start.xhtml"))
    stop_at, urgent_at = page.index(STOP_AND_ASK_LEAD), page.index(URGENT_HELP_LEAD)
    for item in seed_book.stop_and_ask_if:
        assert stop_at < page.index(flat(item)) < urgent_at, item
    for item in seed_book.urgent_help_if:
        assert urgent_at < page.index(flat(item)), item


# -- one rule, one heading, one dose wording -------------------------------------------------


def all_texts(chart_text, booklet_pages, book_epub) -> dict[str, str]:
    return {"chart": chart_text, "booklet": " ".join(booklet_pages), "epub": epub_text(book_epub)}


def test_every_product_gives_the_articles_stop_rule_and_no_other(chart_text, booklet_pages, book_epub):
    for product, text in all_texts(chart_text, booklet_pages, book_epub).items():
        assert "Stop any exercise that makes your back pain worse." in text, product
        assert "causes pain" not in text and "that hurts" not in text, product


def test_the_drawing_in_note_stays_with_its_exercise(seed_book, chart_text, booklet_pages, book_epub):
    assert not any("stable" in note for note in seed_book.safety)
    drawing_in = exercise(seed_book, "drawing-in-maneuver")
    assert "keep your spinal joints stable" in flat(book_epub.text("exercise-drawing-in-maneuver.xhtml"))
    for moving in ("cat-stretches", "seated-rotational-stretch"):
        assert "stable" not in flat(book_epub.text(f"exercise-{moving}.xhtml")), moving
    for product, text in all_texts(chart_text, booklet_pages, book_epub).items():
        assert text.count("stable") == len(drawing_in.safety), product


def test_one_safety_heading_everywhere(chart_text, booklet_pages, book_epub):
    for product, text in all_texts(chart_text, booklet_pages, book_epub).items():
        assert SAFETY_HEADING in text, product
        assert "Safety first" not in text and "Take care" not in text, product
    headings = {
        "".join(h.itertext())
        for href in book_epub.documents()
        for h in book_epub.xhtml(href).iter(f"{{{NS['x']}}}h2")
        if "safety" in (h.get("id") or "")
    }
    assert headings == {SAFETY_HEADING}


def test_the_charts_dose_key_is_the_booklets_wording(chart_text, booklet_pages, book_epub):
    sets_meaning = next(meaning for field, _, meaning in DOSE_GLOSSARY if field == "sets")
    assert "repeat 3 times" not in chart_text
    for product, text in all_texts(chart_text, booklet_pages, book_epub).items():
        assert flat(sets_meaning[:1].upper() + sets_meaning[1:]) in text or flat(sets_meaning) in text, product


def test_benefits_and_muscles_are_capitalised_alike(seed_book, booklet_pages, book_epub):
    curls = exercise(seed_book, "partial-curls")
    chapter = book_epub.text("exercise-partial-curls.xhtml")
    page = " ".join(booklet_pages)
    for benefit in curls.benefits:
        capitalised = benefit[:1].upper() + benefit[1:]
        assert capitalised in chapter and capitalised in page
    muscles = ", ".join(curls.muscles)
    assert muscles[:1].upper() + muscles[1:] in chapter and muscles[:1].upper() + muscles[1:] in page


# -- the article, read faithfully ------------------------------------------------------------


def test_the_superman_keeps_the_articles_choice(seed_book, chart_text, booklet_pages, book_epub):
    chapter = book_epub.xhtml("exercise-superman.xhtml")
    steps = flat(" ".join("".join(li.itertext()) for li in chapter.iterfind(".//x:ol/x:li", NS)))
    assert "until you feel a contraction in your lower back, or aim for a gap of around 6 in" in steps
    assert "until you feel a contraction in your lower back, or aim for" in " ".join(booklet_pages)
    caption = flat("".join(chapter.find(".//x:figcaption", NS).itertext()))
    assert "until the lower back works, or about 6 in" in caption  # the alt text describes the pose


def test_the_seated_twist_uses_the_hand_that_helps_it(chart_text, booklet_pages, book_epub):
    for product, text in all_texts(chart_text, booklet_pages, book_epub).items():
        assert "right hand on your left knee" not in text, product
    assert "left hand on your right knee" in " ".join(booklet_pages)
    assert "left hand on your right knee" in book_epub.text("exercise-seated-rotational-stretch.xhtml")


# -- who made it -----------------------------------------------------------------------------


def test_the_article_author_is_credited_as_the_source_not_as_our_author(seed_book, booklet_pages, book_epub):
    opf = book_epub.opf
    assert opf.find(".//dc:publisher", NS).text == "exercise-publisher"
    creator = opf.find(".//dc:creator", NS)
    assert creator.text == "Nancy Lang"
    roles = [m.text for m in opf.iter(f"{{{NS['opf']}}}meta") if m.get("refines") == "#" + creator.get("id")
             and m.get("property") == "role"]
    assert roles == ["ant"]  # MARC relator: bibliographic antecedent, the work ours is based on
    assert "Nancy Lang" in (opf.find(".//dc:source", NS).text or "")


def test_the_colophon_does_not_call_the_datas_date_the_build_date(seed_book, book_epub, monkeypatch):
    text = book_epub.text("colophon.xhtml")
    assert not re.search(r"Made with .* on 2024-04-13", text)
    assert "2024-04-13" in text
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    dated = Epub(epub.epub_bytes(seed_book, theme_for("A5"))).text("colophon.xhtml")
    assert re.search(r"Made with exercise-publisher \S+ on 2026-01-01\.", dated)


def test_the_cover_alt_text_ends_with_one_full_stop(book_epub):
    alt = book_epub.xhtml("cover.xhtml").find(".//x:img", NS).get("alt")
    assert alt.endswith(".") and not alt.endswith("..")
    assert unescape(alt) == alt or "&" in alt


def test_the_about_pages_say_the_text_was_corrected_from_the_source(seed_book, booklet_pages, book_epub):
    from publish.wording import CORRECTIONS_LEAD

    (correction,) = seed_book.source.corrections
    assert "left hand on the right knee" in correction
    assert CORRECTIONS_LEAD in booklet_pages[-1] and flat(correction) in booklet_pages[-1]
    colophon = book_epub.text("colophon.xhtml")
    assert CORRECTIONS_LEAD in colophon and flat(correction) in colophon
