"""Check families: PO phase-out catalogues, EF efficiency grade, QT unit-product energy quotas, DQ data quality, RG
renewal-plan rules (one module each; the RG rules are built from standards_data/policies/)."""

from __future__ import annotations

from dataclasses import replace

import effaudit.frames  # noqa: F401 - Python-string text columns, before any frame is made
from effaudit.checks.base import Rule

# Codes are never reused. A renamed code keeps working here: old code -> new code.
REDIRECTS: dict[str, str] = {}


def all_rules() -> dict[str, Rule]:
    """Every finding code with its documentation (the RG codes from the policy rulebooks the rulebook loaded)."""
    from effaudit.checks import catalogue, data_quality, efficiency, policy, quota
    from effaudit.checks.doc_zh import DOCS_ZH
    from effaudit.savings import finding as saving
    from effaudit.standards.rulebook import Rulebook

    rules = (*catalogue.RULES, *efficiency.RULES, *saving.RULES, *quota.RULES, *data_quality.RULES,
             *policy.policy_rules(Rulebook.load().policies))
    return {rule.code: replace(rule, doc_zh=DOCS_ZH[rule.code]) if rule.code in DOCS_ZH else rule
            for rule in rules}


def find_rule(code: str) -> Rule | None:
    code = code.strip().upper()
    return all_rules().get(REDIRECTS.get(code, code))
