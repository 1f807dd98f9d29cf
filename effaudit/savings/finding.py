"""EF120: what replacing an item below the energy-saving level would save a year — an estimate, as a finding.

The figures come from effaudit.savings.estimate (one formula per kind of metric, README "Savings and the renewal
plan"); the finding tells them in the report's language, with the hours, the load and the factors they rest on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effaudit.checks.base import Rule
from effaudit.findings import findings_frame
from effaudit.io.values import joined_messages
from effaudit.labels import quantity_text
from effaudit.savings.estimate import Savings
from effaudit.standards.rulebook import Rulebook

RULES = (
    Rule("EF120", "info", "达到节能水平的年节能量（估算）", "Estimated yearly saving at the energy-saving level", """
What it does:
For an item with a measured value below grade 2 (节能水平) of the edition in force, estimates what a replacement at
grade 2 of the item's own table row would save a year — electricity in kWh (motors, fans, pumps, compressors,
transformers, chillers) or a boiler's fuel — with its standard coal (tce), CO₂ (t) and, when prices are given, money,
investment and payback. Motors: rated power × quantity × load factor × annual hours × (1/η − 1/η₂); the formulas of
the other families are in the README. Shown only when the annual operating hours are known (年运行小时数, or the
operating profile); without a load factor the estimate is at rated load and says so.
Why:
The renewal plans ask key energy-using equipment to reach the energy-saving level by 2027; the saving tells which
replacements pay first.
Example:
11 kW 4-pole motor at 89.8 %, 6 000 h/a at 75 % load, GB 18613-2020 表1 grade 2 = 93.3 %:
11 × 0.75 × 6 000 × (1/0.898 − 1/0.933) ≈ 2 068 kWh/a.
Use instead:
Fill in 年运行小时数 (and 负载率) for the items you plan to replace; replace what pays first.
"""),
)

HOURS_SOURCE = {"inventory": ("", ""), "profile_item": ("（运行参数文件）", " (operating profile)"),
                "profile_family": ("（运行参数文件，按设备类别）", " (operating profile, by family)")}
FUEL_NAMES = {"kg": ("kg", "kg"), "m3": ("m³", "m³"), "GJ": ("GJ", "GJ")}


def _metric(rulebook: Rulebook, standard: str, metric: str) -> tuple[str, str, str]:
    """(zh label, en label, ≥ or ≤) of a standard's metric."""
    document = rulebook.get(standard)
    found = next((m for m in getattr(document, "metrics", ()) if m.name == metric), None)
    return (found.zh or metric, found.en or metric, found.meets_sign) if found else (metric, metric, "")


def _number(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def saving_findings(savings: Savings, rulebook: Rulebook) -> pd.DataFrame:
    """EF120 for every estimated item of ``savings`` (item positions of the audited frame)."""
    rows = savings.items[savings.items["reason"].isna()]
    if not len(rows):
        return findings_frame([])
    basis = savings.basis
    coal_zh, coal_en = (("当量值", "equivalent value") if basis.electricity_basis == "equivalent"
                        else ("等价值", "equal value"))

    def target(standard: str, clause: str, metric: str, grade2: float, unit: str) -> tuple[str, str]:
        zh, en, sign = _metric(rulebook, standard, metric)
        limit = f"{quantity_text(grade2, unit)}{'' if unit == '%' else ' '}{unit}"
        return (f"更换为达到节能水平的设备（{standard} {clause} 2级：{zh} {sign} {limit}），",
                f"a replacement at the energy-saving level ({standard} {clause} grade 2: {en} {sign} {limit}) ")

    def operation(hours: float, source: str, load: float) -> tuple[str, str]:
        where_zh, where_en = HOURS_SOURCE.get(source, ("", ""))
        load_zh = f"负载率 {load:g}%" if load == load else "未填负载率，按额定负载"
        load_en = f"{load:g} % load" if load == load else "no load factor, so at rated load"
        return (f"按年运行 {hours:g} h{where_zh}、{load_zh}估算，",
                f"would save, at {hours:g} h/a{where_en} and {load_en}, ")

    def energy(kwh: float, fuel_unit: str, amount: float, heat: float) -> tuple[str, str]:
        if kwh == kwh:
            return f"年节电约 {_number(kwh, 0)} kWh", f"about {_number(kwh, 0)} kWh a year"
        unit = FUEL_NAMES.get(fuel_unit, (fuel_unit, fuel_unit))[0]
        return (f"年节约燃料约 {_number(amount, 0)} {unit}（热量 {_number(heat, 1)} GJ）",
                f"about {_number(amount, 0)} {unit} of fuel a year ({_number(heat, 1)} GJ of heat)")

    def climate(kwh: float, tce: float, tco2: float) -> tuple[str, str]:
        co2_zh = f"，减排 CO₂ 约 {_number(tco2, 2)} t" if tco2 == tco2 else "，该燃料的 CO₂ 因子未收录，不估算减排量"
        co2_en = f", {_number(tco2, 2)} t CO₂" if tco2 == tco2 else ", no CO₂ factor for this fuel"
        basis_zh, basis_en = (f"（电力按{coal_zh}）", f" (electricity at its {coal_en})") if kwh == kwh else ("", "")
        return (f"，折标准煤 {_number(tce, 2)} t{basis_zh}{co2_zh}", f", {_number(tce, 2)} tce{basis_en}{co2_en}")

    def money(money: float, investment: float, payback: float) -> tuple[str, str]:
        zh = en = ""
        if money == money:
            zh, en = f"，年节约 {_number(money, 0)} 元", f", {_number(money, 0)} yuan a year"
        if investment == investment:
            zh += f"，投资 {_number(investment, 0)} 元"
            en += f"; investment {_number(investment, 0)} yuan"
            if payback == payback:
                zh += f"，静态回收期 {payback:.1f} 年"
                en += f", simple payback {payback:.1f} years"
        return zh + "（估算值）", en + " (an estimate)"

    column = rows.get
    message_zh, message_en = joined_messages(
        (target, [column("standard"), column("clause"), column("metric"), column("grade2"), column("unit")]),
        (operation, [column("hours"), column("hours_source"), column("load_pct")]),
        (energy, [column("kwh"), column("amount_unit"), column("amount"), column("heat_gj")]),
        (climate, [column("kwh"), column("tce"), column("tco2")]),
        (money, [column("money"), column("investment"), column("payback_years")]))
    return findings_frame(rows["item"].to_numpy(), code="EF120", severity="info", standard=rows["standard"],
                          clause=rows["clause"], measured_value=rows["measured"], measured_unit=rows["unit"],
                          required_value=rows["grade2"], required_unit=rows["unit"], metric=rows["metric"],
                          confidence=rows["confidence"], message_zh=message_zh, message_en=message_en)
