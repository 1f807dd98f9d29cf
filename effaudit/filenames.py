"""File names that are not UTF-8, shown and stored as readable text.

Unzipping a Windows archive on Linux gives names in GBK bytes; Python hands such a name over with each byte that
does not decode as UTF-8 as a lone surrogate (``surrogateescape``), while other GBK byte pairs happen to be valid
UTF-8 (``帧``, D6 A1, reads as U+05A1). The name still opens the file, but it cannot be encoded: a terminal, a JSON
file, a CSV or a PDF given it raises UnicodeEncodeError. ``readable`` re-reads each word that holds such a byte —
its bytes back as the file system gave them — as GB18030 (the superset of GBK); a word that is not GB18030 keeps
its characters, each undecodable byte shown as U+FFFD.
"""

from __future__ import annotations

import re

_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# A word: no whitespace, no path separator (GBK never uses those bytes inside a character).
_WORD_WITH_ESCAPED_BYTE = re.compile("[^\\s/]*[\udc80-\udcff][^\\s/]*")


def _decoded(word: str) -> str:
    try:
        return word.encode("utf-8", "surrogateescape").decode("gb18030")
    except UnicodeError:
        return _ESCAPED_BYTE.sub("\ufffd", word)


def readable(text: str) -> str:
    """``text`` (a path, a message naming one) with every word holding an undecodable file-name byte made
    readable; text without one is returned as it is."""
    if _ESCAPED_BYTE.search(text) is None:
        return text
    return _WORD_WITH_ESCAPED_BYTE.sub(lambda match: _decoded(match.group()), text)


def utf8(text: str, encoding: str = "utf-8") -> bytes:
    """``text`` encoded for a file; only text that cannot be encoded as it is pays for ``readable``."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return readable(text).encode(encoding, "replace")
