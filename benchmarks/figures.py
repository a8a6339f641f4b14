"""Time rendering all the seed figures to PDF (a reportlab Drawing), SVG and PNG.

    python benchmarks/figures.py [DATA] [--runs 7]

Reports the median of several runs and, as a baseline measured in the same run, the time to
compute the geometry alone. Each run starts from cold caches, as `publish figures` does.
The aim (issue 3): all seven figures in all three formats in under one second.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from publish.figures import alt_text, drawing, png, svg  # noqa: E402
from publish.figures.output import PNG_WIDTH  # noqa: E402
from publish.figures.scene import scene  # noqa: E402
from publish.load import load_book  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data" / "lower-back-pain.yaml"


def geometry_only(exercises) -> None:
    for exercise in exercises:
        scene(exercise.figure)


def all_renderings(exercises) -> None:
    from reportlab.graphics import renderPDF

    for exercise in exercises:
        renderPDF.drawToString(drawing(exercise.figure, 400, 200))
        svg(exercise.figure, alt_text(exercise))
        png(exercise.figure, PNG_WIDTH)


def timed(work, exercises, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        scene.cache_clear()
        began = time.perf_counter()
        work(exercises)
        times.append(time.perf_counter() - began)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DATA)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    exercises = [e for e in load_book(args.data).exercises if e.figure is not None]
    all_renderings(exercises)  # warm up imports
    base = statistics.median(timed(geometry_only, exercises, args.runs))
    full = statistics.median(timed(all_renderings, exercises, args.runs))
    print(f"{len(exercises)} figures, median of {args.runs} runs")
    print(f"  geometry only            {base * 1000:7.1f} ms")
    print(f"  PDF + SVG + PNG ({PNG_WIDTH} px) {full * 1000:7.1f} ms  ({full / base:.1f}x the geometry)")
    print(f"  budget 1000 ms: {'met' if full < 1.0 else 'NOT met'}")


if __name__ == "__main__":
    main()
