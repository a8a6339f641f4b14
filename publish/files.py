"""Writing products safely and reproducibly.

Every product is written to a temporary file beside its target that is renamed into place: a
failed or killed build never leaves a half-written PDF or EPUB where the old one was. Most
products are built in memory and written at once (``write_bytes``), so the temporary file
exists only for that moment; a booklet without ``--imposed`` is written as reportlab saves it
(``writing``), so that a long one is never held whole in memory, and its temporary file lives
for the save. Either way a failure or Ctrl-C removes it; only a SIGKILL during the write can
leave one behind (hidden, ``.<name>…tmp``), never a damaged target. Before anything is written the target is checked: it must be a regular file or a new
path, never a folder, a device or a pipe, and never one of the run's inputs (the data file,
a library, a programme or a logo), however it is reached through links.

The build time comes from ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else from the
data's date.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from publish.errors import PublishError

#: The time used when neither SOURCE_DATE_EPOCH nor a data date is known: fixed, so that
#: two builds of the same data give the same bytes.
FALLBACK_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)

#: The longest file name (in bytes) when the file system does not say: Linux, macOS, Windows.
DEFAULT_NAME_MAX = 255
#: What the temporary name adds to the target's name: "." + name + "." + 8 random + ".tmp".
_TEMP_OVERHEAD = 1 + 1 + 8 + len(".tmp")

#: The files this run reads; nothing may be written over them (see ``protecting``).
_INPUTS: contextvars.ContextVar[list[Path]] = contextvars.ContextVar("inputs", default=[])


def build_time(data_date: dt.date | None = None) -> dt.datetime:
    """The timestamp to stamp into products, in UTC.

    SOURCE_DATE_EPOCH wins; otherwise the data set's own date at midnight UTC; otherwise a
    fixed date. Never the wall clock: same input, same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise PublishError(f"SOURCE_DATE_EPOCH: expected whole seconds since 1970, got {epoch!r}")
    if data_date is not None:
        return dt.datetime(data_date.year, data_date.month, data_date.day, tzinfo=dt.timezone.utc)
    return FALLBACK_TIME


@contextlib.contextmanager
def protecting(inputs: Iterable[Path | str] = ()) -> Iterator[None]:
    """Within the block, refuse to write any product over one of ``inputs`` or of those ``protect`` adds.

    The command line names every file a run reads (data, library, programme, logo); each
    product's writer checks its targets against them, including companion files such as
    poster tiles, without every layout having to be told.
    """
    token = _INPUTS.set([Path(p) for p in inputs])
    try:
        yield
    finally:
        _INPUTS.reset(token)


def protect(inputs: Iterable[Path | str]) -> None:
    """Add files read during the run (a programme's libraries, its logo) to those ``protecting`` guards."""
    _INPUTS.get().extend(Path(p) for p in inputs)


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: through symbolic links, hard links and ``..``."""
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:  # one of them does not exist (yet): compare where they lead
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def _name_max(folder: Path) -> int:
    """The longest file name the file system holding ``folder`` (or its nearest existing parent) allows."""
    for candidate in (folder, *folder.parents):
        try:
            return os.pathconf(candidate if str(candidate) else ".", "PC_NAME_MAX")
        except (OSError, ValueError):
            continue
    return DEFAULT_NAME_MAX


def check_target(target: Path | str, inputs: Iterable[Path | str] | None = None) -> Path:
    """The output path, or a PublishError saying why nothing may be written there.

    Refused: an empty path, a folder (existing, or named with a trailing slash), anything that
    exists and is not a regular file (a device such as /dev/null, a FIFO, a socket), a name
    longer than the file system allows, and any of ``inputs`` (default: the files being
    protected by ``protecting``). Called before a product is built, so a long build is not
    wasted, and again just before writing.
    """
    raw = os.fspath(target)
    if raw in ("", "."):
        raise PublishError("the output path is empty; give a file name")
    path, shown = Path(raw), _shown(raw)
    name_bytes = len(os.fsencode(path.name))
    limit = _name_max(path.parent)
    if name_bytes > limit:
        raise PublishError(f"{shown}: the file name is {name_bytes} bytes long; this file system allows at most {limit}")
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        if err.errno == errno.ENAMETOOLONG:
            raise PublishError(f"{shown}: the path is too long for the file system") from None
        mode = None  # a new file (or an unreadable folder: writing will say precisely)
    if raw.endswith(("/", os.sep)) or (mode is not None and stat.S_ISDIR(mode)):
        folder = Path(raw.rstrip("/" + os.sep) or raw)
        raise PublishError(f"{shown}: names a folder; give a file name inside it, such as {_shown(str(folder / 'out'))}")
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file"
        raise PublishError(f"{shown}: is {kind}, not a regular file; publish writes only to regular files or new paths")
    for source in _INPUTS.get() if inputs is None else inputs:
        if _same_file(path, Path(source)):
            raise PublishError(f"{shown}: is an input of this run ({_shown(os.fspath(source))}); writing there would destroy it, choose another output")
    return path


def _shown(raw: str, room: int = 120) -> str:
    """A path as a message shows it: on one line, and shortened in the middle when very long."""
    text = raw if raw.isprintable() else repr(raw)
    return text if len(text) <= room else f"{text[: room // 2]}…{text[-room // 2 :]}"


def _temp_prefix(name: str, limit: int) -> str:
    """``.<name>.`` cut (on a character boundary) so that the temporary name fits ``limit`` bytes."""
    room = max(1, limit - _TEMP_OVERHEAD)
    encoded = os.fsencode(name)[:room]
    while encoded:
        try:
            encoded.decode("utf-8")
            break
        except UnicodeDecodeError:
            encoded = encoded[:-1]
    return f".{os.fsdecode(encoded)}."


def why(err: OSError) -> str:
    """The reason an operating-system error gives, in words a user acts on."""
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EFBIG: "the file is larger than this system allows",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENAMETOOLONG: "the path is too long for the file system",
    }
    return reasons.get(err.errno, err.strerror or str(err))


def write_bytes(target: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``target`` through a temporary file renamed into place; return the path.

    The temporary file is created only now, when every byte is ready, and removed on any
    failure or interruption (Ctrl-C, SIGTERM as the CLI handles it), leaving ``target`` as it
    was. A full disk or an oversized file is a PublishError naming the file and the reason.
    """
    path = check_target(target)
    kept = " (the previous file is unchanged)" if path.exists() else ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise PublishError(f"{_shown(os.fspath(target))}: cannot write here: {why(err)}") from None
    with _interruptions_held():
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(path.name, _name_max(path.parent)), suffix=".tmp", dir=path.parent)
        except OSError as err:
            raise PublishError(f"{_shown(os.fspath(target))}: cannot write here: {why(err)}") from None
        try:
            try:
                os.close(fd)
                Path(tmp_name).write_bytes(data)
                os.chmod(tmp_name, 0o644)
                os.replace(tmp_name, path)
            except OSError as err:
                raise PublishError(f"{_shown(os.fspath(target))}: could not be written: {why(err)}{kept}") from None
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
    return path


@contextlib.contextmanager
def writing(target: Path | str) -> Iterator[_Written]:
    """A binary file to write a long product into as it is made (a large booklet's PDF, which
    would otherwise be held whole in memory), renamed into place as the block ends.

    As with ``write_bytes``: the temporary file is created only when the first bytes come
    (a product writes at its very end), and removed on any failure or interruption, leaving
    ``target`` as it was; a full disk is a PublishError naming the file and the reason.
    Ctrl-C and SIGTERM are held while the file is made and while it is renamed, not while
    bytes are written (that may take seconds): they then interrupt, and the file is removed.
    """
    path = check_target(target)
    out = _Written(path, target, " (the previous file is unchanged)" if path.exists() else "")
    try:
        yield out
        out.finish()
    finally:
        out.discard()


class _Written:
    """The file ``writing`` gives: a temporary file beside the target, made on the first write."""

    def __init__(self, path: Path, target: Path | str, kept: str):
        self.path, self.target, self.kept = path, target, kept
        self.file = None
        self.name: str | None = None

    def write(self, data) -> int:
        if self.file is None:
            self._open()
        try:
            return self.file.write(data)
        except OSError as err:
            raise self._error(err) from None

    def tell(self) -> int:
        return self.file.tell() if self.file is not None else 0

    def restart(self) -> None:
        """Forget what was written (a product that starts over)."""
        self.discard()

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise PublishError(f"{_shown(os.fspath(self.target))}: cannot write here: {why(err)}") from None
        with _interruptions_held():
            try:
                fd, self.name = tempfile.mkstemp(
                    prefix=_temp_prefix(self.path.name, _name_max(self.path.parent)), suffix=".tmp", dir=self.path.parent
                )
            except OSError as err:
                raise PublishError(f"{_shown(os.fspath(self.target))}: cannot write here: {why(err)}") from None
            self.file = os.fdopen(fd, "wb")

    def _error(self, err: OSError) -> PublishError:
        return PublishError(f"{_shown(os.fspath(self.target))}: could not be written: {why(err)}{self.kept}")

    def finish(self) -> None:
        if self.file is None:
            self._open()  # nothing written: an empty file, as write_bytes(b"") makes
        with _interruptions_held():
            try:
                self.file.close()
                os.chmod(self.name, 0o644)
                os.replace(self.name, self.path)
            except OSError as err:
                raise self._error(err) from None
            self.file = self.name = None

    def discard(self) -> None:
        """Close and remove the temporary file, if there is one (any failure, or ``restart``)."""
        with _interruptions_held():
            file, name, self.file, self.name = self.file, self.name, None, None
            if file is not None:
                with contextlib.suppress(OSError):
                    file.close()
            if name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(name)


@contextlib.contextmanager
def _interruptions_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while a temporary file exists; they act as the block ends.

    Python runs a signal's handler between any two steps, so a SIGTERM landing inside
    ``mkstemp`` (the file made, its name not yet returned) or between it and the ``try``
    would raise where nothing removes the file (a ``publish batch`` stopped on a loaded
    machine once left a temporary file behind). Held, the signal waits the few milliseconds
    it takes to write bytes already in memory and rename them into place, then acts.
    """
    import signal

    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
