"""Fields, coded values and quantities as a reader knows them, in Chinese or English: what messages and reports
print instead of internal names (``insulation_medium``) and machine precision (79.647302 %)."""

from __future__ import annotations

import math
import numbers
from functools import cache
from importlib import resources

import pandas as pd

from effaudit.columns import BY_NAME
from effaudit.vocabulary import is_chinese, vocabulary_files
from effaudit.yaml_text import load_yaml

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


DERIVED_EN = {
    "manufacture_year": "year of manufacture",
    "commissioning_year": "year of commissioning",
    "in_service_year": "year of commissioning (or manufacture)",
    "capacity_t_h_equiv": "rated steam capacity (t/h) or thermal power (MW)",
    "flow_m3_h": "flow",
    "specific_speed": "specific speed (from the rated speed, head, flow and stages)",
    "service_years": "years in service (from the commissioning date)",
    "vehicle_age_years": "vehicle age (from the registration date)",
}


@cache
def _code_names() -> dict[tuple[str, str], tuple[str, str]]:
    """(column, code) -> (zh, en): the first Chinese and the first other alias of the code in the vocabulary."""
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for _, columns in vocabulary_files():
        for column, codes in columns.items():
            for code, aliases in codes.items():
                words = [str(alias) for alias in aliases or []]
                chinese = [word for word in words if is_chinese(word)]
                latin = [word for word in words if not is_chinese(word)]
                names.setdefault((column, str(code)), (chinese[0] if chinese else str(code),
                                                       latin[0] if latin else str(code)))
    return names


def code_label(column: str, code: str, lang: str) -> str:
    """A coded value as its vocabulary writes it (oil → 油浸式 / oil-immersed); the code itself when it has none."""
    zh, en = _code_names().get((column, code), (code, code))
    return zh if lang == "zh" else en


@cache
def _decimals() -> dict[str, int]:
    text = resources.files("effaudit").joinpath("resources/quantity_formats.yaml").read_text(encoding="utf-8")
    table = load_yaml(text)
    if not isinstance(table, dict) or not all(isinstance(v, int) and 0 <= v <= 6 for v in table.values()):
        raise ValueError("effaudit/resources/quantity_formats.yaml: each unit needs a whole number of decimals 0–6")
    return {str(unit): decimals for unit, decimals in table.items()}


def quantity_text(value: float, unit: str | None) -> str:
    """A number as the standards write its quantity (``quantity_formats.yaml``): 96.5 (%), 560 (W), 73.55 (kW);
    a value the unit's decimals would change keeps one decimal more (79.647302 % → 79.65). '' when missing."""
    if value is None or value != value:
        return ""
    value = float(value)
    decimals = _decimals().get(unit or "")
    if decimals is None or math.isinf(value):
        return f"{value:.6g}"
    shown = round(value, decimals)
    if abs(shown - value) > 1e-9 * max(1.0, abs(value)):
        shown = round(value, decimals + 1)
    return f"{shown:.{decimals + 1}f}".rstrip("0").rstrip(".")


def field_value(field: str, value: object, lang: str) -> str:
    """A field's value for a message: a number with its unit (``55 kW``), a code in words (``风冷``)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    column = BY_NAME.get(field)
    unit = column.unit if column is not None and column.unit not in (None, "pole", "dimensionless") else None
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        text = quantity_text(float(value), unit)
        return f"{text} {unit}" if unit else text
    return code_label(field, str(value), lang)


def field_label(field: str, lang: str) -> str:
    """A field as a reader of ``lang`` knows it: its column's label, or a derived field's description."""
    if field in DERIVED_ZH:
        return DERIVED_ZH[field] if lang == "zh" else DERIVED_EN[field]
    column = BY_NAME.get(field)
    return (column.zh if lang == "zh" else column.en) if column else field


def fields_label(fields: str, lang: str) -> str:
    """'manufacture_year,poles' -> '出厂年份、极数' / 'year of manufacture, poles'."""
    return ("、" if lang == "zh" else ", ").join(field_label(field, lang) for field in fields.split(",") if field)


def field_zh(field: str) -> str:
    return field_label(field, "zh")


def fields_zh(fields: str) -> str:
    return fields_label(fields, "zh")


def field_en(field: str) -> str:
    return field_label(field, "en")


def fields_en(fields: str) -> str:
    return fields_label(fields, "en")
