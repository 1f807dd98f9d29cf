"""The 2027 target of the renewal plans — "重点行业主要用能设备能效基本达到节能水平" — measured on one audit.

Key energy-using equipment = the families a mandatory efficiency standard covers (effaudit.standards.rulebook
.KNOWN_STANDARDS). Among those that were graded (a grade verdict or a phase-out), the share at the energy-saving
level or better (`energy_saving`, `advanced`), by units (quantity-weighted; a line with no readable quantity counts
as one unit) and by rated power (kW × quantity, over the lines that give a power in kW). The items below the level
are listed, worst first by power, so that an enterprise sees what keeps the share down. The energy-saving level is
grade 2 of each family's standard in force; the target rules in ``basis`` say what that rests on (RG102: the 2024
efficiency levels put 节能水平 at not below grade 2, and their per-product annex was not found).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pandas as pd

from effaudit.checks.policy import target_rules
from effaudit.engine import AuditResult
from effaudit.io.values import per_distinct, spread
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


class Records(Sequence[dict]):
    """The rows of a frame as dicts of JSON-safe values (``_values``), key -> column as ``fields`` says. The dicts
    are made when asked for; ``blocks`` gives the values column-wise, a block of rows at a time, which is how the
    JSON report encodes them (a 1,000,000-line inventory has most of its lines below the target)."""

    def __init__(self, frame: pd.DataFrame, fields: dict[str, str]) -> None:
        self.frame, self.fields = frame, fields

    def __len__(self) -> int:
        return len(self.frame)

    def __getitem__(self, position: int) -> dict:  # type: ignore[override]
        block = self._block(position, position + 1) if 0 <= position < len(self) else None
        if block is None:
            raise IndexError(position)
        return {key: values[0] for key, values in block.items()}

    def _block(self, start: int, stop: int) -> dict[str, list]:
        return {key: _values(self.frame[column].iloc[start:stop]) for key, column in self.fields.items()}

    def blocks(self, size: int) -> Iterator[dict[str, list]]:
        """Key -> values of rows [start, start + size), for each block of rows in order."""
        for start in range(0, len(self), size):
            yield self._block(start, start + size)

    def __iter__(self) -> Iterator[dict]:
        for block in self.blocks(10_000):
            yield from (dict(zip(block, values)) for values in zip(*block.values()))


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
        "basis": [{"code": rule.code, "document": rule.document, "clause": rule.clause, "quote_zh": rule.quote_zh,
                   "message_zh": rule.message_zh, "message_en": rule.message_en}
                  for rule in target_rules(result.policies_applied, result.as_of)],
        "families": sorted(KNOWN_STANDARDS),
        "assessed": _totals(assessed),
        "at_target": _totals(at_target),
        "share_by_count": _share(at_target["units"].sum(), assessed["units"].sum()),
        "share_by_rated_power": _share(at_target["power_kw"].sum(), assessed_power),
        "not_assessed": _totals(frame[~frame["verdict"].isin(ASSESSED)]),
        "assessed_without_power": int((~has_power.loc[assessed.index]).sum()),
        "below_target": Records(below.assign(rated_power_kw=below["power_kw"].where(has_power[below.index])),
                                BELOW_TARGET_FIELDS),
    }
