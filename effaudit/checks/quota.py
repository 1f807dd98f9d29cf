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
from effaudit.finding_texts import LIST, texts
from effaudit.findings import empty_findings, findings_frame
from effaudit.labels import clause_text, field_label, quantity_unit
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
            options = tuple(LIST[lang].join(dict.fromkeys(
                f"{e.label_zh} {e.indicator_zh}" if lang == "zh" else f"{e.label_en} {e.indicator_en}"
                for _, e in match.candidates)) for lang in ("zh", "en"))
            needs = texts("quota", f"needs_{'process' if match.needs == 'process' else 'indicator'}")
            records.append((position, "QT107", "not_assessable", "not_assessable", match.candidates[0][0].id,
                            *texts("quota", "QT107", product=product, needs=needs, options=options)))
            continue
        future = match_product(later, product, process, indicator, unit)
        covering = future.standard or (future.candidates[0][0] if future.candidates else None)
        if covering is not None:
            records.append((position, "QT109", "not_assessable", "not_assessable", covering.id,
                            *texts("quota", "QT109", as_of=ctx.as_of.isoformat(), covering=covering.id,
                                   in_force=tuple(LIST[lang].join(covering.supersedes) for lang in ("zh", "en")),
                                   effective=covering.effective.isoformat())))
            continue
        records.append((position, "QT108", "info", "out_of_scope", None, *texts("quota", "QT108", product=product)))
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
    label = (f"{entry.label_zh}{entry.indicator_zh}", f"{entry.label_en}, {entry.indicator_en}")
    if not known:
        return [(position, "QT105", "not_assessable", "not_assessable", np.nan, np.nan,
                 *texts("quota", "QT105", label=label, what=_missing_data(row, entry)))]
    value = computation.value
    if not decided:
        inputs = [use.correction.input for use in computation.corrections
                  if use.input_value is None or any(np.isnan(low) for low, _ in use.addend.values())]
        return [(position, "QT106", "not_assessable", "not_assessable", value, np.nan,
                 *texts("quota", "QT106", label=label, value=quantity_unit(value, unit),
                        inputs=_fields(inputs) if inputs else texts("quota", "correction_inputs"),
                        why=texts("quota", "uncovered" if uncovered else "missing")))]
    grade = REQUIRED_GRADE_OF_RANK[rank]
    required = computation.limits_low[grade]
    assumed = [use.correction.input for use in computation.corrections if use.input_value is None]
    count = len(entry.uncorrected)
    code = CODE_OF_RANK[rank]
    findings = [(position, code, SEVERITY_OF_RANK[rank], VERDICTS[rank], value, required,
                 *texts("quota", "graded", label=label, value=quantity_unit(value, unit),
                        verdict=texts("quota", code), limit=_limit_text(computation, grade),
                        citation=tuple(f"{computation.standard.id} {clause_text(entry.citation, lang)}"
                                       for lang in ("zh", "en")),
                        assumed=texts("quota", "assumed", fields=_fields(assumed)) if assumed else "",
                        caveat=texts("quota", "caveat", count=count) if count else ""))]
    reported = computation.reported
    if reported is not None and not np.isnan(computed) and abs(reported - computed) > DISCREPANCY * abs(computed):
        findings.append((position, "QT110", "advisory", None, reported, computed,
                         *texts("quota", "QT110", reported=quantity_unit(reported, unit),
                                computed=quantity_unit(computed, unit))))
    return findings


def _fields(fields: list[str]) -> tuple[str, str]:
    """Fields as each language names them, listed once each."""
    return tuple(LIST[lang].join(dict.fromkeys(field_label(field, lang) for field in fields))
                 for lang in ("zh", "en"))  # type: ignore[return-value]


def _limit_text(computation: QuotaComputation, grade: int) -> tuple[str, str]:
    """The limit of ``grade`` as corrected for the row (with its value before corrections where they changed it);
    "—" in the standard, or a value left out as a transcription suspect (see the entry's note), is no limit."""
    base, limit = computation.entry.grades[grade], computation.limits_low[grade]
    name, unit = texts("quota", f"grade_{grade}"), computation.entry.unit
    if np.isnan(limit):
        return texts("quota", "no_limit", grade=name)
    if abs(limit - base) > 1e-9:
        return texts("quota", "limit_corrected", grade=name, limit=quantity_unit(limit, unit),
                     base=quantity_unit(base, unit))
    return texts("quota", "limit", grade=name, limit=quantity_unit(limit, unit))


def _missing_data(row: pd.Series, entry: QuotaEntry) -> tuple[str, str]:
    """What to supply when no unit consumption could be formed."""
    if pd.notna(row["reported_consumption"]):
        return texts("quota", "missing_unit", unit=entry.unit)
    if pd.isna(row["output"]) or not row["output"] > 0:
        return texts("quota", "missing_output")
    return texts("quota", "missing_electricity" if entry.indicator == "electricity" else "missing_energy")


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)
