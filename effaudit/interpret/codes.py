"""Coded fields read in the item's family: a cell matched whole, else by the vocabulary's keywords inside it; and the
coded fields a family reads filled from its type, category, name and remark texts when their own column is empty.

Keyword matching is on normalised text (NFKC, lower case, no spaces). Every alias found inside the text is a span;
spans inside a longer span are dropped (多级 inside 轻型立式多级泵); if the spans left name one code, that is the code,
and if they name two (永磁变频 … 螺杆式空气压缩机, Dyn11/Yyn0) the text is ambiguous and nothing is read from it.
One-character aliases are used only for a whole cell (``F`` is an insulation class; an F inside a text is not).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

import numpy as np
import pandas as pd

from effaudit.interpret.profiles import Profile
from effaudit.io.values import per_distinct, spread
from effaudit.vocabulary import normalise, vocabulary

AMBIGUOUS = "\0ambiguous"
_ASCII_WORD = re.compile(r"[a-z0-9]")
# 10kV, 10/0.4kV (the first number of a slash chain carries the unit), 6千伏
_VOLTAGE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:/\d+(?:\.\d+)?)*(?:kv|千伏)")


@cache
def _keywords(column: str, allowed: frozenset[str] | None) -> tuple[tuple[str, str], ...]:
    """(alias, code) pairs usable inside a text, longest first, of the codes allowed (None: all)."""
    return tuple(sorted(((alias, code) for alias, code in vocabulary().get(column, {}).items()
                         if len(alias) >= 2 and (allowed is None or code in allowed)),
                        key=lambda pair: -len(pair[0])))


def _bounded(text: str, start: int, stop: int, alias: str) -> bool:
    """An alias of ASCII letters or digits must not continue a word (``air`` in ``repair``, ``ic61`` in ``ic611``)."""
    before = text[start - 1] if start else ""
    after = text[stop] if stop < len(text) else ""
    return not ((_ASCII_WORD.match(alias[0]) and _ASCII_WORD.match(before))
                or (_ASCII_WORD.match(alias[-1]) and _ASCII_WORD.match(after)))


def code_in_text(text: str, column: str, allowed: frozenset[str] | None = None) -> str | None:
    """The code ``text`` names for ``column`` among the ``allowed`` ones (None: any): whole, else by keywords; None
    if none, ``AMBIGUOUS`` if several. Only allowed codes take part: a high-voltage motor's 空水冷却IC81W names
    IC81W, although 水冷 is a compressor's word."""
    key = normalise(text)
    whole = vocabulary().get(column, {}).get(key)
    if whole is not None:
        return whole if allowed is None or whole in allowed else None
    spans: list[tuple[int, int, str]] = []
    for alias, code in _keywords(column, allowed):
        start = key.find(alias)
        while start >= 0:
            stop = start + len(alias)
            if _bounded(key, start, stop, alias):
                spans.append((start, stop, code))
            start = key.find(alias, start + 1)
    outer = [span for span in spans
             if not any(other[0] <= span[0] and span[1] <= other[1] and other[1] - other[0] > span[1] - span[0]
                        for other in spans)]
    codes = {code for _, _, code in outer}
    return codes.pop() if len(codes) == 1 else (AMBIGUOUS if codes else None)


def codes_in_family(texts: pd.Series, column: str, families: pd.Series, profiles: dict[str, Profile],
                    wants: Callable[[Profile], bool]) -> tuple[np.ndarray, np.ndarray]:
    """(codes, read): for the items whose family ``wants`` the column, the code their text names among the codes
    the family allows (object array, None where none or ambiguous), once per distinct text and family."""
    found = np.full(len(texts), None, dtype=object)
    read = np.zeros(len(texts), dtype=bool)
    for family, profile in profiles.items():
        if not wants(profile):
            continue
        rows = (families == family).to_numpy(dtype=bool)
        if not rows.any():
            continue
        read |= rows
        allowed = profile.codes[column]
        codes, results = per_distinct(texts[rows], lambda text: code_in_text(str(text), column, allowed))
        family_found = spread(codes, results, None)
        family_found[family_found == AMBIGUOUS] = None
        found[rows] = family_found
    return found, read


def members(families: pd.Series, profiles: dict[str, Profile], wants: Callable[[Profile], bool]) -> np.ndarray:
    """Which items belong to a family whose profile satisfies ``wants(profile)``."""
    chosen = [family for family, profile in profiles.items() if wants(profile)]
    return families.isin(chosen).to_numpy(dtype=bool)


def voltages_in_texts(texts: pd.Series) -> np.ndarray:
    """The (highest) voltage written in a text: ``10kV油浸式…`` and ``10kV/0.4kV`` → 10000 V; NaN where none."""
    def read(text: str) -> float:
        compact = "".join(unicodedata.normalize("NFKC", text).lower().split())
        found = [float(number) * 1000 for number in _VOLTAGE.findall(compact)]
        return max(found) if found else np.nan

    codes, results = per_distinct(texts, lambda text: read(str(text)))
    return spread(codes, results, np.nan, np.float64)
