"""The one exception family users see. The CLI prints these as messages, without tracebacks."""

from __future__ import annotations

from dataclasses import dataclass


class PublishError(Exception):
    """A problem the user can fix: bad data, an impossible layout, an unwritable path."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(PublishError):
    """The data could not be loaded; carries every problem found in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
