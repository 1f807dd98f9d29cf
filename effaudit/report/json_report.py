"""The JSON result (schema effaudit.audit/1, the contract in DESIGN.md). Same input and --as-of → same bytes."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from effaudit import __version__
from effaudit.engine import AuditResult
from effaudit.findings import STATUS_ORDER, VERDICT_ORDER

SCHEMA = "effaudit.audit/1"
ITEM_FIELDS = ("sheet", "row", "equipment_id", "name", "family", "model", "quantity")


def _clean(value: Any) -> Any:
    """JSON-safe scalars: NaN/NA → None, numpy numbers → Python numbers, floats rounded to 6 decimals."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    return value


def _quantity(value: Any, unit: Any) -> dict | None:
    value = _clean(value)
    return None if value is None else {"value": value, "unit": _clean(unit)}


def _finding(row: dict, lang: str) -> dict:
    return {
        "code": row["code"], "severity": row["severity"], "verdict": _clean(row["verdict"]),
        "standard": _clean(row["standard"]), "clause": _clean(row["clause"]),
        "measured": _quantity(row["measured_value"], row["measured_unit"]),
        "required": _quantity(row["required_value"], row["required_unit"]),
        "inferred": bool(row["inferred"]), "confidence": _clean(row["confidence"]),
        "deadline": _clean(row["deadline"]),
        "message": row["message_zh"] if lang == "zh" else row["message_en"],
    }


def build(result: AuditResult, lang: str = "zh") -> dict:
    items = result.items
    findings_by_item: dict[int, list[dict]] = {}
    for row in result.findings.to_dict("records"):
        findings_by_item.setdefault(int(row["item"]), []).append(_finding(row, lang))
    records = []
    for position, row in enumerate(items[list(ITEM_FIELDS) + ["verdict", "status"]].to_dict("records")):
        record = {field: _clean(row[field]) for field in ITEM_FIELDS}
        record["category"] = record.pop("family")
        record["verdict"], record["status"] = row["verdict"], row["status"]
        record["findings"] = findings_by_item.get(position, [])
        records.append(record)
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
        "standards": [{"id": d.id, "title": d.title_zh if lang == "zh" else d.title_en, "title_zh": d.title_zh,
                       "effective": d.effective.isoformat(), "confidence": d.confidence}
                      for d in result.standards_applied],
        "summary": {
            "items": len(items),
            "by_verdict": {v: int(by_verdict.get(v, 0)) for v in VERDICT_ORDER},
            "by_status": {s: int(by_status.get(s, 0)) for s in STATUS_ORDER},
        },
        "items": records,
        "errors": [],
    }


def dumps(result: AuditResult, lang: str = "zh") -> str:
    return json.dumps(build(result, lang), ensure_ascii=False, indent=2) + "\n"
