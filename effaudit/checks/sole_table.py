"""Keys marked ``when_missing: sole_table``: a key that only tells a group of tables from the standard's others (GB
30253 表1 and 表8–表10, ≤ 1140 V, against its 3–10 kV tables; 表1–表7, line-start, against the converter-fed
表8–表28). The group of a key is the tables that mark it so. An item that lacks the key is settled by its group when
no table outside the group has a row or a neighbouring row for it; it is tried against every table when others have;
and it gets no verdict from the others alone when it lies within the group's range of ratings but no table of the
group has a row for it (a PMSM of 375 kW or of 10 poles at 500 kW without a voltage: ≤ 1140 V 表1 prints no such row,
so a verdict from the 3–10 kV rows would not hold if the motor were low-voltage). That range counts only the group's
tables the item could be meant for: not those another group settled it away from (a PMSM without a supply mode or a
speed is line-start, so the converter-fed 315–1250 kW band does not hold it to ≤ 1140 V at 1100 kW)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from effaudit.standards import lookup
from effaudit.standards.model import EfficiencyStandard, GradeTable


@dataclass(frozen=True)
class SoleTableRoutes:
    """Per item (the rows of the frame they were worked out for)."""

    # per table with a sole_table key: the items it reaches and no other table does; None otherwise
    alone: list[np.ndarray | None]
    agreeing: list[dict[str, np.ndarray]]  # per table, per sole_table key: items whose missing value counts as agreeing
    # (tables × items): an item that lacks a key and that no table outside the key's group reaches is the group's:
    # the tables outside have no question for it, but for one that asks for that key itself
    quiet: np.ndarray
    settled: np.ndarray  # held by one table alone (the union of ``alone``)
    unresolved: np.ndarray  # within a group's ratings, no row there: no verdict from the other tables


def sole_table_routes(standard: EfficiencyStandard, items: pd.DataFrame) -> SoleTableRoutes:
    nobody = np.zeros(len(items), dtype=bool)
    sole = [[key.field for key in table.keys if key.sole_table] for table in standard.tables]
    if not any(sole):
        return SoleTableRoutes([None] * len(standard.tables), [{} for _ in standard.tables],
                               np.zeros((len(standard.tables), len(items)), dtype=bool), nobody, nobody)
    neighbours = standard.between_rows == "candidates"
    reach = np.array([nobody if table.formula else
                      lookup.candidate_rows(table, items, neighbours).any(axis=1) & lookup.table_applies(table, items)
                      for table in standard.tables])
    others = reach.sum(axis=0) - reach
    alone = [items[fields].isna().any(axis=1).to_numpy() & reach[position] & (others[position] == 0) if fields else None
             for position, fields in enumerate(sole)]
    groups = {field: np.array([field in fields for fields in sole]) for field in dict.fromkeys(sum(sole, []))}
    missing = {field: items[field].isna().to_numpy() for field in groups}
    outside = {field: reach[~group].any(axis=0) for field, group in groups.items()}
    settles = {field: missing[field] & ~outside[field] for field in groups}
    agreeing = [{field: settles[field] for field in fields} for fields in sole]
    asks = [{key.field for key in table.keys if not key.try_when_missing} for table in standard.tables]
    quiet = np.array([np.logical_or.reduce([settles[field] & ~group[position] & (field not in asks[position])
                                            for field, group in groups.items()])
                      for position in range(len(standard.tables))])
    # a table another group settled the item away from (a PMSM without a supply mode that no converter-fed row
    # reaches is line-start) or whose constant keys it contradicts (a stated line-start PMSM and the converter-fed
    # tables) does not widen the range of ratings it is held to
    excluded = np.logical_or.reduce([settles[field][None, :] & ~group[:, None] for field, group in groups.items()])
    eligible = ~excluded & np.array([lookup.table_applies(table, items, constants_only=True)
                                     for table in standard.tables])
    unresolved = np.logical_or.reduce([
        missing[field] & _within_ratings(standard.tables, group[:, None] & eligible, items)
        & ~reach[group].any(axis=0) for field, group in groups.items()])
    return SoleTableRoutes(alone, agreeing, quiet, np.logical_or.reduce([a for a in alone if a is not None]),
                           unresolved)


def _within_ratings(tables: list[GradeTable], counted: np.ndarray, items: pd.DataFrame) -> np.ndarray:
    """Items whose rating (each rating or interval key, but for the sole_table keys) lies between the lowest and the
    highest that the tables ``counted`` for it (tables × items) give (a missing value does not leave the range):
    0.55–1000 kW for GB 30253 表1. An item no table is counted for lies in no range."""
    ends: dict[str, np.ndarray] = {}  # field -> (tables × 2): each table's lowest and highest value, NaN if none
    for position, table in enumerate(tables):
        for key in table.keys:
            if key.sole_table or not (key.rating or key.match == "interval"):
                continue
            rows = table.rows
            low, high = ((rows[f"{key.field}_min"].astype(float).fillna(-np.inf).min(),
                          rows[f"{key.field}_max"].astype(float).fillna(np.inf).max())  # a null end is open
                         if key.match == "interval" else (rows[key.field].astype(float).min(),
                                                          rows[key.field].astype(float).max()))
            table_ends = ends.setdefault(key.field, np.full((len(tables), 2), np.nan))
            table_ends[position] = (low, high)
    within = counted.any(axis=0)
    for field, table_ends in ends.items():
        has = counted & ~np.isnan(table_ends[:, :1])
        low = np.where(has, table_ends[:, :1], np.inf).min(axis=0)
        high = np.where(has, table_ends[:, 1:], -np.inf).max(axis=0)
        values = items[field].to_numpy(dtype=float, na_value=np.nan)
        within &= ~has.any(axis=0) | np.isnan(values) | ((values >= low) & (values <= high))
    return within
