"""A cache of the loaded rulebook. Parsing and validating standards_data takes seconds (YAML, interval checks); the
result for the same files and the same effaudit code is kept as a pickle and loads in milliseconds — every `check`
and every batch worker starts with it.

The key covers every rulebook file (path and bytes), the directory, and effaudit's own code and unit definitions, so
a changed limit or a changed loader never meets a stale entry; files that fail validation are never cached. The cache
is ``$EFFAUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/effaudit``, else ``~/.cache/effaudit``; ``EFFAUDIT_NO_CACHE=1``
turns it off. An unreadable or unwritable cache is ignored: the rulebook is then loaded from the files.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from effaudit import __version__
from effaudit.atomic import write_bytes
from effaudit.errors import UsageError

PACKAGE = Path(__file__).resolve().parents[1]
KEEP = 8  # entries kept (rulebook directories and effaudit versions in use); older ones are removed


def folder() -> Path | None:
    """effaudit's cache folder (also pint's, for its parsed unit definitions); None when caching is off."""
    if os.environ.get("EFFAUDIT_NO_CACHE"):
        return None
    if os.environ.get("EFFAUDIT_CACHE_DIR"):
        return Path(os.environ["EFFAUDIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "effaudit"


def key(directory: Path) -> str:
    """The digest of everything a loaded rulebook depends on (see the module docstring)."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(str(directory.resolve()).encode())
    for path in sorted(directory.rglob("*.yaml")):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    for path in sorted((*PACKAGE.rglob("*.py"), *PACKAGE.glob("resources/*.txt"))):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def read(cache_key: str) -> Any | None:
    """The cached object, or None (no cache, no entry, or an entry that cannot be read)."""
    cache = folder()
    if cache is None:
        return None
    try:
        return pickle.loads((cache / f"rulebook-{cache_key}.pickle").read_bytes())
    except Exception:  # noqa: BLE001 - a missing, truncated or foreign entry only means: load from the files
        return None


def write(cache_key: str, value: Any) -> None:
    cache = folder()
    if cache is None:
        return
    try:
        cache.mkdir(parents=True, exist_ok=True)
        write_bytes(cache / f"rulebook-{cache_key}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        entries = sorted(cache.glob("rulebook-*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
        for stale in entries[KEEP:]:
            stale.unlink(missing_ok=True)
    except (OSError, UsageError):
        pass  # a read-only home or a full disk: run without the cache
