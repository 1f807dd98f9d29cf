"""Two result JSON files of the same inventory (one written before a change, one after) compared: each item's
verdict, status and findings, the rest of each item, and the rest of the document, as parsed (so that a change of
layout alone is no difference).

    .venv/bin/python -m benchmarks.compare_results before.json after.json

Items are read line by line (the JSON writes one item per line): a 200,000-line result is compared without
parsing both documents whole.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ITEM = '    {"sheet": '  # an item's line, at the indentation of the items list


def _split(path: Path) -> tuple[list[str], dict]:
    """(the item lines, the document without its items)."""
    items, rest = [], []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            (items if line.startswith(ITEM) else rest).append(line)
    return items, json.loads("".join(rest))


def _judged(item: dict) -> tuple:
    return item["verdict"], item["status"], item["findings"]


def compare(before: Path, after: Path) -> dict[str, int | list[str]]:
    """Counts of the items that differ (in verdict, status or findings; elsewhere) and the top-level keys of the
    rest of the document that differ."""
    old_items, old_rest = _split(before)
    new_items, new_rest = _split(after)
    judged = other = 0
    for old_line, new_line in zip(old_items, new_items, strict=True):
        if old_line == new_line:
            continue
        old, new = json.loads(old_line.rstrip().rstrip(",")), json.loads(new_line.rstrip().rstrip(","))
        judged += _judged(old) != _judged(new)
        other += old != new
    return {"items": len(old_items), "verdict, status or findings differ": judged, "item differs": other,
            "document keys that differ": sorted(key for key in old_rest.keys() | new_rest.keys()
                                                if old_rest.get(key) != new_rest.get(key))}


if __name__ == "__main__":
    print(json.dumps(compare(Path(sys.argv[1]), Path(sys.argv[2])), ensure_ascii=False))
