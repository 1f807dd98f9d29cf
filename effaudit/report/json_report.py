"""The JSON result (schema effaudit.audit/1, the contract in DESIGN.md). Same input and --as-of → same bytes.

The text is the one ``json.dumps(document, ensure_ascii=False, indent=2)`` would give, except that each item is
on one line (readable, diffable). It is produced in pieces (``chunks``) so that a large result is written without
holding the whole text: the items are encoded column-wise, each distinct value of a column once, and the rest of
the document through json's C encoder (``indent`` alone would take its pure-Python encoder).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from effaudit import __version__
from effaudit.engine import AuditResult
from effaudit.findings import STATUS_ORDER, VERDICT_ORDER
from effaudit.report.target import Records, energy_saving_target

SCHEMA = "effaudit.audit/1"
# JSON key -> column of the items frame, in the order of the JSON.
ITEM_FIELDS = {"sheet": "sheet", "row": "row", "equipment_id": "equipment_id", "name": "name", "model": "model",
               "quantity": "quantity", "category": "family", "verdict": "verdict", "status": "status"}
FINDING_FIELDS = ("code", "severity", "verdict", "standard", "clause")
ITEMS_PER_CHUNK = 10_000
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _encoded(values: pd.Series) -> np.ndarray:
    """Each value of a column as JSON text, encoded once per distinct value: missing → null, floats rounded to
    6 decimals (so that 0.942 × 100 prints as 94.2)."""
    if pd.api.types.is_float_dtype(values):
        rounded = values.round(6).to_numpy(dtype="float64")
        codes, distinct = pd.factorize(rounded.view("int64"))  # by bit pattern: 0.0 and -0.0 stay apart
        texts = np.array(_texts(distinct.view("float64").tolist()) + ["null"], dtype=object)
        return texts[np.where(np.isnan(rounded), -1, codes)]
    codes, distinct = pd.factorize(values, use_na_sentinel=True)
    return np.array(_texts(distinct.tolist()) + ["null"], dtype=object)[codes]


def _quantities(findings: pd.DataFrame, prefix: str) -> np.ndarray:
    """``{"value": …, "unit": …}``, or null when there is no value."""
    value, unit = _encoded(findings[f"{prefix}_value"]), _encoded(findings[f"{prefix}_unit"])
    texts = np.array([f'{{"value": {v}, "unit": {u}}}' for v, u in zip(value.tolist(), unit.tolist())], dtype=object)
    return np.where(value == "null", "null", texts)


def _finding_texts(findings: pd.DataFrame, lang: str) -> list[str]:
    """Each finding as a JSON object, in the order of the findings frame."""
    columns = [_encoded(findings[name]).tolist() for name in FINDING_FIELDS]
    tail = [_quantities(findings, "measured").tolist(), _quantities(findings, "required").tolist(),
            _encoded(findings["inferred"].astype(bool)).tolist(), _encoded(findings["confidence"]).tolist(),
            _encoded(findings["deadline"]).tolist(), _encoded(findings[f"message_{lang}"]).tolist()]
    head = ", ".join(f'"{name}": {{}}' for name in FINDING_FIELDS)
    template = ("{{" + head + ', "measured": {}, "required": {}, "inferred": {}, "confidence": {}, "deadline": {}, '
                '"message": {}}}')
    return [template.format(*values) for values in zip(*columns, *tail)]


def item_lines(result: AuditResult, lang: str) -> Iterator[str]:
    """Each item as one line of JSON (without indentation), in item order, with its findings."""
    items, findings = result.items, result.findings
    order = np.argsort(findings["item"].to_numpy(), kind="stable")
    texts = _finding_texts(findings.iloc[order], lang)
    bounds = np.searchsorted(findings["item"].to_numpy()[order], np.arange(len(items) + 1)).tolist()
    template = "{{" + ", ".join(f'"{key}": {{}}' for key in ITEM_FIELDS) + ', "findings": [{}]}}'
    columns = [_encoded(items[column]).tolist() for column in ITEM_FIELDS.values()]
    for position, values in enumerate(zip(*columns)):
        yield template.format(*values, ", ".join(texts[bounds[position]:bounds[position + 1]]))


def head(result: AuditResult, lang: str = "zh") -> dict:
    """The document without its items and errors."""
    items = result.items
    by_verdict = items["verdict"].value_counts()
    by_status = items["status"].value_counts()
    inventory = result.inventory
    return {
        "schema": SCHEMA,
        "tool": {"name": "effaudit", "version": __version__, "rulebook": result.rulebook.version},
        "as_of": result.as_of.isoformat(),
        "inventory": {
            "path": str(inventory.path), "sha256": inventory.sha256,
            "sheets": [{"name": s.name, "header_row": s.header_row, "unknown_columns": s.unknown_columns,
                        "notes": list(getattr(s, "notes", []))} for s in inventory.sheets],
        },
        "jurisdiction": result.jurisdiction,
        "standards": [{"id": d.id, "title": d.title_zh if lang == "zh" else d.title_en, "title_zh": d.title_zh,
                       "effective": d.effective.isoformat(), "confidence": d.confidence}
                      for d in result.standards_applied]
        + [{"id": p.id, "title": p.title_zh if lang == "zh" else p.title_en, "title_zh": p.title_zh,
            "effective": p.effective.isoformat(), "confidence": p.confidence, "kind": p.kind,
            "document": p.document, "jurisdiction": p.jurisdiction} for p in result.policies_applied],
        "summary": {
            "items": len(items),
            "by_verdict": {v: int(by_verdict.get(v, 0)) for v in VERDICT_ORDER},
            "by_status": {s: int(by_status.get(s, 0)) for s in STATUS_ORDER},
            "energy_saving_target": energy_saving_target(result),
        },
    }


def _texts(values: list) -> list[str]:
    """Each value as JSON text; a value the list repeats (names, models, verdicts) is encoded once. Text and
    integers take json's own C function and ``int.__repr__`` directly (ids and row numbers rarely repeat)."""
    cache: dict[tuple[type, Any], str] = {}
    texts = []
    for value in values:
        key = (value.__class__, value)
        text = cache.get(key)
        if text is None:
            if key[0] is str:
                text = encode_basestring(value)
            elif key[0] is int:
                text = int.__repr__(value)
            else:
                text = _ENCODER.encode(value)
            if not (key[0] is float and value == 0):  # 0.0 == -0.0, but they are written apart
                cache[key] = text
        texts.append(text)
    return texts


def _records_text(records: Records, level: int) -> str:
    """``_indented`` of a ``Records`` list, through one line template filled column by column."""
    inner, outer = "\n" + "  " * (level + 2), "\n" + "  " * (level + 1)
    keys = [_ENCODER.encode(key).replace("{", "{{").replace("}", "}}") for key in records.columns]
    template = "{{" + ",".join(f"{inner}{key}: {{}}" for key in keys) + outer + "}}"
    lines = [template.format(*values) for values in zip(*map(_texts, records.columns.values()))]
    return "[" + outer + ("," + outer).join(lines) + "\n" + "  " * level + "]"


def _indented(value: Any, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` for a value nested ``level`` deep (json's ``indent``
    takes its pure-Python encoder, too slow for the many ``below_target`` records)."""
    if not isinstance(value, (dict, list, tuple)) or not value:
        return _ENCODER.encode(value)
    if isinstance(value, Records) and value.columns:
        return _records_text(value, level)
    inner, outer = "\n" + "  " * (level + 1), "\n" + "  " * level
    if isinstance(value, dict):  # json writes a non-text key as the text of its JSON form
        parts = [_ENCODER.encode(key if isinstance(key, str) else _ENCODER.encode(key)) + ": "
                 + _indented(member, level + 1) for key, member in value.items()]
        return "{" + inner + ("," + inner).join(parts) + outer + "}"
    return "[" + inner + ("," + inner).join([_indented(member, level + 1) for member in value]) + outer + "]"


def chunks(result: AuditResult, lang: str = "zh") -> Iterator[str]:
    """The JSON text in pieces: indented at the top, one item per line."""
    yield _indented(head(result, lang))[:-2] + ',\n  "items": [\n'  # without the closing "\n}"
    batch: list[str] = []
    for position, line in enumerate(item_lines(result, lang)):
        batch.append(("    " if position == 0 else ",\n    ") + line)
        if len(batch) == ITEMS_PER_CHUNK:
            yield "".join(batch)
            batch = []
    yield "".join(batch) + '\n  ],\n  "errors": []\n}\n'
