"""The arithmetic of a quota check, on the arrays of the product rows one entry judges.

    carriers × GB/T 2589 coefficients → total kgce → ÷ output → unit consumption in the entry's unit
    grade limits + corrections (an addend range when an input is missing) → verdict at both ends of the range

pint converts units once per distinct unit text (effaudit.units.conversion_factor); the rest is float arrays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from effaudit.standards.quota_model import GRADES, ConversionFactors, Correction, QuotaEntry, QuotaStandard
from effaudit.units import UnitTextError, conversion_factor

# Verdict ranks, best first; lower unit consumption is better.
VERDICTS = ("advanced", "energy_saving", "below_energy_saving", "below_minimum")


@dataclass(frozen=True)
class CarrierUse:
    """One carrier of one row: the amount as read, the coefficient used and where it came from, the result."""

    column: str
    zh: str
    en: str
    amount: float
    unit: str
    coefficient: float  # kgce per unit
    basis: str  # "GB/T 2589-2020 附录A" | "measured LHV 21 000 kJ/kg" | "GB 21343-2023 4.2 (equal value)"
    confidence: str
    kgce: float


@dataclass(frozen=True)
class QuotaComputation:
    """How one product row was judged, for the reports: enough to redo the sum by hand."""

    standard: QuotaStandard
    entry: QuotaEntry
    source: str  # carriers | total | reported: where the judged unit consumption came from
    output: float | None
    output_unit: str | None
    total_kgce: float | None
    carriers: tuple[CarrierUse, ...]
    value: float  # the judged unit consumption, in entry.unit (NaN: none could be formed)
    reported: float | None  # the sheet's own unit consumption, converted to entry.unit
    limits_low: dict[int, float]  # per grade, after corrections (low == high unless an input is missing)
    limits_high: dict[int, float]
    corrections: tuple[CorrectionUse, ...]


@dataclass(frozen=True)
class CorrectionUse:
    correction: Correction
    input_value: float | str | None  # None: missing
    addend: dict[int, tuple[float, float]]  # grade → (low, high); low == high when the input is known


def carrier_uses(rows: pd.DataFrame, conversion: ConversionFactors, standard: QuotaStandard
                 ) -> tuple[np.ndarray, np.ndarray, list[list[CarrierUse]]]:
    """(total kgce per row, whether any carrier was given, the carriers of each row). Blank carrier cells count as
    not used; a row with no carrier at all has NaN total."""
    total = np.zeros(len(rows))
    given = np.zeros(len(rows), dtype=bool)
    uses: list[list[CarrierUse]] = [[] for _ in range(len(rows))]
    for carrier in conversion.carriers:
        amounts = rows[carrier.column].to_numpy(dtype=float)
        present = ~np.isnan(amounts)
        if not present.any():
            continue
        coefficient = np.full(len(rows), carrier.kgce)
        basis = np.full(len(rows), f"{conversion.id} {carrier.table}".strip(), dtype=object)
        confidence = np.full(len(rows), carrier.confidence, dtype=object)
        if carrier.column == "electricity_kwh" and standard.electricity_basis == "equal_value":
            coefficient[:] = standard.electricity_kgce_per_kwh
            basis[:] = f"{standard.id} {standard.electricity_clause} (等价值 / equal value)".strip()
            confidence[:] = standard.electricity_confidence
        if carrier.measured_lhv_column is not None:
            lhv = rows[carrier.measured_lhv_column].to_numpy(dtype=float)
            measured = ~np.isnan(lhv)
            # kJ per unit → kgce per unit through the registry's kgce (29 307.6 kJ, units.txt)
            lhv_unit = f"kJ/{carrier.per}"
            coefficient[measured] = lhv[measured] * conversion_factor(lhv_unit, f"kgce/{carrier.per}")
            basis[measured] = [f"实测低位发热量 / measured LHV {value:,.0f} {lhv_unit}" for value in lhv[measured]]
            confidence[measured] = "measured"
        kgce = np.where(present, amounts * coefficient, 0.0)
        total += kgce
        given |= present
        for row in np.flatnonzero(present):
            uses[row].append(CarrierUse(carrier.column, carrier.zh, carrier.en, float(amounts[row]), carrier.per,
                                        float(coefficient[row]), str(basis[row]), str(confidence[row]),
                                        float(kgce[row])))
    return np.where(given, total, np.nan), given, uses


def factor_or_nan(unit: str, target: str) -> float:
    """conversion_factor, NaN when the unit does not convert (the row is then not assessable)."""
    try:
        return conversion_factor(unit, target)
    except UnitTextError:
        return math.nan


def per_output(amount: np.ndarray, amount_unit: str, output: pd.Series, output_unit: pd.Series,
               target: str) -> np.ndarray:
    """amount ÷ output, in ``target`` (the entry's unit): one pint conversion per distinct output unit."""
    factors = output_unit.map(lambda unit: factor_or_nan(f"{amount_unit}/({unit})", target)
                              if isinstance(unit, str) else math.nan).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(output.to_numpy(dtype=float) > 0, amount / output.to_numpy(dtype=float) * factors, np.nan)


def limits(entry: QuotaEntry, rows: pd.DataFrame) -> tuple[dict[int, np.ndarray], dict[int, np.ndarray],
                                                          list[list[CorrectionUse]], np.ndarray]:
    """(lowest limit per grade, highest limit per grade, the corrections of each row, rows whose input is outside
    what a correction covers). Low and high differ only where an input is missing."""
    n = len(rows)
    low = {g: np.full(n, entry.grades[g]) for g in GRADES}
    high = {g: np.full(n, entry.grades[g]) for g in GRADES}
    uses: list[list[CorrectionUse]] = [[] for _ in range(n)]
    uncovered = np.zeros(n, dtype=bool)
    for correction in entry.corrections:
        inputs = rows[correction.input]
        missing = inputs.isna().to_numpy()
        addends: dict[int, np.ndarray] = {}
        for grade in correction.grades:
            addend = correction.addend(inputs, grade)
            start, end = correction.addend_range(grade)
            uncovered |= ~missing & np.isnan(addend)
            low[grade] = low[grade] + np.where(missing, start, addend)
            high[grade] = high[grade] + np.where(missing, end, addend)
            addends[grade] = addend
        values = inputs.to_numpy(dtype=object)
        for row in range(n):
            uses[row].append(CorrectionUse(
                correction, None if missing[row] else values[row],
                {g: (correction.addend_range(g) if missing[row] else (float(addends[g][row]),) * 2)
                 for g in correction.grades}))
    return low, high, uses, uncovered


def verdict_ranks(value: np.ndarray, grade_limits: dict[int, np.ndarray]) -> np.ndarray:
    """Index into VERDICTS for each value (lower is better; a value at a limit meets it; a grade without a value
    in the standard cannot be reached, and a missing grade 3 cannot be failed)."""
    meets = {g: value <= grade_limits[g] for g in GRADES}  # NaN limit → False
    meets_minimum = meets[3] | np.isnan(grade_limits[3])
    return np.select([meets[1], meets[2], meets_minimum], [0, 1, 2], default=3)
