"""Quantities the standards grade on, computed from the canonical fields for the whole frame (what model strings
and texts tell was read by the interpretation stage, effaudit.interpret):

- Specific power of an air compressor (GB 19153: kW/(m³/min)) = input power ÷ free-air delivery, when not stated.
- A boiler's capacity in t/h when only its thermal power in MW is given, by the equivalence the standard's own
  capacity bands state (e.g. "≤20 t/h (或 ≤14 MW)").
- A pump's flow in m³/h and specific speed, the inputs of the GB 19762 efficiency formula.
- A heat-pump water heater's heating COP (GB 29541) = nominal heating capacity ÷ nominal heating input power, when
  not stated (both are nameplate figures at the same nominal conditions).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effaudit.io.values import names_where

Inferred = list[tuple[str, str, np.ndarray]]  # (field, where its value came from, which items)


# Derived fields and what they are computed from, for messages that ask the user to supply data.
DERIVED_FROM = {
    "specific_speed": "rated_speed_rpm, head_m, flow_m3_min, stages",
    "flow_m3_h": "flow_m3_min",
    "specific_power_kw_per_m3_min": "input_power_kw, flow_m3_min",
    "capacity_t_h_equiv": "steam_capacity_t_h, thermal_power_mw",
}
SINGLE_STAGE_PUMPS = ("end_suction", "double_suction", "inline")  # a chemical pump's stages are never assumed
DOUBLE_SUCTION_PUMPS = ("double_suction", "chemical_double_suction")


def _pump_duty(items: pd.DataFrame) -> None:
    """Flow in m³/h and the specific speed ns = 3.65·n·√(Q/S/3600) / (H/N)^0.75 (GB 19762: S = 2 for a
    double-suction pump, clear-water or petrochemical; N = number of stages; a clear-water single-stage type has N = 1
    when the sheet leaves it empty)."""
    items["flow_m3_h"] = items["flow_m3_min"] * 60
    pumps = items.loc[items["family"] == "pump", ["pump_type", "stages", "head_m", "rated_speed_rpm", "flow_m3_h"]]
    pump_type = pumps["pump_type"].astype(object)
    suction = np.where(pump_type.isin(DOUBLE_SUCTION_PUMPS), 2.0, 1.0)
    stages = pumps["stages"].fillna(pd.Series(np.where(pump_type.isin(SINGLE_STAGE_PUMPS), 1.0, np.nan),
                                              index=pumps.index))
    head_per_stage = pumps["head_m"] / stages
    ns = 3.65 * pumps["rated_speed_rpm"] * np.sqrt(pumps["flow_m3_h"] / suction / 3600) / head_per_stage ** 0.75
    computed = ns.where(head_per_stage > 0).reindex(items.index)
    items["specific_speed"] = computed.fillna(items["specific_speed"]) if "specific_speed" in items else computed


def derive(items: pd.DataFrame, mw_per_t_h: float | None, read_as: Inferred) -> tuple[pd.DataFrame, Inferred]:
    """A copy of ``items`` with the derived quantities added (see the module docstring), and every value not stated
    in its own column (``read_as``, the interpretation's, and those derived here); ``inferred_fields`` names them
    per item."""
    items = items.copy(deep=False)  # copy-on-write: the columns changed here are copied, not the others
    inferred = list(read_as)
    compressors = items["family"] == "compressor"
    computed = (items["input_power_kw"] / items["flow_m3_min"].where(items["flow_m3_min"] > 0)).where(compressors)
    inferred.append(("specific_power_kw_per_m3_min", "derived:input_power_kw/flow_m3_min",
                     (items["specific_power_kw_per_m3_min"].isna() & computed.notna()).to_numpy()))
    items["specific_power_kw_per_m3_min"] = items["specific_power_kw_per_m3_min"].fillna(computed)
    _pump_duty(items)
    water_heaters = items["family"] == "heat_pump_water_heater"
    input_power = items["heating_input_power_kw"].where(items["heating_input_power_kw"] > 0)
    cop = (items["heating_capacity_kw"] / input_power).where(water_heaters)
    inferred.append(("heating_cop", "derived:heating_capacity_kw/heating_input_power_kw",
                     (items["heating_cop"].isna() & cop.notna()).to_numpy()))
    items["heating_cop"] = items["heating_cop"].fillna(cop)
    capacity = items["steam_capacity_t_h"]
    if mw_per_t_h:
        capacity = capacity.fillna(items["thermal_power_mw"] / mw_per_t_h)
    items["capacity_t_h_equiv"] = capacity.round(6)  # 14 MW / 0.7 is 20.000000000000004 in binary
    items["inferred_fields"] = names_where([(name, flags) for name, _, flags in inferred], len(items))
    return items, [entry for entry in inferred if entry[2].any()]
