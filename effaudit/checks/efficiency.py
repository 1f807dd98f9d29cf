"""EF: efficiency grade against the edition of the mandatory standard in force on the audit date."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from effaudit.checks.base import AuditContext, Rule
from effaudit.checks.grading import BELOW_MINIMUM, Grading, cited_grade, grade, grade_class, grade_classes
from effaudit.conditions import evaluate
from effaudit.derive import DERIVED_FROM
from effaudit.finding_texts import (
    LANGS,
    candidate_rows_text,
    grade_basis,
    grade_head,
    grade_remarks,
    lookup_sentence,
    metric_sentence,
    metric_view,
    remarks_text,
    texts,
)
from effaudit.findings import empty_findings, findings_frame, item_blocks, joined
from effaudit.frames import give_back_freed_memory
from effaudit.labels import clause_text
from effaudit.io.values import combinations, joined_messages, messages, per_distinct, spread, texts_where
from effaudit.standards import lookup
from effaudit.standards.formulas import FORMULAS
from effaudit.standards.model import EfficiencyStandard
from effaudit.standards.rulebook import KNOWN_STANDARDS
from effaudit.standards.scope_rules import TEXT_FIELDS, matches, scope_rules

RULES = (
    Rule("EF101", "violation", "低于能效限定值", "Below the minimum efficiency (grade 3)", """
What it does:
Compares the item's measured value (efficiency, losses …) with the minimum allowable value (能效限定值, grade 3) of
the edition of the mandatory standard in force on the audit date, in the table row of its rating. The minimum is the
standard's lowest grade: grade 3 of most, grade 5 of a standard of five grades (GB 29541-2013, heat-pump water heaters).
Why:
Equipment below the 能效限定值 may not be produced or sold, and the renewal plans order it replaced. It is a
violation when it also failed the edition in force when it was made (or its age is unknown); when it met the rules of
its day it is advisory (priority renewal) and the finding names the edition it met.
Example:
YE2-160M-4, 11 kW, 4 poles, efficiency 89.8 % — GB 18613-2020 Table 1 requires at least 91.4 % (grade 3).
Use instead:
A motor of at least grade 2 (节能水平): 11 kW 4-pole at 93.3 % or more.
"""),
    Rule("EF102", "advisory", "未达节能水平", "Meets the minimum, below the energy-saving level (grade 2)", """
What it does:
Flags items that meet grade 3 (能效限定值) but not grade 2 (节能水平) of the edition in force; of a standard of five
grades (GB 29541-2013), items at grade 3, 4 or 5 (the minimum) and not at grade 2, the finding naming the grade.
Why:
The 2024 equipment-renewal plans ask key energy-using equipment to reach the energy-saving level by 2027.
Example:
YE3-160M-4, 11 kW, 4 poles, efficiency 91.4 % — meets grade 3 (91.4 %), below grade 2 (93.3 %).
Use instead:
Plan its replacement with a grade 2 or grade 1 unit.
"""),
    Rule("EF103", "ok", "达到节能水平", "At the energy-saving level (grade 2)", """
What it does:
Records that the item meets grade 2 (节能水平) but not grade 1 of the edition in force.
Why:
Counts towards the 2027 target; shows the margin to the next grade.
Example:
11 kW 4-pole motor at 92.0 % is below grade 2 (93.3 %) — not this finding.
Use instead:
11 kW 4-pole motor at 93.3 % meets grade 2.
"""),
    Rule("EF104", "ok", "先进水平", "Advanced level (grade 1)", """
What it does:
Records that the item meets grade 1 of the edition in force.
Why:
Shows the items that need nothing.
Example:
11 kW 4-pole motor at 94.0 % is grade 2 — not this finding.
Use instead:
11 kW 4-pole motor at 94.6 % meets grade 1 (GB 18613-2020 Table 1: 94.6 %).
"""),
    Rule("EF110", "not_assessable", "缺少查表所需参数", "Rating data missing", """
What it does:
The standard applies to the item but the data that selects its table row (rated power, poles, capacity …) is
missing or invalid.
Why:
Without the rating there is no limit to compare with; a default would be a guess.
Example:
A motor line with no 额定功率 and no 极数 / 转速.
Use instead:
Fill in the rated power and the poles (or the rated speed) from the nameplate.
"""),
    Rule("EF111", "not_assessable", "额定值不在标准表中", "Rating not in the standard's table", """
What it does:
The item's rating lies between two rows of the standard's table.
Why:
The standard gives limits only for its table rows; effaudit never takes the nearest row or interpolates.
Example:
A 12 kW motor (GB 18613-2020 Table 1 has 11 kW and 15 kW rows).
Use instead:
Check the nameplate rating; if it really is 12 kW, judge it with the standard's own rule for such ratings.
"""),
    Rule("EF112", "not_assessable", "缺少能效数据", "Measured value missing", """
What it does:
The item's row in the table was found but its efficiency (or losses) is missing, and nothing else tells its class.
Why:
The grade depends on the measured value.
Example:
YE-160M-4 11 kW with an empty 效率 cell.
Use instead:
Fill in the nameplate efficiency (%).
"""),
    Rule("EF113", "not_assessable", "标准尚未收录", "Standard applies but is not encoded yet", """
What it does:
The item belongs to a family that a mandatory efficiency standard covers, but that standard is not yet in effaudit's
rulebook.
Why:
It would be wrong to call such an item out of scope or compliant.
Also: the item's row is in an encoded table, but its values were left out as doubtful (the only transcription found
breaks the table's own pattern there): the standard covers the rating, effaudit does not judge it.
Example:
A single-phase 1.5 kW motor: GB 18613-2020 covers it, but its single-phase tables (Tables 2–4, 0.12–3.7 kW) are
not encoded. A 4 kW oil-free piston compressor at 1.0 MPa (GB 19153-2019 Table 4: that column's grade 3 is in doubt
from 3 to 15 kW).
Use instead:
Judge it by hand against the named standard, or update effaudit.
"""),
    Rule("EF115", "info", "标准对该规格未规定限值", "The standard gives '—' for this rating", """
What it does:
The item's row was found, but the standard prints "—" for its minimum: the standard does not cover that rating.
Why:
A "—" means not covered, never zero; the item is out of this standard's scope.
Example:
A liquid-cooled 15 kW oil-injected screw compressor (GB 19153-2019 Table 1 gives "—" below 18.5 kW liquid-cooled).
Use instead:
Nothing to fix under this standard.
"""),
    Rule("EF117", "info", "结论与缺失的查表参数无关", "Verdict holds for every candidate row", """
What it does:
The item matched no row of the table — a lookup key is missing (a transformer's 联结组别, a compressor's 冷却方式, a
motor's poles) or its rating lies between two rows (a 12 kW motor between 11 and 15 kW) — so it was judged against
every row it could belong to: every value the missing key takes in the table, or the two neighbouring rows. Every
candidate gave the same verdict, so that verdict stands; this finding names the candidate rows and their limits.
The grade finding cites the decisive row: the strictest limit at the grade it cites.
Why:
A verdict that holds for every candidate holds whatever the missing value is, and under any rule the standard may
have for ratings between rows (nearest row, either neighbour, interpolation). No limit is interpolated or invented.
When the candidates disagree the item stays not_assessable (EF110 / EF111) and those findings name the candidates.
Example:
A 12 kW 4-pole motor at 91.8 %: 11 kW grade 3 (≥ 91.4 %) is met, 15 kW grade 3 (≥ 92.1 %) is not — the candidates
disagree (EF111, not this finding).
Use instead:
A 12 kW 4-pole motor at 88.0 % is below grade 3 of both rows (91.4 % and 92.1 %): below_minimum, with this finding;
an oil-immersed 400 kVA transformer without 联结组别 whose no-load loss exceeds grade 3 of both groups likewise.
"""),
    Rule("EF119", "info", "效率无法识别，型号推定仅供参考", "Stated value unreadable: the series hint is information only", """
What it does:
The item's efficiency cell held something that could not be read (a DQ finding names it), and its model series
suggests a class (YE2 ≈ IE2, YE3 ≈ IE3). The class is shown here as information; it does not grade the item.
Why:
The enterprise stated a value: a hint from the series must not overrule it, nor turn an unreadable cell into a
violation. The item stays not_assessable until the value is supplied.
Example:
YE2-160M-4, 11 kW, 效率 = '见铭牌': DQ101 (not a number), and this finding: series YE2 usually means IE2 — never
EF101 from the hint alone.
Use instead:
效率 = 91.0 (the nameplate value), which is graded as measured.
"""),
    Rule("EF114", "info", "不在该标准适用范围", "Outside the standard's scope", """
What it does:
The item is of the family but outside the standard's scope conditions (for example a motor above 1000 V or
above 1000 kW for GB 18613-2020).
Why:
Another standard (or none) applies; judging it with this table would be wrong.
Example:
A YZR160M1-6 crane motor (intermittent duty, 7.5 kW): outside GB 18613-2020, whose scope excludes such motors.
Use instead:
Nothing to fix; check it against the standard that covers it.
"""),
)

# Per grade_class: grade 1, 2, any grade from 3 down to the standard's minimum, below the minimum.
VERDICT_OF_GRADE = {1: "advanced", 2: "energy_saving", 3: "below_energy_saving", BELOW_MINIMUM: "below_minimum"}
CODE_OF_GRADE = {1: "EF104", 2: "EF103", 3: "EF102", BELOW_MINIMUM: "EF101"}
SEVERITY_OF_GRADE = {1: "ok", 2: "ok", 3: "advisory", BELOW_MINIMUM: "violation"}
IE_RANK = {f"IE{n}": n for n in range(1, 6)}


ITEM_COLUMNS = ("class_hint", "model_series", "inferred_fields", "manufacture_date", "commissioning_date",
                "reference_date_unreadable")


def _reference_date(items: pd.DataFrame) -> tuple[pd.Series, np.ndarray]:
    """The date that tells which edition an item was made under: manufacture date, else commissioning date."""
    made = items["manufacture_date"]
    basis = np.where(made.notna(), "manufacture", np.where(items["commissioning_date"].notna(), "commissioning", ""))
    return made.fillna(items["commissioning_date"]), basis


def _history(ctx: AuditContext, current: EfficiencyStandard, items: pd.DataFrame,
             inferred: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For items below today's minimum: (violation?, history, edition, dated_by) — did they meet the rules of their
    day? ``history`` names what the edition in force when it was made says (effaudit.finding_texts.HISTORY),
    ``edition`` that edition, ``dated_by`` "commissioning" for an item dated by its commissioning. ``inferred``
    items are judged by their class hint, as they were for today's edition."""
    violation = np.ones(len(items), dtype=bool)
    edition_of = np.full(len(items), None, dtype=object)
    date, basis = _reference_date(items)
    # A date written but unreadable leaves the history open (not_assessable), never a violation on that ground.
    history = texts_where(items["reference_date_unreadable"].to_numpy(dtype=bool) & date.isna().to_numpy(),
                          "date_unreadable", "date_unknown")
    dated_by = texts_where(basis == "commissioning", "commissioning", None)
    editions = ctx.rulebook.editions(current.family)
    known = date.notna().to_numpy()
    if not known.any():
        return violation, history, edition_of, dated_by
    effective = np.array([np.datetime64(e.effective) for e in editions])
    position = np.full(len(items), -2)  # -2: date unknown, -1: before every edition
    position[known] = np.searchsorted(effective, date[known].to_numpy().astype("datetime64[D]"), side="right") - 1
    before_all = position == -1
    violation[before_all] = False
    history[before_all], edition_of[before_all] = "before_encoded", editions[0].id
    for index, edition in enumerate(editions):
        group = position == index
        if not group.any():
            continue
        edition_of[group] = edition.id
        if edition.id == current.id:
            history[group] = "current"
            continue
        then = grade(edition, items[group])
        achieved = grade_classes(edition, items.loc[group, "class_hint"].map(IE_RANK)) if inferred else then.achieved
        tried = (then.candidate_set >= 0).to_numpy()  # rows that could be its own, on which it was judged
        covered = (then.table_row >= 0).to_numpy() | (tried & inferred)  # a class grade needs no row of its own
        undecided = ~covered & tried  # its candidate rows of that edition disagree: compliance cannot be shown
        met = (achieved.isin(edition.grades).to_numpy() | ~covered) & ~undecided
        violation[group] = ~met
        history[group] = texts_where(undecided, "candidates_disagree",
                                     texts_where(~covered, "not_covered", texts_where(met, "met", "also_below")))
    return violation, history, edition_of, dated_by


def _row_confidence(standard: EfficiencyStandard, grading: Grading) -> np.ndarray:
    """The confidence of each item's row (meaningless where no row was found: mask those)."""
    row_confidence = np.concatenate([candidate.rows["confidence"].to_numpy(dtype=object)
                                     for candidate in standard.tables])  # every table's rows, one after another
    first_row = np.cumsum([0] + [len(candidate.rows) for candidate in standard.tables])[:-1]
    return row_confidence[first_row[np.maximum(grading.table.to_numpy(), 0)] + grading.table_row.to_numpy()]


def _uncovered_findings(standard: EfficiencyStandard, grading: Grading) -> list[pd.DataFrame]:
    """EF115 for the items whose row has no minimum because the standard gives "—"; EF113 (check by hand) where the
    row was left out as doubtful instead (``confidence: conflict`` and every grade null, standards_data/FORMAT.md):
    the standard covers that rating, its value in the only transcription is in doubt."""
    uncovered = grading.uncovered.to_numpy()
    doubtful = uncovered & (_row_confidence(standard, grading) == "conflict")
    table = _row_tables(standard, grading.table)
    left_out = messages(lambda cited: texts("codes", "EF113 doubtful", citation=f"{standard.id} {cited}"),
                        table[doubtful])
    index = grading.uncovered.index
    return [_problem_findings(standard, index[uncovered & ~doubtful], "EF115",
                              *texts("codes", "EF115", standard=standard.id), severity="info", verdict="out_of_scope"),
            _problem_findings(standard, index[doubtful], "EF113", *left_out, clause=table[doubtful])]


def _per_grade(values: dict[int, object], grades: np.ndarray, missing: object = None) -> np.ndarray:
    """``values[grade]`` for each grade (1 … BELOW_MINIMUM); ``missing`` where ``values`` has no entry."""
    picked = np.full(len(grades), missing, dtype=object)
    for grade_key, value in values.items():
        picked[grades == grade_key] = value
    return picked


def _graded_findings(ctx: AuditContext, standard: EfficiencyStandard, items: pd.DataFrame, achieved: pd.Series,
                     grading: Grading, inferred: bool) -> pd.DataFrame:
    """EF101–EF104 for graded items."""
    metric = standard.metrics[0]
    lowest = max(standard.grades)
    grades = achieved.to_numpy().astype(int)
    classes = grade_class(grades)
    only_minimum = grading.only_minimum.to_numpy() & (grades == lowest)
    required_grade = np.where(only_minimum, lowest, cited_grade(grades, lowest, min(standard.grades))).astype(float)
    limits = grading.limits[metric.name]
    column = _per_grade({g: limits.columns.get_loc(f"g{g}") for g in standard.grades}, required_grade.astype(int),
                        missing=-1).astype(int)
    required = np.full(len(items), np.nan)
    has_column = column >= 0
    required[has_column] = limits.to_numpy()[np.flatnonzero(has_column), column[has_column]]
    table = grading.table.to_numpy()
    citation = _row_tables(standard, grading.table)
    confidence = _row_confidence(standard, grading)  # graded: row found
    severity = _per_grade(SEVERITY_OF_GRADE, classes)
    history, edition, dated_by = (np.full(len(items), None, dtype=object) for _ in range(3))
    below = grades == BELOW_MINIMUM
    if below.any():
        violation, history[below], edition[below], dated_by[below] = _history(ctx, standard, items[below], inferred)
        severity[below] = texts_where(history[below] == "date_unreadable", "not_assessable",
                                      texts_where(violation, "violation", "advisory"))
    verdict = texts_where(only_minimum, "energy_saving", _per_grade(VERDICT_OF_GRADE, classes))
    code = texts_where(only_minimum, "EF103", _per_grade(CODE_OF_GRADE, classes))
    severity[only_minimum] = "ok"
    required[only_minimum] = limits[f"g{lowest}"].to_numpy()[only_minimum]
    relevant = _fields_used(standard)  # the inferred fields this grade rests on, worked out per distinct list
    codes, used = per_distinct(
        items["inferred_fields"], lambda fields: ",".join(f for f in relevant if f in set(fields.split(","))) or None)
    inferred_fields = spread(codes, used, None)
    measured = items[metric.name].to_numpy(dtype=float) if not inferred else np.full(len(items), np.nan)
    series, hint = ((items["model_series"], items["class_hint"]) if inferred
                    else (np.full(len(items), None, dtype=object),) * 2)
    from_candidates = grading.from_candidates.to_numpy()

    achieved_grade = np.where(grades == BELOW_MINIMUM, np.nan, grades)

    def head(code: str, only_minimum: bool, measured: float, series: object, hint: object, table: int,
             required_grade: float, required: float, achieved_grade: float) -> tuple[str, str]:
        def text(lang: str) -> str:
            label = (metric.zh if lang == "zh" else metric.en) or metric.name
            return grade_head(lang, code, only_minimum, grade_basis(lang, label, measured, metric.unit, series, hint),
                              f"{standard.id} {clause_text(standard.tables[table].table, lang)}", int(required_grade),
                              metric.meets_sign, required, metric.unit, achieved_grade, lowest)
        return text("zh"), text("en")

    def remarks(*values: object) -> tuple[str, str]:
        return tuple(remarks_text(grade_remarks(lang, *values), lang) for lang in ("zh", "en"))

    message_zh, message_en = joined_messages(
        (head, [code, only_minimum, measured, series, hint, np.maximum(table, 0), required_grade, required,
                achieved_grade]),
        (remarks, [history, edition, dated_by, inferred_fields, from_candidates]))
    grade2 = limits["g2"].to_numpy(dtype=float) if 2 in standard.grades else np.full(len(items), np.nan)
    return findings_frame(
        items.index, code=code, severity=severity, verdict=verdict,
        standard=standard.id, clause=citation, measured_value=measured,
        measured_unit=metric.unit if not inferred else None, required_value=required, required_unit=metric.unit,
        inferred=pd.notna(inferred_fields) | inferred, confidence=confidence,
        message_zh=message_zh, message_en=message_en,
        grade2_value=np.where(~from_candidates & ~only_minimum, grade2, np.nan),  # own row: its grade 2 is the target
        metric=metric.name, required_grade=required_grade.astype(int), achieved_grade=achieved_grade,
        only_minimum=only_minimum,
        model_series=series, class_hint=hint, inferred_fields=inferred_fields, from_candidates=from_candidates,
        history=history, history_edition=edition, history_dated_by=dated_by,
    )


def _problem_findings(standard: EfficiencyStandard, index: pd.Index, code: str, zh: np.ndarray | str,
                      en: np.ndarray | str, severity: str = "not_assessable", verdict: str = "not_assessable",
                      clause: str | np.ndarray | None = None, metric: str | None = None) -> pd.DataFrame:
    return findings_frame(index, code=code, severity=severity, verdict=verdict, standard=standard.id,
                          clause=standard.tables[0].table if clause is None else clause,
                          confidence=standard.confidence, message_zh=zh, message_en=en, metric=metric)


def _row_tables(standard: EfficiencyStandard, table: pd.Series) -> np.ndarray:
    """The table each item's row is in (表2 for a heat pump whose EER floor is missing, not the first table that
    grades EER); the first table where no row was found."""
    citations = np.array([t.table for t in standard.tables], dtype=object)
    return citations[np.maximum(table.to_numpy(dtype=int), 0)]


def _fields_used(standard: EfficiencyStandard) -> list[str]:
    """Every item field a grade of ``standard`` depends on: table keys, formula inputs, and what those derive from."""
    fields = [key.field for table in standard.tables for key in table.keys]
    fields += [field for table in standard.tables if table.formula for field in FORMULAS[table.formula].inputs]
    fields += [source.strip() for field in list(fields) for source in DERIVED_FROM.get(field, "").split(",") if source]
    return list(dict.fromkeys(fields))


def _json_values(values: list[object]) -> str:
    """The item's values of the lookup fields as a finding carries them (a JSON list, null where missing)."""
    return json.dumps([None if pd.isna(value) else value.item() if hasattr(value, "item") else value
                       for value in values], ensure_ascii=False)


def _candidate_parameters(grading: Grading, mask: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(candidate_rows, lookup_values) of the items ``mask`` selects, once per candidate set and its fields."""
    def parameters(candidate_set: int, fields: str) -> tuple[str, str]:
        keys = grading.candidates.keys.iloc[candidate_set]
        return (candidate_rows_text(grading.candidates.pairs(candidate_set)),
                _json_values([keys.get(field) for field in fields.split(",")]))
    return messages(parameters, grading.candidate_set[mask], grading.candidate_keys[mask])


def _candidate_tables(standard: EfficiencyStandard, grading: Grading, mask: pd.Series) -> np.ndarray:
    """The tables of the candidate rows of the items ``mask`` selects, in the standard's order (表2、表3、表4): what an
    EF110 / EF111 that tried them cites — a 6 kV PMSM without its cooling code is no question of 表1. Worked out once
    per candidate set."""
    def cited(candidate_set: int) -> tuple[str, str]:
        positions = sorted({table for table, _ in grading.candidates.pairs(candidate_set)})
        tables = "、".join(dict.fromkeys(standard.tables[position].table for position in positions))
        return tables, tables
    return messages(cited, grading.candidate_set[mask])[0].to_numpy(dtype=object)


def _tables_meant(standard: EfficiencyStandard, items: pd.DataFrame) -> tuple[np.ndarray, pd.Series, pd.Series]:
    """(clause, key fields, their values) of each of ``items`` (an EF111 that found no candidate row): the tables it
    could be meant for (``lookup.table_applies``) and their keys, the first table when none is — a converter-fed PMSM
    at 550 r/min is not in 表8–表10, and 表1 (line-start) and its keys are no question of it. Worked out once per set
    of tables."""
    meant = np.array([lookup.table_applies(table, items) for table in standard.tables], dtype=bool).reshape(
        len(standard.tables), len(items))
    sets, first = combinations(list(meant), len(items))
    clauses = pd.Series("", index=items.index, dtype=object)
    keys = pd.Series("", index=items.index, dtype=object)
    values = pd.Series("[]", index=items.index, dtype=object)
    for tables_set, example in enumerate(first.tolist()):
        rows = sets == tables_set
        tables = [table for table, applies in zip(standard.tables, meant[:, example]) if applies]
        tables = tables or standard.tables[:1]
        fields = list(dict.fromkeys(key.field for table in tables for key in table.keys))
        clauses[rows] = "、".join(dict.fromkeys(table.table for table in tables))
        keys[rows] = ",".join(fields)
        values[rows] = messages(lambda *cells: (_json_values(list(cells)), ""),
                                *(items.loc[rows, field] for field in fields))[0].to_numpy(dtype=object)
    return clauses.to_numpy(dtype=object), keys, values


def _tables_asking(standard: EfficiencyStandard, items: pd.DataFrame, missing: pd.Series) -> np.ndarray:
    """The clause of each of ``items`` (an EF110 that tried no row, lacking the fields ``missing`` names): the tables
    that could be meant for it (``lookup.table_applies``, its ratings within theirs) and are looked up by, or
    compute from, a field it lacks — a petrochemical pump without 级数 is a question of 表2, not of the clear-water
    表3; the first table when none is. Worked out once per distinct combination."""
    needs = [{key.field for key in table.keys} | set(FORMULAS[table.formula].inputs if table.formula else ())
             for table in standard.tables]
    needs = [fields | {source.strip() for field in fields for source in DERIVED_FROM.get(field, "").split(",")
                       if source} for fields in needs]
    meant = [lookup.table_applies(table, items, ratings=True) for table in standard.tables]
    sets, first = combinations([missing, *(pd.Series(applies) for applies in meant)], len(items))
    clauses = np.empty(len(first), dtype=object)
    for combination, example in enumerate(first.tolist()):
        lacking = set(str(missing.iloc[example]).split(","))
        tables = [table.table for table, fields, applies in zip(standard.tables, needs, meant)
                  if applies[example] and lacking & fields]
        clauses[combination] = "、".join(dict.fromkeys(tables or [standard.tables[0].table]))
    return clauses[sets]


def _lookup_texts(standard: EfficiencyStandard, code: str, *columns: object) -> tuple[pd.Series, pd.Series]:
    """(zh, en) of EF110 / EF111 / EF117 findings from their parameters (fields, values, rows, verdicts, measured),
    built once per distinct combination."""
    def make(fields: object, values: str, rows: object, verdicts: object, measured: float) -> tuple[str, str]:
        return tuple(lookup_sentence(standard, code, lang, fields, json.loads(values), rows, verdicts, measured)
                     for lang in ("zh", "en"))
    return messages(make, *columns)


def _lookup_findings(standard: EfficiencyStandard, items: pd.DataFrame, grading: Grading,
                     report_lookup: bool) -> pd.DataFrame:
    """EF110 (rating data missing) and EF111 (rating not a row of the table), once per item (``report_lookup``);
    when candidate rows were tried on the metric's value and gave different verdicts, for each metric, naming the
    rows, their limits and what each gives."""
    metric = standard.metrics[0]
    lacks_keys = grading.missing_keys != ""
    not_in_table = ~lacks_keys & (grading.table_row < 0)
    measured = items[metric.name].astype(float)
    tried = (grading.candidate_set >= 0) & ~grading.from_candidates & measured.notna()
    none = np.full(len(items), None, dtype=object)
    frames = []
    for code, mask in (("EF110", lacks_keys & tried), ("EF111", not_in_table & tried)):
        rows, values = _candidate_parameters(grading, mask)
        fields, verdicts = grading.candidate_keys[mask], grading.candidate_verdicts[mask]
        zh, en = _lookup_texts(standard, code, fields, values, rows, verdicts, measured[mask])
        frames.append(findings_frame(
            items.index[mask], code=code, severity="not_assessable", verdict="not_assessable", standard=standard.id,
            clause=_candidate_tables(standard, grading, mask), confidence=standard.confidence, message_zh=zh, message_en=en,
            measured_value=measured[mask], measured_unit=metric.unit, metric=metric.name, lookup_fields=fields,
            lookup_values=values, candidate_rows=rows, candidate_verdicts=verdicts))
    if report_lookup:
        missing = lacks_keys & ~tried
        fields = grading.missing_keys[missing].astype(str)
        untried = not_in_table & ~tried
        clauses, keys, values = _tables_meant(standard, items[untried])
        for code, mask, code_fields, code_values, clause in (
                ("EF110", missing, fields, pd.Series("[]", index=items.index[missing]),
                 _tables_asking(standard, items[missing], fields)),
                ("EF111", untried, keys, values, clauses)):
            zh, en = _lookup_texts(standard, code, code_fields, code_values, none[:mask.sum()], none[:mask.sum()],
                                   np.full(mask.sum(), np.nan))
            frames.append(findings_frame(
                items.index[mask], code=code, severity="not_assessable", verdict="not_assessable",
                standard=standard.id, clause=clause, confidence=standard.confidence,
                message_zh=zh, message_en=en, metric=metric.name, lookup_fields=code_fields,
                lookup_values=code_values))
    return pd.concat(frames, ignore_index=True)


def _candidate_findings(standard: EfficiencyStandard, items: pd.DataFrame, grading: Grading) -> pd.DataFrame:
    """EF117 for items graded from candidate rows that all agreed: the rows, their limits, and that the verdict does
    not depend on the missing key (or on the rule for ratings between rows)."""
    every = pd.Series(True, index=items.index)
    rows, values = _candidate_parameters(grading, every)
    fields, verdicts = grading.candidate_keys, grading.candidate_verdicts
    zh, en = _lookup_texts(standard, "EF117", fields, values, rows, verdicts, np.full(len(items), np.nan))
    clause = _row_tables(standard, grading.table)
    return findings_frame(items.index, code="EF117", severity="info", verdict=None, standard=standard.id,
                          clause=clause, confidence=standard.confidence, message_zh=zh, message_en=en,
                          metric=standard.metrics[0].name, lookup_fields=fields, lookup_values=values,
                          candidate_rows=rows, candidate_verdicts=verdicts)


def _hint_only_findings(standard: EfficiencyStandard, items: pd.DataFrame) -> pd.DataFrame:
    """EF119: the stated value could not be read (its DQ finding makes the item not_assessable); the class the model
    series suggests is shown as information and never grades the item."""
    zh, en = messages(lambda series, hint: texts("codes", "EF119", model_series=series, class_hint=hint),
                      items["model_series"], items["class_hint"])
    return _problem_findings(standard, items.index, "EF119", zh, en, severity="info", verdict=None)


def _scope_rule_findings(standard: EfficiencyStandard, items: pd.DataFrame) -> tuple[np.ndarray, list[pd.DataFrame]]:
    """(excluded, findings): the items a scope rule (effaudit/resources/scope_rules.yaml) takes out of the standard's
    tables — EF114 (out of scope), or EF113 (not_assessable) where another table of the standard, not encoded,
    covers them — and are never graded by it."""
    excluded = np.zeros(len(items), dtype=bool)
    frames = []
    for rule in scope_rules():
        if not rule.applies_to(standard.id):
            continue
        hit = matches(rule, items) & ~excluded
        if not hit.any():
            continue
        excluded |= hit
        covered = np.zeros(len(items), dtype=bool)
        if rule.outcome == "not_encoded":
            holds, unknown, _ = evaluate(rule.covered_when, items)
            covered = holds | unknown
        said = dict(standard=standard.id, rule=(rule.zh, rule.en),
                    citation=tuple(f"{standard.id} {clause_text(rule.clause, lang)}" for lang in LANGS))
        frames.append(_problem_findings(standard, items.index[hit & covered], "EF113",
                                        *texts("codes", "EF113 scope_rule", **said), clause=rule.clause))
        frames.append(_problem_findings(standard, items.index[hit & ~covered], "EF114",
                                        *texts("codes", "EF114 scope_rule", **said), severity="info",
                                        verdict="out_of_scope", clause=rule.clause))
    return excluded, frames


def check_standard(ctx: AuditContext, standard: EfficiencyStandard, items: pd.DataFrame,
                   report_lookup: bool = True) -> pd.DataFrame:
    """Findings for the items of ``standard``'s family, judged by ``standard`` (the edition in force) on its one
    metric. ``report_lookup`` adds the findings about scope and the table row (once per item, not per metric)."""
    metric = standard.metrics[0]
    in_scope, unknown, _ = evaluate(standard.scope_conditions, items)
    outside = ~in_scope & ~unknown
    frames = [empty_findings()]
    if report_lookup:
        frames.append(_problem_findings(
            standard, items.index[outside], "EF114",
            *texts("codes", "EF114", standard=standard.id, scope=(standard.scope_zh, standard.scope_en)),
            severity="info", verdict="out_of_scope"))
    if outside.any():
        items = items[~outside]
    excluded, scope_frames = _scope_rule_findings(standard, items)
    if report_lookup:
        frames += scope_frames
    if excluded.any():
        items = items[~excluded]
    grading = grade(standard, items)
    frames.append(_lookup_findings(standard, items, grading, report_lookup))
    if report_lookup:
        frames += _uncovered_findings(standard, grading)
    found = (grading.table_row >= 0) & ~grading.uncovered
    measured = found & grading.achieved.notna()
    agreed = measured & grading.from_candidates
    frames.append(_candidate_findings(standard, items[agreed], grading.subset(agreed)))
    frames.append(_graded_findings(ctx, standard, items[measured], grading.achieved[measured],
                                   grading.subset(measured), False))

    unmeasured = found & grading.achieved.isna() & ~grading.from_candidates
    unreadable = items.index.isin(ctx.unreadable(metric.name))  # a stated value the reader could not use (DQ…)
    frames.append(_hint_only_findings(standard, items[unmeasured & unreadable & items["class_hint"].notna()]))
    hinted = unmeasured & ~unreadable & items["class_hint"].notna()
    if standard.equivalent_classes and hinted.any():
        achieved = grade_classes(standard, items.loc[hinted, "class_hint"].map(IE_RANK))
        frames.append(_graded_findings(ctx, standard, items[hinted], achieved, grading.subset(hinted), True))
    lacks_value = unmeasured & ~hinted & ~unreadable  # an unreadable value has its DQ finding already
    lacks_value |= (grading.candidate_set >= 0) & items[metric.name].isna()  # candidate rows, nothing to judge
    frames.append(_problem_findings(
        standard, items.index[lacks_value], "EF112", metric_sentence("EF112", metric.zh or metric.name, "zh"),
        metric_sentence("EF112", metric.en or metric.name, "en"), metric=metric.name,
        clause=_row_tables(standard, grading.table[lacks_value])))
    return joined(frames)


def _columns(ctx: AuditContext, family: str) -> list[str]:
    """The item columns the family's editions are judged on: a narrow frame is cheap to cut into groups."""
    fields = [*ITEM_COLUMNS, *TEXT_FIELDS]
    for edition in ctx.rulebook.editions(family):
        fields += [condition.field for condition in edition.scope_conditions] + _fields_used(edition)
        fields += [metric.name for metric in edition.metrics]
        fields += [condition.field for rule in scope_rules() if rule.applies_to(edition.id)
                   for condition in rule.covered_when]
    return [field for field in dict.fromkeys(fields) if field in ctx.items]


def _check_metrics(ctx: AuditContext, standard: EfficiencyStandard, members: pd.DataFrame) -> list[pd.DataFrame]:
    """Each metric graded alone, by the tables that grade it; the worst finding decides. An item goes to a metric's
    check when one of those tables could be meant for it (a variable-speed compressor to the weighted specific power
    of 表2, never to 表1's full-load specific power); the findings about scope and the table row are told once per
    item, by the first metric it goes to. An item with a row goes to the metrics of the tables that have it (a
    comfort air-cooled chiller to CSPF and COPc, never to IPLV); one without goes to the metrics of the tables that
    could be meant for it, which tell it what is missing; an item no table could be meant for (an oil-free
    compressor, whose table is not encoded) goes to the first metric, whose tables tell it "not in table"."""
    views, found, applies = [], [], []
    for metric in standard.metrics:
        views.append(view := metric_view(standard, metric.name))
        tables = view.tables
        every = len(tables) == len(standard.tables)
        found.append(np.full(len(members), every) if every else
                     np.logical_or.reduce([lookup.locate_rows(table, members)[0] >= 0 for table in tables]))
        applies.append(np.full(len(members), every) if every else
                       np.logical_or.reduce([lookup.table_applies(table, members) for table in tables]))
    has_row = np.logical_or.reduce(found)
    meant = [np.where(has_row, row, could) for row, could in zip(found, applies)]
    meant[0] = meant[0] | ~np.logical_or.reduce(meant)
    frames = []
    told = np.zeros(len(members), dtype=bool)
    for view, applies in zip(views, meant):
        first = applies & ~told
        for report, chosen in ((True, first), (False, applies & ~first)):
            if chosen.any():
                frames.append(check_standard(ctx, view, members[chosen], report_lookup=report))
        told |= applies
    return frames


def run(ctx: AuditContext) -> pd.DataFrame:
    frames = [empty_findings()]
    for family in ctx.items["family"].dropna().unique():
        standard = ctx.rulebook.in_force(family, ctx.as_of)
        positions = ctx.members(family)
        if standard is not None:
            columns = _columns(ctx, family)
            for block in item_blocks(len(positions)):
                frames += _check_metrics(ctx, standard, ctx.items[columns].take(positions[block]))
                give_back_freed_memory()
        elif family in KNOWN_STANDARDS:
            name = ctx.rulebook.unencoded_edition(family, ctx.as_of) or KNOWN_STANDARDS[family]
            zh, en = texts("codes", "EF113", standard=name)
            frames.append(findings_frame(
                ctx.items.index[positions], code="EF113", severity="not_assessable", verdict="not_assessable",
                standard=name, message_zh=zh, message_en=en))
    return joined(frames)
