"""The bundled data set is the article, transcribed faithfully."""

import json

from publish.model import Dose, Length, Range
from tests.conftest import run_publish

ARTICLE_DOSES = {
    "Partial Curls": Dose(sets=3, reps=10, hold_s=Range(5, 5)),
    "Superman": Dose(reps=10, hold_s=Range(2, 2)),
    "Lying Lateral Leg Raises": Dose(sets=3, reps=10, hold_s=Range(2, 2), each_side=True),
    "Drawing-In Maneuver": Dose(reps=5, hold_s=Range(5, 5)),
    "Bridges": Dose(sets=3, reps=15, hold_s=Range(10, 15), rest_s=60),
    "Seated Lower Back Rotational Stretches": Dose(reps=5, hold_s=Range(10, 10), each_side=True),
    "Cat Stretches": Dose(sets=2, reps=5),
}


def test_all_seven_exercises_in_the_articles_order_with_its_doses(seed_book):
    assert {e.name: e.dose for e in seed_book.exercises} == ARTICLE_DOSES
    assert [e.name for e in seed_book.exercises] == list(ARTICLE_DOSES)


def test_every_exercise_has_steps_benefits_and_cues(seed_book):
    for exercise in seed_book.exercises:
        assert exercise.steps and exercise.benefits, exercise.id
        assert 2 <= len(exercise.cues) <= 3, exercise.id


def test_measurements_in_steps_keep_their_units(seed_book):
    lengths = {
        e.id: [p for step in e.steps for p in step.parts if isinstance(p, Length)] for e in seed_book.exercises
    }
    assert lengths["partial-curls"] == [Length(2, "in")]
    assert lengths["superman"] == [Length(6, "in")]
    assert lengths["lying-lateral-leg-raises"] == [Length(18, "in")]


def test_the_source_is_attributed(seed_book):
    assert seed_book.source.author == "Nancy Lang"
    assert seed_book.source.updated.isoformat() == "2024-04-13"
    assert any("worse" in note for note in seed_book.safety)


def test_list_json_exports_the_articles_doses():
    result = run_publish("list", "--json")
    assert result.returncode == 0, result.stderr
    exported = {e["name"]: e["dose"] for e in json.loads(result.stdout)["exercises"]}
    assert exported["Superman"] == {
        "reps": 10, "sets": None, "hold_s": 2, "rest_s": None, "each_side": False, "text": "10 reps · hold 2 s",
    }
    assert exported["Bridges"]["hold_s"] == [10, 15]
    assert exported["Bridges"]["rest_s"] == 60
    assert len(exported) == 7


def test_check_summarises_in_one_line():
    result = run_publish("check")
    assert (result.returncode, result.stdout) == (0, "7 exercises, no problems\n")


def test_list_prints_a_table_of_names_and_doses():
    result = run_publish("list")
    assert result.returncode == 0
    assert "Bridges" in result.stdout and "3 sets × 15 reps · hold 10–15 s" in result.stdout


def test_wrong_usage_exits_2():
    assert run_publish("no-such-command").returncode == 2


def test_the_installed_command_works_from_any_folder(tmp_path):
    """`pip install .` ships the bundled data in the wheel: `publish check` runs anywhere."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).parent / "publish"
    if not script.exists():
        script = shutil.which("publish")
    if script is None:
        import pytest

        pytest.skip("the publish command is not installed in this environment")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([str(script), "check"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "7 exercises, no problems\n"), result.stderr


def test_publish_all_makes_every_product_with_default_options(tmp_path):
    result = run_publish("all", "--out-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["lower-back-pain-booklet.pdf", "lower-back-pain-chart.pdf", "lower-back-pain.epub"]
    assert sorted(line.rsplit("/", 1)[-1] for line in result.stdout.split()) == names
