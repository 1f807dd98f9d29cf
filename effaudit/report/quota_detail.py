"""How a product row was judged, for every output: the carriers with their coefficients, the sum, the output, the
unit consumption, the grade limits with each correction — enough for an inspector to redo the sum by hand."""

from __future__ import annotations

import math

from effaudit.labels import clause_text, field_label, field_value
from effaudit.quotas.compute import QuotaComputation
from effaudit.standards.quota_model import GRADES

SOURCE_TEXT = {
    "carriers": ("按分品种能源消费量核算", "computed from the energy carriers"),
    "total": ("按综合能耗总量核算", "computed from the total energy consumption"),
    "reported": ("采用填报的单位产品能耗", "the reported unit consumption"),
}


def _round(value: float | None, digits: int = 6) -> float | None:
    """JSON-safe: None for a missing or unbounded value (JSON has no NaN or Infinity)."""
    return None if value is None or not math.isfinite(value) else round(value, digits)


def computation_record(computation: QuotaComputation, lang: str = "zh") -> dict:
    """The JSON form (``items[].computation``)."""
    entry, standard = computation.entry, computation.standard
    zh = lang == "zh"
    return {
        "standard": standard.id,
        "entry": entry.id,
        "product": entry.label_zh if zh else entry.label_en,
        "indicator": entry.indicator_zh if zh else entry.indicator_en,
        "citation": entry.citation,
        "confidence": entry.confidence,
        "unit": entry.unit,
        "basis": computation.source,
        "carriers": [{"carrier": use.zh if zh else use.en, "column": use.column, "amount": _round(use.amount),
                      "unit": use.unit, "kgce_per_unit": _round(use.coefficient), "coefficient_source": use.basis,
                      "confidence": use.confidence, "kgce": _round(use.kgce)} for use in computation.carriers],
        "total_kgce": _round(computation.total_kgce),
        "output": None if computation.output is None else {"value": _round(computation.output),
                                                            "unit": computation.output_unit},
        "unit_consumption": _round(computation.value),
        "reported": _round(computation.reported),
        "limits": {str(g): {"table": _round(entry.grades[g]), "corrected": _limit(computation, g)} for g in GRADES},
        "corrections": [{"id": use.correction.id, "name": use.correction.name_zh if zh else use.correction.name_en,
                         "input": use.correction.input, "value": _input(use.input_value),
                         "rule": use.correction.describe_rule(), "citation": use.correction.citation,
                         "addend": {str(g): _span(low, high) for g, (low, high) in use.addend.items()}}
                        for use in computation.corrections],
        "not_applied": [{"correction": u.zh if zh else u.en, "clause": u.clause, "grades": list(u.grades)}
                        for u in entry.uncorrected],
    }


def _limit(computation: QuotaComputation, grade: int) -> float | list[float] | None:
    return _span(computation.limits_low[grade], computation.limits_high[grade])


def _span(low: float, high: float) -> float | list[float] | None:
    """One number when known; [low, high] while a missing input leaves it open."""
    if math.isnan(low) and math.isnan(high):
        return None
    return _round(low) if low == high else [_round(low), _round(high)]


def _input(value: object) -> object:
    if value is None:
        return None
    return _round(float(value)) if isinstance(value, (int, float)) else str(value)


def computation_lines(computation: QuotaComputation, lang: str = "zh") -> list[str]:
    """The computation as text lines (terminal, PDF, workbook)."""
    entry, zh = computation.entry, lang == "zh"
    lines = []
    for use in computation.carriers:
        name = use.zh if zh else use.en
        lines.append(f"{name} {_amount(use.amount)} {use.unit} × {use.coefficient:.6g} kgce/{use.unit} = "
                     f"{_amount(use.kgce)} kgce  [{use.basis}]")
    if computation.total_kgce is not None and not math.isnan(computation.total_kgce):
        total = f"{_amount(computation.total_kgce)} kgce"
        output = f"{_amount(computation.output)} {computation.output_unit}" if computation.output is not None else "—"
        lines.append(("合计 " if zh else "total ") + f"{total} ÷ " + ("产量 " if zh else "output ") + output)
    source = SOURCE_TEXT[computation.source][0 if zh else 1]
    if math.isnan(computation.value):
        value, source = "—", "无法核算" if zh else "cannot be formed"
    else:
        value = f"{computation.value:.6g} {entry.unit}"
    lines.append(f"单位产品能耗 {value}（{source}）" if zh else f"unit consumption {value} ({source})")
    for use in computation.corrections:
        correction = use.correction
        given = (f"{field_label(correction.input, lang)} = "
                 f"{field_value(correction.input, use.input_value, lang) or use.input_value}"
                 if use.input_value is not None else ("未填" if zh else "not given"))
        addends = ", ".join(f"g{g} {_addend_text(low, high)}" for g, (low, high) in use.addend.items())
        lines.append(f"{correction.name_zh if zh else correction.name_en}: {given} → {addends} "
                     f"[{clause_text(correction.citation, lang)}]")
    limits = []
    for grade in GRADES:
        low, high = computation.limits_low[grade], computation.limits_high[grade]
        limits.append(f"{grade}级 {_addend_text(low, high, signed=False)}" if zh
                      else f"grade {grade} {_addend_text(low, high, signed=False)}")
    lines.append(("修正后限额 " if zh else "limits after corrections ") + "; ".join(limits) + f" {entry.unit}")
    lines += [("未计入的修正：" if zh else "not applied: ") + (u.zh if zh else u.en) for u in entry.uncorrected]
    return lines


def _amount(value: float) -> str:
    """Plain digits with thousands separators (1,200,000,000 rather than 1.2e+09): amounts are copied by hand."""
    return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) >= 1000 else f"{value:.6g}"


def _addend_text(low: float, high: float, signed: bool = True) -> str:
    if math.isnan(low) and math.isnan(high):
        return "—"
    if not (math.isfinite(low) and math.isfinite(high)):
        return "?"  # an unbounded linear rule whose input is missing: the limit is open
    form = "{:+.6g}" if signed else "{:.6g}"
    return form.format(low) if low == high else f"{form.format(low)}…{form.format(high)}"
