"""CO₂ emission factors (standards_data/conversions/co2-emission-factors.yaml): the electricity grid's, per year and
region as the Ministry of Ecology and Environment publishes them, and the fuels' — each with its document and
confidence, validated at load time like every rulebook file."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from effaudit.standards.fields import FieldReader
from effaudit.standards.model import CONFIDENCE_ORDER


@dataclass(frozen=True)
class ElectricityFactor:
    id: str  # what --grid-factor and the operating profile name it by, e.g. national-2022
    zh: str
    en: str
    year: int  # the data year the factor describes
    kg_co2_per_kwh: float
    document: str
    confidence: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FuelFactor:
    fuel: str  # a boiler fuel code (resources/vocabulary/boiler.yaml)
    per: str  # the unit of fuel the factor is per: the unit of the fuel's GB/T 2589 carrier, or GJ of heat
    kg_co2_per_unit: float
    document: str
    confidence: str
    sources: tuple[str, ...]
    derivation: str = ""  # how a factor the document does not print was worked out from the values it does


@dataclass(frozen=True)
class EmissionFactors:
    id: str
    title_zh: str
    title_en: str
    edition: str
    effective: dt.date
    confidence: str
    sources: tuple[dict, ...]
    default_electricity: str
    electricity: tuple[ElectricityFactor, ...]
    fuels: tuple[FuelFactor, ...]
    path: Path
    kind: str = "emission_factors"

    def grid(self, factor_id: str | None) -> ElectricityFactor | None:
        """The electricity factor of that id (the default without one); None when there is no such factor."""
        wanted = factor_id or self.default_electricity
        return next((factor for factor in self.electricity if factor.id == wanted), None)

    def fuel(self, code: str) -> FuelFactor | None:
        return next((factor for factor in self.fuels if factor.fuel == code), None)


def _positive(reader: FieldReader, name: str) -> float:
    value = reader.get(name, (int, float))
    if isinstance(value, bool) or not value > 0:
        raise reader.fail(name, f"expected a positive number, got {value!r}")
    return float(value)


def _sources(reader: FieldReader) -> tuple[str, ...]:
    sources = reader.get("sources", list)
    if not sources or not all(isinstance(source, str) and source for source in sources):
        raise reader.fail("sources", "expected a non-empty list of texts (where the value was read)")
    return tuple(sources)


def load_emission_factors(data: dict, path: Path) -> EmissionFactors:
    reader = FieldReader(data, path)
    title_zh, title_en = reader.title()
    electricity = []
    for index, raw in enumerate(reader.get("electricity", list)):
        item = reader.child(f"electricity[{index}]", raw)
        electricity.append(ElectricityFactor(
            id=item.get("id", str), zh=item.get("zh", str), en=item.get("en", str), year=item.get("year", int),
            kg_co2_per_kwh=_positive(item, "kg_co2_per_kwh"), document=item.get("document", str),
            confidence=item.choice("confidence", CONFIDENCE_ORDER), sources=_sources(item)))
    fuels = []
    for index, raw in enumerate(reader.get("fuels", list, required=False, default=[])):
        item = reader.child(f"fuels[{index}]", raw)
        fuels.append(FuelFactor(
            fuel=item.get("fuel", str), per=item.get("per", str), kg_co2_per_unit=float(
                item.get("kg_co2_per_unit", (int, float))),
            document=item.get("document", str), confidence=item.choice("confidence", CONFIDENCE_ORDER),
            sources=_sources(item), derivation=item.get("derivation", str, required=False, default="")))
    ids = [factor.id for factor in electricity]
    if len(set(ids)) != len(ids):
        raise reader.fail("electricity", f"an id appears twice: {sorted({i for i in ids if ids.count(i) > 1})}")
    default = reader.get("default_electricity", str)
    if default not in ids:
        raise reader.fail("default_electricity", f"{default!r} is not one of the electricity ids {ids}")
    return EmissionFactors(
        id=reader.get("id", str), title_zh=title_zh, title_en=title_en, edition=str(reader.get("edition", (str, int))),
        effective=reader.date("effective"), confidence=reader.choice("confidence", CONFIDENCE_ORDER),
        sources=tuple(reader.get("sources", list, required=False, default=[])), default_electricity=default,
        electricity=tuple(electricity), fuels=tuple(fuels), path=path)
