"""The two sides of a re-inspection as item frames of one shape, whatever they were read from: a result JSON file
(``effaudit check --json``, or a batch's ``<enterprise>/result.json``) or an enterprise's round in the findings
store.

Columns: ``equipment_id``, ``sheet``, ``row``, ``name``, ``model``, ``rating``, ``location``, ``quantity``,
``verdict``, ``status``, ``codes`` (the item's violation and advisory finding codes, comma-separated). A result
JSON does not carry an item's rating or location: they are empty there, and matching does without them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from effaudit.errors import UsageError

COLUMNS = ("equipment_id", "sheet", "row", "name", "model", "rating", "location", "quantity", "verdict", "status",
           "codes")
PROBLEMS = ("violation", "advisory")
# The result schemas read: audit/1 (files written before the leaner format) and audit/2. What is read here is
# in both alike: the items' identity, verdict and status, their findings' codes and severities, as_of and the
# inventory's SHA-256; audit/2 leaves out a key whose value would be null.
RESULT_SCHEMAS = ("effaudit.audit/1", "effaudit.audit/2")
# An item's rating as one text, from the first rating column it has: kW, kVA, t/h, MW, cooling kW
RATINGS = (("rated_power_kw", "kW"), ("capacity_kva", "kVA"), ("steam_capacity_t_h", "t/h"),
           ("thermal_power_mw", "MW"), ("cooling_capacity_kw", "kW cooling"))


@dataclass(frozen=True)
class Audit:
    """One side: what was audited, when, and its items."""

    label: str  # the file, or STORE@as_of/enterprise
    as_of: str
    inventory_sha256: str
    items: pd.DataFrame


def empty_items() -> pd.DataFrame:
    return pd.DataFrame(columns=COLUMNS)


def store_round(text: str) -> tuple[Path, dt.date] | None:
    """``STORE@YYYY-MM-DD`` → the findings store and the round; None when ``text`` is not of that form. STORE may
    be a batch's output folder (its ``_store``)."""
    path, at, day = str(text).rpartition("@")
    if not at or not path:
        return None
    try:
        as_of = dt.date.fromisoformat(day)
    except ValueError:
        return None
    store = Path(path)
    if not (store / "items").is_dir() and (store / "_store" / "items").is_dir():
        store = store / "_store"
    if not (store / "items").is_dir():
        raise UsageError("not a findings store (no items/ folder): give STORE@YYYY-MM-DD, STORE being a batch's "
                         "--store or its output folder", file=path)
    return store, as_of


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def read_result(path: Path) -> Audit:
    """A result JSON file (``RESULT_SCHEMAS``); exit 2 naming the file when it is not one."""
    try:
        result = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"cannot read: {error.strerror}", file=str(path)) from error
    except ValueError as error:
        raise UsageError(f"not a JSON file ({error})", file=str(path)) from error
    if not isinstance(result, dict) or result.get("schema") not in RESULT_SCHEMAS:
        raise UsageError(f"not an effaudit result (schema {' or '.join(RESULT_SCHEMAS)}): write one with "
                         "`effaudit check INVENTORY --json PATH`", file=str(path))
    rows = [{"equipment_id": _text(item.get("equipment_id")), "sheet": _text(item.get("sheet")),
             "row": item.get("row"), "name": _text(item.get("name")), "model": _text(item.get("model")),
             "rating": "", "location": "", "quantity": item.get("quantity"), "verdict": item["verdict"],
             "status": item["status"],
             "codes": ",".join(sorted({f["code"] for f in item.get("findings", []) if f.get("severity") in PROBLEMS}))}
            for item in result["items"]]
    return Audit(str(path), result["as_of"], result["inventory"]["sha256"], pd.DataFrame(rows, columns=COLUMNS))


def read_round(connection, store: str, as_of: dt.date, enterprise: str) -> Audit:  # noqa: ANN001 - duckdb
    """An enterprise's round in the findings store, through a connection from ``effaudit.store.query``."""
    rating = "coalesce(" + ", ".join(f"CASE WHEN {column} IS NOT NULL THEN format('{{:g}} {unit}', {column}) END"
                                     for column, unit in RATINGS) + ", '')"
    frame = connection.execute(f"""
        WITH codes AS (
            SELECT item, string_agg(DISTINCT code, ',' ORDER BY code) AS codes FROM findings
            WHERE as_of = $as_of AND enterprise = $enterprise AND severity IN ('violation', 'advisory')
            GROUP BY item)
        SELECT coalesce(equipment_id, '') AS equipment_id, coalesce(sheet, '') AS sheet, row,
               coalesce(name, '') AS name, coalesce(model, '') AS model, {rating} AS rating,
               coalesce(location, '') AS location, quantity, verdict, status, coalesce(codes, '') AS codes,
               inventory_sha256 AS sha256
        FROM items LEFT JOIN codes USING (item)
        WHERE as_of = $as_of AND enterprise = $enterprise
        ORDER BY item""", {"as_of": as_of, "enterprise": enterprise}).df()
    sha256 = frame["sha256"].iloc[0] if len(frame) else ""
    return Audit(f"{store}@{as_of.isoformat()}/{enterprise}", as_of.isoformat(), sha256,
                 frame[list(COLUMNS)].astype({"row": "Int64"}))
