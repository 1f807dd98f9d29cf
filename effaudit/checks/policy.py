"""RG: the renewal plans' own rules (standards_data/policies/): scrapping ages, emission phase-outs, assessments,
priority renewals and subsidy eligibility, layered by jurisdiction (national → region → city).

Each rule is data: its code, family, conditions, strength, the plan's document number, clause and verbatim quote.
The strength decides the finding (effaudit.standards.model.POLICY_STRENGTHS): a mandatory scrapping is a
`phase_out` violation, "加快淘汰" a `phase_out` advisory, a priority renewal or an assessment an advisory, a subsidy
eligibility information. Policy rules never invent an efficiency grade.

Ages (`service_years`) are whole years completed on the audit date, counted from the registration date (vehicles)
or the commissioning date (other equipment), the other of the two when that one is missing, and the manufacture date
as the last resort — the finding then says so.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from effaudit.checks.base import AuditContext, Rule
from effaudit.conditions import evaluate
from effaudit.finding_texts import LIST, templates, texts
from effaudit.findings import empty_findings, findings_frame
from effaudit.io.values import combinations, factorize, messages, spread
from effaudit.labels import clause_text, field_label
from effaudit.standards.model import POLICY_STRENGTHS, Condition, PolicyRule, PolicyRulebook


# What to supply when a condition's field is missing (derived fields name the columns they come from).
SUPPLY = {
    "service_years": ("registration_date", "commissioning_date", "manufacture_date"),
    "battery_warranty_remaining_days": ("battery_warranty_end",),
}
# Where the age is counted from, in order: vehicles by registration (the scrapping ages run from 注册登记), other
# equipment by commissioning (投入使用).
AGE_BASES = {True: ("registration", "commissioning"), False: ("commissioning", "registration")}

USE_INSTEAD = {
    "mandatory_phase_out": "Stop using it and replace it.",
    "mandatory_scrapping": "Scrap it (hand it to a licensed scrapping enterprise, 报废机动车回收拆解企业, and cancel the "
                           "registration), and replace it, preferably with a new-energy vehicle.",
    "accelerated_phase_out": "Plan its replacement now (a China VI or new-energy vehicle); the plan sets no deadline "
                             "but the item is marked for phase-out.",
    "priority_renewal": "Put it first in the renewal plan; replacements should be new-energy / energy-saving.",
    "assessment_required": "Have a safety (and efficiency) assessment made and act on it (repair, modernise, replace).",
    "subsidy_eligible": "Nothing is wrong: when it is scrapped or renewed, apply for the subsidy the plan names.",
    "target": "Replace the equipment below the energy-saving level (grade 2) first.",
}

USE_INSTEAD_ZH = {
    "mandatory_phase_out": "停止使用并更新。",
    "mandatory_scrapping": "予以报废（交报废机动车回收拆解企业并注销登记）并更新，优先选用新能源车辆。",
    "accelerated_phase_out": "现在就安排更新（国六或新能源车辆）；规划未定期限，但已列为淘汰对象。",
    "priority_renewal": "列入更新计划的首位；新设备应为新能源、节能产品。",
    "assessment_required": "开展安全（及能效）评估并据此处理（维修、改造或更新）。",
    "subsidy_eligible": "无须整改：报废或更新时按规划申请补贴。",
    "target": "优先更新低于节能水平（2级）的设备。",
}
STRENGTH_ZH = {"mandatory_phase_out": "强制淘汰", "mandatory_scrapping": "强制报废", "accelerated_phase_out": "加快淘汰",
               "priority_renewal": "优先更新", "assessment_required": "须评估", "subsidy_eligible": "可享补贴",
               "target": "目标"}
SEVERITY_ZH = {"violation": "违规", "advisory": "建议更新", "not_assessable": "无法判定", "info": "提示", "ok": "合格"}

RULES_STATIC = (
    Rule("RG001", "not_assessable", "政策规定无法核对", "A mandatory policy rule cannot be checked", """
What it does:
An item is of a family that a mandatory rule of the renewal plans covers (a scrapping age, a China III phase-out),
but the inventory lacks data the rule needs: vehicle type, usage (营运/非营运), fuel, emission standard, or any date to
count the age from. The finding lists the rules and the missing columns.
Why:
A vehicle is never cleared of a scrapping age or a phase-out silently.
Example:
货车 with no 注册日期, 投运日期 or 出厂日期: whether it passed 15 years (机动车强制报废标准规定 第五条（八）) is unknown.
Use instead:
Fill in 车辆类型, 使用性质, 燃料, 排放标准 and 注册日期 from the vehicle's registration certificate (机动车登记证书).
"""),
    Rule("RG002", "info", "政策规定缺少数据", "Data missing for an advisory policy rule", """
What it does:
As RG001, for a rule that would only advise (an assessment, a priority renewal, a subsidy): the item is not flagged,
and the finding says what to supply.
Why:
Advice that cannot be checked is reported as information, without changing the item's status.
Example:
城市公交车 with no 动力电池质保到期日 in Wuhai (RG404).
Use instead:
Fill in the named columns.
"""),
)


def _completed_years(start: pd.Series, as_of: dt.date) -> pd.Series:
    """Whole years from ``start`` to ``as_of`` (the N-th anniversary completes year N); NaN where start is NaT.
    Worked out once per distinct date."""
    codes, dates = factorize(start)
    dates = pd.DatetimeIndex(dates)
    before_anniversary = (dates.month > as_of.month) | ((dates.month == as_of.month) & (dates.day > as_of.day))
    years = (as_of.year - dates.year - before_anniversary).to_numpy(dtype=float)
    return pd.Series(spread(codes, years.tolist(), np.nan, np.float64), index=start.index)


def _counted_from(items: pd.DataFrame, column: str) -> pd.Series:
    """The dates of ``column`` that ages count from: a year or a month counts from its last day, never older than
    stated. Each distinct (date, precision) is shifted once."""
    dates = items[column].astype("datetime64[ns]")
    if f"{column}_precision" not in items:
        return dates
    precision = items[f"{column}_precision"]
    codes, first = combinations([dates, precision], len(items))
    distinct, of = dates.iloc[first], precision.iloc[first]
    distinct = distinct.where(of != "year", distinct + pd.offsets.YearEnd(0))
    distinct = distinct.where(of != "month", distinct + pd.offsets.MonthEnd(0))
    return distinct.take(codes).set_axis(items.index)


def prepare(items: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The fields policy conditions use, added to (a copy of) the derived items frame:

    - ``vehicle_type_inferred``: the vehicle type was read from a text (effaudit.interpret), not its own column;
    - ``service_years`` and ``service_basis`` (registration / commissioning / manufacture), see the module docstring;
    - ``battery_warranty_remaining_days`` (negative once the warranty has ended).
    """
    items = items.copy(deep=False)  # copy-on-write: the columns changed here are copied, not the others
    vehicles = items["family"] == "vehicle"
    items["vehicle_type_inferred"] = items["inferred_fields"].str.contains(r"(?:^|,)vehicle_type(?:,|$)", regex=True
                                                                           ).fillna(False).to_numpy(dtype=bool)
    start = pd.Series(pd.NaT, index=items.index, dtype="datetime64[ns]")
    basis = pd.Series(pd.NA, index=items.index, dtype=object)
    for is_vehicle, order in AGE_BASES.items():
        rows = (vehicles == is_vehicle).to_numpy()
        for name in (*order, "manufacture"):
            take = rows & start.isna().to_numpy() & items[f"{name}_date"].notna().to_numpy()
            if take.any():
                columns = [c for c in (f"{name}_date", f"{name}_date_precision") if c in items]
                start[take] = _counted_from(items.loc[take, columns], f"{name}_date")
                basis[take] = name
    items["service_years"] = _completed_years(start, as_of)
    items["service_basis"] = basis
    warranty_end = items["battery_warranty_end"].astype("datetime64[ns]")
    items["battery_warranty_remaining_days"] = (warranty_end - pd.Timestamp(as_of)).dt.days.astype(float)
    return items


def active_rules(books: list[PolicyRulebook], as_of: dt.date) -> list[tuple[PolicyRulebook, PolicyRule]]:
    """The rules in force on ``as_of`` in the rulebook chain, without those a later rulebook restates
    (``replaces``), in chain order."""
    replaced = {code for book in books for rule in book.rules for code in rule.replaces}
    return [(book, rule) for book in books for rule in book.rules
            if rule.code not in replaced and rule.effective <= as_of]


def target_rules(books: list[PolicyRulebook], as_of: dt.date) -> list[PolicyRule]:
    return [rule for _, rule in active_rules(books, as_of) if rule.strength == "target"]


def _age_condition(rule: PolicyRule) -> Condition | None:
    return next((c for c in rule.match if c.field == "service_years"), None)


def _rule_findings(rule: PolicyRule, members: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """The rule's finding for ``rows`` of ``members``: its own sentence (from its rulebook), the age it counts,
    and the text it rests on (finding_texts.yaml ``policy.rule``)."""
    chosen = members[rows]
    age = _age_condition(rule)
    measured = required = None

    def sentence(years: object = None, source: object = None) -> tuple[str, str]:
        counted = ("", "") if years is None else texts(
            "policy", "age", years=int(years), basis=texts("policy", str(source)),
            fallback=texts("policy", "by_manufacture") if source == "manufacture" else "")
        return texts("policy", "rule", rule=(rule.message_zh, rule.message_en), age=counted, document=rule.document,
                     clause=(rule.clause, clause_text(rule.clause, "en")), quote=rule.quote_zh)

    if age is not None:
        zh, en = messages(sentence, chosen["service_years"], chosen["service_basis"])
        measured, required = chosen["service_years"], age.min
    else:
        zh, en = sentence()
    uses_type = any(c.field == "vehicle_type" for c in rule.match)
    inferred = chosen["vehicle_type_inferred"].to_numpy(dtype=bool) if uses_type else False
    return findings_frame(
        chosen.index, code=rule.code, severity=rule.severity, verdict=rule.verdict, standard=rule.document,
        clause=rule.clause, confidence=rule.confidence, inferred=inferred, message_zh=zh,
        message_en=en, measured_value=measured, measured_unit="year" if age else None,
        required_value=required, required_unit="year" if age else None)


def _supply_text(fields: str, lang: str) -> str:
    either = templates()["policy"]["either"][lang]
    return LIST[lang].join(either.join(field_label(column, lang) for column in SUPPLY.get(name, (name,)))
                           for name in filter(None, sorted(set(fields.split(",")))))


def _code_list(codes: pd.Series) -> str:
    listed = ", ".join(codes.iloc[:3])
    return listed if len(codes) <= 3 else f"{listed} … ({len(codes)})"


def _unknown_findings(unknown: list[pd.DataFrame]) -> pd.DataFrame:
    """One RG001 (a verdict-giving rule) or RG002 (an advisory one) per item: the rules and the missing fields."""
    if not unknown:
        return empty_findings()
    frame = pd.concat(unknown, ignore_index=True)
    grouped = frame.groupby(["item", "blocking"], sort=True).agg(codes=("code", _code_list),
                                                                  missing=("missing", ",".join)).reset_index()
    zh_missing = grouped["missing"].map(lambda m: _supply_text(m, "zh"))
    en_missing = grouped["missing"].map(lambda m: _supply_text(m, "en"))
    frames = []
    for blocking, code, severity, verdict in ((True, "RG001", "not_assessable", "not_assessable"),
                                              (False, "RG002", "info", None)):
        part = grouped["blocking"] == blocking
        if part.any():
            frames.append(findings_frame(
                grouped.loc[part, "item"], code=code, severity=severity, verdict=verdict,
                message_zh=[texts("policy", code, codes=codes, fields=fields)[0]
                            for codes, fields in zip(grouped.loc[part, "codes"], zh_missing[part])],
                message_en=[texts("policy", code, codes=codes, fields=fields)[1]
                            for codes, fields in zip(grouped.loc[part, "codes"], en_missing[part])]))
    return pd.concat(frames, ignore_index=True)


def run(ctx: AuditContext) -> pd.DataFrame:
    books = ctx.rulebook.policies_for(ctx.jurisdiction) if ctx.rulebook.policies else []
    frames, unknown = [empty_findings()], []
    for _, rule in active_rules(books, ctx.as_of):
        if rule.strength == "target":  # a target judges the whole inventory: effaudit.report.target
            continue
        positions = ctx.members(rule.family)
        if not len(positions):
            continue
        fields = [c.field for c in rule.match] + ["service_years", "service_basis", "vehicle_type_inferred"]
        members = ctx.items[list(dict.fromkeys(fields))].take(positions)
        holds, undecided, missing = evaluate(rule.match, members)
        if holds.any():
            frames.append(_rule_findings(rule, members, holds))
        if undecided.any():
            unknown.append(pd.DataFrame({"item": members.index[undecided], "code": rule.code,
                                         "blocking": rule.verdict is not None,
                                         "missing": missing[undecided].to_numpy()}))
    frames.append(_unknown_findings(unknown))
    return pd.concat(frames, ignore_index=True)


# --- documentation: `effaudit explain RG…` ---------------------------------------------------------------------

def _example(rule: PolicyRule, lang: str = "en") -> tuple[str, str]:
    """A matching item and the nearest one that does not match (the boundary), from the rule's conditions."""
    def value(condition: Condition) -> object:
        if condition.one_of is not None:
            return condition.one_of[0]
        return condition.equals if condition.equals is not None else (
            condition.min if condition.min is not None else condition.max)

    matching = [f"{c.field} = {value(c)}" for c in rule.match]
    age = _age_condition(rule)
    below = ([f"{c.field} = {value(c)}" for c in rule.match if c is not age] + [f"service_years = {age.min - 1:g}"]
             if age is not None and age.min is not None else None)
    if lang == "zh":
        good = f"不标出：{'，'.join(below)}。" if below else "不标出：任一条件不成立的条目。"
        return f"{rule.family} 类条目，{'，'.join(matching)}。" if matching else "—", good
    good = f"Not flagged: {', '.join(below)}." if below else "Not flagged: an item for which a condition does not hold."
    return f"A {rule.family} item with {', '.join(matching)}." if matching else "—", good


def _doc(book: PolicyRulebook, rule: PolicyRule) -> str:
    severity, verdict = POLICY_STRENGTHS[rule.strength]
    conditions = " and ".join(c.describe() for c in rule.match) or "(no item condition: a target for the inventory)"
    example, good = _example(rule)
    source = f"\nQuote read from: {rule.quote_source}" if rule.quote_source else ""
    note = f"\nNote: {rule.note}" if rule.note else ""
    return f"""
What it does:
{rule.title_en}. Applies to items of family `{rule.family}` where {conditions} (ages: service_years, whole years
on the audit date from the registration or commissioning date, else the manufacture date). Strength
`{rule.strength}`: severity {severity}{f', verdict {verdict}' if verdict else ', no verdict'}.
Rulebook {book.id} (jurisdiction {book.jurisdiction}; applies there and in every jurisdiction that includes it).
Why:
{rule.document} {rule.clause}：“{rule.quote_zh}”
{book.title_zh} ({book.issuer}, {book.issued.isoformat()}); confidence {rule.confidence}.{source}{note}
Example:
{example}
{good}
Use instead:
{USE_INSTEAD[rule.strength]}
"""


def _doc_zh(book: PolicyRulebook, rule: PolicyRule) -> str:
    """``_doc`` in Chinese; field names and conditions stay as the rulebook writes them."""
    severity, verdict = POLICY_STRENGTHS[rule.strength]
    conditions = "且".join(c.describe() for c in rule.match) or "（无设备条件：针对整个清单的目标）"
    example, good = _example(rule, "zh")
    note = f"\n说明：{rule.note}" if rule.note else ""
    return f"""
作用：
{rule.title_zh}。适用于 `{rule.family}` 类设备中满足 {conditions} 的条目（service_years：截至审核基准日的整年数，自注册日期或
投运日期起算，否则自出厂日期起算）。
规定强度“{STRENGTH_ZH[rule.strength]}”：严重程度 {SEVERITY_ZH[severity]}{f'，判定 {verdict}' if verdict else '，不给出判定'}。
规则库 {book.id}（适用地区 {book.jurisdiction}，并适用于包含它的各地区）。
依据：
{rule.document} {rule.clause}：“{rule.quote_zh}”
{book.title_zh}（{book.issuer}，{book.issued.isoformat()}）；可信度 {rule.confidence}。{note}
示例：
{example}
{good}
应改为：
{USE_INSTEAD_ZH[rule.strength]}
"""


def policy_rules(books: tuple[PolicyRulebook, ...]) -> tuple[Rule, ...]:
    """A Rule (code, severity, titles, documentation) for every rule of the policy rulebooks, plus RG001/RG002."""
    rules = [Rule(rule.code, rule.severity, rule.title_zh, rule.title_en, _doc(book, rule), _doc_zh(book, rule))
             for book in books for rule in book.rules]
    return (*RULES_STATIC, *sorted(rules, key=lambda r: r.code))
