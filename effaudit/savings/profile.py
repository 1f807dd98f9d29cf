"""The operating profile (``--profile FILE``): how long and how hard each family or item runs, what energy costs,
which grid factor and standard-coal basis apply, and what a replacement costs — what the savings estimate needs and
an inventory rarely states. A value in the inventory's own columns (年运行小时数, 负载率, 更新投资) wins over the profile.

    electricity: {price_yuan_per_kwh: 0.62, grid_factor: inner-mongolia-2022,
                  standard_coal: equivalent}          # or {equal_value_kgce_per_kwh: 0.300, source: "…"}
    fuels: {natural_gas: {price_yuan: 3.2, per: m3}, bituminous: {price_yuan: 900, per: t}}
    operating: {motor_lv: {hours_per_year: 6000, load_factor_pct: 75}, transformer: {hours_per_year: 8760}}
    items: {M-001: {hours_per_year: 4000, load_factor_pct: 60}}      # by 设备编号
    replacement_costs:                                                # the first row whose up_to ≥ the rating
      - {family: motor_lv, up_to: 11, yuan_per_unit: 3500}
      - {family: motor_lv, up_to: 315, yuan_per_rating: 260}          # per kW (kVA, MW … of the family's rating)
    target_share: 0.9                                                 # the 2027 share the plan is to reach
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from effaudit.columns import BY_NAME, FAMILIES
from effaudit.errors import UsageError
from effaudit.savings.methods import methods
from effaudit.units import UnitTextError, conversion_factor
from effaudit.yaml_text import load_yaml

OPERATING_KEYS = ("hours_per_year", "load_factor_pct")


@dataclass(frozen=True)
class CostRow:
    family: str
    up_to: float  # the largest rating (in the family's rating unit) the row prices
    yuan_per_unit: float | None
    yuan_per_rating: float | None


@dataclass(frozen=True)
class OperatingProfile:
    path: Path | None = None
    electricity_price: float | None = None  # yuan/kWh
    grid_factor: str | None = None  # an electricity factor id of the emission-factor file; None: its default
    equal_value_kgce_per_kwh: float | None = None  # None: electricity counted at its equivalent value (当量值)
    equal_value_source: str = ""
    fuel_prices: dict[str, tuple[float, str]] = field(default_factory=dict)  # fuel code → (yuan, per unit)
    operating: dict[str, dict[str, float]] = field(default_factory=dict)  # family → OPERATING_KEYS
    items: dict[str, dict[str, float]] = field(default_factory=dict)  # equipment id → OPERATING_KEYS
    costs: tuple[CostRow, ...] = ()
    target_share: float | None = None


class _Reader:
    """Typed access to the profile file, with errors that name the file and the key (exit 2)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, why: str) -> UsageError:
        return UsageError(f"operating profile: {where}: {why}", file=str(self.path))

    def mapping(self, value: Any, where: str) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping, got {value!r}")
        return value

    def number(self, value: Any, where: str, *, upper: float | None = None) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0 \
                or (upper is not None and value > upper):
            limit = f" at most {upper:g}" if upper is not None else ""
            raise self.fail(where, f"expected a number ≥ 0{limit}, got {value!r}")
        return float(value)

    def operating(self, value: Any, where: str) -> dict[str, float]:
        spec = self.mapping(value, where)
        unknown = sorted(set(spec) - set(OPERATING_KEYS))
        if unknown:
            raise self.fail(where, f"unknown keys {unknown} (known: {', '.join(OPERATING_KEYS)})")
        limits = {"hours_per_year": 8784.0, "load_factor_pct": 100.0}
        return {key: self.number(spec[key], f"{where}.{key}", upper=limits[key]) for key in spec}


def load_profile(path: Path) -> OperatingProfile:
    """Read and check an operating profile; a ``UsageError`` names the key that is wrong."""
    reader = _Reader(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"cannot read the operating profile: {error.strerror}", file=str(path)) from error
    except Exception as error:  # noqa: BLE001 - YAML's many parse errors: one message
        raise reader.fail("top level", f"not valid YAML ({error})") from error
    data = reader.mapping(data, "top level")
    unknown = sorted(set(data) - {"electricity", "fuels", "operating", "items", "replacement_costs", "target_share"})
    if unknown:
        raise reader.fail("top level", f"unknown keys {unknown}")
    electricity = reader.mapping(data.get("electricity"), "electricity")
    basis = electricity.get("standard_coal", "equivalent")
    equal_value, equal_source = None, ""
    if isinstance(basis, dict):
        equal_value = reader.number(basis.get("equal_value_kgce_per_kwh"), "electricity.standard_coal."
                                    "equal_value_kgce_per_kwh", upper=1.0)
        equal_source = str(basis.get("source") or "")
        if not equal_source:
            raise reader.fail("electricity.standard_coal.source", "say where the equal-value coefficient comes from "
                              "(the year's coal consumption of power supply)")
    elif basis != "equivalent":
        raise reader.fail("electricity.standard_coal", f"'equivalent' or {{equal_value_kgce_per_kwh: …, source: …}}, "
                          f"got {basis!r}")
    price = electricity.get("price_yuan_per_kwh")
    fuels = {}
    carriers = methods().fuel_carriers
    for fuel, spec in reader.mapping(data.get("fuels"), "fuels").items():
        if fuel not in carriers:
            raise reader.fail(f"fuels.{fuel}", f"not a boiler fuel code ({', '.join(carriers)})")
        spec = reader.mapping(spec, f"fuels.{fuel}")
        per = str(spec.get("per") or "")
        counted_in = BY_NAME[carriers[fuel]].unit if carriers[fuel] else "GJ"  # the unit its saving is counted in
        try:
            conversion_factor(per, counted_in)
        except UnitTextError as error:
            raise reader.fail(f"fuels.{fuel}.per", f"{per!r} is not a unit of {fuel} (its saving is counted in "
                              f"{counted_in})") from error
        fuels[str(fuel)] = (reader.number(spec.get("price_yuan"), f"fuels.{fuel}.price_yuan"), per)
    operating = {}
    for family, spec in reader.mapping(data.get("operating"), "operating").items():
        if family not in FAMILIES:
            raise reader.fail(f"operating.{family}", f"not a family code ({', '.join(FAMILIES)})")
        operating[family] = reader.operating(spec, f"operating.{family}")
    items = {str(equipment): reader.operating(spec, f"items.{equipment}")
             for equipment, spec in reader.mapping(data.get("items"), "items").items()}
    costs = []
    raw_costs = data.get("replacement_costs") or []
    if not isinstance(raw_costs, list):
        raise reader.fail("replacement_costs", "expected a list of rows")
    for index, row in enumerate(raw_costs):
        where = f"replacement_costs[{index}]"
        row = reader.mapping(row, where)
        if row.get("family") not in FAMILIES:
            raise reader.fail(f"{where}.family", f"not a family code: {row.get('family')!r}")
        per_unit, per_rating = row.get("yuan_per_unit"), row.get("yuan_per_rating")
        if (per_unit is None) == (per_rating is None):
            raise reader.fail(where, "give exactly one of yuan_per_unit, yuan_per_rating")
        costs.append(CostRow(
            row["family"], reader.number(row.get("up_to", float("inf")), f"{where}.up_to"),
            None if per_unit is None else reader.number(per_unit, f"{where}.yuan_per_unit"),
            None if per_rating is None else reader.number(per_rating, f"{where}.yuan_per_rating")))
    target = data.get("target_share")
    return OperatingProfile(
        path=path, electricity_price=None if price is None else reader.number(price, "electricity.price_yuan_per_kwh"),
        grid_factor=electricity.get("grid_factor"), equal_value_kgce_per_kwh=equal_value,
        equal_value_source=equal_source, fuel_prices=fuels, operating=operating, items=items,
        costs=tuple(sorted(costs, key=lambda row: (row.family, row.up_to))),
        target_share=None if target is None else reader.number(target, "target_share", upper=1.0))


def fuel_price_per(profile: OperatingProfile, fuel: str, unit: str) -> float | None:
    """The profile's price of ``fuel`` per ``unit`` (the unit its saving is counted in; checked when loaded)."""
    if fuel not in profile.fuel_prices:
        return None
    price, per = profile.fuel_prices[fuel]
    return price / conversion_factor(per, unit)
