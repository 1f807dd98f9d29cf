"""EF120: the electricity a motor below the energy-saving level would save a year at grade 2 — an estimate.

The renewal plans ask for grade 2 (节能水平) by 2027, and an enterprise weighs each replacement by what it saves.
For a motor with a measured efficiency η below grade 2 of the edition in force, and the grade-2 efficiency η₂ of
its own table row, the input power at the same shaft output P·β falls from P·β/η to P·β/η₂:

    saving [kWh/a] = P [kW] × n × β × t [h/a] × (1/η − 1/η₂)

with n the quantity (a line without one counts as one unit), t the annual operating hours and β the load factor.
Without operating hours there is no estimate: effaudit never assumes how long a machine runs. Without a load factor
the estimate is at rated load (β = 1) and says so. Rated efficiencies are used at every load, as is usual for such
estimates; the figure is a guide for planning, not a measured saving.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effaudit.checks.base import Rule
from effaudit.findings import findings_frame
from effaudit.io.values import messages

RULES = (
    Rule("EF120", "info", "达到节能水平的年节电量（估算）", "Estimated yearly saving at the energy-saving level", """
What it does:
For a motor whose measured efficiency is below grade 2 (节能水平) of the edition in force, estimates the electricity
a grade-2 motor of the same rating would save a year: rated power × quantity × load factor × annual operating hours
× (1/η − 1/η₂), with η₂ the grade-2 efficiency of the motor's own table row. Shown only when 年运行小时数 is given;
without 负载率 the estimate is at rated load and says so. The finding's measured and required values are the motor's
efficiency and the grade-2 efficiency; the saving is in its message.
Why:
The renewal plans ask key energy-using equipment to reach the energy-saving level by 2027; the saving tells which
replacements pay first.
Example:
11 kW 4-pole motor at 89.8 %, 6 000 h/a at 75 % load, GB 18613-2020 表1 grade 2 = 93.3 %:
11 × 0.75 × 6 000 × (1/0.898 − 1/0.933) ≈ 2 068 kWh/a.
Use instead:
Fill in 年运行小时数 (and 负载率) for the motors you plan to replace; replace the largest savings first.
"""),
)


def saving_findings(standard_id: str, citation: np.ndarray, confidence: np.ndarray, items: pd.DataFrame,
                    measured: np.ndarray, grade2: np.ndarray, below_grade2: np.ndarray) -> pd.DataFrame:
    """EF120 for the motors of ``items`` (graded on their measured efficiency ``measured``, in %) that are
    ``below_grade2``, whose grade-2 efficiency ``grade2`` (%) is known and whose operating hours are given.
    ``citation`` and ``confidence`` are those of each item's table row, as in its grade finding."""
    hours = items["operating_hours_h"].to_numpy(dtype=float, na_value=np.nan)
    power = items["rated_power_kw"].to_numpy(dtype=float, na_value=np.nan)
    chosen = (below_grade2 & np.isfinite(grade2) & np.isfinite(measured) & (measured > 0) & np.isfinite(power)
              & (hours > 0))
    if not chosen.any():
        return findings_frame([])
    load = items["load_factor_pct"].to_numpy(dtype=float, na_value=np.nan)[chosen]
    stated_load = np.isfinite(load)
    quantity = items["quantity"].to_numpy(dtype=float, na_value=np.nan)[chosen]
    units = np.where(np.isfinite(quantity), quantity, 1.0)
    saving = (power[chosen] * units * np.where(stated_load, load, 100.0) / 100 * hours[chosen]
              * (100 / measured[chosen] - 100 / grade2[chosen]))

    def text(kwh: float, hours_per_year: float, load_pct: float, target: float, clause: str) -> tuple[str, str]:
        load_zh = f"负载率 {load_pct:g}%" if load_pct == load_pct else "负载率未填或无法读取，按额定负载"
        load_en = f"{load_pct:g} % load" if load_pct == load_pct else "no usable load factor, so at rated load"
        return (f"更换为达到2级（节能水平，{standard_id} {clause} ≥ {target:g}%）的电机，按年运行 {hours_per_year:g} h、"
                f"{load_zh}估算，年节电约 {kwh:,.0f} kWh（估算值）",
                f"a grade-2 motor ({standard_id} {clause}, at least {target:g} %) would save about "
                f"{kwh:,.0f} kWh a year at {hours_per_year:g} h/a, {load_en} (an estimate)")

    zh, en = messages(text, np.round(saving), hours[chosen], load, grade2[chosen], citation[chosen])
    return findings_frame(items.index[chosen], code="EF120", severity="info", standard=standard_id,
                          clause=citation[chosen], measured_value=measured[chosen], measured_unit="%",
                          required_value=grade2[chosen], required_unit="%", confidence=confidence[chosen],
                          message_zh=zh, message_en=en)
