"""How long ``publish check`` takes on a large data file, next to its start-up cost.

Writes a data file of 5,000 exercises (the seed's exercises repeated, each copy with its own
id) to a temporary folder, runs ``publish check`` on it and on the seed a few times each as
a user would (a fresh process every time) and prints the medians:

    check 5000 exercises: median 0.84 s (baseline seed: median 0.21 s)

Exits 1 when the large file's median is over the limit (2 s).

    python benchmarks/check.py [--exercises N] [--runs N]
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "lower-back-pain.yaml"
LIMIT_S = 2.0


def write_large(path: Path, count: int) -> None:
    """The seed with its exercises repeated until there are ``count``, ids made unique."""
    book = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    seed_exercises = book["exercises"]
    book["exercises"] = [
        {**exercise, "id": f"{exercise['id']}-{n // len(seed_exercises) + 1}"}
        for n, exercise in zip(range(count), itertools.cycle(seed_exercises))
    ]
    path.write_text(yaml.safe_dump(book, sort_keys=False, allow_unicode=True), encoding="utf-8")


def median_seconds(data: Path, runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "publish", "check", str(data)], env=env, capture_output=True, text=True
        )
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"publish check {data} failed:\n{result.stderr}")
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exercises", type=int, default=5000, help="exercises in the large file (default 5000)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        large = Path(folder) / "large.yaml"
        write_large(large, args.exercises)
        baseline = median_seconds(SEED, args.runs)
        checked = median_seconds(large, args.runs)
    print(f"check {args.exercises} exercises: median {checked:.2f} s (baseline seed: median {baseline:.2f} s)")
    if checked > LIMIT_S:
        print(f"slower than the {LIMIT_S:g} s limit", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
