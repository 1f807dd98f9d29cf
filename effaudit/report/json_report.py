"""The JSON result (schema effaudit.audit/2, the contract in the README). Same input and --as-of → same bytes.

The text is the one ``json.dumps(document, ensure_ascii=False, indent=2)`` would give, except that each item and
each record of a list of records (the renewal list, the items below the target) is on one line: readable,
diffable, and 15 % fewer bytes at 200,000 lines than a key per line. It is produced in pieces (``chunks``) so that
a large result is written without holding the whole text. The items and the records are encoded column by column,
each distinct value once, through json's own C functions (``indent`` alone would take json's pure-Python encoder,
one value at a time).

What makes audit/2 leaner than audit/1 (40 % of the bytes): a finding's message is an index into the document's
``messages`` (each distinct text once, in order of first use); a key whose value would be null is left out of the
items, their findings, savings, products and computations, and the records; a record names its item by its index
in ``items`` instead of repeating the item's sheet, row, id, name, family, model and quantity.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring
from typing import Any

import numpy as np
import pandas as pd

from effaudit import __version__
from effaudit import findings as findings_module
from effaudit.engine import AuditResult
from effaudit.findings import STATUS_ORDER, VERDICT_ORDER
from effaudit.frames import give_back_freed_memory
from effaudit.io.values import combinations, factorize
from effaudit.report.quota_detail import computation_record
from effaudit.report.savings import FIGURES, renewal_plan_json, saving_rows, savings_summary
from effaudit.report.target import Records, energy_saving_target

SCHEMA = "effaudit.audit/2"
ROWS_PER_BLOCK = 10_000  # items (and records) encoded at a time
ITEMS_PER_FINDING_TEXTS = 50_000  # items whose findings are encoded together (a multiple of ROWS_PER_BLOCK)
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _float_text(value: float) -> str:
    return float.__repr__(value) if math.isfinite(value) else _ENCODER.encode(value)  # json writes NaN, Infinity


# What json writes for a value of each type (ensure_ascii=False), through json's own C function for text; values of
# other types take the encoder itself.
_SCALAR_TEXT: dict[type, Callable[[Any], str]] = {
    str: encode_basestring, int: int.__repr__, float: _float_text, bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null", type(pd.NA): lambda _: "null",
}


def _coded_texts(values: list) -> tuple[np.ndarray, np.ndarray]:
    """(codes, texts): value i as JSON text is ``texts[codes[i]]``, the last text being null. Texts and numbers,
    with or without gaps (None), are encoded once per distinct value (a record's standard and figures repeat); a
    list of another single type through one C-level ``map``."""
    kinds = set(map(type, values))
    if kinds <= {float, type(None)} and float in kinds:
        numbers = np.array(values, dtype="float64")  # None → NaN
        codes, distinct = pd.factorize(numbers.view("int64"))  # by bit pattern: 0.0 and -0.0 stay apart
        texts = list(map(_float_text, distinct.view("float64").tolist()))
        gaps = np.flatnonzero(np.isnan(numbers))
        codes[gaps[[values[position] is None for position in gaps.tolist()]]] = -1
    elif kinds <= {str, type(None)}:
        codes, distinct = pd.factorize(np.array(values, dtype=object))  # None → -1
        texts = list(map(encode_basestring, distinct.tolist()))
    else:
        codes = np.arange(len(values))
        texts = (list(map(_SCALAR_TEXT.get(kinds.pop(), _ENCODER.encode), values)) if len(kinds) == 1 else
                 [_SCALAR_TEXT.get(type(value), _ENCODER.encode)(value) for value in values])
    return codes, np.array(texts + ["null"], dtype=object)


def _texts(values: list) -> list[str]:
    """Each value as JSON text (``_coded_texts``)."""
    codes, texts = _coded_texts(values)
    return texts[codes].tolist()


def _keyed(key: str, codes: np.ndarray, texts: np.ndarray) -> list[str]:
    """Each value as the member ``, "key": value`` of an object (value i is ``texts[codes[i]]``), or "" where it is
    null: audit/2 leaves such keys out. Made once per distinct text; joined, a row's members less their first two
    characters are the inside of its object (``_object``)."""
    prefix = ", " + encode_basestring(key) + ": "
    members = [prefix + text if text != "null" else "" for text in texts.tolist()]
    return np.array(members, dtype=object)[codes].tolist()


def _object(members: tuple[str, ...] | list[str]) -> str:
    """The JSON object of a row's members (``_keyed``), each beginning with ", "."""
    return "{" + "".join(members)[2:] + "}"


def _distinct_texts(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, texts): the JSON text of value i is ``texts[codes[i]]``, missing → null; floats rounded to 6
    decimals (so that 0.942 × 100 prints as 94.2). Floats, texts and flags repeat: each distinct one is encoded
    once."""
    if pd.api.types.is_float_dtype(values):
        rounded = values.round(6).to_numpy(dtype="float64")
        codes, distinct = pd.factorize(rounded.view("int64"))  # by bit pattern: 0.0 and -0.0 stay apart
        texts = _texts(distinct.view("float64").tolist())
        codes = np.where(np.isnan(rounded), -1, codes)
    elif isinstance(values.dtype, (pd.StringDtype, pd.CategoricalDtype)) or pd.api.types.is_bool_dtype(values):
        codes, distinct = factorize(values)
        texts = _texts(distinct.tolist())
    else:
        codes, texts = np.arange(len(values)), _texts(values.astype(object).where(values.notna(), None).tolist())
    return np.where(codes < 0, len(texts), codes), np.array(texts + ["null"], dtype=object)


def _encoded(values: pd.Series) -> list[str]:
    """Each value of a column as JSON text (``_distinct_texts``)."""
    codes, texts = _distinct_texts(values)
    return texts[codes].tolist()


def _quantity_texts(findings: pd.DataFrame, prefix: str) -> tuple[np.ndarray, np.ndarray]:
    """``{"value": …, "unit": …}``, or null when there is no value, as (codes, texts) like ``_distinct_texts``."""
    value_codes, values = _distinct_texts(findings[f"{prefix}_value"])
    unit_codes, units = _distinct_texts(findings[f"{prefix}_unit"])
    codes, first = combinations([value_codes, unit_codes], len(findings))
    texts = [f'{{"value": {value}{unit_member}}}' if value != "null" else "null"
             for value, unit_member in zip(values[value_codes[first]],
                                           _keyed("unit", unit_codes[first], units))]
    return codes, np.array(texts, dtype=object)


FINDING_FIELDS = ["code", "severity", "verdict", "standard", "clause", "measured_value", "measured_unit",
                  "required_value", "required_unit", "inferred", "confidence", "deadline"]  # and the message
FINDING_KEYS = ("code", "severity", "verdict", "standard", "clause", "measured", "required", "inferred",
                "confidence", "deadline", "message")
ITEM_FIELDS = {"sheet": "sheet", "row": "row", "equipment_id": "equipment_id", "name": "name", "model": "model",
               "quantity": "quantity", "category": "family", "verdict": "verdict", "status": "status"}


def _message_texts(message_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices into the document's ``messages`` (-1: no message) as (codes, texts) like ``_distinct_texts``."""
    codes, indices = pd.factorize(message_codes)
    return codes, np.array([str(index) if index >= 0 else "null" for index in indices.tolist()] + ["null"],
                           dtype=object)


def _finding_texts(findings: pd.DataFrame, message_codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(codes, texts): finding i as a JSON object is ``texts[codes[i]]``, its message the index
    ``message_codes[i]``. Findings repeat (an inventory's ratings, limits and messages recur), so each distinct
    finding is written once."""
    parts = [_distinct_texts(findings[name]) for name in ("code", "severity", "verdict", "standard", "clause")]
    parts += [_quantity_texts(findings, "measured"), _quantity_texts(findings, "required"),
              _distinct_texts(findings["inferred"].astype(bool))]
    parts += [_distinct_texts(findings[name]) for name in ("confidence", "deadline")]
    parts.append(_message_texts(message_codes))
    codes, first = combinations([part_codes for part_codes, _ in parts], len(findings))
    columns = [_keyed(key, part_codes[first], texts) for key, (part_codes, texts) in zip(FINDING_KEYS, parts)]
    return codes, np.array(list(map(_object, zip(*columns))), dtype=object)


def _item_lines(items: pd.DataFrame, findings: list[str], bounds: list[int], extras: dict[int, str],
                read_as: np.ndarray) -> list[str]:
    """Each item as one line of JSON (without indentation), with its findings (the texts of item i are
    ``findings[bounds[i]:bounds[i + 1]]``), the values not stated in their own column (``read_as``, only when
    there are any) and the ``extras`` of its position (a product's fields)."""
    columns = [_keyed(key, *_distinct_texts(items[name])) for key, name in ITEM_FIELDS.items()]
    read_as_texts = [f', "read_as": {text}' if text is not None else "" for text in read_as.tolist()]
    return ["{" + "".join(members)[2:] + f', "findings": [{", ".join(findings[start:stop])}]{read}'
            f'{extras.get(position, "")}}}'
            for *members, start, stop, read, position
            in zip(*columns, bounds[:-1], bounds[1:], read_as_texts, items.index.tolist())]


def without_nulls(value: Any) -> Any:
    """``value`` with the keys whose value is None left out, at every depth (a computation's record)."""
    if isinstance(value, dict):
        return {key: without_nulls(member) for key, member in value.items() if member is not None}
    if isinstance(value, list):
        return [without_nulls(member) for member in value]
    return value


def _product_extras(result: AuditResult, lang: str, start: int, stop: int) -> dict[int, str]:
    """For each product row (quota check) among the items ``start`` … ``stop - 1``: what it names and, when judged,
    how (``computation``), as the JSON text that follows its findings (its ``saving`` follows: ``_Items.extras``)."""
    items = result.items
    block = items.iloc[start:stop]
    products = block.index[block["family"] == "product"].tolist()
    fields = {"name": "product_name", "process": "process", "indicator": "indicator", "period": "period"}
    extras = {}
    for position in products:
        product = {key: str(items.at[position, column]) for key, column in fields.items()
                   if not pd.isna(items.at[position, column])}
        text = ', "product": ' + _ENCODER.encode(product)
        computation = result.quota_computations.get(position)
        if computation is not None:
            text += ', "computation": ' + _ENCODER.encode(without_nulls(computation_record(computation, lang)))
        extras[position] = text
    return extras


SAVING_BASIS = {"formula": "formula", "standard": "standard", "clause": "clause", "metric": "metric",
                "measured": "measured", "grade2": "grade2", "unit": "unit", "units": "units", "rating": "size",
                "hours_per_year": "hours", "hours_source": "hours_source", "load_factor_pct": "load_pct",
                "load_source": "load_source", "co2_factor": "co2_basis", "investment_source": "investment_source"}


def _saving_texts(rows: pd.DataFrame) -> dict[int, str]:
    """Item position → ``, "saving": {…}``, encoded column by column (an inventory of 200,000 motors with hours
    has as many objects: one ``json.dumps`` each would be the slowest part of the JSON). An item without an
    estimate gets only why: ``{"estimated": false, "reason": …}``; an estimate, its figures and basis (no null
    ones) and, for equipment that saves a fuel rather than electricity, the ``fuel``."""
    estimated = rows["reason"].isna().to_numpy()
    texts = {position: f', "saving": {{"estimated": false, "reason": {reason}}}'
             for position, reason in zip(rows.index[~estimated].tolist(), _encoded(rows["reason"][~estimated]))}
    rows = rows[estimated]

    def joined(fields: dict[str, str], frame: pd.DataFrame) -> list[str]:
        """Each row's members (``_keyed``) of the keys ``fields`` names, joined."""
        columns = [_keyed(key, *_distinct_texts(frame[column])) for key, column in fields.items()]
        return list(map("".join, zip(*columns)))

    fuels = rows[["fuel", "amount", "amount_unit"]][rows["kwh"].isna()]
    fuel_texts = dict(zip(fuels.index.tolist(), joined({"code": "fuel", "amount": "amount", "unit": "amount_unit"},
                                                        fuels)))
    texts.update({position: f', "saving": {{"estimated": true{figures}'
                            + (f', "fuel": {{{fuel_texts[position][2:]}}}' if position in fuel_texts else "")
                            + f', "basis": {{{basis[2:]}}}}}'
                  for position, figures, basis in zip(rows.index.tolist(), joined(FIGURES, rows),
                                                      joined(SAVING_BASIS, rows))})
    return texts


def _messages(messages: pd.Series, order: np.ndarray) -> tuple[list[str], np.ndarray]:
    """(the distinct messages in the order the findings are written, ``order``; each finding's index into them,
    -1 for none, in that order). The texts are hashed in the frame's order and only their codes reordered: a
    few thousand distinct texts among a million findings."""
    codes, distinct = factorize(messages)
    ordered = codes[order]
    present = ordered >= 0
    in_use_order, first_use = pd.factorize(ordered[present])
    indices = np.full(len(ordered), -1, dtype=np.int32)
    indices[present] = in_use_order
    return np.asarray(distinct, dtype=object)[first_use].tolist(), indices


class _Items:
    """The items of a result, encoded and written a block of items at a time."""

    def __init__(self, result: AuditResult, lang: str) -> None:
        self.result, self.lang = result, lang
        findings = result.findings
        self.order = np.argsort(findings["item"].to_numpy(), kind="stable")  # the codes sorted, not the frame copied
        self.positions = findings["item"].to_numpy()[self.order]
        self.messages, self.message_codes = _messages(findings[f"message_{lang}"], self.order)
        savings = result.savings
        self.savings = saving_rows(savings, lang) if savings is not None and len(savings.items) else None
        if self.savings is not None:
            self.saving_order = np.argsort(self.savings.index.to_numpy(), kind="stable")
            self.saving_positions = self.savings.index.to_numpy()[self.saving_order]

    def extras(self, start: int, stop: int) -> dict[int, str]:
        """Item position → the JSON text after its findings, for the items ``start`` … ``stop - 1``: its product's
        and its ``saving``. The savings are encoded a block at a time: at 1,000,000 motors with hours, their texts
        all at once would hold ~200 MB while the items are written."""
        extras = _product_extras(self.result, self.lang, start, stop)
        if self.savings is not None:
            first, last = np.searchsorted(self.saving_positions, [start, stop])
            for position, text in _saving_texts(self.savings.iloc[self.saving_order[first:last]]).items():
                extras[position] = extras.get(position, "") + text
        return extras

    def blocks(self) -> Iterator[list[str]]:
        """The items' lines, a block at a time. The findings are encoded with the items they belong to, those of
        ``ITEMS_PER_FINDING_TEXTS`` items at a time (``_finding_texts``): at 1,000,000 lines their codes for all
        findings at once held ~120 MB while the items were written."""
        items, findings = self.result.items, self.result.findings
        columns = [findings.columns.get_loc(name) for name in FINDING_FIELDS]
        order, positions = self.order, self.positions
        read_as = self.result.read_as if self.result.read_as is not None else np.full(len(items), None, dtype=object)
        for first_item in range(0, len(items), ITEMS_PER_FINDING_TEXTS):
            part = range(first_item, min(first_item + ITEMS_PER_FINDING_TEXTS, len(items)))
            low, high = np.searchsorted(positions, [part.start, part.stop])
            codes, texts = _finding_texts(findings.iloc[order[low:high], columns], self.message_codes[low:high])
            for start in range(part.start, part.stop, ROWS_PER_BLOCK):
                _give_back_between_blocks(len(items))
                stop = min(start + ROWS_PER_BLOCK, part.stop)
                first, last = np.searchsorted(positions, [start, stop])
                bounds = (np.searchsorted(positions[first:last], np.arange(start, stop)).tolist() + [last - first])
                yield _item_lines(items.iloc[start:stop].set_axis(pd.RangeIndex(start, stop)),
                                  texts[codes[first - low:last - low]].tolist(), bounds, self.extras(start, stop),
                                  read_as[start:stop])


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
            "skipped_sheets": [{"name": name, "reason": reason} for name, reason in inventory.skipped_sheets.items()],
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
            "savings": savings_summary(result),
        },
        "renewal_plan": renewal_plan_json(result),
    }


def _give_back_between_blocks(rows: int) -> None:
    """Give back what the last block's texts took, when the list is longer than ``findings.ITEMS_PER_BLOCK``: at
    1,000,000 lines the heap would otherwise grow by ~100 MB over the blocks; at 200,000 the memory given back
    would be faulted in again block after block (~0.8 s)."""
    if rows > findings_module.ITEMS_PER_BLOCK:
        give_back_freed_memory()


def _records_chunks(records: Records, level: int) -> Iterator[str]:
    """``_chunks`` of a ``Records`` list: one record per line, like the items; each block of rows filled column by
    column, keys with a null value left out."""
    indent = "\n" + "  " * (level + 1)
    separator = "[" + indent
    for block in records.blocks(ROWS_PER_BLOCK):
        _give_back_between_blocks(len(records))
        columns = [_keyed(key, *_coded_texts(values)) for key, values in block.items()]
        yield separator + ("," + indent).join(map(_object, zip(*columns)))
        separator = "," + indent
    yield "\n" + "  " * level + "]"


def _chunks(value: Any, level: int = 0) -> Iterator[str]:
    """The text of ``json.dumps(value, ensure_ascii=False, indent=2)`` for a value nested ``level`` deep, in
    pieces; json's ``indent`` would take its pure-Python encoder, too slow for the many records. The items
    (``_Items``) are written one per line."""
    if isinstance(value, Records) and len(value):
        yield from _records_chunks(value, level)
    elif isinstance(value, _Items):
        indent = "  " * (level + 1)
        yield "[\n"
        separator = ""
        for lines in value.blocks():
            yield separator + indent + (",\n" + indent).join(lines)
            separator = ",\n"
        yield "\n" + "  " * level + "]"
    elif not isinstance(value, (dict, list, tuple)) or not value:
        yield _ENCODER.encode(list(value) if isinstance(value, Records) else value)
    else:
        inner, outer = "\n" + "  " * (level + 1), "\n" + "  " * level
        yield "{" if isinstance(value, dict) else "["
        pairs = value.items() if isinstance(value, dict) else ((None, member) for member in value)
        for position, (key, member) in enumerate(pairs):
            yield ("," if position else "") + inner
            if isinstance(value, dict):  # json writes a non-text key as the text of its JSON form
                yield _ENCODER.encode(key if isinstance(key, str) else _ENCODER.encode(key)) + ": "
            yield from _chunks(member, level + 1)
        yield outer + ("}" if isinstance(value, dict) else "]")


def chunks(result: AuditResult, lang: str = "zh") -> Iterator[str]:
    """The JSON text in pieces: indented, with one item per line; the findings' messages, which the items refer
    to, before them."""
    items = _Items(result, lang)
    yield from _chunks(head(result, lang) | {"messages": items.messages, "items": items, "errors": []})
    yield "\n"
