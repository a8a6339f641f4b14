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

#: Characters kept although they are control characters: breaks and indents in block text.
_ALLOWED_CONTROLS = frozenset("\n\t")
#: General categories never carried: controls, surrogates, private use, unassigned. (The line
#: and paragraph separators U+2028/U+2029 are kept: every product treats them as a space.)
_REFUSED_CATEGORIES = frozenset({"Cc", "Cs", "Co", "Cn"})
#: Categories that draw nothing on their own.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Zs", "Cc"})


def _noncharacter(c: str) -> bool:
    code = ord(c)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _name(c: str) -> str:
    return f"U+{ord(c):04X}"


def _listed(chars: list[str], shown=_name, most: int = 6) -> str:
    """The characters in the order they first appear, at most ``most`` of them."""
    ordered = list(dict.fromkeys(chars))
    more = f" and {len(ordered) - most} more" if len(ordered) > most else ""
    return " ".join(shown(c) for c in ordered[:most]) + more


@functools.cache
def _drawable() -> frozenset[int] | None:
    """Code points the bundled fonts draw (main or fallback), or None when the fonts are missing."""
    from publish.errors import PublishError
    from publish.fonts import FontSet, coverage

    fonts = FontSet()
    try:
        return coverage(fonts.regular) | coverage(fonts.fallback)
    except (PublishError, OSError, KeyError):
        return None  # the products will say the font package is missing


def problems(text: str) -> list[str]:
    """What is wrong with ``text`` for the products, one message per kind of problem."""
    refused = [c for c in text if (unicodedata.category(c) in _REFUSED_CATEGORIES and c not in _ALLOWED_CONTROLS) or _noncharacter(c)]
    found = []
    if refused:
        found.append(f"holds characters no product can carry ({_listed(refused)}); remove them")
    if not any(not c.isspace() and unicodedata.category(c) not in _INVISIBLE_CATEGORIES for c in text):
        invisible = [c for c in text if not c.isspace()]
        if invisible and not refused:
            found.append(f"holds only invisible characters ({_listed(invisible)}); write the text itself")
    drawable = _drawable()
    if drawable is not None:
        missing = [c for c in text if not c.isspace() and ord(c) not in drawable and c not in refused]
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
