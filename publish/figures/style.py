"""Colours and line weight of an illustration, by role."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FigureStyle:
    """How the roles in a scene are coloured.

    The defaults hold up in greyscale and on e-ink: near-black ink, a far side and a ghost
    that are clearly lighter, and an orange accent whose grey (about 45 % black) sits between
    the ink and the far tone, so a highlighted belly still reads inside a dark body.
    ``line_width`` scales the arrows and props, as a fraction of body height.
    """

    ink: str = "#1a1a1a"
    far: str = "#8a8a8a"
    ghost: str = "#cfcfcf"
    accent: str = "#e8590c"
    prop: str = "#4d4d4d"
    paper: str = "#ffffff"
    line_width: float = 0.018

    def colour(self, role: str) -> str:
        return getattr(self, role)

    @property
    def scale(self) -> float:
        """How much thicker than the default the arrows and props are drawn."""
        return self.line_width / 0.018


DEFAULT = FigureStyle()


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
