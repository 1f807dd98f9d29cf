"""Load and validate the rulebook files in standards_data/ (format: standards_data/FORMAT.md).

Validation is strict and happens at load time: a file that breaks the format stops the program with a
RulebookError naming the file and the field, because a silently wrong limit is worse than no tool.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from effaudit.columns import FAMILIES
from effaudit.errors import RulebookError
from effaudit.standards.fields import FieldReader
from effaudit.standards.formulas import FORMULAS
from effaudit.standards.model import (
    CONFIDENCE_ORDER, POLICY_STRENGTHS, Catalogue, CatalogueEntry, Condition, EfficiencyStandard, GradeTable, Key,
    Metric, Outcome, PolicyRule, PolicyRulebook,
)
from effaudit.standards.emission import EmissionFactors, load_emission_factors
from effaudit.standards.quota import load_conversion_factors, load_quota_standard
from effaudit.standards.quota_model import ConversionFactors, QuotaStandard
from effaudit.yaml_text import load_yaml

STANDARDS_DATA = Path(__file__).resolve().parents[2] / "standards_data"
MATCH_KINDS = ("exact", "category", "interval")
DIRECTIONS = ("higher_is_better", "lower_is_better")
ACTIONS = ("stop_use", "encourage_renewal", "verify")
INTERVAL_BOUNDS = ("[]", "(]", "[)", "()")


def _conditions(reader: FieldReader, name: str) -> tuple[Condition, ...]:
    conditions = []
    for index, raw in enumerate(reader.get(name, list, required=False, default=[])):
        item = reader.child(f"{name}[{index}]", raw)
        one_of = item.get("in", list, required=False)
        if one_of is not None and (not one_of or not all(isinstance(v, (str, int, float)) for v in one_of)):
            raise item.fail("in", f"expected a non-empty list of codes or numbers, got {one_of!r}")
        condition = Condition(item.get("field", str), item.get("min", (int, float), required=False),
                              item.get("max", (int, float), required=False), raw.get("equals"),
                              None if one_of is None else tuple(one_of))
        if condition.min is None and condition.max is None and condition.equals is None and one_of is None:
            raise item.fail("field", "needs min, max, equals or in")
        conditions.append(condition)
    return tuple(conditions)


def _key(key: FieldReader) -> Key:
    when_missing = key.choice("when_missing", ("ask", "candidates", "sole_table", "ask_first"), required=False,
                              default="ask")
    return Key(key.get("field", str), key.choice("match", MATCH_KINDS), key.get("unit", str, required=False),
               key.get("rating", bool, required=False, default=False), when_missing in ("candidates", "sole_table"),
               when_missing == "sole_table", when_missing == "ask_first")


def _grade_table(reader: FieldReader, metrics: tuple[Metric, ...], grades: tuple[int, ...]) -> GradeTable:
    citation = reader.child("citation", reader.get("citation", dict))
    keys = tuple(_key(reader.child(f"keys[{i}]", raw)) for i, raw in enumerate(reader.get("keys", list)))
    for key in keys:
        if key.try_when_missing and key.rating:
            raise reader.fail("keys", f"{key.field}: a rating is never tried when missing (when_missing is for code, "
                                      "discrete and interval keys)")
        if key.rating and key.match != "exact":
            raise reader.fail("keys", f"{key.field}: only an exact key can be a rating (rows between which a value "
                                      "may lie)")
    columns = reader.get("columns", list)
    rows = reader.get("rows", list)
    for index, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != len(columns):
            raise reader.fail(f"rows[{index}]", f"expected {len(columns)} cells ({columns}), got {row!r}")
    frame = pd.DataFrame(rows, columns=columns)
    for key in keys:  # a list in an exact/category key cell: the row applies to each of its values
        if key.match != "interval" and frame[key.field].map(lambda cell: isinstance(cell, list)).any():
            frame = frame.explode(key.field, ignore_index=True)
            numbers = pd.to_numeric(frame[key.field], errors="coerce")
            if numbers.notna().sum() == frame[key.field].notna().sum():  # explode leaves object dtype behind
                frame[key.field] = numbers
    for key in keys:
        if key.rating and key.field in frame and not pd.api.types.is_numeric_dtype(frame[key.field]):
            raise reader.fail("rows", f"{key.field} is a rating key: every cell must be a number")
    expected = []
    for key in keys:
        expected += ([f"{key.field}_min", f"{key.field}_max", f"{key.field}_bounds"] if key.match == "interval"
                     else [key.field])
    formula_name = reader.get("formula", str, required=False)
    if formula_name is not None and formula_name not in FORMULAS:
        raise reader.fail("formula", f"unknown formula {formula_name!r}; known: {sorted(FORMULAS)}")
    names = [metric.name for metric in metrics]
    graded = tuple(reader.get("metrics", list, required=False, default=[]))
    unknown = [name for name in graded if name not in names]
    if unknown:
        raise reader.fail("metrics", f"unknown metrics {unknown}; the file's metrics are {names}")
    if graded and formula_name is not None:
        raise reader.fail("metrics", "a formula table grades every metric of the file")
    numeric = (list(FORMULAS[formula_name].columns) if formula_name
               else [f"{metric.name}_g{grade}" for metric in metrics for grade in grades
                     if not graded or metric.name in graded])
    missing = [column for column in expected + numeric if column not in frame.columns]
    if missing:
        raise reader.fail("columns", f"missing {missing}")
    ungraded = [f"{name}_g{grade}" for name in names if graded and name not in graded for grade in grades]
    present = [column for column in ungraded if column in frame.columns]
    if present:
        raise reader.fail("columns", f"{present}: this table grades only {list(graded)}")
    for column in ungraded:  # a metric the table does not grade has no limit in it (never "—": not its indicator)
        frame[column] = np.nan
    for column in numeric:
        frame[column] = pd.to_numeric(frame[column], errors="raise").astype(float)
    table_confidence = reader.choice("confidence", CONFIDENCE_ORDER)
    frame["confidence"] = frame["confidence"].fillna(table_confidence) if "confidence" in frame else table_confidence
    bad_confidence = set(frame["confidence"]) - set(CONFIDENCE_ORDER)
    if bad_confidence:
        raise reader.fail("rows", f"unknown confidence {sorted(bad_confidence)}")
    if "note" not in frame:
        frame["note"] = ""
    table = GradeTable(reader.get("id", str), citation.get("table", str), str(citation.get("clause", (str, int, float),
                       required=False, default="")), table_confidence, keys, frame, formula_name,
                       reader.get("gaps", str, required=False), graded)
    _check_table(table, metrics, grades, reader)
    return table


def _check_table(table: GradeTable, metrics: tuple[Metric, ...], grades: tuple[int, ...], reader: FieldReader) -> None:
    """Grades monotonic per row; exact keys unique; interval keys well-formed and not overlapping."""
    for metric in (metric for metric in metrics if table.grades_metric(metric.name)):
        if table.formula:  # the formula's per-grade constants must order the limits the same way
            formula = FORMULAS[table.formula]
            values, ascending = table.rows[list(formula.per_grade)].to_numpy(), formula.subtracted
        else:
            values = table.rows[[f"{metric.name}_g{g}" for g in sorted(grades)]].to_numpy()
            ascending = not metric.higher_is_better
        steps = np.diff(values, axis=1)  # g1 -> g2 -> g3: worse grade has lower efficiency / higher loss
        wrong = (steps < 0) if ascending else (steps > 0)
        if np.any(wrong & ~np.isnan(steps)):
            bad = table.rows.index[np.any(wrong & ~np.isnan(steps), axis=1)].tolist()
            raise reader.fail("rows", f"grades of {metric.name} not monotonic in rows {bad}")
    exact = [k.field for k in table.keys if k.match != "interval"]
    intervals = [k for k in table.keys if k.match == "interval"]
    for key in intervals:
        bounds = table.rows[f"{key.field}_bounds"]
        if not bounds.isin(INTERVAL_BOUNDS).all():
            raise reader.fail("rows", f"{key.field}_bounds must be one of {INTERVAL_BOUNDS}")
    if not intervals and exact and table.rows.duplicated(exact).any():
        dupes = table.rows[table.rows.duplicated(exact, keep=False)][exact].to_dict("records")
        raise reader.fail("rows", f"duplicate keys {dupes[:4]}")
    if intervals:
        _check_no_overlap(table, exact, intervals, reader)


def _check_no_overlap(table: GradeTable, exact: list[str], intervals: list[Key], reader: FieldReader) -> None:
    groups = table.rows.groupby(exact, dropna=False) if exact else [((), table.rows)]
    for group_key, group in groups:
        for key in intervals:
            low = group[f"{key.field}_min"].astype(float).fillna(-np.inf).to_numpy()
            high = group[f"{key.field}_max"].astype(float).fillna(np.inf).to_numpy()
            if np.any(low > high):
                raise reader.fail("rows", f"{key.field}: min above max in group {group_key}")
        if len(intervals) == 1:
            key = intervals[0]
            ordered = group.assign(_lo=group[f"{key.field}_min"].astype(float).fillna(-np.inf)).sort_values("_lo")
            previous_high, previous_closed = None, False
            for low, high, bounds in zip(ordered["_lo"], ordered[f"{key.field}_max"].astype(float).fillna(np.inf),
                                         ordered[f"{key.field}_bounds"]):
                if previous_high is not None:
                    touches = low == previous_high and bounds[0] == "[" and previous_closed
                    if low < previous_high or touches:
                        raise reader.fail("rows", f"{key.field} intervals overlap in group {group_key} at {low}")
                    meets = low == previous_high and (bounds[0] == "[") != previous_closed
                    if not meets and not table.gaps:
                        raise reader.fail("rows", f"{key.field} intervals leave a gap in group {group_key} at "
                                                   f"{previous_high}–{low}; if the standard leaves it uncovered, "
                                                   "say so in the table's `gaps` field")
                previous_high, previous_closed = high, bounds[1] == "]"


def _load_standard(data: dict, path: Path) -> EfficiencyStandard:
    reader = FieldReader(data, path)
    metrics = tuple(Metric(m.get("name", str), m.get("unit", str), m.choice("direction", DIRECTIONS),
                           m.get("zh", str, required=False, default=""), m.get("en", str, required=False, default=""))
                    for m in (reader.child(f"metrics[{i}]", raw) for i, raw in enumerate(reader.get("metrics", list))))
    grades = tuple(reader.get("grades", list))
    if not grades or not all(g in (1, 2, 3, 4, 5) for g in grades) or list(grades) != list(
            range(grades[0], grades[0] + len(grades))):
        raise reader.fail("grades", f"expected consecutive grade numbers from 1 to 5, best first, the last the "
                                    f"minimum (能效限定值), got {grades!r}")
    scope = reader.child("scope", reader.get("scope", dict))
    title_zh, title_en = reader.title()
    tables = tuple(_grade_table(reader.child(f"tables[{i}]", raw), metrics, grades)
                   for i, raw in enumerate(reader.get("tables", list)))
    between = reader.choice("between_rows", ("none", "candidates"))
    if between == "candidates" and not any(key.rating for table in tables for key in table.keys):
        raise reader.fail("between_rows", "candidates needs a key marked `rating: true` (whose neighbouring rows "
                                          "are tried)")
    classes = reader.get("equivalent_classes", dict, required=False, default={})
    return EfficiencyStandard(
        id=reader.get("id", str), title_zh=title_zh, title_en=title_en, edition=str(reader.get("edition", (str, int))),
        effective=reader.date("effective"), family=reader.get("family", str), metrics=metrics, grades=grades,
        between_rows=between, tables=tables, scope_zh=scope.get("zh", str), scope_en=scope.get("en", str),
        scope_conditions=_conditions(scope, "conditions"), confidence=reader.choice("confidence", CONFIDENCE_ORDER),
        path=path, published=reader.date("published", required=False), withdrawn=reader.date("withdrawn", required=False),
        supersedes=tuple(reader.get("supersedes", list, required=False, default=[])),
        superseded_by=tuple(reader.get("superseded_by", list, required=False, default=[])),
        equivalent_classes={int(k): str(v) for k, v in classes.items()},
        capacity_equivalence=reader.get("capacity_equivalence", dict, required=False),
        sources=tuple(reader.get("sources", list, required=False, default=[])),
    )


def _load_entry(reader: FieldReader) -> CatalogueEntry:
    outcomes = []
    for index, raw in enumerate(reader.get("outcomes", list)):
        item = reader.child(f"outcomes[{index}]", raw)
        outcomes.append(Outcome(_conditions(item, "when"), item.choice("action", ACTIONS),
                                item.date("deadline", required=False)))
    return CatalogueEntry(
        serial=str(reader.get("serial", (str, int, float))), family=reader.get("family", str),
        category_zh=reader.get("category_zh", str), product_zh=reader.get("product_zh", str),
        models=tuple(str(m) for m in reader.get("models", list, required=False, default=[])),
        series=tuple(str(s) for s in reader.get("series", list, required=False, default=[])),
        reason_zh=reader.get("reason_zh", str, required=False, default=""),
        requirement_zh=reader.get("requirement_zh", str, required=False),
        outcomes=tuple(outcomes), confidence=reader.choice("confidence", CONFIDENCE_ORDER),
        note=reader.get("note", str, required=False),
        match=reader.choice("match", ("model", "family"), required=False, default="model"),
    )


def _load_catalogue(data: dict, path: Path) -> Catalogue:
    reader = FieldReader(data, path)
    title_zh, title_en = reader.title()
    entries = tuple(_load_entry(reader.child(f"entries[{i}]", raw)) for i, raw in enumerate(reader.get("entries", list)))
    serials = [entry.serial for entry in entries]
    if len(set(serials)) != len(serials):
        raise reader.fail("entries", "serials are not unique")
    return Catalogue(
        id=reader.get("id", str), title_zh=title_zh, title_en=title_en, edition=str(reader.get("edition", (str, int))),
        effective=reader.date("effective"), document=reader.get("document", str, required=False),
        batch=reader.get("batch", int, required=False), entries=entries,
        confidence=reader.choice("confidence", CONFIDENCE_ORDER), path=path, raw=data,
        published=reader.date("published", required=False),
        sources=tuple(reader.get("sources", list, required=False, default=[])),
    )


TARGET_FAMILY = "key_energy_equipment"  # a target's scope: the families a mandatory efficiency standard covers
POLICY_CODE = re.compile(r"RG\d{3}")
JURISDICTION = re.compile(r"[a-z][a-z0-9-]*")


def _load_policy_rule(reader: FieldReader, book_document: str, book_effective: dt.date) -> PolicyRule:
    code = reader.get("code", str)
    if not POLICY_CODE.fullmatch(code):
        raise reader.fail("code", f"{code!r} is not a policy finding code (RG and three digits)")
    family = reader.get("family", str)
    if family not in (*FAMILIES, TARGET_FAMILY):
        raise reader.fail("family", f"{family!r} is not a family code ({', '.join(FAMILIES)}, {TARGET_FAMILY})")
    title_zh, title_en = reader.title()
    match = _conditions(reader, "match")
    if not match and reader.data.get("strength") != "target":
        raise reader.fail("match", "missing: a rule that judges items needs at least one condition")
    replaces = reader.get("replaces", list, required=False, default=[])
    if not all(isinstance(r, str) and POLICY_CODE.fullmatch(r) for r in replaces):
        raise reader.fail("replaces", f"expected a list of RG codes, got {replaces!r}")
    return PolicyRule(
        code=code, family=family, match=match,
        strength=reader.choice("strength", tuple(POLICY_STRENGTHS)), title_zh=title_zh, title_en=title_en,
        quote_zh=reader.get("quote_zh", str), clause=str(reader.get("clause", (str, int))),
        message_zh=reader.get("message_zh", str), message_en=reader.get("message_en", str),
        document=reader.get("document", str, required=False, default=book_document),
        confidence=reader.choice("confidence", CONFIDENCE_ORDER),
        effective=reader.date("effective", required=False) or book_effective,
        replaces=tuple(replaces), quote_source=reader.get("quote_source", str, required=False),
        note=reader.get("note", str, required=False),
    )


def _load_policy(data: dict, path: Path) -> PolicyRulebook:
    """A regional or national renewal plan: rules with their quote, scope, condition and strength."""
    reader = FieldReader(data, path)
    title_zh, title_en = reader.title()
    jurisdiction = reader.get("jurisdiction", str)
    if not JURISDICTION.fullmatch(jurisdiction):
        raise reader.fail("jurisdiction", f"{jurisdiction!r} is not a lower-case id such as inner-mongolia")
    book_id = reader.get("id", str)
    document = reader.get("document", str, required=False)
    effective = reader.date("effective")
    includes = reader.get("includes", list, required=False, default=[])
    if not all(isinstance(i, str) for i in includes):
        raise reader.fail("includes", f"expected a list of rulebook ids, got {includes!r}")
    sources = reader.get("sources", list)
    for index, source in enumerate(sources):
        reader.child(f"sources[{index}]", source).get("ref", str)
    # a finding cites the document number, or the title when the text gives no number
    rules = tuple(_load_policy_rule(reader.child(f"rules[{i}]", raw), document or title_zh, effective)
                  for i, raw in enumerate(reader.get("rules", list)))
    codes = [rule.code for rule in rules]
    if len(set(codes)) != len(codes):
        raise reader.fail("rules", f"codes are not unique: {sorted({c for c in codes if codes.count(c) > 1})}")
    return PolicyRulebook(
        id=book_id, title_zh=title_zh, title_en=title_en, jurisdiction=jurisdiction, document=document,
        issued=reader.date("issued"), issuer=reader.get("issuer", str), includes=tuple(includes),
        effective=effective, confidence=reader.choice("confidence", CONFIDENCE_ORDER), sources=tuple(sources),
        rules=rules, path=path, edition=str(reader.get("edition", (str, int), required=False, default="")),
        region_names=tuple(str(name) for name in reader.get("region_names", list, required=False, default=[])),
    )


Document = EfficiencyStandard | Catalogue | PolicyRulebook | QuotaStandard | ConversionFactors | EmissionFactors

LOADERS = {"efficiency_standard": _load_standard, "phase_out_catalogue": _load_catalogue,
           "policy_rulebook": _load_policy, "quota_standard": load_quota_standard,
           "conversion_factors": load_conversion_factors, "emission_factors": load_emission_factors}


def load_file(path: Path) -> Document:
    """Load and validate one rulebook file."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise RulebookError(f"{path}: not valid YAML: {error}") from error
    kind = FieldReader(data, path).choice("kind", tuple(LOADERS))
    return LOADERS[kind](data, path)


def load_files(directory: Path = STANDARDS_DATA) -> list[Document]:
    """Every rulebook file under ``directory``, sorted by path so that loading is deterministic."""
    return [load_file(path) for path in sorted(directory.rglob("*.yaml"))]
