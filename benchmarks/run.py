"""The benchmark: every command timed as a user runs it, against baselines measured in the same run.

    python benchmarks/run.py            # 7, 70 and 700 exercises, a warm-up and 5 timed runs each
    python benchmarks/run.py --quick    # 7 and 70 exercises, 3 runs: a minute or two, to try it
    python benchmarks/run.py --huge     # also 10,000 exercises, booklet and EPUB, one run each

Data: ``benchmarks/generate.py`` repeats the bundled exercises with new names and slightly
different poses (no two figures alike, so no cache of identical figures flatters the result);
for ``publish batch`` (when the installed ``publish`` has it) 50 programmes over the bundled
library.

Each command runs as a fresh process (``python -m publish ...``), once to warm the disk cache
and then ``--runs`` times; the table gives the median, min and max wall time, the median CPU
time (user + system, with any worker processes; on a loaded machine it varies far less than
wall time) and the peak resident memory, all as ``os.wait4`` reports them for the process. Two baselines run in the same session: ``python -c pass`` (the interpreter's
start-up, the floor for ``--help``) and ``benchmarks/baseline.py``, plain reportlab platypus
making a comparable page per exercise, with a picture drawn through reportlab.graphics and,
as a second floor, with text alone (``--text-only``). Each booklet time is also given as a
ratio to both, and the booklet's and EPUB's growth as time(700) / time(70).

The machine may be shared and noisy: compare ratios within one run, not absolute seconds
between runs. Results go to ``benchmarks/results/latest.json`` and ``latest.md`` (``--out`` to
change the folder). Uses only the standard library and what the package itself installs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import SEED, write_data  # noqa: E402

#: When a command is left unfinished (seconds); a timed-out command is reported, not fatal.
TIMEOUT = 1800
PROGRAMMES = 50


@dataclass
class Measure:
    """One command's runs: wall seconds of each timed run and the largest peak RSS (MiB)."""

    name: str
    command: list[str]
    runs: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds of each timed run
    peak_mib: float = 0.0
    error: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None

    def summary(self) -> dict:
        out = {"name": self.name, "command": " ".join(self.command), "runs": [round(r, 4) for r in self.runs],
               "peak_mib": round(self.peak_mib, 1), "error": self.error}
        if self.runs:
            out.update(median=round(self.median, 4), min=round(min(self.runs), 4), max=round(max(self.runs), 4),
                       cpu_median=round(statistics.median(self.cpu), 4))
        return out


def run_once(command: list[str], cwd: Path) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds (user + system), peak RSS in MiB, exit status and the end of
    stderr, of one whole process (with its children, for ``batch``'s workers' CPU)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1764028800"}
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        deadline = start + TIMEOUT
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:  # the whole group: batch's workers too
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace")[-600:]
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, process.returncode, tail


def measure(name: str, command: list[str], cwd: Path, runs: int, warm_up: bool = True, ok=(0,)) -> Measure:
    result = Measure(name, command)
    for number in range(runs + (1 if warm_up else 0)):
        wall, cpu, peak, status, tail = run_once(command, cwd)
        if status not in ok:
            result.error = f"exit status {status}: {tail.strip().splitlines()[-1] if tail.strip() else ''}"
            break
        if warm_up and number == 0:
            continue
        result.runs.append(wall)
        result.cpu.append(cpu)
        result.peak_mib = max(result.peak_mib, peak)
    shown = f"median {result.median:.3f} s, min {min(result.runs):.3f}, max {max(result.runs):.3f}, " \
            f"CPU {statistics.median(result.cpu):.3f} s, peak {result.peak_mib:.0f} MiB" if result.runs else f"FAILED ({result.error})"
    print(f"  {name:<28} {shown}", flush=True)
    return result


def has_batch(cwd: Path) -> bool:
    """Whether this ``publish`` has the batch command (it arrived after this benchmark)."""
    return run_once([sys.executable, "-m", "publish", "batch", "--help"], cwd)[3] == 0


def write_programmes(folder: Path, count: int) -> Path:
    """``count`` patients' programmes, each picking 5 to 7 of the bundled exercises, some doses changed."""
    import yaml

    library = folder / "library.yaml"
    library.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    ids = [exercise["id"] for exercise in yaml.safe_load(SEED.read_text(encoding="utf-8"))["exercises"]]
    rng = random.Random(12)
    programmes = folder / "programmes"
    programmes.mkdir()
    for index in range(count):
        lines = []
        for ident in rng.sample(ids, rng.randint(5, min(7, len(ids)))):
            if rng.random() < 0.3:
                lines.append(f"  - id: {ident}\n    dose: {{reps: {rng.randint(5, 15)}, sets: {rng.randint(1, 3)}}}\n")
            else:
                lines.append(f"  - {ident}\n")
        (programmes / f"patient-{index:03d}.yaml").write_text(
            f"patient: Patient {index + 1}\nclinician: Sam Patel, physiotherapist\ndate: 2026-11-25\n"
            f"library: [../library.yaml]\nfrequency: once a day\nexercises:\n{''.join(lines)}",
            encoding="utf-8",
        )
    return programmes


def ratio(a: Measure | None, b: Measure | None) -> float | None:
    if a is None or b is None or a.median is None or b.median is None or b.median == 0:
        return None
    return a.median / b.median


def markdown(results: dict) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"{results['when']} on {results['machine']}, Python {results['python']}; "
        f"{results['runs']} timed runs after a warm-up (sizes: {', '.join(map(str, results['sizes']))})"
        + ("." if results["finished"] else "; cut short: the commands below are those that finished."),
        "",
        "Whole processes, wall time. The machine may be shared: compare the ratios (measured in the",
        "same run) rather than absolute seconds between runs.",
        "",
        "| command | median s | min s | max s | CPU s (median) | peak MiB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for item in results["measures"]:
        if "median" in item:
            lines.append(f"| {item['name']} | {item['median']:.3f} | {item['min']:.3f} | {item['max']:.3f} | "
                         f"{item['cpu_median']:.3f} | {item['peak_mib']:.0f} |")
        else:
            lines.append(f"| {item['name']} | failed: {item['error']} | | | | |")
    lines += ["", "| ratio | value |", "|---|---:|"]
    for name, value in results["ratios"].items():
        lines.append(f"| {name} | {'—' if value is None else f'{value:.2f}'} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="7 and 70 exercises, 3 runs, no batch")
    parser.add_argument("--huge", action="store_true", help="also 10,000 exercises (booklet and EPUB, run once)")
    parser.add_argument("--runs", type=int, help="timed runs per command (default 5; 3 with --quick)")
    parser.add_argument("--sizes", help="exercise counts, comma-separated (default 7,70,700; 7,70 with --quick)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results", help="where to write the results")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 5)
    sizes = [int(n) for n in args.sizes.split(",")] if args.sizes else [7, 70] if args.quick else [7, 70, 700]
    python = sys.executable
    publish = [python, "-m", "publish"]
    measures: dict[str, Measure] = {}

    stem = "quick" if args.quick else "latest"

    def add(name, command, cwd, **kw):
        measures[name] = measure(name, command, cwd, kw.pop("runs", runs), **kw)
        save(args.out, stem, results(measures, runs, sizes, args.huge, finished=False))  # a cut-short run keeps its results

    with tempfile.TemporaryDirectory(prefix="publish-bench-") as scratch:
        folder = Path(scratch)
        print(f"data and output in {folder}; {runs} timed runs after one warm-up", flush=True)
        data = {n: write_data(folder / f"exercises-{n}.yaml", n) for n in sizes}
        sixteen = write_data(folder / "exercises-16.yaml", 16)
        out = folder / "out"
        out.mkdir()

        batched = args.quick  # no batch in a quick run

        def batch():
            if has_batch(folder):
                print(f"batch of {PROGRAMMES} programmes", flush=True)
                programmes = write_programmes(folder, PROGRAMMES)
                add(f"batch {PROGRAMMES} programmes", [*publish, "batch", str(programmes), "--out-dir", str(out / "batch")], folder)
            else:
                print("batch: this publish has no batch command; skipped", flush=True)

        print("start-up", flush=True)
        add("python -c pass (floor)", [python, "-c", "pass"], folder)
        add("publish --help", [*publish, "--help"], folder)
        add(f"check {sizes[-1]}", [*publish, "check", str(data[sizes[-1]])], folder)
        print("chart", flush=True)
        add("chart 7 (bundled)", [*publish, "chart", "-o", str(out / "chart.pdf")], folder)
        add("chart 16 (A2)", [*publish, "chart", str(sixteen), "--page-size", "A2", "-o", str(out / "chart16.pdf")], folder)
        add("all 7 (bundled)", [*publish, "all", "--out-dir", str(out / "all")], folder)
        for n in sorted(sizes):
            if n >= 700 and not batched:  # the batch before the long sizes, so a cut-short run has it
                batch()
                batched = True
            print(f"{n} exercises", flush=True)
            add(f"baseline platypus {n}", [python, str(ROOT / "benchmarks" / "baseline.py"), str(data[n]), str(out / f"base{n}.pdf")], folder)
            add(f"baseline platypus text only {n}", [python, str(ROOT / "benchmarks" / "baseline.py"), str(data[n]), str(out / f"text{n}.pdf"), "--text-only"], folder)
            add(f"booklet {n}", [*publish, "booklet", str(data[n]), "-o", str(out / f"b{n}.pdf")], folder)
            add(f"epub {n}", [*publish, "epub", str(data[n]), "-o", str(out / f"e{n}.epub")], folder)
            if n > 7:  # (7: the bundled data's, above) the chart declines this many: exit 1, booklet and EPUB made
                add(f"all {n} (no chart: too many)", [*publish, "all", str(data[n]), "--out-dir", str(out / f"all{n}")], folder, ok=(0, 1))
        if not batched:
            batch()
        if args.huge:
            print("10,000 exercises, one run each", flush=True)
            huge = write_data(folder / "exercises-10000.yaml", 10000)
            add("baseline platypus 10000", [python, str(ROOT / "benchmarks" / "baseline.py"), str(huge), str(out / "base-huge.pdf")], folder, runs=1, warm_up=False)
            add("booklet 10000", [*publish, "booklet", str(huge), "-o", str(out / "b-huge.pdf")], folder, runs=1, warm_up=False)
            add("epub 10000", [*publish, "epub", str(huge), "-o", str(out / "e-huge.epub")], folder, runs=1, warm_up=False)

    final = results(measures, runs, sizes, args.huge, finished=True)
    print()
    for name, value in final["ratios"].items():
        print(f"  {name:<44} {'—' if value is None else f'{value:.2f}'}")
    save(args.out, stem, final)
    print(f"\nwrote {args.out / f'{stem}.json'} and {args.out / f'{stem}.md'}")
    return 1 if any(m.error for m in measures.values()) else 0


def results(measures: dict[str, Measure], runs: int, sizes: list[int], huge: bool, finished: bool) -> dict:
    """The results so far, with the ratios that can be worked out from them."""
    ratios: dict[str, float | None] = {}
    for n in sizes + ([10000] if huge else []):
        ratios[f"booklet {n} / baseline platypus {n}"] = ratio(measures.get(f"booklet {n}"), measures.get(f"baseline platypus {n}"))
        ratios[f"booklet {n} / baseline platypus text only {n}"] = ratio(measures.get(f"booklet {n}"), measures.get(f"baseline platypus text only {n}"))
    if 700 in sizes:
        for product in ("booklet", "epub", "baseline platypus"):
            ratios[f"{product}: time(700) / time(70)"] = ratio(measures.get(f"{product} 700"), measures.get(f"{product} 70"))
    ratios["publish --help / python -c pass"] = ratio(measures.get("publish --help"), measures.get("python -c pass (floor)"))

    return {
        "finished": finished,
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end",
        "python": platform.python_version(),
        "runs": runs,
        "sizes": sizes,
        "measures": [m.summary() for m in measures.values()],
        "ratios": {k: (None if v is None else round(v, 3)) for k, v in ratios.items()},
    }


def save(folder: Path, stem: str, results: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (folder / f"{stem}.md").write_text(markdown(results), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
