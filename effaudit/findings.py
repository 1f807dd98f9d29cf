"""The findings frame (one row per finding) and how an item's verdict and status follow from its findings."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from effaudit.io.values import factorize

# Verdict precedence, worst first. `not_assessable` ranks above the grades that are not violations: an item whose
# catalogue condition or data could not be checked cannot be cleared as `energy_saving`, but a proven violation
# still shows as such.
VERDICT_ORDER = ("phase_out", "below_minimum", "not_assessable", "below_energy_saving", "energy_saving", "advanced",
                 "out_of_scope")
VERDICT_ZH = {
    "phase_out": "淘汰", "below_minimum": "低于能效限定值", "below_energy_saving": "未达节能水平",
    "energy_saving": "达到节能水平", "advanced": "先进水平", "not_assessable": "无法判定", "out_of_scope": "不适用",
}
# Severity of one finding, worst first; an item's status is the worst severity among its findings.
SEVERITY_ORDER = ("violation", "advisory", "not_assessable", "info", "ok")
STATUS_OF_SEVERITY = {"violation": "violation", "advisory": "advisory", "not_assessable": "not_assessable",
                      "info": "ok", "ok": "ok"}
STATUS_ORDER = ("violation", "advisory", "not_assessable", "ok")

FINDING_COLUMNS = {
    "item": "int64", "code": "string", "severity": "string", "verdict": "string", "standard": "string",
    "clause": "string", "measured_value": "float64", "measured_unit": "string", "required_value": "float64",
    "required_unit": "string", "inferred": "bool", "confidence": "string", "message_zh": "string",
    "message_en": "string", "deadline": "string",
    # The energy-saving level (grade 2) of the item's own table row, on its grade findings (EF101–EF104) where the
    # standard defines one: what a replacement must reach, and what the savings estimate (effaudit.savings) takes.
    "grade2_value": "float64",
    "metric": "string",  # the graded metric (a column name: efficiency_pct, no_load_loss_w …) of a grade finding
    # The parameters of a grade finding's sentence (effaudit.finding_texts renders it from them in either language):
    "required_grade": "Int64",  # the grade whose limit required_value is
    # the grade reached (null below the minimum): EF102 names it, for a standard of five grades has three that meet the
    # minimum and fall short of the energy-saving level
    "achieved_grade": "Int64",
    "only_minimum": "bool",  # the row defines the minimum only, and the item meets it (EF103)
    "model_series": "string",  # no measured value: the series (YE3) whose class (class_hint, IE3) graded the item
    "class_hint": "string",
    "inferred_fields": "string",  # the lookup fields that were inferred, comma-joined (poles,rated_voltage_v)
    "from_candidates": "bool",  # no row of its own: every candidate row gave this grade (EF117 names them)
    # below today's minimum: what the edition in force when it was made says (finding_texts.HISTORY), that
    # edition, and whether it was dated by its commissioning ("commissioning") rather than its manufacture
    "history": "string",
    "history_edition": "string",
    "history_dated_by": "string",
    # The parameters of EF110, EF111 and EF117 (the item matched no table row): the lookup fields (comma-joined; EF110
    # without candidate rows: the missing ones) and, as a JSON list, the item's values of them; the candidate rows
    # tried (finding_texts.candidate_rows_text) and what each gives (one grading.verdict_keys character per row)
    "lookup_fields": "string",
    "lookup_values": "string",
    "candidate_rows": "string",
    "candidate_verdicts": "string",
    # The parameters of a catalogue finding (PO…): the entry's serial in its catalogue (standard), and how the item
    # matched it (exact_model, series, family)
    "catalogue_entry": "string",
    "catalogue_how": "string",
    # A finding about a part of its item (a pump's drive motor, one of a crane's motors), moved to the item: the part
    # as each language names it (配套电机 Y2-160M-4 / drive motor); the message then reads "part: sentence", and a
    # report that renders the sentence again from the parameters puts the part before it the same way.
    "part_zh": "string",
    "part_en": "string",
}

# The columns of few distinct texts (a code, a standard, a unit, a history edition …): a joined frame holds each as a
# categorical, a small integer code per finding instead of a reference to a Python string — at 1,000,000 lines
# ~8 MB less per column with values. Their categories are sorted, so that however the findings were split (checks,
# blocks of items) the joined frame is the same. The checks' own frames hold them as ``string``; the message and
# part columns (set again when a part's findings move to its item) stay ``string`` too.
COMPACT_COLUMNS = ("code", "severity", "verdict", "standard", "clause", "measured_unit", "required_unit", "confidence",
                   "deadline", "metric", "model_series", "class_hint", "inferred_fields", "history",
                   "history_edition", "history_dated_by", "lookup_fields", "candidate_verdicts", "catalogue_entry",
                   "catalogue_how")

# The items a large stage (the efficiency check, the savings estimate) works on at a time. Each finding and each
# saving is about one item, so the blocks give what the whole would, and at 1,000,000 motors the stage holds a
# quarter of its intermediate arrays (the efficiency check ~700 MB at once, the estimate ~450 MB). An inventory of
# 200,000 lines is one block.
ITEMS_PER_BLOCK = 250_000


def item_blocks(count: int) -> list[slice]:
    """The blocks of ``count`` items (or of positions of items), in order."""
    return [slice(start, start + ITEMS_PER_BLOCK) for start in range(0, count, ITEMS_PER_BLOCK)]


def _blank(dtype: str, size: int) -> pd.Series:
    """An all-missing column of ``size`` findings. A frame's columns without a value all hold one such Series per
    dtype: at 1,000,000 findings each column of its own is 8 MB, and a dozen of them are empty in most frames. As a
    Series (not an array) it is shared under copy-on-write: a value set in one column leaves the others missing."""
    return pd.Series(pd.array([False if dtype == "bool" else None], dtype=dtype).take(np.zeros(size, dtype=np.intp)),
                     copy=False)


def _compact(parts: list[pd.Series]) -> pd.Series:
    """``parts`` (texts, as ``string`` or categorical) one after another, as a categorical of their distinct texts
    in sorted order."""
    factorized = [factorize(part) for part in parts]
    categories = np.array(sorted(set().union(*(distinct.tolist() for _, distinct in factorized))), dtype=object)
    codes = np.concatenate([np.append(np.searchsorted(categories, distinct), -1)[part_codes]
                            for part_codes, distinct in factorized])  # code -1 (missing) picks the appended -1
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=object)), copy=False)


def _blank_compact(size: int) -> pd.Series:
    """An all-missing column of ``size`` findings for one of ``COMPACT_COLUMNS``, shared as ``_blank``'s are."""
    return pd.Series(pd.Categorical.from_codes(np.full(size, -1, dtype=np.int8), categories=pd.Index([], dtype=object)),
                     copy=False)


def findings_frame(item: pd.Index | np.ndarray | list, **columns: object) -> pd.DataFrame:
    """A findings frame for ``item`` (positions in the items frame); scalars broadcast, arrays align; the columns
    not given (or given as None) share one all-missing column per dtype (``_blank``)."""
    unknown = set(columns) - set(FINDING_COLUMNS)
    if unknown:
        raise TypeError(f"unknown finding columns {sorted(unknown)}")
    item = np.asarray(item, dtype="int64")
    if not len(item):
        return empty_findings()
    data, blanks = {"item": item}, {}
    for name, dtype in list(FINDING_COLUMNS.items())[1:]:
        value = columns.get(name)
        if value is None:
            if dtype not in blanks:
                blanks[dtype] = _blank(dtype, len(item))
            data[name] = blanks[dtype]
            continue
        if isinstance(value, pd.Series):
            value = value.array
        if not np.ndim(value):  # one value for every finding: converted once
            value = pd.array([value], dtype=dtype).take(np.zeros(len(item), dtype=np.intp))
        data[name] = pd.array(value, dtype=dtype, copy=False)
    return pd.DataFrame(data, copy=False)


def joined(frames: list[pd.DataFrame], sort: bool = False) -> pd.DataFrame:
    """The findings of ``frames`` one after another, or sorted by item, then code (``sort``; a stable sort: a
    check's order within stays), built a column at a time. ``frames`` is emptied and each of its columns let go
    once the joined one is built: joining holds the findings once plus a column, not twice (at 1,000,000 findings
    a copy of them is ~280 MB). A column missing in every frame is one shared all-missing column (``_blank``); the
    ``COMPACT_COLUMNS`` are categoricals."""
    pieces = [dict(frame.items()) for frame in frames if len(frame)]
    frames.clear()
    if not pieces:
        return empty_findings()
    order = None
    if sort:
        codes, _ = pd.factorize(np.concatenate([piece["code"].to_numpy(dtype=object) for piece in pieces]), sort=True)
        order = np.lexsort((codes, np.concatenate([piece["item"].to_numpy() for piece in pieces])))
    data, blanks = {}, {}
    for name, dtype in FINDING_COLUMNS.items():
        parts = [piece.pop(name) for piece in pieces]
        compact = name in COMPACT_COLUMNS
        if dtype != "bool" and all(part.isna().all() for part in parts):
            kind = "category" if compact else dtype
            if kind not in blanks:
                size = sum(map(len, parts))
                blanks[kind] = _blank_compact(size) if compact else _blank(dtype, size)
            data[name] = blanks[kind]
            continue
        column = _compact(parts) if compact else pd.concat(parts, ignore_index=True)
        del parts
        data[name] = column.take(order).reset_index(drop=True) if sort else column
    return pd.DataFrame(data, copy=False)


@cache
def _empty_findings() -> pd.DataFrame:
    return pd.DataFrame({name: _blank_compact(0) if name in COMPACT_COLUMNS else pd.array([], dtype=dtype)
                         for name, dtype in FINDING_COLUMNS.items()})


def empty_findings() -> pd.DataFrame:
    return _empty_findings().copy()


def _ranks(values: pd.Series, order: tuple[str, ...]) -> np.ndarray:
    """The position of each value in ``order``; a missing value ranks last (it never decides)."""
    codes, distinct = factorize(values)
    return np.array([order.index(value) for value in distinct] + [len(order) - 1])[codes]


def _worst(items: np.ndarray, ranks: np.ndarray, n_items: int, order: tuple[str, ...]) -> np.ndarray:
    """Per item, the position in ``order`` of the first among its findings' ranks (the last of ``order`` when it
    has none)."""
    worst = np.full(n_items, len(order) - 1)
    np.minimum.at(worst, items, ranks)
    return worst


def deciding_findings(findings: pd.DataFrame, n_items: int) -> np.ndarray:
    """Per item, the position in ``findings`` of the finding every output names as its reason (-1 when it has
    none): the one that sets its status (the worst severity), among those the worst verdict, then the first. A
    truck with RG101 (accelerated phase-out, advisory) and RG216 (mandatory scrapping, violation) is a violation
    because of RG216, though both say phase_out."""
    items = findings["item"].to_numpy()
    order = np.lexsort((np.arange(len(findings)), _ranks(findings["verdict"], VERDICT_ORDER),
                        _ranks(findings["severity"], SEVERITY_ORDER), items))
    first = np.ones(len(order), dtype=bool)
    first[1:] = items[order][1:] != items[order][:-1]
    deciding = np.full(n_items, -1)
    deciding[items[order][first]] = order[first]
    return deciding


def resolve_verdicts(findings: pd.DataFrame, n_items: int) -> pd.DataFrame:
    """One verdict and one status per item (index 0..n_items-1), from the worst of its findings."""
    items = findings["item"].to_numpy()
    severity = _worst(items, _ranks(findings["severity"], SEVERITY_ORDER), n_items, SEVERITY_ORDER)
    verdict = _worst(items, _ranks(findings["verdict"], VERDICT_ORDER), n_items, VERDICT_ORDER)
    status = np.array([STATUS_OF_SEVERITY[name] for name in SEVERITY_ORDER], dtype=object)
    return pd.DataFrame({"verdict": np.asarray(VERDICT_ORDER, dtype=object)[verdict], "status": status[severity]})
