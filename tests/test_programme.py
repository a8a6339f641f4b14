"""A programme is a patient's prescription: their exercises, in their order, at their doses.

Reading: the example programme, dose overrides restating the steps, names that slug safely.
The products built from a programme are tested in tests/test_programme_products.py; bad
programmes are cases in tests/cases/programme-*.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from publish.errors import DataError
from publish.load import load, load_book
from publish.load.programme import Libraries, days_a_week
from publish.load.restate import restated_steps
from publish.model import Dose, Range
from publish.naming import distinct, slug
from tests.conftest import ROOT, SEED, run_publish

EXAMPLE = ROOT / "data" / "programmes" / "example.yaml"


def write_programme(folder: Path, body: str, name: str = "programme.yaml") -> Path:
    path = folder / name
    path.write_text(f"library: {SEED}\n{body}", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def example():
    return load(EXAMPLE)


def test_example_has_only_the_chosen_exercises_in_its_order(example):
    assert [e.id for e in example.exercises] == ["partial-curls", "bridges", "drawing-in-maneuver"]


def test_example_overrides_the_dose_and_keeps_the_others(example, seed_book):
    library = {e.id: e for e in seed_book.exercises}
    bridges = example.exercises[1]
    assert bridges.dose == Dose(reps=8, sets=2)
    assert library["bridges"].dose != bridges.dose
    assert example.exercises[0].dose == library["partial-curls"].dose
    assert bridges.note == "Only lift as high as is comfortable."
    assert example.exercises[0].note is None


def test_overridden_steps_no_longer_state_the_librarys_dose(example, seed_book):
    steps = " ".join(step.plain for step in example.exercises[1].steps)
    assert "Repeat 15 times" not in steps and "10 to 15 seconds" not in steps and "1-minute" not in steps
    assert "Repeat 8 times and do 2 sets." in steps
    assert "Slowly return to the starting position." in steps  # the movement in the hold sentence stays


def test_example_names_the_patient_and_the_prescription(example):
    p = example.prescription
    assert (p.patient, p.clinician) == ("Alex Morgan", "Sam Patel, physiotherapist")
    assert (p.clinic.name, p.clinic.phone) == ("Riverside Physio", "01234 567890")
    assert (p.frequency, p.days_a_week, p.review) == ("once a day, 5 days a week", 5, "in 3 weeks")
    assert p.date == dt.date(2026, 11, 25) and example.date == p.date
    assert p.notes == ("Walk for 20 minutes on the days you do not exercise.",)
    assert example.name == "alex-morgan"


def test_safety_notes_and_when_to_stop_always_come_along(example, seed_book):
    assert example.safety == seed_book.safety
    assert example.stop_and_ask_if == seed_book.stop_and_ask_if and example.urgent_help_if == seed_book.urgent_help_if
    library = {e.id: e for e in seed_book.exercises}
    for exercise in example.exercises:
        assert exercise.safety == library[exercise.id].safety


def test_a_library_is_still_a_library():
    assert load(SEED) == load_book(SEED)
    assert load(SEED).prescription is None


def test_library_path_is_relative_to_the_programme_not_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book = load(EXAMPLE)
    assert len(book.exercises) == 3


def test_several_libraries_and_problems_all_at_once(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(
        "title: More\nexercises:\n  - id: wall-sit\n    name: Wall Sit\n    steps: [Lean on a wall.]\n    dose: {reps: 5}\n",
        encoding="utf-8",
    )
    good = tmp_path / "good.yaml"
    good.write_text(f"patient: Kim\nlibrary: [{SEED}, other.yaml]\nexercises: [wall-sit, bridges]\n", encoding="utf-8")
    assert [e.id for e in load(good).exercises] == ["wall-sit", "bridges"]
    bad = write_programme(tmp_path, "patient: Kim\nexercises:\n  - curls\n  - id: superman\n    dose: {reps: 0}\n  - id: bridges\n    dose: {sets: many}\n")
    with pytest.raises(DataError) as caught:
        load(bad)
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (4, "exercises[0]"), (6, "exercises[1].dose.reps"), (8, "exercises[2].dose.sets")
    ]


def test_libraries_are_read_once_for_many_programmes(tmp_path):
    libraries = Libraries()
    for index in range(5):
        load(write_programme(tmp_path, f"patient: P{index}\nexercises: [bridges]\n", f"p{index}.yaml"), libraries)
    assert libraries.files_read == 1


def test_a_logo_is_accepted_when_it_is_a_sensible_png(tmp_path):
    from PIL import Image

    Image.new("RGB", (300, 120), "navy").save(tmp_path / "logo.png")
    book = load(write_programme(tmp_path, "patient: Kim\nclinic: {name: Clinic, logo: logo.png}\nexercises: [bridges]\n"))
    logo = book.prescription.clinic.logo
    assert (logo.media_type, logo.width_px, logo.height_px) == ("image/png", 300, 120)


@pytest.mark.parametrize(
    "frequency, days",
    [("once a day, 5 days a week", 5), ("3 times a week", 3), ("twice a day, every day", 7), ("daily", 7),
     ("five days a week", 5), ("when your back feels stiff", None)],
)
def test_days_a_week_read_from_the_frequency(frequency, days):
    assert days_a_week(frequency) == days


@pytest.mark.parametrize(
    "name, expected",
    [("Alex Morgan", "alex-morgan"), ("Zoë O'Brien-Smith", "zoe-o-brien-smith"), ("a/b\\c..d", "a-b-c-d"),
     ("../../etc/passwd", "etc-passwd"), ("Søren Ærø", "soren-aero"), ("Жук", "жук"), ("?!. / ...", ""),
     ("  Dr. J. Smith Jr.  ", "dr-j-smith-jr")],
)
def test_patient_names_slug_to_safe_file_names(name, expected):
    assert slug(name) == expected


def test_very_long_names_slug_short_at_a_word_break():
    long = slug("Maximilian " * 20)
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("maximilian-maximilian")


def test_names_that_slug_the_same_are_made_distinct_whatever_the_order():
    wanted = {"monday.yaml": "alex-morgan", "tuesday.yaml": "alex-morgan", "kim.yaml": "kim-lee"}
    out = distinct(wanted)
    assert out == distinct(dict(reversed(list(wanted.items()))))
    assert out["kim.yaml"] == "kim-lee" and len(set(out.values())) == 3
    assert out["monday.yaml"] == "alex-morgan-monday"


def test_restating_a_hold_keeps_the_movement():
    from publish.model import Text

    steps = (Text(("Hold for five seconds and return to the starting position.",)), Text(("Repeat ten times.",)))
    assert [s.plain for s in restated_steps(steps, Dose(reps=6, hold_s=Range(3, 3)))] == [
        "Hold for 3 seconds, then return to the starting position.", "Repeat 6 times."
    ]
    assert [s.plain for s in restated_steps(steps, Dose(sets=2))] == ["Return to the starting position.", "Do 2 sets."]


def test_list_json_shows_the_overridden_dose():
    result = run_publish("list", "--json", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    doses = {e["id"]: e["dose"] for e in data["exercises"]}
    assert doses["bridges"]["text"] == "2 sets × 8 reps" and doses["bridges"]["hold_s"] is None
    assert data["prescription"]["patient"] == "Alex Morgan"


def test_check_accepts_a_programme():
    result = run_publish("check", str(EXAMPLE))
    assert (result.returncode, result.stdout) == (0, "Alex Morgan: 3 exercises, no problems\n")


def test_cover_fields_have_a_length_limit(tmp_path):
    with pytest.raises(DataError) as caught:
        load(write_programme(tmp_path, f"patient: Kim\nclinician: {'Dr ' * 60}\nexercises: [bridges]\n"))
    assert [(p.line, p.field) for p in caught.value.problems] == [(3, "clinician")]
    assert "too long" in caught.value.problems[0].message
