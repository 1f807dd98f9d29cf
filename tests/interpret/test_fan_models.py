"""Fan model strings (JB/T 8940-style designations): exact parses of the forms seen in inventories, and properties."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from effaudit.interpret.modelstrings import parse_fan_models

NA = None

# model → (prefix, pressure_coefficient, specific_speed, machine_number, drive)
FAN_CASES = {
    "4-72No.8C": (NA, 0.4, 72, 8, "C"),
    "4-72-11No.6C": (NA, 0.4, 72, 6, "C"),  # -11: single suction, design 1 (not returned)
    "9-19No.4A": (NA, 0.9, 19, 4, "A"),
    "Y5-47No.6C": ("Y", 0.5, 47, 6, "C"),
    "G4-73No.8D": ("G", 0.4, 73, 8, "D"),
    "Y9-35No.13.5F": ("Y", 0.9, 35, 13.5, "F"),
    "5-48No.5A": (NA, 0.5, 48, 5, "A"),
    "T4-72No.5A": ("T", 0.4, 72, 5, "A"),
    "4-72no.8c": (NA, 0.4, 72, 8, "C"),  # lower case
    "4-72NO8C": (NA, 0.4, 72, 8, "C"),
    "4-72 No 8": (NA, 0.4, 72, 8, NA),  # no drive letter
    "4-72№8C": (NA, 0.4, 72, 8, "C"),  # № is NFKC "No"
    "４－７２Ｎｏ．８Ｃ": (NA, 0.4, 72, 8, "C"),  # full width
    "4–72No.8C": (NA, 0.4, 72, 8, "C"),  # en dash
    "Y4-73-11No.20D 右90°": ("Y", 0.4, 73, 20, "D"),
    "B4-72No.6C 防爆": ("B", 0.4, 72, 6, "C"),
    "11-62No.3.5A": (NA, 1.1, 62, 3.5, "A"),  # forward multiblade: two-digit pressure figure
    "4-72No.8CW": (NA, 0.4, 72, 8, NA),  # a letter run after the number is not a drive letter
}

FAN_UNPARSED = ["", "fan", "4-72", "4-72-11", "T35-11No.5", "No.8C", "Y160M-4", "YE3-160M-4", "S11-M-1000/10",
                "IS80-65-160", "4-72No.0A", "ABCD4-72No.8C"]


def _cell(value: object) -> object:
    return None if value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value


def test_fan_forms() -> None:
    parsed = parse_fan_models(pd.Series(list(FAN_CASES)))
    for (model, expected), row in zip(FAN_CASES.items(), parsed.itertuples(index=False)):
        assert tuple(_cell(v) for v in row) == expected, model


def test_fan_unparsed_is_all_na() -> None:
    parsed = parse_fan_models(pd.Series(FAN_UNPARSED + [None, np.nan, 12, 3.5]))
    assert parsed.isna().all().all()


@pytest.mark.parametrize("cells", [["4-72No.8C", None, "4-72No.8C"], [None, None, None], ["?", "?", "?"], []])
def test_fan_dtypes_and_index(cells: list[str | None]) -> None:
    models = pd.Series(cells, index=[10, 5, 7][: len(cells)], dtype=object)
    parsed = parse_fan_models(models)
    assert list(parsed.columns) == ["prefix", "pressure_coefficient", "specific_speed", "machine_number", "drive"]
    assert parsed.index.equals(models.index)
    assert parsed.dtypes.astype(str).tolist() == ["string", "float64", "float64", "float64", "string"]


_cells = st.one_of(st.text(), st.none(), st.integers(), st.floats(allow_nan=True),
                   st.text(alphabet="YGTBWMKABCDEFNno0123456789-–—－.№ 右°", max_size=24))


@given(st.lists(_cells, max_size=20))
def test_fan_parser_never_raises_and_keeps_the_index(cells: list[object]) -> None:
    models = pd.Series(cells, dtype=object)
    parsed = parse_fan_models(models)
    assert parsed.index.equals(models.index)
    assert parsed["pressure_coefficient"].dropna().between(0.1, 1.9).all()
    assert (parsed["machine_number"].dropna() > 0).all()
    assert parsed["drive"].dropna().isin(list("ABCDEF")).all()


@given(st.sampled_from(["", "Y", "G", "T", "KT"]), st.integers(1, 19), st.integers(1, 999),
       st.sampled_from(["2", "2.5", "4", "6", "8", "12.5", "13.5", "20"]), st.sampled_from(["", "A", "C", "D", "F"]))
def test_generated_fan_model_round_trips(prefix: str, pressure: int, speed: int, number: str, drive: str) -> None:
    model = f"{prefix}{pressure}-{speed}No.{number}{drive}"
    row = parse_fan_models(pd.Series([model])).iloc[0]
    assert _cell(row["prefix"]) == (prefix or None)
    assert row["pressure_coefficient"] == pressure / 10
    assert row["specific_speed"] == speed and row["machine_number"] == float(number)
    assert _cell(row["drive"]) == (drive or None)
