"""Scope exclusions as data (effaudit/resources/scope_rules.yaml): items of a family that a standard's scope clause
leaves out — a single-phase motor, a crane motor, a compressor of a gas other than air — found by words in their
texts or by their model series, for the whole frame at once."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from effaudit.errors import RulebookError
from effaudit.io.values import per_distinct
from effaudit.standards.model import Condition

TEXT_FIELDS = ("name", "category_text", "type_text", "remarks", "model")
OUTCOMES = ("out_of_scope", "not_encoded")


@dataclass(frozen=True)
class ScopeRule:
    id: str
    standard: str  # the standard number, without the edition year: GB 18613
    clause: str
    fields: tuple[str, ...]
    words: tuple[str, ...]
    series: frozenset[str]
    unless: tuple[str, ...]
    outcome: str
    covered_when: tuple[Condition, ...]
    zh: str
    en: str
    source: str

    def applies_to(self, standard_id: str) -> bool:
        return standard_id == self.standard or standard_id.startswith(self.standard + "-")


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).upper().replace(" ", "")


SERIES_TOKEN = re.compile(r"^[A-Z]+")


def _fail(where: str, why: str) -> RulebookError:
    return RulebookError(f"effaudit/resources/scope_rules.yaml: {where}: {why}")


def _strings(raw: dict, name: str, where: str, required: bool = False) -> tuple[str, ...]:
    values = raw.get(name, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise _fail(f"{where}.{name}", "expected a list of non-empty texts")
    if required and not values:
        raise _fail(f"{where}.{name}", "missing")
    return tuple(values)


def _rule(raw: object, where: str) -> ScopeRule:
    if not isinstance(raw, dict):
        raise _fail(where, "expected a mapping")
    known = {"id", "standard", "clause", "fields", "words", "series", "unless", "outcome", "covered_when", "zh",
             "en", "source"}
    if set(raw) - known:
        raise _fail(where, f"unknown keys {sorted(set(raw) - known)}")
    for name in ("id", "standard", "clause", "outcome", "zh", "en", "source"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            raise _fail(f"{where}.{name}", "missing or not a text")
    if raw["outcome"] not in OUTCOMES:
        raise _fail(f"{where}.outcome", f"{raw['outcome']!r} is not one of {OUTCOMES}")
    fields = _strings(raw, "fields", where, required=True)
    if set(fields) - set(TEXT_FIELDS):
        raise _fail(f"{where}.fields", f"unknown {sorted(set(fields) - set(TEXT_FIELDS))}; known: {TEXT_FIELDS}")
    words, series = _strings(raw, "words", where), _strings(raw, "series", where)
    if not words and not series:
        raise _fail(where, "needs words or series")
    conditions = []
    for index, condition in enumerate(raw.get("covered_when", [])):
        if not isinstance(condition, dict) or "field" not in condition:
            raise _fail(f"{where}.covered_when[{index}]", "expected {field, min?, max?, equals?, in?}")
        conditions.append(Condition(condition["field"], condition.get("min"), condition.get("max"),
                                    condition.get("equals"),
                                    tuple(condition["in"]) if "in" in condition else None))
    if raw["outcome"] == "not_encoded" and not conditions:
        raise _fail(f"{where}.covered_when", "not_encoded needs the conditions under which the other table covers "
                                             "the item")
    return ScopeRule(raw["id"], raw["standard"], raw["clause"], fields, tuple(_normal(w) for w in words),
                     frozenset(_normal(s) for s in series), tuple(_normal(w) for w in _strings(raw, "unless", where)),
                     raw["outcome"], tuple(conditions), raw["zh"], raw["en"], raw["source"])


@cache
def scope_rules() -> tuple[ScopeRule, ...]:
    text = resources.files("effaudit").joinpath("resources/scope_rules.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise _fail("rules", "expected a list of rules")
    rules = tuple(_rule(raw, f"rules[{index}]") for index, raw in enumerate(data["rules"]))
    ids = [rule.id for rule in rules]
    if len(set(ids)) != len(ids):
        raise _fail("rules", "duplicate ids")
    return rules


def matches(rule: ScopeRule, items: pd.DataFrame) -> np.ndarray:
    """Items whose texts hold one of the rule's words (and none of its ``unless`` words), or whose model series is
    one of its series. Each distinct text is looked at once."""
    found = np.zeros(len(items), dtype=bool)
    vetoed = np.zeros(len(items), dtype=bool)
    for field in rule.fields:
        if field not in items:
            continue
        cells = items[field].astype(object).where(items[field].notna(), None)

        def look(text: object) -> tuple[bool, bool]:
            normal = _normal(str(text))
            token = SERIES_TOKEN.match(normal)
            hit = any(word in normal for word in rule.words) or (
                field == "model" and token is not None and token.group(0) in rule.series)
            return hit, any(word in normal for word in rule.unless)

        codes, results = per_distinct(cells, look)
        table = np.array([*results, (False, False)], dtype=bool).reshape(-1, 2)  # code -1 (blank) → the last
        found |= table[codes, 0]
        vetoed |= table[codes, 1]
    return found & ~vetoed
