"""`publish batch`: every programme in a folder, in parallel; one bad programme stops nothing.

Timing and memory of a 200-programme batch are measured by benchmarks/batch.py, not here.
"""

from __future__ import annotations

from pathlib import Path

from publish.batch import read_all
from tests.conftest import ROOT, SEED, run_publish

EXAMPLE = (ROOT / "data" / "programmes" / "example.yaml").read_text(encoding="utf-8")


def programme(folder: Path, file: str, patient: str, exercises: str = "[partial-curls, bridges]") -> Path:
    path = folder / file
    path.write_text(f"patient: {patient}\nlibrary: {SEED}\nexercises: {exercises}\n", encoding="utf-8")
    return path


def test_a_batch_builds_the_good_programmes_and_reports_the_bad_with_file_and_line(tmp_path):
    folder, out = tmp_path / "today", tmp_path / "out"
    folder.mkdir()
    programme(folder, "monday-alex.yaml", "Alex Morgan")
    programme(folder, "tuesday-alex.yaml", "ALEX  MORGAN")  # slugs the same as the first
    programme(folder, "kim.yaml", "Kim Lee", "[bridges, supermn]")
    programme(folder, "jo.yaml", "Jo Bloggs", "\n  - id: superman\n    dose: {reps: lots}")
    result = run_publish("batch", str(folder), "--out-dir", str(out), "--jobs", "2", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"alex-morgan-{day}-alex{suffix}" for day in ("monday", "tuesday") for suffix in ("-chart.pdf", "-booklet.pdf", ".epub")
    )
    assert result.stdout.startswith("2 programmes published: 6 files")
    errors = result.stderr.splitlines()
    assert "2 programmes failed:" in errors
    assert "today/jo.yaml:5: exercises[0].dose.reps: expected a whole number, got 'lots'" in errors
    assert "today/kim.yaml:3: exercises[1]: unknown exercise 'supermn'; did you mean 'superman'?" in errors


def test_a_batch_of_good_programmes_exits_zero_and_skips_a_library_in_the_folder(tmp_path):
    folder = tmp_path / "today"
    folder.mkdir()
    (folder / "library.yaml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "p.yaml").write_text("patient: Pat\nlibrary: library.yaml\nexercises: [bridges]\n", encoding="utf-8")
    result = run_publish("batch", str(folder), "--out-dir", str(tmp_path / "out"), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["pat-booklet.pdf", "pat-chart.pdf", "pat.epub"]


def test_libraries_are_read_once_per_batch(tmp_path):
    files = [programme(tmp_path, f"p{index}.yaml", f"Patient {index}") for index in range(6)]
    books, failures, skipped, libraries_read = read_all(files)
    assert (len(books), failures, skipped, libraries_read) == (6, [], [], 1)


def test_batch_refuses_a_folder_that_is_not_one(tmp_path):
    result = run_publish("batch", str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "not a folder of programmes" in result.stderr
    assert run_publish("batch", str(tmp_path), "--jobs", "0").returncode == 2


def test_sigterm_stops_a_batch_at_once_and_leaves_no_temporary_file(tmp_path):
    """A clinic that stops a long batch gets its prompt back: queued programmes are not run first."""
    import signal
    import subprocess
    import sys
    import time

    folder, out = tmp_path / "today", tmp_path / "out"
    folder.mkdir()
    for n in range(16):
        programme(folder, f"p{n:02}.yaml", f"Patient {n}", "[partial-curls, bridges, superman, cat-stretches]")
    env = {**__import__("os").environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "publish", "batch", str(folder), "--out-dir", str(out), "--jobs", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 300
    while not (out.is_dir() and any(out.glob("*.pdf"))) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in stderr
    written = list(out.iterdir())
    assert len(written) < 16 * 3, "the batch ran its whole queue before stopping"
    assert not [p for p in written if p.name.endswith(".tmp") or p.name.startswith(".")]
