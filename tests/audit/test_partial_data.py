"""Verdicts from partial data (issue 15), through `effaudit check` on small real CSV files: an item that matches no
table row — a lookup key missing, or a rating between two rows — is judged against every candidate row and gets a
verdict only when every candidate gives the same one (EF117); otherwise it is not_assessable and EF110 / EF111 name
the candidates and their limits. Limits: GB 18613-2020 表1 4-pole 11 kW 94.6 / 93.3 / 91.4, 15 kW 95.1 / 93.9 /
92.1; GB 18613-2012 11 kW 89.8, 15 kW 90.6; GB 20052-2024 表1 oil 400 kVA P0 330 / 370 / 410 W (both groups),
Pk Dyn11 3250 / 3615 / 4520 W, Yyn0 3095 / 3440 / 4300 W; GB 19153-2019 表1 37 kW 0.8 MPa air 6.7 / 7.3 / 8.1,
liquid 6.4 / 7.0 / 7.8 kW/(m³/min)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from effaudit.cli import main
from tests.result_json import loads

AS_OF = "2026-11-22"
MOTORS = "设备编号,设备名称,设备类别,型号规格,额定功率(kW),极数,效率(%),出厂日期\n"
TRANSFORMERS = "设备编号,设备名称,设备类别,型号规格,额定容量(kVA),空载损耗(W),负载损耗(W),联结组别,出厂日期\n"
COMPRESSORS = "设备编号,设备名称,设备类别,电机功率(kW),排气压力(MPa),冷却方式,比功率(kW/(m³/min)),出厂日期\n"


def check(tmp_path: Path, header: str, *lines: str) -> list[dict]:
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(inventory), "--json", "-", "--as-of", AS_OF])
    assert result.exit_code in (0, 1), result.output
    return loads(result.stdout)["items"]


def codes(item: dict) -> list[str]:
    return [finding["code"] for finding in item["findings"]]


def finding(item: dict, code: str) -> dict:
    return next(f for f in item["findings"] if f["code"] == code)


@pytest.mark.parametrize(("efficiency", "verdict", "grade_code", "required"), [
    (88.0, "below_minimum", "EF101", 92.1),  # below grade 3 of both rows; the strictest minimum is cited
    (95.2, "advanced", "EF104", 95.1),       # grade 1 at both rows
    (93.0, "below_energy_saving", "EF102", 93.9),  # grade 3 at both (93.3 > 93.0 ≥ 92.1)
])
def test_motor_between_rows_agreeing(tmp_path: Path, efficiency: float, verdict: str, grade_code: str,
                                     required: float) -> None:
    [item] = check(tmp_path, MOTORS, f"M1,电机,电动机,,12,4,{efficiency},2023-01")
    assert item["verdict"] == verdict and codes(item) == [grade_code, "EF117"]
    assert finding(item, grade_code)["required"] == {"value": required, "unit": "%"}
    text = finding(item, "EF117")["message"]
    assert "额定功率 12 kW" in text and "额定功率 11 kW（1级 ≥ 94.6 %、2级 ≥ 93.3 %、3级 ≥ 91.4 %）" in text
    assert "额定功率 15 kW（1级 ≥ 95.1 %、2级 ≥ 93.9 %、3级 ≥ 92.1 %）" in text and "结论与两行之间的限值取法无关" in text


@pytest.mark.parametrize(("efficiency", "first", "second"), [
    (91.8, "3级（达到能效限定值，未达节能水平）", "低于3级（能效限定值）"),
    (95.0, "1级（先进水平）", "2级（节能水平）"),  # 95.0 < 95.1: grade 1 at 11 kW only
])
def test_motor_between_rows_disagreeing(tmp_path: Path, efficiency: float, first: str, second: str) -> None:
    [item] = check(tmp_path, MOTORS, f"M1,电机,电动机,,12,4,{efficiency},2023-01")
    assert item["verdict"] == "not_assessable" and codes(item) == ["EF111"]
    text = finding(item, "EF111")["message"]
    assert f"额定功率 11 kW（1级 ≥ 94.6 %、2级 ≥ 93.3 %、3级 ≥ 91.4 %）→ {first}" in text
    assert f"额定功率 15 kW（1级 ≥ 95.1 %、2级 ≥ 93.9 %、3级 ≥ 92.1 %）→ {second}" in text
    assert "不插值" in text


def test_motor_without_poles_tries_every_pole_count(tmp_path: Path) -> None:
    agreeing, disagreeing = check(tmp_path, MOTORS, "M1,电机,电动机,,11,,95.0,2023-01", "M2,电机,电动机,,11,,93.0,2023-01")
    assert agreeing["verdict"] == "advanced" and codes(agreeing) == ["EF104", "EF117"]
    assert finding(agreeing, "EF104")["required"]["value"] == 94.6  # the strictest grade 1 (4 poles)
    assert "未填极数" in finding(agreeing, "EF117")["message"] and "极数 8（1级 ≥ 92.2 %" in agreeing["findings"][1]["message"]
    assert disagreeing["verdict"] == "not_assessable" and codes(disagreeing) == ["EF110"]
    assert "请补充极数" in disagreeing["findings"][0]["message"]


def test_history_with_candidate_rows(tmp_path: Path) -> None:
    """Made in 2015 (GB 18613-2012 in force): 88.0 fails 2012 at both rows → violation; 90.0 meets 11 kW (89.8) but
    not 15 kW (90.6) → compliance in its day cannot be shown → violation, said so; 90.7 met both → advisory."""
    items = check(tmp_path, MOTORS, "M1,电机,电动机,,12,4,88.0,2015-01", "M2,电机,电动机,,12,4,90.0,2015-01",
                  "M3,电机,电动机,,12,4,90.7,2015-01")
    assert [(i["verdict"], i["status"]) for i in items] == [("below_minimum", "violation")] * 2 + [
        ("below_minimum", "advisory")]
    assert "GB 18613-2012 能效限定值亦未达到" in items[0]["findings"][0]["message"]
    assert "GB 18613-2012 的候选行结论不一" in items[1]["findings"][0]["message"]
    assert "符合制造时适用的 GB 18613-2012" in items[2]["findings"][0]["message"]


def test_transformer_without_connection_group(tmp_path: Path) -> None:
    items = check(tmp_path, TRANSFORMERS,
                  "T1,配电变压器,变压器,S13-M-400/10,400,450,4000,,2023-01",   # P0 fails both; Pk grade 3 in both
                  "T2,配电变压器,变压器,S13-M-400/10,400,450,4400,,2023-01",   # P0 fails both; Pk disagrees
                  "T3,配电变压器,变压器,S13-M-400/10,400,300,4400,,2023-01")   # P0 grade 1; Pk disagrees
    assert [i["verdict"] for i in items] == ["below_minimum", "below_minimum", "not_assessable"]
    assert codes(items[0]) == ["EF101", "EF102", "EF117", "EF117"]
    assert finding(items[0], "EF101")["required"] == {"value": 410.0, "unit": "W"}
    no_load = items[0]["findings"][2]["message"]
    assert no_load.startswith("空载损耗：未填联结组别") and "联结组别 Dyn11/Yyn0（1级 ≤ 330 W、2级 ≤ 370 W、3级 ≤ 410 W）" in no_load  # alike rows: one entry
    assert "结论与联结组别无关" in no_load
    assert codes(items[1]) == ["EF101", "EF110", "EF117"]
    load = finding(items[2], "EF110")["message"]
    assert "联结组别 Dyn11（1级 ≤ 3250 W、2级 ≤ 3615 W、3级 ≤ 4520 W）→ 3级" in load
    assert "联结组别 Yyn0（1级 ≤ 3095 W、2级 ≤ 3440 W、3级 ≤ 4300 W）→ 低于3级" in load and "请补充联结组别" in load


def test_transformer_capacity_between_rows(tmp_path: Path) -> None:
    [item] = check(tmp_path, TRANSFORMERS, "T1,配电变压器,变压器,S13-M-450/10,450,300,3000,Dyn11,2023-01")
    assert item["verdict"] == "advanced" and codes(item) == ["EF104", "EF104", "EF117", "EF117"]
    assert "额定容量 400 kVA" in item["findings"][2]["message"] and "额定容量 500 kVA" in item["findings"][2]["message"]


def test_compressor_without_cooling(tmp_path: Path) -> None:
    items = check(tmp_path, COMPRESSORS, "C1,螺杆空压机,空压机,37,0.8,,9.9,2023-01",
                  "C2,螺杆空压机,空压机,37,0.8,,6.0,2023-01", "C3,螺杆空压机,空压机,37,0.8,,8.0,2023-01")  # air grade 3, liquid below
    assert [i["verdict"] for i in items] == ["below_minimum", "advanced", "not_assessable"]
    assert codes(items[0]) == ["EF101", "EF117"] and finding(items[0], "EF101")["required"]["value"] == 7.8
    assert "未填冷却方式" in finding(items[0], "EF117")["message"]
    assert codes(items[2]) == ["EF110"] and "请补充冷却方式" in items[2]["findings"][0]["message"]


def test_explain_ef117() -> None:
    result = CliRunner().invoke(main, ["explain", "EF117", "--lang", "en"])
    assert result.exit_code == 0
    for section in ("What it does", "Why", "Example", "Use instead"):
        assert section in result.output


def test_a_missing_key_cites_the_tables_that_ask_for_it(tmp_path: Path) -> None:
    """An EF110 that tried no row cites the tables that could be meant for the item and are looked up by a field it
    lacks — not the standard's first table: a dry-type SCB13 of 800 kVA without its voltage, core or insulation
    class is a question of GB 20052-2024 表2 (dry-type; it cited the oil-immersed 表1), a 380 V PMSM without its
    rated power one of GB 30253-2024 表1 and the ≤ 1140 V converter-fed 表8–表10 (not of the 3–10 kV tables), and an
    induction motor without its poles still of GB 18613-2020 表1."""
    from tests.cli_run import checked_items

    transformers = checked_items(tmp_path, "设备编号,设备名称,型号,额定容量(kVA),空载损耗(W),负载损耗(W)\n",
                                 "T,干式变压器,SCB13,800,,")
    motors = checked_items(tmp_path, "设备编号,设备名称,额定电压(V),额定功率(kW),极数,效率(%)\n",
                           "P,永磁同步电动机,380,,4,95", "M,三相异步电动机,380,15,,91")
    got = [(item["findings"][0]["code"], item["findings"][0]["standard"], item["findings"][0]["clause"])
           for item in transformers + motors]
    assert got == [("EF110", "GB 20052-2024", "表2"), ("EF110", "GB 30253-2024", "表1、表8、表9、表10"),
                   ("EF110", "GB 18613-2020", "表1")]
