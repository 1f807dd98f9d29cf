"""Write output files whole or not at all: a temporary file in the same folder, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from effaudit.errors import UsageError
from effaudit.filenames import utf8


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
        raise UsageError(f"cannot write here: {error.strerror}", file=str(path)) from error
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
        raise UsageError(f"cannot write: {error.strerror}", file=str(path)) from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_chunks(path, (text,))
