"""Grade items against one standard edition: find their table row, compare every metric with every grade.

Works on the whole frame of one family at once. A value exactly at a limit meets it; measured values are
rounded to 6 decimals first so that a ratio column converted to percent (0.942 × 100) still equals 94.2.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from effaudit.checks.sole_table import SoleTableRoutes, sole_table_routes
from effaudit.io.values import combinations, names_where
from effaudit.standards import lookup
from effaudit.standards.formulas import FORMULAS
from effaudit.standards.model import EfficiencyStandard, GradeTable

# The "grade" of an item that fails its standard's lowest grade (能效限定值): the worst, and no standard's grade (the
# loader takes grades 1 to 5; GB 29541-2013 has five, most standards three).
BELOW_MINIMUM = 99
MEASURE_DECIMALS = 6


def grade_class(achieved: np.ndarray) -> np.ndarray:
    """1, 2, 3 or BELOW_MINIMUM (NaN where not graded): every grade from 3 down to the standard's minimum meets the
    minimum and is below the energy-saving level (grade 2) — grade 3 of three, grades 3 to 5 of five."""
    return np.where((achieved > 3) & (achieved != BELOW_MINIMUM), 3, achieved)


def cited_grade(achieved: np.ndarray, lowest: int, best: int) -> np.ndarray:
    """The grade whose limit a grade finding cites, per grade achieved: grade 1 for grades 1 and 2 (its own, or the
    next up), grade 2 (the energy-saving level to reach) for every grade from 3 down to the minimum, the minimum
    (``lowest``) below it and where nothing was graded. Never a grade better than the standard's ``best``: an item
    at grade 2 of a standard whose best is 2 (GB 28381-2012: 节能评价值) cites grade 2 itself, not a grade 1 it lacks."""
    return np.maximum(np.select([achieved <= 2, achieved <= lowest], [1, 2], lowest), best)


@dataclass(frozen=True)
class Candidates:
    """The rows tried for items that matched no row (a missing key, a rating between two rows), per distinct
    combination of key values (a *set*): set ``s`` holds the pairs ``start[s] : start[s] + count[s]`` of ``table``
    and ``row`` (positions in the standard's tables)."""

    start: np.ndarray
    count: np.ndarray
    table: np.ndarray
    row: np.ndarray
    keys: pd.DataFrame  # per set, the item's key values (the distinct combination it stands for)

    def pairs(self, candidate_set: int) -> list[tuple[int, int]]:
        first = int(self.start[candidate_set])
        return list(zip(self.table[first:first + int(self.count[candidate_set])].tolist(),
                        self.row[first:first + int(self.count[candidate_set])].tolist()))


# What one candidate row gives, one character per candidate in ``Grading.candidate_verdicts``: the grade reached
# ("1" … the standard's lowest grade, the digit after it below the minimum: "4" for a standard of three grades, "6" of
# five), "0" the only grade the row defines, "-" not gradeable (no value, or "—").
ONLY_MINIMUM_KEY = 0


def verdict_keys(lowest: int) -> np.ndarray:
    """The characters of the keys 0 … ``lowest`` + 2 of a standard whose minimum is grade ``lowest``: the key of a
    grade is its digit, below the minimum ``lowest`` + 1, not gradeable (``lowest`` + 2) "-"."""
    return np.array([str(key) for key in range(lowest + 2)] + ["-"])


@dataclass(frozen=True)
class Grading:
    """Per item (same index as the items graded): where it was looked up and what it reached."""

    table: pd.Series          # position of the table that had the item's row, -1 if none
    table_row: pd.Series      # row position in that table, -1 if none
    missing_keys: pd.Series   # key fields the item lacks ("" when none, or when every candidate row agreed)
    limits: dict[str, pd.DataFrame]  # metric -> columns g1.. (NaN where no row or "—")
    achieved: pd.Series       # best grade met (1 best), BELOW_MINIMUM, or NaN when not gradeable
    missing_metrics: pd.Series  # metric fields the item lacks ("" when none)
    uncovered: pd.Series      # a row was found but the standard gives "—" for its minimum: not covered
    only_minimum: pd.Series   # the row defines no grade better than the minimum, and the item meets it
    candidate_set: pd.Series  # the candidate rows tried (an index for ``candidates.pairs``), -1 when none
    candidate_verdicts: pd.Series  # one verdict_keys character per candidate ("" when none)
    candidate_keys: pd.Series  # the key fields the candidates differ in: the missing keys, or the rating
    from_candidates: pd.Series  # graded because every candidate agreed; table / table_row: the decisive one
    candidates: Candidates

    def subset(self, mask: pd.Series) -> "Grading":
        return Grading(**{name: (value[mask] if isinstance(value, pd.Series)
                                 else {key: frame[mask] for key, frame in value.items()} if isinstance(value, dict)
                                 else value)
                          for name, value in self.__dict__.items()})


def _graded(standard: EfficiencyStandard, tables: np.ndarray) -> dict[str, np.ndarray]:
    """metric -> whether the table at each position (-1: none) grades it: a table of another indicator (表2's weighted
    specific power) neither asks for nor judges the file's other metrics."""
    return {metric.name: np.array([table.grades_metric(metric.name) for table in standard.tables] + [True])[tables]
            for metric in standard.metrics}


def _reached(standard: EfficiencyStandard, grades: tuple[int, ...], measured: dict[str, np.ndarray],
             limits: dict[str, np.ndarray], graded: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(achieved, only_minimum) for measured values against limits (both per item or per candidate pair), on the
    metrics the row's table grades."""
    size = len(next(iter(measured.values())))
    meets = {g: np.ones(size, dtype=bool) for g in grades}
    measurable = np.ones(size, dtype=bool)
    has_minimum = np.ones(size, dtype=bool)
    better_defined = np.zeros(size, dtype=bool)
    for metric in standard.metrics:
        values, limit, ungraded = measured[metric.name], limits[metric.name], ~graded[metric.name]
        measurable &= ~np.isnan(values) | ungraded
        has_minimum &= ~np.isnan(limit[:, -1]) | ungraded
        better_defined |= ~np.isnan(limit[:, :-1]).all(axis=1) & ~ungraded
        for column, g in enumerate(grades):
            ok = values >= limit[:, column] if metric.higher_is_better else values <= limit[:, column]
            meets[g] &= (ok & ~np.isnan(limit[:, column])) | ungraded
    achieved = np.full(size, np.nan)
    achieved[measurable & has_minimum] = BELOW_MINIMUM
    for g in reversed(grades):  # worst grade first, so the best grade met overwrites
        achieved[measurable & meets[g]] = g
    return achieved, (achieved == grades[-1]) & ~better_defined & (len(grades) > 1)


def grade(standard: EfficiencyStandard, items: pd.DataFrame) -> Grading:
    located = _locate(standard, items)
    grades = located.grades
    measured = {m.name: np.round(items[m.name].astype(float).to_numpy(), MEASURE_DECIMALS) if m.name in items
                else np.full(len(items), np.nan) for m in standard.metrics}
    limits = {name: values.copy() for name, values in located.limits.items()}
    table, table_row = located.table.copy(), located.table_row.copy()
    achieved, only_minimum = _reached(standard, grades, measured, limits, _graded(standard, table))
    missing_keys = located.missing_keys.copy()
    candidate_set = np.full(len(items), -1)
    candidate_verdicts = np.full(len(items), "", dtype=object)
    from_candidates = np.zeros(len(items), dtype=bool)
    tried = (table < 0) & (located.candidates.count[located.codes] > 0)
    if tried.any():
        position = np.flatnonzero(tried)
        agreed, verdicts, decisive, common = _judge_candidates(standard, located, measured, position)
        candidate_set[position] = located.codes[position]
        candidate_verdicts[position] = verdicts
        chosen = position[agreed]
        pair = decisive[agreed]
        key = common[agreed]
        achieved[chosen] = np.where(key == ONLY_MINIMUM_KEY, grades[-1], key)
        only_minimum[chosen] = key == ONLY_MINIMUM_KEY
        table[chosen], table_row[chosen] = located.candidates.table[pair], located.candidates.row[pair]
        for name in limits:
            limits[name][chosen] = located.pair_limits[name][pair]
        missing_keys[chosen] = ""
        from_candidates[chosen] = True
    graded = _graded(standard, table)
    absent_metrics = [(metric.name, np.isnan(measured[metric.name]) & graded[metric.name])
                      for metric in standard.metrics]
    has_minimum = np.ones(len(items), dtype=bool)
    for name, values in limits.items():
        has_minimum &= ~np.isnan(values[:, -1]) | ~graded[name]
    index = items.index
    return Grading(pd.Series(table, index=index), pd.Series(table_row, index=index),
                   pd.Series(missing_keys, index=index),
                   {name: pd.DataFrame(values, index=index, columns=[f"g{g}" for g in grades])
                    for name, values in limits.items()},
                   pd.Series(achieved, index=index), pd.Series(names_where(absent_metrics, len(items)), index=index),
                   pd.Series((table >= 0) & ~has_minimum, index=index), pd.Series(only_minimum, index=index),
                   pd.Series(candidate_set, index=index), pd.Series(candidate_verdicts, index=index),
                   pd.Series(located.candidate_keys, index=index), pd.Series(from_candidates, index=index),
                   located.candidates)


def _judge_candidates(standard: EfficiencyStandard, located: "_Located", measured: dict[str, np.ndarray],
                      position: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For the items at ``position`` (each with candidate rows): (agreed, verdicts, decisive pair, the verdict key
    when agreed: ONLY_MINIMUM_KEY, the grade, or BELOW_MINIMUM). Every item is
    graded against every candidate row; they agree when every row gives the same verdict. The decisive row is the
    one whose limit at the grade the finding cites (the next grade up, or the minimum when below it) is the
    strictest: a verdict that holds against it holds against every candidate."""
    grades, candidates = located.grades, located.candidates
    lowest = grades[-1]
    below_key, ungraded_key = lowest + 1, lowest + 2
    sets = located.codes[position]
    count = candidates.count[sets]
    item_of_pair = np.repeat(np.arange(len(position)), count)
    first = np.cumsum(count) - count
    pair = np.repeat(candidates.start[sets], count) + np.arange(count.sum()) - np.repeat(first, count)
    achieved, only_minimum = _reached(
        standard, grades, {name: values[position][item_of_pair] for name, values in measured.items()},
        {name: values[pair] for name, values in located.pair_limits.items()},
        _graded(standard, candidates.table[pair]))
    key = np.where(only_minimum, ONLY_MINIMUM_KEY,
                   np.where(achieved == BELOW_MINIMUM, below_key, np.nan_to_num(achieved, nan=ungraded_key))).astype(int)
    low, high = np.minimum.reduceat(key, first), np.maximum.reduceat(key, first)
    agreed = (low == high) & (low != ungraded_key)
    width = int(count.max())
    letters = np.full((len(position), width), "", dtype="U1")
    letters[item_of_pair, np.arange(len(pair)) - np.repeat(first, count)] = verdict_keys(lowest)[key]
    verdicts = letters.view(f"U{width}").ravel().astype(object)
    # the grade whose limit the finding cites
    target = np.where(key == ONLY_MINIMUM_KEY, lowest, cited_grade(np.where(key == below_key, BELOW_MINIMUM, key),
                                                                   lowest, min(grades)))
    column = np.searchsorted(np.array(grades), target)
    metric = standard.metrics[0]
    limit = located.pair_limits[metric.name][pair, np.minimum(column, len(grades) - 1)]
    strictness = np.nan_to_num(-limit if metric.higher_is_better else limit, nan=np.inf)
    order = np.lexsort((strictness, item_of_pair))
    return agreed, verdicts, pair[order[first]], np.where(low == below_key, BELOW_MINIMUM, low)


@dataclass(frozen=True)
class _Located:
    """Per item, as numpy arrays: the table and row found, the key fields lacking, and the row's limits; per
    distinct combination of key values (``codes``), the candidate rows tried when no row matched."""

    grades: tuple[int, ...]
    table: np.ndarray
    table_row: np.ndarray
    missing_keys: np.ndarray
    limits: dict[str, np.ndarray]  # metric -> (items × grades), NaN where no row or "—"
    codes: np.ndarray  # per item, its combination of key values: the candidate set
    candidates: Candidates
    pair_limits: dict[str, np.ndarray]  # metric -> (candidate pairs × grades)
    candidate_keys: np.ndarray  # per item, the key fields its candidates differ in


def _limits(standard: EfficiencyStandard, table: GradeTable, rows: np.ndarray, grades: tuple[int, ...],
            distinct: pd.DataFrame | None = None) -> dict[str, np.ndarray]:
    """metric -> (rows × grades): the limits of the given rows of ``table`` (a formula's for ``distinct`` items)."""
    out = {}
    for metric in standard.metrics:
        if table.formula:
            picked = FORMULAS[table.formula].limits(distinct, table.rows.iloc[rows], grades)
        else:
            picked = lookup.limits(table, metric.name, grades, pd.Series(rows))
        out[metric.name] = picked.to_numpy()
    return out


def _locate(standard: EfficiencyStandard, items: pd.DataFrame) -> _Located:
    """Where each item's limits are: found once per distinct combination of the fields the tables are looked up
    by (keys and formula inputs; an inventory repeats its ratings), spread back to the items. A frame without a
    key's column states it for none of its items, as a missing metric column does."""
    fields = list(dict.fromkeys([key.field for table in standard.tables for key in table.keys]
                                + [field for table in standard.tables if table.formula
                                   for field in FORMULAS[table.formula].inputs]))
    keyed = items.reindex(columns=fields)
    codes, first = combinations([keyed[field] for field in fields], len(items))
    distinct = keyed.iloc[first].reset_index(drop=True)
    routes = sole_table_routes(standard, distinct)
    table_pos, table_row, missing_keys = _find(standard, distinct, routes)
    grades = tuple(sorted(standard.grades))
    limits = {m.name: np.full((len(distinct), len(grades)), np.nan) for m in standard.metrics}
    for position, table in enumerate(standard.tables):
        chosen = table_pos == position
        if chosen.any():
            picked = _limits(standard, table, table_row[chosen], grades, distinct[chosen])
            for name, values in picked.items():
                limits[name][chosen] = values
    tried = (table_pos < 0) & ~routes.unresolved
    candidates, pair_limits, keys = _candidates(standard, distinct, tried, missing_keys, grades)
    # an item that lacks only keys every table tries on every value they take (not GB 30253's poles, which 表1 asks
    # for), and found no candidate row under any of them, is in no row whatever it supplies: "not in table", not a
    # question (a static water heater of 10 kW or more lacking 是否提供水泵, a size GB 29541 has no static row for)
    asked = {key.field for table in standard.tables for key in table.keys if not key.try_when_missing}
    every_value_tried = {key.field for table in standard.tables for key in table.keys} - asked  # tried by every table
    hopeless = tried & (candidates.count == 0) & np.array(
        [bool(fields) and set(str(fields).split(",")) <= every_value_tried for fields in missing_keys], dtype=bool)
    missing_keys[hopeless] = ""
    keys[hopeless] = ""
    return _Located(grades, table_pos[codes], table_row[codes], missing_keys[codes],
                    {name: values[codes] for name, values in limits.items()}, codes, candidates, pair_limits,
                    keys[codes])


def _candidates(standard: EfficiencyStandard, distinct: pd.DataFrame, tried: np.ndarray,
                missing_keys: np.ndarray, grades: tuple[int, ...]
                ) -> tuple[Candidates, dict[str, np.ndarray], np.ndarray]:
    """The candidate rows of the distinct key combinations ``tried`` (those that matched no row, but for the
    ``SoleTableRoutes.unresolved``), in every table that could be meant for them (formula tables excepted: their
    limits need every input)."""
    unmatched = np.flatnonzero(tried)
    neighbours = standard.between_rows == "candidates"
    found_set, found_table, found_row = [], [], []
    for position, table in enumerate(standard.tables):
        if table.formula or not len(unmatched):
            continue
        subset = distinct.iloc[unmatched]
        matrix = lookup.candidate_rows(table, subset, neighbours) & lookup.table_applies(table, subset)[:, None]
        which, row = np.nonzero(matrix)
        found_set.append(unmatched[which])
        found_table.append(np.full(len(which), position))
        found_row.append(row)
    sets = np.concatenate(found_set) if found_set else np.empty(0, dtype=int)
    order = np.argsort(sets, kind="stable")
    sets = sets[order]
    tables = (np.concatenate(found_table) if found_table else np.empty(0, dtype=int))[order]
    rows = (np.concatenate(found_row) if found_row else np.empty(0, dtype=int))[order]
    count = np.bincount(sets, minlength=len(distinct))
    start = np.cumsum(count) - count
    pair_limits = {m.name: np.full((len(rows), len(grades)), np.nan) for m in standard.metrics}
    for position, table in enumerate(standard.tables):
        chosen = tables == position
        if chosen.any():
            for name, values in _limits(standard, table, rows[chosen], grades).items():
                pair_limits[name][chosen] = values
    ratings = [key.field for table in standard.tables for key in table.keys if key.rating]
    rating_text = ",".join(dict.fromkeys(ratings)) if neighbours else ""
    keys = np.where(missing_keys != "", missing_keys, np.where(count > 0, rating_text, "")).astype(object)
    return Candidates(start, count, tables, rows, distinct), pair_limits, keys


def _find(standard: EfficiencyStandard, items: pd.DataFrame,
          routes: SoleTableRoutes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(table position, row position, missing key fields) per item: the first table with a row for the item. An
    item lacks a key when a table meant for it (``lookup.table_applies``, its ratings within the table's) needs it,
    or a formula's input, and no table found a row: supplying a key cannot put a rating no row reaches into a
    table, so such an item is told "not in table"."""
    table_pos = np.full(len(items), -1)
    table_row = np.full(len(items), -1)
    lacking: dict[str, np.ndarray] = {}  # key field -> items that lack it, for a table meant for them
    for position, (table, alone, agreeing) in enumerate(zip(standard.tables, routes.alone, routes.agreeing)):
        found, lacks = lookup.locate_rows(table, items, agreeing)
        fresh = (table_pos == -1) & (found >= 0)
        table_pos[fresh], table_row[fresh] = position, found[fresh]
        # a table has no question for an item another table alone can hold, or a sole_table key's group settles
        applies = (lookup.table_applies(table, items, ratings=True) & ~(routes.settled & (alone is None or ~alone))
                   & ~routes.quiet[position])
        for field, said in lacks.items():
            lacking[field] = lacking.get(field, False) | (applies & said)
    for position, table in enumerate(standard.tables):  # a formula's inputs are as necessary as the keys
        if table.formula:
            for field in FORMULAS[table.formula].inputs:
                lacks = (table_pos == position) & items[field].isna().to_numpy()
                lacking[field] = lacking.get(field, False) | lacks
                table_pos[lacks], table_row[lacks] = -1, -1
    first = {key.field for table in standard.tables for key in table.keys if key.asked_first}
    lacks_first = np.zeros(len(items), dtype=bool)  # items that lack a key asked first: asked for that alone
    for field in first & lacking.keys():
        lacks_first |= lacking[field]
    missing = names_where([(field, lacks & (table_pos < 0) & (lacks_first if field in first else ~lacks_first))
                           for field, lacks in lacking.items()], len(items))
    return table_pos, table_row, missing


def grade_classes(standard: EfficiencyStandard, class_rank: pd.Series) -> pd.Series:
    """Grade from an efficiency class (rank: IE1 = 1 … IE5 = 5) through the standard's grade ↔ class table."""
    achieved = pd.Series(np.where(class_rank.notna(), BELOW_MINIMUM, np.nan), index=class_rank.index)
    for g in sorted(standard.equivalent_classes, reverse=True):
        needed = int(standard.equivalent_classes[g].removeprefix("IE"))
        achieved[class_rank >= needed] = g
    return achieved
