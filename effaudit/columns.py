"""The canonical inventory columns: name, kind and canonical unit.

This is the contract between reading (``effaudit.inventory``) and auditing (``effaudit.engine``): the reader
turns whatever headers and units a spreadsheet uses into these columns, each numeric column as float64 in the
unit named here, so that the audit works on plain arrays. Header aliases live in data
(``effaudit/resources/header_aliases.yaml``); this module only says what the columns *are*.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# "code": text mapped to one of a small set of codes by the vocabulary files (effaudit/resources/vocabulary/):
# 油浸式 -> oil, 非晶合金 -> amorphous, 风冷 -> air. Unknown text is a data-quality problem, never a guess.
ColumnKind = Literal["text", "number", "date", "count", "code", "measure"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: ColumnKind
    unit: str | None  # pint unit string of the canonical magnitude, None for text/date/count
    zh: str
    en: str


PROVENANCE = ("source_file", "sheet", "row")

_EQUIPMENT_COLUMNS: tuple[Column, ...] = (
    Column("equipment_id", "text", None, "设备编号", "equipment id"),
    Column("name", "text", None, "设备名称", "name"),
    Column("category_text", "text", None, "设备类别", "category (as written)"),
    # 结构型式 / 型式: each family writes its own type words here (卧式, 喷油螺杆, 层状燃烧, 油浸式 …); read in the
    # item's family for the coded fields it states (effaudit/interpret/in_context.py), never as one family's field.
    Column("type_text", "text", None, "结构型式", "construction / form (as written)"),
    Column("model", "text", None, "型号规格", "model"),
    Column("manufacturer", "text", None, "生产厂家", "manufacturer"),
    # 电机型号 / 配套电机型号: a motor's own model, or the drive motor of a pump, fan or compressor (its profile says).
    Column("drive_motor_model", "text", None, "配套电机型号", "drive motor model"),
    Column("drive_motor_efficiency_pct", "number", "percent", "电机效率", "motor efficiency"),
    Column("drive_motor_manufacture_date", "date", None, "电机出厂日期", "motor manufacture date"),
    # A motor's whole nameplate in one cell (effaudit/interpret/nameplates.py).
    Column("nameplate_text", "text", None, "铭牌参数", "nameplate"),
    Column("location", "text", None, "安装位置", "location"),
    Column("quantity", "count", None, "数量", "quantity"),
    Column("rated_power_kw", "number", "kW", "额定功率", "rated power"),
    Column("rated_voltage_v", "number", "V", "额定电压", "rated voltage"),
    Column("rated_speed_rpm", "number", "rpm", "额定转速", "rated speed"),
    Column("frequency_hz", "number", "Hz", "频率", "frequency"),
    Column("poles", "number", None, "极数", "poles"),
    Column("efficiency_pct", "number", "percent", "效率", "efficiency"),
    Column("efficiency_class_text", "text", None, "能效等级", "efficiency class (as written)"),
    Column("capacity_kva", "number", "kVA", "额定容量", "rated capacity"),
    Column("no_load_loss_w", "number", "W", "空载损耗", "no-load loss"),
    Column("load_loss_w", "number", "W", "负载损耗", "load loss"),
    Column("pressure_mpa", "number", "MPa", "压力", "pressure"),
    Column("flow_m3_min", "number", "m**3/min", "流量", "flow"),
    Column("steam_capacity_t_h", "number", "t/h", "额定蒸发量", "steam capacity"),
    Column("input_power_kw", "number", "kW", "输入功率", "input power"),
    Column("specific_power_kw_per_m3_min", "number", "kW/(m**3/min)", "比功率", "specific power"),
    Column("weighted_specific_power_kw_per_m3_min", "number", "kW/(m**3/min)", "加权比功率", "weighted specific power"),
    Column("thermal_power_mw", "number", "MW", "额定热功率", "rated thermal power"),
    Column("thermal_efficiency_pct", "number", "percent", "热效率", "thermal efficiency"),
    Column("insulation_medium", "code", None, "绝缘介质", "insulation (oil / dry)"),
    Column("core_material", "code", None, "铁芯材料", "core material"),
    Column("connection_group", "code", None, "联结组别", "connection group"),
    Column("insulation_class", "code", None, "绝缘耐热等级", "insulation class"),
    Column("tap_changer", "code", None, "调压方式", "tap changer"),
    Column("cooling", "code", None, "冷却方式", "cooling"),
    # How a motor is fed: line-start on the mains or through a variable-frequency drive (GB 30253 grades each in
    # its own tables).
    Column("supply_mode", "code", None, "供电方式", "drive mode"),
    Column("compressor_type", "code", None, "压缩机类型", "compressor type"),
    Column("combustion_type", "code", None, "燃烧方式", "combustion type"),
    Column("fuel", "code", None, "燃料", "fuel"),
    Column("fuel_class", "code", None, "燃料类别", "fuel class"),
    Column("head_m", "number", "m", "扬程", "head"),
    Column("stages", "count", None, "级数", "stages"),
    Column("pump_type", "code", None, "泵型式", "pump type"),
    Column("fan_type", "code", None, "风机型式", "fan type"),
    Column("pressure_coefficient", "number", "dimensionless", "压力系数", "pressure coefficient"),
    Column("specific_speed", "number", "dimensionless", "比转速", "specific speed"),
    Column("hub_ratio", "number", "dimensionless", "轮毂比", "hub ratio"),
    Column("machine_number", "number", "dimensionless", "机号", "machine number (No.)"),
    Column("chiller_type", "code", None, "冷水机组类型", "chiller type"),
    Column("condenser_type", "code", None, "冷凝方式", "condenser type"),
    Column("cooling_capacity_kw", "number", "kW", "名义制冷量", "nominal cooling capacity"),
    Column("cspf", "number", "dimensionless", "制冷季节性能系数", "CSPF"),
    Column("accop", "number", "dimensionless", "全年综合制冷性能系数", "ACCOP"),
    Column("cop", "number", "dimensionless", "制冷性能系数", "COP (cooling)"),
    Column("iplv", "number", "dimensionless", "综合部分负荷性能系数", "IPLV"),
    # Water- / ground-source heat pumps (GB 19577-2024 表4): the unit's form, mode and heat source select the row;
    # ACOP and the heating COP are their own indicators, never the cooling `cop`.
    Column("unit_form", "code", None, "热泵机组型式", "heat pump unit form"),
    Column("heat_pump_mode", "code", None, "热泵机组功能", "heat pump mode"),
    Column("heat_source", "code", None, "热源型式", "heat source"),
    Column("heating_capacity_kw", "number", "kW", "名义制热量", "nominal heating capacity"),
    Column("acop", "number", "dimensionless", "全年综合性能系数", "ACOP"),
    Column("heating_cop", "number", "dimensionless", "制热性能系数", "COP (heating)"),
    # Low-ambient air-source heat pumps (表3): the heating terminal selects the row and its seasonal indicator.
    Column("heating_terminal", "code", None, "末端型式", "heating terminal"),
    Column("hspf", "number", "dimensionless", "制热季节性能系数", "HSPF"),
    Column("apf", "number", "dimensionless", "全年性能系数", "APF"),
    Column("cop_dh", "number", "dimensionless", "制热性能系数COPdh", "COPdh"),
    # Indirect evaporative chillers (表7) and air conditioners: the sub-type selects the row and the indicator.
    Column("evaporative_chiller_type", "code", None, "间接蒸发冷却机型", "indirect evaporative chiller type"),
    Column("aeer", "number", "dimensionless", "全年能效比", "AEER"),
    Column("eer", "number", "dimensionless", "能效比", "EER"),
    # Air conditioners (GB 19576 unitary, GB 37479 ducted, GB 21454 multi-split): each table names its own indicator,
    # and an item is judged only on the one its table uses (a VRF's IPLV(C) is not a unitary unit's IPLV). APF,
    # AEER and EER are the columns above (the same indicators as the heat pumps' and the evaporative chillers').
    Column("seer", "number", "dimensionless", "制冷季节能源消耗效率", "SEER"),
    Column("iplv_c", "number", "dimensionless", "制冷综合部分负荷性能系数", "IPLV(C)"),
    Column("ac_type", "code", None, "空调机组类型", "air-conditioner type"),
    Column("ac_mode", "code", None, "单冷/热泵", "cooling only / heat pump"),
    # Low-temperature multi-split units (GB 21454 表4): HSPF with two fixed gates, the heating COP at the low ambient
    # temperatures of −12 °C and −20 °C — not the nominal heating COP (`heating_cop`), so columns of their own.
    Column("heating_cop_m12", "number", "dimensionless", "制热性能系数COP(-12℃)", "heating COP at −12 °C"),
    Column("heating_cop_m20", "number", "dimensionless", "制热性能系数COP(-20℃)", "heating COP at −20 °C"),
    # Heat-pump water heaters (GB 29541-2013 表1): the type, the heating method and (circulating units of 10 kW and
    # more) whether the unit supplies its water pump select the row; the heating COP (`heating_cop`) is graded.
    Column("hpwh_type", "code", None, "热泵热水机类型", "heat-pump water heater type"),
    Column("heating_method", "code", None, "加热方式", "heating method"),
    Column("water_pump_supplied", "code", None, "是否提供水泵", "water pump supplied"),
    # Its nominal heating input power: with the nominal heating capacity it gives the heating COP (制热量 ÷ 输入功率 at
    # the same nominal conditions) when no COP is stated. Only a heating input power: a bare 功率 / 最大输入功率 is not it.
    Column("heating_input_power_kw", "number", "kW", "名义制热输入功率", "nominal heating input power"),
    # Centrifugal blowers (GB 28381-2012): the type, speed class, stage count, impeller kind and the impeller's
    # b2/D2 and D2 (design data, on the maker's sheet rather than the nameplate) select the row; the polytropic
    # efficiency ηpol is graded — never an isentropic / adiabatic efficiency, nor a plain 效率.
    Column("blower_type", "code", None, "鼓风机型式", "blower type"),
    Column("blower_speed", "code", None, "鼓风机转速类别", "blower speed class"),
    Column("impeller_kind", "code", None, "叶轮型式", "impeller kind"),
    Column("impeller_b2_d2", "number", "dimensionless", "叶轮出口宽度与直径比b2/D2", "impeller b2/D2"),
    Column("impeller_diameter_mm", "number", "mm", "叶轮直径D2", "impeller diameter D2"),
    Column("polytropic_efficiency_pct", "number", "percent", "多变效率", "polytropic efficiency"),
    # Vehicles (the scrapping ages and emission rules of the renewal plans, effaudit/checks/policy.py).
    Column("vehicle_type", "code", None, "车辆类型", "vehicle type"),
    Column("machine_kind", "code", None, "农机种类", "farm machine kind"),
    Column("usage", "code", None, "使用性质", "usage (commercial / non-commercial)"),
    Column("emission_standard", "code", None, "排放标准", "emission standard"),
    Column("registration_date", "date", None, "注册日期", "registration date"),
    Column("mileage_km", "number", "km", "行驶里程", "mileage"),
    Column("battery_warranty_end", "date", None, "动力电池质保到期日", "traction battery warranty end"),
    Column("manufacture_date", "date", None, "出厂日期", "manufacture date"),
    Column("commissioning_date", "date", None, "投运日期", "commissioning date"),
    Column("remarks", "text", None, "备注", "remarks"),
    # 机座号 as the shaft centre height in mm (160 of Y160M-4): the catalogues bound motor entries by it.
    Column("frame_size_mm", "number", "mm", "机座中心高", "frame size (shaft centre height)"),
    # Operation and cost, for the savings estimate and the renewal plan (EF120, effaudit/savings/).
    Column("operating_hours_h", "number", "hour", "年运行小时数", "annual operating hours"),
    Column("load_factor_pct", "number", "percent", "负载率", "load factor"),
    Column("replacement_cost_yuan", "number", "yuan", "更新投资", "replacement investment"),  # the line's, all units
    Column("electricity_price_yuan_per_kwh", "number", "yuan/kWh", "电价", "electricity price"),
)

# Product sheets: unit-product energy quotas (effaudit/checks/quota.py, standards_data/quotas/). Only a sheet that
# names one of these columns gets them (an equipment-only inventory of a million lines does not carry 40 empty ones).
_PRODUCT_COLUMNS: tuple[Column, ...] = (
    Column("product_name", "text", None, "产品名称", "product"),
    Column("process", "text", None, "生产工艺", "process / plant type"),
    Column("indicator", "text", None, "能耗指标", "indicator"),
    Column("period", "text", None, "统计期", "period"),
    # Output and reported unit consumption keep the unit they were written in (t, 万t, 重量箱 …; kgce/t, kWh/t …):
    # "measure" columns hold the magnitude as written and a <name>_unit text column; the quota check converts.
    Column("output", "measure", None, "产量", "output"),
    Column("reported_consumption", "measure", None, "单位产品能耗(填报)", "reported unit consumption"),
    Column("total_energy_kgce", "number", "kgce", "综合能耗总量", "total energy consumption"),
    # Energy carriers consumed (GB/T 2589 coefficients: standards_data/conversions/); negative = exported.
    Column("electricity_kwh", "number", "kWh", "电力", "electricity"),
    Column("raw_coal_kg", "number", "kg", "原煤", "raw coal"),
    Column("washed_coal_kg", "number", "kg", "洗精煤", "washed coal"),
    Column("coke_kg", "number", "kg", "焦炭", "coke"),
    Column("natural_gas_m3", "number", "m3", "天然气", "natural gas"),
    Column("coke_oven_gas_m3", "number", "m3", "焦炉煤气", "coke-oven gas"),
    Column("blast_furnace_gas_m3", "number", "m3", "高炉煤气", "blast-furnace gas"),
    Column("steam_kg", "number", "kg", "蒸汽", "steam"),
    Column("heat_gj", "number", "GJ", "热力", "heat"),
    Column("diesel_kg", "number", "kg", "柴油", "diesel"),
    Column("gasoline_kg", "number", "kg", "汽油", "gasoline"),
    Column("fuel_oil_kg", "number", "kg", "燃料油", "fuel oil"),
    Column("lpg_kg", "number", "kg", "液化石油气", "LPG"),
    # Measured lower heating values (GB/T 2589: a measured value replaces the reference coefficient).
    Column("raw_coal_lhv_kj_per_kg", "number", "kJ/kg", "原煤低位发热量", "raw coal LHV"),
    Column("washed_coal_lhv_kj_per_kg", "number", "kJ/kg", "洗精煤低位发热量", "washed coal LHV"),
    Column("natural_gas_lhv_kj_per_m3", "number", "kJ/m3", "天然气低位发热量", "natural gas LHV"),
    Column("coke_oven_gas_lhv_kj_per_m3", "number", "kJ/m3", "焦炉煤气低位发热量", "coke-oven gas LHV"),
    # Inputs of the quota standards' corrections.
    Column("coal_vdaf_pct", "number", "percent", "入炉煤干燥无灰基挥发分", "coal volatile matter Vdaf"),
    Column("coal_moisture_pct", "number", "percent", "入炉煤水分", "coal moisture"),
    Column("oven_age_years", "number", "year", "炉龄", "oven age"),
    Column("quenching", "code", None, "熄焦方式", "quenching (wet / dry)"),
    Column("mixed_gas_share_pct", "number", "percent", "混合煤气加热时间比例", "mixed-gas heating share"),
    Column("clinker_share_pct", "number", "percent", "熟料配比", "clinker share"),
    Column("altitude_m", "number", "m", "海拔", "altitude"),
    Column("ore_grade_pct", "number", "percent", "入炉矿品位", "charged ore grade"),
)
COLUMNS: tuple[Column, ...] = _EQUIPMENT_COLUMNS + _PRODUCT_COLUMNS
PRODUCT_COLUMNS: tuple[str, ...] = tuple(column.name for column in _PRODUCT_COLUMNS)

BY_NAME: dict[str, Column] = {column.name: column for column in COLUMNS}

# Dates that lie ahead by nature (a traction battery's warranty end): never DQ106 "date in the future".
FUTURE_DATES = ("battery_warranty_end",)

# The motor families (a motor's own row reads its nameplate; parts of other items are motors).
MOTOR_FAMILIES = ("motor_lv", "motor_hv", "motor_pmsm")

# Family codes an item can be classified into (see standards_data/FORMAT.md).
FAMILIES = (
    "motor_lv", "motor_hv", "motor_pmsm", "transformer", "fan", "pump", "compressor", "boiler", "chiller",
    "unitary_air_conditioner", "duct_air_conditioner", "multi_split_air_conditioner", "heat_pump_water_heater", "centrifugal_blower", "welder", "furnace", "vehicle", "elevator", "construction_machinery", "agricultural_machinery", "product", "other",
    "unknown",
)
