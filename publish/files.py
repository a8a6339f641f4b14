"""Writing products safely and reproducibly.

Every product is written to a temporary file beside its target and renamed into place, so a
failed build never leaves a half-written PDF or EPUB where the old one was. The build time
comes from ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else from the data's date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from publish.errors import PublishError

#: The time used when neither SOURCE_DATE_EPOCH nor a data date is known: fixed, so that
#: two builds of the same data give the same bytes.
FALLBACK_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


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
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it over ``target``.

    On any exception the temporary file is removed and ``target`` is left as it was. Problems
    with the path itself (a folder in the way, no permission) become a PublishError naming it.
    """
    target = Path(target)
    if str(target) in ("", "."):
        raise PublishError("the output path is empty; give a file name")
    if target.is_dir():
        raise PublishError(f"{target}: is a folder; give a file name inside it, such as {target / 'out'}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise PublishError(f"{target}: cannot write here: {err.strerror or err}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        try:
            os.replace(tmp, target)
        except OSError as err:
            raise PublishError(f"{target}: cannot write here: {err.strerror or err}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(target: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically and return the path."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)
