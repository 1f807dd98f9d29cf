"""A file → its sheets as grids of raw cells, each cell located by the row number a person sees.

Workbooks (.xlsx/.xlsm/.xls/.ods) are read with python-calamine (openpyxl as a fallback for .xlsx/.xlsm files
calamine rejects); CSV with pandas, every cell as text. Cells keep their native type (calamine gives float, str,
bool, date, datetime); blank cells become NaN.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from effaudit.errors import InventoryError
from effaudit.io.formulas import uncached_formulas
from effaudit.io.header import sheet_layout
from effaudit.io.limits import check_file
from effaudit.io.values import first_char_forms

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
OPENPYXL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv",)
CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 is a superset of GBK and GB2312
CSV_DELIMITERS = (",", "\t", ";")


@dataclass
class RawSheet:
    name: str
    cells: pd.DataFrame  # object dtype, columns 0..n-1, NaN for blank cells
    first_row: int = 1  # the spreadsheet row number (CSV: line number) of cells.iloc[0]
    hidden: bool = False  # hidden or very hidden in the workbook: not live data (an archive of scrapped items …)
    # (spreadsheet row, 0-based column) of formula cells without a cached value: read as empty, to be flagged
    uncached_formulas: list[tuple[int, int]] = field(default_factory=list)


def read_sheets(path: Path) -> list[RawSheet]:
    """Every sheet of a workbook, or the one sheet of a CSV (named after the file stem).

    Raises ``InventoryError`` for a missing, empty, unsupported or unreadable file.
    """
    suffix = path.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES + CSV_SUFFIXES:
        raise InventoryError(f"unsupported file type {path.suffix or '(none)'!r}: expected "
                             + ", ".join(WORKBOOK_SUFFIXES + CSV_SUFFIXES), file=str(path))
    if path.is_dir():
        raise InventoryError("is a folder, not a file (to audit many files use `effaudit batch`)", file=str(path))
    if not path.is_file():
        raise InventoryError("file not found", file=str(path))
    if path.stat().st_size == 0:
        raise InventoryError("file is empty", file=str(path))
    check_file(path)
    sheets = _read_csv(path) if suffix in CSV_SUFFIXES else _read_workbook(path)
    formulas = uncached_formulas(path)
    return [RawSheet(sheet.name, sheet.cells if sheet.hidden else _blank_to_nan(sheet.cells), sheet.first_row,
                     sheet.hidden, formulas.get(sheet.name, [])) for sheet in sheets]


TOKEN_LENGTH = 12  # no missing-value token is longer (spaces included): longer cells are not compared


@cache
def _missing_tokens() -> tuple[frozenset[str], frozenset[str]]:
    """(the tokens, the characters a cell holding one may start with)."""
    tokens = frozenset("".join(unicodedata.normalize("NFKC", str(token)).split()).lower()
                       for token in sheet_layout()["missing_tokens"])
    return tokens, first_char_forms(tokens)


def _blank_flags(values: list) -> list[bool]:
    """Per value: empty, whitespace only, or a token that says "not given" (—, /, 无, 不详, 待补, N/A …). Only a
    short text starting as a token does is normalised and looked up: an id column has as many distinct values as
    rows."""
    tokens, starts = _missing_tokens()
    return [type(value) is str and (not (text := value.strip()) or (
        len(text) <= TOKEN_LENGTH and text[0] in starts
        and "".join(unicodedata.normalize("NFKC", text).split()).lower() in tokens)) for value in values]


def _blank_to_nan(cells: pd.DataFrame) -> pd.DataFrame:
    """Blank cells and cells that only say "not given" (``resources/sheet_layout.yaml`` missing_tokens) become NaN,
    decided once per distinct value of each column: such a value is missing, never a bad number. A column without
    such a cell is kept as it is, not copied."""
    cleaned = {}
    for position, column in cells.items():
        values = column.to_numpy(dtype=object)
        codes, distinct = pd.factorize(values, use_na_sentinel=True)
        blank = np.array(_blank_flags(distinct.tolist()) + [True])[codes]
        if blank.any():
            values = np.where(blank, np.nan, values)
        cleaned[position] = values
    return pd.DataFrame(cleaned, index=cells.index, dtype=object, copy=False)


def _read_workbook(path: Path) -> list[RawSheet]:
    try:
        return _read_with_calamine(path)
    except Exception as calamine_error:  # noqa: BLE001 - calamine raises several unrelated types for bad files
        if path.suffix.lower() in OPENPYXL_SUFFIXES:
            try:
                return _read_with_openpyxl(path)
            except Exception:  # noqa: BLE001 - report calamine's error: it is the primary reader
                pass
        raise InventoryError(f"cannot read the workbook ({type(calamine_error).__name__}: {calamine_error}): open it "
                             "in Excel or LibreOffice and save it again", file=str(path)) from calamine_error


def _read_with_calamine(path: Path) -> list[RawSheet]:
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    workbook = CalamineWorkbook.from_path(str(path))
    sheets = []
    for metadata in workbook.sheets_metadata:
        if metadata.visible != SheetVisibleEnum.Visible:  # hidden and very hidden sheets are named, not read
            sheets.append(RawSheet(metadata.name, pd.DataFrame(dtype=object), hidden=True))
            continue
        # skip_empty_area=False keeps the leading empty rows and columns: row numbers stay as seen.
        rows = workbook.get_sheet_by_name(metadata.name).to_python(skip_empty_area=False)
        sheets.append(RawSheet(metadata.name, pd.DataFrame(rows, dtype=object)))
    return sheets


def _read_with_openpyxl(path: Path) -> list[RawSheet]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [RawSheet(sheet.title, pd.DataFrame(dtype=object), hidden=True) if sheet.sheet_state != "visible"
                else RawSheet(sheet.title, pd.DataFrame(list(sheet.iter_rows(min_row=1, min_col=1, values_only=True)),
                                                        dtype=object))
                for sheet in workbook.worksheets]
    finally:
        workbook.close()


def decode_csv(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030: decided by decoding the whole file, not per row."""
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InventoryError("cannot decode the CSV file: it is neither UTF-8 nor GB18030/GBK text", file=str(path))


def _read_csv(path: Path) -> list[RawSheet]:
    text = decode_csv(path.read_bytes(), path)
    head = text[:20000]
    delimiter = max(CSV_DELIMITERS, key=head.count)
    # Title rows ("填报单位：…") have fewer fields than the header: name the columns up front so that pandas does
    # not take the first row's width. The widest of the first lines usually does; if a later row is wider, count all.
    for every_line in (False, True):
        lines = text.splitlines() if every_line else _first_lines(text, HEAD_LINES)
        width = max((len(fields) for fields in csv.reader(lines, delimiter=delimiter)), default=0)
        if width == 0:
            raise InventoryError("file is empty", file=str(path))
        try:  # object columns of Python strings, as the rest of the reading takes them: no copy to convert
            cells = pd.read_csv(io.StringIO(text), sep=delimiter, header=None, names=range(width), dtype=object,
                                keep_default_na=False, skip_blank_lines=False, engine="c")
            break
        except pd.errors.ParserError as error:
            parse_error = error
    else:
        raise InventoryError(f"cannot parse the CSV file ({parse_error})", file=str(path))
    # With blank lines kept, record i is line i + 1 (a quoted cell spanning lines would shift this).
    return [RawSheet(path.stem, cells)]


HEAD_LINES = 100  # the lines whose widest names the columns, unless pandas finds a wider one later


def _first_lines(text: str, count: int) -> list[str]:
    """``text.splitlines()[:count]`` without splitting the whole text (a million lines)."""
    length = 1 << 16
    while True:
        lines = text[:length].splitlines()
        if len(lines) > count or length >= len(text):
            return lines[:count]
        length *= 4
