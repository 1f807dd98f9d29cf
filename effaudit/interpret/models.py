"""What model designations tell, read once the family is known: a motor's series, class hint, frame height and
voltage (a 6 kV motor is a high-voltage motor); a transformer's medium, core, capacity and voltage; a centrifugal
fan's pressure coefficient, specific speed and machine number; a boiler's firing, capacity, pressure and fuel; a
pump's type and stages. A chiller's condenser type follows from its 冷却方式.

Each fills only cells the sheet left empty, recorded in ``ReadAs``. A stated rating that differs from the model's
(``CHECKED_AGAINST_MODEL``) is kept and returned as a conflict (DQ111), never silently replaced.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effaudit.interpret.boiler_pump_models import parse_boiler_models, parse_pump_models
from effaudit.columns import MOTOR_FAMILIES
from effaudit.interpret.in_context import ReadAs
from effaudit.io.values import factorize
from effaudit.interpret.modelstrings import motor_series_hint, parse_fan_models, parse_motor_models, parse_transformer_models

# Ratings a model designation states and a table looks up: a stated value that differs from the model's (1.600 kVA
# stated, S11-M-1600/10) is a conflict (DQ111), never silently used. Relative tolerance: 1 %.
CHECKED_AGAINST_MODEL = ("capacity_kva", "steam_capacity_t_h", "thermal_power_mw")
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
    """Record where a stated rating disagrees with the one the model states."""
    if column not in CHECKED_AGAINST_MODEL:
        return
    positions = items.index.get_indexer(values.index)
    stated = items[column].take(positions).to_numpy(dtype=float)
    from_model = values.to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        differ = ~np.isnan(stated) & ~np.isnan(from_model) & (np.abs(stated - from_model) > 0.01 * from_model)
    if differ.any():
        conflicts.append((column, positions[differ], stated[differ], from_model[differ]))


def _motor_models(items: pd.DataFrame, read_as: ReadAs, has_model: pd.Series) -> None:
    """Series, class hint, frame height and voltage from the motor models, each distinct model read once."""
    motors = (items["family"].isin(MOTOR_FAMILIES) & has_model).to_numpy()
    series, class_hint = np.full(len(items), pd.NA, dtype=object), np.full(len(items), pd.NA, dtype=object)
    if motors.any():
        models = items.loc[motors, "model"]
        codes, distinct = factorize(models)
        parsed = parse_motor_models(pd.Series(distinct, dtype="string"))
        hints = motor_series_hint(parsed["series"], parsed["frame"])
        series[motors] = parsed["series"].astype(object).to_numpy()[codes]
        class_hint[motors] = hints["ie_class_hint"].astype(object).to_numpy()[codes]
    items["model_series"] = pd.Series(series, index=items.index, dtype="string")
    items["class_hint"] = pd.Series(class_hint, index=items.index, dtype="string")
    if not motors.any():
        return

    def per_item(values: pd.Series) -> pd.Series:
        return values.take(codes).set_axis(models.index)

    # 160 of 160M (IEC frame: shaft centre height in mm, then the length letter); old JS136-style numbers are not
    # heights, so a length letter is required.
    frame_height = pd.to_numeric(parsed["frame"].astype("string").str.extract(r"^(\d{2,3})(?=[SML])", expand=False),
                                 errors="coerce")
    _fill(items, "frame_size_mm", per_item(frame_height.astype(float)), read_as)
    voltage_unknown = items.loc[motors, "rated_voltage_v"].isna()
    high_voltage = voltage_unknown & per_item(((parsed["voltage_v"] > 1000) | (hints["series_kind"] == "hv"))
                                              .fillna(False).astype(bool))
    items.loc[high_voltage[high_voltage].index, "family"] = "motor_hv"
    _fill(items, "rated_voltage_v", per_item(parsed["voltage_v"]), read_as)


def _transformer_models(items: pd.DataFrame, read_as: ReadAs, has_model: pd.Series, conflicts: Conflicts) -> None:
    transformers = (items["family"] == "transformer") & has_model
    if not transformers.any():
        return
    parsed = parse_transformer_models(items.loc[transformers, "model"])
    _fill(items, "insulation_medium", parsed["insulation"].astype("string"), read_as)
    _fill(items, "core_material", parsed["core"].astype("string"), read_as)
    _check_against_model(items, "capacity_kva", parsed["capacity_kva"].astype(float), conflicts)
    _fill(items, "capacity_kva", parsed["capacity_kva"].astype(float), read_as)
    _fill(items, "rated_voltage_v", parsed["voltage_kv"].astype(float) * 1000, read_as)


def _fan_models(items: pd.DataFrame, read_as: ReadAs, has_model: pd.Series) -> None:
    """A centrifugal fan designation (4-72No.8C) states its pressure coefficient, specific speed and machine number."""
    fans = (items["family"] == "fan") & has_model
    if not fans.any():
        return
    parsed = parse_fan_models(items.loc[fans, "model"])
    for column in ("pressure_coefficient", "specific_speed", "machine_number"):
        _fill(items, column, parsed[column].astype(float), read_as)
    designated = parsed["specific_speed"].notna()
    _fill(items, "fan_type", pd.Series("centrifugal", index=designated[designated].index, dtype="string"), read_as)


def _boiler_and_pump_models(items: pd.DataFrame, read_as: ReadAs, has_model: pd.Series,
                            conflicts: Conflicts) -> None:
    """Boiler designations (DZL10-1.25-AII) state firing, capacity, pressure and fuel; pump designations
    (IS100-80-160, D46-30×5) state the pump type and the number of stages."""
    for family, parse, columns in (
            ("boiler", parse_boiler_models, ("combustion_type", "steam_capacity_t_h", "thermal_power_mw",
                                             "pressure_mpa", "fuel", "fuel_class")),
            ("pump", parse_pump_models, ("pump_type", "stages"))):
        members = (items["family"] == family) & has_model
        if members.any():
            parsed = parse(items.loc[members, "model"])
            for column in columns:
                _check_against_model(items, column, parsed[column].astype(items[column].dtype), conflicts)
                _fill(items, column, parsed[column].astype(items[column].dtype), read_as)


# A chiller's 冷却方式 (water / air) is its condenser type; GB 19577 tables need it under that name.
CONDENSER_OF_COOLING = {"liquid": "water_cooled", "air": "air_cooled"}


def _chiller_codes(items: pd.DataFrame, read_as: ReadAs) -> None:
    """A chiller's condenser type from its 冷却方式 (its type, data-centre or comfort, is read from its texts or
    defaults as its profile says)."""
    chillers = items["family"] == "chiller"
    if chillers.any():
        _fill(items, "condenser_type", items.loc[chillers, "cooling"].astype(object).map(CONDENSER_OF_COOLING)
              .astype("string"), read_as, "derived:cooling")


def read_models(items: pd.DataFrame, read_as: ReadAs) -> Conflicts:
    """Fill, in place, what the items' model designations (and a chiller's cooling) state; the stated
    ratings that disagree with their model."""
    has_model = items["model"].notna()
    conflicts: Conflicts = []
    _motor_models(items, read_as, has_model)
    _transformer_models(items, read_as, has_model, conflicts)
    _fan_models(items, read_as, has_model)
    _boiler_and_pump_models(items, read_as, has_model, conflicts)
    _chiller_codes(items, read_as)
    return conflicts
