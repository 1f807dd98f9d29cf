"""What model designations tell, read once the family is known: a motor's series, class hint, frame height and
voltage (a 6 kV motor is a high-voltage motor); a transformer's medium, core, capacity and voltage; a centrifugal
fan's pressure coefficient, specific speed and machine number; a boiler's firing, capacity, pressure and fuel; a
pump's type and stages. A chiller's or air conditioner's condenser type follows from its 冷却方式.

Each fills only cells the sheet left empty, recorded in ``ReadAs``; what a family's model fills, and from which of
its reader's columns, is its profile's ``model:`` (``resources/families/<family>.yaml``). A stated rating that
differs from the model's (the profile's ``model.checked``: 1.600 kVA stated, S11-M-1600/10) is kept and returned as
a conflict (DQ111), never silently replaced.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effaudit.interpret.in_context import ReadAs
from effaudit.interpret.model_readers import parse_models
from effaudit.interpret.modelstrings import motor_grammar, motor_series_hint
from effaudit.interpret.profiles import profiles
from effaudit.io.values import factorize

Conflicts = list[tuple[str, np.ndarray, np.ndarray, np.ndarray]]  # (field, item positions, stated, from the model)


def _fill(items: pd.DataFrame, column: str, values: pd.Series, read_as: ReadAs, source: str = "model") -> None:
    """Fill the empty cells of ``column`` from ``values`` (indexed by the items they are for) and record where."""
    positions = items.index.get_indexer(values.index)
    empty = items[column].take(positions).isna().to_numpy() & values.notna().to_numpy()
    if empty.any():
        filled = items[column].copy()
        filled.iloc[positions[empty]] = values[empty].astype(filled.dtype).to_numpy()
        items[column] = filled
        flags = np.zeros(len(items), dtype=bool)
        flags[positions[empty]] = True
        read_as.add(column, source, flags)


def _check_against_model(items: pd.DataFrame, column: str, values: pd.Series, conflicts: Conflicts) -> None:
    """Record where a stated rating disagrees with the one the model states (relative tolerance: 1 %)."""
    positions = items.index.get_indexer(values.index)
    stated = items[column].take(positions).to_numpy(dtype=float)
    from_model = values.to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        differ = ~np.isnan(stated) & ~np.isnan(from_model) & (np.abs(stated - from_model) > 0.01 * from_model)
    if differ.any():
        conflicts.append((column, positions[differ], stated[differ], from_model[differ]))


def _motor_models(items: pd.DataFrame, read_as: ReadAs, has_model: pd.Series) -> None:
    """Series, class hint, frame height and voltage from the models of the families whose profile reads them with
    a motor grammar, each distinct model read once."""
    items["model_series"] = pd.Series(pd.NA, index=items.index, dtype="string")
    items["class_hint"] = pd.Series(pd.NA, index=items.index, dtype="string")
    by_grammar: dict[str, list[str]] = {}
    for family, profile in profiles().items():
        if profile.model is not None and profile.model.reader == "motor":
            by_grammar.setdefault(profile.model.grammar, []).append(family)
    for grammar, families in by_grammar.items():
        motors = (items["family"].isin(families) & has_model).to_numpy()
        if motors.any():
            _motors_of_grammar(items, read_as, motors, grammar)


def _motors_of_grammar(items: pd.DataFrame, read_as: ReadAs, motors: np.ndarray, grammar: str) -> None:
    models = items.loc[motors, "model"]
    codes, distinct = factorize(models)
    parsed = parse_models(pd.Series(distinct, dtype="string"), grammar)
    hints = motor_series_hint(parsed["series"], parsed["frame"], grammar)
    items.loc[motors, "model_series"] = parsed["series"].take(codes).to_numpy()
    items.loc[motors, "class_hint"] = hints["ie_class_hint"].take(codes).to_numpy()

    def per_item(values: pd.Series) -> pd.Series:
        return values.take(codes).set_axis(models.index)

    frame_height = pd.to_numeric(parsed["frame"].astype("string").str.extract(
        motor_grammar(grammar).patterns["frame_height"].regex(), expand=False), errors="coerce")
    _fill(items, "frame_size_mm", per_item(frame_height.astype(float)), read_as)
    settings = motor_grammar(grammar).settings
    kinds = hints["series_kind"].mask(parsed["voltage_v"] > settings["high_voltage_above_v"],
                                      settings["high_voltage_kind"])
    voltage_unknown = items.loc[motors, "rated_voltage_v"].isna()
    for family, profile in profiles().items():
        if profile.model is not None and profile.model.kind is not None:
            becomes = voltage_unknown & per_item((kinds == profile.model.kind).fillna(False).astype(bool))
            items.loc[becomes[becomes].index, "family"] = family
    _fill(items, "rated_voltage_v", per_item(parsed["voltage_v"]), read_as)


def _designation_fills(items: pd.DataFrame, read_as: ReadAs, has_model: pd.Series, conflicts: Conflicts) -> None:
    """What each family's profile says its model fills (``model.fills``, read with its grammar), a stated rating
    that its profile checks (``model.checked``) compared first."""
    for family, profile in profiles().items():
        reading = profile.model
        members = (items["family"] == family) & has_model
        if reading is None or not reading.fills or not members.any():
            continue
        parsed = parse_models(items.loc[members, "model"], reading.grammar)
        matched = parsed.notna().any(axis=1)
        for fill in reading.fills:
            dtype = items[fill.field].dtype
            if fill.constant is not None:
                values = pd.Series(fill.constant, index=matched[matched].index, dtype=dtype)
            elif fill.factor != 1.0:
                values = parsed[fill.column].astype(float) * fill.factor
            else:
                values = parsed[fill.column].astype(dtype)
            if fill.field in reading.checked:
                _check_against_model(items, fill.field, values, conflicts)
            _fill(items, fill.field, values, read_as)


# A chiller's or an air conditioner's 冷却方式 (water / air) is its condenser type; GB 19577, GB 19576 and GB 21454
# tables need it under that name (and GB 37479's).
CONDENSER_OF_COOLING = {"liquid": "water_cooled", "air": "air_cooled"}
CONDENSER_FAMILIES = ("chiller", "unitary_air_conditioner", "duct_air_conditioner", "multi_split_air_conditioner")


def _condenser_codes(items: pd.DataFrame, read_as: ReadAs) -> None:
    """A chiller's or air conditioner's condenser type from its 冷却方式 (its type, data-centre or comfort, computer
    room or general …, is read from its texts or defaults as its profile says)."""
    cooled = items["family"].isin(CONDENSER_FAMILIES)
    if cooled.any():
        _fill(items, "condenser_type", items.loc[cooled, "cooling"].astype(object).map(CONDENSER_OF_COOLING)
              .astype("string"), read_as, "derived:cooling")


def read_models(items: pd.DataFrame, read_as: ReadAs) -> Conflicts:
    """Fill, in place, what the items' model designations (and a chiller's or air conditioner's cooling) state; the stated
    ratings that disagree with their model."""
    has_model = items["model"].notna()
    conflicts: Conflicts = []
    _motor_models(items, read_as, has_model)
    _designation_fills(items, read_as, has_model, conflicts)
    _condenser_codes(items, read_as)
    return conflicts
