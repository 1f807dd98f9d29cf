"""The 2027 target of the renewal plans — "重点行业主要用能设备能效基本达到节能水平" — measured on one audit.

Key energy-using equipment = the families a mandatory efficiency standard covers (effaudit.standards.rulebook
.KNOWN_STANDARDS). Among those that were graded (a grade verdict or a phase-out), the share at the energy-saving
level or better (`energy_saving`, `advanced`), by units (quantity-weighted; a line with no readable quantity counts
as one unit) and by rated power (kW × quantity, over the lines that give a power in kW). The items below the level
are listed, worst first by power, so that an enterprise sees what keeps the share down.
"""

from __future__ import annotations

import pandas as pd

from effaudit.io.values import per_distinct, spread

from effaudit.checks.policy import target_rules
from effaudit.engine import AuditResult
from effaudit.standards.rulebook import KNOWN_STANDARDS

ASSESSED = ("phase_out", "below_minimum", "below_energy_saving", "energy_saving", "advanced")
AT_TARGET = ("energy_saving", "advanced")


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 6) if whole > 0 else None


def _totals(frame: pd.DataFrame) -> dict:
    return {"lines": int(len(frame)), "quantity": round(float(frame["units"].sum()), 6),
            "rated_power_kw": round(float(frame["power_kw"].sum()), 6)}


def _values(column: pd.Series) -> list:
    """A column as JSON-safe Python values: missing → None, floats rounded to 6 decimals (Python's ``round``,
    applied once per distinct value), numpy scalars → Python scalars."""
    if pd.api.types.is_float_dtype(column):
        codes, rounded = per_distinct(column, lambda value: round(float(value), 6))
        return spread(codes, rounded, None).tolist()
    return column.astype(object).where(column.notna(), None).tolist()


BELOW_TARGET_FIELDS = {"sheet": "sheet", "row": "row", "equipment_id": "equipment_id", "name": "name",
                       "family": "family", "model": "model", "verdict": "verdict", "quantity": "units",
                       "rated_power_kw": "rated_power_kw"}  # JSON key -> column


class Records(list):
    """A list of dicts with the same keys that also keeps its columns (key -> values), from which the JSON
    report encodes it column-wise."""

    def __init__(self, columns: dict[str, list]) -> None:
        super().__init__(dict(zip(columns, values)) for values in zip(*columns.values()))
        self.columns = columns


def _records(frame: pd.DataFrame) -> Records:
    """One dict per row, built column-wise (a 200,000-line inventory has most of its lines below the target)."""
    return Records({key: _values(frame[column]) for key, column in BELOW_TARGET_FIELDS.items()})


def energy_saving_target(result: AuditResult) -> dict:
    items = result.items
    key = items["family"].isin(list(KNOWN_STANDARDS)).to_numpy()
    frame = items.loc[key, ["sheet", "row", "equipment_id", "name", "family", "model", "verdict"]].copy()
    frame["units"] = items.loc[key, "quantity"].astype(float).fillna(1.0)
    frame["power_kw"] = (items.loc[key, "rated_power_kw"].astype(float) * frame["units"]).fillna(0.0)
    has_power = items.loc[key, "rated_power_kw"].notna()
    assessed = frame[frame["verdict"].isin(ASSESSED)]
    at_target = assessed[assessed["verdict"].isin(AT_TARGET)]
    below = assessed[~assessed["verdict"].isin(AT_TARGET)].sort_values(["power_kw", "row"], ascending=[False, True],
                                                                        kind="stable")
    assessed_power = assessed["power_kw"][has_power.loc[assessed.index]].sum()
    return {
        "basis": [{"code": rule.code, "document": rule.document, "clause": rule.clause, "quote_zh": rule.quote_zh}
                  for rule in target_rules(result.policies_applied, result.as_of)],
        "families": sorted(KNOWN_STANDARDS),
        "assessed": _totals(assessed),
        "at_target": _totals(at_target),
        "share_by_count": _share(at_target["units"].sum(), assessed["units"].sum()),
        "share_by_rated_power": _share(at_target["power_kw"].sum(), assessed_power),
        "not_assessed": _totals(frame[~frame["verdict"].isin(ASSESSED)]),
        "assessed_without_power": int((~has_power.loc[assessed.index]).sum()),
        "below_target": _records(below.assign(rated_power_kw=below["power_kw"].where(has_power[below.index]))),
    }
