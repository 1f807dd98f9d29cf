"""GB 21454-2021 表4 (low-temperature multi-split units: HSPF with the COP(-12℃) / COP(-20℃) gates), through
`effaudit check` on small CSV files and one workbook.

Limits written out by hand from standards_data/standards/gb21454-2021.yaml, table4_low_temperature (records
GB21454-T4-01, T4-02, see VERIFICATION-aircon.md): HC ≤ 18000 W HSPF 3.4/3.2/3.0, COP(-12℃) ≥ 2.2, COP(-20℃) ≥ 1.8;
HC > 18000 W HSPF 3.2/3.0/2.8, COP(-12℃) ≥ 1.9, COP(-20℃) ≥ 1.5. Higher is better: a value at a limit meets it,
0.01 below drops one grade, 0.01 above stays.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import checked_items, effaudit, workbook_items

HEADER = "设备编号,设备名称,空调机组类型,冷却方式,单冷/热泵,名义制热量,HSPF,COP(-12℃),COP(-20℃),APF,出厂日期\n"

# (heating capacity as written, HSPF limits, COP(-12℃) gate, COP(-20℃) gate)
ROWS = [
    ("18000", (3.4, 3.2, 3.0), 2.2, 1.8),      # T4-01, upper end (inclusive), bare W
    ("9kW", (3.4, 3.2, 3.0), 2.2, 1.8),        # T4-01
    ("18001W", (3.2, 3.0, 2.8), 1.9, 1.5),     # T4-02, just above 18000 W
    ("45kW", (3.2, 3.0, 2.8), 1.9, 1.5),       # T4-02
]


def line(number: int, capacity: str, hspf: object, cop_m12: object, cop_m20: object, *, kind: str = "低温型",
         name: str = "多联机", mode: str = "热泵", apf: object = "") -> str:
    return ",".join(str(cell) for cell in (f"L{number}", name, kind, "风冷", mode, capacity, hspf, cop_m12, cop_m20,
                                           apf, "2023-01"))


def around(limits: tuple[float, float, float]) -> list[tuple[float, str]]:
    """(value, verdict) at, 0.01 below and 0.01 above each of the grade 1 / 2 / 3 limits."""
    at = ("advanced", "energy_saving", "below_energy_saving")
    below = ("energy_saving", "below_energy_saving", "below_minimum")
    return [case for limit, meets, under in zip(limits, at, below)
            for case in ((limit, meets), (round(limit - 0.01, 2), under), (round(limit + 0.01, 2), meets))]


def test_hspf_verdicts_around_every_grade_of_both_rows(tmp_path: Path) -> None:
    """The gates are met exactly at their limits, so the HSPF alone decides the grade."""
    cases = [(capacity, value, cop_m12, cop_m20, verdict) for capacity, limits, cop_m12, cop_m20 in ROWS
             for value, verdict in around(limits)]
    items = checked_items(tmp_path, HEADER, *(line(i, capacity, value, cop_m12, cop_m20)
                                              for i, (capacity, value, cop_m12, cop_m20, _) in enumerate(cases)))
    assert [item["verdict"] for item in items] == [verdict for *_, verdict in cases]
    findings = [finding for item in items for finding in item["findings"]]
    assert {(f["standard"], f["clause"]) for f in findings} == {("GB 21454-2021", "表4")}
    assert all(f["code"] in ("EF101", "EF102", "EF103", "EF104") for f in findings)
    # the limit cited for the HSPF, per row, at the first case (grade 1 met exactly)
    assert [items[9 * row]["findings"][0]["required"]["value"] for row in range(len(ROWS))] == [3.4, 3.4, 3.2, 3.2]


@pytest.mark.parametrize(("capacity", "gates"), [("12000", (2.2, 1.8)), ("30kW", (1.9, 1.5))])
def test_each_gate_holds_at_every_grade(tmp_path: Path, capacity: str, gates: tuple[float, float]) -> None:
    """A grade-1 HSPF with either low-temperature COP 0.01 under its floor is below the minimum; at or above it,
    grade 1 stands."""
    m12, m20 = gates
    items = checked_items(tmp_path, HEADER, line(1, capacity, 3.5, m12, m20), line(2, capacity, 3.5, m12 + 0.01, m20),
                          line(3, capacity, 3.5, round(m12 - 0.01, 2), m20),
                          line(4, capacity, 3.5, m12, round(m20 - 0.01, 2)))
    assert [item["verdict"] for item in items] == ["advanced", "advanced", "below_minimum", "below_minimum"]
    [low_12] = [f for f in items[2]["findings"] if f["code"] == "EF101"]
    assert (low_12["measured"]["value"], low_12["required"]["value"]) == (round(m12 - 0.01, 2), m12)
    assert "COP(-12℃)" in low_12["message"]
    [low_20] = [f for f in items[3]["findings"] if f["code"] == "EF101"]
    assert (low_20["measured"]["value"], low_20["required"]["value"]) == (round(m20 - 0.01, 2), m20)
    assert "COP(-20℃)" in low_20["message"]


@pytest.mark.parametrize(("row", "codes", "words"), [
    # the band key: no heating capacity, no row (the cooling capacity is not 表4's key)
    (line(1, "", 3.4, 2.2, 1.8), ["EF110"], "名义制热量"),
    # a gate not stated: the grade stays open, the missing COP is asked for
    (line(2, "16kW", 3.4, 2.2, ""), ["EF104", "EF104", "EF112"], "COP(-20℃)"),
    # a low-temperature unit stating APF only: asked for its HSPF, never graded on 表2's APF
    (line(3, "16kW", "", 2.2, 1.8, apf=5.3), ["EF104", "EF104", "EF112"], "HSPF"),
])
def test_what_is_missing_is_named(tmp_path: Path, row: str, codes: list[str], words: str) -> None:
    [item] = checked_items(tmp_path, HEADER, row)
    assert item["verdict"] == "not_assessable"
    assert sorted(f["code"] for f in item["findings"]) == codes
    assert words in next(f for f in item["findings"] if f["code"] == codes[-1])["message"]
    assert {f["clause"] for f in item["findings"]} == {"表4"}


def test_routing_low_temperature_and_normal_units(tmp_path: Path) -> None:
    """低温型 / 低环境温度 in the type column or the name sends a unit to 表4 and only there; a normal heat-pump VRF
    stating HSPF and low-temperature COPs is still graded on 表2's APF (here missing: asked for), never on 表4."""
    header = HEADER.replace("名义制热量", "名义制冷量(kW),名义制热量")
    rows = [
        "R1,低温型多联机,,风冷,热泵,16,16000,3.2,2.2,1.8,5.3,2023-01",       # name: 表4 grade 2, APF ignored
        "R2,多联机,低环境温度,风冷,热泵,16,16000,3.2,2.2,1.8,5.3,2023-01",    # type column: the same
        "R3,多联机,,风冷,热泵,12,16000,3.4,2.2,1.8,5.2,2023-01",              # normal: 表2 APF 5.2 (grade 1) ...
        "R4,多联机,,风冷,热泵,12,16000,3.4,2.2,1.8,,2023-01",                 # ... normal without APF: asked for it
    ]
    items = checked_items(tmp_path, header, *rows)
    assert [item["verdict"] for item in items] == ["energy_saving", "energy_saving", "not_assessable",
                                                   "not_assessable"]
    assert [{f["clause"] for f in item["findings"]} for item in items] == [{"表4"}, {"表4"}, {"表2"}, {"表2"}]
    # HSPF 3.2 is grade 2 (EF103 cites grade 1's 3.4); the gates are met at their limits
    assert [[f["required"]["value"] for f in item["findings"]] for item in items[:2]] == [[3.4, 2.2, 1.8]] * 2
    assert not any("HSPF" in f["message"] or "COP(" in f["message"] for item in items[2:] for f in item["findings"])
    # R3: grade 1 on APF, but its ≤ 14 kW EER floor is not stated; R4: APF and EER asked for
    assert [sorted(f["code"] for f in item["findings"]) for item in items[2:]] == [["EF104", "EF112"],
                                                                                  ["EF112", "EF112"]]


def test_check_on_a_workbook_with_chinese_headers(tmp_path: Path) -> None:
    """The whole command on an .xlsx with a title row, the heating capacity in W in the header, the gates as
    headed on a data sheet (−12℃制热COP)."""
    result, items = workbook_items(tmp_path, "多联机清单.xlsx", [
        ["多联机台账（北方厂区）"],
        ["设备编号", "设备名称", "空调机组类型", "名义制热量(W)", "HSPF", "-12℃制热COP", "-20℃制热COP", "出厂日期"],
        ["VRF-01", "多联式空调（热泵）机组", "低温型", 33500, 3.05, 2.0, 1.6, "2023-03"],   # 表4 row 2, grade 2
        ["VRF-02", "多联式空调（热泵）机组", "低温型", 33500, 3.3, 1.85, 1.6, "2023-03"]])  # COP(-12℃) < 1.9
    assert result.returncode == 1, result.stderr  # a violation
    assert [(item["row"], item["category"], item["verdict"]) for item in items] == [
        (3, "multi_split_air_conditioner", "energy_saving"), (4, "multi_split_air_conditioner", "below_minimum")]
    [low] = [f for f in items[1]["findings"] if f["code"] == "EF101"]
    assert (low["standard"], low["clause"], low["measured"]["value"], low["required"]["value"]) == (
        "GB 21454-2021", "表4", 1.85, 1.9)
    assert "COP(-12℃)" in low["message"]


def test_standards_show_lists_table4() -> None:
    shown = effaudit("standards", "show", "GB 21454-2021", "--lang", "en")
    assert shown.returncode == 0, shown.stderr
    block = shown.stdout[shown.stdout.index("\ntable4_low_temperature:"):]
    assert block.splitlines()[2].strip() == "metric: hspf, heating_cop_m12, heating_cop_m20"
