"""Find each item's row in a grade table, for the whole frame at once.

Exact keys are joined (a rated power between two table rows finds nothing: the standard gives no limit there,
and we never take the nearest row or interpolate); interval keys test the row's explicit ends and bounds.
The outcome is typed: every item gets a ``table_row`` (the matched row's position) or -1, and
``missing_keys`` names the key fields the item lacks, so "no data" and "not in the table" stay apart.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effaudit.standards.model import GradeTable

# Ratings in tables and inventories are decimal numbers written by people (0.12, 18.5, 1000): comparing them
# after rounding to 6 decimals makes 0.1 + 0.02 equal 0.12 without ever matching two different ratings.
KEY_DECIMALS = 6


def _exact_key(values: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float).round(KEY_DECIMALS)
    return values.astype("string").str.strip()


def _in_interval(values: np.ndarray, low: float, high: float, bounds: str) -> np.ndarray:
    above = values >= low if bounds[0] == "[" else values > low
    below = values <= high if bounds[1] == "]" else values < high
    return above & below


def _candidates(rows: pd.DataFrame, items: pd.DataFrame, exact: list[str]) -> pd.DataFrame:
    """(item, table_row) pairs whose exact and category keys agree. A null category cell in a row is a wildcard
    (the standard does not distinguish that key there), so rows are joined in groups of the same null pattern."""
    if not exact:
        return pd.MultiIndex.from_product([items.index, rows.index], names=["item", "table_row"]).to_frame(
            index=False)
    left = pd.DataFrame({field: _exact_key(items[field]) for field in exact}, index=items.index).reset_index(
        names="item")
    right = pd.DataFrame({field: _exact_key(rows[field]) for field in exact}).assign(table_row=rows.index)
    pattern = right[exact].isna()
    pairs = []
    for _, group in right.groupby([pattern[field] for field in exact], sort=False):
        used = [field for field in exact if group[field].notna().all()]
        if used:
            pairs.append(left.merge(group[used + ["table_row"]], on=used, how="inner")[["item", "table_row"]])
        else:
            pairs.append(pd.MultiIndex.from_product([left["item"], group["table_row"]],
                                                    names=["item", "table_row"]).to_frame(index=False))
    return pd.concat(pairs, ignore_index=True).sort_values(["item", "table_row"], kind="stable")


def find_rows(table: GradeTable, items: pd.DataFrame) -> pd.DataFrame:
    """For each item: ``table_row`` (int, -1 when no row applies) and ``missing_keys`` (comma-separated fields the
    item lacks, among those the table's rows need; only reported for items that found no row)."""
    rows = table.rows.reset_index(drop=True)
    exact = [key.field for key in table.keys if key.match != "interval"]
    intervals = [key for key in table.keys if key.match == "interval"]
    candidates = _candidates(rows, items, exact)
    for key in intervals:
        values = items[key.field].astype(float).reindex(candidates["item"]).to_numpy()
        low = rows[f"{key.field}_min"].astype(float).fillna(-np.inf).to_numpy()[candidates["table_row"]]
        high = rows[f"{key.field}_max"].astype(float).fillna(np.inf).to_numpy()[candidates["table_row"]]
        bounds = rows[f"{key.field}_bounds"].to_numpy()[candidates["table_row"]]
        keep = np.zeros(len(candidates), dtype=bool)
        for kind in np.unique(bounds):
            chosen = bounds == kind
            keep[chosen] = _in_interval(values[chosen], low[chosen], high[chosen], kind)
        candidates = candidates[keep]

    found = pd.Series(-1, index=items.index, dtype=int)
    first = candidates.drop_duplicates("item")
    found.loc[first["item"].to_numpy()] = first["table_row"].to_numpy()
    missing = pd.Series("", index=items.index, dtype=object)
    for key in table.keys:
        needed = key.match == "interval" or rows[key.field].notna().any()
        lacks = (items[key.field].isna() & (found < 0)).to_numpy() & needed
        missing = missing.where(~lacks, missing + np.where(missing == "", "", ",") + key.field)
    return pd.DataFrame({"table_row": found, "missing_keys": missing})


def limits(table: GradeTable, metric: str, grades: tuple[int, ...], table_row: pd.Series) -> pd.DataFrame:
    """The grade limits of ``metric`` for each item's row (NaN where no row, or where the standard gives '—')."""
    values = table.rows[[f"{metric}_g{grade}" for grade in grades]].to_numpy(dtype=float)
    padded = np.vstack([values, np.full((1, len(grades)), np.nan)])  # row -1 -> all NaN
    picked = padded[table_row.to_numpy()]
    return pd.DataFrame(picked, index=table_row.index, columns=[f"g{grade}" for grade in grades])
