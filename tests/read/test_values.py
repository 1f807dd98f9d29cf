"""Cell value parsing: numbers with units, percentages and the efficiency ratio rule, dates, text."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from effaudit.io.values import apply_ratio_rule, parse_dates, parse_numbers, per_distinct, split_number, text_values
from effaudit.units import conversion_factor

TODAY = dt.date(2026, 11, 22)


def one_number(cell: object, canonical: str, header_unit: str | None = None) -> tuple[float, str | None]:
    parsed = parse_numbers(pd.Series([cell], dtype=object), canonical, header_unit)
    issue = parsed.issues.iloc[0]
    return parsed.values.iloc[0], (issue.code if issue is not None else None)


@pytest.mark.parametrize(("cell", "canonical", "expected"), [
    ("75kW", "kW", 75.0),
    ("75 kW", "kW", 75.0),
    ("15千瓦", "kW", 15.0),
    ("100马力", "kW", 73.549875),
    ("1,600kVA", "kVA", 1600.0),
    ("1,600 kVA", "kVA", 1600.0),
    ("0.8MPa", "MPa", 0.8),
    ("4t/h", "t/h", 4.0),
    ("4 蒸吨", "t/h", 4.0),
    ("20 m³/min", "m**3/min", 20.0),
    ("1500r/min", "rpm", 1500.0),
    ("6kV", "V", 6000.0),
    ("380V", "V", 380.0),
    ("12,345.5", "kW", 12345.5),
    ("１５ｋＷ", "kW", 15.0),  # full-width digits and unit
    ("１，６００ｋＶＡ", "kVA", 1600.0),  # full-width thousands separator
    ("92.1%", "percent", 92.1),
    ("92.1", "percent", 92.1),
    ("2台", "dimensionless", 2.0),
    ("4极", "dimensionless", 4.0),
    (" 7.5 ", "kW", 7.5),
    (75.0, "kW", 75.0),
    (3, "kW", 3.0),
    ("1.5e3 W", "kW", 1.5),
])
def test_number_forms(cell: object, canonical: str, expected: float) -> None:
    value, code = one_number(cell, canonical)
    assert code is None
    assert value == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("cell", "header_unit", "expected"), [
    ("75", "马力", 55.16240625),  # the header's unit applies to a bare number
    (75.0, "W", 0.075),
    ("75kW", "马力", 75.0),  # the cell's own unit wins over the header's
])
def test_header_unit_applies_unless_the_cell_has_its_own(cell: object, header_unit: str, expected: float) -> None:
    value, code = one_number(cell, "kW", header_unit)
    assert code is None
    assert value == pytest.approx(expected)


@pytest.mark.parametrize(("cell", "canonical", "code"), [
    ("abc", "kW", "DQ101"),
    ("约75", "kW", "DQ101"),
    (True, "kW", "DQ101"),
    (dt.date(2016, 1, 1), "kW", "DQ101"),
    ("75-90kW", "kW", "DQ102"),  # "-90kW" is not a unit
    ("1600kVA", "kW", "DQ102"),  # apparent power in a power column
    ("0.8MPa", "kW", "DQ102"),
    ("5 furlongs per fortnight", "kW", "DQ102"),
    ("92.1%", "kW", "DQ102"),
])
def test_bad_numbers_give_a_problem_and_nan(cell: object, canonical: str, code: str) -> None:
    value, found = one_number(cell, canonical)
    assert math.isnan(value)
    assert found == code


@pytest.mark.parametrize("cell", [None, math.nan, "", "   "])
def test_blank_cells_are_missing_without_a_problem(cell: object) -> None:
    value, code = one_number(cell, "kW")
    assert math.isnan(value) and code is None


def test_each_distinct_value_is_parsed_once() -> None:
    seen: list[object] = []
    cells = pd.Series(["75kW", "15", "75kW", None, "15"] * 1000, dtype=object)
    codes, results = per_distinct(cells, lambda value: seen.append(value) or value)
    assert sorted(seen) == ["15", "75kW"]
    assert len(codes) == len(cells) and codes[3] == -1


def test_parse_numbers_keeps_the_index() -> None:
    cells = pd.Series(["1kW", "2kW"], index=[10, 20], dtype=object)
    assert parse_numbers(cells, "kW").values.to_dict() == {10: 1.0, 20: 2.0}


# ---------------------------------------------------------------------------------------- the ratio rule

def efficiencies(*cells: object) -> tuple[list[float], list[str | None], str | None]:
    parsed, note = apply_ratio_rule(parse_numbers(pd.Series(cells, dtype=object), "percent", None))
    return parsed.values.tolist(), [i.code if i is not None else None for i in parsed.issues], note


def test_all_fractions_are_a_ratio_column_noted_once() -> None:
    values, codes, note = efficiencies(0.921, "0.93", None, 0.9)
    assert values[:2] == pytest.approx([92.1, 93.0]) and values[3] == pytest.approx(90.0)
    assert codes == [None] * 4
    assert note is not None and "ratio" in note


def test_percent_column_is_left_alone() -> None:
    values, codes, note = efficiencies(92.1, "93", 90)
    assert values == [92.1, 93.0, 90.0] and codes == [None] * 3 and note is None


def test_mixed_column_makes_each_fraction_ambiguous() -> None:
    values, codes, note = efficiencies(0.92, 93.5, "0.9", 95)
    assert math.isnan(values[0]) and math.isnan(values[2])
    assert values[1] == 93.5 and values[3] == 95
    assert codes == ["DQ104", None, "DQ104", None]
    assert note is None


def test_percent_signs_prevent_the_ratio_reading() -> None:
    values, codes, note = efficiencies("0.9%", 0.92)
    assert values[0] == pytest.approx(0.9)  # a written % is never ambiguous (it may still be out of range)
    assert codes == [None, "DQ104"] and note is None


# ----------------------------------------------------------------------------------------------------- dates

@pytest.mark.parametrize(("cell", "expected", "precision"), [
    (dt.date(2016, 4, 5), "2016-04-05", "day"),  # a native spreadsheet date (calamine)
    (dt.datetime(2016, 4, 5, 13, 30), "2016-04-05", "day"),
    (42465.0, "2016-04-05", "day"),  # an Excel serial in a number cell
    ("42465", "2016-04-05", "day"),  # … or in a CSV
    ("2016-04-05", "2016-04-05", "day"),
    ("2016-04-05 00:00:00", "2016-04-05", "day"),
    ("2016/4/5", "2016-04-05", "day"),
    ("2016.4.5", "2016-04-05", "day"),
    ("20160405", "2016-04-05", "day"),
    ("2016年4月5日", "2016-04-05", "day"),
    ("2016 年 4 月 5 日", "2016-04-05", "day"),
    ("２０１６年４月", "2016-04-01", "month"),
    ("2016-04", "2016-04-01", "month"),
    ("2016/4", "2016-04-01", "month"),
    ("2016.04", "2016-04-01", "month"),
    ("2016.10", "2016-10-01", "month"),
    (2016.04, "2016-04-01", "month"),
    ("2016年4月", "2016-04-01", "month"),
    ("2016", "2016-01-01", "year"),
    ("2016年", "2016-01-01", "year"),
    (2016.0, "2016-01-01", "year"),
])
def test_date_forms(cell: object, expected: str, precision: str) -> None:
    parsed = parse_dates(pd.Series([cell], dtype=object), TODAY)
    assert parsed.issues.iloc[0] is None
    assert parsed.values.iloc[0] == pd.Timestamp(expected)
    assert parsed.precision.iloc[0] == precision
    assert parsed.values.dtype == "datetime64[ns]"


@pytest.mark.parametrize("cell", ["bad", "2016-13", "2016-02-30", "1850", "16-4-5", "2016年4月5日上午", True])
def test_unparseable_dates(cell: object) -> None:
    parsed = parse_dates(pd.Series([cell], dtype=object), TODAY)
    assert parsed.values.isna().iloc[0] and parsed.precision.isna().iloc[0]
    assert parsed.issues.iloc[0].code == "DQ105"


def test_future_dates_become_missing_with_a_problem() -> None:
    parsed = parse_dates(pd.Series(["2026-11-23", "2026-11", "2026-11-22", None], dtype=object), TODAY)
    assert [i.code if i is not None else None for i in parsed.issues] == ["DQ106", None, None, None]
    assert parsed.values.isna().tolist() == [True, False, False, True]


def test_text_values() -> None:
    texts = text_values(pd.Series(["  ＹＥ３-160M-4 ", 1001.0, "", None, 2.5, dt.date(2016, 1, 1)], dtype=object))
    assert texts.tolist()[:2] == ["YE3-160M-4", "1001"]
    assert texts.isna().tolist() == [False, False, True, True, False, False]
    assert texts.tolist()[4:] == ["2.5", "2016-01-01"]
    assert texts.dtype == "string"


# ---------------------------------------------------------------------------------------------- properties

UNITS = {"kW": ["kW", "W", "千瓦", "马力", "MW", "kw"], "V": ["V", "kV", "千伏"], "MPa": ["MPa", "kPa"],
         "t/h": ["t/h", "吨/小时", "蒸吨"], "m**3/min": ["m³/min", "m3/h", "方/分"], "rpm": ["r/min", "rpm"]}


@st.composite
def number_with_unit(draw: st.DrawFn) -> tuple[str, str, float]:
    canonical = draw(st.sampled_from(sorted(UNITS)))
    unit = draw(st.sampled_from(UNITS[canonical]))
    magnitude = draw(st.floats(min_value=1e-6, max_value=1e9, allow_nan=False, allow_infinity=False))
    separator = draw(st.sampled_from(["", " "]))
    return f"{magnitude!r}{separator}{unit}", canonical, magnitude * conversion_factor(unit, canonical)


@settings(deadline=None)
@given(number_with_unit())
def test_formatted_numbers_parse_back(case: tuple[str, str, float]) -> None:
    text, canonical, expected = case
    value, code = one_number(text, canonical)
    assert code is None
    assert value == pytest.approx(expected, rel=1e-9)


@settings(deadline=None)
@given(st.floats(min_value=0, max_value=1e12, allow_nan=False), st.sampled_from(["kW", "kVA", "V"]))
def test_thousands_separators(magnitude: float, unit: str) -> None:
    value, code = one_number(f"{magnitude:,.3f}{unit}", unit)
    assert code is None and value == pytest.approx(round(magnitude, 3), rel=1e-9, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.floats(), st.integers(), st.booleans(), st.none(), st.dates()))
def test_parsers_never_raise(cell: object) -> None:
    cells = pd.Series([cell], dtype=object)
    for canonical in ("kW", "percent", "dimensionless"):
        parsed = parse_numbers(cells, canonical, None)
        assert parsed.values.dtype == "float64"
        apply_ratio_rule(parsed)
    parse_dates(cells, TODAY)
    if isinstance(cell, str):
        split_number(cell)
