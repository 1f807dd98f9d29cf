"""The JSON result (schema effaudit.audit/1, the contract in DESIGN.md). Same input and --as-of → same bytes.

The text is the one ``json.dumps(document, ensure_ascii=False, indent=2)`` would give, except that each item and
each record of a list of records (the renewal list, the items below the target) is on one line: readable,
diffable, and 15 % fewer bytes at 200,000 lines than a key per line. It is produced in pieces (``chunks``) so that
a large result is written without holding the whole text. The items and the ``below_target`` records are encoded column by column, through json's own
C functions (``indent`` alone would take json's pure-Python encoder, one value at a time).
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

SCHEMA = "effaudit.audit/1"
ROWS_PER_BLOCK = 10_000  # items (and below_target records) encoded at a time
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


def _texts(values: list) -> list[str]:
    """Each value as JSON text: texts and numbers, with or without gaps (None), once per distinct value (a record's
    name, category, standard and figures repeat); a list of another single type through one C-level ``map``."""
    kinds = set(map(type, values))
    if kinds <= {float, type(None)} and float in kinds:
        numbers = np.array(values, dtype="float64")  # None → NaN
        codes, distinct = pd.factorize(numbers.view("int64"))  # by bit pattern: 0.0 and -0.0 stay apart
        texts = np.array(list(map(_float_text, distinct.view("float64").tolist())) + ["null"], dtype=object)
        gaps = np.flatnonzero(np.isnan(numbers))
        codes[gaps[[values[position] is None for position in gaps.tolist()]]] = -1
        return texts[codes].tolist()
    if kinds <= {str, type(None)}:
        codes, distinct = pd.factorize(np.array(values, dtype=object))  # None → -1
        return np.array(list(map(encode_basestring, distinct.tolist())) + ["null"], dtype=object)[codes].tolist()
    if len(kinds) == 1:
        return list(map(_SCALAR_TEXT.get(kinds.pop(), _ENCODER.encode), values))
    return [_SCALAR_TEXT.get(type(value), _ENCODER.encode)(value) for value in values]


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
    texts = [f'{{"value": {value}, "unit": {unit}}}' if value != "null" else "null"
             for value, unit in zip(values[value_codes[first]], units[unit_codes[first]])]
    return codes, np.array(texts, dtype=object)


FINDING_FIELDS = ["code", "severity", "verdict", "standard", "clause", "measured_value", "measured_unit",
                  "required_value", "required_unit", "inferred", "confidence", "deadline"]  # and the message


def _finding_texts(findings: pd.DataFrame, lang: str) -> tuple[np.ndarray, np.ndarray]:
    """(codes, texts): finding i as a JSON object is ``texts[codes[i]]``. Findings repeat (an inventory's ratings,
    limits and messages recur), so each distinct finding is written once."""
    parts = [_distinct_texts(findings[name]) for name in ("code", "severity", "verdict", "standard", "clause")]
    parts += [_quantity_texts(findings, "measured"), _quantity_texts(findings, "required"),
              _distinct_texts(findings["inferred"].astype(bool))]
    parts += [_distinct_texts(findings[name]) for name in ("confidence", "deadline", f"message_{lang}")]
    codes, first = combinations([part_codes for part_codes, _ in parts], len(findings))
    columns = [texts[part_codes[first]] for part_codes, texts in parts]
    return codes, np.array(
        [f'{{"code": {code}, "severity": {severity}, "verdict": {verdict}, "standard": {standard}, '
         f'"clause": {clause}, "measured": {measured}, "required": {required}, "inferred": {inferred}, '
         f'"confidence": {confidence}, "deadline": {deadline}, "message": {message}}}'
         for code, severity, verdict, standard, clause, measured, required, inferred, confidence, deadline, message
         in zip(*columns)], dtype=object)


def _item_lines(items: pd.DataFrame, findings: list[str], bounds: list[int], extras: dict[int, str],
                read_as: np.ndarray) -> list[str]:
    """Each item as one line of JSON (without indentation), with its findings (the texts of item i are
    ``findings[bounds[i]:bounds[i + 1]]``), the values not stated in their own column (``read_as``, only when
    there are any) and the ``extras`` of its position (a product's fields)."""
    columns = [_encoded(items[name]) for name in ("sheet", "row", "equipment_id", "name", "model", "quantity",
                                                  "family", "verdict", "status")]
    read_as_texts = [f', "read_as": {text}' if text is not None else "" for text in read_as.tolist()]
    return [f'{{"sheet": {sheet}, "row": {row}, "equipment_id": {equipment_id}, "name": {name}, "model": {model}, '
            f'"quantity": {quantity}, "category": {family}, "verdict": {verdict}, "status": {status}, '
            f'"findings": [{", ".join(findings[start:stop])}]{read}{extras.get(position, "")}}}'
            for sheet, row, equipment_id, name, model, quantity, family, verdict, status, start, stop, read, position
            in zip(*columns, bounds[:-1], bounds[1:], read_as_texts, items.index.tolist())]


def _product_extras(result: AuditResult, lang: str, start: int, stop: int) -> dict[int, str]:
    """For each product row (quota check) among the items ``start`` … ``stop - 1``: what it names and, when judged,
    how (``computation``), as the JSON text that follows its findings (its ``saving`` follows: ``_Items.extras``)."""
    items = result.items
    block = items.iloc[start:stop]
    products = block.index[block["family"] == "product"].tolist()
    fields = {"name": "product_name", "process": "process", "indicator": "indicator", "period": "period"}
    extras = {}
    for position in products:
        product = {key: None if pd.isna(items.at[position, column]) else str(items.at[position, column])
                   for key, column in fields.items()}
        text = ', "product": ' + _ENCODER.encode(product)
        computation = result.quota_computations.get(position)
        if computation is not None:
            text += ', "computation": ' + _ENCODER.encode(computation_record(computation, lang))
        extras[position] = text
    return extras


SAVING_BASIS = {"formula": "formula", "standard": "standard", "clause": "clause", "metric": "metric",
                "measured": "measured", "grade2": "grade2", "unit": "unit", "units": "units", "rating": "size",
                "hours_per_year": "hours", "hours_source": "hours_source", "load_factor_pct": "load_pct",
                "load_source": "load_source", "co2_factor": "co2_basis", "investment_source": "investment_source"}


def _saving_texts(rows: pd.DataFrame) -> dict[int, str]:
    """Item position → ``, "saving": {…}``, encoded column by column (an inventory of 200,000 motors with hours
    has as many objects: one ``json.dumps`` each would be the slowest part of the JSON). An item without an
    estimate gets only why: ``{"estimated": false, "reason": …}``."""
    estimated = rows["reason"].isna().to_numpy()
    texts = {position: f', "saving": {{"estimated": false, "reason": {reason}}}'
             for position, reason in zip(rows.index[~estimated].tolist(), _encoded(rows["reason"][~estimated]))}
    rows = rows[estimated]

    def joined(fields: dict[str, str]) -> list[str]:
        columns = [_encoded(rows[column]) for column in fields.values()]
        keys = [_ENCODER.encode(key) + ": " for key in fields]
        return [", ".join(key + value for key, value in zip(keys, values)) for values in zip(*columns)]

    fuel_codes, fuel_amounts, fuel_units = (_encoded(rows[name]) for name in ("fuel", "amount", "amount_unit"))
    fuels = ["null" if electric else f'{{"code": {code}, "amount": {amount}, "unit": {unit}}}'
             for electric, code, amount, unit in zip(rows["kwh"].notna().tolist(), fuel_codes, fuel_amounts,
                                                     fuel_units)]
    texts.update({position: f', "saving": {{"estimated": true, "reason": null, {figures}, "fuel": {fuel}, '
                            f'"basis": {{{basis}}}}}'
                  for position, figures, fuel, basis in zip(rows.index.tolist(), joined(FIGURES), fuels,
                                                            joined(SAVING_BASIS))})
    return texts


class _Items:
    """The items of a result, encoded and written a block of items at a time."""

    def __init__(self, result: AuditResult, lang: str) -> None:
        self.result, self.lang = result, lang
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
        columns = [findings.columns.get_loc(name) for name in (*FINDING_FIELDS, f"message_{self.lang}")]
        order = np.argsort(findings["item"].to_numpy(), kind="stable")  # the codes sorted, not the frame copied
        positions = findings["item"].to_numpy()[order]
        read_as = self.result.read_as if self.result.read_as is not None else np.full(len(items), None, dtype=object)
        for first_item in range(0, len(items), ITEMS_PER_FINDING_TEXTS):
            part = range(first_item, min(first_item + ITEMS_PER_FINDING_TEXTS, len(items)))
            low, high = np.searchsorted(positions, [part.start, part.stop])
            codes, texts = _finding_texts(findings.iloc[order[low:high], columns], self.lang)
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
    """``_chunks`` of a ``Records`` list: one record per line, like the items; each block of rows through one line
    template, filled column by column."""
    indent = "\n" + "  " * (level + 1)
    template = "{" + ", ".join(_ENCODER.encode(key).replace("%", "%%") + ": %s" for key in records.fields) + "}"
    separator = "[" + indent
    for block in records.blocks(ROWS_PER_BLOCK):
        _give_back_between_blocks(len(records))
        yield separator + ("," + indent).join([template % values for values in zip(*map(_texts, block.values()))])
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
    """The JSON text in pieces: indented, with one item per line."""
    yield from _chunks(head(result, lang) | {"items": _Items(result, lang), "errors": []})
    yield "\n"
