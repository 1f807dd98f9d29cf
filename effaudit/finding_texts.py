"""A finding's sentence from the parameters it carries, in Chinese or English, from the templates of
``effaudit/resources/finding_texts.yaml``: the check that makes a finding writes its message with them, and every
report renders the sentence again in its own language from the same parameters (never by parsing a message)."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd

from effaudit.labels import fields_label, quantity_text
from effaudit.yaml_text import load_yaml

LANGS = ("zh", "en")
GRADE_CODES = ("EF101", "EF102", "EF103", "EF104")
ONLY_MINIMUM = "EF103 only_minimum"  # the template of an item meeting the only grade its row defines
HISTORY = ("date_unknown", "date_unreadable", "before_encoded", "current", "candidates_disagree", "not_covered", "met",
           "also_below")
# Per group of templates: the entries it must have, and the placeholders its templates may use.
GROUPS = {
    "joins": (None, {"remark"}),
    "grade_basis": (("measured", "series"), {"metric", "measured", "model_series", "class_hint"}),
    "grade_codes": ((*GRADE_CODES, ONLY_MINIMUM), {"basis", "citation", "required_grade", "required"}),
    "grade_remarks": ((*HISTORY, "dated_by_commissioning", "inferred", "from_candidates"), {"edition", "fields"}),
    "codes": (("EF112",), {"metric"}),
}
METRIC_CODES = ("EF112",)  # the other codes rendered from their parameters: a sentence of their metric
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


def quantity(value: float, unit: str | None, lang: str) -> str:
    """``94.6%`` (zh) / ``94.6 %`` (en), the number as its standard writes it; '' when missing."""
    if not _present(value):
        return ""
    text = quantity_text(value, unit)
    return f"{text}{'' if lang == 'zh' else ' '}{unit}" if unit else text


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
    return basis["measured"][lang].format(metric=metric, measured=quantity(measured, unit, lang))


def grade_head(lang: str, code: str, only_minimum: bool, basis: str, citation: str, required_grade: int,
               sign: str, required: float, unit: str | None) -> str:
    """EF101–EF104: the basis, the grade reached, the standard and table, and the limit of the grade required."""
    template = templates()["grade_codes"][ONLY_MINIMUM if only_minimum else code][lang]
    return template.format(basis=basis, citation=citation, required_grade=int(required_grade),
                           required=f"{sign} {quantity(required, unit, lang)}")


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


def grade_sentence(row: Mapping[str, object], metric: str, sign: str, lang: str) -> Sentence:
    """The sentence of a grade finding (a findings-frame row, EF101–EF104) in ``lang``; ``metric`` is the graded
    quantity as its standard names it in ``lang`` and ``sign`` its comparison (≥, ≤)."""
    basis = grade_basis(lang, metric, row["measured_value"], row["required_unit"], row["model_series"],
                        row["class_hint"])
    head = grade_head(lang, str(row["code"]), bool(row["only_minimum"]), basis,
                      " ".join(str(part) for part in (row["standard"], row["clause"]) if _present(part)),
                      row["required_grade"], sign, row["required_value"], row["required_unit"])
    return Sentence(basis, head, grade_remarks(lang, row["history"], row["history_edition"], row["history_dated_by"],
                                        row["inferred_fields"], bool(row["from_candidates"])))


def metric_sentence(code: str, metric: str, lang: str) -> str:
    """The sentence of a finding about one metric of a standard (EF112: its value is missing)."""
    return templates()["codes"][code][lang].format(metric=metric)
