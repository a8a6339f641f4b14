"""Whatever the file holds, the loader returns a Book or raises DataError, nothing else.

Every problem names the file, stands on one line (the CLI prints one line per problem) and,
when it has a line number, points inside the file. Hypothesis runs derandomised so CI sees
the same examples every time.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish.errors import DataError
from publish.load import load_book
from publish.model import Book
from tests.conftest import SEED

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# An exercise with a figure, so mutations reach the pose checks whatever the seed holds.
WITH_FIGURE = """\
title: Back exercises
exercises:
  - id: bridges
    name: Bridges
    steps:
      - Lie on your back, feet {20 cm} from your buttocks.
      - Lift your hips.
    dose: {sets: 3, reps: 15, hold_s: [10, 15], rest_s: 60}
    figure:
      view: side
      start: {base: supine-hook-lying}
      end: {base: supine-hook-lying, hip: 0, knee: 90, ankle: -10}
      highlight: [buttocks, back]
      action: lifts the hips about {6 in}
"""


@pytest.fixture(scope="module")
def data_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties") / "data.yaml"


def assert_loads_or_explains(path: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    try:
        book = load_book(path)
    except DataError as err:
        assert err.problems
        line_count = len(path.read_bytes().splitlines()) + 1
        for problem in err.problems:
            shown = str(problem)
            assert problem.file == str(path) and shown.startswith(str(path)), shown
            assert "\n" not in shown and "\r" not in shown, shown
            assert problem.line is None or 1 <= problem.line <= line_count, shown
    else:
        assert isinstance(book, Book)
        assert book.exercises


# -- (a) random documents -------------------------------------------------------------------

SCHEMA_KEYS = (
    "title", "subtitle", "language", "date", "source", "safety", "links", "exercises", "id", "name",
    "steps", "dose", "about", "muscles", "benefits", "cues", "tips", "figure", "reps", "sets",
    "hold_s", "rest_s", "each_side", "author", "updated", "view", "start", "end", "base",
    "highlight", "action", "knee", "near_hip", "trunk",
)
ODD_TEXT = (
    "ten", "2.5", "yes please", "{2 parsecs}", "{2 in}", "2024-02-30", "supine", "partial-curls",
    "id with spaces", "", " ", "~", "!!python/name:os.system", "*alias", "&anchor", "- x", "a: b",
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(ODD_TEXT),
    st.dates(min_value=dt.date(1, 1, 1)),
)
keys = st.one_of(st.sampled_from(SCHEMA_KEYS), st.text(max_size=10), st.integers(), st.booleans(), st.none())
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)


def maybe(good: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly a plausible value, sometimes anything at all."""
    return st.one_of(good, good, good, values)


doses = st.dictionaries(
    st.sampled_from(("reps", "sets", "hold_s", "rest_s", "each_side", "rep")),
    maybe(st.integers(min_value=-5, max_value=5000) | st.lists(st.integers(-5, 100), max_size=3) | st.booleans()),
    max_size=5,
)
poses = st.dictionaries(
    st.sampled_from(("base", "knee", "hip", "near_ankle", "far_shoulder", "trunk", "knees", "bsae")),
    maybe(st.floats(-400, 400) | st.sampled_from(("supine", "supine-hook-lying", "sitting", "lying"))),
    max_size=4,
)
figures = st.fixed_dictionaries(
    {"start": maybe(poses), "end": maybe(poses)},
    optional={
        "view": maybe(st.sampled_from(("side", "front", "top"))),
        "highlight": maybe(st.sampled_from(("back", "legs", "belly")) | st.lists(st.sampled_from(("back", "arm")))),
        "action": maybe(st.sampled_from(("lifts {2 in}", "lifts {2 parsecs}"))),
    },
)
exercises = st.fixed_dictionaries(
    {
        "id": maybe(st.sampled_from(("bridges", "superman", "cat stretches", "-x"))),
        "name": maybe(st.text(min_size=1, max_size=20)),
        "steps": maybe(st.lists(st.sampled_from(ODD_TEXT) | st.text(max_size=30), max_size=3)),
        "dose": maybe(doses),
    },
    optional={"figure": maybe(figures), "cues": values, "tips": values, "stpes": values},
)
books = st.fixed_dictionaries(
    {"title": maybe(st.text(max_size=20)), "exercises": maybe(st.lists(maybe(exercises), max_size=4))},
    optional={"date": values, "source": values, "safety": values, "language": values, "titel": values},
)


def dump(document: object) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


@SETTINGS
@given(document=values)
def test_any_yaml_document(data_file, document):
    assert_loads_or_explains(data_file, dump(document))


@SETTINGS
@given(document=books)
def test_any_book_shaped_document(data_file, document):
    assert_loads_or_explains(data_file, dump(document))


@SETTINGS
@given(text=st.text())
def test_any_text(data_file, text):
    assert_loads_or_explains(data_file, text)


YAML_CHARS = st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?\t\n \\") + ["\x00", "\x85", "\u2028", "\ufeff", "é"])


@SETTINGS
@given(text=st.text(YAML_CHARS | st.characters(), max_size=60) | st.binary(max_size=60))
def test_any_punctuation_or_bytes(data_file, text):
    assert_loads_or_explains(data_file, text)


# -- (b) mutations of real files ------------------------------------------------------------

NUMBER = re.compile(r"\d+")  # also inside dates and {2 in}


@st.composite
def mutated(draw, original: str) -> str:
    """``original`` with one to three edits a hurried author might make."""
    text = original
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        kind = draw(st.sampled_from(("delete", "duplicate", "swap", "number", "insert", "truncate")))
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        if kind in ("delete", "duplicate", "swap"):
            text = "\n".join(lines)
        elif kind == "number":
            numbers = list(NUMBER.finditer(text))
            if numbers:
                found = draw(st.sampled_from(numbers))
                new = draw(st.sampled_from(("ten", "-3", "0", "2.5", "99999", "''", "[1, 2, 3]", "2024-02-30")))
                text = text[: found.start()] + new + text[found.end() :]
        elif kind == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.text(YAML_CHARS, min_size=1, max_size=4)) + text[at:]
        else:
            text = text[: draw(st.integers(0, len(text)))]
    return text


@SETTINGS
@given(data=st.data())
def test_mutations_of_the_seed(data_file, data):
    assert_loads_or_explains(data_file, data.draw(mutated(SEED.read_text(encoding="utf-8"))))


@SETTINGS
@given(text=mutated(WITH_FIGURE))
def test_mutations_of_a_file_with_a_figure(data_file, text):
    assert_loads_or_explains(data_file, text)


def test_the_unmutated_files_load(data_file):
    for text in (SEED.read_text(encoding="utf-8"), WITH_FIGURE):
        data_file.write_text(text, encoding="utf-8")
        assert load_book(data_file).exercises
