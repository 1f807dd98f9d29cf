"""The JSON result (schema effaudit.audit/1, the contract in DESIGN.md). Same input and --as-of → same bytes."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from effaudit import __version__
from effaudit.engine import AuditResult
from effaudit.findings import STATUS_ORDER, VERDICT_ORDER
from effaudit.report.quota_detail import computation_record
from effaudit.report.target import energy_saving_target

SCHEMA = "effaudit.audit/1"
ITEM_FIELDS = ("sheet", "row", "equipment_id", "name", "family", "model", "quantity")


def _column(frame: pd.DataFrame, name: str) -> list[Any]:
    """A column as JSON-safe Python values, converted once for the whole column: missing → None, floats rounded
    to 6 decimals (so that 0.942 × 100 prints as 94.2), numpy scalars → Python scalars."""
    values = frame[name]
    if pd.api.types.is_float_dtype(values):
        values = values.round(6)
    return values.astype(object).where(values.notna(), None).tolist()


def _quantities(findings: pd.DataFrame, prefix: str) -> list[dict | None]:
    return [None if value is None else {"value": value, "unit": unit}
            for value, unit in zip(_column(findings, f"{prefix}_value"), _column(findings, f"{prefix}_unit"))]


def _findings_by_item(findings: pd.DataFrame, lang: str) -> dict[int, list[dict]]:
    fields = ("code", "severity", "verdict", "standard", "clause")
    columns = [_column(findings, name) for name in fields]
    measured, required = _quantities(findings, "measured"), _quantities(findings, "required")
    tail = zip(findings["inferred"].astype(bool).tolist(), _column(findings, "confidence"),
               _column(findings, "deadline"), _column(findings, f"message_{lang}"))
    by_item: dict[int, list[dict]] = {}
    for item, *values, measure, require, (inferred, confidence, deadline, message) in zip(
            findings["item"].tolist(), *columns, measured, required, tail):
        finding = dict(zip(fields, values))
        finding.update(measured=measure, required=require, inferred=inferred, confidence=confidence,
                       deadline=deadline, message=message)
        by_item.setdefault(item, []).append(finding)
    return by_item


def _add_products(records: list[dict], result: AuditResult, lang: str) -> None:
    """Product rows (quota check) carry what they name and how they were judged."""
    products = result.items.index[result.items["family"] == "product"]
    fields = ("product_name", "process", "indicator", "period")
    for position, values in zip(products, zip(*(_column(result.items.loc[products], f) for f in fields))):
        records[position]["product"] = dict(zip(("name", "process", "indicator", "period"), values))
        computation = result.quota_computations.get(int(position))
        if computation is not None:
            records[position]["computation"] = computation_record(computation, lang)


def build(result: AuditResult, lang: str = "zh") -> dict:
    items = result.items
    findings_by_item = _findings_by_item(result.findings, lang)
    names = [*ITEM_FIELDS, "verdict", "status"]
    records = []
    for position, values in enumerate(zip(*(_column(items, name) for name in names))):
        record = dict(zip(names, values))
        record["category"] = record.pop("family")
        record["verdict"], record["status"] = record.pop("verdict"), record.pop("status")
        record["findings"] = findings_by_item.get(position, [])
        records.append(record)
    _add_products(records, result, lang)
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
        "items": records,
        "errors": [],
    }


def dumps(result: AuditResult, lang: str = "zh") -> str:
    """Indented at the top, one item per line: readable, diffable, and fast (json's C encoder only runs
    without ``indent``, and a 200,000-item result is mostly items)."""
    document = build(result, lang)
    items, errors = document.pop("items"), document.pop("errors")
    head = json.dumps(document, ensure_ascii=False, indent=2)[:-2]  # drop the closing "\n}"
    lines = ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in items)
    tail = json.dumps(errors, ensure_ascii=False)
    return f'{head},\n  "items": [\n{lines}\n  ],\n  "errors": {tail}\n}}\n'
