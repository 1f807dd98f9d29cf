"""The savings estimate and the renewal plan as the outputs give them: each item's ``saving`` object, the totals
and their basis, and the ranked project list (JSON records, workbook and PDF rows)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from effaudit.engine import AuditResult
from effaudit.report.target import Records
from effaudit.savings.estimate import REASONS, Savings

FIGURES = {"kwh_per_year": "kwh", "heat_gj_per_year": "heat_gj", "tce_per_year": "tce", "tco2_per_year": "tco2",
           "money_per_year": "money", "investment": "investment", "payback_years": "payback_years"}


def _value(value: object) -> object:
    """A JSON-safe scalar: missing → None, floats rounded to 6 decimals."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float):
        return round(value, 6)
    return value.item() if hasattr(value, "item") else value


def saving_rows(savings: Savings, lang: str) -> pd.DataFrame:
    """The items' ``saving`` objects' values (the audit gives one row per item), indexed by item position, with
    ``reason`` as text in ``lang``."""
    texts = {code: pair[0 if lang == "zh" else 1] for code, pair in REASONS.items()}
    rows = savings.items.set_index("item")
    return rows.assign(estimated=rows["reason"].isna(), reason=rows["reason"].map(texts).astype("string"))


def savings_summary(result: AuditResult) -> dict:
    """The totals of the estimate and what they rest on."""
    savings = result.savings
    assert savings is not None
    basis = savings.basis
    grid = basis.grid
    return {
        "totals": savings.totals(),
        "electricity": {"standard_coal_basis": basis.electricity_basis, "kgce_per_kwh": basis.kgce_per_kwh,
                        "standard_coal_source": basis.electricity_basis_source,
                        "co2_factor": None if grid is None else {
                            "id": grid.id, "kg_co2_per_kwh": grid.kg_co2_per_kwh, "year": grid.year,
                            "document": grid.document, "confidence": grid.confidence},
                        "price_yuan_per_kwh": basis.electricity_price},
        "profile": None if basis.profile.path is None else str(basis.profile.path),
        "note_zh": "按额定值估算，仅供更新计划参考；运行小时、负载率、价格以清单或运行参数文件为准，未提供者不估算",
        "note_en": "estimates from rated values, for planning only; hours, load and prices come from the inventory or "
                   "the operating profile, and nothing is estimated without them",
    }


# JSON key -> column; a record names its item by its index in the items (``item``), which hold its identity
PLAN_FIELDS = {"rank": "rank", "item": "item", "rated_power_kw": "rated_power_kw", "action": "action", "code": "code", "standard": "standard", "clause": "clause", "deadline": "deadline",
               "kwh_per_year": "kwh", "fuel": "fuel", "fuel_amount": "amount", "fuel_unit": "amount_unit",
               "tce_per_year": "tce", "tco2_per_year": "tco2", "money_per_year": "money", "investment": "investment",
               "payback_years": "payback_years", "no_estimate": "reason"}
TARGET_FIELDS = {"step": "step", "rank": "rank", "item": "item", "units": "units",
                 "investment": "investment", "investment_per_unit": "investment_per_unit", "tce_per_year": "tce",
                 "share_after": "share_after"}


def plan_frame(result: AuditResult) -> pd.DataFrame:
    """The renewal list with each item's sheet, row, id, name, family, model, quantity and rated power."""
    plan = result.plan
    assert plan is not None
    return _described(result, plan.items)


def _with_items(result: AuditResult, rows: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """``rows`` with the columns ``names`` of the items they are about (``item``: a position in the items), taken
    by position: the JSON joins them a block of rows at a time, and a join would hash every item each time."""
    columns = [result.items.columns.get_loc(name) for name in names]
    return pd.concat([rows, result.items.iloc[rows["item"].to_numpy(), columns].set_axis(rows.index)], axis=1)


IDENTITY = ("sheet", "row", "equipment_id", "name", "family", "model", "quantity", "rated_power_kw")


def _described(result: AuditResult, plan: pd.DataFrame, identity: tuple[str, ...] = IDENTITY) -> pd.DataFrame:
    """Rows of the renewal list (``plan_frame``) with the columns ``identity`` of their items (the JSON takes only
    the rated power: its items hold the rest); a fuel only where no electricity."""
    frame = _with_items(result, plan, list(identity))
    electric = frame["kwh"].notna()
    frame["fuel"] = frame["fuel"].where(~electric)
    frame["amount"] = frame["amount"].where(~electric)
    frame["amount_unit"] = frame["amount_unit"].where(~electric & frame["amount"].notna())
    return frame


def renewal_plan_json(result: AuditResult) -> dict:
    plan = result.plan
    assert plan is not None
    return {"totals": plan.totals(),
            "items": Records(plan.items, PLAN_FIELDS, lambda rows: _described(result, rows, ("rated_power_kw",))),
            "to_target": {"order": "investment per unit, cheapest first; then standard coal saved, largest first",
                          "share_now": plan.share_now, "target_share": plan.target_share,
                          "items_needed": plan.items_to_target, "investment_needed": plan.investment_to_target,
                          "steps": Records(plan.to_target, TARGET_FIELDS)}}


PLAN_HEADERS = {
    "zh": ("序号", "工作表", "行", "设备编号", "设备名称", "类别", "型号", "数量", "额定功率(kW)", "措施", "依据",
           "期限", "年节电(kWh)", "年节约燃料", "折标准煤(t/a)", "减排CO₂(t/a)", "年节约(元)", "投资(元)",
           "静态回收期(年)", "说明"),
    "en": ("rank", "sheet", "row", "equipment id", "name", "family", "model", "quantity", "rated power (kW)",
           "action", "basis", "deadline", "electricity saved (kWh/a)", "fuel saved", "standard coal (t/a)",
           "CO₂ (t/a)", "saved (yuan/a)", "investment (yuan)", "payback (years)", "note"),
}
FUEL_UNITS = {"kg": "kg", "m3": "m³", "GJ": "GJ"}


def _rounded(value: object, decimals: int) -> float | int | None:
    value = _value(value)
    if value is None:
        return None
    return int(round(value)) if decimals == 0 else round(float(value), decimals)


def _count(value: object) -> float | int | None:
    """A number of units: 2, not 2.0 (a ledger may count 0.5 of a shared unit: that stays 0.5)."""
    value = _rounded(value, 2)
    return int(value) if isinstance(value, float) and value.is_integer() else value


def plan_rows(result: AuditResult, lang: str, limit: int | None = None) -> tuple[tuple[str, ...], list[list], list]:
    """(header, rows, totals row) of the renewal list as the workbook and the PDF show it: the first ``limit`` rows
    (all without one), the totals of all."""
    from effaudit.labels import FAMILY_LABELS, clause_text
    from effaudit.report.context import Documents, untrusted_text
    from effaudit.savings.plan import ACTION_TEXT

    zh = lang == "zh"
    documents = Documents(result)
    frame = plan_frame(result)
    if limit is not None:
        frame = frame.head(limit)
    rows = []
    for record in frame.to_dict("records"):
        fuel = ""
        if _value(record["amount"]) is not None:
            fuel = f"{_rounded(record['amount'], 0):,} {FUEL_UNITS.get(record['amount_unit'], record['amount_unit'])}"
        reason = _value(record["reason"])
        family = _value(record["family"])
        rows.append([
            record["rank"], untrusted_text(record["sheet"]), _value(record["row"]),
            untrusted_text(_value(record["equipment_id"])), untrusted_text(_value(record["name"])),
            FAMILY_LABELS.get(family, (family, family))[0 if zh else 1] if family else None,
            untrusted_text(_value(record["model"])), _count(record["quantity"]),
            _rounded(record["rated_power_kw"], 2), ACTION_TEXT[record["action"]][0 if zh else 1],
            f"{record['code']} " + documents.citation(untrusted_text(_value(record["standard"])),
                                                      clause_text(untrusted_text(_value(record["clause"])), lang)),
            _value(record["deadline"]), _rounded(record["kwh"], 0), fuel or None,
            _rounded(record["tce"], 3), _rounded(record["tco2"], 3), _rounded(record["money"], 0),
            _rounded(record["investment"], 0), _rounded(record["payback_years"], 1),
            None if reason is None else REASONS[reason][0 if zh else 1]])
    totals = result.plan.totals()
    total_row = ["合计" if zh else "total", *[None] * 11, _rounded(totals["kwh_per_year"], 0), None,
                 _rounded(totals["tce_per_year"], 3), _rounded(totals["tco2_per_year"], 3),
                 _rounded(totals["money_per_year"], 0), _rounded(totals["investment"], 0), None, None]
    return PLAN_HEADERS[lang], rows, total_row


TARGET_HEADERS = {
    "zh": ("达标顺序", "清单序号", "设备编号", "设备名称", "台数", "投资(元)", "单台投资(元)", "折标准煤(t/a)", "更新后节能水平占比"),
    "en": ("step", "rank in the list", "equipment id", "name", "units", "investment (yuan)",
           "investment per unit (yuan)", "standard coal (t/a)", "share after"),
}


def target_rows(result: AuditResult, lang: str) -> tuple[tuple[str, ...], list[list]]:
    """(header, rows) of the way to the 2027 target: the key items below the level, cheapest per unit first."""
    from effaudit.report.context import Documents, untrusted_text

    steps = result.plan.to_target.join(result.items[["equipment_id", "name"]], on="item")
    rows = [[record["step"], record["rank"], untrusted_text(_value(record["equipment_id"])),
             untrusted_text(_value(record["name"])), _count(record["units"]), _rounded(record["investment"], 0),
             _rounded(record["investment_per_unit"], 0), _rounded(record["tce"], 3),
             f"{record['share_after'] * 100:.1f}%"] for record in steps.to_dict("records")]
    return TARGET_HEADERS[lang], rows


def target_sentence(result: AuditResult, lang: str) -> str:
    """What reaching the 2027 target needs, in one sentence."""
    plan = result.plan
    share = plan.share_now
    zh = lang == "zh"
    now = "—" if share is None else f"{share * 100:.1f}%"
    if plan.target_share is None:
        return (f"当前达到节能水平及以上的比例（按台数）为 {now}；按单台投资从低到高更新低于节能水平的重点设备，比例逐项提高"
                "（见工作簿 Target 表）；运行参数文件可设目标比例（target_share）。" if zh else
                f"Share at the energy-saving level or better (units) now {now}; replacing the key items below the level, "
                "cheapest per unit first, raises it step by step (the workbook's Target sheet). Set target_share in the "
                "operating profile to mark the target.")
    target = f"{plan.target_share * 100:.1f}%"
    if plan.items_to_target is None:
        return (f"当前比例 {now}，目标 {target}：清单全部实施仍未达到目标。" if zh else
                f"Share now {now}, target {target}: the whole list does not reach it.")
    cost = plan.investment_to_target
    spent = "" if cost is None else (f"，投资约 {cost:,.0f} 元" if zh else f", about {cost:,.0f} yuan")
    return (f"当前比例 {now}，目标 {target}：按单台投资从低到高更新 {plan.items_to_target} 项即可达到{spent}。" if zh else
            f"Share now {now}, target {target}: replacing {plan.items_to_target} items, cheapest per unit first, "
            f"reaches it{spent}.")


@dataclass(frozen=True)
class PlanView:
    """The renewal list as the PDF shows it: fewer columns than the workbook, so that it fits an A4 page."""
    header: tuple[str, ...]
    rows: tuple[tuple, ...]
    totals: tuple
    target: str  # what reaching the 2027 target needs
    basis: str  # the factors, prices and profile the figures rest on


PDF_HEADERS = {
    "zh": ("序号", "设备", "数量", "措施", "依据", "年节能量", "折标准煤(t/a)", "减排CO₂(t/a)", "投资(元)",
           "回收期(年)", "说明"),
    "en": ("rank", "item", "qty", "action", "basis", "energy saved a year", "coal (tce/a)", "CO₂ (t/a)",
           "investment (yuan)", "payback (years)", "note"),
}
PDF_NUMBERS = (0, 2, 5, 6, 7, 8, 9)  # right-aligned columns


def _basis_sentence(result: AuditResult, lang: str) -> str:
    basis = result.savings.basis
    grid = basis.grid
    coal = (f"电力折标准煤按{'当量值' if basis.electricity_basis == 'equivalent' else '等价值'} "
            f"{basis.kgce_per_kwh:g} kgce/kWh" if lang == "zh" else
            f"electricity to standard coal at its {'equivalent' if basis.electricity_basis == 'equivalent' else 'equal'}"
            f" value {basis.kgce_per_kwh:g} kgce/kWh")
    co2 = ("" if grid is None else f"；电力CO₂排放因子 {grid.kg_co2_per_kwh:g} kgCO₂/kWh（{grid.zh}，{grid.document}）"
           if lang == "zh" else f"; electricity CO₂ factor {grid.kg_co2_per_kwh:g} kgCO₂/kWh ({grid.en})")
    price = "" if basis.electricity_price is None else (
        f"；电价 {basis.electricity_price:g} 元/kWh" if lang == "zh" else
        f"; electricity at {basis.electricity_price:g} yuan/kWh")
    profile = "" if basis.profile.path is None else (
        f"；运行参数文件 {untrusted_profile(basis.profile.path)}" if lang == "zh" else
        f"; operating profile {untrusted_profile(basis.profile.path)}")
    lead = ("节能量按额定值估算（公式见 README“节能量与更新计划”），仅供制定更新计划参考：" if lang == "zh" else
            "Savings are estimated from rated values (formulas in the README, 'Savings and the renewal plan'), "
            "for planning only: ")
    return lead + coal + co2 + price + profile + ("。" if lang == "zh" else ".")


def untrusted_profile(path: object) -> str:
    from effaudit.report.context import Documents, untrusted_text

    return untrusted_text(getattr(path, "name", str(path)))


PDF_PLAN_ROWS = 300  # the PDF shows the head of a long list; the workbook and the JSON have it all


def plan_view(result: AuditResult, lang: str) -> PlanView:
    """The workbook's rows folded into twelve columns: the item in one cell, the action with its deadline, the
    energy as kWh or fuel; the first PDF_PLAN_ROWS rows, and the totals of the whole list."""
    _, rows, totals = plan_rows(result, lang, limit=PDF_PLAN_ROWS)

    def text(value: object) -> str:
        if value is None:
            return ""
        return f"{value:,}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)

    def folded(row: list) -> tuple[str, ...]:
        rank, _sheet, _row, equipment, name, _family, model, quantity, _power, action, basis, deadline, kwh, fuel, \
            tce, tco2, _money, investment, payback, note = row
        item = " ".join(text(part) for part in (equipment, name, model) if part)
        energy = f"{text(kwh)} kWh" if kwh is not None else text(fuel)
        # the deadline on a line of its own, whole: in the narrow action column a bracketed date broke mid-number
        when = (f"\n{deadline} 前" if lang == "zh" else f"\nby {deadline}") if deadline else ""
        return (text(rank), item, text(quantity), text(action) + when, text(basis),
                energy, text(tce), text(tco2), text(investment), text(payback), text(note))

    shown = len(result.plan.items)
    more = "" if shown <= PDF_PLAN_ROWS else (
        f"另有 {shown - PDF_PLAN_ROWS:,} 项未列出，完整清单见工作簿 Plan 表及 JSON。" if lang == "zh" else
        f"{shown - PDF_PLAN_ROWS:,} more items are not listed here: the workbook's Plan sheet and the JSON have them "
        "all. ")
    return PlanView(PDF_HEADERS[lang], tuple(folded(row) for row in rows), folded(totals),
                    more + target_sentence(result, lang), _basis_sentence(result, lang))
