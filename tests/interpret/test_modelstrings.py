"""Model-string parsers: exact results for every form seen in the sources, and properties on arbitrary text."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from effaudit.interpret.modelstrings import (
    _motor_series_table,
    motor_series_hint,
    parse_motor_models,
    parse_transformer_models,
    poles_from_speed,
)

NA = None  # expected "not stated" in the tables below

# model → (series, frame, poles, voltage_v)
MOTOR_CASES = {
    "Y160M-4": ("Y", "160M", 4, NA),
    "Y80M1-2": ("Y", "80M1", 2, NA),
    "Y200L-4": ("Y", "200L", 4, NA),  # Y2 must not swallow the 2 of the frame
    "Y355M1-2": ("Y", "355M1", 2, NA),
    "Y2-160M-4": ("Y2", "160M", 4, NA),
    "Y2-Y90S-4": ("Y2", "90S", 4, NA),  # source typo
    "YE3-315L2-2": ("YE3", "315L2", 2, NA),
    "YE2-355M-8": ("YE2", "355M", 8, NA),
    "YE3-160M": ("YE3", "160M", NA, NA),
    "YE4-160M-4": ("YE4", "160M", 4, NA),
    "YE5-200L-6": ("YE5", "200L", 6, NA),
    "YX3-132S-4": ("YX3", "132S", 4, NA),
    "YB-160M-4": ("YB", "160M", 4, NA),
    "YBF-160M-4": ("YBF", "160M", 4, NA),
    "YB2-132S-4": ("YB2", "132S", 4, NA),
    "YBX3-200L-4": ("YBX3", "200L", 4, NA),
    "YKK450-4": ("YKK", "450", 4, NA),
    "YKK4501-4 6kV": ("YKK", "4501", 4, 6000),
    "YKS4002-4 10kV": ("YKS", "4002", 4, 10000),
    "Y4002-4 6000V": ("Y", "4002", 4, 6000),
    "Y4002-1": ("Y", "4002", NA, NA),  # 1 is not a pole count
    "JS136-4,6kV": ("JS", "136", 4, 6000),
    "JS1512-12": ("JS", "1512", 12, NA),
    "JK111-2": ("JK", "111", 2, NA),
    "JO2-41-4": ("JO2", "41", 4, NA),
    "J02-41-4": ("JO2", "41", 4, NA),  # zero printed for O
    "JR02-52-6": ("JRO2", "52", 6, NA),
    "TYCX160M-4": ("TYCX", "160M", 4, NA),
    "TYPX-200L-6": ("TYPX", "200L", 6, NA),
    "ye3-160m-4": ("YE3", "160M", 4, NA),
    "ＹＥ３－１６０Ｍ－４": ("YE3", "160M", 4, NA),  # full width
    "YE3–160M–4": ("YE3", "160M", 4, NA),  # en dash
    "YE3—160M—4": ("YE3", "160M", 4, NA),  # em dash
    "YE3一160M一4": ("YE3", "160M", 4, NA),  # CJK "one" typed as a dash
    "YE3-160M-4 B3": ("YE3", "160M", 4, NA),
    "YE3-160M-4/11kW": ("YE3", "160M", 4, NA),
    "  YE3-160M-4 380V": ("YE3", "160M", 4, 380),
}

MOTOR_UNPARSED = ["", "hello", "S11-M-1000/10", "Y5-47No.4C", "9-35No.6D", "YE3160M-4", "XYZ160M-4", "YE3-12345-4"]


def _cell(value: object) -> object:
    return None if value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value


def test_motor_forms() -> None:
    parsed = parse_motor_models(pd.Series(list(MOTOR_CASES)))
    for (model, expected), row in zip(MOTOR_CASES.items(), parsed.itertuples(index=False)):
        assert tuple(_cell(v) for v in row) == expected, model


def test_motor_unparsed_is_all_na() -> None:
    parsed = parse_motor_models(pd.Series(MOTOR_UNPARSED + [None, np.nan, 12, 3.5]))
    assert parsed.isna().all().all()


@pytest.mark.parametrize("cells", [["YE3-160M-4", None, "YE3-160M-4"], [None, None, None], ["?", "?", "?"]])
def test_motor_dtypes_and_index(cells: list[str | None]) -> None:
    models = pd.Series(cells, index=[10, 5, 7])
    parsed = parse_motor_models(models)
    assert list(parsed.columns) == ["series", "frame", "poles", "voltage_v"]
    assert parsed.index.equals(models.index)
    assert parsed.dtypes.astype(str).tolist() == ["string", "string", "float64", "float64"]
    assert parsed.loc[5].isna().all()


# model → (series, core, insulation, sealed, capacity_kva, voltage_kv, designed_grade_suffix)
TRANSFORMER_CASES = {
    "S11-M-1000/10": ("S11", "electrical_steel", "oil", True, 1000, 10, NA),
    "S13-M-800/10": ("S13", "electrical_steel", "oil", True, 800, 10, NA),
    "SCB10-800/10": ("SCB10", "electrical_steel", "dry", False, 800, 10, NA),
    "SCB13-1000/10": ("SCB13", "electrical_steel", "dry", False, 1000, 10, NA),
    "SH15-M-630/10": ("SH15", "amorphous", "oil", True, 630, 10, NA),
    "SBH15-M-400/10": ("SBH15", "amorphous", "oil", True, 400, 10, NA),
    "SZ11-1600/35": ("SZ11", "electrical_steel", "oil", False, 1600, 35, NA),
    "SGB10-1250/10": ("SGB10", "electrical_steel", "dry", False, 1250, 10, NA),
    "S9-500/10": ("S9", "electrical_steel", "oil", False, 500, 10, NA),
    "S11-M-1000/11": ("S11", "electrical_steel", "oil", True, 1000, 11, NA),
    "SCB10-1600kVA": ("SCB10", "electrical_steel", "dry", False, 1600, NA, NA),
    "SCB10-1000": ("SCB10", "electrical_steel", "dry", False, 1000, NA, NA),
    "S20-M-400/10-NX1": ("S20", "electrical_steel", "oil", True, 400, 10, "NX1"),
    "SCB18-1000/10-NX2": ("SCB18", "electrical_steel", "dry", False, 1000, 10, "NX2"),
    "S22-10000/35-NX3": ("S22", "electrical_steel", "oil", False, 10000, 35, "NX3"),
    "S13-M.RL-500/10": ("S13", "electrical_steel", "oil", True, 500, 10, NA),
    "S15-H-M-400/10": ("S15", "amorphous", "oil", True, 400, 10, NA),
    "S15-M-400/10 非晶合金": ("S15", "amorphous", "oil", True, 400, 10, NA),
    "SCBH15-630/10": ("SCBH15", "amorphous", "dry", False, 630, 10, NA),
    "scb10－800／10": ("SCB10", "electrical_steel", "dry", False, 800, 10, NA),
    "S7-30/10～S7-1600/10": ("S7", "electrical_steel", "oil", False, 30, 10, NA),
    "SJ-100/10": ("SJ", "electrical_steel", "oil", False, 100, 10, NA),
}

TRANSFORMER_UNPARSED = ["", "YE3-160M-4", "SLS80-160", "S11", "S11-M", "transformer", "SCB10-NX1"]


def test_transformer_forms() -> None:
    parsed = parse_transformer_models(pd.Series(list(TRANSFORMER_CASES)))
    for (model, expected), row in zip(TRANSFORMER_CASES.items(), parsed.itertuples(index=False)):
        assert tuple(_cell(v) for v in row) == expected, model


def test_transformer_unparsed_is_all_na() -> None:
    parsed = parse_transformer_models(pd.Series(TRANSFORMER_UNPARSED + [None, 7]))
    assert parsed.isna().all().all()


@pytest.mark.parametrize("cells", [["S11-M-1000/10", None], [None, None], ["?", "?"]])
def test_transformer_dtypes(cells: list[str | None]) -> None:
    parsed = parse_transformer_models(pd.Series(cells))
    assert parsed.dtypes.astype(str).tolist() == [
        "string", "string", "string", "boolean", "float64", "float64", "string"]


@pytest.mark.parametrize(("speed", "poles"), [
    (2980, 2), (3000, 2), (1480, 4), (1500, 4),
    (1350, 4),  # exactly 10 % slip: accepted
    (1349, None),  # just over 10 % slip: not determinable, no guess
    (980, 6), (740, 8), (590, 10), (2700, 2), (2699, None),
    (3100, None), (3000.1, None), (0, None), (-1480, None), (None, None), (np.nan, None), ("abc", None),
    (10, None),  # would be 600 poles: beyond 48, not a rated speed
])
def test_poles_from_speed_at_50_hz(speed: object, poles: int | None) -> None:
    result = poles_from_speed(pd.Series([speed], dtype=object)).iloc[0]
    assert (math.isnan(result) if poles is None else result == poles)


def test_poles_from_speed_at_60_hz_and_index() -> None:
    speeds = pd.Series([3550, 1760, 1180, 3700], index=["a", "b", "c", "d"])
    result = poles_from_speed(speeds, frequency_hz=60.0)
    assert result.index.equals(speeds.index)
    assert result.iloc[:3].tolist() == [2.0, 4.0, 6.0] and math.isnan(result.iloc[3])


def test_series_hints() -> None:
    parsed = parse_motor_models(pd.Series(["YE3-160M-4", "YE2-160M-4", "YBX3-200L-4", "TYCX160M-4",
                                           "YKK450-4", "Y4002-4", "Y160M-4", "hello"]))
    hints = motor_series_hint(parsed["series"], parsed["frame"])
    assert [_cell(v) for v in hints["ie_class_hint"]] == ["IE3", "IE2", None, None, None, None, "IE1", None]
    assert [_cell(v) for v in hints["series_kind"]] == [
        "lv", "lv", "explosion_proof", "pmsm", "hv", "hv", "lv", None]


def test_series_table_entries_are_complete() -> None:
    for name, entry in _motor_series_table().items():
        assert entry["kind"] in {"lv", "hv", "pmsm", "explosion_proof"}, name
        assert entry["ie_class_hint"] in {None, "IE1", "IE2", "IE3", "IE4", "IE5"}, name
        assert entry["basis"] and entry["confidence"] in {"high", "medium", "low"}, name


# --- properties -------------------------------------------------------------------------------------------

_cells = st.one_of(st.text(), st.none(), st.integers(), st.floats(allow_nan=True),
                   st.text(alphabet="YEBXKSJOT0123456789MLS-–—－/kVAH非晶 .NX", max_size=20))


@given(st.lists(_cells, max_size=20))
def test_parsers_never_raise_and_keep_the_index(cells: list[object]) -> None:
    models = pd.Series(cells, index=pd.Index(range(100, 100 + len(cells))[::-1]), dtype=object)
    for parse in (parse_motor_models, parse_transformer_models):
        parsed = parse(models)
        assert parsed.index.equals(models.index)
    assert poles_from_speed(models).index.equals(models.index)


_frames = st.builds(lambda height, length: f"{height}{length}",
                    st.sampled_from([63, 71, 80, 90, 100, 112, 132, 160, 180, 200, 225, 250, 280, 315, 355]),
                    st.sampled_from(["", "S", "M", "L", "M1", "M2", "L1", "L2"]))


@given(st.sampled_from(sorted(_motor_series_table())), _frames, st.sampled_from(range(2, 49, 2)))
def test_generated_motor_model_round_trips(series: str, frame: str, poles: int) -> None:
    parsed = parse_motor_models(pd.Series([f"{series}-{frame}-{poles}"])).iloc[0]
    assert (parsed["series"], parsed["frame"], parsed["poles"]) == (series, frame, poles)
