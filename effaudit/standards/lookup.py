"""Find each item's row in a grade table, for the whole frame at once.

Exact keys are compared (a rated power between two table rows finds nothing: the standard gives no limit there,
and we never take the nearest row or interpolate); interval keys test the row's explicit ends and bounds.
The outcome is typed: every item gets a ``table_row`` (the matched row's position) or -1, and
``missing_keys`` names the key fields the item lacks, so "no data" and "not in the table" stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from effaudit.io.values import combinations, names_where
from effaudit.standards.by_identity import by_identity
from effaudit.standards.model import GradeTable

# Ratings in tables and inventories are decimal numbers written by people (0.12, 18.5, 1000): comparing them
# after rounding to 6 decimals makes 0.1 + 0.02 equal 0.12 without ever matching two different ratings. Interval
# keys are compared the same way: 7100 W read in kW is 7.1000000000000005, and must fall in the band "≤ 7.1 kW".
KEY_DECIMALS = 6


def _exact_key(values: pd.Series) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(values):
        return np.round(values.to_numpy(dtype=float, na_value=np.nan), KEY_DECIMALS)
    return np.array([None if value is None or value is pd.NA or value != value else str(value).strip()
                     for value in values.tolist()], dtype=object)


def _floats(values: pd.Series, missing: float = np.nan) -> np.ndarray:
    numbers = values.to_numpy(dtype=float, na_value=np.nan)
    return np.where(np.isnan(numbers), missing, numbers)


@dataclass(frozen=True)
class _Interval:
    low: np.ndarray  # per row; -inf where the row has no lower end
    high: np.ndarray
    closed_low: np.ndarray  # bool per row: "[" rather than "("
    closed_high: np.ndarray

    def contains(self, values: np.ndarray) -> np.ndarray:
        """(items × rows): whether each item's value lies in each row's interval (compared at KEY_DECIMALS)."""
        values = np.round(values, KEY_DECIMALS)[:, None]
        above = np.where(self.closed_low, values >= self.low, values > self.low)
        below = np.where(self.closed_high, values <= self.high, values < self.high)
        return above & below


@dataclass(frozen=True)
class _Rows:
    """A table's key cells as arrays, worked out once per table (the rows never change; items are looked up many
    times per audit)."""

    cells: dict[str, tuple[np.ndarray, np.ndarray]]  # exact / category key -> (normalised cells, cell is null)
    intervals: dict[str, _Interval]
    needed: dict[str, bool]  # key -> some row needs it (an interval, or a non-null cell)
    constant: dict[str, str]  # category key that every row holds at one value -> that value
    span: dict[str, tuple[float, float]]  # interval key -> (lowest end, highest end) over the rows
    rated: dict[str, tuple[float, float]]  # rating key -> (lowest, highest value) over the rows
    listed: dict[str, np.ndarray]  # exact or category key, not a rating, with a value in every row -> its values


@by_identity
def _rows(table: GradeTable) -> _Rows:
    rows = table.rows
    cells, intervals, needed, constant, span, rated, listed = {}, {}, {}, {}, {}, {}, {}
    for key in table.keys:
        if key.match == "interval":
            bounds = rows[f"{key.field}_bounds"].tolist()
            intervals[key.field] = _Interval(
                _floats(rows[f"{key.field}_min"], -np.inf), _floats(rows[f"{key.field}_max"], np.inf),
                np.array([kind[0] == "[" for kind in bounds], dtype=bool),
                np.array([kind[1] == "]" for kind in bounds], dtype=bool))
            span[key.field] = (float(intervals[key.field].low.min()), float(intervals[key.field].high.max()))
            needed[key.field] = True
            continue
        normalised = _exact_key(rows[key.field])
        unset = rows[key.field].isna().to_numpy()
        cells[key.field] = (normalised, unset)
        needed[key.field] = bool((~unset).any())
        values = rows[key.field].dropna().unique()
        if key.match == "category" and len(values) == 1 and not unset.any():
            constant[key.field] = str(values[0])
        if key.match in ("exact", "category") and not key.rating and not unset.any():
            listed[key.field] = np.unique(normalised)
        if key.rating and (~unset).any():
            ratings = normalised[~unset].astype(float)
            rated[key.field] = (float(ratings.min()), float(ratings.max()))
    return _Rows(cells, intervals, needed, constant, span, rated, listed)


def table_applies(table: GradeTable, items: pd.DataFrame, constants_only: bool = False,
                  ratings: bool = False) -> np.ndarray:
    """Items a table could be meant for: those that do not contradict a key the whole table holds constant, nor
    (unless ``constants_only``) fall outside the span of its intervals, nor state a value of an exact or category key
    (not a rating) that no row has, where every row fills it (a petrochemical pump and the clear-water table; the dry-type table is not asked about an oil-immersed transformer's missing insulation
    class, nor the 35 kV table about a 10 kV transformer's tap changer, nor GB 30253's 3-10 kV tables about a 380 V
    PMSM's cooling). With ``ratings``, nor state a rating below its lowest or above its highest row (GB 30253's
    3-10 kV tables start at 200 kW: a 110 kW motor is not asked for its cooling by them)."""
    rows = _rows(table)
    applies = np.ones(len(items), dtype=bool)
    spans = {} if constants_only else rows.span | (rows.rated if ratings else {})
    for field, (low, high) in spans.items():
        values = np.round(items[field].to_numpy(dtype=float, na_value=np.nan), KEY_DECIMALS)
        applies &= np.isnan(values) | ((values >= low) & (values <= high))
    for field, value in rows.constant.items():
        applies &= np.array([cell is None or cell is pd.NA or cell != cell or str(cell) == value
                             for cell in items[field].tolist()], dtype=bool)
    for field, values in () if constants_only else rows.listed.items():
        stated = _exact_key(items[field])
        applies &= np.asarray(pd.isna(stated), dtype=bool) | np.isin(stated, values)
    return applies


def _matches(table: GradeTable, items: pd.DataFrame, taken: dict[str, np.ndarray]) -> np.ndarray:
    """(items × rows): rows whose keys all agree with the item's. An exact or category key agrees when equal after
    normalising (numbers rounded, text stripped), or when the row's cell is null: the standard does not distinguish
    that key there. An interval key agrees when the item's value lies in the row's interval. A missing
    ``sole_table`` key agrees for the items ``taken`` names for it."""
    rows = _rows(table)
    nobody = np.zeros(len(items), dtype=bool)
    matches = np.ones((len(items), len(table.rows)), dtype=bool)
    for field, interval in rows.intervals.items():
        matches &= interval.contains(_floats(items[field])) | taken.get(field, nobody)[:, None]
    for field, (cells, unset) in rows.cells.items():
        matches &= ((_exact_key(items[field])[:, None] == cells[None, :]) | unset[None, :]
                    | taken.get(field, nobody)[:, None])
    return matches


def locate_rows(table: GradeTable, items: pd.DataFrame,
                agreeing: dict[str, np.ndarray] | None = None) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """(row, lacking): each item's row position (-1 when no row applies; the first when several do), and per key
    field the items that lack it and found no row, where the table's rows need that field (not a ``sole_table`` key
    whose missing value counts as ``agreeing``: no table outside its group could ask for it). Each distinct
    combination of key values is looked up once."""
    fields = [key.field for key in table.keys]
    nobody = np.zeros(len(items), dtype=bool)
    taken = agreeing or {}
    codes, first = combinations([items[field] for field in fields] + list(taken.values()), len(items))
    matches = _matches(table, items[fields].iloc[first], {field: rows[first] for field, rows in taken.items()})
    found = np.where(matches.any(axis=1), matches.argmax(axis=1), -1)[codes]
    needed = _rows(table).needed
    return found, {field: items[field].isna().to_numpy() & (found < 0) & needed[field] & ~taken.get(field, nobody)
                   for field in fields}


def find_rows(table: GradeTable, items: pd.DataFrame) -> pd.DataFrame:
    """``locate_rows`` as a frame: ``table_row`` and ``missing_keys`` (the lacking key fields, comma-separated)."""
    found, lacking = locate_rows(table, items)
    missing = names_where(list(lacking.items()), len(items))
    return pd.DataFrame({"table_row": found.astype(int), "missing_keys": missing}, index=items.index)


def limits(table: GradeTable, metric: str, grades: tuple[int, ...], table_row: pd.Series) -> pd.DataFrame:
    """The grade limits of ``metric`` for each item's row (NaN where no row, or where the standard gives '—')."""
    values = table.rows[[f"{metric}_g{grade}" for grade in grades]].to_numpy(dtype=float)
    padded = np.vstack([values, np.full((1, len(grades)), np.nan)])  # row -1 -> all NaN
    picked = padded[table_row.to_numpy()]
    return pd.DataFrame(picked, index=table_row.index, columns=[f"g{grade}" for grade in grades])


def candidate_rows(table: GradeTable, items: pd.DataFrame, neighbours: bool) -> np.ndarray:
    """(items × rows): the rows an item could be judged by when it matched none. A missing key marked
    ``when_missing: candidates`` (or ``sole_table``) takes every value the table has for it (other missing keys match
    only rows that do not distinguish them; a missing rating is never tried); with
    ``neighbours``, a rating key whose value lies between two of the table's values takes the row on either side
    (among the rows its other keys match). A value outside the table's range, an interval key that matches no band
    and a value the table does not list (a pole count of 10) give no candidate."""
    rows = _rows(table)
    ratings = [key.field for key in table.keys if key.rating]
    tried = {key.field for key in table.keys if key.try_when_missing}
    base = np.ones((len(items), len(table.rows)), dtype=bool)
    for field, interval in rows.intervals.items():
        values = _floats(items[field])
        base &= interval.contains(values) | (np.isnan(values) & (field in tried))[:, None]
    for field, (cells, unset) in rows.cells.items():
        if field in ratings:
            continue
        values = _exact_key(items[field])
        absent = np.asarray(pd.isna(values), dtype=bool) & (field in tried)
        base &= (values[:, None] == cells[None, :]) | unset[None, :] | absent[:, None]
    found = base.copy()
    for field in ratings:
        value = _floats(items[field])[:, None]
        cells = rows.cells[field][0].astype(float)[None, :]
        exact = base & (cells == value)
        lower = np.where(base & (cells < value), cells, -np.inf).max(axis=1, initial=-np.inf)[:, None]
        upper = np.where(base & (cells > value), cells, np.inf).min(axis=1, initial=np.inf)[:, None]
        between = base & ((cells == lower) | (cells == upper)) & np.isfinite(lower) & np.isfinite(upper)
        found &= np.where(exact.any(axis=1)[:, None], exact, between if neighbours else False)
    return found
