"""The one pint registry of effaudit, and conversion factors between unit texts and canonical units.

pint lives at the boundary: a unit text is parsed once (``conversion_factor`` is cached), the factor is applied to
plain float arrays, and nothing downstream sees a Quantity. The field's units (千瓦, 马力, 千伏安, kgce, 万 …) are
data, in ``resources/units.txt``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import pint

from effaudit.standards.cache import folder

# "ignore": units.txt redefines volt_ampere on purpose (apparent power gets its own dimension). pint keeps its parsed
# definitions in effaudit's cache folder (0.4 s → 0.05 s at start-up; pint renews them when a file changes).
_CACHE = folder()
ureg = pint.UnitRegistry(on_redefinition="ignore", autoconvert_offset_to_baseunit=True,
                         cache_folder=None if _CACHE is None else _CACHE / "pint")
with resources.as_file(resources.files("effaudit") / "resources" / "units.txt") as _definitions:
    ureg.load_definitions(str(_definitions))


class UnitTextError(ValueError):
    """A unit text that pint cannot read, or that has no meaning for the wanted canonical unit."""


# The standards write a kilowatt-hour kW·h: one unit, as kWh is (so that 元/kW·h is per kWh, not 元/kW × h, and
# 万kW·h takes the 万 prefix).
_KILOWATT_HOUR = re.compile(r"kw[·•⋅*.]h", re.IGNORECASE)


def normalize_unit_text(text: str) -> str:
    """NFKC (full-width forms, ³ → 3), no spaces, kW·h as kWh: the form in which the field's spellings reach
    pint."""
    return _KILOWATT_HOUR.sub("kWh", "".join(unicodedata.normalize("NFKC", text).split()))


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> pint.Unit:
    """The pint unit of a unit text as written in a header or a cell; ``UnitTextError`` if unknown."""
    normalized = normalize_unit_text(text)
    if not normalized:
        raise UnitTextError("empty unit")
    try:
        return ureg.parse_units(normalized)
    except Exception as error:  # noqa: BLE001 - pint's parser raises many types (even AssertionError) on junk
        # Whatever pint raises on arbitrary text means the same thing here: not a unit.
        raise UnitTextError(f"unknown unit {text!r}") from error


@lru_cache(maxsize=4096)
def conversion_factor(unit_text: str, canonical: str) -> float:
    """Multiply a magnitude in ``unit_text`` by this to get it in ``canonical``.

    Raises ``UnitTextError`` when the unit is unknown or of another dimension (kVA for kW).
    """
    unit = parse_unit(unit_text)
    try:
        return float(ureg.Quantity(1.0, unit).to(canonical).magnitude)
    except pint.errors.DimensionalityError as error:
        raise UnitTextError(f"unit {unit_text!r} is not a {canonical} unit") from error


def is_unit(text: str) -> bool:
    """Whether pint understands ``text`` as a unit (used to tell ``功率(kW)`` from ``功率(电机)``)."""
    try:
        parse_unit(text)
    except UnitTextError:
        return False
    return True
