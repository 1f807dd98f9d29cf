"""Quantities the standards grade on that inventories give only indirectly, computed for the whole frame.

- What model strings tell (motor series and class hint, a `6kV` in a motor model, a transformer's type, core and
  capacity), and coded keys a name states outright (螺杆空压机 → oil-injected rotary), fill only cells the inventory
  left empty; every filled field is listed in ``inferred_fields``.
- Specific power of an air compressor (GB 19153: kW/(m³/min)) = input power ÷ free-air delivery, when not stated.
- A boiler's capacity in t/h when only its thermal power in MW is given, by the equivalence the standard's own
  capacity bands state (e.g. "≤20 t/h (或 ≤14 MW)").
- A pump's flow in m³/h and specific speed, the inputs of the GB 19762 efficiency formula.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effaudit.boiler_pump_models import parse_boiler_models, parse_pump_models
from effaudit.columns import MOTOR_FAMILIES
from effaudit.io.values import factorize, names_where
from effaudit.modelstrings import motor_series_hint, parse_fan_models, parse_motor_models, parse_transformer_models



# The fields filled by inference, in the order they were filled: (field, which items), joined into each item's
# ``inferred_fields`` text at the end.
Inferred = list[tuple[str, str, np.ndarray]]  # (field, where its value came from, which items)


def _fill(items: pd.DataFrame, column: str, values: pd.Series, inferred: Inferred, source: str = "model") -> None:
    """Fill the empty cells of ``column`` from ``values`` (indexed by the items they are for) and record the field
    as inferred where filled."""
    positions = items.index.get_indexer(values.index)
    empty = items[column].take(positions).isna().to_numpy() & values.notna().to_numpy()
    if empty.any():
        filled = items[column].copy()
        filled.iloc[positions[empty]] = values[empty].astype(filled.dtype).to_numpy()
        items[column] = filled
        flags = np.zeros(len(items), dtype=bool)
        flags[positions[empty]] = True
        inferred.append((column, source, flags))


# Ratings a model designation states and a table looks up: a stated value that differs from the model's (1.600 kVA
# stated, S11-M-1600/10) is a conflict (DQ111), never silently used. Relative tolerance: 1 %.
CHECKED_AGAINST_MODEL = ("capacity_kva", "steam_capacity_t_h", "thermal_power_mw")
Conflicts = list[tuple[str, np.ndarray, np.ndarray, np.ndarray]]  # (field, item positions, stated, from the model)


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


def _set_objects(items: pd.DataFrame, **columns: np.ndarray) -> None:
    """Object columns (pandas would infer its string dtype from an array of texts)."""
    for name, values in columns.items():
        items[name] = pd.Series(values, index=items.index, dtype=object)


def _motor_models(items: pd.DataFrame, inferred: Inferred, has_model: pd.Series) -> None:
    """Series, class hint, frame height and voltage from the motor models, each distinct model read once."""
    motors = (items["family"].isin(MOTOR_FAMILIES) & has_model).to_numpy()
    series, class_hint = np.full(len(items), pd.NA, dtype=object), np.full(len(items), pd.NA, dtype=object)
    if not motors.any():
        _set_objects(items, model_series=series, class_hint=class_hint)
        return
    models = items.loc[motors, "model"]
    codes, distinct = factorize(models)
    parsed = parse_motor_models(pd.Series(distinct, dtype="string"))
    hints = motor_series_hint(parsed["series"], parsed["frame"])

    def per_item(values: pd.Series) -> pd.Series:
        return values.take(codes).set_axis(models.index)

    series[motors] = parsed["series"].astype(object).to_numpy()[codes]
    class_hint[motors] = hints["ie_class_hint"].astype(object).to_numpy()[codes]
    _set_objects(items, model_series=series, class_hint=class_hint)

    # 160 of 160M (IEC frame: shaft centre height in mm, then the length letter); old JS136-style numbers are not
    # heights, so a length letter is required.
    frame_height = pd.to_numeric(parsed["frame"].astype("string").str.extract(r"^(\d{2,3})(?=[SML])", expand=False),
                                 errors="coerce")
    _fill(items, "frame_size_mm", per_item(frame_height.astype(float)), inferred)
    voltage_unknown = items.loc[motors, "rated_voltage_v"].isna()
    high_voltage = voltage_unknown & per_item(((parsed["voltage_v"] > 1000) | (hints["series_kind"] == "hv"))
                                              .fillna(False).astype(bool))
    items.loc[high_voltage[high_voltage].index, "family"] = "motor_hv"
    _fill(items, "rated_voltage_v", per_item(parsed["voltage_v"]), inferred)


def _transformer_models(items: pd.DataFrame, inferred: Inferred, has_model: pd.Series, conflicts: Conflicts) -> None:
    transformers = (items["family"] == "transformer") & has_model
    if not transformers.any():
        return
    parsed = parse_transformer_models(items.loc[transformers, "model"])
    _fill(items, "insulation_medium", parsed["insulation"].astype("string"), inferred)
    _fill(items, "core_material", parsed["core"].astype("string"), inferred)
    _check_against_model(items, "capacity_kva", parsed["capacity_kva"].astype(float), conflicts)
    _fill(items, "capacity_kva", parsed["capacity_kva"].astype(float), inferred)
    _fill(items, "rated_voltage_v", parsed["voltage_kv"].astype(float) * 1000, inferred)


# Derived fields and what they are computed from, for messages that ask the user to supply data.
DERIVED_FROM = {
    "specific_speed": "rated_speed_rpm, head_m, flow_m3_min, stages",
    "flow_m3_h": "flow_m3_min",
    "specific_power_kw_per_m3_min": "input_power_kw, flow_m3_min",
    "capacity_t_h_equiv": "steam_capacity_t_h, thermal_power_mw",
}
SINGLE_STAGE_PUMPS = ("end_suction", "double_suction", "inline")


def _pump_duty(items: pd.DataFrame) -> None:
    """Flow in m³/h and the specific speed ns = 3.65·n·√(Q/S/3600) / (H/N)^0.75 (GB 19762: S = 2 for a
    double-suction pump, N = number of stages; a single-stage type has N = 1 when the sheet leaves it empty)."""
    items["flow_m3_h"] = items["flow_m3_min"] * 60
    pumps = items.loc[items["family"] == "pump", ["pump_type", "stages", "head_m", "rated_speed_rpm", "flow_m3_h"]]
    pump_type = pumps["pump_type"].astype(object)
    suction = np.where(pump_type == "double_suction", 2.0, 1.0)
    stages = pumps["stages"].fillna(pd.Series(np.where(pump_type.isin(SINGLE_STAGE_PUMPS), 1.0, np.nan),
                                              index=pumps.index))
    head_per_stage = pumps["head_m"] / stages
    ns = 3.65 * pumps["rated_speed_rpm"] * np.sqrt(pumps["flow_m3_h"] / suction / 3600) / head_per_stage ** 0.75
    computed = ns.where(head_per_stage > 0).reindex(items.index)
    items["specific_speed"] = computed.fillna(items["specific_speed"]) if "specific_speed" in items else computed


def _fan_models(items: pd.DataFrame, inferred: Inferred, has_model: pd.Series) -> None:
    """A centrifugal fan designation (4-72No.8C) states its pressure coefficient, specific speed and machine number."""
    fans = (items["family"] == "fan") & has_model
    if not fans.any():
        return
    parsed = parse_fan_models(items.loc[fans, "model"])
    for column in ("pressure_coefficient", "specific_speed", "machine_number"):
        _fill(items, column, parsed[column].astype(float), inferred)
    designated = parsed["specific_speed"].notna()
    _fill(items, "fan_type", pd.Series("centrifugal", index=designated[designated].index, dtype="string"), inferred)


def _boiler_and_pump_models(items: pd.DataFrame, inferred: Inferred, has_model: pd.Series,
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
                _fill(items, column, parsed[column].astype(items[column].dtype), inferred)


# A chiller's 冷却方式 (water / air) is its condenser type; GB 19577 tables need it under that name.
CONDENSER_OF_COOLING = {"liquid": "water_cooled", "air": "air_cooled"}


def _chiller_codes(items: pd.DataFrame, inferred: Inferred) -> None:
    """Condenser type from 冷却方式; chiller type: data-centre units say so in their name (GB 19577 grades them on
    other metrics), every other water chiller is read as the comfort type, marked inferred."""
    chillers = items["family"] == "chiller"
    if not chillers.any():
        return
    _fill(items, "condenser_type", items.loc[chillers, "cooling"].astype(object).map(CONDENSER_OF_COOLING)
          .astype("string"), inferred, "derived:cooling")
    texts = items.loc[chillers, ["name", "category_text", "model"]].fillna("").astype(str).agg(" ".join, axis=1)
    kind = pd.Series(np.where(texts.str.contains("数据中心|data cent", case=False, regex=True), "data_center",
                              "comfort"), index=texts.index, dtype="string")
    _fill(items, "chiller_type", kind, inferred, "default")


def derive(items: pd.DataFrame, mw_per_t_h: float | None,
           read_as: Inferred | None = None) -> tuple[pd.DataFrame, Inferred, Conflicts]:
    """A copy of ``items`` with the model inferences and derived quantities added (see the module docstring),
    every value not stated in its own column (``read_as``, the interpretation's, and those added here), and the
    stated ratings that disagree with the model."""
    items = items.copy(deep=False)  # copy-on-write: the columns changed here are copied, not the others
    poles_basis = items["poles_basis"] if "poles_basis" in items else pd.Series(pd.NA, index=items.index, dtype=object)
    inferred: Inferred = [("poles", basis, (poles_basis == basis).fillna(False).to_numpy(dtype=bool))
                          for basis in ("speed", "model")]
    inferred += read_as or []
    has_model = items["model"].notna()
    _motor_models(items, inferred, has_model)
    conflicts: Conflicts = []
    _transformer_models(items, inferred, has_model, conflicts)
    _fan_models(items, inferred, has_model)
    _boiler_and_pump_models(items, inferred, has_model, conflicts)
    _chiller_codes(items, inferred)
    compressors = items["family"] == "compressor"
    computed = (items["input_power_kw"] / items["flow_m3_min"].where(items["flow_m3_min"] > 0)).where(compressors)
    inferred.append(("specific_power_kw_per_m3_min", "derived:input_power_kw/flow_m3_min",
                     (items["specific_power_kw_per_m3_min"].isna() & computed.notna()).to_numpy()))
    items["specific_power_kw_per_m3_min"] = items["specific_power_kw_per_m3_min"].fillna(computed)
    _pump_duty(items)
    capacity = items["steam_capacity_t_h"]
    if mw_per_t_h:
        capacity = capacity.fillna(items["thermal_power_mw"] / mw_per_t_h)
    items["capacity_t_h_equiv"] = capacity.round(6)  # 14 MW / 0.7 is 20.000000000000004 in binary
    items["inferred_fields"] = names_where([(name, flags) for name, _, flags in inferred], len(items))
    return items, [entry for entry in inferred if entry[2].any()], conflicts
