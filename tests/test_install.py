"""What `pip install .` ships: every package of the source tree, and a `publish` that works from it.

The other tests run the source tree itself (PYTHONPATH), so a package missing from
pyproject's list would pass them all and still break the README's first command.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_every_package_in_the_source_tree_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    in_tree = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("publish", "layouts")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert in_tree - listed == set()


def test_the_installed_command_makes_every_product(tmp_path):
    """Run the installed `publish` from elsewhere, with no source tree on the path (CI installs non-editable)."""
    command = Path(sys.executable).parent / "publish"
    if not command.exists():
        pytest.skip("publish is not installed in this environment")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([str(command), "all", "--out-dir", str(tmp_path)], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "lower-back-pain-booklet.pdf", "lower-back-pain-chart.pdf", "lower-back-pain.epub"]
