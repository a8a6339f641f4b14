"""The loader's limits are generous and safe: text at every limit still makes every product.

The caps themselves are refused with file:line messages by the cases in tests/cases/ (text
too long, aliases that multiply, nesting, huge numbers); here: a file that never ends, a
file too large, numbers read as a person means them, measurements printed as written, and a
data file with every field at its longest making a booklet and an EPUB that epubcheck passes.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

from publish.load import limits, load_book
from publish.model import Length, Text
from publish.units import render
from tests.conftest import SEED, run_publish


def test_a_file_that_never_ends_is_refused_at_the_limit():
    result = run_publish("check", "/dev/zero")
    assert result.returncode == 1, result.stderr
    assert result.stderr == "/dev/zero: too large to be a data file: the limit is 16 MB and it goes on past that\n"


def test_a_file_too_large_names_the_limit_and_its_size(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as out:
        out.truncate(20 * 1024 * 1024)  # sparse: costs no disk
    result = run_publish("check", str(path))
    assert result.returncode == 1
    assert result.stderr == f"{path}: too large to be a data file: the limit is 16 MB and it is 20.0 MB\n"


def test_numbers_are_read_as_a_person_writes_them(tmp_path):
    text = SEED.read_text(encoding="utf-8").replace("reps: 10", "reps: 010", 1)
    assert text != SEED.read_text(encoding="utf-8")
    path = tmp_path / "zero.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_publish("list", str(path), "--json")
    assert result.returncode == 0, result.stderr
    doses = [e["dose"].get("reps") for e in json.loads(result.stdout)["exercises"]]
    assert 10 in doses and 8 not in doses  # YAML 1.1 would read 010 as octal 8


def test_measurements_print_as_written():
    assert Length(1234.5, "mm", "1234.5").written == "1234.5 mm"
    assert render(Text(("Lift ", Length(2.5, "in", "2.50"), "."))) == "Lift 2.50 in (6 cm)."
    assert render(Text((Length(0.1, "in", "0.1"),))) == "0.1 in (3 mm)", "never '(0 cm)'"


def at_limit(length: int, word: str = "Mmmm wwww ") -> str:
    """Text of exactly ``length`` characters in wide letters (the hardest to fit)."""
    return (word * (length // len(word) + 1))[:length].rstrip().ljust(length, "m")


@pytest.fixture(scope="module")
def longest(tmp_path_factory):
    """The seed with every text field at its limit, dates at the edge of the range."""
    book = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    size = limits.FIELD_LENGTHS
    book["title"], book["subtitle"] = at_limit(size["title"]), at_limit(size["subtitle"])
    book["date"] = dt.date(1900, 1, 1)
    book["source"].update(
        title=at_limit(limits.SOURCE_TITLE), author=at_limit(size["author"]), publisher=at_limit(size["publisher"]),
        url="https://example.org/" + "a" * (size["url"] - 20),
    )
    for key in ("safety", "stop_and_ask_if", "urgent_help_if"):
        book[key] = [at_limit(size[key])] * 3
    book["links"] = [at_limit(size["links"])]
    for exercise in book["exercises"][:2]:
        exercise.update(
            name=at_limit(size["name"]), steps=[at_limit(size["steps"])] * 3, about=at_limit(size["about"]),
            tips=[at_limit(size["tips"])] * 2, cues=[at_limit(size["cues"])] * 3, safety=[at_limit(size["safety"])] * 2,
            muscles=[at_limit(size["muscles"])], benefits=[at_limit(size["benefits"])],
        )
        if "figure" in exercise:
            exercise["figure"]["action"] = at_limit(size["action"])
    book["exercises"][2].update(id="x" * size["id"], name="W" * size["name"], cues=["W" * size["cues"]])
    path = tmp_path_factory.mktemp("longest") / "longest.yaml"
    path.write_text(yaml.safe_dump(book, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    return path


def test_every_field_at_its_limit_passes_check(longest):
    assert len(load_book(longest).exercises) == 7


@pytest.mark.parametrize("product", ["booklet", "epub"])
def test_every_field_at_its_limit_makes_the_booklet_and_the_epub(longest, tmp_path, product):
    out = tmp_path / f"longest.{product}"
    result = run_publish(product, str(longest), "-o", str(out))
    assert result.returncode == 0, result.stderr
    if product == "epub":  # a 500-character URL, the date 1900-01-01 and a long credit on the cover
        from tests.test_epub import assert_valid, epubcheck

        assert_valid(epubcheck(out))


def test_every_field_at_its_limit_makes_the_chart_or_says_why_not(longest, tmp_path):
    result = run_publish("chart", str(longest), "-o", str(tmp_path / "longest.pdf"))
    assert "Traceback" not in result.stderr
    assert result.returncode == 0 or result.stderr.startswith("longest: "), result.stderr
