"""Colours of an illustration, by role, and the visual language they make.

Every picture speaks the same language, printed once per product as a small key:

    body        solid near-black: the position to move into (or to hold)
    far side    light grey dotted with mid grey, in a thin solid edge: the arm or leg on the
                far side
    start pose  a dashed grey outline, filled with paper: where you start
    highlight   orange on the body, crossed by dark grey stripes: the muscles working
    arrow       a near-black line with a head, on the part that moves, along its path
    floor       a line with hatching below it; seen from above, the outline of the floor
                with its front edge hatched (no fill: a grey surface read as a bench, and in
                the far side's grey)

Grey and pattern are kept for the body: nothing that is not a body part (the floor, a mat, a
chair) is filled with a tone; it is drawn in lines only.

Each meaning is told apart from every other either by its grey level or by its mark (solid,
dotted, outline, stripes, arrowhead, hatching), so the pictures survive greyscale printing and
e-ink screens: see ``distinguishable`` and tests/test_figures.py.

Tone alone is not enough for a black-and-white printer, copier or fax, which keeps only
whether a point is darker than half of white (a 50 % threshold, ``THRESHOLD``): the orange
(grey 152) and the far side's light grey (203) both turn white there, each a white shape in a
thin dark edge, and a white limb in a thin edge looked like the start pose's outline. So both
carry a pattern in a dark grey that prints black (sized in millimetres on the page, see
publish/figures/hatch.py): the orange band stripes (``stripe``, grey 92), the far limbs dots
(``far_dot``, grey 110). In colour the band reads first as orange and the far limb as light
grey; in greyscale as a striped band and a dotted limb; thresholded or dithered as black and
white stripes, and as white dotted with black inside a solid edge, unlike the start pose's
dashed edge round plain white (tests/test_figure_stripes.py prints them so and looks).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FigureStyle:
    """How the roles in a scene are coloured (``floor`` also draws the chair and the edges of a
    floor seen from above)."""

    ink: str = "#1a1a1a"
    far: str = "#cbcbcb"
    far_edge: str = "#6e6e6e"  # a far limb's thin solid edge: it stays drawn in black and white
    far_dot: str = "#6e6e6e"  # the far limb's dots: dark enough (grey 110) to print black
    start: str = "#6e6e6e"
    accent: str = "#ff7d14"  # light enough (grey 152) to stay white, not black, at a 50 % threshold
    # The stripes across the accent: dark (grey 92), so black at a threshold, and the floor's
    # grey, not a dark orange: the PNG renderer's palette holds seven distinct colours at most.
    stripe: str = "#5c5c5c"
    arrow: str = "#1a1a1a"
    floor: str = "#5c5c5c"
    paper: str = "#ffffff"

    def colour(self, role: str) -> str:
        return getattr(self, role)


DEFAULT = FigureStyle()

#: The meanings a reader must tell apart, with the role that draws each and its mark: how it
#: is drawn besides its tone. Two meanings with the same mark must differ in grey level.
MEANINGS: dict[str, tuple[str, str]] = {
    "body": ("ink", "solid"),
    "far side": ("far", "dotted"),
    "start pose": ("start", "dashed outline"),
    "highlight": ("accent", "striped"),
    "arrow": ("arrow", "arrowhead"),
    "floor": ("floor", "hatched"),
}

#: Grey levels of a 16-level e-ink screen, and how many of them two tones must lie apart.
#: Three levels (51 of 255): panels and their drivers land a tone up to a level either way
#: (dithering, ghosting, a dim front light), so three levels apart still leaves one level
#: between the two tones in the worst case; an office laser printer's halftone is coarser
#: than that, and three levels is also about the step people name reliably as "lighter".
GREY_LEVELS = 16
LEVELS_APART = 3
MIN_GREY_DIFFERENCE = LEVELS_APART * 255 / (GREY_LEVELS - 1)

#: What a black-and-white printer, copier or fax keeps: a point darker than this prints black.
THRESHOLD = 128


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def grey(colour: str) -> float:
    """Luminance 0-255 as greyscale conversion computes it (ITU-R BT.601, as Pillow's "L"
    mode and most e-readers do)."""
    r, g, b = rgb(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b


def distinguishable(style: FigureStyle, a: str, b: str) -> bool:
    """Whether meanings ``a`` and ``b`` can be told apart in greyscale: different marks, or
    tones at least MIN_GREY_DIFFERENCE apart (and every tone that far from the paper)."""
    (role_a, mark_a), (role_b, mark_b) = MEANINGS[a], MEANINGS[b]
    if mark_a != mark_b:
        return True
    return abs(grey(style.colour(role_a)) - grey(style.colour(role_b))) >= MIN_GREY_DIFFERENCE


#: The role each patterned meaning's marks are drawn in: a pattern survives a threshold only
#: if its marks print black on a ground that prints white.
PATTERN = {"striped": "stripe", "dotted": "far_dot"}


def thresholded(style: FigureStyle, meaning: str) -> tuple[str, str]:
    """What a meaning becomes on a black-and-white printer (a 50 % ``THRESHOLD``): its mark,
    and its ground as "black" or "white" (a pattern: "white" under black marks, else "lost")."""
    role, mark = MEANINGS[meaning]

    def prints(colour: str) -> str:
        return "black" if grey(colour) < THRESHOLD else "white"

    ground = prints(style.colour(role))
    if mark in PATTERN and not (ground == "white" and prints(style.colour(PATTERN[mark])) == "black"):
        ground = "lost"
    return mark, ground
