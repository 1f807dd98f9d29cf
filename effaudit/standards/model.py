"""What a loaded rulebook file is: typed views of the YAML in standards_data/ (see standards_data/FORMAT.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

CONFIDENCE_ORDER = ("verified", "corroborated", "single-source", "provisional", "conflict")


@dataclass(frozen=True)
class Condition:
    """``field`` within [min, max] (inclusive), or equal to ``equals``."""

    field: str
    min: float | None = None
    max: float | None = None
    equals: Any = None

    def describe(self) -> str:
        if self.equals is not None:
            return f"{self.field} = {self.equals}"
        low = "" if self.min is None else f"{self.min} ≤ "
        high = "" if self.max is None else f" ≤ {self.max}"
        return f"{low}{self.field}{high}"


@dataclass(frozen=True)
class Metric:
    name: str
    unit: str
    direction: str  # higher_is_better | lower_is_better
    zh: str = ""  # label in reports, e.g. 空载损耗
    en: str = ""

    @property
    def higher_is_better(self) -> bool:
        return self.direction == "higher_is_better"

    @property
    def meets_sign(self) -> str:
        return "≥" if self.higher_is_better else "≤"


@dataclass(frozen=True)
class Key:
    field: str
    match: str  # exact | category | interval
    unit: str | None = None


@dataclass(frozen=True)
class GradeTable:
    id: str
    table: str
    clause: str
    confidence: str
    keys: tuple[Key, ...]
    rows: pd.DataFrame  # one column per key (intervals: <field>_min/_max/_bounds), <metric>_g<n>, confidence, note
    formula: str | None = None  # the name of a formula in effaudit.standards.formulas; rows hold its coefficients
    gaps: str | None = None  # why the standard leaves ranges between interval rows uncovered (None: it does not)

    @property
    def citation(self) -> str:
        return f"{self.table} / {self.clause}" if self.clause else self.table


@dataclass(frozen=True)
class EfficiencyStandard:
    id: str
    title_zh: str
    title_en: str
    edition: str
    effective: dt.date
    family: str
    metrics: tuple[Metric, ...]
    grades: tuple[int, ...]
    between_rows: str
    tables: tuple[GradeTable, ...]
    scope_zh: str
    scope_en: str
    scope_conditions: tuple[Condition, ...]
    confidence: str
    path: Path
    published: dt.date | None = None
    withdrawn: dt.date | None = None
    supersedes: tuple[str, ...] = ()
    superseded_by: tuple[str, ...] = ()
    equivalent_classes: dict[int, str] = field(default_factory=dict)  # grade -> IEC class, e.g. {3: "IE3"}
    capacity_equivalence: dict | None = None  # boilers: {mw_per_t_h: 0.7, citation: …}, as the table's bands state
    sources: tuple[dict, ...] = ()

    kind = "efficiency_standard"


@dataclass(frozen=True)
class Outcome:
    when: tuple[Condition, ...]
    action: str  # stop_use | encourage_renewal
    deadline: dt.date | None


@dataclass(frozen=True)
class CatalogueEntry:
    serial: str
    family: str
    category_zh: str
    product_zh: str
    models: tuple[str, ...]
    series: tuple[str, ...]
    reason_zh: str
    requirement_zh: str | None
    outcomes: tuple[Outcome, ...]
    confidence: str
    note: str | None
    match: str = "model"  # model: by its models/series; family: every item of `family` (its `when` decides)


@dataclass(frozen=True)
class Catalogue:
    id: str
    title_zh: str
    title_en: str
    edition: str
    effective: dt.date
    document: str | None
    batch: int | None
    entries: tuple[CatalogueEntry, ...]
    confidence: str
    path: Path
    raw: dict  # the file as loaded, for the model matcher
    published: dt.date | None = None
    sources: tuple[dict, ...] = ()

    kind = "phase_out_catalogue"
