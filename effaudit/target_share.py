"""The 2027 target of the renewal plans — "重点行业主要用能设备能效基本达到节能水平" — measured once, in the audit, for
every output to read (the JSON, the PDF, the workbook and the batch's region summary give the same figures).

Key energy-using equipment = the families a mandatory efficiency standard covers (effaudit.standards.rulebook
.KNOWN_STANDARDS). Among those that were graded (a grade verdict or a phase-out), the share at the energy-saving
level or better (`energy_saving`, `advanced`), by units (quantity-weighted; a line with no readable quantity counts
as one unit) and by rated power (kW × quantity, over the lines that give a power in kW). The items below the level
are listed, worst first by power, so that an enterprise sees what keeps the share down.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from effaudit.standards.rulebook import KNOWN_STANDARDS

ASSESSED = ("phase_out", "below_minimum", "below_energy_saving", "energy_saving", "advanced")
AT_TARGET = ("energy_saving", "advanced")
BELOW_TARGET_COLUMNS = ("item", "sheet", "row", "equipment_id", "name", "family", "model", "verdict", "units",
                        "rated_power_kw")  # item: the position in the audited items


@dataclass(frozen=True)
class Totals:
    lines: int
    quantity: float  # units: a line without a readable quantity counts as one
    rated_power_kw: float  # kW × quantity over the lines that give a power in kW


def _totals(units: pd.Series, power_kw: pd.Series, rows: np.ndarray) -> Totals:
    """The totals of ``rows`` (a mask over ``units`` and ``power_kw``)."""
    return Totals(int(rows.sum()), round(float(units[rows].sum()), 6), round(float(power_kw[rows].sum()), 6))


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 6) if whole > 0 else None


@dataclass(frozen=True)
class TargetShare:
    families: tuple[str, ...]  # the key equipment families
    assessed: Totals
    at_target: Totals
    not_assessed: Totals
    assessed_without_power: int  # graded lines that give no power in kW
    below_target: pd.DataFrame  # BELOW_TARGET_COLUMNS, worst first by power

    @property
    def share_by_count(self) -> float | None:
        return _share(self.at_target.quantity, self.assessed.quantity)

    @property
    def share_by_rated_power(self) -> float | None:
        return _share(self.at_target.rated_power_kw, self.assessed.rated_power_kw)


def target_share(items: pd.DataFrame) -> TargetShare:
    """The share of ``items`` (with their verdicts) at the energy-saving level or better. Worked on the key items'
    few columns as masks; only the rows listed below the level are taken from the items' text columns (at 1,000,000
    motors, taking every key item's columns and then the assessed ones held ~250 MB more)."""
    key = np.flatnonzero(items["family"].isin(list(KNOWN_STANDARDS)).to_numpy())
    verdict = items["verdict"].iloc[key].reset_index(drop=True)
    units = items["quantity"].iloc[key].astype(float).fillna(1.0).reset_index(drop=True)
    power = items["rated_power_kw"].iloc[key].astype(float).reset_index(drop=True)
    power_kw = (power * units).fillna(0.0)
    assessed = verdict.isin(ASSESSED).to_numpy()
    at_target = assessed & verdict.isin(AT_TARGET).to_numpy()
    below = np.flatnonzero(assessed & ~at_target)
    row = items["row"].to_numpy()[key[below]]
    below = below[np.lexsort((row, -power_kw.to_numpy()[below]))]  # worst first by power, then by row: stable
    listed = items[["sheet", "row", "equipment_id", "name", "family", "model", "verdict"]].iloc[key[below]]
    listed = listed.reset_index(drop=True).assign(units=units.to_numpy()[below],
                                                  rated_power_kw=(power * units).to_numpy()[below])
    listed.insert(0, "item", key[below])
    return TargetShare(
        families=tuple(sorted(KNOWN_STANDARDS)), assessed=_totals(units, power_kw, assessed),
        at_target=_totals(units, power_kw, at_target), not_assessed=_totals(units, power_kw, ~assessed),
        assessed_without_power=int(power[assessed].isna().sum()), below_target=listed[list(BELOW_TARGET_COLUMNS)])
