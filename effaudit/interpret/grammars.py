"""Model-designation grammars as data (``resources/model_grammars/<name>.yaml``, described in the README there): the
patterns a family's model strings follow and the tables of what their series, letters and codes mean.

A family's profile names its grammar (``model: {grammar: …}``); the grammar names its reader, the code that turns
matches into columns (``modelstrings.py``, ``boiler_pump_models.py``). Each reader declares what it needs from its
grammar (``Needs``: patterns with their named groups, tables with the columns their rows may set, settings), and a
grammar is checked against that when loaded: every pattern compiles and defines the groups its reader uses, every
code a table gives is a code of the vocabulary of the field it fills. A broken grammar is refused with the file,
the pattern or table and what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from effaudit.vocabulary import vocabulary
from effaudit.yaml_text import load_yaml

# {:name} in a pattern is a named piece: one of the grammar's ``pieces`` (a regex, or a list of literal
# alternatives), a built-in one, or one the reader supplies when it uses the pattern (the motor series of
# motor_series.yaml). The braces-and-colon form never occurs in a regex of its own.
PIECE = re.compile(r"\{:(\w+)\}")
BUILT_IN_PIECES = {"number": r"\d+(?:\.\d+)?"}
ANY_PATTERN = "*"  # Needs.patterns key: every pattern of the grammar, whatever its name (forms tried in order)
_FILE_KEYS = {"reader", "pieces", "patterns", "tables", "settings"}


class GrammarError(ValueError):
    """A model grammar that breaks its format: a bug in effaudit's data, caught when loaded."""


@dataclass(frozen=True, eq=False)  # hashed by identity: one module constant per reader
class Needs:
    """What a reader uses from its grammar."""

    outputs: dict[str, str | None]  # column it returns -> the coded field whose codes it holds (None: not coded)
    patterns: dict[str, frozenset[str]]  # pattern -> named groups it must define (ANY_PATTERN: every pattern)
    tables: dict[str, frozenset[str]] = field(default_factory=dict)  # table -> the columns its rows may set
    settings: dict[str, type] = field(default_factory=dict)  # setting -> its type
    supplied: frozenset[str] = frozenset()  # pieces the reader supplies when it uses a pattern


@dataclass(frozen=True)
class Pattern:
    name: str
    text: str  # the regex with the grammar's pieces substituted; the reader's own ({:series}) still in place
    groups: frozenset[str]
    read: dict[str, tuple[str, float]]  # column -> (group, factor): what a matching form gives directly

    def regex(self, **supplied: str) -> str:
        return PIECE.sub(lambda match: supplied[match.group(1)], self.text) if supplied else self.text


@dataclass(frozen=True)
class Grammar:
    name: str
    reader: str
    patterns: dict[str, Pattern]  # in file order (forms are tried in that order)
    tables: dict[str, dict[str, dict[str, Any]]]  # table -> key -> {column: value}
    settings: dict[str, Any]

    def column(self, table: str, name: str) -> dict[str, Any]:
        """key -> the value of one column, over the rows of ``table`` that set it to something."""
        return {key: row[name] for key, row in self.tables[table].items() if row.get(name) is not None}


def grammar_file(name: str) -> dict:
    """The raw content of ``resources/model_grammars/<name>.yaml``."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise GrammarError(f"model grammar name {name!r}: lower-case letters, digits and _ only")
    path = resources.files("effaudit") / "resources" / "model_grammars" / f"{name}.yaml"
    if not path.is_file():
        raise GrammarError(f"model grammar {name!r}: no file model_grammars/{name}.yaml")
    raw = load_yaml(path.read_text("utf-8"))
    if not isinstance(raw, dict):
        raise GrammarError(f"model_grammars/{name}.yaml: not a mapping")
    return raw


def _pieces(raw: Any, where: str) -> dict[str, str]:
    pieces = dict(BUILT_IN_PIECES)
    for name, value in (raw or {}).items():
        if isinstance(value, list):
            # Longest first, so that an alternative is never cut short by its own prefix (DG before D).
            value = "|".join(re.escape(str(item)) for item in sorted(map(str, value), key=len, reverse=True))
        if not isinstance(value, str):
            raise GrammarError(f"{where}: piece {name!r} is neither a regex nor a list of alternatives")
        pieces[str(name)] = value
    return pieces


def _pattern(name: str, raw: Any, pieces: dict[str, str], needs: Needs, where: str) -> Pattern:
    spec = raw if isinstance(raw, dict) else {"regex": raw}
    if not isinstance(spec.get("regex"), str) or set(spec) - {"regex", "read"}:
        raise GrammarError(f"{where}: pattern {name!r}: give a regex (and optionally read:)")
    unknown = {piece for piece in PIECE.findall(spec["regex"]) if piece not in pieces and piece not in needs.supplied}
    if unknown:
        raise GrammarError(f"{where}: pattern {name!r} uses undefined pieces {sorted(unknown)}")
    text = PIECE.sub(lambda match: pieces.get(match.group(1), match.group(0)), spec["regex"])
    try:
        compiled = re.compile(PIECE.sub("(?:X)", text))
    except re.error as error:
        raise GrammarError(f"{where}: pattern {name!r} is not a valid regex: {error}") from error
    groups = frozenset(compiled.groupindex)
    required = needs.patterns.get(name, needs.patterns.get(ANY_PATTERN, frozenset()))
    if not required <= groups:
        raise GrammarError(f"{where}: pattern {name!r} lacks the named groups {sorted(required - groups)}")
    read: dict[str, tuple[str, float]] = {}
    for column, source in (spec.get("read") or {}).items():
        group, factor = (source, 1.0) if isinstance(source, str) else (source.get("group"), source.get("times", 1.0))
        if column not in needs.outputs:
            raise GrammarError(f"{where}: pattern {name!r} reads {column!r}, not a column its reader returns "
                               f"({sorted(needs.outputs)})")
        if group not in groups or not isinstance(factor, (int, float)):
            raise GrammarError(f"{where}: pattern {name!r} reads {column!r} from {source!r}: not one of its "
                               f"groups (with an optional number times:)")
        read[column] = (group, float(factor))
    return Pattern(name, text, groups, read)


def _table(name: str, raw: Any, needs: Needs, where: str) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, dict):
        raise GrammarError(f"{where}: table {name!r} is not a mapping")
    allowed, known = needs.tables[name], vocabulary()
    rows: dict[str, dict[str, Any]] = {}
    for key, row in raw.items():
        row = row or {}
        if not isinstance(row, dict) or set(row) - allowed:
            raise GrammarError(f"{where}: table {name!r} row {key!r}: columns {sorted(set(row) - allowed)} "
                               f"(this table may set {sorted(allowed)})")
        for column, value in row.items():
            coded = needs.outputs.get(column)
            if coded and value is not None and str(value) not in known[coded].values():
                raise GrammarError(f"{where}: table {name!r} row {key!r}: {value!r} is not a {coded} code "
                                   f"(resources/vocabulary/)")
        rows[str(key)] = {column: (str(value) if needs.outputs.get(column) and value is not None else value)
                          for column, value in row.items()}
    return rows


@cache
def load_grammar(name: str, reader: str, needs: Needs) -> Grammar:
    """The grammar ``name`` for ``reader``, checked against what that reader needs (read once)."""
    return grammar_from(grammar_file(name), name, reader, needs)


def grammar_from(raw: dict, name: str, reader: str, needs: Needs) -> Grammar:
    """A grammar file's content, checked against what ``reader`` needs (``GrammarError`` saying what is wrong)."""
    where = f"model_grammars/{name}.yaml"
    if set(raw) - _FILE_KEYS:
        raise GrammarError(f"{where}: unknown keys {sorted(set(raw) - _FILE_KEYS)} (expected {sorted(_FILE_KEYS)})")
    if raw.get("reader") != reader:
        raise GrammarError(f"{where}: names reader {raw.get('reader')!r}, read here by the {reader!r} reader")
    pieces = _pieces(raw.get("pieces"), where)
    patterns = {str(key): _pattern(str(key), value, pieces, needs, where)
                for key, value in (raw.get("patterns") or {}).items()}
    missing = set(needs.patterns) - {ANY_PATTERN} - set(patterns)
    if missing or not patterns:
        raise GrammarError(f"{where}: patterns {sorted(missing) or ['(none)']} missing")
    tables_raw = raw.get("tables") or {}
    if set(tables_raw) != set(needs.tables):
        raise GrammarError(f"{where}: tables {sorted(tables_raw)}; its reader uses {sorted(needs.tables)}")
    tables = {key: _table(key, tables_raw[key], needs, where) for key in needs.tables}
    settings = raw.get("settings") or {}
    if set(settings) != set(needs.settings) or any(not isinstance(settings[key], kind) or isinstance(settings[key], bool)
                                                   for key, kind in needs.settings.items()):
        raise GrammarError(f"{where}: settings {settings!r}; its reader uses "
                           f"{ {key: kind.__name__ for key, kind in needs.settings.items()} }")
    return Grammar(name, reader, patterns, tables, dict(settings))
