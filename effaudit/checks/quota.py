"""QT: unit-product energy consumption against the quota standard (单位产品能源消耗限额) in force on the audit date.

Each product row (family ``product``) is matched to one entry of a quota standard (effaudit.quotas.match); its unit
consumption is computed from the energy carriers (or the total energy, or taken as reported) and compared with the
entry's grade limits after the standard's corrections (effaudit.quotas.compute). Product sheets are small (one row
per product and indicator), so the per-row records kept for the reports are built row by row; the arithmetic runs
on arrays per entry.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effaudit.checks.base import AuditContext, Rule
from effaudit.findings import empty_findings, findings_frame
from effaudit.labels import field_en, field_zh
from effaudit.quotas.compute import (
    VERDICTS, QuotaComputation, carrier_uses, factor_or_nan, limits, per_output, verdict_ranks,
)
from effaudit.quotas.match import Match, electric_unit, match_product
from effaudit.standards.quota_model import ENERGY_INDICATORS, GRADES, QuotaEntry, QuotaStandard

RULES = (
    Rule("QT101", "violation", "高于能耗限定值", "Above the quota's minimum requirement (grade 3, 限定值)", """
What it does:
Compares a product's unit energy consumption with grade 3 (限定值) of the quota standard in force on the audit
date, after the standard's corrections. Lower is better; a value exactly at the limit meets it.
Why:
Existing plants must meet the 限定值 of the mandatory 单位产品能源消耗限额 standards; a plant above it is in breach
and is ordered to rectify (节能监察).
Example:
电石 with 962 kgce/t comprehensive energy — GB 21343-2023 表1 allows at most 940 kgce/t (grade 3).
Use instead:
Bring the unit consumption to 940 kgce/t or less (the energy-saving level: 823 kgce/t, grade 2).
"""),
    Rule("QT102", "advisory", "未达准入值（节能水平）", "Meets the minimum, not the entry level (grade 2, 准入值)", """
What it does:
Flags products that meet grade 3 (限定值) but not grade 2 (准入值, the level new plants must reach and effaudit's
energy-saving level).
Why:
The renewal plans ask plants to move from the 限定值 to the 准入值 / benchmark levels by 2025–2027.
Example:
电石 at 900 kgce/t: meets grade 3 (940), above grade 2 (823).
Use instead:
823 kgce/t or less.
"""),
    Rule("QT103", "ok", "达到准入值（节能水平）", "At the entry level (grade 2, 准入值)", """
What it does:
Records that the product meets grade 2 (准入值) but not grade 1 (先进值).
Why:
Counts towards the plan's target and shows the margin to the advanced level.
Example:
电石 at 850 kgce/t is above grade 2 (823) — not this finding.
Use instead:
电石 at 815 kgce/t meets grade 2.
"""),
    Rule("QT104", "ok", "达到先进值", "Advanced level (grade 1, 先进值)", """
What it does:
Records that the product meets grade 1 (先进值) of the quota standard.
Why:
Shows the products that need nothing.
Example:
电石 at 810 kgce/t is above grade 1 (805) — not this finding.
Use instead:
电石 at 800 kgce/t meets grade 1.
"""),
    Rule("QT105", "not_assessable", "缺少产量或能耗数据", "Output or energy data missing", """
What it does:
A product a quota standard covers, but no unit consumption can be formed: the output is missing or zero, no energy
is given (neither carriers, nor a total, nor a reported unit consumption), or a unit does not fit the indicator.
Why:
A quota verdict needs the unit consumption; effaudit never guesses it.
Example:
电石, 产量 blank, 电力 3.9 亿kWh.
Use instead:
产量 12万t (with its unit) and the carriers consumed, or 单位产品综合能耗 (kgce/t).
"""),
    Rule("QT106", "not_assessable", "缺少修正参数", "Correction input missing", """
What it does:
The quota standard corrects its limits for a plant's conditions (coal volatile matter, oven age, quenching,
clinker share, ore grade …). The input is missing and the verdict depends on it, or the input lies outside what the
standard's correction table covers.
Why:
Without the correction the limit is not known; judging with an assumed value could clear a plant in breach or
condemn a compliant one. When the verdict is the same whatever the input, it stands and the finding says so.
Example:
焦炭 (顶装) at 137 kgce/t, 熄焦方式 blank — wet quenching adds 46.46 kgce/t to grade 3, so the verdict depends on it.
Use instead:
熄焦方式 = 干熄焦 (and the other inputs the finding names).
"""),
    Rule("QT107", "not_assessable", "需注明工艺或指标", "Process route or indicator needed", """
What it does:
The product name matches several rows of a quota standard (process routes, product types or indicators with
different limits), and the row does not say which.
Why:
Different routes have different limits; picking one would be a guess.
Example:
产品名称 = 聚氯乙烯 with no 生产工艺 (电石法 and 乙烯法 rows differ).
Use instead:
生产工艺 = 电石法, 产品名称 = 聚氯乙烯树脂（通用型）.
"""),
    Rule("QT108", "info", "无适用的能耗限额标准", "No quota standard covers the product", """
What it does:
Records that no encoded quota standard in force covers the product.
Why:
Not every product has a mandatory quota; those that effaudit has not encoded are named in the README.
Example:
产品名称 = 办公用纸.
Use instead:
Nothing to do; check the national standards list if the product should be covered.
"""),
    Rule("QT109", "not_assessable", "现行版本未收录", "Edition in force not encoded", """
What it does:
The product is covered by a quota standard whose edition in force on the audit date is not encoded (only a later
edition is). effaudit does not judge with an edition that was not yet in force.
Why:
Limits change between editions; a verdict must use the edition in force on the audit date.
Example:
焦炭 audited as of 2026-03-31: GB 21342-2025 applies only from 2026-05-01; GB 21342-2013 is not encoded.
Use instead:
Audit as of a date the encoded edition is in force, or check against the older edition by hand.
"""),
    Rule("QT110", "advisory", "填报单耗与核算不符", "Reported unit consumption differs from the computed one", """
What it does:
The row gives both the energy consumed and a unit consumption, and the unit consumption effaudit computes from them
differs from the reported one by more than 2 %.
Why:
The verdict uses the computed value (the inspector can redo it); a difference points to a conversion-coefficient,
unit or scope error in the plant's own figure.
Example:
电石: reported 805 kgce/t, computed 842 kgce/t from the carriers.
Use instead:
Recompute the reported figure with GB/T 2589 coefficients and the standard's electricity basis.
"""),
)
CODE_OF_RANK = ("QT104", "QT103", "QT102", "QT101")
SEVERITY_OF_RANK = ("ok", "ok", "advisory", "violation")
REQUIRED_GRADE_OF_RANK = (1, 2, 2, 3)
DISCREPANCY = 0.02
KEY_COLUMNS = ["product_name", "process", "indicator", "reported_consumption_unit"]


def run(ctx: AuditContext) -> tuple[pd.DataFrame, dict[int, QuotaComputation]]:
    """Findings for the product rows, and how each judged row was computed (item position → computation)."""
    positions = np.flatnonzero((ctx.items["family"] == "product").to_numpy())
    if len(positions) == 0:
        return empty_findings(), {}
    products = ctx.items.iloc[positions]
    standards = ctx.rulebook.quotas_in_force(ctx.as_of)
    keys = [tuple(None if pd.isna(v) else str(v) for v in row)
            for row in products[KEY_COLUMNS].itertuples(index=False)]
    matches = {key: match_product(standards, *key) for key in dict.fromkeys(keys)}
    frames = [empty_findings()]
    computations: dict[int, QuotaComputation] = {}
    by_entry: dict[tuple[str, str], list[int]] = {}
    unmatched: list[tuple[int, Match, tuple]] = []
    for position, key in zip(positions, keys, strict=True):
        match = matches[key]
        if match.entry is not None:
            by_entry.setdefault((match.standard.id, match.entry.id), []).append(int(position))
        else:
            unmatched.append((int(position), match, key))
    for (standard_id, entry_id), rows in by_entry.items():
        standard = next(s for s in standards if s.id == standard_id)
        entry = next(e for e in standard.entries if e.id == entry_id)
        findings, computed = _judge(ctx, standard, entry, np.array(rows))
        frames.append(findings)
        computations.update(computed)
    frames.append(_unmatched(ctx, unmatched))
    return pd.concat(frames, ignore_index=True), computations


def _unmatched(ctx: AuditContext, unmatched: list[tuple[int, Match, tuple]]) -> pd.DataFrame:
    """QT107 (several entries), QT109 (only a later edition covers it), QT108 (nothing covers it)."""
    if not unmatched:
        return empty_findings()
    later = ctx.rulebook.quotas_not_encoded(ctx.as_of)
    records = []
    for position, match, (product, process, indicator, unit) in unmatched:
        if match.candidates:
            options = "；".join(dict.fromkeys(f"{e.label_zh} {e.indicator_zh}" for _, e in match.candidates))
            options_en = "; ".join(dict.fromkeys(f"{e.label_en} {e.indicator_en}" for _, e in match.candidates))
            what_zh, what_en = ("生产工艺", "process route") if match.needs == "process" else ("能耗指标", "indicator")
            records.append((position, "QT107", "not_assessable", "not_assessable", match.candidates[0][0].id,
                            f"“{product}”对应多个限额条目，请注明{what_zh}：{options}",
                            f"{product!r} matches several quota rows; state the {what_en}: {options_en}"))
            continue
        future = match_product(later, product, process, indicator, unit)
        covering = future.standard or (future.candidates[0][0] if future.candidates else None)
        if covering is not None:
            before = "、".join(covering.supersedes)
            records.append((position, "QT109", "not_assessable", "not_assessable", covering.id,
                            f"{ctx.as_of.isoformat()} 现行的是 {before}（未收录）；{covering.id} 自 "
                            f"{covering.effective.isoformat()} 起实施",
                            f"on {ctx.as_of.isoformat()} {', '.join(covering.supersedes)} is in force (not "
                            f"encoded); {covering.id} applies from {covering.effective.isoformat()}"))
            continue
        records.append((position, "QT108", "info", "out_of_scope", None,
                        f"“{product}”不在已收录的能耗限额标准范围内", f"no encoded quota standard covers {product!r}"))
    frame = pd.DataFrame(records, columns=["item", "code", "severity", "verdict", "standard", "zh", "en"])
    return findings_frame(frame["item"], code=frame["code"], severity=frame["severity"], verdict=frame["verdict"],
                          standard=frame["standard"], message_zh=frame["zh"], message_en=frame["en"])


def _judge(ctx: AuditContext, standard: QuotaStandard, entry: QuotaEntry, positions: np.ndarray
           ) -> tuple[pd.DataFrame, dict[int, QuotaComputation]]:
    rows = ctx.items.iloc[positions].reset_index(drop=True)
    conversion = ctx.rulebook.conversion(standard.conversion)
    carriers_kgce, has_carriers, carrier_lists = carrier_uses(rows, conversion, standard)
    total_given = rows["total_energy_kgce"].to_numpy(dtype=float)
    if entry.indicator in ENERGY_INDICATORS:
        amount, amount_unit = np.where(has_carriers, carriers_kgce, total_given), "kgce"
        source = np.where(has_carriers, "carriers", np.where(np.isnan(total_given), "reported", "total"))
    elif entry.indicator == "electricity":
        amount, amount_unit = rows["electricity_kwh"].to_numpy(dtype=float), "kWh"
        source = np.where(np.isnan(amount), "reported", "carriers")
    else:
        amount, amount_unit = np.full(len(rows), np.nan), "kgce"
        source = np.full(len(rows), "reported")
    computed = per_output(amount, amount_unit, rows["output"], rows["output_unit"], entry.unit)
    reported_units = rows["reported_consumption_unit"]
    reported_factor = reported_units.map(
        lambda unit: factor_or_nan(unit, entry.unit) if isinstance(unit, str)
        and electric_unit(unit) == electric_unit(entry.unit) else np.nan).to_numpy(dtype=float)
    reported = rows["reported_consumption"].to_numpy(dtype=float) * reported_factor
    value = np.where(np.isnan(computed), reported, computed)
    source = np.where(np.isnan(computed), "reported", source)
    low, high, correction_lists, uncovered = limits(entry, rows)
    worst = verdict_ranks(value, low)
    best = verdict_ranks(value, high)
    known = ~np.isnan(value)
    decided = known & (worst == best) & ~uncovered

    computations: dict[int, QuotaComputation] = {}
    records = []
    for i, position in enumerate(positions):
        computation = QuotaComputation(
            standard, entry, str(source[i]), _number(rows.at[i, "output"]), _text(rows.at[i, "output_unit"]),
            _number(amount[i]) if amount_unit == "kgce" else None, tuple(carrier_lists[i]), float(value[i]),
            _number(reported[i]), {g: float(low[g][i]) for g in GRADES}, {g: float(high[g][i]) for g in GRADES},
            tuple(correction_lists[i]))
        computations[int(position)] = computation
        records.extend(_row_findings(int(position), computation, rows.iloc[i], bool(known[i]), bool(decided[i]),
                                     int(worst[i]), bool(uncovered[i]), float(computed[i])))
    frame = pd.DataFrame(records, columns=["item", "code", "severity", "verdict", "measured", "required", "zh", "en"])
    return findings_frame(
        frame["item"], code=frame["code"], severity=frame["severity"], verdict=frame["verdict"],
        standard=standard.id, clause=entry.citation, measured_value=frame["measured"], measured_unit=entry.unit,
        required_value=frame["required"], required_unit=entry.unit, confidence=entry.confidence,
        message_zh=frame["zh"], message_en=frame["en"]), computations


def _row_findings(position: int, computation: QuotaComputation, row: pd.Series, known: bool, decided: bool,
                  rank: int, uncovered: bool, computed: float) -> list[tuple]:
    entry, unit = computation.entry, computation.entry.unit
    label_zh, label_en = f"{entry.label_zh}{entry.indicator_zh}", f"{entry.label_en}, {entry.indicator_en}"
    if not known:
        missing = _missing_data(row, entry)
        return [(position, "QT105", "not_assessable", "not_assessable", np.nan, np.nan,
                 f"{label_zh}无法核算：缺少{missing[0]}", f"{label_en}: cannot be computed: {missing[1]} missing")]
    value = computation.value
    caveat_zh, caveat_en = _uncorrected_note(entry)
    if not decided:
        inputs = [use.correction for use in computation.corrections
                  if use.input_value is None or any(np.isnan(low) for low, _ in use.addend.values())]
        names_zh = "、".join(dict.fromkeys(field_zh(c.input) for c in inputs)) or "修正参数"
        names_en = ", ".join(dict.fromkeys(field_en(c.input) for c in inputs)) or "correction inputs"
        why_zh = "超出标准修正表的范围" if uncovered else "缺失，且会影响判定"
        why_en = "outside the standard's correction table" if uncovered else "missing and could change the verdict"
        return [(position, "QT106", "not_assessable", "not_assessable", value, np.nan,
                 f"{label_zh} {value:.4g} {unit}：{names_zh}{why_zh}", f"{label_en} {value:.4g} {unit}: "
                 f"{names_en} {why_en}")]
    grade = REQUIRED_GRADE_OF_RANK[rank]
    required = computation.limits_low[grade]
    assumed = [use.correction for use in computation.corrections if use.input_value is None]
    assumed_zh = f"（{'、'.join(field_zh(c.input) for c in assumed)}未填，无论取值如何判定不变）" if assumed else ""
    assumed_en = (f" ({', '.join(c.input for c in assumed)} not given; the verdict holds for any value)"
                  if assumed else "")
    limit_zh = _limit_text(computation, grade)
    findings = [(position, CODE_OF_RANK[rank], SEVERITY_OF_RANK[rank], VERDICTS[rank], value, required,
                 f"{label_zh} {value:.4g} {unit}，{_verdict_zh(rank)}（{computation.standard.id} {entry.citation}："
                 f"{limit_zh}）{assumed_zh}{caveat_zh}",
                 f"{label_en} {value:.4g} {unit}: {_verdict_en(rank)} ({computation.standard.id} {entry.citation}: "
                 f"{_limit_text(computation, grade, 'en')}){assumed_en}{caveat_en}")]
    reported = computation.reported
    if reported is not None and not np.isnan(computed) and abs(reported - computed) > DISCREPANCY * abs(computed):
        findings.append((position, "QT110", "advisory", None, reported, computed,
                         f"填报单耗 {reported:.4g} {unit} 与按能源消费量核算的 {computed:.4g} {unit} 相差超过 2%",
                         f"reported {reported:.4g} {unit} differs from the computed {computed:.4g} {unit} by more "
                         f"than 2 %"))
    return findings


def _limit_text(computation: QuotaComputation, grade: int, lang: str = "zh") -> str:
    base = computation.entry.grades[grade]
    limit = computation.limits_low[grade]
    name = {1: ("1级（先进值）", "grade 1"), 2: ("2级（准入值）", "grade 2"), 3: ("3级（限定值）", "grade 3")}[grade]
    if np.isnan(limit):  # "—" in the standard, or a value left out as a transcription suspect (see the entry's note)
        return (f"无{name[0]}限额（标准未给出或未收录）" if lang == "zh"
                else f"no {name[1]} value (none in the standard, or not encoded)")
    corrected = abs(limit - base) > 1e-9
    if lang == "zh":
        return f"{name[0]} {limit:.4g}" + (f"（修正前 {base:.4g}）" if corrected else "")
    return f"{name[1]} {limit:.4g}" + (f" (before corrections {base:.4g})" if corrected else "")


def _verdict_zh(rank: int) -> str:
    return ("达到先进值", "达到准入值（节能水平）", "未达准入值（节能水平）", "高于限定值")[rank]


def _verdict_en(rank: int) -> str:
    return ("meets the advanced value", "meets the entry level (energy-saving)", "below the entry level",
            "above the minimum requirement")[rank]


def _uncorrected_note(entry: QuotaEntry) -> tuple[str, str]:
    """A pointer to the corrections effaudit does not apply (their text is in the computation of the reports)."""
    if not entry.uncorrected:
        return "", ""
    count = len(entry.uncorrected)
    return (f"；标准另有 {count} 项修正未计入（见计算明细）",
            f"; {count} correction(s) of the standard not applied (see the computation)")


def _missing_data(row: pd.Series, entry: QuotaEntry) -> tuple[str, str]:
    """What to supply when no unit consumption could be formed."""
    if pd.notna(row["reported_consumption"]):
        return (f"与该指标相符的单位（单位产品能耗写作 {entry.unit} 或可换算的单位）",
                f"a unit that fits the indicator (write the unit consumption in {entry.unit} or a convertible unit)")
    if pd.isna(row["output"]) or not row["output"] > 0:
        return "产量（含单位，且须能换算为标准的产品单位）", "output (with a unit convertible to the standard's)"
    if entry.indicator == "electricity":
        return "电力消耗或单位产品电耗（kWh/t）", "electricity consumed or the unit electricity consumption (kWh/t)"
    return "能源消费量（分品种）或单位产品能耗", "energy consumed (by carrier) or the unit consumption"


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)
