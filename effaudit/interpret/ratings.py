"""A shared rating column (``额定功率/容量``, ``容量``, ``功率``, ``规格参数`` …) holding each family's own rating:
75kW, 800kVA, 4t/h, 10蒸吨, 2.8MW, 20马力. The dimension of a value's unit (its own, the neighbouring unit
column's, or the header's) and the item's family choose the field, as the family's profile says (a boiler's t/h is
its steam capacity and its MW its thermal power, a chiller's kW its cooling capacity, a transformer's kVA its
capacity). A value the family has no field for is a problem, never a guess.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from effaudit.columns import BY_NAME
from effaudit.interpret.profiles import DIMENSIONS, Profile
from effaudit.io.values import CellIssue, cell_issue, cell_text, combinations, factorize, per_distinct, split_number
from effaudit.units import UnitTextError, conversion_factor

# One unit per dimension: a unit converts to it, or it is not of that dimension.
_PROBES = {"power": "kW", "apparent_power": "kVA", "mass_flow": "t/h", "volume_flow": "m**3/min", "length": "m"}


@cache
def dimension_of(unit: str) -> str | None:
    """The rating dimension of a unit text (kW → power, 蒸吨 → mass_flow), None when it is none of them."""
    for dimension, probe in _PROBES.items():
        try:
            conversion_factor(unit, probe)
        except UnitTextError:
            continue
        return dimension
    return None


@dataclass(frozen=True)
class _Value:
    text: str  # as written
    magnitude: float
    unit: str  # "" when neither the cell nor the header writes one
    dimension: str | None  # "bare" for no unit


def _value(value: object, header_unit: str | None) -> _Value | None:
    text = cell_text(value)
    if text is None:
        return None
    split = (float(value), "") if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else split_number(text)
    if split is None or not math.isfinite(split[0]):
        return _Value(text, math.nan, "", None)
    unit = split[1] or header_unit or ""
    return _Value(text, split[0], unit, dimension_of(unit) if unit else "bare")


@dataclass
class RoutedRatings:
    values: dict[str, pd.Series]  # field -> float64 in its canonical unit, NaN where the column gave it nothing
    issues: pd.Series  # CellIssue or None
    issue_field: pd.Series  # the field each issue concerns (for its relevance and the report)


def route(cells: pd.Series, header_kind: str, header_unit: str | None, families: pd.Series,
          profiles: dict[str, Profile]) -> RoutedRatings:
    """Each cell's value into the field its family and unit dimension choose (decided once per distinct pair of
    value and family)."""
    value_codes, distinct = per_distinct(cells, lambda value: _value(value, header_unit))
    family_codes, family_names = factorize(families)
    pairs, first = combinations([value_codes, family_codes], len(cells))
    targets, magnitudes, issues, issue_fields = [], [], [], []
    for value_code, family_code in zip(value_codes[first].tolist(), family_codes[first].tolist()):
        found = distinct[value_code] if value_code >= 0 else None
        profile = profiles.get(family_names[family_code] if family_code >= 0 else "unknown") or profiles["unknown"]
        target, issue, issue_field = _decide(found, profile, header_kind)
        targets.append(target)
        magnitudes.append(found.magnitude * _factor(found.unit, BY_NAME[target].unit or "") if target else np.nan)
        issues.append(issue)
        issue_fields.append(issue_field)
    target_of = np.array(targets + [None], dtype=object)[pairs]
    magnitude_of = np.array(magnitudes + [np.nan], dtype=np.float64)[pairs]
    values = {target: pd.Series(np.where(target_of == target, magnitude_of, np.nan), index=cells.index)
              for target in set(targets) - {None}}
    return RoutedRatings(values, pd.Series(np.array(issues + [None], dtype=object)[pairs], index=cells.index),
                         pd.Series(np.array(issue_fields + [None], dtype=object)[pairs], index=cells.index))


def _decide(found: _Value | None, profile: Profile, header_kind: str) -> tuple[str | None, CellIssue | None, str | None]:
    """(field, issue, field the issue concerns) for one value in one family."""
    if found is None:
        return None, None, None
    target = profile.rating_field(header_kind, found.dimension) if found.dimension else None
    if target is not None:
        return target, None, None
    primary = profile.rating_field(header_kind, "bare") or next(
        (field for dimension in DIMENSIONS if (field := profile.rating_field(header_kind, dimension))),
        "rated_power_kw")
    return None, _issue(found, primary), primary


def _factor(unit: str, canonical: str) -> float:
    return conversion_factor(unit, canonical) if unit else 1.0


def _issue(found: _Value, field: str) -> CellIssue:
    column = BY_NAME[field]
    if found.dimension is None and math.isnan(found.magnitude):
        return cell_issue("DQ101", text=found.text)
    if found.dimension == "bare":
        return cell_issue("DQ110 rating", text=found.text, field=(column.zh, column.en), expected=column.unit)
    return cell_issue("DQ102 rating", text=found.text, unit=found.unit, field=(column.zh, column.en),
                      expected=column.unit)
