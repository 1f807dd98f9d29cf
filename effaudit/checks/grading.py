"""Grade items against one standard edition: find their table row, compare every metric with every grade.

Works on the whole frame of one family at once. A value exactly at a limit meets it; measured values are
rounded to 6 decimals first so that a ratio column converted to percent (0.942 × 100) still equals 94.2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from effaudit.io.values import combinations, names_where
from effaudit.standards import lookup
from effaudit.standards.formulas import FORMULAS
from effaudit.standards.model import EfficiencyStandard

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


def grade(standard: EfficiencyStandard, items: pd.DataFrame) -> Grading:
    located = _locate(standard, items)
    limit_frames = {name: pd.DataFrame(values, index=items.index, columns=[f"g{g}" for g in located.grades])
                    for name, values in located.limits.items()}
    grades = located.grades
    meets = {g: np.ones(len(items), dtype=bool) for g in grades}
    measurable = np.ones(len(items), dtype=bool)
    absent_metrics = []
    for metric in standard.metrics:
        measured = np.round(items[metric.name].astype(float).to_numpy(), MEASURE_DECIMALS)
        absent = np.isnan(measured)
        measurable &= ~absent
        absent_metrics.append((metric.name, absent))
        for column, g in enumerate(grades):
            limit = located.limits[metric.name][:, column]
            ok = measured >= limit if metric.higher_is_better else measured <= limit
            meets[g] &= ok & ~np.isnan(limit)
    achieved = np.full(len(items), np.nan)
    achieved[measurable & located.has_minimum] = BELOW_MINIMUM
    for g in reversed(grades):  # worst grade first, so the best grade met overwrites
        achieved[measurable & meets[g]] = g
    found = located.table >= 0
    only_minimum = (achieved == grades[-1]) & ~located.better_defined & (len(grades) > 1)
    return Grading(pd.Series(located.table, index=items.index), pd.Series(located.table_row, index=items.index),
                   pd.Series(located.missing_keys, index=items.index), limit_frames,
                   pd.Series(achieved, index=items.index),
                   pd.Series(names_where(absent_metrics, len(items)), index=items.index),
                   pd.Series(found & ~located.has_minimum, index=items.index),
                   pd.Series(only_minimum, index=items.index))


@dataclass(frozen=True)
class _Located:
    """Per item, as numpy arrays: the table and row found, the key fields lacking, and the row's limits."""

    grades: tuple[int, ...]
    table: np.ndarray
    table_row: np.ndarray
    missing_keys: np.ndarray
    limits: dict[str, np.ndarray]  # metric -> (items × grades), NaN where no row or "—"
    has_minimum: np.ndarray  # every metric has a limit for the lowest grade
    better_defined: np.ndarray  # some metric has a limit for a grade better than the lowest


def _locate(standard: EfficiencyStandard, items: pd.DataFrame) -> _Located:
    """Where each item's limits are: found once per distinct combination of the fields the tables are looked up
    by (keys and formula inputs; an inventory repeats its ratings), spread back to the items."""
    fields = list(dict.fromkeys([key.field for table in standard.tables for key in table.keys]
                                + [field for table in standard.tables if table.formula
                                   for field in FORMULAS[table.formula].inputs]))
    codes, first = combinations([items[field] for field in fields], len(items))
    distinct = items[fields].iloc[first].reset_index(drop=True)
    table_pos, table_row, missing_keys = _find(standard, distinct)
    grades = tuple(sorted(standard.grades))
    limits = {m.name: np.full((len(distinct), len(grades)), np.nan) for m in standard.metrics}
    for position, table in enumerate(standard.tables):
        chosen = table_pos == position
        if chosen.any():
            for metric in standard.metrics:
                if table.formula:
                    rows = table.rows.iloc[table_row[chosen]]
                    picked = FORMULAS[table.formula].limits(distinct[chosen], rows, grades)
                else:
                    picked = lookup.limits(table, metric.name, grades, pd.Series(table_row[chosen]))
                limits[metric.name][chosen] = picked.to_numpy()
    has_minimum = np.ones(len(distinct), dtype=bool)
    better_defined = np.zeros(len(distinct), dtype=bool)
    for values in limits.values():
        has_minimum &= ~np.isnan(values[:, -1])
        better_defined |= ~np.isnan(values[:, :-1]).all(axis=1)
    return _Located(grades, table_pos[codes], table_row[codes], missing_keys[codes],
                    {name: values[codes] for name, values in limits.items()}, has_minimum[codes],
                    better_defined[codes])


def _find(standard: EfficiencyStandard, items: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(table position, row position, missing key fields) per item: the first table with a row for the item. An
    item lacks a key when a table meant for it (``lookup.table_applies``) needs it, or a formula's input, and no table
    found a row."""
    table_pos = np.full(len(items), -1)
    table_row = np.full(len(items), -1)
    lacking: dict[str, np.ndarray] = {}  # key field -> items that lack it, for a table meant for them
    for position, table in enumerate(standard.tables):
        found, lacks = lookup.locate_rows(table, items)
        fresh = (table_pos == -1) & (found >= 0)
        table_pos[fresh], table_row[fresh] = position, found[fresh]
        applies = lookup.table_applies(table, items)
        for field, said in lacks.items():
            lacking[field] = lacking.get(field, False) | (applies & said)
    for position, table in enumerate(standard.tables):  # a formula's inputs are as necessary as the keys
        if table.formula:
            for field in FORMULAS[table.formula].inputs:
                lacks = (table_pos == position) & items[field].isna().to_numpy()
                lacking[field] = lacking.get(field, False) | lacks
                table_pos[lacks], table_row[lacks] = -1, -1
    missing = names_where([(field, lacks & (table_pos < 0)) for field, lacks in lacking.items()], len(items))
    return table_pos, table_row, missing


def grade_classes(standard: EfficiencyStandard, class_rank: pd.Series) -> pd.Series:
    """Grade from an efficiency class (rank: IE1 = 1 … IE5 = 5) through the standard's grade ↔ class table."""
    achieved = pd.Series(np.where(class_rank.notna(), BELOW_MINIMUM, np.nan), index=class_rank.index)
    for g in sorted(standard.equivalent_classes, reverse=True):
        needed = int(standard.equivalent_classes[g].removeprefix("IE"))
        achieved[class_rank >= needed] = g
    return achieved
