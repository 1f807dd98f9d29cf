"""Evaluate rulebook conditions ({field, min, max} / {field, equals} / {field, in}) on the whole items frame at once."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from effaudit.io.values import combinations, names_where
from effaudit.standards.model import Condition


def derived_fields(items: pd.DataFrame) -> pd.DataFrame:
    """The items frame plus the year fields conditions refer to (manufacture / commissioning / in-service year)."""
    manufacture = items["manufacture_date"].dt.year.astype(float)
    commissioning = items["commissioning_date"].dt.year.astype(float)
    return items.assign(manufacture_year=manufacture, commissioning_year=commissioning,
                        in_service_year=commissioning.fillna(manufacture))


def evaluate(conditions: Iterable[Condition], frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, pd.Series]:
    """(holds, unknown, missing_fields) for each row: ``holds`` where every condition is known true, ``unknown``
    where none is known false but some field is missing, ``missing_fields`` naming those fields. Each distinct
    combination of the fields' values is evaluated once."""
    conditions = tuple(conditions)
    fields = list(dict.fromkeys(condition.field for condition in conditions))
    codes, first = combinations([frame[field] for field in fields], len(frame))
    holds, unknown, missing = _evaluate(conditions, frame[fields].iloc[first])
    return holds[codes], unknown[codes], pd.Series(missing[codes], index=frame.index)


def _evaluate(conditions: tuple[Condition, ...], frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    holds = np.ones(len(frame), dtype=bool)
    known_false = np.zeros(len(frame), dtype=bool)
    absent_fields = []
    for condition in conditions:
        values = frame[condition.field]
        absent = values.isna().to_numpy()
        if condition.one_of is not None:
            ok = values.astype(object).isin(condition.one_of).to_numpy(dtype=bool)
        elif condition.equals is not None:
            ok = (values == condition.equals).fillna(False).to_numpy(dtype=bool)
        else:
            numbers = values.astype(float).to_numpy()
            ok = np.ones(len(frame), dtype=bool)
            if condition.min is not None:
                ok &= numbers >= condition.min
            if condition.max is not None:
                ok &= numbers <= condition.max
        known_false |= ~ok & ~absent
        holds &= ok & ~absent
        absent_fields.append((condition.field, absent))
    unknown = ~holds & ~known_false
    return holds, unknown, np.where(unknown, names_where(absent_fields, len(frame)), "").astype(object)
