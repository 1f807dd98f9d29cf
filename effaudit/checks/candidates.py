"""The texts of verdicts from candidate rows: an item that matched no row of a grade table (a missing key such as
a transformer's 联结组别, a rating between two rows such as a 12 kW motor) is graded against every row it could
belong to (effaudit.checks.grading); these name the rows, their limits and what each gives."""

from __future__ import annotations

import pandas as pd

from effaudit.checks.grading import Candidates
from effaudit.labels import field_en, field_value, field_zh, fields_en, fields_zh, quantity_text
from effaudit.standards.model import EfficiencyStandard

VERDICT_OF_KEY = {"1": ("1级（先进水平）", "grade 1 (advanced)"),
                  "2": ("2级（节能水平）", "grade 2 (energy-saving level)"),
                  "3": ("3级（达到能效限定值，未达节能水平）", "grade 3 (minimum met, below the energy-saving level)"),
                  "4": ("低于3级（能效限定值）", "below grade 3 (the minimum)"),
                  "0": ("达到该行唯一规定的等级", "meets the only grade the row defines"),
                  "-": ("无法分级（该行未规定限值）", "not gradeable (the row gives no limit)")}


def _labels(standard: EfficiencyStandard, pairs: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """Per candidate row, what sets it apart from the others: its table (when they differ) and its values of the
    keys that differ."""
    fields = list(dict.fromkeys(key.field for table, _ in pairs for key in standard.tables[table].keys
                                if key.match != "interval"))
    values = [{field: standard.tables[table].rows[field].iloc[row] if field in standard.tables[table].rows else None
               for field in fields} for table, row in pairs]
    varying = [field for field in fields if len({field_value(field, v[field], 'en') for v in values}) > 1]
    several_tables = len({table for table, _ in pairs}) > 1
    labels = []
    for (table, _), row_values in zip(pairs, values):
        cited = [standard.tables[table].table] if several_tables else []
        zh = " ".join(cited + [f"{field_zh(f)} {field_value(f, row_values[f], 'zh') or '不区分'}" for f in varying])
        en = " ".join(cited + [f"{field_en(f)} {field_value(f, row_values[f], 'en') or 'any'}" for f in varying])
        labels.append((zh, en))
    return labels


def _limits(standard: EfficiencyStandard, table: int, row: int) -> tuple[str, str]:
    metric = standard.metrics[0]
    cells = []
    for grade in sorted(standard.grades):
        value = standard.tables[table].rows[f"{metric.name}_g{grade}"].iloc[row]
        cells.append((grade, "—" if value != value else f"{metric.meets_sign} {quantity_text(value, metric.unit)}"
                                                         f"{metric.unit}"))
    return ("、".join(f"{grade}级 {text}" for grade, text in cells),
            ", ".join(f"grade {grade} {text}" for grade, text in cells))


def _reason(standard: EfficiencyStandard, candidates: Candidates, candidate_set: int,
            fields: str) -> tuple[str, str]:
    keys = candidates.keys.iloc[candidate_set]
    missing = [field for field in fields.split(",") if field and pd.isna(keys.get(field))]
    if missing:
        return f"未填{fields_zh(','.join(missing))}", f"{fields_en(','.join(missing))} not given"
    rated = [field for field in fields.split(",") if field]
    values_zh = "、".join(f"{field_zh(f)} {field_value(f, keys.get(f), 'zh')}" for f in rated)
    values_en = ", ".join(f"{field_en(f)} {field_value(f, keys.get(f), 'en')}" for f in rated)
    return (f"{values_zh} 不是 {standard.id} 表中的一行，介于相邻两行之间",
            f"{values_en} is not a row of {standard.id}: it lies between two rows")


def _rows_text(standard: EfficiencyStandard, pairs: list[tuple[int, int]], verdicts: str | None) -> tuple[str, str]:
    parts_zh, parts_en = [], []
    for (table, row), (label_zh, label_en), key in zip(pairs, _labels(standard, pairs), verdicts or " " * len(pairs)):
        limits_zh, limits_en = _limits(standard, table, row)
        verdict_zh, verdict_en = VERDICT_OF_KEY.get(key, ("", ""))
        parts_zh.append(f"{label_zh}（{limits_zh}）" + (f"→ {verdict_zh}" if verdicts else ""))
        parts_en.append(f"{label_en} ({limits_en})" + (f" → {verdict_en}" if verdicts else ""))
    return "；".join(parts_zh), "; ".join(parts_en)


def agreed_text(standard: EfficiencyStandard, candidates: Candidates, candidate_set: int, fields: str,
                verdicts: str) -> tuple[str, str]:
    """EF117: every candidate row gives the same verdict."""
    pairs = candidates.pairs(candidate_set)
    reason_zh, reason_en = _reason(standard, candidates, candidate_set, fields)
    rows_zh, rows_en = _rows_text(standard, pairs, None)
    verdict_zh, verdict_en = VERDICT_OF_KEY[verdicts[0]]
    what_zh = fields_zh(fields) if any(pd.isna(candidates.keys.iloc[candidate_set].get(f))
                                       for f in fields.split(",")) else "两行之间的限值取法"
    what_en = fields_en(fields) if what_zh != "两行之间的限值取法" else "how a limit between the rows is set"
    metric = standard.metrics[0]
    return (f"{metric.zh or metric.name}：{reason_zh}；已按全部 {len(pairs)} 个候选行判定：{rows_zh}；每一行的结论均为{verdict_zh}，"
            f"结论与{what_zh}无关（不插值；要求值取起决定作用的最严一行）",
            f"{metric.en or metric.name}: {reason_en}; judged against all {len(pairs)} candidate rows: {rows_en}; every row gives {verdict_en}, so "
            f"the verdict does not depend on {what_en} (no interpolation; the required value is the strictest row's)")


def disagreed_text(standard: EfficiencyStandard, candidates: Candidates, candidate_set: int, fields: str,
                   verdicts: str, measured: float) -> tuple[str, str]:
    """EF110 / EF111: the candidate rows give different verdicts; what to supply."""
    pairs = candidates.pairs(candidate_set)
    reason_zh, reason_en = _reason(standard, candidates, candidate_set, fields)
    rows_zh, rows_en = _rows_text(standard, pairs, verdicts)
    metric = standard.metrics[0]
    value = quantity_text(measured, metric.unit)
    keys = candidates.keys.iloc[candidate_set]
    missing = [field for field in fields.split(",") if field and pd.isna(keys.get(field))]
    supply_zh = (f"请补充{fields_zh(','.join(missing))}" if missing
                 else "标准未给出该额定值的限值，不插值：请核对铭牌额定值，或按标准对此类额定值的规定人工判定")
    supply_en = (f"supply {fields_en(','.join(missing))}" if missing
                 else "the standard gives no limit for this rating and effaudit does not interpolate: check the "
                      "nameplate rating, or judge it by the standard's own rule for such ratings")
    return (f"{reason_zh}；{metric.zh or metric.name} {value}{metric.unit} 在各候选行的结论不一：{rows_zh}；{supply_zh}",
            f"{reason_en}; {metric.en or metric.name} {value} {metric.unit} gives different verdicts on the candidate "
            f"rows: {rows_en}; {supply_en}")
