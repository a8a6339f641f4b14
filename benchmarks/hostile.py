"""How long ``publish`` takes on hostile text: the cases that used to run for minutes.

Writes each case's data file to a temporary folder, runs its command a few times as a user
would (a fresh process each time, killed at the timeout) and prints the median wall time and
the exit status, next to the seed data's time for the same command as a baseline:

    title-5000        booklet  median  0.41 s  exit 1   (seed booklet: median 1.2 s)

A case may end in exit 1 (refused with a message) or 0 (made): what matters is that it ends
quickly. Exits 1 when any case is over the limit.

    python benchmarks/hostile.py [--runs N] [--timeout S] [--only NAME] [--keep DIR]
"""

from __future__ import annotations

import argparse
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
LIMIT_S = 10.0


def seed() -> dict:
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))


def title(length: int) -> dict:
    book = seed()
    book["title"] = ("Strength exercises for a long title " * (length // 30 + 1))[:length].strip()
    return book


def word_in_cue(length: int) -> dict:
    book = seed()
    book["exercises"][0]["cues"] = ["x" * length]
    return book


def long_step(length: int) -> dict:
    book = seed()
    book["exercises"][0]["steps"] = [("Lie on your back and breathe slowly. " * (length // 36 + 1))[:length]]
    return book


def word_in_step(length: int) -> dict:
    book = seed()
    book["exercises"][0]["steps"] = ["x" * length]
    return book


def long_tip(length: int) -> dict:
    book = seed()
    book["exercises"][0]["tips"] = [("Keep your neck relaxed and move slowly. " * (length // 40 + 1))[:length]]
    return book


def many(count: int, bad: bool) -> dict:
    book = seed()
    exercises = book["exercises"]
    book["exercises"] = [
        {**exercises[n % len(exercises)], "id": f"exercise-{n}", **({"dose": {"reps": "ten"}} if bad else {})}
        for n in range(count)
    ]
    return book


#: name → (data, command). The first six are the sizes that ran past 60 s before the fixes
#: (now refused at check); the last three are the longest text the limits let through.
CASES = {
    "title-5000": (lambda: title(5000), "booklet"),
    "cue-word-2000": (lambda: word_in_cue(2000), "chart"),
    "step-300k": (lambda: long_step(300_000), "booklet"),
    "tip-100k": (lambda: long_tip(100_000), "booklet"),
    "check-10000-bad": (lambda: many(10_000, bad=True), "check"),
    "chart-10000": (lambda: many(10_000, bad=False), "chart"),
    "cue-word-120": (lambda: word_in_cue(120), "chart"),
    "step-word-10000": (lambda: word_in_step(10_000), "booklet"),
    "step-10000": (lambda: long_step(10_000), "booklet"),
}


def run(command: str, data: Path, folder: Path, timeout: float) -> tuple[float, int | str]:
    args = [sys.executable, "-m", "publish", command, str(data)]
    if command != "check":
        args += ["-o", str(folder / f"out-{command}")]
    start = time.monotonic()
    try:
        result = subprocess.run(args, cwd=folder, capture_output=True, timeout=timeout, env={**os.environ, "PYTHONPATH": str(ROOT)})
    except subprocess.TimeoutExpired:
        return time.monotonic() - start, "killed"
    return time.monotonic() - start, result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run is killed")
    parser.add_argument("--only", help="run only this case")
    parser.add_argument("--keep", type=Path, help="write the case files here and keep them")
    args = parser.parse_args()
    slow = False
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        baselines: dict[str, float] = {}
        for name, (make, command) in CASES.items():
            if args.only and name != args.only:
                continue
            data = folder / f"{name}.yaml"
            data.write_text(yaml.safe_dump(make(), allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")
            if command not in baselines:
                baselines[command] = statistics.median(run(command, SEED, folder, args.timeout)[0] for _ in range(args.runs))
            times, statuses = [], set()
            for _ in range(args.runs):
                seconds, status = run(command, data, folder, args.timeout)
                times.append(seconds)
                statuses.add(status)
            median = statistics.median(times)
            slow = slow or median > LIMIT_S or "killed" in statuses
            shown = "/".join(str(s) for s in sorted(statuses, key=str))
            print(f"{name:<17} {command:<8} median {median:6.2f} s  exit {shown:<6} (seed {command}: median {baselines[command]:.2f} s)", flush=True)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
