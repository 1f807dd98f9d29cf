"""Grade limits a standard gives as a formula of the item's duty point instead of a table cell.

A formula table in standards_data/ names one of these (``formula: …``); its rows hold the formula's coefficients,
looked up like any table row. Each formula says which row columns it reads and computes the limits of every grade
for the whole frame at once. The formula itself is code because it is arithmetic; its numbers stay data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Formula:
    name: str
    citation: str
    columns: tuple[str, ...]   # row columns the formula reads (besides the keys)
    inputs: tuple[str, ...]    # item fields it needs (a missing one makes the item not assessable)
    ascending: tuple[str, ...]  # row columns that must not decrease from grade 1 to grade 3
    limits: Callable[[pd.DataFrame, pd.DataFrame, tuple[int, ...]], pd.DataFrame]


def _centrifugal_pump(items: pd.DataFrame, rows: pd.DataFrame, grades: tuple[int, ...]) -> pd.DataFrame:
    """GB 19762-2025: η_base = a(ln ns)² + b(ln Q)² + c(ln ns)(ln Q) + d·ln ns + e·ln Q, limit of grade i =
    η_base − C_i, with Q the total flow at the best efficiency point in m³/h and ns the specific speed."""
    log_ns = np.log(items["specific_speed"].astype(float).to_numpy())
    log_q = np.log(items["flow_m3_h"].astype(float).to_numpy())
    base = (rows["coef_a"].to_numpy() * log_ns ** 2 + rows["coef_b"].to_numpy() * log_q ** 2
            + rows["coef_c"].to_numpy() * log_ns * log_q + rows["coef_d"].to_numpy() * log_ns
            + rows["coef_e"].to_numpy() * log_q)
    return pd.DataFrame({f"g{g}": base - rows[f"c_g{g}"].to_numpy() for g in grades}, index=items.index)


FORMULAS = {
    "centrifugal_pump_gb19762_2025": Formula(
        "centrifugal_pump_gb19762_2025", "GB 19762-2025 表3 + 公式",
        ("coef_a", "coef_b", "coef_c", "coef_d", "coef_e", "c_g1", "c_g2", "c_g3"),
        ("flow_m3_h", "specific_speed"), ("c_g1", "c_g2", "c_g3"), _centrifugal_pump),
}
