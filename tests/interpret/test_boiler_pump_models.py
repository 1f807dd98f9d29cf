"""Boiler and pump model parsers: exact results for every form in the brief, and properties on arbitrary text."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from effaudit.interpret.boiler_pump_models import parse_boiler_models, parse_pump_models

NA = None

# model -> (body, combustion_type, steam_capacity_t_h, thermal_power_mw, pressure_mpa, fuel, fuel_class)
BOILER_CASES = {
    "DZL10-1.25-AII": ("DZ", "grate", 10.0, NA, 1.25, "bituminous", "II"),
    "DZL4-1.25-AⅡ": ("DZ", "grate", 4.0, NA, 1.25, "bituminous", "II"),
    "SZL20-1.6-AII": ("SZ", "grate", 20.0, NA, 1.6, "bituminous", "II"),
    "WNS4-1.25-Q": ("WN", "chamber", 4.0, NA, 1.25, "natural_gas", NA),
    "WNS2.8-1.0/95/70-Q": ("WN", "chamber", NA, 2.8, 1.0, "natural_gas", NA),  # hot water: MW
    "DZW1.4-0.7/95/70-AⅡ": ("DZ", "grate", NA, 1.4, 0.7, "bituminous", "II"),
    "SHL35-1.6/350-AII": ("SH", "grate", 35.0, NA, 1.6, "bituminous", "II"),  # superheat °C: still steam
    "LHS1-0.7-Y(Q)": ("LH", "chamber", 1.0, NA, 0.7, NA, NA),  # two fuels: not one fuel
    "SHF20-1.6-AIII": ("SH", "fluidized_bed", 20.0, NA, 1.6, "bituminous", "III"),
    "DZH2-1.0-AⅡ": ("DZ", "grate", 2.0, NA, 1.0, "bituminous", "II"),
    # forms seen in inventories
    "SZL20-1.6-A II": ("SZ", "grate", 20.0, NA, 1.6, "bituminous", "II"),
    "DZL4-1.25-A": ("DZ", "grate", 4.0, NA, 1.25, "bituminous", NA),
    "LHC1-0.69-A III": ("LH", NA, 1.0, NA, 0.69, "bituminous", "III"),  # C: not mapped
    "DZG2-1.0-M": ("DZ", "grate", 2.0, NA, 1.0, NA, NA),  # M: not mapped
    "SZS10-1.25-Y.Q": ("SZ", "chamber", 10.0, NA, 1.25, NA, NA),
    "WNS6-1.25-Y": ("WN", "chamber", 6.0, NA, 1.25, "oil", NA),
    "DHX35-3.82/450-WII": ("DH", "fluidized_bed", 35.0, NA, 3.82, "anthracite", "II"),
    "SZL10-1.25-P": ("SZ", "grate", 10.0, NA, 1.25, "lean_coal", NA),
    "SZL10-1.25-H": ("SZ", "grate", 10.0, NA, 1.25, "lignite", NA),
    "ｄｚｌ４－１．２５－ＡⅡ": ("DZ", "grate", 4.0, NA, 1.25, "bituminous", "II"),  # full width, lower case
    "DZL4–1.25–AII 燃煤": ("DZ", "grate", 4.0, NA, 1.25, "bituminous", "II"),  # en dash, trailing note
    "SZL15-1.25-T": ("SZ", "grate", 15.0, NA, 1.25, NA, NA),
}

BOILER_UNPARSED = ["", "hello", "ISG100-160", "IS100-80-160", "S11-M-1000/10", "YE3-160M-4", "DZL4", "XYL4-1.25-AII",
                   "DZL-1.25-AII", "D46-30×5"]

# model -> (series, pump_type, inlet_mm, outlet_mm, impeller_mm, impeller_cut, stages)
PUMP_CASES = {
    "IS100-80-160": ("IS", "end_suction", 100.0, 80.0, 160.0, NA, 1.0),
    "IS80-65-125A": ("IS", "end_suction", 80.0, 65.0, 125.0, "A", 1.0),
    "IS65-50-160B": ("IS", "end_suction", 65.0, 50.0, 160.0, "B", 1.0),
    "IH80-65-160": ("IH", "end_suction", 80.0, 65.0, 160.0, NA, 1.0),
    "ISG100-160": ("ISG", "inline", NA, NA, NA, NA, 1.0),  # two numbers: sizes not read
    "ISG150-315": ("ISG", "inline", NA, NA, NA, NA, 1.0),
    "ISW65-125A": ("ISW", "inline", NA, NA, NA, "A", 1.0),
    "S250-300": ("S", "double_suction", NA, NA, NA, NA, 1.0),
    "250S39": ("S", "double_suction", 250.0, NA, NA, NA, 1.0),
    "500S35A": ("S", "double_suction", 500.0, NA, NA, "A", 1.0),
    "10SH-13": ("SH", "double_suction", 250.0, NA, NA, NA, 1.0),
    "D46-30×5": ("D", "multistage", NA, NA, NA, NA, 5.0),
    "D46-30x5": ("D", "multistage", NA, NA, NA, NA, 5.0),
    "D46-30X5": ("D", "multistage", NA, NA, NA, NA, 5.0),
    "DG46-50×6": ("DG", "multistage", NA, NA, NA, NA, 6.0),
    "MD155-30*3": ("MD", "multistage", NA, NA, NA, NA, 3.0),
    "CDL32-50": ("CDL", "light_multistage_vertical", NA, NA, NA, NA, NA),
    "CDLF4-160": ("CDLF", "light_multistage_vertical", NA, NA, NA, NA, NA),
    "200QJ20-108/8": ("QJ", NA, NA, NA, NA, NA, NA),
    "QJ": ("QJ", NA, NA, NA, NA, NA, NA),
    "is100-80-160": ("IS", "end_suction", 100.0, 80.0, 160.0, NA, 1.0),
    "ＩＳ１００－８０－１６０": ("IS", "end_suction", 100.0, 80.0, 160.0, NA, 1.0),
}

PUMP_UNPARSED = ["", "hello", "S11-M-1000/10", "S9-800/10", "SCB10-1000/10", "DZL4-1.25-AII", "YE3-160M-4",
                 "Y5-47No.4C", "D46-30", "XBD8/40", "IS100"]


def _cell(value: object) -> object:
    return None if value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value


def _rows(parsed: pd.DataFrame) -> list[tuple]:
    return [tuple(_cell(v) for v in row) for row in parsed.itertuples(index=False)]


def test_boiler_forms() -> None:
    parsed = parse_boiler_models(pd.Series(list(BOILER_CASES)))
    assert list(parsed.columns) == ["body", "combustion_type", "steam_capacity_t_h", "thermal_power_mw",
                                    "pressure_mpa", "fuel", "fuel_class"]
    for (model, expected), row in zip(BOILER_CASES.items(), _rows(parsed)):
        assert row == expected, model


def test_boiler_unparsed_is_all_na() -> None:
    parsed = parse_boiler_models(pd.Series(BOILER_UNPARSED + [None, np.nan, 12, 3.5]))
    assert parsed.isna().all().all()


def test_boiler_codes_are_vocabulary_codes() -> None:
    import yaml
    from importlib import resources

    vocabulary = yaml.safe_load(resources.files("effaudit").joinpath("resources/vocabulary/boiler.yaml")
                                .read_text(encoding="utf-8"))
    parsed = parse_boiler_models(pd.Series(list(BOILER_CASES)))
    for column in ("combustion_type", "fuel", "fuel_class"):
        assert set(parsed[column].dropna()) <= set(vocabulary[column]), column


def test_pump_forms() -> None:
    parsed = parse_pump_models(pd.Series(list(PUMP_CASES)))
    assert list(parsed.columns) == ["series", "pump_type", "inlet_mm", "outlet_mm", "impeller_mm", "impeller_cut",
                                    "stages"]
    for (model, expected), row in zip(PUMP_CASES.items(), _rows(parsed)):
        assert row == expected, model


def test_pump_unparsed_is_all_na() -> None:
    parsed = parse_pump_models(pd.Series(PUMP_UNPARSED + [None, np.nan, 12, 3.5]))
    assert parsed.isna().all().all()


def test_pump_types_are_vocabulary_codes() -> None:
    import yaml
    from importlib import resources

    vocabulary = yaml.safe_load(resources.files("effaudit").joinpath("resources/vocabulary/pump.yaml")
                                .read_text(encoding="utf-8"))
    parsed = parse_pump_models(pd.Series(list(PUMP_CASES)))
    assert set(parsed["pump_type"].dropna()) <= set(vocabulary["pump_type"])


def test_duplicates_and_index_are_kept() -> None:
    index = pd.Index(["x", "y", "z", "w"])
    boilers = parse_boiler_models(pd.Series(["DZL4-1.25-AII", None, "DZL4-1.25-AII", "junk"], index=index))
    assert list(boilers.index) == list(index)
    assert _rows(boilers)[0] == _rows(boilers)[2] == BOILER_CASES["DZL4-1.25-AⅡ"]
    pumps = parse_pump_models(pd.Series(["IS80-65-125A", "IS80-65-125A", None, 7], index=index))
    assert list(pumps.index) == list(index)
    assert _rows(pumps)[1] == PUMP_CASES["IS80-65-125A"]


def test_empty_input() -> None:
    assert parse_boiler_models(pd.Series([], dtype=object)).empty
    assert parse_pump_models(pd.Series([], dtype=object)).empty


_TEXT = st.text(alphabet=st.sampled_from(list("DZLSHWNQFXYAIⅡⅢGCPM0123456789.-/×x*()S ISGHCDQJ一－")), max_size=25)
_ANY = st.one_of(st.none(), st.text(max_size=30), _TEXT, st.integers(), st.floats(allow_nan=True))


@given(st.lists(_ANY, max_size=20), st.integers(min_value=-5, max_value=5))
def test_boiler_never_raises_and_keeps_index(values: list[object], offset: int) -> None:
    index = pd.RangeIndex(offset, offset + len(values))
    parsed = parse_boiler_models(pd.Series(values, index=index, dtype=object))
    assert parsed.index.equals(index)
    unknown = parsed["body"].isna()
    assert parsed.loc[unknown].isna().all().all()
    # Exactly one of steam capacity / thermal power when a designation was read.
    read = parsed.loc[~unknown]
    assert (read["steam_capacity_t_h"].isna() ^ read["thermal_power_mw"].isna()).all()


@given(st.lists(_ANY, max_size=20), st.integers(min_value=-5, max_value=5))
def test_pump_never_raises_and_keeps_index(values: list[object], offset: int) -> None:
    index = pd.RangeIndex(offset, offset + len(values))
    parsed = parse_pump_models(pd.Series(values, index=index, dtype=object))
    assert parsed.index.equals(index)
    assert parsed.loc[parsed["series"].isna()].isna().all().all()
    assert ((parsed["stages"] >= 1) | parsed["stages"].isna()).all()
