"""Output names from patients' names: safe on every file system, readable, and distinct.

``Zoë O'Brien-Smith`` becomes ``zoe-o-brien-smith``: accents dropped, letters lower-cased,
every run of anything else (spaces, slashes, dots, quotes) one hyphen. Letters without an
ASCII spelling (Cyrillic, Greek) are kept, since file systems take them; a name with no
letter or digit at all slugs to nothing, and the programme reader refuses it.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePath

#: Short enough that ``<slug>-booklet.pdf`` stays well inside any file system's name limit.
MAX_SLUG = 60

#: Latin letters that Unicode does not decompose into a base letter and an accent.
_SPELLED = {"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}


def slug(text: str, limit: int = MAX_SLUG) -> str:
    """``text`` as a lower-case, hyphenated file-name stem; empty when it holds no letter or digit."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(_SPELLED.get(c, c) for c in decomposed if not unicodedata.combining(c))
    words, word = [], []
    for char in letters:
        if char.isalnum():
            word.append(char)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    out = "-".join(words)
    if len(out) > limit:
        cut = out[:limit]
        out = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return out


def distinct(names: dict[str, str]) -> dict[str, str]:
    """Give every key a name no other key has, keeping each name where it is already unique.

    ``names`` maps a key (a programme's file path) to its wanted name; keys whose names
    clash all take their file name's slug as a suffix (``alex-morgan-monday`` for
    ``monday.yaml``), so which patient gets which file never depends on the order the files
    were read in.
    """
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    out: dict[str, str] = {}
    taken: set[str] = {name for name in names.values() if counts[name] == 1}
    for key in sorted(names):
        name = names[key]
        if counts[name] > 1:
            own = slug(PurePath(key).stem, 30) or "programme"
            candidate = f"{name}-{own}"
            number = 2
            while candidate in taken:
                candidate = f"{name}-{own}-{number}"
                number += 1
            name = candidate
        taken.add(name)
        out[key] = name
    return out
