"""Shared fixtures: the bundled data set and a way to run the ``publish`` command in-process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "lower-back-pain.yaml"


@pytest.fixture(scope="session")
def seed_book():
    from publish.load import load_book

    return load_book(SEED)


def run_publish(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m publish ARGS`` as a user would, capturing its output."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "publish", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
    )


def require_tool(name: str) -> str:
    """The path of a command-line tool the test needs; skip locally, fail in CI, if missing."""
    import shutil

    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not installed; .ci/run should install it")
        pytest.skip(f"{name} is not installed")
    return path


#: Names and doses of a typical prescribed programme: shorter than the seed article's.
TYPICAL = [
    ("Heel Slides", {"sets": 2, "reps": 10}), ("Clamshells", {"reps": 10, "each_side": True}),
    ("Wall Sits", {"reps": 5, "hold_s": 10}), ("Pelvic Tilts", {"sets": 2, "reps": 10}),
    ("Bird Dog", {"reps": 8, "each_side": True}), ("Knee Hugs", {"reps": 5, "hold_s": 20}),
    ("Side Plank", {"reps": 3, "hold_s": 15}), ("Calf Raises", {"sets": 3, "reps": 12}),
]


def write_dataset(folder: Path, count: int, name: str = "many", lean: bool = False) -> Path:
    """A data file of ``count`` exercises, cycling through the seed's (ids made unique).

    The seed's exercises are wordy (names of up to five words, doses of four phrases, two
    safety notes for the Superman), a hard test of fitting and page flow. ``lean`` makes a
    typical prescribed programme instead: short names and doses, two cues and at most one
    safety note per exercise, keeping the seed's steps and figures.
    """
    import yaml

    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    exercises = []
    for index in range(count):
        exercise = dict(seed["exercises"][index % len(seed["exercises"])])
        exercise["id"] = f"{exercise['id']}-{index + 1}"
        if lean:
            typical_name, typical_dose = TYPICAL[index % len(TYPICAL)]
            exercise["name"], exercise["dose"] = typical_name, typical_dose
            exercise["cues"] = exercise["cues"][:2]
            exercise["safety"] = exercise.get("safety", [])[:1]
        exercises.append(exercise)
    seed["exercises"] = exercises
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(seed, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


TRICKY_TEXT = {
    "title": 'Back & Core <Programme> for "Zoë"',
    "name": "Curl <gentle> & slow — “Zoë’s” Übung",
    "step": "Keep x<y and y>z; breathe & relax — café crème, Ωμέγα, Жук {2 in}.",
    "safety": "Stop if pain > 5/10 & tell your <physio>.",
}


def write_tricky_dataset(folder: Path) -> Path:
    """A small data file whose text is full of markup characters, accents, Greek and Cyrillic."""
    import yaml

    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    first = dict(seed["exercises"][0])
    first["name"] = TRICKY_TEXT["name"]
    first["steps"] = [TRICKY_TEXT["step"], *first["steps"][1:]]
    first["safety"] = [TRICKY_TEXT["safety"]]
    first["cues"] = ["Ωμέγα & Жук <now>", "“Quoted” cue"]
    seed["title"] = TRICKY_TEXT["title"]
    seed["exercises"] = [first, *seed["exercises"][1:3]]
    path = folder / "tricky.yaml"
    path.write_text(yaml.safe_dump(seed, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
