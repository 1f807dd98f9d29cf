"""Scope as the standards draw it (issue 15), through `effaudit check` on small real CSV files: single-phase
motors, pole counts outside GB 18613's 2/4/6/8, crane and hoist motors (intermittent duty), compressors of a gas
other than air, and a series class hint that never grades an item whose stated efficiency was unreadable. The word
and series lists are data: effaudit/resources/scope_rules.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from effaudit.checks import all_rules
from effaudit.cli import main
from effaudit.errors import RulebookError
from effaudit.standards import scope_rules as scope_rules_module
from effaudit.standards.scope_rules import _rule
from tests.result_json import loads

MOTORS = "设备编号,设备名称,设备类别,型号规格,额定功率(kW),极数,效率(%),出厂日期,备注\n"
COMPRESSORS = "设备编号,设备名称,设备类别,电机功率(kW),排气压力(MPa),冷却方式,比功率(kW/(m³/min)),出厂日期,备注\n"


def check(tmp_path: Path, header: str, *lines: str) -> list[dict]:
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(inventory), "--json", "-", "--as-of", "2026-11-22"])
    assert result.exit_code in (0, 1), result.output
    return loads(result.stdout)["items"]


def summary(item: dict) -> tuple[str, list[str]]:
    return item["verdict"], [finding["code"] for finding in item["findings"]]


def test_single_phase_motor_is_never_graded_by_table_1(tmp_path: Path) -> None:
    """GB 18613-2020 Table 1 is three-phase; its Tables 2-4 (single-phase capacitor motors, 120 W-3.7 kW) are not
    encoded: within that range the item is not_assessable (EF113), above it out_of_scope (EF114)."""
    items = check(tmp_path, MOTORS, "S1,单相电机,电动机,YL90L-4,1.5,4,70.0,2023-01,",
                  "S2,风机电机,电动机,YE3-90L-4,1.5,4,70.0,2023-01,单相220V",
                  "S3,单相电机,电动机,,5.5,4,70.0,2023-01,", "S4,单相电机,电动机,,,4,70.0,2023-01,")
    assert [summary(item) for item in items] == [("not_assessable", ["EF113"]), ("not_assessable", ["EF113"]),
                                                 ("out_of_scope", ["EF114"]), ("not_assessable", ["EF113"])]
    assert "表2～表4" in items[0]["findings"][0]["message"] and "single-phase-motor" not in items[0]["findings"][0]["message"]
    assert items[2]["findings"][0]["clause"] == "1（范围）; 表1"


def test_pole_count_outside_the_table_is_out_of_scope(tmp_path: Path) -> None:
    [item] = check(tmp_path, MOTORS, "M1,电机,电动机,,11,10,90.0,2023-01,")
    assert summary(item) == ("out_of_scope", ["EF114"]) and "2极/4极/6极/8极" in item["findings"][0]["message"]


@pytest.mark.parametrize("line", [
    "C1,行车电机,电动机,YZR160M1-6,5.5,6,70.0,2023-01,",
    "C2,电机,电动机,YZ132M1-6,2.2,6,70.0,2023-01,",
    "C3,电葫芦电机,电动机,ZD31-4,3,4,70.0,2023-01,",
    "C4,电葫芦电机,电动机,ZDY21-4,0.8,4,70.0,2023-01,",
    "C5,起重冶金电机,电动机,,11,4,70.0,2023-01,",
    "C6,电机,电动机,YE3-160M-4,11,4,70.0,2023-01,S3断续工作制",
])
def test_intermittent_duty_motors_are_outside_gb18613(tmp_path: Path, line: str) -> None:
    [item] = check(tmp_path, MOTORS, line)
    assert summary(item) == ("out_of_scope", ["EF114"])
    assert "连续工作制" in item["findings"][0]["message"] and "intermittent-duty-motor" not in item["findings"][0]["message"]


def test_series_tokens_are_whole(tmp_path: Path) -> None:
    """ZD must not catch ZDY's neighbours by prefix, nor YZ a YE3 motor: a general-purpose motor is still graded."""
    [item] = check(tmp_path, MOTORS, "M1,电机,电动机,YE3-160M-4,11,4,90.0,2023-01,")
    assert summary(item)[0] == "below_minimum"


def test_gas_compressors_are_outside_gb19153(tmp_path: Path) -> None:
    items = check(tmp_path, COMPRESSORS, "G1,氢气压缩机,压缩机,37,0.8,风冷,9.9,2023-01,",
                  "G2,螺杆压缩机,压缩机,37,0.8,风冷,9.9,2023-01,天然气增压",
                  "G3,二氧化碳压缩机,压缩机,37,0.8,风冷,9.9,2023-01,",
                  "G4,螺杆空压机,空压机,37,0.8,风冷,9.9,2023-01,制氮站氮气供气")  # an air compressor
    assert [summary(item) for item in items] == [("out_of_scope", ["EF114"])] * 3 + [("below_minimum", ["EF101"])]
    assert "压缩空气以外气体的压缩机" in items[0]["findings"][0]["message"]  # the rule's reason, not its id


def test_unreadable_efficiency_is_not_graded_from_the_series(tmp_path: Path) -> None:
    [item] = check(tmp_path, MOTORS, "H1,电机,电动机,YE2-160M-4,11,4,约九十,2023-01,")
    assert item["verdict"] == "not_assessable" and item["status"] == "not_assessable"
    assert summary(item)[1] == ["DQ101", "EF119"]
    hint = item["findings"][1]
    assert hint["severity"] == "info" and "YE2" in hint["message"] and "IE2" in hint["message"]


def test_new_codes_are_documented() -> None:
    rules = all_rules()
    for code in ("EF117", "EF119"):
        assert set(rules[code].sections()) == {"What it does", "Why", "Example", "Use instead"}
        result = CliRunner().invoke(main, ["explain", code, "--lang", "en"])
        assert result.exit_code == 0 and "Use instead" in result.output


def test_scope_rules_are_validated() -> None:
    assert {rule.id for rule in scope_rules_module.scope_rules()} >= {"single-phase-motor", "intermittent-duty-motor",
                                                                       "gas-compressor"}
    good = {"id": "x", "standard": "GB 1", "clause": "1", "fields": ["name"], "words": ["a"], "outcome": "out_of_scope",
            "zh": "z", "en": "e", "source": "s"}
    _rule(good, "rules[0]")
    for broken in ({**good, "outcome": "maybe"}, {**good, "fields": ["colour"]}, {**good, "words": []},
                   {**good, "outcome": "not_encoded"}, {**good, "extra": 1}):
        with pytest.raises(RulebookError):
            _rule(broken, "rules[0]")


def test_an_elevator_pmsm_is_never_graded_by_the_general_pmsm_tables(tmp_path: Path) -> None:
    """GB 30253-2024 grades elevator PMSMs (scope e), 0.55-110 kW) on 表29, which is not encoded: a 电梯用 / 曳引
    PMSM of 11 kW, 6 poles and 88 % (表1 would grade it below the minimum) is told to be checked by hand (EF113,
    citing 表29), as a form's category 电梯用永磁同步电动机 writes it; a general PMSM of the same rating is still
    graded by 表1."""
    items = check(tmp_path, MOTORS, "E1,曳引机电机,电梯用永磁同步电动机,,11,6,88.0,2025-01,",
                  "E2,永磁同步电动机,永磁同步电动机,,11,6,88.0,2025-01,")
    assert [summary(item) for item in items] == [("not_assessable", ["EF113"]), ("below_minimum", ["EF101"])]
    assert "表29" in items[0]["findings"][0]["clause"] and "表29" in items[0]["findings"][0]["message"]


PUMPS = "设备编号,设备名称,型号,配用功率(kW),流量(m³/h),扬程(m),转速(r/min),效率(%),出厂日期\n"


def test_a_submersible_pump_is_not_asked_for_a_clear_water_pump_type(tmp_path: Path) -> None:
    """A submersible pump (潜水电泵 in the name, or a QDX small submersible model) is outside GB 19762-2025, whose
    tables are for clear-water and petrochemical pumps; the submersible-pump standards (not encoded) cover it. It is
    told to be checked by hand (EF113, naming them), not asked for a clear-water 泵型式 (EF110) that would not grade
    it; an IS clear-water pump beside it is still graded (below the energy-saving level: 78 % against 79.65 %)."""
    items = check(tmp_path, PUMPS, "S1,深井潜水电泵,200QJ50-52,11,50,52,2850,70,2026-05",
                  "S2,排水泵,QDX10-16-0.75,0.75,10,16,2850,50,2026-05",
                  "P1,循环水泵,IS100-80-160,15,100,32,2900,78,2026-05")
    assert [summary(item) for item in items] == [("not_assessable", ["EF113"])] * 2 + [
        ("below_energy_saving", ["EF102"])]
    assert "潜水电泵" in items[0]["findings"][0]["message"] and "GB 32029" in items[1]["findings"][0]["message"]
