"""A clinic's day: 200 generated programmes, 3 of them broken, through `publish batch`.

    python benchmarks/batch.py [--programmes 200] [--jobs N] [--runs 1] [--keep DIR]

Each programme picks 5 to 8 exercises (the seed library has 7; an 8-exercise programme
repeats none, so those take all 7 plus a second library's copy) with some doses overridden;
three are broken on purpose (an unknown exercise, a bad dose override, a patient name of
punctuation only). The whole `publish batch` command runs as a child process, so the wall
time includes start-up, reading, the pool and every file written. Peak memory is the
largest resident set of any one process (the batch's parent, or any of its workers), read
from the kernel with wait4/getrusage; an upper bound for the whole tree is the parent's
plus ``jobs`` times the largest worker's.

Checks, and exits 1 unless: (programmes - 3) × 3 files written, exactly 3 failures
reported, each with file:line.

The baseline, measured in the same command, is one programme's `publish all`: the batch's
time per programme should come close to that divided by the worker count.

Measured 2026-11-26 on the idle 2-core machine (load average 1.6 at the end), one run:

    200 programmes × 3 products, 2 worker processes: 591 files, the 3 failures with file:line
    wall 44.4 s (222 ms per programme); CPU of the whole process tree 87 s (437 ms per programme)
    baseline, one programme's `publish all`: 1.49 s wall, 1.48 s CPU
    peak RSS: batch parent 96 MiB, largest single process 96 MiB, tree at most 287 MiB

(Before the font runs were cached per process, the same command gave 56.9 s wall, 112 s CPU.)
Per programme the booklet is about half the cost, the chart's fitting most of the rest.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "lower-back-pain.yaml"
IDS = ["partial-curls", "superman", "lying-lateral-leg-raises", "drawing-in-maneuver", "bridges",
       "seated-rotational-stretch", "cat-stretches"]
FIRST = ["Alex", "Sam", "Kim", "Jo", "Zoë", "Renée", "Oluwaseun", "Siobhán", "Mei", "Dara", "José", "Łukasz"]
LAST = ["Morgan", "Patel", "O'Brien", "Nguyen", "Smith-Jones", "García", "Müller", "Okafor", "Kowalski", "Lee"]
BROKEN = {
    7: ("exercises", "  - supermann\n"),
    70: ("dose", "  - id: bridges\n    dose: {reps: ten, sets: 2}\n"),
    140: ("patient", None),
}


def second_library(folder: Path) -> Path:
    """The seed again with ids suffixed, so an 8-exercise programme has 8 distinct exercises."""
    text = SEED.read_text(encoding="utf-8")
    for ident in IDS:
        text = text.replace(f"id: {ident}\n", f"id: {ident}-b\n")
    path = folder / "more.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def generate(folder: Path, count: int, rng: random.Random) -> None:
    library = folder / "library"
    library.mkdir()
    (library / "back.yaml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    second_library(library)
    programmes = folder / "programmes"
    programmes.mkdir()
    for index in range(count):
        size = rng.randint(5, 8)
        chosen = rng.sample(IDS, min(size, 7)) + ([rng.choice(IDS) + "-b"] if size == 8 else [])
        lines = []
        for ident in chosen:
            if rng.random() < 0.3:
                lines.append(f"  - id: {ident}\n    dose: {{reps: {rng.randint(5, 15)}, sets: {rng.randint(1, 3)}}}\n")
            else:
                lines.append(f"  - {ident}\n")
        patient = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        broken = BROKEN.get(index)
        if broken and broken[0] == "patient":
            patient = '"?! ..."'
        elif broken:
            lines.append(broken[1])
        (programmes / f"p{index:03d}.yaml").write_text(
            f"patient: {patient}\nclinician: Sam Patel, physiotherapist\ndate: 2026-11-25\n"
            f"library: [../library/back.yaml, ../library/more.yaml]\nfrequency: once a day, 5 days a week\n"
            f"review: in 3 weeks\nexercises:\n{''.join(lines)}",
            encoding="utf-8",
        )


def run(command: list[str], cwd: Path) -> tuple[float, float, int, int, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds of the whole process tree, the process's own peak RSS (KiB)
    and the largest descendant's peak RSS (KiB).

    CPU time says what the work costs when the machine is shared; wall time what it takes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1764028800"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        children = after.ru_maxrss  # the largest of all waited-for descendants, workers included
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(command, os.waitstatus_to_exitcode(status), out.read().decode(), err.read().decode())
    return wall, cpu, usage.ru_maxrss, children, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--programmes", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=None, help="default: one per core")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    jobs = args.jobs or len(os.sched_getaffinity(0))

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        generate(folder, args.programmes, random.Random(11))
        python = sys.executable

        walls, cpus = [], []
        broken = len([index for index in BROKEN if index < args.programmes])
        for number in range(args.runs):
            out = folder / f"out{number}"
            wall, cpu, parent_kib, largest_kib, result = run(
                [python, "-m", "publish", "batch", "programmes", "--out-dir", str(out), "--jobs", str(jobs)], folder
            )
            walls.append(wall)
            cpus.append(cpu)
            written = len(list(out.iterdir()))
            failures = [line for line in result.stderr.splitlines() if re.match(r"programmes/p\d{3}\.yaml:\d+: ", line)]
            expected = (args.programmes - broken) * 3
            print(f"run {number + 1}: {wall:.1f} s wall, {written} files (expected {expected}), "
                  f"{len(failures)} failures reported (expected {broken}), exit status {result.returncode}")
            for line in failures:
                print(f"    {line}")
            if written != expected or len(failures) != broken or result.returncode != (1 if broken else 0):
                print(result.stdout, result.stderr, file=sys.stderr)
                return 1

        # the baseline after the batch, so the batch's peak memory above is the batch's alone
        one = folder / "programmes" / "p000.yaml"
        base_wall, base_cpu, _, _, base = run([python, "-m", "publish", "all", str(one), "--out-dir", str(folder / "one")], folder)
        if base.returncode != 0:
            print(base.stderr, file=sys.stderr)
            return 1

    median = statistics.median(walls)
    print(f"\n{args.programmes} programmes × 3 products, {jobs} worker processes on {os.cpu_count()} cores")
    print(f"batch wall time: median {median:.1f} s over {len(walls)} run(s) = {median / args.programmes * 1000:.0f} ms per programme")
    print(f"batch CPU time, all processes: median {statistics.median(cpus):.0f} s = "
          f"{statistics.median(cpus) / args.programmes * 1000:.0f} ms per programme; load average at the end {os.getloadavg()[0]:.1f}")
    print(f"baseline, one programme's `publish all` in the same command: {base_wall:.2f} s wall, {base_cpu:.2f} s CPU")
    print(f"peak RSS: batch parent {parent_kib / 1024:.0f} MiB; largest single process {largest_kib / 1024:.0f} MiB; "
          f"whole tree at most {(parent_kib + jobs * largest_kib) / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
