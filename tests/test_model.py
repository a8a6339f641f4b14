"""The model stands alone: other tools can import it without the loader, units or renderers."""

import ast
from pathlib import Path

import publish.model

MODEL = Path(publish.model.__file__)


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
    return names


def test_model_imports_nothing_of_ours():
    ours = {name for name in imported_modules(MODEL) if name.split(".")[0] in ("publish", "layouts")}
    assert ours == set()


def test_text_reads_back_as_written():
    from publish.model import Length, Text

    assert Text(("Lift about ", Length(2.0, "in"), " off the floor")).plain == "Lift about 2 in off the floor"
    assert Length(1.5, "cm").written == "1.5 cm"
