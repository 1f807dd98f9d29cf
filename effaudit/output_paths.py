"""Refuse output paths that would destroy an input or another output, before anything is read or written.

An output is compared with the inputs by file identity (device and inode), so a symlink or a hard link to the
inventory is caught as surely as the same name; outputs that do not exist yet are compared by their resolved path.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from effaudit.errors import UsageError


def _identity(path: Path) -> tuple[str, object]:
    """(device, inode) of an existing file; otherwise the fully resolved path (symlinks followed)."""
    try:
        status = os.stat(path)
    except OSError:
        return ("path", os.path.realpath(path))
    return ("inode", (status.st_dev, status.st_ino))


def refuse_clobbering(inputs: Mapping[str, Path | None], outputs: Mapping[str, Path | None]) -> None:
    """Raise UsageError if an output is one of the inputs, or two outputs are the same file.

    ``inputs`` and ``outputs`` map an option name (``INVENTORY``, ``--json`` …) to its path; ``None`` is skipped.
    """
    inputs_by_identity = {_identity(path): name for name, path in inputs.items() if path is not None}
    outputs_by_identity: dict[tuple[str, object], str] = {}
    for name, path in outputs.items():
        if path is None:
            continue
        identity = _identity(path)
        if identity in inputs_by_identity:
            raise UsageError(f"{name} would overwrite the input {inputs_by_identity[identity]} (the same file); "
                             "write the output elsewhere", file=str(path))
        resolved = ("path", os.path.realpath(path))
        for seen in (identity, resolved):
            if seen in outputs_by_identity:
                raise UsageError(f"{name} and {outputs_by_identity[seen]} name the same file; give each output "
                                 "its own path", file=str(path))
        outputs_by_identity[identity] = outputs_by_identity[resolved] = name
