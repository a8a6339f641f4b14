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
