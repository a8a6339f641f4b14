"""What text in a data file may hold, decided once for every product.

The products carry text in three forms that refuse different things: XML (the EPUB) forbids
most control characters and the noncharacters U+FFFE/U+FFFF; reportlab silently prints
nothing for a character its font lacks; a terminal obeys escape sequences in what ``publish
list`` prints. Rather than each product failing late, without a line number, the loader
refuses here what any of them cannot carry, naming the field and the characters:

- control characters other than a line break or a tab (``"\\0"``, ``"\\x1b[2J"``, ``"\\v"``);
- noncharacters, surrogates, private-use and unassigned code points;
- text made only of invisible characters (zero-width spaces and joiners, word joiners,
  byte-order marks, soft hyphens): it would print a blank title or step;
- characters neither bundled font can draw (Chinese, Arabic, emoji, …).

Zero-width and format characters *inside* visible text (a soft hyphen in a long word, a
zero-width joiner) are kept: they print as intended.
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Categories that draw nothing on their own.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Zs", "Cc"})


def _name(c: str) -> str:
    return f"U+{ord(c):04X}"


def _listed(chars: list[str], shown=_name, most: int = 6) -> str:
    """The characters in the order they first appear, at most ``most`` of them."""
    ordered = list(dict.fromkeys(chars))
    more = f" and {len(ordered) - most} more" if len(ordered) > most else ""
    return " ".join(shown(c) for c in ordered[:most]) + more


@functools.cache
def _undrawable():
    """The pattern of characters the bundled fonts (main or fallback) cannot draw, or None without fonts."""
    from publish.errors import PublishError
    from publish.fonts import FontSet, undrawable

    fonts = FontSet()
    try:
        return undrawable(fonts.regular, fonts.fallback)
    except (PublishError, OSError, KeyError):
        return None  # the products will say the font package is missing


#: Controls (but line break and tab), surrogates, private use and noncharacters. (Unassigned
#: code points no font draws, so the font check names them.)
_REFUSED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "\U000f0000-\U0010ffff]"
)
_VISIBLE = re.compile("[^\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8]")


def _has_visible(text: str) -> bool:
    """Whether any character of ``text`` draws something (the first candidate usually does)."""
    return any(unicodedata.category(m.group()) not in _INVISIBLE_CATEGORIES for m in _VISIBLE.finditer(text))


def problems(text: str) -> list[str]:
    """What is wrong with ``text`` for the products, one message per kind of problem."""
    refused = _REFUSED.findall(text)
    found = []
    if refused:
        found.append(f"holds characters no product can carry ({_listed(refused)}); remove them")
    elif not _has_visible(text):
        invisible = [c for c in text if not c.isspace()]
        if invisible:
            found.append(f"holds only invisible characters ({_listed(invisible)}); write the text itself")
    pattern = _undrawable()
    missing = [c for c in pattern.findall(text) if c not in refused] if pattern is not None else []
    if missing:
        shown = _listed(missing, shown=lambda c: f"{c} ({_name(c)})")
        found.append(f"the bundled fonts cannot print {shown}; they cover Latin, Greek and Cyrillic")
    return found


#: One label of a host name: letters, digits and inner hyphens (after IDNA encoding).
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


def url_problems(url: str) -> list[str]:
    """Why ``url`` is not an absolute http(s) address with a valid host (EPUBs link it), or []."""
    from urllib.parse import urlsplit

    expected = "expected a web address such as https://example.org/page"
    if any(c.isspace() for c in url):
        return [f"{expected}; it holds a space"]
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number in range
        host = parts.hostname or ""
    except ValueError as err:
        return [f"{expected}; {err}"]
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return [f"{expected}, starting http:// or https://"]
    if port == 0:
        return [f"{expected}; port 0 is not a port"]
    if not _valid_host(host):
        return [f"{expected}; {host!r} is not a host name"]
    return []


def _valid_host(host: str) -> bool:
    import ipaddress

    if host.startswith("[") or ":" in host:  # an IPv6 literal (urlsplit strips the brackets)
        try:
            ipaddress.IPv6Address(host.strip("[]"))
            return True
        except ValueError:
            return False
    try:
        encoded = host.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = encoded.split(".")
    return 0 < len(encoded) <= 253 and all(_LABEL.fullmatch(label) for label in labels)
