"""Large data sets for the benchmarks: the bundled exercises repeated with new names and poses.

Each copy of a seed exercise gets its own id and name ("Bridges 12") and a slightly different
pose (the neck turned by a fraction of a degree more in each copy, start and end alike), so no
two figures in a generated file are the same and a cache of identical figures cannot flatter
the result. Doses, steps and safety notes are the seed's own, unchanged.

    python benchmarks/generate.py 700 /tmp/700.yaml
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "lower-back-pain.yaml"

#: How far the neck turns between copies (degrees), and the span the turns cycle through, kept
#: well inside the neck's range (-45..45) from any seed pose.
POSE_STEP = 0.01
POSE_SPAN = 20.0


def exercises(count: int) -> list[dict]:
    """``count`` exercises: the seed's, cycled, each copy renamed and re-posed."""
    seed = yaml.safe_load(SEED.read_text(encoding="utf-8"))["exercises"]
    out = []
    for n, exercise in zip(range(count), itertools.cycle(seed)):
        copy = n // len(seed) + 1
        item = {**exercise, "id": f"{exercise['id']}-{copy}", "name": f"{exercise['name']} {copy}"}
        if "figure" in exercise:
            turn = round((n * POSE_STEP) % POSE_SPAN - POSE_SPAN / 2, 4)
            figure = dict(exercise["figure"])
            for end in ("start", "end"):
                pose = dict(figure[end])
                pose["neck"] = round(pose.get("neck", 0) + turn, 4)
                figure[end] = pose
            item["figure"] = figure
        out.append(item)
    return out


def write_data(path: Path, count: int) -> Path:
    """The seed file with ``count`` generated exercises, written to ``path``."""
    book = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    book["title"] = f"{count} Exercises"
    book["subtitle"] = f"The bundled exercises repeated with new names and poses ({count} in all)"
    book["exercises"] = exercises(count)
    path.write_text(yaml.safe_dump(book, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python benchmarks/generate.py COUNT FILE")
    print(write_data(Path(sys.argv[2]), int(sys.argv[1])))
