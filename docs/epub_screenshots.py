"""Screenshots of the e-book's chapters as readers see them, with headless Chromium.

    python docs/epub_screenshots.py [EPUB] [--out DIR] [--docs]

Renders chosen chapters at a 600×800 e-ink screen (greyscale), a 390×844 phone, the phone in
landscape, night mode (white text on black, as reading apps set it) and 200 % text on the
phone, each with a reader's own margins added. Writes PNGs to DIR (default: a temporary
folder, printed); with ``--docs`` it also writes the few worst cases, shrunk, to docs/.
Needs ``chromium`` (Debian's package) on the PATH.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: (name, width, height, font scale, night, greyscale)
SCREENS = (
    ("eink", 600, 800, 1.0, False, True),
    ("phone", 390, 844, 1.0, False, False),
    ("phone-landscape", 844, 390, 1.0, False, False),
    ("night", 390, 844, 1.0, True, False),
    ("phone-200", 390, 844, 2.0, False, False),
    ("night-200", 390, 844, 2.0, True, False),
)

#: (chapter, the id to scroll to or None) for each view: the diary also at its first table.
VIEWS = (
    ("before-you-start", None), ("exercise-superman", None), ("exercise-seated-rotational-stretch", None),
    ("exercise-bridges", None), ("diary", None), ("diary", "week-1"), ("cover", None),
)

#: The worst cases, kept in docs/: (chapter, screen).
DOCS = (
    ("exercise-seated-rotational-stretch", "phone-landscape"),
    ("exercise-superman", "night"),
    ("before-you-start", "phone-200"),
    ("diary-week-1", "phone-200"),
)

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1",
)


def reader_css(scale: float, night: bool) -> str:
    """What a reading app adds: its margins (which do not grow with the text), the reader's text
    size, and night colours."""
    css = f"html {{ font-size: {100 * scale:.0f}%; }} body {{ margin: 20px 16px; }}"
    if night:
        css += " html, body { background: #000; color: #e6e6e6; } a { color: #9cc3ff; }"
    return css


def screenshot(chromium: str, page: Path, out: Path, width: int, height: int) -> None:
    url = page.as_uri()
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
             f"--screenshot={out}", url],
            check=True, capture_output=True, timeout=120,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("epub", nargs="?", default=str(ROOT / "output" / "lower-back-pain.epub"))
    parser.add_argument("--out", default=None)
    parser.add_argument("--docs", action="store_true", help="also write the worst cases to docs/")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed", file=sys.stderr)
        return 1
    from PIL import Image

    out = Path(args.out or tempfile.mkdtemp(prefix="epub-screens-"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as unpacked:
        book = Path(unpacked)
        with zipfile.ZipFile(args.epub) as archive:
            archive.extractall(book)
        content = book / "EPUB"
        for name, width, height, scale, night, grey in SCREENS:
            for chapter, fragment in VIEWS:
                source = content / f"{chapter}.xhtml"
                text = source.read_text(encoding="utf-8")
                page = content / f"{chapter}--{name}.xhtml"
                head = f"<style>{reader_css(scale, night)}</style>"
                if fragment:  # start the screen there: hide what comes before it (--screenshot ignores a #fragment)
                    head += f"<style>section > *:not(#{fragment}):not(#{fragment} ~ *) {{ display: none; }}</style>"
                page.write_text(text.replace("</head>", head + "</head>", 1), encoding="utf-8")
                view = f"{chapter}-{fragment}" if fragment else chapter
                shot = out / f"{view}--{name}.png"
                screenshot(chromium, page, shot, width, height)
                if grey:
                    with Image.open(shot) as image:
                        image.convert("L").save(shot)
    print(out)
    if args.docs:
        for chapter, screen in DOCS:
            with Image.open(out / f"{chapter}--{screen}.png") as image:
                small = image.convert("RGB")
                small.thumbnail((small.width * 3 // 4, small.height * 3 // 4))
                small.save(ROOT / "docs" / f"epub-{chapter.removeprefix('exercise-')}-{screen}.png", optimize=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
