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


def _totals(frame: pd.DataFrame) -> Totals:
    return Totals(int(len(frame)), round(float(frame["units"].sum()), 6), round(float(frame["power_kw"].sum()), 6))


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
    """The share of ``items`` (with their verdicts) at the energy-saving level or better."""
    key = items["family"].isin(list(KNOWN_STANDARDS)).to_numpy()
    frame = items.loc[key, ["sheet", "row", "equipment_id", "name", "family", "model", "verdict"]].copy()
    frame.insert(0, "item", np.flatnonzero(key))
    frame["units"] = items.loc[key, "quantity"].astype(float).fillna(1.0)
    power = items.loc[key, "rated_power_kw"].astype(float)
    frame["power_kw"] = (power * frame["units"]).fillna(0.0)
    frame["rated_power_kw"] = power * frame["units"]
    assessed = frame[frame["verdict"].isin(ASSESSED)]
    at_target = assessed[assessed["verdict"].isin(AT_TARGET)]
    below = assessed[~assessed["verdict"].isin(AT_TARGET)].sort_values(["power_kw", "row"], ascending=[False, True],
                                                                        kind="stable")
    return TargetShare(
        families=tuple(sorted(KNOWN_STANDARDS)), assessed=_totals(assessed), at_target=_totals(at_target),
        not_assessed=_totals(frame[~frame["verdict"].isin(ASSESSED)]),
        assessed_without_power=int(power.loc[assessed.index].isna().sum()),
        below_target=below[list(BELOW_TARGET_COLUMNS)].reset_index(drop=True))
