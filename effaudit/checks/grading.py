"""Grade items against one standard edition: find their table row, compare every metric with every grade.

Works on the whole frame of one family at once. A value exactly at a limit meets it; measured values are
rounded to 6 decimals first so that a ratio column converted to percent (0.942 × 100) still equals 94.2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from effaudit.standards.formulas import FORMULAS
from effaudit.standards.lookup import find_rows, limits
from effaudit.standards.model import EfficiencyStandard, GradeTable

BELOW_MINIMUM = 4  # "grade" of an item that fails the lowest grade (能效限定值)
MEASURE_DECIMALS = 6


@dataclass(frozen=True)
class Grading:
    """Per item (same index as the items graded): where it was looked up and what it reached."""

    table: pd.Series          # position of the table that had the item's row, -1 if none
    table_row: pd.Series      # row position in that table, -1 if none
    missing_keys: pd.Series   # key fields the item lacks ("" when none)
    limits: dict[str, pd.DataFrame]  # metric -> columns g1.. (NaN where no row or "—")
    achieved: pd.Series       # best grade met (1 best), BELOW_MINIMUM, or NaN when not gradeable
    missing_metrics: pd.Series  # metric fields the item lacks ("" when none)
    uncovered: pd.Series      # a row was found but the standard gives "—" for its minimum: not covered
    only_minimum: pd.Series   # the row defines no grade better than the minimum, and the item meets it


def _join(names: pd.Series, extra: np.ndarray, name: str) -> pd.Series:
    return names.where(~extra, names + np.where(names == "", "", ",") + name)


def _table_applies(table: GradeTable, items: pd.DataFrame) -> pd.Series:
    """Items a table could be meant for: those that do not contradict a key the whole table holds constant, nor
    fall outside the span of its intervals (the dry-type table is not asked about an oil-immersed transformer's
    missing insulation class, nor the 35 kV table about a 10 kV transformer's tap changer)."""
    applies = pd.Series(True, index=items.index)
    for key in table.keys:
        if key.match == "interval":
            low = table.rows[f"{key.field}_min"].astype(float).fillna(-np.inf).min()
            high = table.rows[f"{key.field}_max"].astype(float).fillna(np.inf).max()
            values = items[key.field].astype(float)
            applies &= values.isna() | values.between(low, high)
        elif key.match == "category":
            values = table.rows[key.field].dropna().unique()
            if len(values) == 1 and table.rows[key.field].notna().all():
                applies &= items[key.field].isna() | (items[key.field].astype("string") == str(values[0]))
    return applies


def grade(standard: EfficiencyStandard, items: pd.DataFrame) -> Grading:
    table_pos = pd.Series(-1, index=items.index, dtype=int)
    table_row = pd.Series(-1, index=items.index, dtype=int)
    missing_keys = pd.Series("", index=items.index, dtype=object)
    lacking: dict[str, pd.Series] = {}  # key field -> items that lack it, for a table meant for them
    for position, table in enumerate(standard.tables):
        found = find_rows(table, items)
        fresh = (table_pos == -1) & (found["table_row"] >= 0)
        table_pos[fresh], table_row[fresh] = position, found["table_row"][fresh]
        applies = _table_applies(table, items)
        for key in table.keys:
            said = found["missing_keys"].str.contains(rf"(?:^|,){key.field}(?:,|$)", regex=True)
            lacking[key.field] = lacking.get(key.field, False) | (applies & said)
    for position, table in enumerate(standard.tables):  # a formula's inputs are as necessary as the keys
        if table.formula:
            for field in FORMULAS[table.formula].inputs:
                lacks = (table_pos == position) & items[field].isna()
                lacking[field] = lacking.get(field, False) | lacks
                table_pos[lacks], table_row[lacks] = -1, -1
    for field, lacks in lacking.items():
        missing_keys = _join(missing_keys, (lacks & (table_pos < 0)).to_numpy(), field)

    grades = tuple(sorted(standard.grades))
    limit_frames = {m.name: pd.DataFrame(np.nan, index=items.index, columns=[f"g{g}" for g in grades])
                    for m in standard.metrics}
    for position, table in enumerate(standard.tables):
        chosen = table_pos == position
        if chosen.any():
            for metric in standard.metrics:
                if table.formula:
                    rows = table.rows.iloc[table_row[chosen].to_numpy()]
                    picked = FORMULAS[table.formula].limits(items[chosen], rows, grades)
                else:
                    picked = limits(table, metric.name, grades, table_row[chosen])
                limit_frames[metric.name].loc[chosen] = picked.to_numpy()

    meets = {g: np.ones(len(items), dtype=bool) for g in grades}
    measurable = np.ones(len(items), dtype=bool)
    missing_metrics = pd.Series("", index=items.index, dtype=object)
    for metric in standard.metrics:
        measured = np.round(items[metric.name].astype(float).to_numpy(), MEASURE_DECIMALS)
        absent = np.isnan(measured)
        measurable &= ~absent
        missing_metrics = _join(missing_metrics, absent, metric.name)
        for g in grades:
            limit = limit_frames[metric.name][f"g{g}"].to_numpy()
            ok = measured >= limit if metric.higher_is_better else measured <= limit
            meets[g] &= ok & ~np.isnan(limit)
    achieved = np.full(len(items), np.nan)
    lowest = grades[-1]
    has_minimum = np.ones(len(items), dtype=bool)
    for metric in standard.metrics:
        has_minimum &= ~np.isnan(limit_frames[metric.name][f"g{lowest}"].to_numpy())
    achieved[measurable & has_minimum] = BELOW_MINIMUM
    for g in reversed(grades):  # worst grade first, so the best grade met overwrites
        achieved[measurable & meets[g]] = g
    better_defined = np.zeros(len(items), dtype=bool)
    for metric in standard.metrics:
        for g in grades[:-1]:
            better_defined |= ~np.isnan(limit_frames[metric.name][f"g{g}"].to_numpy())
    found = (table_pos >= 0).to_numpy()
    return Grading(table_pos, table_row, missing_keys, limit_frames, pd.Series(achieved, index=items.index),
                   missing_metrics, pd.Series(found & ~has_minimum, index=items.index),
                   pd.Series((achieved == lowest) & ~better_defined & (len(grades) > 1), index=items.index))


def grade_classes(standard: EfficiencyStandard, class_rank: pd.Series) -> pd.Series:
    """Grade from an efficiency class (rank: IE1 = 1 … IE5 = 5) through the standard's grade ↔ class table."""
    achieved = pd.Series(np.where(class_rank.notna(), BELOW_MINIMUM, np.nan), index=class_rank.index)
    for g in sorted(standard.equivalent_classes, reverse=True):
        needed = int(standard.equivalent_classes[g].removeprefix("IE"))
        achieved[class_rank >= needed] = g
    return achieved
