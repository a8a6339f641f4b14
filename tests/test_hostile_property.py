"""Nasty text and numbers, generated, through the loader and every product.

Whatever lands in a field — control characters and escapes, invisible characters, markup,
very long runs and words, huge or oddly written numbers, odd dates and URLs — ``publish``
either makes a valid product (exit 0) or says what is wrong (exit 1, every line naming the
data file, with its line where the problem is in the file), and never shows a traceback or
hangs. Each example is a one-exercise data file, so that all three products are built within
CI's time; hypothesis runs derandomised, so CI sees the same examples every time.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import signal
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish.cli import main

#: A run that takes longer than this has hung (the products take about a second each).
HANG_S = 120

NASTY_CHARACTERS = st.sampled_from(
    [
        "\0", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x1b[2J", "\x7f", "\x85", "\ufffe", "\uffff", "\ufdd0",
        "\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029", "\u202e", "\ue000", "\U0010fffe",
        "<", ">", "&", "&amp;", "<b>", "</para>", '"', "'", "\\", "%", "(", ")", "/Type /Page", "]]>", "{2 in}",
        "{1234567 mm}", "{0.00001 in}", "{" + "9" * 40 + " in}", "{2 parsecs}", "é", "Ω", "Ж", "中", "🙂", "\t", "\n", " ",
    ]
)
#: Text: arbitrary Unicode, words mixed with nasty characters, markup and accents that every
#: product must print literally, long words and very long runs.
PRINTABLE = "abcdefghij ABCXYZ 0123 <>&\"'%\\/(){}[]#*!?:;,.-—–…éèçñøßΩαβЖжЁ«»“”‘’"
TEXT = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.lists(st.one_of(NASTY_CHARACTERS, st.sampled_from(["Lie", "on", "your", "back", "slowly."])), max_size=12).map(" ".join),
    st.text(PRINTABLE, min_size=1, max_size=300),
    st.text(PRINTABLE, min_size=1, max_size=300),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "W", "ab ", "\u200b", "é", "<&>"]), st.integers(1, 150)),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "W", "ab ", "é"]), st.integers(150, 2500)),
)
#: Numbers as YAML would see them typed: plain, octal-looking, hex, sexagesimal, huge, odd.
NUMBER = st.one_of(
    st.integers(-5, 5000).map(str),
    st.sampled_from(["010", "0x1F", "0o17", "1:30", "59:59:59", "1_000", ".inf", "-.inf", ".nan", "1e400", "10.0", "+5", "-0", "~", "ten"]),
    st.integers(1, 4000).map(lambda n: "9" * n),
)
DATE = st.sampled_from(["2024-04-13", "0001-01-01", "9999-12-31", "1900-01-01", "2099-12-31", "2024-02-30", "2024-04-13T10:00:00Z"])
URL = st.one_of(
    st.sampled_from(["https://example.org/a?b=c#d", "https://x y", "ftp://example.org", "javascript:alert(1)", "https://-x-.org", "https://[::1]:99999/", "https://münchen.de/"]),
    TEXT,
)


def quoted(text: str) -> str:
    """A YAML double-quoted scalar holding ``text`` (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=True)


TEXT_DEFAULTS = {
    "title": "Back exercises", "name": "Bridges", "step": "Lie on your back, feet {20 cm} apart.",
    "cue": "Squeeze your buttocks", "safety": "Stop if it hurts.", "tip": "Breathe out as you lift.",
    "general": "Stop any exercise that makes your pain worse.", "action": "lifts the hips",
}
NUMBER_DEFAULTS = {"reps": "10", "hold": "5", "angle": "0"}


@st.composite
def data_files(draw) -> str:
    """The one-exercise file with one or two of its fields (text, number, date, URL) made nasty."""
    nasty = set(draw(st.lists(st.sampled_from([*TEXT_DEFAULTS, *NUMBER_DEFAULTS, "date", "url"]), min_size=1, max_size=2)))
    fields = {key: quoted(draw(TEXT) if key in nasty else default) for key, default in TEXT_DEFAULTS.items()}
    reps, hold, angle = (draw(NUMBER) if key in nasty else default for key, default in NUMBER_DEFAULTS.items())
    date = draw(DATE) if "date" in nasty else "2024-04-13"
    url = quoted(draw(URL) if "url" in nasty else "https://example.org/")
    return f"""title: {fields["title"]}
date: {date}
safety: [{fields["general"]}]
source: {{title: An article, url: {url}}}
exercises:
  - id: bridges
    name: {fields["name"]}
    steps: [{fields["step"]}]
    cues: [{fields["cue"]}]
    safety: [{fields["safety"]}]
    tips: [{fields["tip"]}]
    dose: {{reps: {reps}, hold_s: {hold}}}
    figure:
      start: {{base: supine-hook-lying}}
      end: {{base: supine-hook-lying, hip: {angle}}}
      action: {fields["action"]}
"""


@contextlib.contextmanager
def hang_guard(seconds: int):
    def hung(signum, frame):
        raise TimeoutError(f"publish ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(*args: str) -> tuple[int, str]:
    """``publish ARGS`` in this process: exit status and stderr; any exception fails the test."""
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err), hang_guard(HANG_S):
        status = main(list(args))
    return status, err.getvalue()


def assert_explained(status: int, stderr: str, data: Path) -> None:
    assert status == 1, stderr
    lines = stderr.splitlines()
    assert lines, "exit 1 says why"
    for line in lines:
        # file:line: field: message for a problem in the file; the book's name for a product
        # that cannot be made from valid data (the chart's "does not fit")
        assert re.match(rf"({re.escape(str(data))}(:\d+)?|{re.escape(data.stem)}): \S", line), line


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")


PRODUCTS = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


@PRODUCTS
@given(text=data_files())
def test_every_product_is_made_or_refused_with_file_and_line(folder, text):
    data = folder / "hostile.yaml"
    data.write_text(text, encoding="utf-8")
    status, stderr = run("check", str(data))
    if status != 0:
        assert_explained(status, stderr, data)
        return
    for product, check in (("chart", _is_pdf), ("booklet", _is_pdf), ("epub", _is_epub)):
        out = folder / f"out.{product}"
        out.unlink(missing_ok=True)
        status, stderr = run(product, str(data), "-o", str(out))
        if status == 0:
            check(out)
        else:
            assert_explained(status, stderr, data)
            assert not out.exists()


LOADER = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


@LOADER
@given(text=data_files())
def test_check_never_fails_without_saying_where(folder, text):
    data = folder / "check.yaml"
    data.write_text(text, encoding="utf-8")
    status, stderr = run("check", str(data))
    if status != 0:
        assert_explained(status, stderr, data)


def _is_pdf(path: Path) -> None:
    from pypdf import PdfReader

    assert len(PdfReader(path).pages) >= 1


def _is_epub(path: Path) -> None:
    import xml.dom.minidom

    with zipfile.ZipFile(path) as book:
        assert book.read("mimetype") == b"application/epub+zip"
        for name in book.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                xml.dom.minidom.parseString(book.read(name))  # well-formed XML: no forbidden characters
