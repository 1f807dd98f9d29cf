"""The one pint registry with the field's units (resources/units.txt)."""

from __future__ import annotations

import pytest

from effaudit.units import UnitTextError, conversion_factor, is_unit, normalize_unit_text


@pytest.mark.parametrize(("unit", "canonical", "factor"), [
    ("kW", "kW", 1.0),
    ("千瓦", "kW", 1.0),
    ("W", "kW", 1e-3),
    ("马力", "kW", 0.73549875),  # metric horsepower, 75 kgf·m/s
    ("MW", "kW", 1000.0),
    ("千伏安", "kVA", 1.0),
    ("MVA", "kVA", 1000.0),
    ("kV", "V", 1000.0),
    ("千伏", "V", 1000.0),
    ("MPa", "MPa", 1.0),
    ("kPa", "MPa", 1e-3),
    ("t/h", "t/h", 1.0),
    ("吨/小时", "t/h", 1.0),
    ("蒸吨", "t/h", 1.0),
    ("m³/min", "m**3/min", 1.0),
    ("m3/min", "m**3/min", 1.0),
    ("m³/h", "m**3/min", 1 / 60),
    ("方/分", "m**3/min", 1.0),
    ("r/min", "rpm", 1.0),
    ("转/分", "rpm", 1.0),
    ("Hz", "Hz", 1.0),
    ("%", "percent", 1.0),
    ("台", "dimensionless", 1.0),
    ("极", "dimensionless", 1.0),
    ("kgce", "MJ", 29.3076),  # GB/T 2589
    ("tce", "kgce", 1000.0),
    ("gce", "kgce", 1e-3),
    ("吨标准煤", "tce", 1.0),
    ("万kWh", "kWh", 1e4),
    ("万千瓦时", "kWh", 1e4),
    ("万t", "t", 1e4),
    ("万m³", "m**3", 1e4),
    ("万tce", "tce", 1e4),
    ("kW·h", "kWh", 1.0),  # as the standards write it
    ("万kW·h", "kWh", 1e4),
    ("kW·h/t", "kWh/t", 1.0),
    ("元/kW·h", "yuan/kWh", 1.0),  # per kW·h, not 元/kW × h
    ("元/(kW·h)", "yuan/kWh", 1.0),
    ("元/度", "yuan/kWh", 1.0),
    ("万元", "yuan", 1e4),
])
def test_field_units_convert_to_canonical(unit: str, canonical: str, factor: float) -> None:
    assert conversion_factor(unit, canonical) == pytest.approx(factor, rel=1e-12)


@pytest.mark.parametrize("spelling", ["kw", "KW", "Kw"])
def test_common_miscased_kilowatt(spelling: str) -> None:
    assert conversion_factor(spelling, "kW") == 1.0


@pytest.mark.parametrize(("spelling", "canonical"), [("kva", "kVA"), ("KVA", "kVA"), ("mpa", "MPa"),
                                                     ("Mpa", "MPa"), ("KV", "V"), ("kwh", "kWh")])
def test_miscased_units_are_not_misread(spelling: str, canonical: str) -> None:
    # pint's case-insensitive mode would read "mpa" as millipascal; the aliases pin the field's meaning.
    assert conversion_factor(spelling, canonical) == pytest.approx(1000.0 if canonical == "V" else 1.0)


def test_apparent_power_is_not_real_power() -> None:
    with pytest.raises(UnitTextError):
        conversion_factor("kVA", "kW")
    with pytest.raises(UnitTextError):
        conversion_factor("kW", "kVA")


@pytest.mark.parametrize("unit", ["foo", "", "kW kW kW)", "(((", "1/"])
def test_unknown_unit_text_raises_unit_text_error(unit: str) -> None:
    with pytest.raises(UnitTextError):
        conversion_factor(unit, "kW")
    assert not is_unit(unit)


def test_normalize_unit_text() -> None:
    assert normalize_unit_text("ｍ³ / min") == "m3/min"
    assert normalize_unit_text("ｋＷ") == "kW"
