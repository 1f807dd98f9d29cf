"""A finding's sentence from the parameters it carries, in Chinese or English, from the templates of
``effaudit/resources/finding_texts.yaml``: the check that makes a finding writes its message with them, and every
report renders the sentence again in its own language from the same parameters (never by parsing a message)."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from effaudit.labels import clause_text, field_label, field_value, fields_label, quantity_unit
from effaudit.standards.by_identity import by_identity
from effaudit.standards.model import Catalogue, CatalogueEntry, EfficiencyStandard, GradeTable
from effaudit.yaml_text import load_yaml

LANGS = ("zh", "en")
GRADE_CODES = ("EF101", "EF102", "EF103", "EF104")
ONLY_MINIMUM = "EF103 only_minimum"  # the template of an item meeting the only grade its row defines
ABOVE_MINIMUM = "EF102 above_minimum"  # an item at a grade between the energy-saving level and the minimum (grade 4 of 5)
HISTORY = ("date_unknown", "date_unreadable", "before_encoded", "current", "candidates_disagree", "not_covered", "met",
           "also_below")
# Per group of templates: the entries it must have, and the placeholders its templates may use.
GROUPS = {
    "joins": (None, {"remark"}),
    "grade_basis": (("measured", "series"), {"metric", "measured", "model_series", "class_hint"}),
    "grade_codes": ((*GRADE_CODES, ONLY_MINIMUM, ABOVE_MINIMUM),
                    {"basis", "citation", "required_grade", "required", "grade", "minimum_grade"}),
    "grade_remarks": ((*HISTORY, "dated_by_commissioning", "inferred", "from_candidates"), {"edition", "fields"}),
    "codes": (("EF112", "EF113", "EF113 scope_rule", "EF113 doubtful", "EF114", "EF114 scope_rule", "EF115",
               "EF119"),
              {"metric", "standard", "citation", "scope", "rule", "model_series", "class_hint"}),
    "saving": (("EF120", "source_inventory", "source_profile_item", "source_profile_family", "load", "load_rated",
                "electricity", "fuel", "coal_electricity", "coal_fuel", "equivalent", "equal_value", "co2",
                "co2_unknown", "money", "investment", "payback"),
               {"citation", "metric", "required", "hours", "source", "load", "saving", "coal", "co2", "money",
                "investment", "payback", "kwh", "amount", "unit", "heat", "tce", "tco2", "yuan", "years", "basis"}),
    "quota": (("graded", "QT101", "QT102", "QT103", "QT104", "grade_1", "grade_2", "grade_3", "limit",
               "limit_corrected", "no_limit", "assumed", "caveat", "QT105", "missing_unit", "missing_output",
               "missing_electricity", "missing_energy", "QT106", "correction_inputs", "uncovered", "missing", "QT107",
               "needs_process", "needs_indicator", "QT108", "QT109", "QT110"),
              {"label", "value", "limit", "reported", "computed", "verdict", "citation", "assumed", "caveat", "count",
               "inputs", "fields", "what", "why", "product", "options", "needs", "as_of", "in_force", "covering",
               "effective", "grade", "base", "unit"}),
    "policy": (("rule", "age", "registration", "commissioning", "manufacture", "by_manufacture", "RG001", "RG002",
                "either"),
               {"rule", "age", "document", "clause", "quote", "years", "basis", "fallback", "codes", "fields"}),
    "problems": (("DQ101", "DQ102 unit", "DQ102 unknown_unit", "DQ102 rating", "DQ103 range", "DQ103 whole",
                  "DQ103 family", "DQ104", "DQ105", "DQ106", "DQ107", "DQ108", "DQ109", "DQ110 product", "DQ110 rating",
                  "DQ111 nameplate", "DQ113", "DQ114"),
                 {"text", "field", "unit", "canonical", "expected", "today", "range", "family", "allowed", "sheet",
                  "row", "stated", "plate", "source", "pieces"}),
    "data": (("cell", "note", "DQ111"), {"problem", "column", "value", "note", "field", "stated", "model"}),
    "part": (None, {"part", "sentence"}),
    "lookup": (("EF110", "EF111", "disagreed", "EF117", "reason_missing", "reason_between", "supply_missing",
                "supply_between", "what_between", "row", "row_verdict", "limit", "any_value"),
               {"fields", "keys", "standard", "metric", "measured", "reason", "rows", "supply", "count", "verdict",
                "what", "label", "limits", "grade", "limit"}),
    "candidate_verdicts": (("1", "2", "below_energy_saving", "below_minimum", "0", "-"), {"grade"}),
    "catalogue": (("entry", "document", "number", "requirement", "PO101", "PO101 no_deadline", "PO102", "PO103",
                   "PO104", "PO105"),
                  {"entry", "title", "document", "number", "product", "requirement", "how", "deadline", "fields"}),
    "catalogue_how": (("exact_model", "series", "family"), set()),
}
METRIC_CODES = ("EF112",)  # the other codes rendered from their parameters: a sentence of their metric
# The codes whose sentence is one of a group's entries named for them (the part before a space): every finding
# code has a template (tests/render/test_readable_messages.py checks it against effaudit.checks.all_rules()); a
# renewal-plan rule (RG1xx–RG4xx, from its policy rulebook) takes policy.rule, a data-quality cell data.cell.
TEMPLATE_GROUPS = ("grade_codes", "codes", "lookup", "catalogue", "saving", "quota", "policy", "data")
LOOKUP_CODES = ("EF110", "EF111", "EF117")  # the item matched no row: its lookup fields and candidate rows
# listed in a phase-out catalogue: the entry, how it matched, the deadline, what to supply (lookup_fields)
CATALOGUE_CODES = ("PO101", "PO102", "PO103", "PO104", "PO105")
# How the parts of a sentence are listed: fields with their values, the limits of a row, the candidate rows.
LIST = {"zh": "、", "en": ", "}
KEYS = {"zh": "，", "en": ", "}
ROWS = {"zh": "；", "en": "; "}
_FILE = "effaudit/resources/finding_texts.yaml"


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _checked(group: str, name: str, entry: object, known: set[str]) -> dict[str, str]:
    if not isinstance(entry, dict) or set(entry) != set(LANGS) or not all(isinstance(t, str) for t in entry.values()):
        raise ValueError(f"{_FILE}: {group}.{name} needs a zh and an en text")
    for lang, template in entry.items():
        unknown = _placeholders(template) - known
        if unknown:
            raise ValueError(f"{_FILE}: {group}.{name}.{lang} names {sorted(unknown)}; known: {sorted(known)}")
    return entry


@cache
def templates() -> dict[str, dict[str, dict[str, str]]]:
    """The templates by group and entry, each {zh, en}; validated: every entry present, every placeholder known."""
    return checked_templates(load_yaml(resources.files("effaudit").joinpath("resources/finding_texts.yaml")
                                       .read_text("utf-8")))


def checked_templates(table: object) -> dict[str, dict[str, dict[str, str]]]:
    """``table`` (the YAML file's content) when every group has exactly its entries, each a zh and an en text that
    names only the placeholders its group knows; else ValueError naming what is wrong."""
    if not isinstance(table, dict) or set(table) != set(GROUPS):
        raise ValueError(f"{_FILE}: needs exactly the groups {sorted(GROUPS)}")
    checked: dict[str, dict[str, dict[str, str]]] = {}
    for group, (entries, known) in GROUPS.items():
        if entries is None:
            checked[group] = {"": _checked(group, "", table[group], known)}
            continue
        if not isinstance(table[group], dict) or set(table[group]) != set(entries):
            raise ValueError(f"{_FILE}: {group} needs exactly {list(entries)}")
        checked[group] = {name: _checked(group, name, table[group][name], known) for name in entries}
    return checked




@dataclass(frozen=True)
class Sentence:
    basis: str  # what the grade rests on (the measured value, or the class the model series suggests)
    head: str  # what the finding states (basis, grade, citation, limit)
    remarks: tuple[str, ...]  # what it adds, each on its own (the PDF prints repeated ones once, as notes)

    def text(self, lang: str) -> str:
        return self.head + remarks_text(self.remarks, lang)


def remarks_text(remarks: tuple[str, ...], lang: str) -> str:
    """The remarks as they follow a sentence's head (``；…`` / ``; …``)."""
    join = templates()["joins"][""][lang]
    return "".join(join.format(remark=remark) for remark in remarks)


def _present(value: object) -> bool:
    """A parameter that is given: not None, NaN or NA, nor empty text."""
    return not pd.isna(value) and value != ""


def grade_basis(lang: str, metric: str, measured: float, unit: str | None, model_series: object = None,
                class_hint: object = None) -> str:
    """What a grade rests on: the measured value, or (none given) the class the model series suggests."""
    basis = templates()["grade_basis"]
    if _present(class_hint) and not _present(measured):
        return basis["series"][lang].format(model_series=model_series, class_hint=class_hint)
    return basis["measured"][lang].format(metric=metric, measured=quantity_unit(measured, unit))


def grade_head(lang: str, code: str, only_minimum: bool, basis: str, citation: str, required_grade: int,
               sign: str, required: float, unit: str | None, grade: object, minimum_grade: int) -> str:
    """EF101–EF104: the basis, the grade reached (``grade``, null below the minimum), the standard and table, and the
    limit of the grade required; ``minimum_grade`` is the standard's lowest grade (能效限定值)."""
    above_minimum = code == "EF102" and _present(grade) and int(grade) < minimum_grade
    template = templates()["grade_codes"][ONLY_MINIMUM if only_minimum else ABOVE_MINIMUM if above_minimum
                                          else code][lang]
    return template.format(basis=basis, citation=citation, required_grade=int(required_grade),
                           required=f"{sign} {quantity_unit(required, unit)}",
                           grade=int(grade) if _present(grade) else "", minimum_grade=minimum_grade)


def grade_remarks(lang: str, history: object = None, edition: object = None, dated_by: object = None,
                  inferred_fields: object = None, from_candidates: bool = False) -> tuple[str, ...]:
    """The remarks of a grade finding: its history (below today's minimum), its inferred lookup data, and that its
    row came from candidate rows."""
    texts = templates()["grade_remarks"]
    remarks = []
    if _present(history):
        remark = texts[str(history)][lang].format(edition=edition)
        if _present(dated_by) and dated_by == "commissioning":
            remark += texts["dated_by_commissioning"][lang]
        remarks.append(remark)
    if _present(inferred_fields):
        remarks.append(texts["inferred"][lang].format(fields=fields_label(str(inferred_fields), lang)))
    if from_candidates:
        remarks.append(texts["from_candidates"][lang])
    return tuple(remarks)


def grade_sentence(row: Mapping[str, object], metric: str, sign: str, lang: str, minimum_grade: int) -> Sentence:
    """The sentence of a grade finding (a findings-frame row, EF101–EF104) in ``lang``; ``metric`` is the graded
    quantity as its standard names it in ``lang``, ``sign`` its comparison (≥, ≤) and ``minimum_grade`` the
    standard's lowest grade."""
    basis = grade_basis(lang, metric, row["measured_value"], row["required_unit"], row["model_series"],
                        row["class_hint"])
    head = grade_head(lang, str(row["code"]), bool(row["only_minimum"]), basis,
                      " ".join(str(part) for part in (row["standard"], clause_text(row["clause"], lang))
                               if _present(part)),
                      row["required_grade"], sign, row["required_value"], row["required_unit"], row["achieved_grade"],
                      minimum_grade)
    return Sentence(basis, head, grade_remarks(lang, row["history"], row["history_edition"], row["history_dated_by"],
                                        row["inferred_fields"], bool(row["from_candidates"])))


def texts(group: str, name: str, **params: object) -> tuple[str, str]:
    """The (zh, en) sentences of template ``group.name``; a parameter given as a (zh, en) pair gives each language
    its own value, any other the same in both."""
    entry = templates()[group][name]
    return tuple(entry[lang].format(**{key: value[i] if isinstance(value, tuple) else value
                                       for key, value in params.items()})
                 for i, lang in enumerate(LANGS))  # type: ignore[return-value]


def code_names() -> set[str]:
    """The codes with a template of their own (``TEMPLATE_GROUPS``' entries named for a code: EF113 scope_rule is
    EF113's)."""
    return {name.split()[0] for group in TEMPLATE_GROUPS for name in templates()[group]
            if re.fullmatch(r"[A-Z]{2}\d{3}", name.split()[0])}


def metric_sentence(code: str, metric: str, lang: str) -> str:
    """The sentence of a finding about one metric of a standard (EF112: its value is missing)."""
    return templates()["codes"][code][lang].format(metric=metric)


def metric_view(standard: EfficiencyStandard, metric: str) -> EfficiencyStandard:
    """``standard`` as the check of its metric ``metric`` sees it: that metric, and the tables that grade it (the
    candidate rows a finding carries are positions in these tables)."""
    chosen = next(m for m in standard.metrics if m.name == metric)
    return replace(standard, metrics=(chosen,),
                   tables=tuple(table for table in standard.tables if table.grades_metric(chosen.name)))


def candidate_rows_text(pairs: list[tuple[int, int]]) -> str:
    """Candidate rows as a finding carries them: ``table:row`` positions (in ``metric_view``), comma-joined."""
    return ",".join(f"{table}:{row}" for table, row in pairs)


def _lookup(name: str, lang: str, **values: object) -> str:
    return templates()["lookup"][name][lang].format(**values)


def _keys(fields: list[str], values: list[object], lang: str, separator: str) -> str:
    """Fields with their values (``额定功率 12 kW``); a field without a value is left out."""
    return separator.join(f"{field_label(field, lang)} {text}" for field, value in zip(fields, values)
                          if field and (text := field_value(field, value, lang)))


def _row_keys(standard: EfficiencyStandard, pairs: list[tuple[int, int]],
              lang: str) -> list[tuple[str | None, tuple[tuple[str, str], ...]]]:
    """Per candidate row, what sets it apart from the others: its table as ``lang`` cites it (when they differ) and
    (field label, value) for the keys whose values differ."""
    fields = list(dict.fromkeys(key.field for table, _ in pairs for key in standard.tables[table].keys
                                if key.match != "interval"))
    values = [{field: _row_value(_cells(standard.tables[table]), field, row, lang) for field in fields}
              for table, row in pairs]
    varying = [field for field in fields if len({field_value(field, v[field], "en") for v in values}) > 1]
    several_tables = len({table for table, _ in pairs}) > 1
    any_value = _lookup("any_value", lang)
    return [(clause_text(standard.tables[table].table, lang) if several_tables else None,
             tuple((field_label(f, lang), field_value(f, row_values[f], lang) or any_value) for f in varying))
            for (table, _), row_values in zip(pairs, values)]


@by_identity
def _cells(table: GradeTable) -> dict[str, np.ndarray]:
    """A table's columns as arrays: candidate-row texts read a few cells of up to some forty rows per finding, and
    pandas' per-cell access was most of the audit's time on an inventory of high-voltage PMSMs without a voltage."""
    return {str(name): column.to_numpy() for name, column in table.rows.items()}


def _row_value(cells: dict[str, np.ndarray], field: str, row: int, lang: str) -> object:
    """A row's value of a key field; where the row's table has the field as an interval (表1's ≤ 1140 V among the
    3-10 kV tables' 3000 V …), the interval as text; None where the table has no such key."""
    if field in cells:
        return cells[field][row]
    if f"{field}_max" not in cells:
        return None
    low, high, bounds = cells[f"{field}_min"][row], cells[f"{field}_max"][row], cells[f"{field}_bounds"][row]
    if pd.isna(low):
        return f"{'≤' if bounds[1] == ']' else '<'} {field_value(field, float(high), lang)}"
    if pd.isna(high):
        return f"{'≥' if bounds[0] == '[' else '>'} {field_value(field, float(low), lang)}"
    return f"{field_value(field, float(low), lang)}–{field_value(field, float(high), lang)}"


def _row_limits(standard: EfficiencyStandard, table: int, row: int, lang: str) -> str:
    metric = standard.metrics[0]
    cells = []
    for grade in sorted(standard.grades):
        value = _cells(standard.tables[table])[f"{metric.name}_g{grade}"][row]
        limit = "—" if pd.isna(value) else f"{metric.meets_sign} {quantity_unit(value, metric.unit)}"
        cells.append(_lookup("limit", lang, grade=grade, limit=limit))
    return LIST[lang].join(cells)


def candidate_verdict(standard: EfficiencyStandard, key: str, lang: str) -> str:
    """What a candidate row gives (one grading.verdict_keys character) as ``lang`` says it: "3" of a standard of five
    grades meets the minimum (grade 5) as "3" of three does, and "6" is below its minimum as "4" is of three."""
    if key in ("0", "1", "2", "-"):
        return templates()["candidate_verdicts"][key][lang]
    lowest = max(standard.grades)
    name = "below_minimum" if int(key) > lowest else "below_energy_saving"
    return templates()["candidate_verdicts"][name][lang].format(grade=min(int(key), lowest))


def _rows(standard: EfficiencyStandard, pairs: list[tuple[int, int]], verdicts: str | None, lang: str) -> str:
    """The candidate rows, each with its limits (and what it gives). Rows of one table with the same limits and the
    same verdict are one entry when together they hold every combination of their differing key values (表2 额定电压
    3000 V/3300 V/6000 V 冷却方式 IC81W/IC86W/IC71W): a PMSM without voltage and cooling has up to 41 candidate rows,
    most of them alike."""
    groups: dict[tuple, list[tuple[str, ...]]] = {}
    for (table, row), (cited, keys), key in zip(pairs, _row_keys(standard, pairs, lang),
                                                verdicts or " " * len(pairs)):
        same = (cited, tuple(label for label, _ in keys), _row_limits(standard, table, row, lang), key)
        groups.setdefault(same, []).append(tuple(value for _, value in keys))
    texts = []
    for (cited, labels, limits, key), rows in groups.items():
        options = [list(dict.fromkeys(row[i] for row in rows)) for i in range(len(labels))]
        whole = len(set(rows)) == int(np.prod([len(values) for values in options]))
        for values in ([tuple("/".join(values) for values in options)] if whole else rows):
            label = " ".join(([cited] if cited else []) + [f"{name} {value}" for name, value in zip(labels, values)])
            texts.append(_lookup("row_verdict", lang, label=label, limits=limits,
                                 verdict=candidate_verdict(standard, key, lang)) if verdicts
                         else _lookup("row", lang, label=label, limits=limits))
    return ROWS[lang].join(texts)


def lookup_sentence(standard: EfficiencyStandard, code: str, lang: str, fields: object, values: list[object],
                    rows: object, verdicts: object, measured: float) -> str:
    """The sentence of EF110, EF111 or EF117 from its parameters: ``standard`` as its metric's check saw it
    (``metric_view``), the lookup ``fields`` (comma-joined) with the item's ``values`` of them (EF110 without
    candidate rows: the missing fields only), the candidate ``rows`` (``candidate_rows_text``) with what each gives
    (``verdicts``, one grading.verdict_keys character each), and the measured value."""
    names = str(fields).split(",") if _present(fields) else []
    values = list(values) + [None] * (len(names) - len(values))
    if not _present(rows):
        if code == "EF110":
            return _lookup("EF110", lang, fields=fields_label(",".join(names), lang))
        return _lookup("EF111", lang, standard=standard.id, keys=_keys(names, values, lang, KEYS[lang]))
    pairs = [(int(table), int(row)) for table, row in (pair.split(":") for pair in str(rows).split(","))]
    missing = [field for field, value in zip(names, values) if field and pd.isna(value)]
    reason = (_lookup("reason_missing", lang, fields=fields_label(",".join(missing), lang)) if missing
              else _lookup("reason_between", lang, keys=_keys(names, values, lang, LIST[lang]), standard=standard.id))
    metric = standard.metrics[0]
    label = (metric.zh if lang == "zh" else metric.en) or metric.name
    if code == "EF117":
        what = (fields_label(str(fields), lang) if any(pd.isna(value) for value in values)
                else _lookup("what_between", lang))
        return _lookup("EF117", lang, metric=label, reason=reason, count=len(pairs), rows=_rows(standard, pairs, None, lang),
                       verdict=candidate_verdict(standard, str(verdicts)[0], lang), what=what)
    supply = (_lookup("supply_missing", lang, fields=fields_label(",".join(missing), lang)) if missing
              else _lookup("supply_between", lang))
    return _lookup("disagreed", lang, reason=reason, metric=label, measured=quantity_unit(measured, metric.unit),
                   rows=_rows(standard, pairs, str(verdicts), lang), supply=supply)


def _catalogue(name: str, lang: str, **values: object) -> str:
    return templates()["catalogue"][name][lang].format(**values)


def catalogue_entry_text(catalogue: Catalogue, entry: CatalogueEntry, lang: str) -> str:
    """The catalogue as a reader finds it: title, the notice that issued it and the entry's number where known
    (never the rulebook's own ids), the product, and (zh) the catalogue's requirement."""
    def part(name: str, value: object) -> str:
        return _catalogue(name, lang, **{name: value}) if value else ""
    return _catalogue("entry", lang, title=catalogue.title_zh if lang == "zh" else catalogue.title_en,
                      document=part("document", catalogue.document), number=part("number", entry.item_number),
                      product=entry.product_zh, requirement=part("requirement", entry.requirement_zh))


def catalogue_how(how: str, lang: str) -> str:
    """How an item matched a catalogue entry (exact_model, series, family) in ``lang``."""
    return templates()["catalogue_how"][how][lang]


def catalogue_entry(catalogue: Catalogue, serial: object) -> CatalogueEntry | None:
    """The entry of ``catalogue`` whose serial a finding carries (catalogue_entry); None when it has none."""
    return next((entry for entry in catalogue.entries if entry.serial == serial), None)


def catalogue_sentence(catalogue: Catalogue, entry: CatalogueEntry, code: str, how: str, deadline: object,
                       lang: str, fields: object = None) -> str:
    """PO101–PO105 from their parameters: the entry, how the item matched it, the stop-use deadline, and (PO103)
    the fields to supply (comma-joined)."""
    name = "PO101 no_deadline" if code == "PO101" and not _present(deadline) else code
    return _catalogue(name, lang, entry=catalogue_entry_text(catalogue, entry, lang), how=catalogue_how(how, lang),
                      deadline=deadline, fields=fields_label(str(fields), lang) if _present(fields) else "")
