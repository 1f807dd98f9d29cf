"""The findings frame (one row per finding) and how an item's verdict and status follow from its findings."""

from __future__ import annotations

import numpy as np
import pandas as pd

# Verdict precedence, worst first. `not_assessable` ranks above the grades that are not violations: an item whose
# catalogue condition or data could not be checked cannot be cleared as `energy_saving`, but a proven violation
# still shows as such.
VERDICT_ORDER = ("phase_out", "below_minimum", "not_assessable", "below_energy_saving", "energy_saving", "advanced",
                 "out_of_scope")
VERDICT_ZH = {
    "phase_out": "淘汰", "below_minimum": "低于能效限定值", "below_energy_saving": "未达节能水平",
    "energy_saving": "达到节能水平", "advanced": "先进水平", "not_assessable": "无法判定", "out_of_scope": "不适用",
}
# Severity of one finding, worst first; an item's status is the worst severity among its findings.
SEVERITY_ORDER = ("violation", "advisory", "not_assessable", "info", "ok")
STATUS_OF_SEVERITY = {"violation": "violation", "advisory": "advisory", "not_assessable": "not_assessable",
                      "info": "ok", "ok": "ok"}
STATUS_ORDER = ("violation", "advisory", "not_assessable", "ok")

FINDING_COLUMNS = {
    "item": "int64", "code": "string", "severity": "string", "verdict": "string", "standard": "string",
    "clause": "string", "measured_value": "float64", "measured_unit": "string", "required_value": "float64",
    "required_unit": "string", "inferred": "bool", "confidence": "string", "message_zh": "string",
    "message_en": "string", "deadline": "string",
}


def findings_frame(item: pd.Index | np.ndarray | list, **columns: object) -> pd.DataFrame:
    """A findings frame for ``item`` (positions in the items frame); scalars broadcast, arrays align."""
    frame = pd.DataFrame({"item": np.asarray(item, dtype="int64")})
    for name, dtype in FINDING_COLUMNS.items():
        if name == "item":
            continue
        value = columns.pop(name, False if dtype == "bool" else None)
        if isinstance(value, pd.Series):
            value = value.to_numpy()
        frame[name] = pd.Series(value, index=frame.index) if np.ndim(value) else value
        frame[name] = frame[name].astype(dtype)
    if columns:
        raise TypeError(f"unknown finding columns {sorted(columns)}")
    return frame


def empty_findings() -> pd.DataFrame:
    return findings_frame([])


def resolve_verdicts(findings: pd.DataFrame, n_items: int) -> pd.DataFrame:
    """One verdict and one status per item (index 0..n_items-1), from the worst of its findings."""
    verdict_rank = findings["verdict"].map({v: i for i, v in enumerate(VERDICT_ORDER)})
    worst_verdict = verdict_rank.groupby(findings["item"]).min()
    verdicts = pd.Series(len(VERDICT_ORDER) - 1, index=pd.RangeIndex(n_items), dtype=float)
    found = worst_verdict.dropna()
    if not found.empty:  # .loc with an empty object index cannot set a float series
        verdicts.loc[found.index.astype(int)] = found.to_numpy(dtype=float)
    severity_rank = findings["severity"].map({s: i for i, s in enumerate(SEVERITY_ORDER)})
    worst_severity = severity_rank.groupby(findings["item"]).min()
    severities = pd.Series(SEVERITY_ORDER.index("ok"), index=pd.RangeIndex(n_items), dtype=float)
    if not worst_severity.empty:
        severities.loc[worst_severity.index.astype(int)] = worst_severity.to_numpy(dtype=float)
    return pd.DataFrame({
        "verdict": np.asarray(VERDICT_ORDER, dtype=object)[verdicts.astype(int).to_numpy()],
        "status": [STATUS_OF_SEVERITY[s] for s in np.asarray(SEVERITY_ORDER)[severities.astype(int).to_numpy()]],
    })
