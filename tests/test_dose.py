"""Every product phrases a dose through publish.dose: the seven seed doses, word for word."""

import pytest

from publish.dose import dose_table, duration, phrase
from publish.model import Dose, Range

SEED_PHRASES = {
    "partial-curls": "3 sets × 10 reps · hold 5 s",
    "superman": "10 reps · hold 2 s",
    "lying-lateral-leg-raises": "3 sets × 10 reps · each side · hold 2 s",
    "drawing-in-maneuver": "5 reps · hold 5 s",
    "bridges": "3 sets × 15 reps · hold 10–15 s · rest 1 min between sets",
    "seated-rotational-stretch": "5 reps · each side · hold 10 s",
    "cat-stretches": "2 sets × 5 reps",
}


def test_each_seed_exercise_is_phrased_as_the_article_gives_it(seed_book):
    assert {e.id: phrase(e.dose) for e in seed_book.exercises} == SEED_PHRASES


def test_a_dose_without_sets_never_mentions_sets():
    assert "set" not in phrase(Dose(reps=10, hold_s=Range(2, 2)))


def test_singular_counts_are_not_pluralised():
    assert phrase(Dose(reps=1, sets=1)) == "1 set × 1 rep"


def test_an_empty_dose_says_nothing():
    assert phrase(Dose()) == ""


@pytest.mark.parametrize("seconds, said", [(30, "30 s"), (60, "1 min"), (90, "1 min 30 s"), (120, "2 min")])
def test_rest_is_said_in_minutes_and_seconds(seconds, said):
    assert duration(seconds) == said


def test_the_dose_table_has_only_the_rows_the_data_has(seed_book):
    bridges = next(e for e in seed_book.exercises if e.id == "bridges")
    assert dose_table(bridges.dose) == [
        ("Sets", "3"),
        ("Repetitions", "15"),
        ("Hold", "10–15 s"),
        ("Rest", "1 min between sets"),
    ]
    superman = next(e for e in seed_book.exercises if e.id == "superman")
    assert [label for label, _ in dose_table(superman.dose)] == ["Repetitions", "Hold"]
