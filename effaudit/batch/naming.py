"""Safe, unique folder names for the enterprises of a batch.

A name comes from a file stem or an enterprise name, i.e. from untrusted text: it must never climb out of the
output folder (``..``, ``/``, an absolute path), never be empty, never be a name Windows refuses (``CON``,
``LPT1`` …, the reports are often copied to a Windows share), and two inputs must never share a folder.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from effaudit.filenames import readable

MAX_LENGTH = 60  # characters; 60 CJK characters are 180 bytes of UTF-8, under every filesystem's 255
FALLBACK = "enterprise"
_WINDOWS_RESERVED = re.compile(r"(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])", re.IGNORECASE)
_RUNS = re.compile(r"_{2,}")


def _kept(character: str) -> bool:
    """Letters (CJK included) and digits of any script, '-' and '_'; everything else — separators, dots,
    punctuation, spaces, control and format characters — is replaced."""
    return character in "-_" or unicodedata.category(character)[0] in "LN"


def safe_name(text: str) -> str:
    """One path component made of letters, digits, '-' and '_' (after NFKC, so full-width ＡＢＣ become ABC),
    at most MAX_LENGTH characters, never empty or reserved."""
    normalised = unicodedata.normalize("NFKC", readable(text))
    name = _RUNS.sub("_", "".join(c if _kept(c) else "_" for c in normalised))
    name = name[:MAX_LENGTH].strip("_-")
    if not name:
        return FALLBACK
    return f"{name}_" if _WINDOWS_RESERVED.fullmatch(name) else name


def unique_names(texts: Iterable[str]) -> list[str]:
    """``safe_name`` of each text, made unique in the given order: the first keeps ``name``, the next get
    ``name-2``, ``name-3`` …. Compared case-insensitively, because Windows and macOS file systems are."""
    taken: set[str] = set()
    names = []
    for text in texts:
        base = safe_name(text)
        name, counter = base, 1
        while name.casefold() in taken:
            counter += 1
            name = f"{base}-{counter}"
        taken.add(name.casefold())
        names.append(name)
    return names
