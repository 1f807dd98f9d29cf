"""Write output files whole or not at all: a temporary file in the same folder, then an atomic rename."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from effaudit.errors import DiskFull, UsageError
from effaudit.filenames import utf8


NO_SPACE = (errno.ENOSPC, errno.EDQUOT)


def cannot_write(error: OSError, path: Path) -> UsageError:
    """The error to raise for an output that could not be written: DiskFull when the disk is full."""
    if error.errno in NO_SPACE:
        return DiskFull(f"cannot write: the disk is full ({error.strerror})", file=str(path))
    return UsageError(f"cannot write here: {error.strerror}", file=str(path))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_bytes(path: Path, data: bytes) -> None:
    write_chunks(path, (data,))


def write_chunks(path: Path, chunks: Iterable[bytes | str]) -> None:
    """Write ``chunks`` (text is written as UTF-8, a file name that is not made readable, see ``filenames``) one
    after the other: a large output is never whole in memory."""
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    except OSError as error:
        raise cannot_write(error, path) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            for chunk in chunks:
                stream.write(utf8(chunk) if isinstance(chunk, str) else chunk)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; an output file gets the usual permissions
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise cannot_write(error, path) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_chunks(path, (text,))
