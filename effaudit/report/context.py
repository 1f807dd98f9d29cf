"""The data a report shows, built once from an ``AuditResult`` and shared by the PDF and the annotated workbook.

Everything here is plain text and numbers in the report's language, already cleaned (``untrusted_text``): the
renderers only lay it out. Each item lands in exactly one section, the first that fits:

    rectification   verdict phase_out, or status violation   (stop using / replace)
    not_assessable  verdict not_assessable                    (what to supply)
    renewal         status advisory                           (what a replacement should reach)
    compliant       the rest                                  (appendix table)

An entry shows *all* findings of its item, so a second reason (a catalogue condition that needs a date on an item
that already fails the minimum) is never hidden by the section it lands in.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from effaudit import __version__
from effaudit.checks.policy import target_rules
from effaudit.columns import BY_NAME
from effaudit.engine import AuditResult
from effaudit.filenames import readable
from effaudit.finding_texts import (
    CATALOGUE_CODES,
    GRADE_CODES,
    LANGS,
    LOOKUP_CODES,
    METRIC_CODES,
    Sentence,
    catalogue_entry,
    catalogue_sentence,
    grade_sentence,
    lookup_sentence,
    metric_sentence,
    metric_view,
    texts,
)
from effaudit.findings import VERDICT_ORDER, VERDICT_ZH, deciding_findings
from effaudit.interpret.profiles import profiles
from effaudit.labels import FAMILY_LABELS, clause_text, field_label, quantity_unit
from effaudit.report.metadata import Enterprise
from effaudit.report.quota_detail import computation_lines
from effaudit.report.savings import PlanView, plan_view
from effaudit.standards.model import (
    Catalogue,
    EfficiencyStandard,
    Metric,
    PolicyRulebook,
)
from effaudit.standards.quota_model import QuotaStandard
from effaudit.vocabulary import is_chinese

SECTIONS = ("rectification", "renewal", "not_assessable", "compliant")
VERDICT_EN = {
    "phase_out": "phase out", "below_minimum": "below minimum", "not_assessable": "not assessable",
    "below_energy_saving": "below energy-saving level", "energy_saving": "energy-saving level",
    "advanced": "advanced", "out_of_scope": "out of scope",
}
# One colour per verdict, shared by the chart and the workbook's fills (light enough to print text on).
VERDICT_COLOURS = {
    "phase_out": "E8A0A0", "below_minimum": "F4C2A1", "not_assessable": "D9C8E8", "below_energy_saving": "F7E3A1",
    "energy_saving": "C9E4B8", "advanced": "9FD3A8", "out_of_scope": "DDDDDD",
}
STATUS_LABELS = {
    "zh": {"violation": "违规", "advisory": "建议更新", "not_assessable": "无法判定", "ok": "合格"},
    "en": {"violation": "violation", "advisory": "advisory", "not_assessable": "not assessable", "ok": "ok"},
}
UNVERIFIED = ("single-source", "provisional", "conflict")

TEXT_LIMIT = 500
# Control characters, zero-width marks and bidi overrides/isolates: a U+202E in a cell would print the rest of
# its line reversed.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def untrusted_text(value: Any, limit: int | None = TEXT_LIMIT) -> str:
    """A value from the inventory as inert display text: '' when blank, invisible and bidi control characters
    removed, a file name's undecodable bytes made readable, cut to ``limit`` characters (marked with …)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        value = f"{value:g}"
    text = _INVISIBLE.sub("", readable(str(value)))
    return text if limit is None or len(text) <= limit else text[:limit] + "…"


def number(value: Any, unit: str | None = None, lang: str | None = None) -> str:
    """``75 kW``, ``93.2 %``, as the standards write the quantity (effaudit.labels.quantity_text), a unit written as
    a word in ``lang`` (``15 年``); '' when missing."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return quantity_unit(float(value), unit, lang)


@dataclass(frozen=True)
class FindingView:
    code: str
    severity: str
    citation: str
    measured: str
    required: str
    message: str
    detail: str  # the message where it says more than code, citation and values ('' for a plain grade statement)
    verdict: str  # '' for a finding that sets no verdict (a renewal the catalogue only encourages)
    verdict_label: str
    metric: str  # the measured quantity as its standard names it (效率, no-load loss …) on a grade finding, else ''
    remarks: tuple[str, ...]  # what the finding adds to code, citation, metric, values and verdict
    inferred: bool
    unverified: bool  # the rulebook data behind it awaits verification against the official text
    deadline: str


@dataclass(frozen=True)
class ItemView:
    position: int
    sheet: str
    row: int
    equipment_id: str
    name: str
    model: str
    quantity: str
    rating: str
    family: str
    verdict: str
    verdict_label: str
    status: str
    status_label: str
    section: str
    codes: str
    reason: str  # the message of the finding that sets the status (findings.deciding_findings)
    required: str
    requirement: str
    action: str  # the requirement without this item's own target value: the same for every item it applies to
    deadline: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class CountRow:
    key: str
    label: str
    items: int
    quantity: float
    by_section: dict[str, int]


@dataclass(frozen=True)
class Share:
    graded_items: int
    target_items: int
    graded_quantity: float
    target_quantity: float
    power_share: float | None  # by rated power (kW × quantity), from effaudit.target_share
    basis: tuple[tuple[str, str, str, str, str], ...] = ()  # per target rule: document, clause, quote, message zh, en

    @property
    def power_pct(self) -> str:
        return "—" if self.power_share is None else f"{100 * self.power_share:.1f} %"

    @property
    def items_pct(self) -> str:
        return f"{100 * self.target_items / self.graded_items:.1f} %" if self.graded_items else "—"

    @property
    def quantity_pct(self) -> str:
        return f"{100 * self.target_quantity / self.graded_quantity:.1f} %" if self.graded_quantity else "—"


@dataclass(frozen=True)
class DocumentView:
    id: str  # as the document itself is cited: a standard's number, a catalogue's notice, a policy's documents
    title_zh: str
    title_en: str
    kind: str
    edition: str
    effective: str
    confidence: str
    unverified: bool


@dataclass(frozen=True)
class ProductView:
    """A product row judged against a quota standard, with the computation as lines of text."""

    heading: str
    verdict: str
    verdict_label: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ReportContext:
    lang: str
    enterprise: Enterprise
    as_of: dt.date
    version: str
    rulebook_version: str
    inventory_name: str
    inventory_sha256: str
    items: tuple[ItemView, ...]
    by_verdict: tuple[CountRow, ...]
    by_family: tuple[CountRow, ...]
    share: Share
    jurisdiction: str  # whose regional rulebooks applied, as a reader names it (全国, 乌海市 / Wuhai)
    documents: tuple[DocumentView, ...]
    not_encoded: tuple[str, ...]  # standards that apply to some items but whose tables are not in the rulebook
    total_quantity: float
    products: tuple[ProductView, ...] = ()
    plan: PlanView | None = None  # the renewal project list (effaudit.savings.plan)

    def section(self, name: str) -> list[ItemView]:
        """The section's items, worst verdict first, then in inventory order."""
        chosen = [item for item in self.items if item.section == name]
        return sorted(chosen, key=lambda item: (VERDICT_ORDER.index(item.verdict), item.position))

    @property
    def sections(self) -> dict[str, list[ItemView]]:
        return {name: self.section(name) for name in SECTIONS}


def verdict_label(verdict: str, lang: str) -> str:
    return VERDICT_ZH[verdict] if lang == "zh" else VERDICT_EN[verdict]


def _section(verdict: str, status: str) -> str:
    if verdict == "phase_out" or status == "violation":
        return "rectification"
    if verdict == "not_assessable":
        return "not_assessable"
    return "renewal" if status == "advisory" else "compliant"


def cited_name(document: Catalogue | EfficiencyStandard | QuotaStandard) -> str:
    """How the document itself is cited: a standard by its number (GB 18613-2020), a catalogue by the notice
    that issued it (工业和信息化部公告2015年第16号), else by its title."""
    if document.kind != "phase_out_catalogue":
        return document.id
    return document.document or f"《{document.title_zh}》"


class Documents:
    """Rulebook documents by id: how a finding cites one (id and clause; the titles are in the standards list)."""

    def __init__(self, result: AuditResult) -> None:
        rulebook = result.rulebook
        self.by_id = {d.id: d for d in (*rulebook.standards, *rulebook.catalogues, *rulebook.quotas)}
        # a catalogue is cited by the notice that issued it, else its title: its id is the rulebook's own
        self.cited = {c.id: cited_name(c) for c in rulebook.catalogues}

    def citation(self, standard: str, clause: str) -> str:
        return " ".join(part for part in (self.cited.get(standard, standard), clause) if part)

    def comparison(self, standard: str) -> str:
        """``≥`` for a higher-is-better metric, ``≤`` for lower-is-better and for quotas, '' when unknown or mixed."""
        document = self.by_id.get(standard)
        if getattr(document, "kind", "") == "quota_standard":
            return "≤ "
        directions = {metric.higher_is_better for metric in getattr(document, "metrics", ())}
        return {frozenset({True}): "≥ ", frozenset({False}): "≤ "}.get(frozenset(directions), "")

    def metric(self, standard: str, name: str) -> Metric | None:
        """The metric ``name`` of the standard ``standard`` (its label and direction), None when it has none."""
        return next((m for m in getattr(self.by_id.get(standard), "metrics", ()) if m.name == name), None)


# Findings whose message only restates the grade reached: code, citation, measured and required say it all.
PLAIN_GRADE_VERDICTS = ("below_energy_saving", "energy_saving", "advanced")


def _rendered(row: Mapping, documents: Documents, lang: str) -> tuple[Metric, str, Sentence] | None:
    """For a finding rendered from its parameters (effaudit.finding_texts: the grade codes, codes about one metric,
    and the codes of an item that matched no table row): its metric, the metric's label as the standard names it in ``lang``, and its sentence; None for
    another finding."""
    if row["code"] not in (*GRADE_CODES, *METRIC_CODES, *LOOKUP_CODES):
        return None
    standard = untrusted_text(row["standard"])
    metric = documents.metric(standard, untrusted_text(row["metric"]))
    if metric is None:
        return None
    label = (metric.zh if lang == "zh" else metric.en) or field_label(metric.name, lang)
    if row["code"] in METRIC_CODES:
        return metric, label, Sentence("", metric_sentence(row["code"], label, lang), ())
    if row["code"] in LOOKUP_CODES:
        values = json.loads(row["lookup_values"]) if not pd.isna(row["lookup_values"]) else []
        text = lookup_sentence(metric_view(documents.by_id[standard], metric.name), row["code"], lang,
                               row["lookup_fields"], values, row["candidate_rows"], row["candidate_verdicts"],
                               row["measured_value"])
        return metric, label, Sentence("", text, ())
    return metric, label, grade_sentence(row, label, metric.meets_sign, lang, max(documents.by_id[standard].grades))


def _catalogue_sentence(row: Mapping, documents: Documents, lang: str) -> str | None:
    """A catalogue finding's sentence (PO101–PO105) from its entry, how it matched and its deadline; None for
    another finding (or an entry the rulebook no longer has)."""
    if row["code"] not in CATALOGUE_CODES:
        return None
    catalogue = documents.by_id.get(untrusted_text(row["standard"]))
    entry = catalogue_entry(catalogue, row["catalogue_entry"]) if isinstance(catalogue, Catalogue) else None
    if entry is None or pd.isna(row["catalogue_how"]):
        return None
    return catalogue_sentence(catalogue, entry, row["code"], row["catalogue_how"], row["deadline"], lang,
                              row["lookup_fields"])


def _of_part(row: Mapping, text: str, lang: str) -> str:
    """``text`` about the part of the item the finding is about (``配套电机 Y2-160M-4：…``), as its message says it;
    ``text`` alone for a finding about the item itself."""
    part = untrusted_text(row.get(f"part_{lang}"))
    return texts("part", "", part=part, sentence=text)[LANGS.index(lang)] if part and text else text


def finding_message(row: Mapping, documents: Documents, lang: str) -> str:
    """A finding's sentence in ``lang``: from its parameters where its code has a template, else its message."""
    rendered = _rendered(row, documents, lang)
    text = rendered[2].text(lang) if rendered else _catalogue_sentence(row, documents, lang)
    if text is not None:
        return untrusted_text(_of_part(row, text, lang), limit=None)
    return untrusted_text(row["message_zh" if lang == "zh" else "message_en"], limit=None)


def _finding_view(row: dict, documents: Documents, lang: str) -> FindingView:
    """A finding as the report shows it: a grade finding's metric and remarks from its parameters; another
    finding's sentence is its one remark."""
    standard, clause = untrusted_text(row["standard"]), untrusted_text(row["clause"])
    rendered = _rendered(row, documents, lang)
    sign = f"{rendered[0].meets_sign} " if rendered else documents.comparison(standard)
    required = number(row["required_value"], untrusted_text(row["required_unit"]) or None, lang)
    measured = number(row["measured_value"], untrusted_text(row["measured_unit"]) or None, lang)
    message = finding_message(row, documents, lang)
    if rendered is not None and row["code"] in GRADE_CODES:
        _, label, sentence = rendered
        # no measured value to print: what the grade rests on (the model series) is the first remark
        remarks = sentence.remarks if measured else (sentence.basis, *sentence.remarks)
    else:  # its sentence is its one remark; the metric names a measured value it carries (EF110 / EF111)
        label, remarks = rendered[1] if rendered else "", (message,) if message else ()
    plain = row["verdict"] in PLAIN_GRADE_VERDICTS and not row["inferred"] and not pd.isna(row["measured_value"])
    return FindingView(
        code=row["code"], severity=row["severity"], citation=documents.citation(standard, clause_text(clause, lang)),
        measured=measured, required=f"{sign}{required}" if required else "",
        message=message, detail="" if plain else message, verdict=untrusted_text(row["verdict"]),
        verdict_label=verdict_label(row["verdict"], lang) if untrusted_text(row["verdict"]) else "",
        metric=_of_part(row, label, lang) if measured else "", remarks=tuple(untrusted_text(remark, limit=None) for remark in remarks),
        inferred=bool(row["inferred"]), unverified=untrusted_text(row["confidence"]) in UNVERIFIED,
        deadline=untrusted_text(row["deadline"]),
    )


def _requirement(verdict: str, status: str, worst: dict | None, view: FindingView | None, as_of: dt.date,
                 lang: str) -> tuple[str, str]:
    """What the enterprise must do (rectification) or should aim for (renewal), in the report's language; and the
    same without the item's own target value (what a group of items shares)."""
    text = _requirement_text(verdict, status, worst, view, as_of, lang)
    if verdict == "below_energy_saving":
        return text, _requirement_text(verdict, status, worst, None, as_of, lang)
    return text, text


def _requirement_text(verdict: str, status: str, worst: dict | None, view: FindingView | None, as_of: dt.date,
                      lang: str) -> str:
    zh = lang == "zh"
    standard = untrusted_text(worst["standard"]) if worst else ""
    if verdict == "phase_out":
        deadline = view.deadline if view else ""
        passed = deadline and dt.date.fromisoformat(deadline) < as_of
        if not deadline:
            return "停止使用，予以淘汰" if zh else "Stop using it and scrap it"
        if zh:
            return f"停止使用，予以淘汰（目录规定最迟 {deadline}{'，已逾期' if passed else ''}）"
        return f"Stop using it and scrap it (catalogue deadline {deadline}{', passed' if passed else ''})"
    if verdict == "below_minimum":
        if zh:
            lead = "更换为" if status == "violation" else "优先更新：更换为"
            return f"{lead}至少达到 {standard} 2 级（节能水平）的设备"
        lead = "Replace with" if status == "violation" else "Priority renewal: replace with"
        return f"{lead} equipment of at least grade 2 (energy-saving level) of {standard}"
    if verdict == "below_energy_saving":
        target = f"（{view.required}）" if zh and view and view.required else (
            f" ({view.required})" if view and view.required else "")
        return (f"更新时应至少达到 {standard} 2 级（节能水平）{target}" if zh
                else f"A replacement should reach at least grade 2 (energy-saving level) of {standard}{target}")
    if verdict == "not_assessable":
        return "补充所列数据后复核" if zh else "Supply the data listed, then audit again"
    if status == "advisory":
        return "按目录鼓励逐步更新" if zh else "Renew step by step, as the catalogue encourages"
    return ""


def _size_text(item: dict, family: str, lang: str) -> str:
    """The item's size on its report line, the fields its family profile lists (``size``) each with its unit:
    ``75 kW``, ``800 kVA``. Where the list has two fields of one unit (an air conditioner's cooling capacity and
    its power, both kW) each value is named: ``名义制冷量 28 kW``."""
    fields = profiles().get(family, profiles()["unknown"]).size
    units = [BY_NAME[name].unit for name in fields]
    named = len(set(units)) < len(units)
    return "  ".join(" ".join(part for part in (field_label(name, lang) if named else "", text) if part)
                     for name, unit in zip(fields, units) if (text := number(item.get(name), unit)))


def _item_views(result: AuditResult, documents: Documents, lang: str) -> tuple[ItemView, ...]:
    records = result.findings.to_dict("records")
    positions_by_item: dict[int, list[int]] = {}
    for finding_position, row in enumerate(records):
        positions_by_item.setdefault(int(row["item"]), []).append(finding_position)
    deciding = deciding_findings(result.findings, len(result.items))
    statuses = STATUS_LABELS[lang]
    views = []
    for position, item in enumerate(result.items.to_dict("records")):
        positions = positions_by_item.get(position, [])
        rows = [records[finding_position] for finding_position in positions]
        finding_views = tuple(_finding_view(row, documents, lang) for row in rows)
        verdict, status = item["verdict"], item["status"]
        worst_index = positions.index(deciding[position]) if deciding[position] >= 0 else None
        worst = rows[worst_index] if worst_index is not None else None
        worst_view = finding_views[worst_index] if worst_index is not None else None
        if worst_index:  # the deciding finding first: the codes start with it, the PDF prints it on the first line
            finding_views = (worst_view, *finding_views[:worst_index], *finding_views[worst_index + 1:])
        family = untrusted_text(item["family"]) or "unknown"
        section = _section(verdict, status)
        requirement, action = _requirement(verdict, status, worst, worst_view, result.as_of, lang)
        rating = _size_text(item, family, lang)
        if family == "product":  # a product's size is its output
            rating = number(item["output"], item["output_unit"] if pd.notna(item["output_unit"]) else None)
        views.append(ItemView(
            position=position, sheet=untrusted_text(item["sheet"]), row=int(item["row"]),
            equipment_id=untrusted_text(item["equipment_id"]), name=untrusted_text(item["name"]),
            model=untrusted_text(item["model"]), quantity=number(item["quantity"]), rating=rating, family=family,
            verdict=verdict, verdict_label=verdict_label(verdict, lang), status=status,
            status_label=statuses[status], section=section,
            codes=" ".join(dict.fromkeys(view.code for view in finding_views)),
            reason=worst_view.message if worst_view else "",
            # a compliant item has no requirement: its finding's value is the next grade's threshold
            required=worst_view.required if worst_view and section != "compliant" else "",
            requirement=requirement, action=action,
            deadline=worst_view.deadline if worst_view else "", findings=finding_views,
        ))
    return tuple(views)


def _count_rows(keys: list[str], labels: dict[str, str], items: list[ItemView], quantities: pd.Series,
                key_of) -> tuple[CountRow, ...]:
    rows = []
    for key in keys:
        chosen = [item for item in items if key_of(item) == key]
        if not chosen:
            continue
        sections = {name: sum(item.section == name for item in chosen) for name in SECTIONS}
        quantity = float(quantities.iloc[[item.position for item in chosen]].sum())
        rows.append(CountRow(key, labels[key], len(chosen), quantity, sections))
    return tuple(rows)


def _jurisdiction(result: AuditResult, lang: str) -> str:
    """The jurisdiction as its own rulebook names it (乌海市 / Wuhai); 全国 / national for the national rules."""
    books = [book for book in result.policies_applied if book.jurisdiction == result.jurisdiction]
    names = books[0].region_names if books else ()
    chinese = [name for name in names if is_chinese(name)]
    other = [name for name in names if not is_chinese(name)]
    if lang == "zh":
        return chinese[0] if chinese else ("全国" if result.jurisdiction == "national" else result.jurisdiction)
    return other[0] if other else ("China (national rules)" if result.jurisdiction == "national"
                                   else result.jurisdiction)


def _share(result: AuditResult) -> Share:
    """The 2027 target among key energy-using equipment, as the audit measured it (effaudit.target_share), and the
    target rules it rests on."""
    target = result.target
    assert target is not None
    basis = tuple((rule.document, rule.clause, rule.quote_zh, rule.message_zh, rule.message_en)
                  for rule in target_rules(result.policies_applied, result.as_of))
    return Share(target.assessed.lines, target.at_target.lines, target.assessed.quantity, target.at_target.quantity,
                 target.share_by_rated_power, basis)


def _documents(result: AuditResult, lang: str) -> tuple[DocumentView, ...]:
    """Appendix B: every standard, catalogue and policy rulebook the audit applied (a catalogue's edition, 第一批, in
    the report's language)."""
    standards = tuple(DocumentView(
        id=cited_name(d) if d.kind != "phase_out_catalogue" or d.document else "—", title_zh=d.title_zh,
        title_en=d.title_en, kind=d.kind, edition=clause_text(str(d.edition), lang), effective=d.effective.isoformat(),
        confidence=d.confidence, unverified=d.confidence in UNVERIFIED,
    ) for d in result.standards_applied)
    policies = tuple(DocumentView(
        id="、".join(sorted(_policy_documents(p))), title_zh=p.title_zh, title_en=p.title_en, kind=p.kind,
        edition=p.issued.isoformat(), effective=p.effective.isoformat(), confidence=p.confidence,
        unverified=p.confidence in UNVERIFIED,
    ) for p in result.policies_applied)
    return standards + policies


def _policy_documents(policy: PolicyRulebook) -> set[str]:
    """The documents a policy rulebook's findings cite (its rules' document numbers, or the plan's title)."""
    return {rule.document for rule in policy.rules}


def build_context(result: AuditResult, enterprise: Enterprise, lang: str = "zh") -> ReportContext:
    documents = Documents(result)
    items = _item_views(result, documents, lang)
    quantities = result.items["quantity"].astype(float)
    families = list(dict.fromkeys(item.family for item in items))
    family_labels = {family: FAMILY_LABELS.get(family, (family, family))[0 if lang == "zh" else 1]
                     for family in families}
    used = set(result.findings["standard"].dropna())
    applied = set(documents.by_id).union(*(_policy_documents(policy) for policy in result.policies_applied))
    enterprise = Enterprise(**{name: untrusted_text(value) or None for name, value in vars(enterprise).items()})
    return ReportContext(
        lang=lang, enterprise=enterprise, as_of=result.as_of, version=__version__,
        rulebook_version=result.rulebook.version, inventory_name=untrusted_text(result.inventory.path.name),
        inventory_sha256=result.inventory.sha256, items=items,
        by_verdict=_count_rows(list(VERDICT_ORDER), {v: verdict_label(v, lang) for v in VERDICT_ORDER}, list(items),
                               quantities, lambda item: item.verdict),
        by_family=_count_rows(families, family_labels, list(items), quantities, lambda item: item.family),
        share=_share(result), jurisdiction=_jurisdiction(result, lang), documents=_documents(result, lang),
        not_encoded=tuple(sorted(untrusted_text(s) for s in used - applied)),
        total_quantity=float(quantities.sum()),
        products=_products(result, lang),
        plan=plan_view(result, lang) if result.plan is not None and len(result.plan.items) else None,
    )


def _products(result: AuditResult, lang: str) -> tuple[ProductView, ...]:
    views = []
    for position, computation in sorted(result.quota_computations.items()):
        item = result.items.iloc[position]
        words = ("工作表", "行") if lang == "zh" else ("sheet", "row")
        heading = (f"{untrusted_text(item['product_name'])} — {words[0]} {untrusted_text(item['sheet'])} "
                   f"{words[1]} {item['row']} — {computation.standard.id} "
                   f"{clause_text(computation.entry.citation, lang)}")
        views.append(ProductView(heading, item["verdict"], verdict_label(item["verdict"], lang),
                                 tuple(untrusted_text(line) for line in computation_lines(computation, lang))))
    return tuple(views)


# --- The long lists of the PDF, as compact lines ------------------------------------------------------------------
# WeasyPrint's time grows with table cells, inline elements and lines, so the per-item sections are printed as
# plain lines of text (one block per item, no inline markup) under group headings that carry what the items share
# (verdict and requirement), and a remark repeated on many items is printed once as a numbered note.

NOTE_MIN_CHARS = {"zh": 20, "en": 40}  # a shorter remark is printed where it applies even when repeated
NOTE_MIN_REPEATS = 2


@dataclass(frozen=True)
class Entry:
    head: str  # id, where, name, model, quantity × rating
    findings: tuple[str, ...]  # one line per finding: code, citation, measured vs required, flags, remarks


@dataclass(frozen=True)
class EntryGroup:
    verdict: str
    heading: str  # the verdict and what every item of the group must do (or, in the appendix, its codes)
    count: int
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Listing:
    groups: tuple[EntryGroup, ...]
    notes: tuple[str, ...]  # note n is notes[n - 1]


_WORDS = {
    "zh": {"row": "{sheet} 第{row}行", "measured": "{metric}实测 {value}", "required": "要求 {value}",
           "inferred": "推定", "unverified": "数据待核实", "see": "注\u00a0{n}", "join": "；",
           "sep": "，", "head": "\u2002\u2002"},
    "en": {"row": "{sheet} row {row}", "measured": "{metric} measured {value}", "required": "required {value}",
           "inferred": "inferred", "unverified": "unverified data", "see": "note\u00a0{n}",
           "join": "; ", "sep": ", ", "head": "\u2002\u2002"},
}


def _unbroken(value: str) -> str:
    """``93.2 %`` kept on one line (a no-break space between number and unit)."""
    return value.replace(" ", "\u00a0")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _where(item: ItemView, words: dict) -> str:
    return words["row"].format(sheet=item.sheet, row=item.row).strip()


def _head(item: ItemView, words: dict) -> str:
    size = f"{item.quantity or '—'} × {item.rating or '—'}"
    parts = (item.equipment_id or "—", _where(item, words), item.name, item.model, size)
    return words["head"].join(part for part in parts if part)


def _remarks(finding: FindingView) -> tuple[str, ...]:
    return tuple(remark for remark in finding.remarks if remark.strip())


def _finding_line(finding: FindingView, item: ItemView, words: dict, notes: dict[str, int]) -> str:
    parts = [" ".join(part for part in (finding.code, finding.citation) if part)]
    if finding.measured:
        parts.append(words["measured"].format(metric=finding.metric, value=_unbroken(finding.measured)).strip())
    if finding.required:
        parts.append(words["required"].format(value=_unbroken(finding.required)))
    if finding.verdict_label and finding.verdict != item.verdict and (finding.measured or finding.required):
        parts.append(finding.verdict_label)
    parts += [words[flag] for flag in ("inferred", "unverified") if getattr(finding, flag)]
    remarks = [words["see"].format(n=notes[remark]) if remark in notes else remark
               for remark in _remarks(finding)]
    if remarks:
        parts.append(words["join"].join(remarks))
    return words["sep"].join(parts)


def listing(context: ReportContext, name: str) -> Listing:
    """A per-item section (rectification, renewal, not_assessable) as groups of compact entries: grouped by
    verdict and requirement, worst verdict first, items in inventory order within a group."""
    words = _WORDS[context.lang]
    items = context.section(name)
    counts: dict[str, int] = {}
    for item in items:
        for finding in item.findings:
            for remark in _remarks(finding):
                counts[remark] = counts.get(remark, 0) + 1
    notes: dict[str, int] = {}
    for remark, count in counts.items():  # numbered in order of first use
        if count >= NOTE_MIN_REPEATS and len(remark) >= NOTE_MIN_CHARS[context.lang]:
            notes[remark] = len(notes) + 1
    groups: dict[tuple[str, str], list[Entry]] = {}
    for item in items:
        entry = Entry(_head(item, words), tuple(_finding_line(f, item, words, notes) for f in item.findings))
        groups.setdefault((item.verdict, item.action), []).append(entry)
    return Listing(
        groups=tuple(EntryGroup(verdict, " — ".join(part for part in (_capital(verdict_label(verdict, context.lang)),
                                                                     action) if part), len(entries), tuple(entries))
                     for (verdict, action), entries in groups.items()),
        notes=tuple(notes))


def compliant_listing(context: ReportContext) -> Listing:
    """The appendix of compliant and out-of-scope items: one short entry per item, grouped by verdict and codes."""
    words = _WORDS[context.lang]
    groups: dict[tuple[str, str], list[Entry]] = {}
    for item in context.section("compliant"):
        measured = " ".join(f.measured for f in item.findings if f.measured)
        size = f"{item.quantity or '—'} × {item.rating or '—'}"
        text = " ".join(part for part in (item.equipment_id or "—", item.name, item.model, size, measured) if part)
        groups.setdefault((item.verdict, item.codes), []).append(Entry(f"{text}（{_where(item, words)}）"
                                                                       if context.lang == "zh" else
                                                                       f"{text} ({_where(item, words)})", ()))
    return Listing(
        groups=tuple(EntryGroup(verdict, " · ".join(part for part in (_capital(verdict_label(verdict, context.lang)),
                                                                              codes) if part),
                                len(entries), tuple(entries))
                     for (verdict, codes), entries in groups.items()),
        notes=())
