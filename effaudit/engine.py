"""Audit: canonical items + rulebook + audit date → findings (one row per finding) and one verdict per item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from effaudit.checks import catalogue, data_quality, efficiency
from effaudit.checks.base import AuditContext
from effaudit.conditions import derived_fields
from effaudit.findings import empty_findings, resolve_verdicts
from effaudit.inventory import Inventory
from effaudit.modelstrings import motor_series_hint, parse_motor_models
from effaudit.standards.rulebook import Rulebook

MOTOR_FAMILIES = ("motor_lv", "motor_hv", "motor_pmsm")
CHECKS = (catalogue.run, efficiency.run)


@dataclass(frozen=True)
class AuditResult:
    inventory: Inventory
    rulebook: Rulebook
    as_of: dt.date
    items: pd.DataFrame     # canonical items plus verdict and status
    findings: pd.DataFrame  # one row per finding; `item` is the position in `items`

    @property
    def standards_applied(self) -> list:
        """Every rulebook document that produced a finding, in rulebook order."""
        used = set(self.findings["standard"].dropna())
        return [d for d in (*self.rulebook.standards, *self.rulebook.catalogues) if d.id in used]


def _with_model_hints(items: pd.DataFrame) -> pd.DataFrame:
    """Add what motor model strings tell: the series, the efficiency class it suggests (inference only), and
    whether it is a high-voltage motor (a `6kV` in the model, or a high-voltage series) that the reader could not
    tell from a voltage column. A stated voltage always wins."""
    motors = items["family"].isin(MOTOR_FAMILIES) & items["model"].notna()
    series = pd.Series(pd.NA, index=items.index, dtype=object)
    hint = pd.Series(pd.NA, index=items.index, dtype=object)
    family = items["family"].copy()
    if motors.any():
        parsed = parse_motor_models(items.loc[motors, "model"])
        hints = motor_series_hint(parsed["series"], parsed["frame"])
        series[motors] = parsed["series"].astype(object)
        hint[motors] = hints["ie_class_hint"].astype(object)
        voltage_unknown = items.loc[motors, "rated_voltage_v"].isna()
        high_voltage = voltage_unknown & ((parsed["voltage_v"] > 1000) | (hints["series_kind"] == "hv")).fillna(False)
        family[high_voltage[high_voltage].index] = "motor_hv"
    return items.assign(model_series=series, class_hint=hint, family=family)


def audit(inventory: Inventory, rulebook: Rulebook, as_of: dt.date) -> AuditResult:
    items = _with_model_hints(derived_fields(inventory.items))
    context = AuditContext(items=items, rulebook=rulebook, as_of=as_of)
    frames = [empty_findings(), data_quality.run(context, inventory.problems)]
    frames += [check(context) for check in CHECKS]
    findings = pd.concat(frames, ignore_index=True)
    findings = findings.sort_values(["item", "code"], kind="stable").reset_index(drop=True)
    verdicts = resolve_verdicts(findings, len(items))
    result_items = inventory.items.assign(family=items["family"], verdict=verdicts["verdict"].to_numpy(),
                                          status=verdicts["status"].to_numpy())
    return AuditResult(inventory, rulebook, as_of, result_items, findings)
