"""What a loaded quota standard and a conversion-factor file are (standards_data/FORMAT.md, quota_standard and
conversion_factors): typed views of the YAML, and the arithmetic of a correction on whole arrays."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from effaudit.standards.model import citation_text

GRADES = (1, 2, 3)  # 1 = 先进值, 2 = 准入值 (energy-saving level), 3 = 限定值 (minimum)
INDICATOR_CODES = ("comprehensive", "process", "electricity", "fuel", "material")
# Indicators that are energy per output and can be computed from the carriers a sheet gives.
ENERGY_INDICATORS = ("comprehensive", "process")

_NOT_MATCHED = re.compile(r"[\s()\[\]{}（）【】《》\-_·.,，、/:：;；'\"“”‘’]+")


def match_key(text: str) -> str:
    """The form in which product names, routes and indicators are compared: NFKC, lower case, and without spaces,
    brackets and punctuation (``1,4-丁二醇（BDO）`` → ``14丁二醇bdo``)."""
    return _NOT_MATCHED.sub("", unicodedata.normalize("NFKC", text).lower())


@dataclass(frozen=True)
class Band:
    min: float | None
    max: float | None
    bounds: str  # "[]" "(]" "[)" "()"
    add: float

    def contains(self, values: np.ndarray) -> np.ndarray:
        inside = np.ones(len(values), dtype=bool)
        if self.min is not None:
            inside &= values >= self.min if self.bounds[0] == "[" else values > self.min
        if self.max is not None:
            inside &= values <= self.max if self.bounds[1] == "]" else values < self.max
        return inside


@dataclass(frozen=True)
class Correction:
    """An addend to the limits of some grades, computed from one input column (standards_data/FORMAT.md)."""

    id: str
    name_zh: str
    name_en: str
    input: str  # canonical product column
    input_unit: str  # the unit the standard states the input in
    input_factor: float  # column's canonical unit → input_unit
    grades: tuple[int, ...]
    kind: str  # linear | points | bands | category
    table: str
    clause: str
    confidence: str
    base: float = 0.0
    per_unit: dict[int, float] = field(default_factory=dict)
    clip: tuple[float | None, float | None] = (None, None)
    domain: tuple[float, float] | None = None
    points: tuple[tuple[float, float], ...] = ()
    between: str = "none"
    bands: tuple[Band, ...] = ()
    values: dict[str, float] = field(default_factory=dict)

    @property
    def citation(self) -> str:
        return citation_text(self.table, self.clause)

    def addend(self, inputs: pd.Series, grade: int) -> np.ndarray:
        """The addend for each item (NaN where the input is missing or outside what the standard covers)."""
        if self.kind == "category":
            return inputs.map(self.values).astype(float).to_numpy()
        x = inputs.to_numpy(dtype=float) * self.input_factor
        if self.kind == "linear":
            low, high = self.clip
            x = np.clip(x, -np.inf if low is None else low, np.inf if high is None else high)
            return self.per_unit[grade] * (x - self.base)
        if self.kind == "points":
            xs = np.array([p[0] for p in self.points])
            ys = np.array([p[1] for p in self.points])
            if self.between == "interpolate":
                inside = (x >= xs[0]) & (x <= xs[-1])
                return np.where(inside, np.interp(x, xs, ys), np.nan)
            result = np.full(len(x), np.nan)
            for point, value in self.points:
                result[np.isclose(x, point, rtol=0, atol=1e-9)] = value
            return result
        result = np.full(len(x), np.nan)  # bands
        for band in self.bands:
            result[band.contains(x)] = band.add
        return result

    def addend_range(self, grade: int) -> tuple[float, float]:
        """The smallest and largest addend any input could give (±inf for an unbounded linear rule)."""
        if self.kind == "category":
            candidates = list(self.values.values())
        elif self.kind == "points":
            candidates = [p[1] for p in self.points]
        elif self.kind == "bands":
            candidates = [band.add for band in self.bands]
        else:
            low, high = self.domain if self.domain is not None else (-math.inf, math.inf)
            clip_low, clip_high = self.clip
            low = max(low, clip_low) if clip_low is not None else low
            high = min(high, clip_high) if clip_high is not None else high
            candidates = [self.per_unit[grade] * (low - self.base), self.per_unit[grade] * (high - self.base)]
            candidates = [0.0 if math.isnan(c) else c for c in candidates]  # 0 × inf: the rule does not depend on x
        return min(candidates), max(candidates)

    def describe_rule(self) -> str:
        """A one-line statement of the rule, for reports and `standards show`."""
        if self.kind == "linear":
            per = ", ".join(f"g{g} {v:+g}" for g, v in self.per_unit.items()) if len(set(self.per_unit.values())) > 1 \
                else f"{next(iter(self.per_unit.values())):+g}"
            return f"{per} × ({self.input} − {self.base:g}) [{self.input_unit}]"
        if self.kind == "points":
            return f"{self.input}: " + ", ".join(f"{x:g}→{y:+g}" for x, y in self.points) + \
                (" (interpolated)" if self.between == "interpolate" else "")
        if self.kind == "bands":
            return f"{self.input}: " + ", ".join(
                f"{band.bounds[0]}{'' if band.min is None else f'{band.min:g}'},"
                f"{'' if band.max is None else f'{band.max:g}'}{band.bounds[1]}→{band.add:+g}" for band in self.bands)
        return f"{self.input}: " + ", ".join(f"{k}→{v:+g}" for k, v in self.values.items())


@dataclass(frozen=True)
class Uncorrected:
    """A correction the standard has and effaudit does not encode: shown with every finding of the entry."""

    zh: str
    en: str
    clause: str
    grades: tuple[int, ...]


@dataclass(frozen=True)
class QuotaEntry:
    id: str
    product_zh: str
    product_en: str
    route_zh: str
    route_en: str
    match_product: tuple[str, ...]  # match_key form
    match_route: tuple[str, ...]
    exclude: tuple[str, ...]
    indicator: str  # INDICATOR_CODES
    indicator_zh: str
    indicator_en: str
    indicator_names: tuple[str, ...]
    unit: str
    table: str
    clause: str
    grades: dict[int, float]  # NaN where the standard gives "—"
    confidence: str
    note: str
    corrections: tuple[Correction, ...]
    uncorrected: tuple[Uncorrected, ...]

    @property
    def citation(self) -> str:
        return citation_text(self.table, self.clause)

    @property
    def label_zh(self) -> str:
        return f"{self.product_zh}（{self.route_zh}）" if self.route_zh else self.product_zh

    @property
    def label_en(self) -> str:
        return f"{self.product_en} ({self.route_en})" if self.route_en else self.product_en


@dataclass(frozen=True)
class QuotaStandard:
    id: str
    standard: str  # the number without the year: editions of one number replace each other
    title_zh: str
    title_en: str
    edition: str
    published: dt.date | None
    effective: dt.date
    supersedes: tuple[str, ...]
    superseded_by: tuple[str, ...]
    issuer: str
    confidence: str
    sources: tuple[dict, ...]
    conversion: str
    electricity_basis: str  # equivalent | equal_value
    electricity_kgce_per_kwh: float | None  # for equal_value
    electricity_clause: str
    electricity_confidence: str
    entries: tuple[QuotaEntry, ...]
    path: Path
    kind: str = "quota_standard"


@dataclass(frozen=True)
class Carrier:
    column: str  # canonical product column holding the amount
    zh: str
    en: str
    per: str  # the amount's unit
    kgce: float  # kgce per `per` (the reference value)
    range: tuple[float, float] | None
    lhv: tuple[float, str] | None  # reference lower heating value and its unit
    measured_lhv_column: str | None
    table: str
    confidence: str
    source: str


@dataclass(frozen=True)
class ConversionFactors:
    id: str
    title_zh: str
    title_en: str
    edition: str
    effective: dt.date
    confidence: str
    sources: tuple[dict, ...]
    carriers: tuple[Carrier, ...]
    path: Path
    kind: str = "conversion_factors"
