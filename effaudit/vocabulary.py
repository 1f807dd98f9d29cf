"""Map what inventories write in a coded column (油浸式, 非晶合金, 风冷 …) to the codes the rulebook uses.

The vocabulary is data: every file in effaudit/resources/vocabulary/ holds ``{column: {code: [aliases…]}}``.
Matching is on NFKC, lower-case text with all whitespace removed; a code also matches itself. Text that matches
no alias is not guessed: it becomes a data-quality problem (DQ109) and the code stays missing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pandas as pd

from effaudit.io.values import per_distinct, spread
from effaudit.yaml_text import load_yaml

VOCABULARY_DIR = Path(__file__).resolve().parent / "resources" / "vocabulary"
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()


def vocabulary_files() -> list[tuple[str, dict]]:
    return [(path.name, load_yaml(path.read_text(encoding="utf-8")) or {})
            for path in sorted(VOCABULARY_DIR.glob("*.yaml"))]


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


@cache
def vocabulary_choices(lang: str) -> dict[str, tuple[str, ...]]:
    """column -> one text per code, as a person would pick it: the code's first Chinese alias (``zh``), or the code
    itself (``en``; a code also matches itself)."""
    choices: dict[str, list[str]] = {}
    for _, columns in vocabulary_files():
        for column, codes in columns.items():
            for code, aliases in codes.items():
                chinese = [str(alias) for alias in aliases or [] if is_chinese(str(alias))]
                text = chinese[0] if lang == "zh" and chinese else str(code)
                if text not in choices.setdefault(column, []):
                    choices[column].append(text)
    return {column: tuple(texts) for column, texts in choices.items()}


@cache
def vocabulary() -> dict[str, dict[str, str]]:
    """column -> {normalised alias: code}, merged from every vocabulary file (sorted, so merging is stable)."""
    merged: dict[str, dict[str, str]] = {}
    for name, columns in vocabulary_files():
        for column, codes in columns.items():
            table = merged.setdefault(column, {})
            for code, aliases in codes.items():
                for alias in [code, *(aliases or [])]:
                    key = normalise(str(alias))
                    if table.get(key, code) != code:
                        raise ValueError(f"{name}: {column}: {alias!r} means both {table[key]!r} and {code!r}")
                    table[key] = str(code)
    return merged


def to_codes(texts: pd.Series, column: str) -> tuple[pd.Series, pd.Series]:
    """(codes, unknown): the code of each text (NA when blank or unknown) and where a text matched no alias."""
    table = vocabulary().get(column, {})
    positions, looked_up = per_distinct(texts, lambda text: table.get(normalise(str(text))))
    codes = pd.Series(spread(positions, looked_up, None), index=texts.index, dtype="string")
    return codes, pd.Series(positions >= 0, index=texts.index) & codes.isna()
