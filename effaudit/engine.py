"""Audit: canonical items + rulebook + audit date → findings (one row per finding) and one verdict per item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from effaudit.checks import catalogue, data_quality, efficiency, policy, quota
from effaudit.checks.base import AuditContext
from effaudit.columns import FAMILIES
from effaudit.conditions import derived_fields
from effaudit.derive import derive
from effaudit.finding_texts import texts
from effaudit.findings import joined, resolve_verdicts
from effaudit.frames import give_back_freed_memory
from effaudit.inventory import Inventory
from effaudit.io.values import factorize, messages
from effaudit.quotas.compute import QuotaComputation
from effaudit.read_as import read_as_records
from effaudit.savings.estimate import Savings, estimate, per_item
from effaudit.savings.finding import saving_findings
from effaudit.savings.plan import RenewalPlan, renewal_plan
from effaudit.savings.profile import OperatingProfile
from effaudit.standards.rulebook import Rulebook
from effaudit.target_share import TargetShare, target_share

CHECKS = (catalogue.run, efficiency.run, policy.run)


@dataclass(frozen=True)
class AuditResult:
    inventory: Inventory
    rulebook: Rulebook
    as_of: dt.date
    items: pd.DataFrame     # canonical items plus verdict and status
    findings: pd.DataFrame  # one row per finding; `item` is the position in `items`
    jurisdiction: str = "national"  # whose policy rulebooks applied (Rulebook.policies_for)
    quota_computations: dict[int, QuotaComputation] = field(default_factory=dict)  # product item → how judged
    # Per item, the values not stated in their own column: a JSON array text, or None (effaudit.read_as)
    read_as: np.ndarray | None = None
    target: TargetShare | None = None  # the 2027 energy-saving share: the one figure every output gives
    savings: Savings | None = None  # what replacing each item below the energy-saving level would save
    plan: RenewalPlan | None = None  # the renewal project list: what to act on, ranked

    @property
    def standards_applied(self) -> list:
        """Every rulebook document that produced a finding, in rulebook order, and the conversion factors used."""
        used = set(self.findings["standard"].dropna().unique())
        converted = {c.standard.conversion for c in self.quota_computations.values() if c.carriers}
        rulebook = self.rulebook
        return [d for d in (*rulebook.standards, *rulebook.catalogues, *rulebook.quotas) if d.id in used] \
            + [c for c in rulebook.conversions if c.path.stem in converted]

    @property
    def policies_applied(self) -> list:
        """The policy rulebooks of the jurisdiction, included ones first (national → region → city)."""
        return self.rulebook.policies_for(self.jurisdiction) if self.rulebook.policies else []


def _family_categories(items: pd.DataFrame) -> pd.DataFrame:
    """``family`` as a categorical of every family code while the checks run: they compare it with a family many
    times, which on codes costs a fraction of comparing 200 000 strings."""
    codes, found = factorize(items["family"])
    families = list(dict.fromkeys([*FAMILIES, *found]))
    position = np.array([families.index(family) for family in found] + [-1])  # code -1 (missing) stays -1
    return items.assign(family=pd.Categorical.from_codes(position[codes], categories=families))


def _with_parts(inventory: Inventory) -> pd.DataFrame:
    """The items, then the motors judged as parts of them (a crane's motors, a pump's drive motor), as rows."""
    if not len(inventory.parts):
        return inventory.items
    return pd.concat([inventory.items, inventory.parts.drop(columns="parent")], ignore_index=True)


def _padded(read_as: list, size: int) -> list:
    return [(name, source, np.pad(flags, (0, size - len(flags)))) for name, source, flags in read_as]


# The findings columns the savings estimate reads. It is given only these: it keeps the grade findings (at
# 1,000,000 motors nearly all of them), and each such copy of every column would hold ~250 MB.
SAVING_INPUTS = ["item", "code", "metric", "measured_value", "measured_unit", "grade2_value", "standard", "clause",
                 "confidence"]


PART_ONLY_WHEN_MEASURED = ("EF",)  # a part's grade findings count only when its efficiency or IE class is stated


def _to_parents(findings: pd.DataFrame, parts: pd.DataFrame, first_part: int) -> pd.DataFrame:
    """The findings of parts (the rows from ``first_part`` on) moved to their items, each message saying which motor
    it is about (起升电机 ZD31-4：…). A part's efficiency findings count only when its nameplate states an efficiency or IE class: a
    drive motor known by its model alone is checked against the catalogues, not graded from its series."""
    if not len(parts):
        return findings
    of_part = (findings["item"] >= first_part).to_numpy()
    if not of_part.any():
        return findings
    position = findings.loc[of_part, "item"].to_numpy() - first_part
    measured = (parts["efficiency_pct"].notna() | parts["efficiency_class_text"].notna()).to_numpy()[position]
    grade_only = findings.loc[of_part, "code"].str.startswith(PART_ONLY_WHEN_MEASURED).to_numpy()
    keep = np.ones(len(findings), dtype=bool)
    keep[np.flatnonzero(of_part)[grade_only & ~measured]] = False
    labels = (parts["name"].astype(str) + np.where(parts["model"].notna(), " " + parts["model"].astype(str), "")
              ).to_numpy()[position]
    english = np.where(parts["name"].to_numpy()[position] == "配套电机", "drive motor", labels)
    findings = findings.copy()
    findings.loc[of_part, "part_zh"], findings.loc[of_part, "part_en"] = labels, english
    findings.loc[of_part, "message_zh"], findings.loc[of_part, "message_en"] = messages(
        lambda zh, en, sentence_zh, sentence_en: texts("part", "", part=(zh, en), sentence=(sentence_zh, sentence_en)),
        labels, english, findings.loc[of_part, "message_zh"], findings.loc[of_part, "message_en"])
    findings.loc[of_part, "item"] = parts["parent"].to_numpy()[position]
    return findings[keep].reset_index(drop=True)


def _savings_to_parents(savings: Savings, parts: pd.DataFrame, first_part: int) -> Savings:
    """The savings of parts (positions from ``first_part`` on) as savings of their items (a crane's motors, a pump's
    drive motor), one row per item (``Savings.per_item``): every output then reads the same figure."""
    position = savings.items["item"].to_numpy()
    of_part = position >= first_part
    if not of_part.any():
        return savings
    position = position.copy()
    position[of_part] = parts["parent"].to_numpy()[position[of_part] - first_part]
    return replace(savings, items=per_item(savings.items.assign(item=position)))


def audit(inventory: Inventory, rulebook: Rulebook, as_of: dt.date, jurisdiction: str = "national",
          profile: OperatingProfile | None = None) -> AuditResult:
    """``jurisdiction`` picks the policy rulebooks (Rulebook.policies_for); an unknown one is a RulebookError.
    ``profile`` (hours, load, prices, costs: effaudit.savings.profile) feeds the savings estimate."""
    if rulebook.policies:
        rulebook.policies_for(jurisdiction)  # fail early on an unknown jurisdiction
    boiler = rulebook.in_force("boiler", as_of)
    mw_per_t_h = (boiler.capacity_equivalence or {}).get("mw_per_t_h") if boiler else None
    count = len(inventory.items)
    audited = _with_parts(inventory)
    derived, read_as = derive(_family_categories(derived_fields(audited)), mw_per_t_h,
                              _padded(inventory.read_as, len(audited)))
    items = policy.prepare(derived, as_of)
    del audited, derived
    context = AuditContext(items=items, rulebook=rulebook, as_of=as_of, jurisdiction=jurisdiction,
                           problems=inventory.problems)
    frames = [data_quality.run(context, inventory.problems), data_quality.model_conflicts(inventory.model_conflicts)]
    frames += [check(context) for check in CHECKS]
    quota_findings, computations = quota.run(context)
    del context  # it holds the items with their derived columns, let go once the savings are estimated
    frames.append(quota_findings)
    del quota_findings  # ``joined`` lets each frame's columns go as it uses them: no other reference may hold them
    findings = joined(frames)
    give_back_freed_memory()
    profile = profile or OperatingProfile()
    savings = estimate(items, findings[SAVING_INPUTS], rulebook, profile, mw_per_t_h)
    give_back_freed_memory()
    items = items.iloc[:count]
    read_as = read_as_records(items, [(name, source, flags[:count]) for name, source, flags in read_as])
    family = items["family"]
    del items  # with its derived columns: ~40 MB less under the last stages at 1,000,000 lines
    give_back_freed_memory()
    frames = [_to_parents(frame, inventory.parts, count) for frame in (findings, saving_findings(savings, rulebook))]
    del findings
    findings = joined(frames, sort=True)
    verdicts = resolve_verdicts(findings, count)
    # A product row's name is its product (产品名称): every output that lists items by name shows it.
    names = inventory.items["name"]
    if "product_name" in inventory.items:
        names = names.fillna(inventory.items["product_name"].where(family == "product"))
    result_items = inventory.items.assign(name=names, family=family.astype("string"),
                                          verdict=verdicts["verdict"].to_numpy(), status=verdicts["status"].to_numpy())
    target = target_share(result_items)
    give_back_freed_memory()
    savings = _savings_to_parents(savings, inventory.parts, count)
    result = AuditResult(inventory, rulebook, as_of, result_items, findings, jurisdiction, computations, read_as,
                         target, savings, renewal_plan(result_items, findings, savings, target, profile.target_share))
    give_back_freed_memory()
    return result
