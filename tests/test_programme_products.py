"""Every product of a programme is that patient's: their exercises, doses, notes and names.

The example programme picks three of the seven exercises, overrides the Bridges' dose (the
library's is 3 sets × 15 reps, hold 10–15 s, rest 1 min) and adds a note. Each product is read
back: the chosen exercises in order, the overridden dose and not the library's, the patient,
clinician, clinic, frequency and review, the note, and nothing private in metadata.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ROOT, run_publish

EXAMPLE = ROOT / "data" / "programmes" / "example.yaml"
CHOSEN = ["Partial Curls", "Bridges", "Drawing-In Maneuver"]
LEFT_OUT = ["Superman", "Lying Lateral Leg Raises", "Seated Rotational Stretch", "Cat Stretches"]
NEW_DOSE = "2 sets × 8 reps"
LIBRARY_DOSE = ["3 sets × 15 reps", "10–15 s", "Repeat 15 times", "1-minute rest", "rest 1 min"]
PRESCRIPTION = ["Alex Morgan", "Sam Patel, physiotherapist", "Riverside Physio", "01234 567890",
                "once a day, 5 days a week", "in 3 weeks", "25 November 2026"]
NOTE = "Only lift as high as is comfortable."
CLINICIAN_NOTES = "Walk for 20 minutes on the days you do not exercise."


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def products(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("alex")
    result = run_publish("all", str(EXAMPLE), "--out-dir", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def chart_text(products) -> str:
    return flat(PdfReader(products / "alex-morgan-chart.pdf").pages[0].extract_text())


@pytest.fixture(scope="module")
def booklet_pages(products) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(products / "alex-morgan-booklet.pdf").pages]


@pytest.fixture(scope="module")
def epub_text(products) -> dict[str, str]:
    with zipfile.ZipFile(products / "alex-morgan.epub") as book:
        return {name: book.read(name).decode("utf-8") for name in book.namelist() if name.endswith((".xhtml", ".opf"))}


def in_order(text: str, names: list[str]) -> bool:
    positions = [text.find(name) for name in names]
    return -1 not in positions and positions == sorted(positions)


def test_outputs_are_named_after_the_patient(products):
    assert sorted(p.name for p in products.iterdir()) == ["alex-morgan-booklet.pdf", "alex-morgan-chart.pdf", "alex-morgan.epub"]


def test_chart_has_only_the_chosen_exercises_with_the_new_dose(chart_text):
    assert in_order(chart_text, CHOSEN)
    assert not [name for name in LEFT_OUT if name in chart_text]
    assert NEW_DOSE in chart_text
    assert not [dose for dose in LIBRARY_DOSE if dose in chart_text]


def test_chart_header_names_the_prescription_and_the_note(chart_text):
    assert not [part for part in PRESCRIPTION if part not in chart_text]
    assert NOTE in chart_text and CLINICIAN_NOTES in chart_text


def test_booklet_cover_fills_in_the_prescription(booklet_pages):
    cover = booklet_pages[0]
    for label, value in [("Prepared for", "Alex Morgan"), ("by", "Sam Patel, physiotherapist"),
                         ("on", "25 November 2026"), ("How often", "once a day, 5 days a week"), ("Review", "in 3 weeks")]:
        assert f"{label} {value}" in cover, label
    assert "Riverside Physio · 01234 567890" in cover


def test_booklet_pages_contents_and_diary_follow_the_programme(booklet_pages):
    whole = " ".join(booklet_pages)
    contents = next(page for page in booklet_pages if "Contents" in page)
    assert in_order(contents, CHOSEN) and NEW_DOSE in contents
    assert not [name for name in LEFT_OUT if name in whole]
    assert not [dose for dose in LIBRARY_DOSE if dose in whole]
    bridges = next(page for page in booklet_pages if page.count("Bridges") and "Your physiotherapist's note" in page)
    assert NOTE in bridges and "Repeat 8 times and do 2 sets." in bridges
    assert CLINICIAN_NOTES in whole
    diary = next(page for page in booklet_pages if "Exercise diary · week 1" in page)
    assert re.search(r"Day 1 2 3 4 5 Date", diary), diary  # five days a week: five columns
    assert "once a day, 5 days a week" in diary


def test_booklet_running_footer_names_the_patient(booklet_pages):
    assert all("Alex Morgan" in page for page in booklet_pages[1:])


def test_epub_has_the_chosen_chapters_the_prescription_and_the_note(epub_text):
    chapters = sorted(name for name in epub_text if "exercise-" in name)
    assert chapters == ["EPUB/exercise-bridges.xhtml", "EPUB/exercise-drawing-in-maneuver.xhtml", "EPUB/exercise-partial-curls.xhtml"]
    title = flat(re.sub("<[^>]+>", " ", epub_text["EPUB/title.xhtml"]))
    assert not [part for part in PRESCRIPTION if part not in title]
    bridges = epub_text["EPUB/exercise-bridges.xhtml"]
    assert NOTE in bridges and "8" in bridges
    whole = " ".join(epub_text.values())
    assert not [dose for dose in LIBRARY_DOSE if dose in whole.replace("\u00a0", " ")]
    week = flat(epub_text["EPUB/your-week.xhtml"])
    assert "How often: once a day, 5 days a week." in week and NEW_DOSE in week.replace("\u00a0", " ")


def test_epub_of_a_programme_passes_epubcheck(products, tmp_path):
    from tests.test_epub import assert_valid, epubcheck

    path = tmp_path / "alex.epub"
    shutil.copy(products / "alex-morgan.epub", path)
    assert_valid(epubcheck(path))


def test_metadata_carries_the_title_and_patient_never_the_notes(products, epub_text):
    for pdf in ("alex-morgan-chart.pdf", "alex-morgan-booklet.pdf"):
        info = PdfReader(products / pdf).metadata
        everything = " ".join(str(value) for value in info.values())
        assert info.title.startswith("Strength Exercises for Lower Back Pain — Alex Morgan")
        assert NOTE not in everything and CLINICIAN_NOTES not in everything and "Sam Patel" not in everything
    opf = epub_text["EPUB/content.opf"]
    assert "Alex Morgan" in re.search(r"<dc:title>(.*?)</dc:title>", opf, re.S).group(1)
    assert NOTE not in opf and CLINICIAN_NOTES not in opf


def test_a_patient_name_with_accents_and_slashes_names_files_safely(tmp_path):
    programme = tmp_path / "p.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("Alex Morgan", "Zoë O'Brien / Smith.Jr")
    programme.write_text(text.replace("../lower-back-pain.yaml", str(ROOT / "data" / "lower-back-pain.yaml")), encoding="utf-8")
    result = run_publish("chart", str(programme), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "zoe-o-brien-smith-jr-chart.pdf").is_file()


def test_a_long_name_wraps_on_the_cover_rather_than_being_cut(tmp_path):
    long_name = "Maria-Fernanda de los Ángeles Castellanos-Villalobos O'Sullivan"
    programme = tmp_path / "p.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("Alex Morgan", long_name)
    programme.write_text(text.replace("../lower-back-pain.yaml", str(ROOT / "data" / "lower-back-pain.yaml")), encoding="utf-8")
    result = run_publish("booklet", str(programme), "-o", str(tmp_path / "b.pdf"))
    assert result.returncode == 0, result.stderr
    cover = flat(PdfReader(tmp_path / "b.pdf").pages[0].extract_text())
    assert f"Prepared for {long_name}" in cover and "…" not in cover


def test_a_clinic_logo_shows_on_the_chart_cover_and_title_page(tmp_path):
    from PIL import Image

    from tests.test_epub import assert_valid, epubcheck

    Image.new("RGB", (400, 160), (30, 120, 90)).save(tmp_path / "logo.jpg", quality=90)
    text = EXAMPLE.read_text(encoding="utf-8").replace("phone: 01234 567890}", "phone: 01234 567890, logo: logo.jpg}")
    (tmp_path / "p.yaml").write_text(text.replace("../lower-back-pain.yaml", str(ROOT / "data" / "lower-back-pain.yaml")), encoding="utf-8")
    result = run_publish("all", "p.yaml", "--out-dir", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for pdf in ("alex-morgan-chart.pdf", "alex-morgan-booklet.pdf"):
        page = PdfReader(tmp_path / "out" / pdf).pages[0]
        assert [image.image.size for image in page.images] == [(400, 160)], pdf
    with zipfile.ZipFile(tmp_path / "out" / "alex-morgan.epub") as book:
        assert book.read("EPUB/images/clinic-logo.jpg") == (tmp_path / "logo.jpg").read_bytes()
        assert '<img src="images/clinic-logo.jpg" alt="Riverside Physio logo"/>' in book.read("EPUB/title.xhtml").decode()
    assert_valid(epubcheck(tmp_path / "out" / "alex-morgan.epub"))
