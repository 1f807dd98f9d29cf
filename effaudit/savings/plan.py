"""The renewal project list (设备更新改造项目清单): every item to act on, what to do, and in which order.

    phase_out  a phase-out catalogue or a plan's scrapping rule lists it (verdict phase_out): replace it by the
               deadline
    replace    a measured value below the energy-saving level (EF101, EF102; the item's verdict may be
               not_assessable for another reason, such as an unreadable date): replace it by one at grade 2
    assess     a renewal plan asks for an assessment or a priority renewal (an advisory RG finding)

Ranked by payback (shortest first) where the investment and the money saved are known, then by the standard coal
saved (largest first), then by deadline (earliest first), then by the inventory's order.

What the 2027 target needs (``to_target``): the key items below the energy-saving level in the list, cheapest first
— by investment per unit moved over (the share counts units), then by standard coal saved — with the share after
each replacement, until the target share is reached.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from effaudit.savings.estimate import Savings
from effaudit.savings.methods import methods
from effaudit.target_share import TargetShare

ACTIONS = ("phase_out", "replace", "assess")
ACTION_TEXT = {"phase_out": ("淘汰更新", "phase out"), "replace": ("更新至节能水平", "replace (grade 2)"),
               "assess": ("评估", "assess")}
PLAN_COLUMNS = ("rank", "item", "action", "code", "standard", "clause", "deadline", "kwh", "fuel", "amount",
                "amount_unit", "tce", "tco2", "money", "investment", "payback_years", "reason")
TARGET_COLUMNS = ("step", "rank", "item", "units", "investment", "investment_per_unit", "tce", "share_after")


@dataclass(frozen=True)
class RenewalPlan:
    items: pd.DataFrame  # PLAN_COLUMNS, in rank order; ``item`` is the position in the result's items
    to_target: pd.DataFrame  # TARGET_COLUMNS: the key items below the level, cheapest first, the share after each
    share_now: float | None  # the 2027 share by units today
    target_share: float | None  # the share to reach (the operating profile's), None: not set
    items_to_target: int | None  # how many of ``to_target``, in its order, reach the target; None: not reached/unset

    @property
    def investment_to_target(self) -> float | None:
        """The known investment of the ``items_to_target`` first steps (None when there is no such step)."""
        if not self.items_to_target:
            return None
        values = self.to_target["investment"].iloc[:self.items_to_target].dropna()
        return round(float(values.sum()), 6) if len(values) else None

    def totals(self) -> dict[str, float | int | None]:
        """The list's sums (over the items whose figure is known)."""
        def total(column: str) -> float | None:
            values = self.items[column].dropna()
            return round(float(values.sum()), 6) if len(values) else None

        counts = self.items["action"].value_counts()
        return {"items": int(len(self.items)), **{action: int(counts.get(action, 0)) for action in ACTIONS},
                "kwh_per_year": total("kwh"), "tce_per_year": total("tce"), "tco2_per_year": total("tco2"),
                "money_per_year": total("money"), "investment": total("investment")}


def _first(findings: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """Each item's first finding among ``findings[mask]`` (findings are sorted by item, then code); only those rows
    are taken (at 1,000,000 motors ``findings[mask]`` would copy 700,000)."""
    rows = np.flatnonzero(mask)
    _, first = np.unique(findings["item"].to_numpy()[rows], return_index=True)
    return findings.take(rows[np.sort(first)])


def renewal_plan(items: pd.DataFrame, findings: pd.DataFrame, savings: Savings, target: TargetShare,
                 target_share: float | None) -> RenewalPlan:
    verdict = findings["verdict"].to_numpy(dtype=object, na_value=None)
    severity = findings["severity"].to_numpy(dtype=object, na_value=None)
    item_verdict = items["verdict"].to_numpy(dtype=object, na_value=None)[findings["item"].to_numpy()]
    findings = findings[["item", "code", "standard", "clause", "deadline"]]  # what the list cites: not every column
    phase_out = _first(findings, (verdict == "phase_out") & (item_verdict == "phase_out")).assign(action="phase_out")
    replace = _first(findings, findings["code"].isin(("EF101", "EF102")).to_numpy(bool)
                     & (item_verdict != "phase_out")).assign(action="replace")
    assess = _first(findings, findings["code"].str.startswith("RG").to_numpy(dtype=bool, na_value=False)
                    & (severity == "advisory") & (verdict == None))  # noqa: E711 - elementwise
    del verdict, severity, item_verdict, findings
    acted = np.concatenate([phase_out["item"].to_numpy(), replace["item"].to_numpy()])
    assess = assess[~np.isin(assess["item"].to_numpy(), acted)].assign(action="assess")
    plan = pd.concat([phase_out, replace, assess], ignore_index=True)
    del phase_out, replace, assess
    plan = plan[["item", "action", "code", "standard", "clause", "deadline"]]

    # Ranked first, then given the savings' figures: the list is copied once with them, not twice (at 1,000,000
    # motors each copy is ~90 MB).
    saved = savings.items.set_index("item")  # one row per item (the audit sums an item's parts)
    looked_up = saved[["payback_years", "tce"]].reindex(plan["item"].to_numpy())
    keys = pd.DataFrame({
        "has_payback": looked_up["payback_years"].isna().to_numpy(),
        "payback": looked_up["payback_years"].fillna(np.inf).to_numpy(),
        "has_tce": looked_up["tce"].isna().to_numpy(), "tce": -looked_up["tce"].fillna(0.0).to_numpy(),
        "deadline": plan["deadline"].astype(object).fillna("~"), "item": plan["item"]})  # ISO dates; none last
    order = keys.sort_values(list(keys.columns), kind="stable").index
    del looked_up, keys
    figures = ["kwh", "fuel", "amount", "amount_unit", "tce", "tco2", "money", "investment", "payback_years",
               "reason"]
    plan = plan.loc[order].reset_index(drop=True).join(saved[figures], on="item")
    # Not estimated at all: its family has no formula (air conditioners), or nothing measured to estimate from.
    family = items["family"].to_numpy(dtype=object, na_value=None)[plan["item"].to_numpy(dtype=int)]
    unsaved = np.where(pd.Series(family).isin(methods().families).to_numpy(), "no_measured", "no_method")
    plan["reason"] = plan["reason"].fillna(pd.Series(np.where(plan["item"].isin(saved.index), None, unsaved),
                                                     index=plan.index, dtype="string"))
    plan.insert(0, "rank", np.arange(1, len(plan) + 1))
    assert tuple(plan.columns) == PLAN_COLUMNS  # built in that order: selecting them would copy the figures
    return RenewalPlan(plan, *_to_target(plan, target, target_share))


def _to_target(plan: pd.DataFrame, target: TargetShare, target_share: float | None
               ) -> tuple[pd.DataFrame, float | None, float | None, int | None]:
    """(to_target, share now, target share, steps to reach it): each key item below the level that the list acts on,
    cheapest per unit first (unknown investments last, by standard coal saved), and the share after it."""
    below = target.below_target
    units_below = pd.Series(below["units"].to_numpy(), index=below["item"].to_numpy())
    steps = plan.loc[plan["item"].isin(units_below.index).to_numpy(), ["rank", "item", "investment", "tce"]]
    steps["units"] = steps["item"].map(units_below).to_numpy(dtype=float)
    steps["investment_per_unit"] = steps["investment"] / steps["units"]
    keys = pd.DataFrame({"unknown": steps["investment_per_unit"].isna(),
                         "per_unit": steps["investment_per_unit"].fillna(np.inf),
                         "tce": -steps["tce"].fillna(0.0), "rank": steps["rank"]})
    steps = steps.loc[keys.sort_values(list(keys.columns), kind="stable").index].reset_index(drop=True)
    steps.insert(0, "step", np.arange(1, len(steps) + 1))
    assessed, at_target = target.assessed.quantity, target.at_target.quantity
    share_now = target.share_by_count
    steps["share_after"] = (at_target + np.cumsum(steps["units"].to_numpy())) / assessed if assessed > 0 else np.nan
    reached = None
    if target_share is not None and share_now is not None:
        hits = np.flatnonzero(steps["share_after"].to_numpy() >= target_share - 1e-12)
        reached = 0 if share_now >= target_share else (int(hits[0]) + 1 if len(hits) else None)
    return steps[list(TARGET_COLUMNS)], share_now, target_share, reached
