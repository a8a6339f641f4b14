"""Every bad input is reported, in file order, with its line, and nothing crashes.

Each folder under tests/cases/ is one case, named for what it tests: a ``data.yaml`` (missing,
a folder, or not UTF-8 where that is the point) and ``expected.txt``, the exact stderr of
``publish check data.yaml`` run inside the folder.
"""

from pathlib import Path

import pytest

from tests.conftest import run_publish

CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_check_reports_every_problem(case):
    folder = CASES / case
    result = run_publish("check", "data.yaml", cwd=folder)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr == (folder / "expected.txt").read_text(encoding="utf-8")


def test_there_are_enough_cases_to_mean_something():
    assert len([p for p in CASES.iterdir() if p.is_dir()]) >= 30
