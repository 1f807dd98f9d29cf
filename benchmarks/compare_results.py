"""Two result JSON files of the same inventory (one written before a change, one after) compared: each item's
verdict, status and findings, the rest of each item, and the rest of the document, as parsed (so that a change of
layout alone is no difference).

    .venv/bin/python -m benchmarks.compare_results before.json after.json

Either file may be of schema effaudit.audit/1 or effaudit.audit/2: both are read as audit/2 says (``_as_audit2``:
no null keys, records naming their item by index) with each finding's message as its text, so an audit/1 result
and an audit/2 one of the same inventory compare equal when every item, finding, record and total is the same.

Items are read line by line (the JSON writes one item per line): a 200,000-line result is compared without
parsing both documents whole.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from effaudit.report.json_report import without_nulls

ITEM = '    {"'  # an item's line, at the indentation of the items list (nothing else is one line there)
# What an audit/1 record repeated of its item (a below-target record's quantity is the units it counts: kept)
PLAN_IDENTITY = ("sheet", "row", "equipment_id", "name", "category", "model", "quantity")
BELOW_TARGET_IDENTITY = ("sheet", "row", "equipment_id", "name", "family", "model", "verdict")


def _split(path: Path) -> tuple[list[str], dict]:
    """(the item lines, the document without its items)."""
    items, rest = [], []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            (items if line.startswith(ITEM) else rest).append(line)
    return items, json.loads("".join(rest))


def _item(line: str, rest: dict) -> dict:
    """An item line as audit/2 writes it (no null keys), each finding's message as its text."""
    item = without_nulls(json.loads(line.rstrip().rstrip(",")))
    if rest["schema"] == "effaudit.audit/2":
        for finding in item["findings"]:
            if "message" in finding:
                finding["message"] = rest["messages"][finding["message"]]
    return item


def _as_audit2(rest: dict, item_lines: list[str]) -> dict:
    """The document without its items as audit/2 gives it: an audit/1 document's renewal-list, step and
    below-target records without null keys, naming their item by its index (found by sheet and row, a step's by
    its rank) instead of repeating its identity; no ``schema`` and no ``messages`` (the items are compared with
    their texts)."""
    schema = rest["schema"]
    rest = {key: value for key, value in rest.items() if key not in ("schema", "messages")}
    if schema == "effaudit.audit/2":
        return rest
    index = {}
    for position, line in enumerate(item_lines):
        item = json.loads(line.rstrip().rstrip(","))
        index[item["sheet"], item["row"]] = position

    def named(record: dict, left_out: tuple[str, ...]) -> dict:
        return {"item": index[record["sheet"], record["row"]]} | without_nulls(
            {key: value for key, value in record.items() if key not in left_out})

    plan = rest["renewal_plan"]
    plan["items"] = [named(record, PLAN_IDENTITY) for record in plan["items"]]
    by_rank = {record["rank"]: record["item"] for record in plan["items"]}
    plan["to_target"]["steps"] = [{"item": by_rank[step["rank"]]} | without_nulls(
        {key: value for key, value in step.items() if key != "equipment_id"}) for step in plan["to_target"]["steps"]]
    target = rest["summary"]["energy_saving_target"]
    target["below_target"] = [named(record, BELOW_TARGET_IDENTITY) for record in target["below_target"]]
    return rest


def _judged(item: dict) -> tuple:
    return item["verdict"], item["status"], item["findings"]


def compare(before: Path, after: Path) -> dict[str, int | list[str]]:
    """Counts of the items that differ (in verdict, status or findings; elsewhere) and the top-level keys of the
    rest of the document that differ."""
    old_items, old_rest = _split(before)
    new_items, new_rest = _split(after)
    judged = other = 0
    for old_line, new_line in zip(old_items, new_items, strict=True):
        if old_line == new_line and old_rest["schema"] == new_rest["schema"]:
            continue
        old, new = _item(old_line, old_rest), _item(new_line, new_rest)
        judged += _judged(old) != _judged(new)
        other += old != new
    old_rest, new_rest = _as_audit2(old_rest, old_items), _as_audit2(new_rest, new_items)
    return {"items": len(old_items), "verdict, status or findings differ": judged, "item differs": other,
            "document keys that differ": sorted(key for key in old_rest.keys() | new_rest.keys()
                                                if old_rest.get(key) != new_rest.get(key))}


if __name__ == "__main__":
    print(json.dumps(compare(Path(sys.argv[1]), Path(sys.argv[2])), ensure_ascii=False))
