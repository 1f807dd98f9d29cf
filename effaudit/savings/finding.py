"""EF120: what replacing an item below the energy-saving level would save a year — an estimate, as a finding.

The figures come from effaudit.savings.estimate (one formula per kind of metric, README "Savings and the renewal
plan"); the finding tells them in the report's language, with the hours, the load and the factors they rest on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effaudit.checks.base import Rule
from effaudit.findings import findings_frame
from effaudit.finding_texts import texts
from effaudit.io.values import messages
from effaudit.labels import clause_text, quantity_unit
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

FUEL_NAMES = {"kg": "kg", "m3": "m³", "GJ": "GJ"}


def _metric(rulebook: Rulebook, standard: str, metric: str) -> tuple[tuple[str, str], str]:
    """((zh label, en label), ≥ or ≤) of a standard's metric."""
    document = rulebook.get(standard)
    found = next((m for m in getattr(document, "metrics", ()) if m.name == metric), None)
    return ((found.zh or metric, found.en or metric), found.meets_sign) if found else ((metric, metric), "")


def _number(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def _part(name: str, present: bool = True, **params: object) -> tuple[str, str]:
    """A part of EF120's sentence (finding_texts.yaml ``saving``); empty in both languages when not ``present``."""
    return texts("saving", name, **params) if present else ("", "")


def saving_findings(savings: Savings, rulebook: Rulebook) -> pd.DataFrame:
    """EF120 for every estimated item of ``savings`` (item positions of the audited frame), its sentence from the
    template ``saving.EF120``."""
    rows = savings.items[savings.items["reason"].isna()]
    if not len(rows):
        return findings_frame([])
    coal_basis = texts("saving", "equivalent" if savings.basis.electricity_basis == "equivalent" else "equal_value")

    def target(standard: str, clause: str, metric: str, grade2: float, unit: str) -> dict[str, object]:
        label, sign = _metric(rulebook, standard, metric)
        return dict(citation=(f"{standard} {clause_text(clause, 'zh')}", f"{standard} {clause_text(clause, 'en')}"),
                    metric=label, required=f"{sign} {quantity_unit(grade2, unit)}")

    def operation(hours: float, source: str, load: float) -> dict[str, object]:
        return dict(hours=f"{hours:g}", source=_part(f"source_{source}"),
                    load=_part("load", load=f"{load:g} %") if load == load else _part("load_rated"))

    def energy(kwh: float, fuel_unit: str, amount: float, heat: float, tce: float, tco2: float
               ) -> dict[str, object]:
        electric = kwh == kwh
        saving = (_part("electricity", kwh=_number(kwh, 0)) if electric
                  else _part("fuel", amount=_number(amount, 0), unit=FUEL_NAMES.get(fuel_unit, fuel_unit),
                             heat=_number(heat, 1)))
        coal = _part("coal_electricity" if electric else "coal_fuel", tce=_number(tce, 2), basis=coal_basis)
        return dict(saving=saving, coal=coal, co2=_part("co2", tco2=_number(tco2, 2)) if tco2 == tco2
                    else _part("co2_unknown"))

    def money(money: float, investment: float, payback: float) -> dict[str, object]:
        paid = _part("payback", investment == investment and payback == payback, years=f"{payback:.1f}")
        spent = _part("investment", investment == investment, yuan=_number(investment, 0))
        return dict(money=_part("money", money == money, yuan=_number(money, 0)),
                    investment=tuple(a + b for a, b in zip(spent, paid)))

    def sentence(*values: object) -> tuple[str, str]:
        standard, clause, metric, grade2, unit, hours, source, load, *rest = values
        return texts("saving", "EF120", **target(standard, clause, metric, grade2, unit),
                     **operation(hours, source, load), **energy(*rest[:6]), **money(*rest[6:]))

    message_zh, message_en = messages(sentence, *(rows[name] for name in (
        "standard", "clause", "metric", "grade2", "unit", "hours", "hours_source", "load_pct", "kwh", "amount_unit",
        "amount", "heat_gj", "tce", "tco2", "money", "investment", "payback_years")))
    return findings_frame(rows["item"].to_numpy(), code="EF120", severity="info", standard=rows["standard"],
                          clause=rows["clause"], measured_value=rows["measured"], measured_unit=rows["unit"],
                          required_value=rows["grade2"], required_unit=rows["unit"], metric=rows["metric"],
                          confidence=rows["confidence"], message_zh=message_zh, message_en=message_en)
