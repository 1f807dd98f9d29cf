"""Fields, coded values and quantities as a reader knows them, in Chinese or English: what messages and reports
print instead of internal names (``insulation_medium``) and machine precision (79.647302 %)."""

from __future__ import annotations

import math
import re
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


# The families (effaudit/resources/families) as a reader knows them: (zh, en).
FAMILY_LABELS = {
    "motor_lv": ("低压三相异步电动机", "LV induction motors"), "motor_hv": ("高压电动机", "HV motors"),
    "motor_pmsm": ("永磁同步电动机", "PM synchronous motors"), "transformer": ("变压器", "transformers"),
    "fan": ("通风机", "fans"), "pump": ("水泵", "pumps"), "compressor": ("空气压缩机", "air compressors"),
    "boiler": ("锅炉", "boilers"), "chiller": ("冷水机组", "chillers"),
    "unitary_air_conditioner": ("单元式空气调节机", "unitary air conditioners"),
    "duct_air_conditioner": ("风管送风式空调机组", "ducted air conditioners"),
    "multi_split_air_conditioner": ("多联式空调（热泵）机组", "multi-split (VRF) air conditioners"),
    "heat_pump_water_heater": ("热泵热水机（器）", "heat-pump water heaters"),
    "centrifugal_blower": ("离心鼓风机", "centrifugal blowers"), "welder": ("电焊机", "welders"),
    "furnace": ("工业炉窑", "furnaces"), "vehicle": ("车辆", "vehicles"), "elevator": ("电梯", "elevators"),
    "construction_machinery": ("工程机械", "construction machinery"),
    "agricultural_machinery": ("农业机械", "agricultural machinery"),
    "product": ("产品（能耗限额）", "products (energy quotas)"), "other": ("其他", "other"),
    "unknown": ("未分类", "unclassified"),
}


def family_label(family: str, lang: str) -> str:
    """A family as a reader of ``lang`` knows it (motor_lv → 低压三相异步电动机 / LV induction motors)."""
    zh, en = FAMILY_LABELS.get(family, (family, family))
    return zh if lang == "zh" else en


@cache
def _code_names() -> dict[tuple[str, str], tuple[str, str]]:
    """(column, code) -> (zh, en): the first Chinese alias of the code in the vocabulary, and in English an
    upper-case code itself (B, IC411: not its alias B/B), else its first alias in words (natural gas, not LNG)."""
    names: dict[tuple[str, str], tuple[str, str]] = {}
    for _, columns in vocabulary_files():
        for column, codes in columns.items():
            for code, aliases in codes.items():
                words = [str(alias) for alias in aliases or []]
                chinese = [word for word in words if is_chinese(word)]
                latin = [word for word in words if not is_chinese(word)]
                english = (str(code) if str(code).isupper()
                           else next((word for word in latin if re.search("[a-z]", word)), latin[0] if latin
                                     else str(code)))
                names.setdefault((column, str(code)), (chinese[0] if chinese else str(code), english))
    return names


def code_label(column: str, code: str, lang: str) -> str:
    """A coded value as its vocabulary writes it (oil → 油浸式 / oil-immersed); the code itself when it has none."""
    zh, en = _code_names().get((column, code), (code, code))
    return zh if lang == "zh" else en


def _format(entry: object) -> tuple[int, bool] | None:
    """(decimals, trailing zeros kept) of a quantity_formats.yaml entry: ``1`` or ``{decimals: 1, zeros: true}``."""
    if isinstance(entry, dict) and set(entry) == {"decimals", "zeros"} and isinstance(entry["zeros"], bool):
        decimals, zeros = entry["decimals"], entry["zeros"]
    else:
        decimals, zeros = entry, False
    return (decimals, zeros) if isinstance(decimals, int) and not isinstance(decimals, bool) and 0 <= decimals <= 6 \
        else None


@cache
def _formats() -> dict[str, tuple[int, bool]]:
    text = resources.files("effaudit").joinpath("resources/quantity_formats.yaml").read_text(encoding="utf-8")
    table = load_yaml(text)
    formats = {str(unit): _format(entry) for unit, entry in table.items()} if isinstance(table, dict) else {}
    if not isinstance(table, dict) or None in formats.values():
        raise ValueError("effaudit/resources/quantity_formats.yaml: each unit needs a whole number of decimals 0–6, "
                         "or {decimals: N, zeros: true} to keep its trailing zeros")
    return formats


def quantity_text(value: float, unit: str | None) -> str:
    """A number as the standards write its quantity (``quantity_formats.yaml``): 96.0 and 96.5 (%), 560 (W), 73.55
    and 11 (kW); a value the unit's decimals would change keeps one decimal more (79.647302 % → 79.65). '' when
    missing."""
    if value is None or value != value:
        return ""
    value = float(value)
    decimals, zeros = _formats().get(unit or "", (None, False))
    if decimals is None or math.isinf(value):
        return f"{value:.6g}"
    if abs(round(value, decimals) - value) > 1e-9 * max(1.0, abs(value)):
        decimals += 1
    text = f"{round(value, decimals):.{decimals}f}"
    return text if zeros or "." not in text else text.rstrip("0").rstrip(".")


@cache
def _unit_words() -> dict[str, tuple[str, str, str]]:
    """unit -> (Chinese, English for one, English for several), from ``unit_words.yaml``."""
    text = resources.files("effaudit").joinpath("resources/unit_words.yaml").read_text(encoding="utf-8")
    table = load_yaml(text)
    words = {}
    for unit, entry in (table.items() if isinstance(table, dict) else ()):
        english = entry.get("en") if isinstance(entry, dict) else None
        if not (isinstance(entry, dict) and set(entry) == {"zh", "en"} and isinstance(entry["zh"], str)
                and isinstance(english, list) and len(english) == 2 and all(isinstance(w, str) for w in english)):
            raise ValueError(f"effaudit/resources/unit_words.yaml: {unit}: needs zh: <word> and en: [<one>, <several>]")
        words[str(unit)] = (entry["zh"], english[0], english[1])
    return words


def quantity_unit(value: float, unit: str | None, lang: str | None = None) -> str:
    """A quantity with its unit: the number (``quantity_text``), a space, the unit (``96.0 %``, ``560 W``: the SI
    rule the README and both report languages follow); given ``lang``, a unit written as a word in
    ``unit_words.yaml`` in that language (``15 年``, ``15 years``); '' when missing."""
    text = quantity_text(value, unit)
    if not text or not unit:
        return text
    words = _unit_words().get(unit) if lang else None
    if words:
        unit = words[0] if lang == "zh" else words[1] if float(value) == 1 else words[2]
    return f"{text} {unit}"


def field_value(field: str, value: object, lang: str) -> str:
    """A field's value for a message: a number with its unit (``55 kW``), a code in words (``风冷``)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    column = BY_NAME.get(field)
    unit = column.unit if column is not None and column.unit not in (None, "pole", "dimensionless") else None
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return quantity_unit(float(value), unit, lang)
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


_NUMERALS = "一二三四五六七八九"
_HEADING = re.compile("[一二三四五六七八九十]+、")  # a plan's section (二、（一）3. 加快…): its own title, kept
_CLAUSE_EN = ((re.compile("第([一二三四五六七八九十]+)条（([一二三四五六七八九十]+)）"),
               lambda m: f"Art. {_chinese_number(m[1])} ({_chinese_number(m[2])})"),
              (re.compile("第([一二三四五六七八九十]+)条"), lambda m: f"Art. {_chinese_number(m[1])}"),
              (re.compile(r"第(\d+)章"), lambda m: f"clause {m[1]}"),
              (re.compile(r"第(\d+)批"), lambda m: f"batch {m[1]}"),
              (re.compile("第([一二三四五六七八九十]+)批"), lambda m: f"batch {_chinese_number(m[1])}"),
              (re.compile(r"(\d{4})年本"), lambda m: f"{m[1]} edition"),
              (re.compile("（([^（）]*)）"), lambda m: f" ({m[1]})"),
              (re.compile(r"附录\s*"), lambda m: "Annex "),
              (re.compile(r"表\s*"), lambda m: "Table "),
              (re.compile("公式"), lambda m: "formula"),
              (re.compile(r"式\s*(?=[(（\d])"), lambda m: "formula "),
              (re.compile("能效限定值"), lambda m: "minimum allowable values"),  # tables named by level (GB 28381)
              (re.compile("节能评价值"), lambda m: "evaluating values of energy conservation"),
              (re.compile("；"), lambda m: "; "),
              (re.compile(r"[、，]"), lambda m: ", "),
              (re.compile("～"), lambda m: "–"))


def _chinese_number(text: str) -> int:
    """一 … 九十九 as a number (the articles and items of a regulation: 第五条（十一）)."""
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return _NUMERALS.index(text) + 1
    return (_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (_NUMERALS.index(units) + 1 if units else 0)


def clause_text(clause: object, lang: str) -> object:
    """A clause as a reader of ``lang`` cites it: the standard's own words in Chinese (表1, 第五条（八）), in English
    the same reference in English words (Table 1, Art. 5 (8), Annex A, formula (1), a catalogue's batch 3); a missing clause as given. A plan's section heading
    (二、（一）3. 加快…) is the document's own title and stays as written."""
    if lang == "zh" or not isinstance(clause, str) or _HEADING.match(clause):
        return clause
    for pattern, english in _CLAUSE_EN:
        clause = pattern.sub(english, clause)
    return clause
