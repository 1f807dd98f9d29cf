"""The yearly energy a replacement at the energy-saving level saves, one formula per kind of metric.

Every formula takes plain float arrays, one value per graded metric of an item: the item's rating (``size``, in the
formula's ``size_field`` unit), its measured value ``m`` and the grade-2 value ``g2`` of its own table row (in the
metric's unit), the load factor ``beta`` (a fraction of the rating) and the annual hours ``t``; it returns the saving
per unit (the caller multiplies by the quantity), in kWh of electricity or MJ of heat (``energy``). Rated values are
used at every load, as is usual for such estimates. A metric already at grade 2 saves nothing (never a negative
saving).

    input_power     motors:       P·β·t·(100/η − 100/η₂)            the input power for the same shaft output
    shaft_power     fans, pumps:  P·β·t·(1 − η/η₂)                  the shaft power for the same fluid power
    specific_power  compressors:  (q − q₂)·Q·β·t                    q in kW/(m³/min), Q the delivery in m³/min
    no_load_loss    transformers: (P₀ − P₀₂)/1000·t                 energised hours, W → kW
    load_loss       transformers: (P_k − P_k₂)/1000·β²·t            load losses grow with the square of the load
    cooling         chillers:     Q_c·β·t·(1/COP − 1/COP₂)          the electricity for the same cooling
    fuel_heat       boilers:      Q·β·t·(100/η − 100/η₂)·3600       the fuel heat for the same heat output (MW·h → MJ)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Arrays = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # size, m, g2, beta, t


@dataclass(frozen=True)
class Formula:
    name: str
    size_field: str | None  # the item's rating the formula multiplies (an inventory column); None: not rated
    energy: str  # "electricity" (kWh) or "heat" (MJ of fuel heat)
    zh: str  # the formula as the finding and the report write it
    en: str
    per_unit: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]

    def saving(self, size: np.ndarray, measured: np.ndarray, grade2: np.ndarray, beta: np.ndarray,
               hours: np.ndarray) -> np.ndarray:
        """The saving per unit, never below zero; NaN where an input is missing."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.maximum(self.per_unit(size, measured, grade2, beta, hours), 0.0)


FORMULAS = {formula.name: formula for formula in (
    Formula("input_power", "rated_power_kw", "electricity",
            "额定功率 × 负载率 × 年运行小时 × (1/η − 1/η₂)", "rated power × load factor × hours × (1/η − 1/η₂)",
            lambda p, m, g2, beta, t: p * beta * t * (100 / m - 100 / g2)),
    Formula("shaft_power", "rated_power_kw", "electricity",
            "额定功率 × 负载率 × 年运行小时 × (1 − η/η₂)", "rated power × load factor × hours × (1 − η/η₂)",
            lambda p, m, g2, beta, t: p * beta * t * (1 - m / g2)),
    Formula("specific_power", "flow_m3_min", "electricity",
            "(比功率 − 2级比功率) × 排气量 × 负载率 × 年运行小时",
            "(specific power − grade-2 specific power) × delivery × load factor × hours",
            lambda q, m, g2, beta, t: (m - g2) * q * beta * t),
    Formula("no_load_loss", None, "electricity",
            "(空载损耗 − 2级空载损耗) × 年运行小时", "(no-load loss − grade-2 no-load loss) × hours",
            lambda _s, m, g2, _beta, t: (m - g2) / 1000 * t),
    Formula("load_loss", None, "electricity",
            "(负载损耗 − 2级负载损耗) × 负载率² × 年运行小时", "(load loss − grade-2 load loss) × load factor² × hours",
            lambda _s, m, g2, beta, t: (m - g2) / 1000 * beta ** 2 * t),
    Formula("cooling", "cooling_capacity_kw", "electricity",
            "制冷量 × 负载率 × 年运行小时 × (1/COP − 1/COP₂)", "cooling capacity × load factor × hours × (1/COP − 1/COP₂)",
            lambda q, m, g2, beta, t: q * beta * t * (1 / m - 1 / g2)),
    Formula("fuel_heat", "thermal_power_mw", "heat",
            "额定热功率 × 负载率 × 年运行小时 × (1/η − 1/η₂)", "rated heat output × load factor × hours × (1/η − 1/η₂)",
            lambda q, m, g2, beta, t: q * beta * t * (100 / m - 100 / g2) * 3600),
)}
