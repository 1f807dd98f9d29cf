"""An inventory file → the canonical frame (``Inventory``): one row per input data row, in file order.

    read_sheets (io.readers) → find_header (io.header) → cells → canonical columns (io.values)
      → family → validate (schema) → poles inference

Every sheet with a recognisable header is read; a row with any non-blank cell is an item. Cells that cannot be
used become NaN/NA in ``items`` and a row in ``problems``; nothing is dropped and nothing raises, except a file
that cannot be used at all (``InventoryError``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from effaudit.columns import BY_NAME, COLUMNS, FUTURE_DATES, PRODUCT_COLUMNS, PROVENANCE, Column
from effaudit.errors import InventoryError
from effaudit.io.header import Header, HeaderMatch, find_header, row_text, unnamed_column
from effaudit.io.readers import RawSheet, read_sheets
from effaudit.io.rows import NO_HEADER_SHEET, SUMMARY_SHEET, is_summary_name, not_items, sheets_not_read
from effaudit.interpret.families import KIND_COLUMNS, classify_families
from effaudit.interpret.profiles import family_unit_fields, read_by_family
from effaudit.interpret.in_context import (
    ReadAs,
    read_codes,
    read_bare_units,
    read_codes_from_texts,
    read_defaults,
    read_told_codes,
    read_own_fields,
    read_ratings,
    read_voltages_from_texts,
    with_unit_column,
)
from effaudit.interpret import nameplates
from effaudit.interpret.models import Conflicts, read_models
from effaudit.io.values import (
    CellIssue,
    cell_issue,
    ParsedNumbers,
    apply_ratio_rule,
    cell_text,
    parse_dates,
    parse_measures,
    parse_numbers,
    text_values,
)
from effaudit.interpret.modelstrings import parse_motor_models, poles_from_speed
from effaudit.schema import VALID_POLES, VALUE_TEXT_LIMIT, problems_frame, validate

DERIVED = ("family", "manufacture_date_precision", "commissioning_date_precision", "poles_inferred", "poles_basis",
           "reference_date_unreadable", "model_series", "class_hint")
MODEL_FIELDS = ("model_series", "class_hint")  # set by interpret.models
# Percentages that sheets often write as fractions (0.93, 0.5): the column-wise ratio rule (io.values) decides.
RATIO_RULE_COLUMNS = ("efficiency_pct", "mixed_gas_share_pct", "clinker_share_pct", "load_factor_pct")
MEASURE_UNITS = tuple(f"{column.name}_unit" for column in COLUMNS if column.kind == "measure")
ITEM_COLUMNS = PROVENANCE + tuple(column.name for column in COLUMNS) + MEASURE_UNITS + DERIVED
# The columns of an inventory without a product sheet.
EQUIPMENT_ITEM_COLUMNS = tuple(name for name in ITEM_COLUMNS if name not in PRODUCT_COLUMNS + MEASURE_UNITS)
NO_HEADER = "no recognisable header row (expected columns such as 设备名称, 型号, 额定功率…)"
NO_ROWS = "the header row was found but no equipment rows follow it: fill in at least one line"


@dataclass
class SheetInfo:
    name: str
    header_row: int  # spreadsheet row number (1-based) of the header
    mapped: dict[str, str]  # original header text -> canonical column ("a|b" for a header naming two columns)
    unknown_columns: list[str]  # headers not recognised: kept in Inventory.extra
    title_lines: list[str]  # text of the rows above the header
    notes: list[str] = field(default_factory=list)  # sheet-level decisions (ratio efficiencies, default quantity)


@dataclass
class Inventory:
    path: Path
    sha256: str
    items: pd.DataFrame
    problems: pd.DataFrame
    sheets: list[SheetInfo]
    extra: pd.DataFrame
    skipped_sheets: dict[str, str] = field(default_factory=dict)  # sheet not read -> why (io.rows.sheets_not_read)
    # Values not stated directly in their own column: (field, source, flags over the items); see interpret.in_context
    read_as: list[tuple[str, str, np.ndarray]] = field(default_factory=list)
    # Motors judged as parts of an item (a crane's motors, a pump's drive motor): item columns plus `parent`
    parts: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Stated ratings that disagree with the model's (DQ111): (field, items, stated, from the model)
    model_conflicts: Conflicts = field(default_factory=list)
    # The cells of the sheets read, as read (read_inventory(keep_sheets=True)): what the annotated workbook copies
    source_sheets: dict[str, RawSheet] = field(default_factory=dict)


def read_inventory(path: str | Path, *, today: dt.date | None = None, keep_sheets: bool = False) -> Inventory:
    """Read an inventory file. ``today`` (default: the system date) is the limit for future dates (DQ106);
    ``keep_sheets`` keeps the cells of the sheets read (``Inventory.source_sheets``), for the annotated workbook."""
    path = Path(path)
    today = today or dt.date.today()
    raw_sheets = read_sheets(path)
    skipped = sheets_not_read(raw_sheets)
    sheets = [sheet for raw in raw_sheets
              if raw.name not in skipped and (sheet := _read_sheet(raw, path.name, today)) is not None]
    sheets = _without_repeating_summaries(sheets, skipped)
    if not sheets:
        raise InventoryError(NO_HEADER, file=str(path))
    if sum(len(sheet.items) for sheet in sheets) == 0:
        raise InventoryError(NO_ROWS, file=str(path), sheet=sheets[0].info.name, row=sheets[0].info.header_row)
    offsets = np.cumsum([0] + [len(sheet.items) for sheet in sheets])
    if any("product_name" in sheet.items for sheet in sheets):  # every sheet then has the product columns
        for sheet in sheets:
            sheet.items = _with_product_columns(sheet.items)
    items = pd.concat([sheet.items for sheet in sheets], ignore_index=True)
    extra = pd.concat([sheet.extra for sheet in sheets], ignore_index=True)
    extra.index = items.index

    def source(item: int, column: str) -> tuple[str | None, str]:
        part = int(np.searchsorted(offsets, item, side="right")) - 1
        return sheets[part].source(item - int(offsets[part]), column)

    stated = items[list(dict.fromkeys(nameplates.FROM_ITEM.values()))]
    items, range_problems = validate(items, source)
    read_as = [(name, where, np.concatenate([_flags_of(sheet, name, where) for sheet in sheets]))
               for name, where in dict.fromkeys((name, where) for sheet in sheets
                                                for name, where, _ in sheet.read_as.entries)]
    parse_problems = [sheet.problems.assign(item=sheet.problems["item"] + offset)
                      for sheet, offset in zip(sheets, offsets[:-1], strict=True)]
    problems = pd.concat(parse_problems + [range_problems], ignore_index=True)
    problems = problems.sort_values(["item", "code"], kind="stable", ignore_index=True)
    problems["relevant"] &= read_by_family(problems["column"], items["family"].take(problems["item"]))
    unreadable_date = problems["column"].isin(["manufacture_date", "commissioning_date"]) & problems["code"].isin(
        ["DQ105", "DQ106"])
    items["reference_date_unreadable"] = np.isin(np.arange(len(items)), problems.loc[unreadable_date, "item"])
    parts = [sheet.parts.assign(parent=sheet.parts["parent"] + offset)
             for sheet, offset in zip(sheets, offsets[:-1], strict=True) if len(sheet.parts)]
    parts = nameplates.without_set_aside(pd.concat(parts, ignore_index=True), stated, items) if parts else pd.DataFrame()
    parts = _infer_poles(parts, problems.iloc[:0]) if len(parts) else parts
    read = {sheet.info.name for sheet in sheets}
    skipped |= {raw.name: NO_HEADER_SHEET for raw in raw_sheets if raw.name not in read and raw.name not in skipped}
    items = _infer_poles(items, problems)
    read_as = [("poles", basis, (items["poles_basis"] == basis).fillna(False).to_numpy(dtype=bool))
               for basis in ("speed", "model")] + read_as
    conflicts = [(name, positions + offset, stated, from_model)
                 for sheet, offset in zip(sheets, offsets[:-1], strict=True)
                 for name, positions, stated, from_model in sheet.conflicts]
    return Inventory(path, hashlib.sha256(path.read_bytes()).hexdigest(), items, problems,
                     [sheet.info for sheet in sheets], extra, {raw.name: skipped[raw.name] for raw in raw_sheets
                                                               if raw.name in skipped}, read_as, parts, conflicts,
                     {raw.name: raw for raw in raw_sheets if raw.name in read} if keep_sheets else {})


def _flags_of(sheet: _Sheet, name: str, where: str) -> np.ndarray:
    flags = [entry for field_name, source, entry in sheet.read_as.entries if (field_name, source) == (name, where)]
    return flags[0] if flags else np.zeros(len(sheet.items), dtype=bool)


def _line_keys(items: pd.DataFrame) -> set[tuple]:
    """What identifies a line across sheets: its equipment id, else its name, model and rated power / capacity."""
    keys = items[["equipment_id", "name", "model", "rated_power_kw", "capacity_kva"]].astype(object)
    keys = keys.where(keys.notna(), None)
    return {("id", row[0]) if row[0] is not None else ("line", *row[1:]) for row in keys.itertuples(index=False)}


def _without_repeating_summaries(sheets: list[_Sheet], skipped: dict[str, str]) -> list[_Sheet]:
    """Drop a sheet named as a summary (设备汇总) when every line of it is also on another sheet; a summary that
    holds lines of its own is the list itself and is read."""
    kept = list(sheets)
    for sheet in sheets:
        if not is_summary_name(sheet.info.name) or len(kept) == 1:
            continue
        others = set().union(*(_line_keys(other.items) for other in kept if other is not sheet))
        if _line_keys(sheet.items) <= others:
            kept.remove(sheet)
            skipped[sheet.info.name] = SUMMARY_SHEET
    return kept


# ------------------------------------------------------------------------------------------------- one sheet


@dataclass
class _Sheet:
    info: SheetInfo
    items: pd.DataFrame
    problems: pd.DataFrame
    extra: pd.DataFrame
    body: pd.DataFrame  # the raw data cells, positional columns
    positions: dict[str, int]  # canonical column -> cell position (both columns of a split header)
    source_of: dict[str, str]  # canonical column -> header text
    read_as: ReadAs  # values not stated directly in their own column
    parts: pd.DataFrame  # motors judged as parts of an item (interpret.nameplates.parts); `parent`: the item
    conflicts: Conflicts  # stated ratings that disagree with the model (interpret.models)

    def source(self, item: int, column: str) -> tuple[str | None, str]:
        """(header text, cell text as written) of an item's value in a canonical column."""
        position = self.positions.get(column)
        if position is None:
            return None, ""
        return self.source_of[column], cell_text(self.body.iat[item, position], nfkc=False) or ""


class _Problems:
    """Collects parse problems of one sheet as rows of the problems frame."""

    def __init__(self, body: pd.DataFrame) -> None:
        self.body = body
        self.rows: list[tuple] = []

    def add(self, issues: pd.Series, column: str, source_column: str, position: int | None,
            notes: np.ndarray | None = None) -> None:
        """One row per issue (a column absent from the sheet, ``position`` None, has none); ``notes`` marks the
        issues that cannot change a verdict whatever the family reads (the value is known from elsewhere)."""
        for item, issue in issues[issues.notna()].items():
            assert isinstance(issue, CellIssue)
            value = (cell_text(self.body.iat[item, position], nfkc=False) or "")[:VALUE_TEXT_LIMIT]
            relevant = notes is None or not notes[item]
            self.rows.append((item, column, source_column, value, issue.code, issue.message_zh, issue.message_en,
                              relevant))

    def flagged(self, column: str) -> np.ndarray:
        """Which items already have a problem in ``column``."""
        flags = np.zeros(len(self.body), dtype=bool)
        flags[[row[0] for row in self.rows if row[1] == column]] = True
        return flags


def _read_sheet(raw: RawSheet, file_name: str, today: dt.date) -> _Sheet | None:
    header = find_header(raw.cells)
    if header is None:
        return None
    body = raw.cells.iloc[header.body_start:]
    body = body[body.notna().any(axis=1)]
    info = SheetInfo(raw.name, raw.first_row + header.position,
                     {header.texts[position]: match.column for position, match in header.matches.items()},
                     [], [text for position in range(header.position)
                          if (text := row_text(raw.cells.iloc[position]))])
    footer, repeated_header = not_items(body, header)
    for flags, zh, en in ((footer, "表尾的签名、注释或合计行", "signature, note or total rows under the list"),
                          (repeated_header, "重复的表头行", "repeated header rows")):
        if flags.any():
            rows = ", ".join(str(raw.first_row + row) for row in body.index[flags])
            info.notes.append(f"第 {rows} 行为{zh}，不是设备 / rows {rows} are {en}, not items")
    body = body[~(footer | repeated_header)]
    row_numbers = raw.first_row + body.index.to_numpy()
    body = body.reset_index(drop=True)
    problems = _Problems(body)
    _flag_uncached_formulas(raw, header, row_numbers, problems, info)
    items = pd.DataFrame({"source_file": pd.Series(file_name, index=body.index, dtype="string"),
                          "sheet": pd.Series(raw.name, index=body.index, dtype="string"),
                          "row": pd.Series(row_numbers, index=body.index, dtype="int64")})
    positions = {match.column: position for position, match in header.matches.items()
                 if match.split is None and match.rating is None}
    source_of = {column: header.texts[position] for column, position in positions.items()}
    product_sheet = any(name in PRODUCT_COLUMNS for name in positions)
    read_as = ReadAs()
    bare_cells: dict[str, np.ndarray] = {}
    blanks = _blanks(body.index)
    for column in COLUMNS:
        if product_sheet or column.name not in PRODUCT_COLUMNS:
            _add_column(items, column, body, header, positions.get(column.name), today, info, problems, read_as,
                        bare_cells, blanks)
    # The family first; then every column whose meaning depends on it (effaudit.interpret.in_context).
    plates = nameplates.find(items, header, positions)
    motors = nameplates.read_models(items, plates, read_as)
    items["family"] = classify_families(items, {column: text_values(body[positions[column]])
                                                for column in KIND_COLUMNS if column in positions})
    items.loc[items.index[motors[(items["family"].iloc[motors] == "unknown").to_numpy()]], "family"] = "motor_lv"
    read_own_fields(items, header, positions, read_as)
    read_ratings(items, body, header, problems.add, read_as, positions, source_of)
    read_bare_units(items, bare_cells, read_as)
    nameplates.read_fields(items, plates, read_as, problems.add, positions, source_of)  # after every stated value
    nameplates.note_unread(items, plates, header, positions, problems.add)
    read_voltages_from_texts(items, header, positions, read_as)
    read_codes(items, body, header, positions, problems.add)
    read_codes_from_texts(items, header, positions, read_as)
    for position, match in header.matches.items():
        if match.split is not None:
            _fill_split_column(items, body[position], match, problems, header.texts[position], position)
            positions.update({column: position for column in match.split.columns if column not in positions})
            source_of.update({column: header.texts[position] for column in match.split.columns
                              if column not in source_of})

    items["family"] = items["family"].astype("string")
    missing_quantity = items["quantity"].isna() & ~problems.flagged("quantity")
    if missing_quantity.any():
        items.loc[missing_quantity, "quantity"] = 1.0
        info.notes.append(f"数量为空的 {int(missing_quantity.sum())} 行按 1 计 / quantity missing on "
                          f"{int(missing_quantity.sum())} rows: counted as 1")
    extra = _extra_columns(raw.name, header, body, info)
    items["reference_date_unreadable"] = False  # set by read_inventory from the date problems
    items["poles_inferred"] = False  # both set by _infer_poles once the stated poles are validated
    items["poles_basis"] = blanks["string"]
    columns = ITEM_COLUMNS if product_sheet else EQUIPMENT_ITEM_COLUMNS
    parts = nameplates.parts(items[[name for name in columns if name not in MODEL_FIELDS]], plates)
    conflicts = read_models(items, read_as)  # after the parts: a part reads its own model, not its item's
    read_told_codes(items, read_as)  # after the cooling column has given the condenser type (read_models)
    read_defaults(items, read_as)  # last: where nothing stated, read or told names a code
    if len(parts):
        read_models(parts, ReadAs())  # no conflicts: parts are motors, whose ratings are not checked against models
    return _Sheet(info, items[list(columns)], problems_frame(problems.rows), extra, body, positions, source_of,
                  read_as, parts, conflicts)


def _flag_uncached_formulas(raw: RawSheet, header: Header, row_numbers: np.ndarray, problems: _Problems,
                            info: SheetInfo) -> None:
    """DQ113 for a formula cell without a cached value in a column that is read (its value is unknown, not
    blank); a sheet note for those elsewhere."""
    if not raw.uncached_formulas:
        return
    item_of_row = {int(row): item for item, row in enumerate(row_numbers.tolist())}
    elsewhere = []
    by_column: dict[int, list[int]] = {}
    for row, column in raw.uncached_formulas:
        if row in item_of_row and column in header.matches:
            by_column.setdefault(column, []).append(item_of_row[row])
        elif row >= raw.first_row + header.body_start:
            elsewhere.append(f"{unnamed_column(column)[len('column '):]}{row}")
    for column, items in by_column.items():
        issues = pd.Series(None, index=range(len(row_numbers)), dtype=object)
        issues[items] = cell_issue("DQ113")
        match = header.matches[column]
        field_name = match.column if match.column in BY_NAME else "rated_power_kw"
        problems.add(issues, field_name, header.texts[column], column)
    if elsewhere:
        cells = ", ".join(elsewhere[:10]) + (" …" if len(elsewhere) > 10 else "")
        info.notes.append(f"公式单元格没有计算结果：{cells} / formula cells without a computed value: {cells}")


def _with_product_columns(items: pd.DataFrame) -> pd.DataFrame:
    """``items`` with the product columns it lacks, all missing, in ITEM_COLUMNS order."""
    missing = {}
    blanks = _blanks(items.index)
    for name in ITEM_COLUMNS:
        if name in items:
            continue
        kind = BY_NAME[name].kind if name in BY_NAME else "text"  # <measure>_unit columns are text
        missing[name] = blanks["string"] if kind in ("text", "code") else blanks["float64"]
    return pd.concat([items, pd.DataFrame(missing, index=items.index)], axis=1)[list(ITEM_COLUMNS)]


def _blanks(index: pd.Index) -> dict[str, pd.Series]:
    """An all-missing column of each dtype. Most canonical columns are absent from a sheet: they all hold these
    arrays, which copy-on-write copies only for a column later given values (at 1,000,000 items an absent column
    would otherwise hold 8 MB of its own)."""
    return {"string": pd.Series(pd.NA, index=index, dtype="string"),
            "float64": pd.Series(np.nan, index=index, dtype="float64")}


def _add_column(items: pd.DataFrame, column: Column, body: pd.DataFrame, header: Header, position: int | None,
                today: dt.date, info: SheetInfo, problems: _Problems, read_as: ReadAs,
                bare_cells: dict[str, np.ndarray], blanks: dict[str, pd.Series]) -> None:
    """One canonical column (all missing, from ``blanks``, when the sheet has no such column), and its parse
    problems. Coded columns start missing: they are read once the family is known
    (effaudit.interpret.in_context.read_codes); so are the units of numbers written with none where the family
    decides it (``bare_cells``: which cells)."""
    if column.kind == "code" or (position is None and column.kind == "text"):  # most are absent from a sheet
        items[column.name] = blanks["string"]
        return
    if position is None and column.kind in ("number", "count", "measure"):  # so are most product columns
        items[column.name] = blanks["float64"]
        if column.kind == "measure":
            items[f"{column.name}_unit"] = blanks["string"]
        return
    cells = body[position] if position is not None else pd.Series(np.nan, index=body.index, dtype=object)
    source_column = header.texts[position] if position is not None else ""
    if column.kind == "text":
        items[column.name] = text_values(cells)
        return
    if position is not None and position in header.unit_columns and column.kind in ("number", "measure"):
        cells, applied = with_unit_column(cells, body[header.unit_columns[position]])
        read_as.add(column.name, f"unit:{header.texts[header.unit_columns[position]]}", applied)
    if column.kind == "date":
        dates = parse_dates(cells, today, future=column.name in FUTURE_DATES)
        items[column.name] = dates.values
        items[f"{column.name}_precision"] = dates.precision
        problems.add(dates.issues, column.name, source_column, position)
        return
    if column.kind == "measure":
        measures = parse_measures(cells, header.matches[position].unit if position is not None else None)
        items[column.name], items[f"{column.name}_unit"] = measures.values, measures.units
        problems.add(measures.issues, column.name, source_column, position)
        return
    numbers = parse_numbers(cells, column.unit or "dimensionless",
                            header.matches[position].unit if position is not None else None)
    if column.name in RATIO_RULE_COLUMNS:
        numbers, note = apply_ratio_rule(numbers, column.zh, column.en)
        info.notes.extend([note] if note else [])
    items[column.name] = numbers.values
    if column.name in family_unit_fields() and header.matches[position].unit is None:
        bare_cells[column.name] = (numbers.values.notna() & ~numbers.cell_unit).to_numpy()
    problems.add(numbers.issues, column.name, source_column, position)


def _fill_split_column(items: pd.DataFrame, cells: pd.Series, match: HeaderMatch, problems: _Problems,
                       source_column: str, position: int) -> None:
    """A header naming two columns (``额定功率/容量``): each cell goes where its unit (or the header's) converts;
    a cell with no unit anywhere goes by the item's family. A dedicated column of the sheet wins over this one."""
    rule = match.split
    assert rule is not None
    parsed: dict[str, ParsedNumbers] = {column: parse_numbers(cells, BY_NAME[column].unit or "dimensionless",
                                                              match.unit) for column in rule.columns}
    converts = pd.DataFrame({column: result.issues.isna() & result.values.notna()
                             for column, result in parsed.items()})
    by_family = items["family"].map(rule.no_unit_by_family).astype(object).fillna(rule.no_unit_default)
    no_unit = converts.all(axis=1)  # a bare number and no header unit: every column accepts it
    for column, result in parsed.items():
        chosen = (converts[column] & ~no_unit) | (no_unit & (by_family == column))
        items[column] = items[column].fillna(result.values.where(chosen))
    unusable = ~converts.any(axis=1)
    problems.add(parsed[rule.no_unit_default].issues.where(unusable), rule.no_unit_default, source_column, position)


def _extra_columns(sheet: str, header: Header, body: pd.DataFrame, info: SheetInfo) -> pd.DataFrame:
    """Columns the header does not map (unknown, repeated, or unnamed with data) as text, "<sheet>::<header>"."""
    mapped = set(header.matches)
    extra = {}
    for position in body.columns:
        if position in mapped or (position not in header.texts and body[position].isna().all()):
            continue
        text = header.texts.get(position) or unnamed_column(int(position))
        if position in header.repeated:
            info.notes.append(f"列“{text}”与前面的列含义相同，未使用 / column {text!r} repeats a column already "
                              f"read: kept in extra only")
        else:
            info.unknown_columns.append(text)
        extra[f"{sheet}::{text}"] = text_values(body[position], nfkc=False)
    return pd.DataFrame(extra, index=body.index)


# ---------------------------------------------------------------------------------------------------- poles


def _infer_poles(items: pd.DataFrame, problems: pd.DataFrame) -> pd.DataFrame:
    """Fill poles left blank (not those blanked for a problem) from the rated speed, then from the model.

    A stated pole count is never overruled; ``poles_basis`` says where each value came from. An inferred count
    outside ``VALID_POLES`` is not used. A converter-fed motor's rated speed is its drive's setting, not its pole
    count: its poles are not read from it.
    """
    stated_but_bad = np.zeros(len(items), dtype=bool)
    stated_but_bad[problems.loc[problems["column"] == "poles", "item"].to_numpy(dtype=int)] = True
    items = items.copy(deep=False)  # copy-on-write: only the columns set below are copied
    items.loc[items["poles"].notna(), "poles_basis"] = "stated"
    open_ = items["poles"].isna() & ~stated_but_bad
    frequency = items["frequency_hz"].fillna(50.0)
    by_mains = open_ & ~(items["supply_mode"] == "converter_fed").fillna(False) if "supply_mode" in items else open_
    for hertz in frequency[by_mains].unique():
        rows = by_mains & (frequency == hertz)
        inferred = poles_from_speed(items.loc[rows, "rated_speed_rpm"], float(hertz))
        items.loc[rows, "poles"] = inferred.where(inferred.isin(VALID_POLES))
    by_speed = open_ & items["poles"].notna()
    items.loc[by_speed, "poles_basis"] = "speed"
    open_ &= ~by_speed
    motors = open_ & items["family"].str.startswith("motor").fillna(False).astype(bool)
    inferred = parse_motor_models(items.loc[motors, "model"])["poles"]
    items.loc[motors, "poles"] = inferred.where(inferred.isin(VALID_POLES))
    by_model = motors & items["poles"].notna()
    items.loc[by_model, "poles_basis"] = "model"
    items["poles_inferred"] = by_speed | by_model
    return items
