"""Load and validate quota standards and conversion-factor files (standards_data/FORMAT.md).

    python -m effaudit.standards.quota FILE…   # validate files: prints OK or the first error of each
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from effaudit.columns import BY_NAME
from effaudit.errors import RulebookError
from effaudit.standards.fields import FieldReader
from effaudit.standards.model import CONFIDENCE_ORDER
from effaudit.standards.quota_model import (
    GRADES, INDICATOR_CODES, Band, Carrier, ConversionFactors, Correction, QuotaEntry, QuotaStandard, Uncorrected,
    match_key,
)
from effaudit.units import UnitTextError, conversion_factor, parse_unit

CORRECTION_KINDS = ("linear", "points", "bands", "category")
ELECTRICITY_BASES = ("equivalent", "equal_value")
BOUNDS = ("[]", "(]", "[)", "()")


def _number(reader: FieldReader, name: str, *, required: bool = True) -> float | None:
    value = reader.get(name, (int, float), required=required)
    return None if value is None else float(value)


def _pair(reader: FieldReader, name: str) -> tuple[float | None, float | None] | None:
    value = reader.get(name, list, required=False)
    if value is None:
        return None
    if len(value) != 2 or not all(v is None or isinstance(v, (int, float)) for v in value):
        raise reader.fail(name, f"expected [low, high] (numbers or null), got {value!r}")
    return (None if value[0] is None else float(value[0]), None if value[1] is None else float(value[1]))


def _grade_list(reader: FieldReader, name: str) -> tuple[int, ...]:
    grades = reader.get(name, list)
    if not grades or any(g not in GRADES for g in grades):
        raise reader.fail(name, f"expected a non-empty list of grades from {GRADES}, got {grades!r}")
    return tuple(grades)


def _unit(reader: FieldReader, name: str) -> str:
    text = str(reader.get(name, (str, int)))
    try:
        parse_unit(text)
    except UnitTextError as error:
        raise reader.fail(name, str(error)) from error
    return text


def _correction(reader: FieldReader) -> Correction:
    name = reader.child("name", reader.get("name", dict))
    citation = reader.child("citation", reader.get("citation", dict))
    column_name = reader.get("input", str)
    column = BY_NAME.get(column_name)
    if column is None:
        raise reader.fail("input", f"unknown column {column_name!r}")
    kind = reader.choice("kind", CORRECTION_KINDS)
    grades = _grade_list(reader, "grades")
    input_unit = "" if column.kind == "code" else _unit(reader, "input_unit")
    factor = 1.0
    if column.kind != "code":
        try:
            factor = conversion_factor(column.unit or "dimensionless", input_unit)
        except UnitTextError as error:
            raise reader.fail("input_unit", f"{column_name} is in {column.unit}: {error}") from error
    common = dict(id=reader.get("id", str), name_zh=name.get("zh", str), name_en=name.get("en", str),
                  input=column_name, input_unit=input_unit, input_factor=factor, grades=grades, kind=kind,
                  table=str(citation.get("table", str)), clause=str(citation.get("clause", (str, int, float))),
                  confidence=reader.choice("confidence", CONFIDENCE_ORDER))
    if (kind == "category") != (column.kind == "code"):
        raise reader.fail("kind", f"{kind} does not fit the {column.kind} column {column_name}")
    if kind == "linear":
        per_unit = reader.get("per_unit", (int, float, dict))
        per_unit = {g: float(per_unit) for g in grades} if not isinstance(per_unit, dict) else \
            {int(g): float(v) for g, v in per_unit.items()}
        if set(per_unit) != set(grades):
            raise reader.fail("per_unit", f"needs a value for each of grades {grades}, got {sorted(per_unit)}")
        domain = _pair(reader, "domain")
        if domain is not None and (domain[0] is None or domain[1] is None or domain[0] > domain[1]):
            raise reader.fail("domain", "expected [low, high] with low ≤ high")
        return Correction(**common, base=_number(reader, "base"), per_unit=per_unit,
                          clip=_pair(reader, "clip") or (None, None), domain=domain)  # type: ignore[arg-type]
    if kind == "points":
        points = reader.get("points", list)
        if len(points) < 2 or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(v, (int, float))
                                                                                   for v in p) for p in points):
            raise reader.fail("points", "expected at least two [input, addend] pairs")
        xs = [float(p[0]) for p in points]
        if any(b <= a for a, b in zip(xs, xs[1:])):
            raise reader.fail("points", "inputs must increase strictly")
        return Correction(**common, points=tuple((float(x), float(y)) for x, y in points),
                          between=reader.choice("between", ("interpolate", "none")))
    if kind == "bands":
        bands = []
        for index, raw in enumerate(reader.get("bands", list)):
            band = reader.child(f"bands[{index}]", raw)
            bands.append(Band(_number(band, "min", required=False), _number(band, "max", required=False),
                              band.choice("bounds", BOUNDS, required=False, default="[]"), _number(band, "add")))
        _check_bands(reader, bands)
        return Correction(**common, bands=tuple(bands))
    values = reader.get("values", dict)
    if not values or not all(isinstance(v, (int, float)) for v in values.values()):
        raise reader.fail("values", "expected {code: addend, …}")
    return Correction(**common, values={str(k): float(v) for k, v in values.items()})


def _check_bands(reader: FieldReader, bands: list[Band]) -> None:
    """Bands in increasing order that neither overlap nor leave a gap between them."""
    if not bands:
        raise reader.fail("bands", "empty")
    for before, after in zip(bands, bands[1:]):
        if before.max is None or after.min is None or before.max != after.min \
                or (before.bounds[1] == "]") == (after.bounds[0] == "["):
            raise reader.fail("bands", f"bands must touch without overlap or gap: {before} then {after}")


def _entry(reader: FieldReader) -> QuotaEntry:
    product = reader.child("product", reader.get("product", dict))
    route = reader.child("route", reader.get("route", dict, required=False, default={}))
    match = reader.child("match", reader.get("match", dict))
    indicator = reader.child("indicator", reader.get("indicator", dict))
    citation = reader.child("citation", reader.get("citation", dict))
    raw_grades = reader.get("grades", dict)
    if set(raw_grades) != set(GRADES):
        raise reader.fail("grades", f"expected keys {GRADES}, got {sorted(raw_grades)}")
    grades = {}
    for grade in GRADES:
        value = raw_grades[grade]
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise reader.fail(f"grades.{grade}", f"expected a number or null, got {value!r}")
        grades[grade] = math.nan if value is None else float(value)
    given = [grades[g] for g in GRADES if not math.isnan(grades[g])]
    if not given:
        raise reader.fail("grades", "no grade has a value")
    if any(b < a for a, b in zip(given, given[1:])):
        raise reader.fail("grades", f"not monotonic (grade 1 ≤ grade 2 ≤ grade 3, lower is better): {raw_grades}")

    def keys(name: str, required: bool) -> tuple[str, ...]:
        values = match.get(name, list, required=required, default=[])
        if required and not values:
            raise match.fail(name, "needs at least one name")
        return tuple(match_key(str(v)) for v in values)

    corrections = tuple(_correction(reader.child(f"corrections[{i}]", raw))
                        for i, raw in enumerate(reader.get("corrections", list, required=False, default=[])))
    uncorrected = []
    for index, raw in enumerate(reader.get("uncorrected", list, required=False, default=[])):
        item = reader.child(f"uncorrected[{index}]", raw)
        uncorrected.append(Uncorrected(item.get("zh", str), item.get("en", str),
                                       str(item.get("clause", (str, int, float), required=False, default="")),
                                       _grade_list(item, "grades")))
    return QuotaEntry(
        id=reader.get("id", str), product_zh=product.get("zh", str), product_en=product.get("en", str),
        route_zh=route.get("zh", str, required=False, default=""), route_en=route.get("en", str, required=False,
                                                                                        default=""),
        match_product=keys("product", True), match_route=keys("route", False), exclude=keys("exclude", False),
        indicator=indicator.choice("code", INDICATOR_CODES), indicator_zh=indicator.get("zh", str),
        indicator_en=indicator.get("en", str),
        indicator_names=tuple(match_key(str(n)) for n in indicator.get("names", list, required=False, default=[])),
        unit=_unit(reader, "unit"), table=str(citation.get("table", str)),
        clause=str(citation.get("clause", (str, int, float))), grades=grades,
        confidence=reader.choice("confidence", CONFIDENCE_ORDER), note=reader.get("note", str, required=False,
                                                                                  default=""),
        corrections=corrections, uncorrected=tuple(uncorrected),
    )


def load_quota_standard(data: dict, path: Path) -> QuotaStandard:
    reader = FieldReader(data, path)
    title_zh, title_en = reader.title()
    electricity = reader.child("electricity", reader.get("electricity", dict))
    basis = electricity.choice("basis", ELECTRICITY_BASES)
    kgce_per_kwh = _number(electricity, "kgce_per_kwh", required=basis == "equal_value")
    entries = tuple(_entry(reader.child(f"entries[{i}]", raw)) for i, raw in enumerate(reader.get("entries", list)))
    ids = [entry.id for entry in entries]
    if len(set(ids)) != len(ids):
        raise reader.fail("entries", f"ids are not unique: {sorted({i for i in ids if ids.count(i) > 1})}")
    confidence = reader.choice("confidence", CONFIDENCE_ORDER)
    worst = max((CONFIDENCE_ORDER.index(e.confidence) for e in entries), default=0)
    if CONFIDENCE_ORDER.index(confidence) < worst:
        raise reader.fail("confidence", f"{confidence!r} is better than its worst entry ({CONFIDENCE_ORDER[worst]})")
    sources = reader.get("sources", list)
    for index, source in enumerate(sources):
        reader.child(f"sources[{index}]", source).get("ref", str)
    return QuotaStandard(
        id=reader.get("id", str), standard=reader.get("standard", str), title_zh=title_zh, title_en=title_en,
        edition=str(reader.get("edition", (str, int))), published=reader.date("published", required=False),
        effective=reader.date("effective"), supersedes=tuple(reader.get("supersedes", list, required=False,
                                                                            default=[])),
        superseded_by=tuple(reader.get("superseded_by", list, required=False, default=[])),
        issuer=reader.get("issuer", str, required=False, default=""), confidence=confidence, sources=tuple(sources),
        conversion=reader.get("conversion", str), electricity_basis=basis, electricity_kgce_per_kwh=kgce_per_kwh,
        electricity_clause=str(electricity.get("clause", (str, int, float), required=False, default="")),
        electricity_confidence=electricity.choice("confidence", CONFIDENCE_ORDER), entries=entries, path=path,
    )


def load_conversion_factors(data: dict, path: Path) -> ConversionFactors:
    reader = FieldReader(data, path)
    title_zh, title_en = reader.title()
    carriers = []
    for index, raw in enumerate(reader.get("carriers", list)):
        item = reader.child(f"carriers[{index}]", raw)
        column = BY_NAME.get(item.get("column", str))
        if column is None or column.kind != "number":
            raise item.fail("column", f"not a numeric product column: {item.data['column']!r}")
        per = _unit(item, "per")
        if column.unit is None or conversion_factor(column.unit, per) != 1.0:
            raise item.fail("per", f"must be the column's unit {column.unit!r}, got {per!r}")
        measured = item.get("measured_lhv_column", str, required=False)
        if measured is not None and measured not in BY_NAME:
            raise item.fail("measured_lhv_column", f"unknown column {measured!r}")
        lhv = item.get("lhv", dict, required=False)
        lhv_reader = item.child("lhv", lhv) if lhv is not None else None
        carriers.append(Carrier(
            column=column.name, zh=item.get("zh", str), en=item.get("en", str), per=per,
            kgce=_number(item, "kgce"), range=_pair(item, "range"),  # type: ignore[arg-type]
            lhv=None if lhv_reader is None else (_number(lhv_reader, "value"), _unit(lhv_reader, "unit")),
            measured_lhv_column=measured, table=str(item.get("table", (str, int))),
            confidence=item.choice("confidence", CONFIDENCE_ORDER), source=item.get("source", str,
                                                                                    required=False, default="")))
    columns = [c.column for c in carriers]
    if len(set(columns)) != len(columns):
        raise reader.fail("carriers", "a column appears twice")
    return ConversionFactors(
        id=reader.get("id", str), title_zh=title_zh, title_en=title_en, edition=str(reader.get("edition", (str, int))),
        effective=reader.date("effective"), confidence=reader.choice("confidence", CONFIDENCE_ORDER),
        sources=tuple(reader.get("sources", list, required=False, default=[])), carriers=tuple(carriers), path=path)


def main(paths: list[str]) -> int:
    from effaudit.standards.loader import load_file  # here: the loader imports this module

    status = 0
    for name in paths:
        try:
            document = load_file(Path(name))
        except RulebookError as error:
            print(f"ERROR {error}")
            status = 1
        else:
            print(f"OK {name}: {document.id}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
