"""Find each item's row in a grade table, for the whole frame at once.

Exact keys are compared (a rated power between two table rows finds nothing: the standard gives no limit there,
and we never take the nearest row or interpolate); interval keys test the row's explicit ends and bounds.
The outcome is typed: every item gets a ``table_row`` (the matched row's position) or -1, and
``missing_keys`` names the key fields the item lacks, so "no data" and "not in the table" stay apart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effaudit.io.values import combinations, names_where
from effaudit.standards.model import GradeTable

# Ratings in tables and inventories are decimal numbers written by people (0.12, 18.5, 1000): comparing them
# after rounding to 6 decimals makes 0.1 + 0.02 equal 0.12 without ever matching two different ratings.
KEY_DECIMALS = 6


def _exact_key(values: pd.Series) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float).round(KEY_DECIMALS).to_numpy()
    texts = values.astype("string").str.strip()
    return texts.astype(object).where(texts.notna(), None).to_numpy()


def _in_interval(values: np.ndarray, low: np.ndarray, high: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """(items × rows): whether each item's value lies in each row's interval; ``bounds`` like "[)" per row."""
    closed_low = np.array([kind[0] == "[" for kind in bounds])
    closed_high = np.array([kind[1] == "]" for kind in bounds])
    values = values[:, None]
    above = np.where(closed_low, values >= low, values > low)
    below = np.where(closed_high, values <= high, values < high)
    return above & below


def _matches(rows: pd.DataFrame, items: pd.DataFrame, keys: tuple) -> np.ndarray:
    """(items × rows): rows whose keys all agree with the item's. An exact or category key agrees when equal after
    normalising (numbers rounded, text stripped), or when the row's cell is null: the standard does not distinguish
    that key there. An interval key agrees when the item's value lies in the row's interval."""
    matches = np.ones((len(items), len(rows)), dtype=bool)
    for key in keys:
        if key.match == "interval":
            matches &= _in_interval(items[key.field].astype(float).to_numpy(),
                                    rows[f"{key.field}_min"].astype(float).fillna(-np.inf).to_numpy(),
                                    rows[f"{key.field}_max"].astype(float).fillna(np.inf).to_numpy(),
                                    rows[f"{key.field}_bounds"].to_numpy())
        else:
            cells = rows[key.field]
            equal = _exact_key(items[key.field])[:, None] == _exact_key(cells)[None, :]
            matches &= equal | cells.isna().to_numpy()[None, :]
    return matches


def find_rows(table: GradeTable, items: pd.DataFrame) -> pd.DataFrame:
    """For each item: ``table_row`` (int, -1 when no row applies; the first when several do) and ``missing_keys``
    (comma-separated fields the item lacks, among those the table's rows need; only reported for items that found
    no row). Each distinct combination of key values is looked up once."""
    rows = table.rows.reset_index(drop=True)
    fields = [key.field for key in table.keys]
    codes, first = combinations([items[field] for field in fields], len(items))
    distinct = items[fields].iloc[first]
    matches = _matches(rows, distinct, table.keys)
    found = np.where(matches.any(axis=1), matches.argmax(axis=1), -1)[codes]
    lacks = [(key.field, (items[key.field].isna().to_numpy() & (found < 0))
              & (key.match == "interval" or rows[key.field].notna().any())) for key in table.keys]
    return pd.DataFrame({"table_row": pd.Series(found, index=items.index, dtype=int),
                         "missing_keys": pd.Series(names_where(lacks, len(items)), index=items.index)})


def limits(table: GradeTable, metric: str, grades: tuple[int, ...], table_row: pd.Series) -> pd.DataFrame:
    """The grade limits of ``metric`` for each item's row (NaN where no row, or where the standard gives '—')."""
    values = table.rows[[f"{metric}_g{grade}" for grade in grades]].to_numpy(dtype=float)
    padded = np.vstack([values, np.full((1, len(grades)), np.nan)])  # row -1 -> all NaN
    picked = padded[table_row.to_numpy()]
    return pd.DataFrame(picked, index=table_row.index, columns=[f"g{grade}" for grade in grades])
