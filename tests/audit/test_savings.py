"""Savings of a replacement at the energy-saving level (effaudit.savings), each family against a hand calculation.

The bundled example with its operating profile (examples/operating-profile.yaml: electricity 0.55 yuan/kWh, grid
factor inner-mongolia-2022 = 0.6849 kgCO2/kWh, standard coal at the equivalent value 0.1229 kgce/kWh; bituminous coal
700 yuan/t, natural gas 3.1 yuan/m³), worked by hand from each item's measured value and the grade 2 of its own row:

- M-004 motors: 11 kW × 3 units × 0.75 × 6000 h × (100/91.4 − 100/93.3)            = 3 308.66 kWh  (GB 18613 表1)
- T-102 S11-M-800/10: (980 − 630) W × 8760 h + (7500 − 6000) W × 0.45² × 8760 h      = 3 066 + 2 660.85 kWh
- F-103 fan 7.5 kW at 70 %, grade 2 74 %: 7.5 × 0.8 × 6000 × (1 − 70/74)             = 1 945.95 kWh
- CH-102 chiller 1500 kW, IPLV 6.0 (g2 8.1), COP 5.5 (g2 5.6), 2000 h at 60 %: by IPLV
  1500 × 0.6 × 2000 × (1/6 − 1/8.1) = 77 777.8 kWh, by COP × (1/5.5 − 1/5.6) = 5 844.16 kWh: the smaller stands
- B-102 coal boiler 4 t/h (× 0.7 MW per t/h, GB 24500) = 2.8 MW at 79 % (g2 82 %), 4000 h at 70 %:
  2.8 × 0.7 × 4000 × (100/79 − 100/82) MWh = 363.07 MWh = 1 307 053 MJ; as 原煤 (20 908 kJ/kg) 62 515.3 kg,
  × 0.7143 kgce/kg = 44.655 tce, × 1.9003 kgCO2/kg = 118.80 t, × 0.7 yuan/kg = 43 760.7 yuan
- B-103 gas boiler 2.8 MW at 93 % (g2 94 %): 7840 × (100/93 − 100/94) = 89.682 MWh = 322 855 MJ; /38 931 kJ/m³
  = 8 293.0 m³, × 1.33 kgce/m³ = 11.030 tce, × 2.16219 kgCO2/m³ = 17.931 t, × 3.1 = 25 708.3 yuan
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from effaudit.cli import main
from tests.result_json import loads

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE, PROFILE = ROOT / "examples" / "inventory.xlsx", ROOT / "examples" / "operating-profile.yaml"


def run(*args: str) -> tuple[int, dict | None, str]:
    result = CliRunner().invoke(main, ["check", *args, "--json", "-", "--as-of", "2026-11-22"])
    document = loads(result.stdout) if result.exit_code in (0, 1) else None
    return result.exit_code, document, result.output + (result.stderr if result.stderr_bytes else "")


@pytest.fixture(scope="module")
def example() -> dict:
    code, document, _ = run(str(EXAMPLE), "--profile", str(PROFILE))
    assert code == 1
    return document


def saving(document: dict, equipment_id: str) -> dict:
    return next(item["saving"] for item in document["items"] if item["equipment_id"] == equipment_id)


@pytest.mark.parametrize(("equipment_id", "kwh", "fuel", "tce", "tco2", "money"), [
    ("M-004", 3308.66, None, 3308.66 * 0.1229 / 1000, 3308.66 * 0.6849 / 1000, 3308.66 * 0.55),
    ("T-102", 3066 + 2660.85, None, 5726.85 * 0.1229 / 1000, 5726.85 * 0.6849 / 1000, 5726.85 * 0.55),
    ("F-103", 1945.95, None, 1945.95 * 0.1229 / 1000, 1945.95 * 0.6849 / 1000, 1945.95 * 0.55),
    ("CH-102", 5844.16, None, 5844.16 * 0.1229 / 1000, 5844.16 * 0.6849 / 1000, 5844.16 * 0.55),
    ("B-102", None, ("bituminous", 62515.3, "kg"), 44.655, 118.80, 43760.7),
    ("B-103", None, ("natural_gas", 8293.0, "m3"), 11.030, 17.931, 25708.3),
])
def test_each_family_as_worked_by_hand(example: dict, equipment_id: str, kwh: float | None, fuel: tuple | None,
                                       tce: float, tco2: float, money: float) -> None:
    found = saving(example, equipment_id)
    assert found["estimated"] is True
    if kwh is None:
        assert "kwh_per_year" not in found
        assert (found["fuel"]["code"], found["fuel"]["unit"]) == (fuel[0], fuel[2])
        assert found["fuel"]["amount"] == pytest.approx(fuel[1], abs=0.1)
    else:
        assert found["kwh_per_year"] == pytest.approx(kwh, abs=0.01)
    assert found["tce_per_year"] == pytest.approx(tce, rel=1e-4)
    assert found["tco2_per_year"] == pytest.approx(tco2, rel=1e-4)
    assert found["money_per_year"] == pytest.approx(money, rel=1e-4)
    assert found["basis"]["hours_source"] == "profile_family"


def test_the_basis_and_the_totals(example: dict) -> None:
    savings = example["summary"]["savings"]
    assert savings["electricity"]["co2_factor"]["id"] == "inner-mongolia-2022"
    assert savings["electricity"]["co2_factor"]["kg_co2_per_kwh"] == 0.6849
    assert (savings["electricity"]["standard_coal_basis"], savings["electricity"]["kgce_per_kwh"]) == \
        ("equivalent", 0.1229)
    estimated = [item["saving"] for item in example["items"] if item.get("saving", {}).get("estimated")]
    assert savings["totals"]["items"] == len(estimated) > 10
    assert savings["totals"]["tce_per_year"] == pytest.approx(sum(s["tce_per_year"] for s in estimated), abs=1e-5)


def test_no_estimate_without_rating_or_own_row(example: dict) -> None:
    compressor = saving(example, "C-103")  # LG-3.6/8: no delivery column, so no (q − q₂)·Q
    assert set(compressor) == {"estimated", "reason"} and compressor["estimated"] is False
    assert "额定值" in compressor["reason"]
    dry = saving(example, "T-106")  # its 联结组别 is missing: graded on candidate rows, no grade 2 of its own
    assert dry["estimated"] is False and "候选行" in dry["reason"]


def test_the_finding_tells_the_estimate(example: dict) -> None:
    motor = next(item for item in example["items"] if item["equipment_id"] == "M-004")
    message = next(f["message"] for f in motor["findings"] if f["code"] == "EF120")
    assert "年运行 6000 h（运行参数文件，按设备类别）、负载率 75 %" in message
    assert "年节电约 3,309 kWh" in message and "投资 9,000 元" in message and "静态回收期 4.9 年" in message


MOTOR = ("设备编号,设备名称,设备类别,型号规格,额定功率(kW),极数,效率(%),出厂日期,年运行小时数,负载率(%),更新投资(万元)\n"
         "M1,风机电机,电动机,YE2-160M-4,11,4,89.8,2023-01,{hours},{load},{cost}\n")


def motor(tmp_path: Path, *args: str, hours: str = "6000", load: str = "75", cost: str = "0.35") -> tuple:
    path = tmp_path / "motor.csv"
    path.write_text(MOTOR.format(hours=hours, load=load, cost=cost), encoding="utf-8")
    code, document, output = run(str(path), *args)
    return code, document and document["items"][0].get("saving"), output


def test_the_inventory_wins_over_the_profile_and_states_the_cost(tmp_path: Path) -> None:
    # 11 × 0.75 × 6000 × (1/0.898 − 1/0.933) = 2 067.83 kWh; national-2022 0.5366 kgCO2/kWh; 0.35 万元 = 3 500 元
    profile = tmp_path / "p.yaml"
    profile.write_text("operating: {motor_lv: {hours_per_year: 1000, load_factor_pct: 10}}\n"
                       "electricity: {price_yuan_per_kwh: 0.7}\n", encoding="utf-8")
    _, found, _ = motor(tmp_path, "--profile", str(profile))
    assert found["kwh_per_year"] == pytest.approx(2067.83, abs=0.01)
    assert found["tco2_per_year"] == pytest.approx(2067.83 * 0.5366 / 1000, rel=1e-5)
    assert found["basis"]["hours_source"] == "inventory" and found["basis"]["investment_source"] == "inventory"
    assert found["investment"] == 3500.0
    assert found["payback_years"] == pytest.approx(3500 / (2067.832 * 0.7), rel=1e-5)


def test_without_hours_nothing_is_assumed(tmp_path: Path) -> None:
    _, found, _ = motor(tmp_path, hours="", load="")
    assert found["estimated"] is False and "kwh_per_year" not in found
    assert "年运行小时数" in found["reason"]


def test_without_a_load_factor_rated_load_and_said_so(tmp_path: Path) -> None:
    # 11 × 1 × 6000 × (1/0.898 − 1/0.933) = 2 757.11 kWh
    _, found, _ = motor(tmp_path, load="")
    assert found["kwh_per_year"] == pytest.approx(2757.11, abs=0.01)
    assert found["basis"]["load_source"] == "rated"


def test_equal_value_basis_and_another_grid_factor(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("electricity: {standard_coal: {equal_value_kgce_per_kwh: 0.3, source: 2023年供电煤耗}}\n",
                       encoding="utf-8")
    _, found, _ = motor(tmp_path, "--profile", str(profile), "--grid-factor", "north-china-2022")
    assert found["tce_per_year"] == pytest.approx(2067.832 * 0.3 / 1000, rel=1e-5)
    assert found["tco2_per_year"] == pytest.approx(2067.832 * 0.6776 / 1000, rel=1e-5)


@pytest.mark.parametrize(("text", "expected"), [
    ("operating: {motors: {hours_per_year: 10}}\n", "operating.motors: not a family code"),
    ("operating: {motor_lv: {hours_per_year: 9000}}\n", "operating.motor_lv.hours_per_year: expected a number"),
    ("operating: {motor_lv: {hours: 10}}\n", "unknown keys ['hours']"),
    ("replacement_costs: [{family: motor_lv}]\n", "give exactly one of yuan_per_unit, yuan_per_rating"),
    ("electricity: {grid_factor: mars-2022}\n", "unknown grid factor 'mars-2022'"),
    # checked when loaded, even for an inventory with no boiler to price
    ("fuels: {natural_gas: {price_yuan: 3, per: kWh}}\n", "fuels.natural_gas.per: 'kWh' is not a unit of natural_gas"),
    ("fuels: {coal: {price_yuan: 700, per: t}}\n", "fuels.coal: not a boiler fuel code"),
])
def test_a_bad_profile_is_exit_2_naming_the_key(tmp_path: Path, text: str, expected: str) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(text, encoding="utf-8")
    code, _, output = motor(tmp_path, "--profile", str(profile))
    assert code == 2 and expected in output and "p.yaml" in output


COMPRESSOR = ("设备编号,设备名称,设备类别,型号,电机功率(kW),排气量(m³/min),排气压力(MPa),冷却方式,比功率(kW/(m³/min)),"
              "出厂日期,年运行小时数,负载率(%)\nC1,螺杆空压机,空压机,LG-3.6/8,22,3.6,0.8,风冷,8.9,2023-01,7000,80\n")
PUMP = ("设备编号,设备名称,设备类别,型号,泵型式,流量(m³/h),扬程(m),额定转速(r/min),额定功率(kW),效率(%),出厂日期,"
        "年运行小时数,负载率(%)\nP1,循环水泵,水泵,IS100-80-160,单级单吸,100,32,2900,15,78,2023-01,6000,80\n")


@pytest.mark.parametrize(("text", "kwh", "grade2"), [
    # GB 19153-2019 表1 22 kW air-cooled 0.8 MPa: grade 2 7.6 kW/(m³/min); (8.9 − 7.6) × 3.6 × 0.8 × 7000
    (COMPRESSOR, 1.3 * 3.6 * 0.8 * 7000, 7.6),
    # GB 19762-2025 formula, IS100-80-160 (tests/audit/test_pumps.py): grade 2 79.647302 %; 15 × 0.8 × 6000 ×
    # (1 − 78/79.647302) = 1 489.14 kWh
    (PUMP, 15 * 0.8 * 6000 * (1 - 78 / 79.647302), 79.647302),
])
def test_compressor_and_pump_as_worked_by_hand(tmp_path: Path, text: str, kwh: float, grade2: float) -> None:
    path = tmp_path / "line.csv"
    path.write_text(text, encoding="utf-8")
    _, document, _ = run(str(path))
    found = document["items"][0]["saving"]
    assert found["kwh_per_year"] == pytest.approx(kwh, rel=1e-6)
    assert found["basis"]["grade2"] == pytest.approx(grade2)
    assert found["tce_per_year"] == pytest.approx(kwh * 0.1229 / 1000, rel=1e-5)


def test_the_factors_are_listed_and_shown() -> None:
    shown = CliRunner().invoke(main, ["standards", "show", "CO2 factors", "--lang", "en"])
    assert shown.exit_code == 0
    assert "national-2022 (default): 0.5366 kgCO2/kWh" in shown.output
    assert "natural_gas_m3: 2.16219 kgCO2/m3 — GB/T 32151.22-2024" in shown.output
    listed = CliRunner().invoke(main, ["standards", "list"])
    assert "CO2 factors" in listed.output


def test_a_line_s_own_electricity_price_wins(tmp_path: Path) -> None:
    # 2 067.83 kWh × 0.8 yuan/kWh (the line's 电价) = 1 654.27 yuan, not the profile's 0.7
    path = tmp_path / "priced.csv"
    path.write_text(MOTOR.replace("更新投资(万元)\n", "更新投资(万元),电价(元/kWh)\n").format(
        hours="6000", load="75", cost="0.35").rstrip("\n") + ",0.8\n", encoding="utf-8")
    profile = tmp_path / "p.yaml"
    profile.write_text("electricity: {price_yuan_per_kwh: 0.7}\n", encoding="utf-8")
    _, document, _ = run(str(path), "--profile", str(profile))
    assert document["items"][0]["saving"]["money_per_year"] == pytest.approx(2067.832 * 0.8, rel=1e-5)


def test_a_ledger_s_own_spellings(tmp_path: Path) -> None:
    """Headers as ledgers write them: 年运行时间（h）, 负荷率（%）, 投资估算（万元）, 电价（元/kW·h） — kW·h as the
    standards print it, which pint alone would read as 元/kW × h. 2 067.83 kWh × 0.6 = 1 240.70 yuan."""
    path = tmp_path / "ledger.csv"
    path.write_text("序号,设备名称,设备类别,规格型号,额定功率（kW）,极数,效率（%）,出厂日期,年运行时间（h）,负荷率（%）,"
                    "投资估算（万元）,电价（元/kW·h）\n1,风机电机,电动机,YE2-160M-4,11,4,89.8,2023-01,6000,75,0.35,0.6\n",
                    encoding="utf-8")
    _, document, _ = run(str(path))
    found = document["items"][0]["saving"]
    assert found["money_per_year"] == pytest.approx(2067.832 * 0.6, rel=1e-5)
    assert found["investment"] == 3500.0 and found["payback_years"] == pytest.approx(3500 / (2067.832 * 0.6), rel=1e-5)
    assert not [f for f in document["items"][0]["findings"] if f["code"].startswith("DQ")]


def test_a_pump_and_its_drive_motor_are_one_item_everywhere(tmp_path: Path) -> None:
    """Pump IS100-80-160 at 78 % (grade 2 79.647302 %): 15 × 0.8 × 6000 × (1 − 78/79.647302) = 1 489.14 kWh; its
    drive motor YE2-160L-2, 15 kW 2-pole at 89.0 % (GB 18613-2020 表1 grade 2 93.3 %): 15 × 0.8 × 6000 ×
    (100/89 − 100/93.3) = 3 728.46 kWh. One item: 5 217.60 kWh in its saving, its renewal-list row and the totals."""
    path = tmp_path / "pump.csv"
    path.write_text("设备编号,设备名称,设备类别,型号,泵型式,流量(m³/h),扬程(m),额定转速(r/min),额定功率(kW),效率(%),"
                    "电机型号,电机效率(%),出厂日期,年运行小时数,负载率(%)\n"
                    "P1,循环水泵,水泵,IS100-80-160,单级单吸,100,32,2900,15,78,YE2-160L-2,89.0,2023-01,6000,80\n",
                    encoding="utf-8")
    _, document, _ = run(str(path))
    kwh = 15 * 0.8 * 6000 * ((1 - 78 / 79.647302) + (100 / 89 - 100 / 93.3))
    assert document["items"][0]["saving"]["kwh_per_year"] == pytest.approx(kwh, rel=1e-6)
    assert document["renewal_plan"]["items"][0]["kwh_per_year"] == pytest.approx(kwh, rel=1e-6)
    assert document["renewal_plan"]["totals"]["kwh_per_year"] == pytest.approx(kwh, rel=1e-6)
    assert document["summary"]["savings"]["totals"]["kwh_per_year"] == pytest.approx(kwh, rel=1e-6)
    assert document["summary"]["savings"]["totals"]["items"] == 1
    assert len([f for f in document["items"][0]["findings"] if f["code"] == "EF120"]) == 2  # each tells its own
