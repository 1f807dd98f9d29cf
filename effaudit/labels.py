"""Field names as a Chinese reader knows them, for the messages that ask an enterprise to supply data."""

from __future__ import annotations

from effaudit.columns import BY_NAME

# Fields that are derived from columns (effaudit.conditions, effaudit.derive) rather than columns themselves.
DERIVED_ZH = {
    "manufacture_year": "出厂年份",
    "commissioning_year": "投运年份",
    "in_service_year": "投运年份（或出厂年份）",
    "capacity_t_h_equiv": "额定蒸发量（t/h）或额定热功率（MW）",
    "flow_m3_h": "流量",
    "specific_speed": "比转速（由转速、扬程、流量、级数计算）",
    "service_years": "使用年限（由投运日期计算）",
    "vehicle_age_years": "车龄（由注册日期计算）",
}


def field_zh(field: str) -> str:
    if field in DERIVED_ZH:
        return DERIVED_ZH[field]
    column = BY_NAME.get(field)
    return column.zh if column else field


def fields_zh(fields: str) -> str:
    """'manufacture_year,poles' -> '出厂年份、极数'."""
    return "、".join(field_zh(field) for field in fields.split(",") if field)
