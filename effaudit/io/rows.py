"""Which sheets and rows are live items: not hidden sheets, summaries or copies of another sheet; not the
signatures, notes and totals under the list, nor the header again where pages were pasted together. The markers
are data (``resources/sheet_layout.yaml``)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import numpy as np
import pandas as pd

from effaudit.io.header import Header, is_unit_text, sheet_layout
from effaudit.io.readers import RawSheet
from effaudit.io.values import cell_text, first_char_forms

_SPACE = re.compile(r"\s+")


def compact(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()


layout = sheet_layout


@cache
def _footer_prefixes() -> tuple[str, ...]:
    return tuple(compact(str(prefix)) for prefix in layout()["footer_prefixes"])


@cache
def _footer_pattern() -> str:
    return "|".join(f"(?:{pattern})" for pattern in layout()["footer_patterns"])


@cache
def _marker_ends() -> tuple[frozenset[str], frozenset[str]]:
    """The characters a footer text can start or end with: a cell starting and ending otherwise is not compared
    (most first cells are ids and serial numbers, all distinct)."""
    starts = [*_footer_prefixes(), *(pattern[1:] for pattern in layout()["footer_patterns"] if pattern[0] == "^")]
    return first_char_forms(starts), frozenset("续表)）")


def _first_cells(body: pd.DataFrame) -> pd.Series:
    """Each row's first non-blank cell, as written (a sweep over the columns, left to right)."""
    first = pd.Series(np.nan, index=body.index, dtype=object)
    for _, column in body.items():
        empty = first.isna()
        if not empty.any():
            break
        first = first.where(~empty, column)
    return first


def _repeats_header(body: pd.DataFrame, header: Header) -> np.ndarray:
    """Rows where at least two cells read exactly as the header's own texts (a header pasted again)."""
    hits = np.zeros(len(body), dtype=np.int64)
    for position, text in header.texts.items():
        if position in body:
            codes, distinct = pd.factorize(body[position], use_na_sentinel=True)
            same = np.array([isinstance(value, str) and compact(value) == compact(text) for value in distinct]
                            + [False])
            hits += same[codes]
    return hits >= 2


def not_items(body: pd.DataFrame, header: Header) -> tuple[np.ndarray, np.ndarray]:
    """(footer, repeated_header): flags over the rows of ``body`` (the non-blank rows under the header); a row of
    units only, like the one under the header, counts as part of a repeated header.

    Only a row whose first cell could be a marker or a header text is looked at closely: most first cells are ids
    and serial numbers, all distinct."""
    header_texts = {compact(text) for text in header.texts.values()}
    starts, ends = _marker_ends()
    codes, distinct = pd.factorize(_first_cells(body), use_na_sentinel=True)
    texts_only = pd.Series(distinct, dtype=object)
    stripped = texts_only.where(texts_only.map(type) == str, "").str.strip()  # "" for a cell that is not text
    worth_reading = (stripped.str[:1].isin(starts | first_char_forms(header_texts)) | stripped.str[-1:].isin(ends))
    read = pd.Series([compact(value) for value in stripped[worth_reading]], dtype=object)
    is_footer = np.zeros(len(distinct) + 1, dtype=bool)  # per distinct first cell; the last entry: a blank row
    is_header_text = np.zeros(len(distinct) + 1, dtype=bool)
    if len(read):
        chosen = np.flatnonzero(worth_reading)
        is_footer[chosen] = (read.str.startswith(_footer_prefixes()) | read.str.contains(_footer_pattern())).to_numpy(
            dtype=bool)
        is_header_text[chosen] = read.isin(header_texts).to_numpy()
    footer = is_footer[codes]
    repeated = _unit_rows(body, header)
    candidates = is_header_text[codes] & ~footer
    if candidates.any():
        repeated[candidates] |= _repeats_header(body[candidates], header)
    return footer, repeated & ~footer


def _unit_rows(body: pd.DataFrame, header: Header) -> np.ndarray:
    """Rows whose every non-blank cell is a unit over a column the header names (``kW | V | %``)."""
    if header.rows == 1:
        return np.zeros(len(body), dtype=bool)
    all_units = np.ones(len(body), dtype=bool)
    for position, column in body.items():
        codes, distinct = pd.factorize(column, use_na_sentinel=True)
        unit = np.array([position in header.matches and is_unit_text(cell_text(value) or "") for value in distinct]
                        + [True])
        all_units &= unit[codes]
    return all_units


NO_HEADER_SHEET = "no recognisable header / 无可识别的表头"


SUMMARY_SHEET = "a summary: every line repeats one of the other sheets / 汇总表：各行均与其他工作表重复"


def is_summary_name(name: str) -> bool:
    """A sheet named as a summary (设备汇总, 能耗汇总表); whether it only repeats the others is decided on its items."""
    return any(compact(str(mark)) in compact(name) for mark in layout()["summary_sheet_marks"])


def sheets_not_read(sheets: list[RawSheet]) -> dict[str, str]:
    """Sheet name -> why it is not read: hidden, or a copy of an earlier sheet (the same cells)."""
    skipped: dict[str, str] = {}
    seen: dict[int, str] = {}
    shapes = [sheet.cells.shape for sheet in sheets if not sheet.hidden]
    for sheet in sheets:
        if sheet.hidden:
            skipped[sheet.name] = "hidden sheet / 隐藏的工作表"
        elif not sheet.cells.empty and shapes.count(sheet.cells.shape) > 1:  # only a sheet of the same shape is a copy
            digest = int(pd.util.hash_pandas_object(sheet.cells.astype(str), index=False).sum())
            if digest in seen and sheet.cells.astype(str).equals(_cells_of(sheets, seen[digest]).astype(str)):
                skipped[sheet.name] = f"a copy of sheet {seen[digest]!r} / 与工作表“{seen[digest]}”相同"
            else:
                seen.setdefault(digest, sheet.name)
    return skipped


def _cells_of(sheets: list[RawSheet], name: str) -> pd.DataFrame:
    return next(sheet.cells for sheet in sheets if sheet.name == name)
