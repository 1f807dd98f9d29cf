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


def boundary_cases(rows: dict, worse: float = -0.01) -> list[tuple]:
    """(row key, value, verdict, cited limit) at and ``worse`` than each grade of each row: ``rows`` maps a row key
    to its grade 1 / 2 / 3 limits; ``worse`` is -0.01 when higher is better (efficiency), +0.01 when lower is
    better (specific power)."""
    cases = []
    for row, (g1, g2, g3) in rows.items():
        cases += [(row, g1, "advanced", g1), (row, round(g1 + worse, 2), "energy_saving", g1),
                  (row, g2, "energy_saving", g1), (row, round(g2 + worse, 2), "below_energy_saving", g2),
                  (row, g3, "below_energy_saving", g2), (row, round(g3 + worse, 2), "below_minimum", g3)]
    return cases


def first_findings(items: list[dict]) -> list[tuple]:
    """(verdict, clause, required value) of each checked item's first finding: what a boundary case pins."""
    return [(item["verdict"], item["findings"][0]["clause"], item["findings"][0]["required"]["value"])
            for item in items]
