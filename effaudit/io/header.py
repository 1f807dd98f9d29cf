"""Which row of a sheet is the header, and which canonical column (and unit) each header cell names.

Aliases are data (``resources/header_aliases.yaml``). A header cell is matched on its key: NFKC, lower case, no
whitespace, no required-field marks (``*设备名称``); its unit part — ``额定功率(kW)``, ``功率/kW``, ``功率kW`` — is
split off and kept as the column's unit; a symbol after the name (``空载损耗P0(kW)``, ``负载损耗Pk``) is dropped.

Real ledgers often spread the header over two rows: a group header merged over its sub-headers (``额定参数`` over
``功率(kW) | 电压(V)``), or a row of units under the names (``kW | V | %``). ``find_header`` tries each row alone and
each pair of adjacent rows, and takes a unit row under the header as the columns' units.

Only the first ``HEADER_TEXT_LIMIT`` characters of a cell are examined: no header is longer, and a megabyte of text
in one cell must not make the search slow.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import pandas as pd

from effaudit.columns import BY_NAME
from effaudit.io.values import cell_text
from effaudit.units import is_unit
from effaudit.yaml_text import load_yaml

HEADER_SCAN_ROWS = 30
MIN_MATCHES = 2
HEADER_TEXT_LIMIT = 40  # characters of a header cell (after removing spaces) that can name a column

# A symbol written after a column's name: 空载损耗P0 / Po, 负载损耗Pk / Pk75, 短路阻抗Uk, 空载电流I0 (lower-cased keys).
_SYMBOL_SUFFIX = re.compile(r"(?<=[\u4e00-\u9fff])[piu][0ok]\d{0,3}$")

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
    column: str  # a canonical column, or SplitRule.name, or MIXED_RATING
    unit: str | None  # the unit written in the header, as written
    split: SplitRule | None = None
    rating: str | None = None  # a rating column's header kind (power_header …): routed by unit and family

    @property
    def key(self) -> str:
        """What makes two header cells the same column: 额定功率 and 额定容量 are two rating columns."""
        return f"{self.column}@{self.rating}" if self.rating else self.column


MIXED_RATING = "rated_power_kw|capacity_kva"


@dataclass(frozen=True)
class AliasTable:
    columns: dict[str, str]  # alias key -> canonical column
    splits: dict[str, SplitRule]  # alias key -> rule
    ratings: dict[str, str]  # alias key -> rating header kind

    def lookup(self, key: str) -> HeaderMatch | None:
        rating = self.ratings.get(key)
        if key in self.columns:
            return HeaderMatch(self.columns[key], None, rating=rating)
        if key in self.splits:
            return HeaderMatch(self.splits[key].name, None, self.splits[key])
        if rating is not None:
            return HeaderMatch(MIXED_RATING, None, rating=rating)
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
    ratings = {header_key(alias): kind for kind, aliases in raw.get("rating_headers", {}).items() for alias in aliases}
    return AliasTable(columns, splits, ratings)


def _unit_or_none(text: str) -> str | None:
    return text if is_unit(text) else None


@lru_cache(maxsize=4096)
def match_header(text: str) -> HeaderMatch | None:
    """The column a header text names, with the unit it writes; None if it names no known column.

    Tried in turn: the whole text; a name with a bracketed tail (a tail that is not a unit, like ``功率(电机)``,
    is dropped); ``name/unit``; a known name followed directly by a unit (``功率kW``, ``效率%``).
    """
    compact = "".join(unicodedata.normalize("NFKC", text[:4 * HEADER_TEXT_LIMIT]).split()).strip("*:")
    if not compact or len(compact) > HEADER_TEXT_LIMIT:
        return None
    if (whole := _lookup(compact)) is not None:
        return whole
    if (bracketed := _PARENTHESISED_TAIL.fullmatch(compact)) is not None:
        if (named := _lookup(bracketed.group(1))) is not None:
            return replace(named, unit=_unit_or_none(bracketed.group(2)))
    name, slash, unit = compact.rpartition("/")
    if slash and (named := _lookup(name)) is not None and _unit_or_none(unit):
        return replace(named, unit=unit)
    key = header_key(compact)
    for end in range(len(key) - 1, 0, -1):
        if (named := _lookup(key[:end])) is not None and _unit_or_none(compact[end:]):
            return replace(named, unit=compact[end:])
    return None


def _lookup(name: str) -> HeaderMatch | None:
    """A name as written, else without a symbol suffix (空载损耗P0 → 空载损耗)."""
    table = alias_table()
    key = header_key(name)
    found = table.lookup(key)
    if found is None and (symbol := _SYMBOL_SUFFIX.search(key)) is not None:
        found = table.lookup(key[:symbol.start()])
    return found


@dataclass
class Header:
    position: int  # position of the header's first row among the sheet's rows (0-based)
    texts: dict[int, str]  # cell position -> header text, for every non-blank header cell
    matches: dict[int, HeaderMatch]  # cell position -> match, the first cell for each column only
    repeated: list[int]  # cells naming a column an earlier cell already names
    rows: int = 1  # header rows: 2 for a group header over sub-headers, +1 for a unit row under the names
    unit_columns: dict[int, int] = field(default_factory=dict)  # value cell position -> its unit column's position

    @property
    def body_start(self) -> int:
        """Position of the first row under the header."""
        return self.position + self.rows


def _cell_texts(row: pd.Series) -> dict[int, str]:
    return {position: text[:4 * HEADER_TEXT_LIMIT] for position, value in enumerate(row.tolist())
            if (text := cell_text(value, nfkc=False)) is not None}


def _with_matches(texts: dict[int, str], candidates: dict[int, list[str]], position: int, rows: int) -> Header:
    """A header from per-cell candidate texts (the first that names a column wins)."""
    matches: dict[int, HeaderMatch] = {}
    repeated: list[int] = []
    seen: set[str] = set()
    for cell, options in candidates.items():
        match = next((found for option in options if (found := match_header(option)) is not None), None)
        if match is None:
            continue
        if match.key in seen:
            repeated.append(cell)
        else:
            seen.add(match.key)
            matches[cell] = match
            texts[cell] = next(option for option in options if match_header(option) is not None)
    return Header(position, texts, matches, repeated, rows)


def _single(row: pd.Series, position: int) -> Header:
    texts = _cell_texts(row)
    return _with_matches(dict(texts), {cell: [text] for cell, text in texts.items()}, position, 1)


def _pair(upper: pd.Series, lower: pd.Series, position: int) -> Header:
    """Two rows read as one header: under a group header (merged: its text in the first cell only, carried to the
    right over the sub-headers) a sub-header is tried with the group's name first (配套电机 + 型号), then alone; a
    cell blank below (merged down) takes the upper text. Two rows that both fill most cells are not such a header:
    only the first cell of each group has text in both rows."""
    upper_texts, lower_texts = _cell_texts(upper), _cell_texts(lower)
    if 2 * len(upper_texts.keys() & lower_texts.keys()) > len(lower_texts):
        return Header(position, {}, {}, [], 2)  # two full rows (a table of two records), not a header over another
    candidates: dict[int, list[str]] = {}
    group: str | None = None
    for cell in sorted(upper_texts.keys() | lower_texts.keys()):
        group = upper_texts.get(cell, group if cell in lower_texts else None)
        below = lower_texts.get(cell)
        candidates[cell] = [group + below, below] if group and below else [below or group or ""]
    texts = {cell: options[-1] for cell, options in candidates.items()}
    return _with_matches(texts, candidates, position, 2)


def is_unit_text(text: str) -> bool:
    """A cell of a unit row: ``kW``, ``(V)``, ``（%）``."""
    return bool(text) and len(text) <= HEADER_TEXT_LIMIT and _unit_or_none(_unbracketed(text)) is not None


def _unbracketed(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().strip("()[]")


def is_unit_row(row: pd.Series, header: Header) -> bool:
    """A row under the header whose every non-blank cell is a unit over a matched column."""
    texts = _cell_texts(row)
    return bool(texts) and all(position in header.matches and is_unit_text(text) for position, text in texts.items())


def find_header(rows: pd.DataFrame, scan_rows: int = HEADER_SCAN_ROWS) -> Header | None:
    """The header among the first ``scan_rows`` rows: the row, or pair of adjacent rows, naming the most known
    columns (at least ``MIN_MATCHES``; the earliest and the single row on a tie), with the unit row under it if any.
    None if no row qualifies."""
    best: Header | None = None
    limit = min(scan_rows, len(rows))
    singles = [_single(rows.iloc[position], position) for position in range(limit)]
    for position in range(limit):
        candidates = [singles[position]]
        if position + 1 < limit:
            pair = _pair(rows.iloc[position], rows.iloc[position + 1], position)
            # a pair only when it names more than either of its rows does alone
            if len(pair.matches) > max(len(singles[position].matches), len(singles[position + 1].matches)):
                candidates.append(pair)
        for header in candidates:
            if len(header.matches) >= MIN_MATCHES and (best is None or len(header.matches) > len(best.matches)):
                best = header
    if best is not None and best.body_start < len(rows) and is_unit_row(rows.iloc[best.body_start], best):
        for position, text in _cell_texts(rows.iloc[best.body_start]).items():
            match = best.matches[position]
            if match.unit is None:
                best.matches[position] = replace(match, unit=_unbracketed(text))
        best.rows += 1
    if best is not None:
        best.unit_columns = _unit_columns(best)
    return best


_NUMERIC_KINDS = ("number", "measure")


def _takes_units(match: HeaderMatch) -> bool:
    return match.rating is not None or match.split is not None or (
        match.column in BY_NAME and BY_NAME[match.column].kind in _NUMERIC_KINDS)


def _unit_columns(header: Header) -> dict[int, int]:
    """Value cell position -> the position of the column holding its units: a ``单位`` column right of it, or a
    ``产量单位`` column naming it (names in ``resources/sheet_layout.yaml``)."""
    layout = sheet_layout()
    names = {header_key(str(name)) for name in layout["unit_column_names"]}
    suffixes = tuple(header_key(str(suffix)) for suffix in layout["unit_column_suffixes"])
    found: dict[int, int] = {}
    for position, text in sorted(header.texts.items()):
        if position in header.matches:
            continue
        key = header_key(text)
        target = None
        if key in names:
            left = [cell for cell in header.matches if cell < position]
            target = max(left) if left else None
        elif key.endswith(suffixes):  # 产量单位 names its column; 能耗单位 names none: the column on its left
            named = match_header(key.removesuffix(next(s for s in suffixes if key.endswith(s))))
            left = [cell for cell in header.matches if cell < position]
            target = next((cell for cell, match in header.matches.items()
                           if named is not None and match.key == named.key), max(left) if left else None)
        if target is not None and _takes_units(header.matches[target]) and target not in found:
            found[target] = position
    return found


@lru_cache(maxsize=1)
def sheet_layout() -> dict:
    """``resources/sheet_layout.yaml``: what a sheet writes around and inside its list that is not data."""
    return load_yaml((resources.files("effaudit") / "resources" / "sheet_layout.yaml").read_text("utf-8"))


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
