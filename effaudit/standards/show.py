"""Plain-text description of one rulebook document, for `effaudit standards show`."""

from __future__ import annotations

import pandas as pd

from effaudit.standards.model import Catalogue, EfficiencyStandard, PolicyRulebook


def _header(document: EfficiencyStandard | Catalogue | PolicyRulebook) -> list[str]:
    lines = [f"{document.id} — {document.title_zh}", f"  {document.title_en}",
             f"  edition {document.edition}, effective {document.effective.isoformat()}, confidence {document.confidence}",
             f"  file {document.path.name}"]
    return lines


def describe(document: EfficiencyStandard | Catalogue | PolicyRulebook) -> str:
    lines = _header(document)
    if isinstance(document, EfficiencyStandard):
        lines.append(f"  scope: {document.scope_zh}")
        lines += [f"  metric: {m.name} ({m.unit}, {m.direction})" for m in document.metrics]
        for table in document.tables:
            lines.append(f"\n{table.id}: {table.citation} (confidence {table.confidence})")
            with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 40):
                lines.append(table.rows.drop(columns=["note"]).to_string(index=False))
    elif isinstance(document, PolicyRulebook):
        lines.append(f"  jurisdiction: {document.jurisdiction}; includes: {', '.join(document.includes) or '—'}")
        for rule in document.rules:
            when = "; ".join(condition.describe() for condition in rule.match)
            lines.append(f"  {rule.code}  [{rule.family}] {rule.strength}: {rule.title_zh} ({when}) — {rule.clause}")
    else:
        lines.append(f"  document: {document.document}")
        for entry in document.entries:
            matches = ", ".join(entry.models[:6]) + (" …" if len(entry.models) > 6 else "")
            if entry.series:
                matches = ("series " + ", ".join(entry.series) + "; " + matches).rstrip("; ")
            if entry.match == "family":
                matches = "every item of the family where " + " or ".join(
                    "; ".join(condition.describe() for condition in outcome.when) for outcome in entry.outcomes)
            lines.append(f"  {entry.serial:>6}  [{entry.family}] {entry.product_zh}: {matches}")
    return "\n".join(lines)
