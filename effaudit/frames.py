"""pandas as effaudit uses it: text columns hold Python strings, and the memory large frames free goes back to
the system (``give_back_freed_memory``).

Since pandas 3, the ``string`` dtype keeps its text in Arrow arrays whenever pyarrow is installed — and the
findings store (``effaudit.store``) installs it. Arrow text must be valid UTF-8, so a file name's undecodable
bytes (lone surrogates, see ``effaudit.filenames``) could no longer be held, and every figure of effaudit's
performance was measured with Python strings. The packages that make frames import this module first.
"""

import ctypes

import pandas as pd

pd.set_option("mode.string_storage", "python")


def _malloc_trim() -> object:
    """glibc's ``malloc_trim``; None where the C library has none (macOS, musl, Windows)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):
        return None


_MALLOC_TRIM = _malloc_trim()


def give_back_freed_memory() -> None:
    """Return to the system the memory the last stage (or block) freed. glibc keeps freed blocks of a few MB (a
    column of 1,000,000 values is 8 MB) in its heap rather than giving them back, and the stages of an audit and the
    blocks of the JSON free many: at 1,000,000 lines the process would otherwise hold ~0.4 GB more than it uses, on
    top of which the next stage (or block) would peak. About 2 ms a call at 1 GB."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
