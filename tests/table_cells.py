"""Test helper: one row's grade values from a loaded grade table, chosen by its key values."""

from __future__ import annotations

import numpy as np

from effaudit.standards.model import GradeTable


def cell(table: GradeTable, where: dict, metric: str, grades: tuple[int, ...] = (1, 2, 3)) -> tuple:
    """The grade values of ``metric`` in the one row whose fields equal ``where`` (None matches a null cell)."""
    mask = np.ones(len(table.rows), dtype=bool)
    for field, value in where.items():
        column = table.rows[field]
        mask &= column.isna().to_numpy() if value is None else (column == value).to_numpy()
    picked = table.rows[mask]
    assert len(picked) == 1, where
    return tuple(picked[[f"{metric}_g{g}" for g in grades]].iloc[0])
