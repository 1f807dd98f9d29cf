"""Which row of a sheet is the header, and which canonical column (and unit) each header cell names.

Aliases are data (``resources/header_aliases.yaml``). A header cell is matched on its key: NFKC, lower case, no
whitespace, no required-field marks (``*设备名称``); its unit part — ``额定功率(kW)``, ``功率/kW``, ``功率kW`` — is
split off and kept as the column's unit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pandas as pd

from effaudit.columns import BY_NAME
from effaudit.io.values import cell_text
from effaudit.units import is_unit
from effaudit.yaml_text import load_yaml

HEADER_SCAN_ROWS = 30
MIN_MATCHES = 2

_PARENTHESISED_TAIL = re.compile(r"(.+?)[(\[{](.+)[)\]}]")


@dataclass(frozen=True)
class SplitRule:
    """A header naming two columns (``额定功率/容量``): the unit of each cell, or else the family, picks one."""

    columns: tuple[str, ...]
    no_unit_by_family: dict[str, str] = field(hash=False)
    no_unit_default: str

    @property
    def name(self) -> str:
        return "|".join(self.columns)


@dataclass(frozen=True)
class HeaderMatch:
    column: str  # a canonical column, or SplitRule.name
    unit: str | None  # the unit written in the header, as written
    split: SplitRule | None = None


@dataclass(frozen=True)
class AliasTable:
    columns: dict[str, str]  # alias key -> canonical column
    splits: dict[str, SplitRule]  # alias key -> rule

    def lookup(self, key: str) -> HeaderMatch | None:
        if key in self.columns:
            return HeaderMatch(self.columns[key], None)
        if key in self.splits:
            return HeaderMatch(self.splits[key].name, None, self.splits[key])
        return None


def header_key(text: str) -> str:
    """The form in which headers and aliases are compared."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(text.split()).strip("*:")


@lru_cache(maxsize=1)
def _aliases_file() -> dict:
    return load_yaml((resources.files("effaudit") / "resources" / "header_aliases.yaml").read_text("utf-8"))


def column_aliases() -> dict[str, list[str]]:
    """Canonical column -> its aliases as written in header_aliases.yaml, in order (the first is the usual name)."""
    return {column: list(aliases) for column, aliases in _aliases_file()["columns"].items()}


@lru_cache(maxsize=1)
def alias_table() -> AliasTable:
    raw = _aliases_file()
    columns: dict[str, str] = {}
    for column, aliases in raw["columns"].items():
        if column not in BY_NAME:
            raise ValueError(f"header_aliases.yaml: {column!r} is not a canonical column")
        columns.update((header_key(alias), column) for alias in aliases)
    splits: dict[str, SplitRule] = {}
    for entry in raw.get("split", []):
        rule = SplitRule(tuple(entry["columns"]), dict(entry["no_unit_by_family"]), entry["no_unit_default"])
        splits.update((header_key(alias), rule) for alias in entry["aliases"])
    return AliasTable(columns, splits)


def _unit_or_none(text: str) -> str | None:
    return text if is_unit(text) else None


@lru_cache(maxsize=4096)
def match_header(text: str) -> HeaderMatch | None:
    """The column a header text names, with the unit it writes; None if it names no known column.

    Tried in turn: the whole text; a name with a bracketed tail (a tail that is not a unit, like ``功率(电机)``,
    is dropped); ``name/unit``; a known name followed directly by a unit (``功率kW``, ``效率%``).
    """
    table = alias_table()
    compact = "".join(unicodedata.normalize("NFKC", text).split()).strip("*:")
    if (whole := table.lookup(header_key(compact))) is not None:
        return whole
    if (bracketed := _PARENTHESISED_TAIL.fullmatch(compact)) is not None:
        if (named := table.lookup(header_key(bracketed.group(1)))) is not None:
            return HeaderMatch(named.column, _unit_or_none(bracketed.group(2)), named.split)
    name, slash, unit = compact.rpartition("/")
    if slash and (named := table.lookup(header_key(name))) is not None and _unit_or_none(unit):
        return HeaderMatch(named.column, unit, named.split)
    key = header_key(compact)
    for end in range(len(key) - 1, 0, -1):
        if (named := table.lookup(key[:end])) is not None and _unit_or_none(compact[end:]):
            return HeaderMatch(named.column, compact[end:], named.split)
    return None


@dataclass
class Header:
    position: int  # position of the header row among the sheet's rows (0-based)
    texts: dict[int, str]  # cell position -> header text, for every non-blank header cell
    matches: dict[int, HeaderMatch]  # cell position -> match, the first cell for each column only
    repeated: list[int]  # cells naming a column an earlier cell already names


def _matches(row: pd.Series) -> tuple[dict[int, str], dict[int, HeaderMatch], list[int]]:
    texts = {position: text for position, value in enumerate(row.tolist())
             if (text := cell_text(value, nfkc=False)) is not None}
    matches: dict[int, HeaderMatch] = {}
    repeated: list[int] = []
    seen: set[str] = set()
    for position, text in texts.items():
        if (match := match_header(text)) is None:
            continue
        if match.column in seen:
            repeated.append(position)
        else:
            seen.add(match.column)
            matches[position] = match
    return texts, matches, repeated


def find_header(rows: pd.DataFrame, scan_rows: int = HEADER_SCAN_ROWS) -> Header | None:
    """The header among the first ``scan_rows`` rows: the row naming the most known columns (at least
    ``MIN_MATCHES``; the earliest on a tie). None if no row qualifies."""
    best: Header | None = None
    for position in range(min(scan_rows, len(rows))):
        texts, matches, repeated = _matches(rows.iloc[position])
        if len(matches) >= MIN_MATCHES and (best is None or len(matches) > len(best.matches)):
            best = Header(position, texts, matches, repeated)
    return best


def row_text(row: pd.Series) -> str:
    """A row's non-blank cells joined by spaces (how title rows above the header are kept)."""
    return " ".join(text for value in row.tolist() if (text := cell_text(value, nfkc=False)) is not None)


def unnamed_column(position: int) -> str:
    """Header text for a column with a blank header cell: its spreadsheet letter (``column F``)."""
    letters = ""
    number = position + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return f"column {letters}"
