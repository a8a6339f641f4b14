"""Where products go: never over an input, a device, a pipe or a folder; never half-written.

Outputs that cannot be written are one line on stderr and exit status 1; a full disk, an
oversized file, a full standard output, Ctrl-C and SIGTERM never end in a traceback, never
damage the previous output and never leave a temporary file behind.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from publish import files
from publish.errors import PublishError
from tests.conftest import ROOT, SEED, run_publish, write_dataset


def assert_refused(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def data(tmp_path) -> Path:
    path = tmp_path / "data.yaml"
    path.write_bytes(SEED.read_bytes())
    return path


# -- outputs that would destroy or misplace ---------------------------------------------------


@pytest.mark.parametrize("product", ["chart", "booklet", "epub"])
def test_the_data_file_is_never_an_output(data, product):
    result = run_publish(product, "data.yaml", "-o", "data.yaml", cwd=data.parent)
    assert_refused(result, "data.yaml: is an input of this run")
    assert data.read_bytes() == SEED.read_bytes()


def test_an_output_reaching_the_data_through_links_is_refused(data):
    (data.parent / "soft.pdf").symlink_to(data)
    os.link(data, data.parent / "hard.pdf")
    (data.parent / "via").symlink_to(data.parent)
    for output in ("soft.pdf", "hard.pdf", "./data.yaml", "via/data.yaml", "via/../" + data.parent.name + "/data.yaml", str(data)):
        assert_refused(run_publish("epub", "data.yaml", "-o", output, cwd=data.parent), "is an input of this run")
    assert data.read_bytes() == SEED.read_bytes()


@pytest.mark.parametrize("output", ["library.yaml", "logo.png"])
def test_a_programme_s_library_and_logo_are_never_outputs(tmp_path, output):
    from PIL import Image

    (tmp_path / "library.yaml").write_bytes(SEED.read_bytes())
    Image.new("RGB", (300, 120), "navy").save(tmp_path / "logo.png")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    programme = tmp_path / "kim.yaml"
    programme.write_text(
        "patient: Kim\nlibrary: library.yaml\nclinic: {name: Clinic, logo: logo.png}\nexercises: [bridges]\n", encoding="utf-8"
    )
    result = run_publish("booklet", "kim.yaml", "-o", output, cwd=tmp_path)
    assert_refused(result, f"{output}: is an input of this run")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name != "kim.yaml"} == before


def test_companion_files_are_checked_too(tmp_path):
    """--tile writes a second file beside the chart; it may not land on the data either."""
    data = tmp_path / "x-tiles-a4.pdf"
    data.write_bytes(SEED.read_bytes())
    result = run_publish("chart", str(data), "-o", str(tmp_path / "x.pdf"), "--tile", "A4")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "is an input of this run" in result.stderr
    assert data.read_bytes() == SEED.read_bytes()


def test_devices_and_pipes_are_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert_refused(run_publish("epub", "-o", str(fifo)), "is a pipe, not a regular file")
    assert fifo.is_fifo()
    # as root this used to replace the real /dev/null with an EPUB
    assert_refused(run_publish("chart", "-o", "/dev/null"), "/dev/null: is a device, not a regular file")
    assert Path("/dev/null").is_char_device()


def test_a_trailing_slash_names_a_folder_not_a_file(tmp_path):
    result = run_publish("booklet", "-o", "newdir/", cwd=tmp_path)
    assert_refused(result, "newdir/: names a folder", "newdir/out")
    assert list(tmp_path.iterdir()) == []


def test_a_legal_255_byte_name_is_written(tmp_path):
    name = "é" * 125 + "x.pdf"  # 255 bytes of UTF-8
    assert len(os.fsencode(name)) == 255
    result = run_publish("chart", "-o", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_names_and_paths_too_long_are_one_line(tmp_path):
    assert_refused(run_publish("epub", "-o", "b" * 256, cwd=tmp_path), "the file name is 256 bytes long", "at most 255")
    deep = "d/" * 3000 + "x.epub"
    assert_refused(run_publish("epub", "-o", deep, cwd=tmp_path), "the path is too long")
    assert list(tmp_path.iterdir()) == []


def test_figures_with_a_name_too_long_for_the_disk_are_one_line(tmp_path):
    import yaml

    book = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    book["exercises"] = book["exercises"][:1]
    book["exercises"][0]["id"] = "a" * 300
    data = tmp_path / "long.yaml"
    data.write_text(yaml.safe_dump(book), encoding="utf-8")
    result = run_publish("figures", str(data), "--out-dir", str(tmp_path / "figs"))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "exercises[0].id" in result.stderr or "bytes long" in result.stderr, result.stderr


def test_publish_all_makes_what_it_can_and_reports_the_rest(tmp_path):
    data = write_dataset(tmp_path, 40)  # too many for an A3 chart, fine for a booklet and an EPUB
    out = tmp_path / "out"
    result = run_publish("all", str(data), "--out-dir", str(out))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "40 exercises do not fit on one A3 chart" in result.stderr
    assert result.stderr.strip().endswith("not made: chart")
    assert sorted(p.name for p in out.iterdir()) == ["many-booklet.pdf", "many.epub"]
    assert result.stdout.split() == [str(out / "many-booklet.pdf"), str(out / "many.epub")]


# -- disks, pipes and signals -----------------------------------------------------------------


def test_a_full_disk_is_one_line_and_keeps_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "old.pdf"
    target.write_bytes(b"the previous output")
    real_write = Path.write_bytes

    def fills_the_disk(self, data):  # some bytes land, then the disk is full
        real_write(self, data[:10])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", fills_the_disk)
    with pytest.raises(PublishError) as caught:
        files.write_bytes(target, b"x" * 100_000)
    assert str(caught.value) == f"{target}: could not be written: the disk is full (the previous file is unchanged)"
    assert target.read_bytes() == b"the previous output"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks on this system")
def test_a_sigterm_the_moment_the_temporary_file_is_made_leaves_none_behind(tmp_path, monkeypatch):
    """The signal lands inside mkstemp, after the file exists and before its name is returned:
    it acts once the file is whole and renamed, so nothing is left half-made or behind."""
    real_mkstemp = tempfile.mkstemp

    class Stopped(Exception):
        pass

    def stop(signum, frame):
        raise Stopped

    def signalled_mkstemp(*args, **kwargs):
        made = real_mkstemp(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)  # Python runs the handler at its next step
        return made

    previous = signal.signal(signal.SIGTERM, stop)
    monkeypatch.setattr(tempfile, "mkstemp", signalled_mkstemp)
    target = tmp_path / "out.pdf"
    try:
        with pytest.raises(Stopped):
            files.write_bytes(target, b"%PDF whole")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == b"%PDF whole"


def _small_file_limit():
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.mark.parametrize("product", ["chart", "booklet", "epub"])
def test_a_file_larger_than_the_system_allows_is_one_line(tmp_path, product):
    """RLIMIT_FSIZE makes the kernel refuse the write with EFBIG, as a quota or a FAT disk would."""
    target = tmp_path / f"out.{product}"
    target.write_bytes(b"the previous output")
    result = subprocess.run(
        [sys.executable, "-m", "publish", product, "-o", str(target)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, preexec_fn=_small_file_limit,
    )
    assert_refused(result, f"{target}: could not be written: the file is larger than this system allows")
    assert target.read_bytes() == b"the previous output"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", [["check"], ["list"], ["list", "--json"]])
def test_a_full_standard_output_is_one_line(command):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "publish", *command], stdout=full, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    assert result.returncode == 1
    assert result.stderr == "standard output: could not be written: the disk is full\n"


def test_a_closed_pipe_ends_quietly():
    reader = subprocess.Popen(
        [sys.executable, "-m", "publish", "list", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    reader.stdout.read(10)
    reader.stdout.close()
    assert reader.wait(timeout=60) == 0
    assert reader.stderr.read() == b""


def _wait_until_blocked_in_a_read(pid: int, deadline: float) -> None:
    """Wait until the run sleeps in read(): a signal that lands between its open() and its read()
    only sets Python's flag, and the read then blocks with nothing to wake it (a second Ctrl-C
    would). Linux shows where a process sleeps in /proc; elsewhere the race stays."""
    wchan = Path(f"/proc/{pid}/wchan")
    if not wchan.exists():
        return
    while "pipe_read" not in wchan.read_text():
        assert time.monotonic() < deadline, "the run never waited in a read"
        time.sleep(0.01)


def _as_from_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_and_sigterm_end_quietly(tmp_path, signum, status):
    """The data is a FIFO nobody writes to: the run waits in a read until the signal comes.

    The run is started as a terminal starts it, with Ctrl-C at its default: a shell's background
    job (CI) inherits SIGINT ignored, and Python then rightly leaves it ignored.
    """
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    run = subprocess.Popen(
        [sys.executable, "-m", "publish", "chart", str(fifo), "-o", str(tmp_path / "c.pdf")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=_as_from_a_terminal,
    )
    deadline = time.monotonic() + 60
    while True:  # a writer can open the FIFO once the reader has: the run is then inside main()
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:
            assert time.monotonic() < deadline and run.poll() is None, run.communicate()
            time.sleep(0.02)
    _wait_until_blocked_in_a_read(run.pid, deadline)
    try:
        run.send_signal(signum)
        out, err = run.communicate(timeout=60)
    finally:
        os.close(writer)
    assert run.returncode == status, err
    assert err == b"" and out == b""


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_an_interrupted_write_removes_its_temporary_file(tmp_path, monkeypatch, signal_name):
    from publish.cli import Terminated

    interruption = {"SIGINT": KeyboardInterrupt, "SIGTERM": Terminated}[signal_name]
    target = tmp_path / "chart.pdf"
    target.write_bytes(b"the previous output")

    def interrupted(src, dst):
        raise interruption

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(interruption):
        files.write_bytes(target, b"new bytes")
    assert target.read_bytes() == b"the previous output"
    assert leftovers(tmp_path) == []


def test_no_temporary_file_exists_while_a_product_is_being_built(tmp_path, monkeypatch):
    """The chart used to open its temporary file before drawing: a SIGKILL then left it behind."""
    from layouts import chart
    from publish.load import load_book
    from publish.theme import theme_for

    seen, calls = [], []
    real_draw = chart.draw

    def draw_and_look(*args, **kwargs):
        calls.append(1)
        seen.extend(leftovers(tmp_path))
        return real_draw(*args, **kwargs)

    monkeypatch.setattr(chart, "draw", draw_and_look)
    monkeypatch.setattr(chart.tiles, "draw", draw_and_look)  # each tile sheet draws the chart too
    chart.build(load_book(SEED), theme_for("A3"), tmp_path / "c.pdf", tile="A4")
    assert seen == []
    assert len(calls) > 1, "the tile sheets were drawn unwatched"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c-tiles-a4.pdf", "c.pdf"]


def test_the_temporary_name_fits_the_file_system_limit():
    name = "a" * 255
    prefix = files._temp_prefix(name, 255)
    assert len(os.fsencode(prefix)) + 8 + len(".tmp") <= 255
    multibyte = files._temp_prefix("é" * 127, 255)
    multibyte.encode("utf-8")  # cut on a character boundary


def test_a_product_written_as_it_is_made_leaves_nothing_behind_when_stopped(tmp_path):
    """``files.writing`` (a large booklet written as it is made): stopped half-way, the previous
    file is kept and no temporary file is left; finished, the bytes are in place."""
    target = tmp_path / "old.pdf"
    target.write_bytes(b"the previous output")
    with pytest.raises(KeyboardInterrupt):
        with files.writing(target) as out:
            out.write(b"%PDF half")
            assert len(leftovers(tmp_path)) == 1
            raise KeyboardInterrupt
    assert target.read_bytes() == b"the previous output"
    assert leftovers(tmp_path) == []
    with files.writing(target) as out:
        assert leftovers(tmp_path) == []  # made with the first bytes, not before
        out.write(b"%PDF ")
        out.write(b"whole")
    assert target.read_bytes() == b"%PDF whole"
    assert leftovers(tmp_path) == []
