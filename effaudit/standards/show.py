"""Plain-text description of one rulebook document, for `effaudit standards show`."""

from __future__ import annotations

import pandas as pd

from effaudit.standards.emission import EmissionFactors
from effaudit.standards.model import Catalogue, EfficiencyStandard, PolicyRulebook
from effaudit.standards.quota_model import ConversionFactors, QuotaStandard

Document = EfficiencyStandard | Catalogue | PolicyRulebook | QuotaStandard | ConversionFactors | EmissionFactors


def _header(document: Document, lang: str) -> list[str]:
    if lang == "zh":
        return [f"{document.id} — {document.title_zh}", f"  {document.title_en}",
                f"  版本 {document.edition}，{document.effective.isoformat()} 起实施，可信度 {document.confidence}",
                f"  数据文件 {document.path.name}"]
    return [f"{document.id} — {document.title_en}", f"  {document.title_zh}",
            f"  edition {document.edition}, effective {document.effective.isoformat()}, confidence {document.confidence}",
            f"  file {document.path.name}"]


def describe(document: Document, lang: str = "en") -> str:
    """The document's header in ``lang`` and its tables, entries or rules (the scope in its own language)."""
    zh = lang == "zh"
    lines = _header(document, lang)
    if isinstance(document, QuotaStandard):
        lines += _quota(document)
    elif isinstance(document, ConversionFactors):
        lines += [f"  {c.zh} / {c.en}: {c.kgce:g} kgce/{c.per}"
                  + (f" (range {c.range[0]:g}–{c.range[1]:g})" if c.range else "")
                  + (f"; measured LHV column {c.measured_lhv_column}" if c.measured_lhv_column else "")
                  + f" — {c.table}, {c.confidence}" for c in document.carriers]
    elif isinstance(document, EmissionFactors):
        lines += [f"  {f.id}{' (default)' if f.id == document.default_electricity else ''}: {f.kg_co2_per_kwh:g} "
                  f"kgCO2/kWh — {f.zh if zh else f.en}; {f.document}; {f.confidence}" for f in document.electricity]
        lines += [f"  {f.fuel}: {f.kg_co2_per_unit:g} kgCO2/{f.per} — {f.document}; {f.confidence}"
                  for f in document.fuels]
    elif isinstance(document, EfficiencyStandard):
        lines.append(f"  {'适用范围：' if zh else 'scope: '}{document.scope_zh}")
        lines += [f"  {'指标：' if zh else 'metric: '}{m.name} ({m.unit}, {m.direction})" for m in document.metrics]
        for table in document.tables:
            lines.append(f"\n{table.id}: {table.citation} ({'可信度' if zh else 'confidence'} {table.confidence})")
            if table.metrics:
                lines.append(f"  {'指标：' if zh else 'metric: '}{', '.join(table.metrics)}")
            ungraded = [f"{metric.name}_g{grade}" for metric in document.metrics if not table.grades_metric(metric.name)
                        for grade in document.grades]
            with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 40):
                lines.append(table.rows.drop(columns=["note", *ungraded]).to_string(index=False))
    elif isinstance(document, PolicyRulebook):
        lines.append(f"  {'适用地区：' if zh else 'jurisdiction: '}{document.jurisdiction}; "
                     f"{'包含：' if zh else 'includes: '}{', '.join(document.includes) or '—'}")
        for rule in document.rules:
            when = "; ".join(condition.describe() for condition in rule.match)
            title = rule.title_zh if zh else rule.title_en
            lines.append(f"  {rule.code}  [{rule.family}] {rule.strength}: {title} ({when}) — {rule.clause}")
    else:
        lines.append(f"  {'文号：' if zh else 'document: '}{document.document}")
        for entry in document.entries:
            matches = ", ".join(entry.models[:6]) + (" …" if len(entry.models) > 6 else "")
            if entry.series:
                matches = ("series " + ", ".join(entry.series) + "; " + matches).rstrip("; ")
            if entry.match == "family":
                matches = "every item of the family where " + " or ".join(
                    "; ".join(condition.describe() for condition in outcome.when) for outcome in entry.outcomes)
            if any(outcome.action == "verify" for outcome in entry.outcomes):
                matches += (" (列名待核实，不据此判定淘汰)" if zh else " (listing unconfirmed: verify, flags nothing)")
            lines.append(f"  {entry.serial:>6}  [{entry.family}] {entry.product_zh}: {matches}")
    return "\n".join(lines)


def _quota(quota: QuotaStandard) -> list[str]:
    basis = ("当量值 (equivalent value)" if quota.electricity_basis == "equivalent"
             else f"等价值 {quota.electricity_kgce_per_kwh:g} kgce/kWh")
    lines = [f"  electricity: {basis}, clause {quota.electricity_clause or 'not read'} "
             f"({quota.electricity_confidence}); conversion: {quota.conversion}",
             "  lower is better; grade 3 = 限定值, grade 2 = 准入值 (energy-saving level), grade 1 = 先进值"]
    for entry in quota.entries:
        grades = " / ".join("—" if g != g else f"{g:g}" for g in (entry.grades[1], entry.grades[2], entry.grades[3]))
        lines.append(f"\n  {entry.id}: {entry.label_zh} — {entry.indicator_zh} [{entry.unit}] g1/g2/g3 {grades} "
                     f"({entry.citation}; {entry.confidence})")
        lines += [f"      correction {c.id}: {c.name_zh} — {c.describe_rule()} → grades "
                  f"{', '.join(map(str, c.grades))} ({c.citation})" for c in entry.corrections]
        lines += [f"      not applied: {u.zh}" for u in entry.uncorrected]
    return lines
