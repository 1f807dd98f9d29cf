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
    per_grade: tuple[str, ...]  # row columns of the per-grade constants, grade 1 first
    subtracted: bool           # True: the constants are subtracted (must not decrease from grade 1 to 3); False:
                               # added (must not increase)
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


ETA_B = tuple(f"eta_b_c{power}" for power in range(6, -1, -1))
DELTA = tuple(f"delta_c{power}" for power in range(6, -1, -1))


def _polynomial(rows: pd.DataFrame, columns: tuple[str, ...], x: np.ndarray) -> np.ndarray:
    """Σ c_k·x^k with each row's coefficients (``columns`` from the highest power down), by Horner's rule."""
    total = np.zeros(len(x))
    for column in columns:
        total = total * x + rows[column].to_numpy()
    return total


def _chemical_pump(items: pd.DataFrame, rows: pd.DataFrame, grades: tuple[int, ...]) -> pd.DataFrame:
    """GB 19762-2025 表2 (petrochemical pumps): η0 = ηb − Δη, limit of grade i = η0 + offset_i. ηb is a sixth-degree
    polynomial in ln Q (Q the total flow at the best efficiency point in m³/h, taken as ``flow_cap_m3_h`` above it),
    Δη one in ns (a row whose ns band has no correction holds zeros)."""
    flow = np.minimum(items["flow_m3_h"].astype(float).to_numpy(), rows["flow_cap_m3_h"].to_numpy())
    eta_0 = (_polynomial(rows, ETA_B, np.log(flow))
             - _polynomial(rows, DELTA, items["specific_speed"].astype(float).to_numpy()))
    return pd.DataFrame({f"g{g}": eta_0 + rows[f"offset_g{g}"].to_numpy() for g in grades}, index=items.index)


FORMULAS = {
    "centrifugal_pump_gb19762_2025": Formula(
        "centrifugal_pump_gb19762_2025", "GB 19762-2025 表3 + 公式",
        ("coef_a", "coef_b", "coef_c", "coef_d", "coef_e", "c_g1", "c_g2", "c_g3"),
        ("flow_m3_h", "specific_speed"), ("c_g1", "c_g2", "c_g3"), True, _centrifugal_pump),
    "chemical_pump_gb19762_2025": Formula(
        "chemical_pump_gb19762_2025", "GB 19762-2025 表2 + 公式(4)–(7)",
        ("flow_cap_m3_h", *ETA_B, *DELTA, "offset_g1", "offset_g2", "offset_g3"),
        ("flow_m3_h", "specific_speed"), ("offset_g1", "offset_g2", "offset_g3"), False, _chemical_pump),
}
