"""The 2027 target share (effaudit.target_share, computed in the audit) as the JSON report gives it. The items
below the level are ``Records``: made a block of rows at a time, as the JSON report encodes them (a 1,000,000-line
inventory has most of its lines below the target). The energy-saving level is grade 2 of each family's standard in
force; the target rules in ``basis`` say what that rests on (RG102: the 2024 efficiency levels put 节能水平 at not
below grade 2, and their per-product annex was not found)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict

import pandas as pd

from effaudit.checks.policy import target_rules
from effaudit.engine import AuditResult
from effaudit.io.values import per_distinct, spread


def _values(column: pd.Series) -> list:
    """A column as JSON-safe Python values: missing → None, floats rounded to 6 decimals (Python's ``round``,
    applied once per distinct value), numpy scalars → Python scalars."""
    if pd.api.types.is_float_dtype(column):
        codes, rounded = per_distinct(column, lambda value: round(float(value), 6))
        return spread(codes, rounded, None).tolist()
    return column.astype(object).where(column.notna(), None).tolist()


# JSON key -> column: the item by its index in the items (which hold its identity and verdict), the units it counts
# for (a line without a readable quantity counts as one) and their rated power
BELOW_TARGET_FIELDS = {"item": "item", "quantity": "units", "rated_power_kw": "rated_power_kw"}


class Records(Sequence[dict]):
    """The rows of a frame as dicts of JSON-safe values (``_values``), key -> column as ``fields`` says. The dicts
    are made when asked for; ``blocks`` gives the values column-wise, a block of rows at a time. ``widen``, when
    given, adds columns to a block of rows (a renewal-list row's rated power, from its item): joined a block at a
    time, they are never held for all rows."""

    def __init__(self, frame: pd.DataFrame, fields: dict[str, str],
                 widen: Callable[[pd.DataFrame], pd.DataFrame] | None = None) -> None:
        self.frame, self.fields, self.widen = frame, fields, widen

    def __len__(self) -> int:
        return len(self.frame)

    def __getitem__(self, position: int) -> dict:  # type: ignore[override]
        block = self._block(position, position + 1) if 0 <= position < len(self) else None
        if block is None:
            raise IndexError(position)
        return {key: values[0] for key, values in block.items()}

    def _block(self, start: int, stop: int) -> dict[str, list]:
        rows = self.frame.iloc[start:stop]
        if self.widen is not None:
            rows = self.widen(rows)
        return {key: _values(rows[column]) for key, column in self.fields.items()}

    def blocks(self, size: int) -> Iterator[dict[str, list]]:
        """Key -> values of rows [start, start + size), for each block of rows in order."""
        for start in range(0, len(self), size):
            yield self._block(start, start + size)

    def __iter__(self) -> Iterator[dict]:
        for block in self.blocks(10_000):
            yield from (dict(zip(block, values)) for values in zip(*block.values()))


def energy_saving_target(result: AuditResult) -> dict:
    target = result.target
    assert target is not None
    return {
        "basis": [{"code": rule.code, "document": rule.document, "clause": rule.clause, "quote_zh": rule.quote_zh,
                   "message_zh": rule.message_zh, "message_en": rule.message_en}
                  for rule in target_rules(result.policies_applied, result.as_of)],
        "families": list(target.families),
        "assessed": asdict(target.assessed),
        "at_target": asdict(target.at_target),
        "share_by_count": target.share_by_count,
        "share_by_rated_power": target.share_by_rated_power,
        "not_assessed": asdict(target.not_assessed),
        "assessed_without_power": target.assessed_without_power,
        "below_target": Records(target.below_target, BELOW_TARGET_FIELDS),
    }
