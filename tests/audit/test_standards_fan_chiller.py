"""GB 19761-2020 (fans) and GB 19577-2024 (chillers, Table 1 in part).

Each file loads and passes the schema; cells are pinned against the reference transcriptions
(/work/shared/reference/standards/fans_gb19761_2020.csv, chillers_gb19577_2024.csv; see
standards_data/standards/VERIFICATION-fan-chiller.md); verdicts at the limits and at the band ends go through the
engine's own grading (a value exactly at a limit meets it; just worse drops one grade; bounds as encoded).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from effaudit.checks.grading import BELOW_MINIMUM, grade
from effaudit.interpret.modelstrings import parse_fan_models
from effaudit.standards.loader import STANDARDS_DATA, load_file
from effaudit.standards.lookup import find_rows
from effaudit.standards.model import EfficiencyStandard
from tests.table_cells import cell

NAN = math.nan
B = BELOW_MINIMUM


@pytest.fixture(scope="module")
def fan() -> EfficiencyStandard:
    return load_file(STANDARDS_DATA / "standards" / "gb19761-2020.yaml")


@pytest.fixture(scope="module")
def chiller() -> EfficiencyStandard:
    return load_file(STANDARDS_DATA / "standards" / "gb19577-2024.yaml")


def _same(actual: list[float], expected: list[float]) -> bool:
    return all((math.isnan(a) and math.isnan(e)) or a == e for a, e in zip(actual, expected, strict=True))




# ------------------------------------------------------------------------------------------------------ load + schema

def test_fan_file_identity(fan) -> None:
    assert fan.id == "GB 19761-2020" and fan.family == "fan"
    assert fan.published.isoformat() == "2020-05-29" and fan.effective.isoformat() == "2021-06-01"
    assert fan.supersedes == ("GB 19761-2009",)
    assert [t.table for t in fan.tables] == ["表1", "表2", "表3", "表4"]
    assert [len(t.rows) for t in fan.tables] == [24, 64, 12, 50]
    assert [m.name for m in fan.metrics] == ["efficiency_pct"] and fan.metrics[0].zh == "风机效率"
    assert fan.grades == (1, 2, 3) and fan.between_rows == "none" and fan.confidence == "single-source"
    keys = [[(k.field, k.match) for k in t.keys] for t in fan.tables]
    centrifugal = [("fan_type", "category"), ("pressure_coefficient", "interval"), ("specific_speed", "interval"),
                   ("machine_number", "interval")]
    assert keys == [centrifugal, centrifugal,
                    [("fan_type", "category"), ("hub_ratio", "interval"), ("machine_number", "interval")], centrifugal]
    assert [set(t.rows["fan_type"]) for t in fan.tables] == [
        {"centrifugal"}, {"centrifugal"}, {"axial"}, {"forward_multiblade_direct"}]


def test_chiller_file_identity(chiller) -> None:
    assert chiller.id == "GB 19577-2024" and chiller.family == "chiller"
    assert chiller.published.isoformat() == "2024-04-29" and chiller.effective.isoformat() == "2025-02-01"
    assert set(chiller.supersedes) == {"GB 19577-2015", "GB 29540-2013", "GB 30721-2014", "GB 37480-2019"}
    assert [(m.name, m.direction) for m in chiller.metrics] == [
        (name, "higher_is_better") for name in ("iplv", "cop", "cspf", "accop", "acop", "heating_cop", "hspf", "apf",
                                                "cop_dh", "aeer", "eer")]
    assert [t.table for t in chiller.tables] == ["表1"] * 4 + ["表3"] * 2 + ["表4"] * 3 + ["表5"] + ["表7"] * 2
    assert [len(t.rows) for t in chiller.tables] == [6, 2, 3, 1, 4, 2, 4, 8, 8, 1, 4, 6]
    assert [t.metrics for t in chiller.tables] == [("iplv", "cop"), ("cspf", "cop"), ("accop", "cop"), ("accop", "cop"),
                                                   ("hspf", "cop_dh", "heating_cop"), ("apf", "cop_dh", "heating_cop"),
                                                   ("acop",), ("acop",), ("heating_cop",), ("cop",), ("aeer", "eer"),
                                                   ("eer",)]
    assert [(k.field, k.match) for k in chiller.tables[0].keys] == [
        ("chiller_type", "category"), ("condenser_type", "category"), ("cooling_capacity_kw", "interval")]
    rows = chiller.tables[0].rows
    assert set(rows["chiller_type"]) == {"comfort"} and set(rows["condenser_type"]) == {"water_cooled", "evaporative"}
    # the COPc floor is the same at every grade (the source's grade-3 gate; see the table note)
    assert (rows["cop_g1"] == rows["cop_g3"]).all() and (rows["cop_g2"] == rows["cop_g3"]).all()


# ------------------------------------------------------------------------------------------------------ pinned cells

@pytest.mark.parametrize(("table", "where", "expected"), [
    (0, {"pressure_coefficient_min": 1.35, "specific_speed_min": 45, "machine_number_min": 2}, (61, 58, 43)),
    (0, {"pressure_coefficient_min": 1.35, "specific_speed_min": 45, "machine_number_min": 10}, (68, 65, 59)),
    (0, {"pressure_coefficient_min": 1.05, "specific_speed_min": 35, "machine_number_min": 7}, (71, 68, 59)),
    (0, {"pressure_coefficient_min": 0.95, "specific_speed_min": 10, "machine_number_min": 4.5}, (72, 68, 58)),
    (0, {"pressure_coefficient_min": 0.95, "specific_speed_min": 20, "machine_number_min": 10}, (80, 75, 66)),
    (1, {"pressure_coefficient_min": 0.85, "specific_speed_min": 5, "machine_number_min": 2}, (75, 72, 62)),
    (1, {"pressure_coefficient_min": 0.85, "specific_speed_min": 15, "machine_number_min": 5}, (80, 77, 68)),
    (1, {"pressure_coefficient_min": 0.65, "specific_speed_min": 30, "machine_number_min": 10}, (84, 76, 67)),
    (1, {"pressure_coefficient_min": 0.35, "specific_speed_min": 65, "machine_number_min": 5}, (87, 82, 73)),
    (1, {"pressure_coefficient_min": 0.25, "specific_speed_min": 65, "machine_number_min": 10}, (86, 81, 72)),
    (1, {"pressure_coefficient_min": 0.25, "specific_speed_min": 65, "machine_number_min": 2}, (NAN, NAN, NAN)),
    (2, {"hub_ratio_min": None, "machine_number_min": 2.5}, (69, 66, 55)),
    (2, {"hub_ratio_min": 0.3, "machine_number_min": 5}, (74, 71, 61)),
    (2, {"hub_ratio_min": 0.4, "machine_number_min": 10}, (81, 77, 66)),
    (2, {"hub_ratio_min": 0.55, "machine_number_min": 2.5}, (75, 72, 63)),
    (2, {"hub_ratio_min": 0.55, "machine_number_min": 10}, (83, 79, 69)),
    (3, {"pressure_coefficient_min": 1.0, "specific_speed_min": 50, "machine_number_min": None}, (46, 43, 36)),
    (3, {"pressure_coefficient_min": 1.0, "specific_speed_min": 30, "machine_number_min": 2}, (53, 49, 35)),
    (3, {"pressure_coefficient_min": 1.2, "specific_speed_min": 50, "machine_number_min": 3.5}, (58, 55, 41)),
    (3, {"pressure_coefficient_min": 1.4, "specific_speed_min": 30, "machine_number_min": None}, (43, 40, 30)),
    (3, {"pressure_coefficient_min": 1.4, "specific_speed_min": 50, "machine_number_min": 4.5}, (60, 56, 46)),
])
def test_fan_cells(fan, table, where, expected) -> None:
    assert _same(list(cell(fan.tables[table], where, "efficiency_pct")), list(expected))


@pytest.mark.parametrize(("condenser", "low", "iplv", "cop"), [
    ("water_cooled", None, (6.0, 5.6, 5.2), 4.2),
    ("water_cooled", 300, (7.8, 7.2, 5.7), 5.0),
    ("water_cooled", 528, (8.1, 7.5, 6.2), 5.4),
    ("water_cooled", 1163, (8.5, 8.1, 6.3), 5.6),
    ("evaporative", None, (5.4, 5.0, 4.4), 4.0),
    ("evaporative", 300, (5.8, 5.4, 5.1), 4.6),
])
def test_chiller_cells(chiller, condenser, low, iplv, cop) -> None:
    table = chiller.tables[0]
    where = {"condenser_type": condenser, "cooling_capacity_kw_min": low}
    assert cell(table, where, "iplv") == iplv
    assert cell(table, where, "cop") == (cop, cop, cop)


# ----------------------------------------------------------------------------------------------------------- verdicts

def _fans(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["fan_type", "pressure_coefficient", "specific_speed", "hub_ratio",
                                       "machine_number", "efficiency_pct"])


@pytest.mark.parametrize(("item", "expected"), [
    # 4-72 No.8 -> 表2 0.35≤ψ<0.45, 65≤ns<80, No5≤No<No10: 87 / 82 / 73
    (("centrifugal", 0.4, 72, NAN, 8, 87.0), 1),
    (("centrifugal", 0.4, 72, NAN, 8, 86.9), 2),
    (("centrifugal", 0.4, 72, NAN, 8, 82.0), 2),
    (("centrifugal", 0.4, 72, NAN, 8, 81.9), 3),
    (("centrifugal", 0.4, 72, NAN, 8, 73.0), 3),
    (("centrifugal", 0.4, 72, NAN, 8, 72.9), B),
    # band ends: No10 belongs to No≥No10 (89/84/76); ψ 0.35 and ns 65 are closed ends
    (("centrifugal", 0.4, 72, NAN, 10, 88.9), 2),
    (("centrifugal", 0.35, 65, NAN, 9.99, 87.0), 1),
    (("centrifugal", 0.45, 72, NAN, 8, 87.0), NAN),  # ψ 0.45 opens 0.45≤ψ<0.55, whose ns bands stop at 70
    (("centrifugal", 0.45, 60, NAN, 8, 85.0), 1),    # 0.45≤ψ<0.55, 50≤ns<70, No5≤No<No10: 85 / 80 / 75
    # 表1: 45<ns≤65 and No2<No≤No2.5 are closed at the top
    (("centrifugal", 1.4, 65, NAN, 2.5, 61.0), 1),
    (("centrifugal", 1.4, 65, NAN, 2.5, 42.9), B),
    (("centrifugal", 1.4, 65, NAN, 2.51, 61.0), 2),  # No2.5<No≤No3.5: 62 / 59 / 46
    (("centrifugal", 1.4, 45, NAN, 2.5, 61.0), NAN),  # ns 45 is open: no row
    # 表3 axial: γ 0.3 opens 0.3≤γ<0.4; No5 opens No5≤No<No10
    (("axial", NAN, NAN, 0.3, 5, 74.0), 1),
    (("axial", NAN, NAN, 0.3, 5, 60.9), B),
    (("axial", NAN, NAN, 0.29, 5, 72.0), 1),          # γ<0.3: 72 / 69 / 58
    (("axial", NAN, NAN, 0.29, 4.99, 72.0), 1),       # No2.5≤No<No5: 69 / 66 / 55
    # 表4: 1.4≤ψ, 30<ns≤50 vs ns>50, No≤No2
    (("forward_multiblade_direct", 1.4, 50, NAN, 2, 43.0), 1),
    (("forward_multiblade_direct", 1.4, 50, NAN, 2, 39.9), 3),
    (("forward_multiblade_direct", 1.4, 50.5, NAN, 2, 43.0), 2),  # ns>50: 44 / 41 / 32
    (("forward_multiblade_direct", 9.0, 50.5, NAN, 2, 44.0), 1),  # 1.4≤ψ has no upper end
])
def test_fan_verdicts(fan, item, expected) -> None:
    assert _same(grade(fan, _fans([item])).achieved.tolist(), [expected])


def test_fan_dash_row_is_found_but_not_graded(fan) -> None:
    grading = grade(fan, _fans([("centrifugal", 0.3, 70, NAN, 3, 99.0)]))
    assert grading.table.tolist() == [1] and grading.table_row.tolist() != [-1]
    assert math.isnan(grading.achieved.iloc[0])


def test_fan_model_parse_feeds_the_lookup(fan) -> None:
    parsed = parse_fan_models(pd.Series(["4-72No.8C", "9-19No.4A", "Y5-47No.6C", "Y9-35No.13.5F"]))
    items = parsed.assign(fan_type="centrifugal", hub_ratio=NAN, efficiency_pct=[87.0, 80.0, 81.9, 82.0])
    grading = grade(fan, items)
    # 4-72 No.8: 表2 (87/82/73); 9-19 No.4: 表2 0.85≤ψ<0.95 15≤ns<30 No3.5<No<No5 (77/74/65);
    # Y5-47 No.6: 0.45≤ψ<0.55 30≤ns<50 No5≤No<No10 (84/79/73); Y9-35 No.13.5: 0.85≤ψ<0.95 30≤ns<45 No≥No10 (85/82/75)
    assert grading.table.tolist() == [1, 1, 1, 1]
    assert grading.achieved.tolist() == [1, 1, 2, 2]


@pytest.mark.parametrize("item", [
    ("centrifugal", 0.2, 72, NAN, 8),      # ψ below every band
    ("centrifugal", 0.4, 90, NAN, 8),      # ns above the ψ band's ns bands
    ("centrifugal", 0.4, 72, NAN, 3.5),    # 表2 No3.5 (as transcribed)
    ("centrifugal", 0.4, 72, NAN, 2),      # 表2 starts above No2
    ("centrifugal_double_inlet", 0.4, 72, NAN, 8),  # deduction not encoded
    ("axial", NAN, NAN, 0.8, 8),           # γ ≥ 0.75
    ("axial", NAN, NAN, 0.3, 2),           # No < 2.5
    ("forward_multiblade_direct", 1.2, 30, NAN, 3),  # ns ≤ 30
])
def test_fan_outside_every_band_finds_nothing(fan, item) -> None:
    items = _fans([(*item, 80.0)])
    for table in fan.tables:
        assert find_rows(table, items)["table_row"].tolist() == [-1]
    assert grade(fan, items).table.tolist() == [-1]


def test_fan_missing_key_is_named(fan) -> None:
    grading = grade(fan, _fans([("centrifugal", 0.4, NAN, NAN, 8, 87.0)]))
    assert grading.table.tolist() == [-1] and "specific_speed" in grading.missing_keys.iloc[0]


def _chillers(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["chiller_type", "condenser_type", "cooling_capacity_kw", "iplv", "cop"])


@pytest.mark.parametrize(("item", "expected"), [
    # water-cooled CC≤300: IPLV 6.0 / 5.6 / 5.2, COPc ≥ 4.2
    (("comfort", "water_cooled", 300, 6.0, 4.2), 1),
    (("comfort", "water_cooled", 300, 5.99, 4.2), 2),
    (("comfort", "water_cooled", 300, 5.6, 4.2), 2),
    (("comfort", "water_cooled", 300, 5.59, 4.2), 3),
    (("comfort", "water_cooled", 300, 5.2, 4.2), 3),
    (("comfort", "water_cooled", 300, 5.19, 4.2), B),
    (("comfort", "water_cooled", 300, 6.5, 4.19), B),   # COPc floor applies at every grade
    (("comfort", "water_cooled", 300.001, 6.0, 5.0), 3),  # 300<CC≤528: 7.8 / 7.2 / 5.7, COPc ≥ 5.0
    (("comfort", "water_cooled", 528, 7.8, 5.0), 1),
    (("comfort", "water_cooled", 1163, 8.1, 5.4), 1),
    (("comfort", "water_cooled", 1164, 8.1, 5.6), 2),   # CC>1163: 8.5 / 8.1 / 6.3, COPc ≥ 5.6
    (("comfort", "water_cooled", 5000, 6.3, 5.59), B),
    (("comfort", "evaporative", 300, 4.4, 4.0), 3),
    (("comfort", "evaporative", 300.5, 5.8, 4.6), 1),
    (("comfort", "evaporative", 300.5, 5.09, 4.6), B),
    (("comfort", "water_cooled", 300, 6.0, NAN), NAN),  # COPc unknown: not gradeable
])
def test_chiller_verdicts(chiller, item, expected) -> None:
    assert _same(grade(chiller, _chillers([item])).achieved.tolist(), [expected])


@pytest.mark.parametrize("item", [
    ("comfort", "air_cooled", 100),         # a CSPF row: graded on CSPF, which is not given here
    ("data_center", "water_cooled", 100),   # an ACCOP row: graded on ACCOP, not given here
    ("absorption_libr", "water_cooled", 1000),
])
def test_chiller_rows_not_encoded_find_nothing(chiller, item) -> None:
    items = _chillers([(*item, 6.0, 5.0)])
    assert find_rows(chiller.tables[0], items)["table_row"].tolist() == [-1]
    assert math.isnan(grade(chiller, items).achieved.iloc[0])


def test_chiller_missing_type_is_named(chiller) -> None:
    grading = grade(chiller, _chillers([(None, "water_cooled", 300, 6.0, 5.0)]))
    assert grading.table.tolist() == [-1] and grading.missing_keys.tolist() == ["chiller_type"]


def test_chiller_missing_capacity_is_named(chiller) -> None:
    grading = grade(chiller, _chillers([("comfort", "water_cooled", NAN, 6.0, 5.0)]))
    assert grading.table.tolist() == [-1] and grading.missing_keys.tolist() == ["cooling_capacity_kw"]
