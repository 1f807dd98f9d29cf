"""A ledger whose motors are nameplate text in one cell (issue 15): every nameplate that states the rated power, the
speed or the poles, and the efficiency or the IE class is graded; a crane cell's motors and a pump's drive motor are
judged as parts of their item (a crane's hoist motors are intermittent duty: outside GB 18613); a nameplate value never overrules the stated column (a conflict is DQ111)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from tests.interpret.test_nameplate import CASES
from tests.result_json import loads

GRADES = {"below_minimum", "below_energy_saving", "energy_saving", "advanced"}
AS_OF = "2026-11-22"


def audit(path: Path) -> list[dict]:
    completed = subprocess.run([sys.executable, "-m", "effaudit.cli", "check", str(path), "--as-of", AS_OF,
                                "--json", "-"], capture_output=True, text=True)
    assert completed.returncode in (0, 1), completed.stderr
    return loads(completed.stdout)["items"]


def _gradable(plates: tuple) -> bool:
    """One three-phase low-voltage motor stating power, speed or poles, and efficiency or IE class."""
    if len(plates) != 1:
        return False
    plate = plates[0]
    return (plate.rated_power_kw is not None and (plate.rated_speed_rpm or plate.poles)
            and (plate.efficiency_pct is not None or plate.ie_class) and plate.phases != 1
            and (plate.rated_voltage_v or 380) <= 1000 and (plate.frequency_hz or 50) == 50)


def write_ledger(path: Path, texts: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["设备编号", "设备名称", "铭牌参数"])
        writer.writerows([f"M-{number:03d}", "电机", text] for number, text in enumerate(texts, start=1))


# A ledger typed in from nameplate photos: the same facts in the shapes people type them.
TEMPLATES = (
    "{brand} {model} · {power} kW · 380V/50Hz · {speed} r/min · IE3 {eff}% · F级 · IP55 · 制造 2023.05",
    "{model}/{power}kW/{speed}rpm/η={eff}%",
    "电机：{model} {power}千瓦 {speed}转/分 效率{eff}% 2022年8月出厂",
    "{model}，{power}KW，380V，{speed}r/min，效率:{eff}%",
    "型号{model}\n功率{power}kW\n转速{speed}r/min\n效率{eff}%",
    "{model}；{power}ｋＷ；{speed}ｒ/ｍｉｎ；η＝{eff}％",
    "{power}kW {poles}极 IE3 {eff}% {model}",
    "{brand}/{model}/{power}kW/380V/50Hz/{speed}r/min/效率{eff}%/F级/IP55",
)
RATINGS = (("YE3-160M-4", 11, 4, 1460, 92.0), ("YE3-160L-4", 15, 4, 1460, 93.0), ("YE3-132S1-2", 5.5, 2, 2900, 90.0),
           ("YE3-200L2-6", 22, 6, 980, 93.0), ("YE3-280S-4", 75, 4, 1480, 95.4), ("YE3-132M-4", 7.5, 4, 1440, 91.0))
BRANDS = ("上海电气", "卧龙", "佳木斯电机", "皖南电机", "大中电机", "江潮电机")


def typed_ledger() -> list[str]:
    return [template.format(brand=BRANDS[number % len(BRANDS)], model=model, power=power, poles=poles, speed=speed,
                            eff=eff)
            for number, template in enumerate(TEMPLATES) for model, power, poles, speed, eff in RATINGS]


def test_every_complete_nameplate_is_graded(tmp_path: Path) -> None:
    texts = typed_ledger() + [text for text, plates in CASES if _gradable(plates)]
    assert len(texts) >= 60
    path = tmp_path / "ledger.csv"
    write_ledger(path, texts)
    items = audit(path)
    ungraded = [(text, item["verdict"], [f["message"] for f in item["findings"]])
                for text, item in zip(texts, items, strict=True) if item["verdict"] not in GRADES]
    assert not ungraded, ungraded
    assert all(any(entry["from"] == "nameplate" for entry in item["read_as"]) for item in items)


def test_exact_verdicts_from_nameplates(tmp_path: Path) -> None:
    """GB 18613-2020 表1 4-pole: 11 kW 94.6 / 93.3 / 91.4; 132 kW 96.7 / 96.0 / 95.6 (grades 1 / 2 / 3)."""
    path = tmp_path / "plates.csv"
    path.write_text(
        "设备编号,设备名称,型号,额定功率(kW),铭牌参数\n"
        "M-1,1#电机,,,上海电气 YE3-315M-4 WF1 · 132 kW · 380V/50Hz · 236 A · 1485 r/min · IE3 95.6% · F级 · 制造 2024.07\n"
        "M-2,引风机电机,YE2-160M-4 11kW 1460r/min 效率90.0% 2016年4月,,\n"
        "M-3,电机,,15,YE3-160M-4/11kW/1460rpm/η=92.5%\n"
        "C-1,双轴搅拌机,,,1#电机YE3-160M-4/11KW 1460r/min 效率91.0% 2#电机YE3-160M-4/11KW 1460r/min 效率94.8%\n"
        "P-1,循环水泵,IS100-80-160,,电机：Y132S2-2 7.5kW 2900r/min 效率86%\n", encoding="utf-8")
    items = {item["equipment_id"]: item for item in audit(path)}
    assert items["M-1"]["verdict"] == "below_energy_saving" and items["M-1"]["model"] == "YE3-315M-4"
    # made 2016-04 under GB 18613-2012 (11 kW 4-pole grade 3 = IE2 89.8): met the rules of its day
    assert (items["M-2"]["verdict"], items["M-2"]["status"]) == ("below_minimum", "advisory")
    conflict = [f for f in items["M-3"]["findings"] if f["code"] == "DQ111"]
    assert conflict and "15" in conflict[0]["message"] and "11" in conflict[0]["message"]
    mixer = items["C-1"]
    assert mixer["verdict"] == "below_minimum"  # the worst of its two motors: 91.0 < 91.4
    messages = [f["message"] for f in mixer["findings"]]
    assert any(m.startswith("1#电机 YE3-160M-4：") and "91.0 %" in m for m in messages), messages
    assert any(m.startswith("2#电机 YE3-160M-4：") and "94.8 %" in m for m in messages), messages
    pump = items["P-1"]
    assert pump["verdict"] == "phase_out"  # Y132S2-2 is in MIIT batch 2 (Y series)
    assert any(f["code"] == "PO101" and f["message"].startswith("配套电机 Y132S2-2：") for f in pump["findings"])


def test_a_nameplate_that_tells_nothing_usable_is_a_note(tmp_path: Path) -> None:
    path = tmp_path / "unread.csv"
    path.write_text("设备编号,设备名称,额定功率(kW),极数,效率(%),铭牌参数\n"
                    "M-1,电机,11,4,92.0,功率 750 电压 10 2016\n"
                    "M-2,电机,11,4,92.0,YE3-160M-4 11kW 1460r/min 效率92.0% ABC-123\n", encoding="utf-8")
    first, second = audit(path)
    for item in (first, second):
        assert item["verdict"] == "below_energy_saving" and item["status"] == "advisory"
        note = next(f for f in item["findings"] if f["code"] == "DQ114")
        assert note["severity"] == "info"
    assert "功率 750 电压 10 2016" in next(f["message"] for f in first["findings"] if f["code"] == "DQ114")
    assert "ABC-123" in next(f["message"] for f in second["findings"] if f["code"] == "DQ114")


def test_drive_motor_columns_on_a_pump_row_and_a_motor_row(tmp_path: Path) -> None:
    """配套电机型号 / 电机功率 / 电机效率 on a pump's row describe its drive motor, judged as part of the pump (GB 18613-2020
    表1 11 kW 2-pole: grade 3 = 91.2 %, so 88.0 % is below the minimum); on a motor's own row 电机型号 and 电机效率 are
    its model and efficiency (11 kW 4-pole grade 2 = 93.3 %, grade 3 = 91.4 %: 92.0 % is below the energy-saving
    level)."""
    path = tmp_path / "drive.csv"
    path.write_text("设备编号,设备名称,配套电机型号,电机功率(kW),电机效率(%),出厂日期,电机出厂日期\n"
                    "P-1,循环水泵,YE3-160M1-2,11,88.0,2022-05,\n"
                    "M-1,电动机,YE3-160M-4,11,92.0,,2022-05\n"
                    "P-2,给水泵,Y2-160M1-2,11,88.0,2022-05,2010年3月\n", encoding="utf-8")
    pump, motor, old_motor_pump = audit(path)
    assert (pump["verdict"], pump["status"]) == ("below_minimum", "violation")  # made under the 2020 edition
    finding = next(f for f in pump["findings"] if f["code"] == "EF101")
    assert finding["message"].startswith("配套电机 YE3-160M1-2：") and finding["required"]["value"] == 91.2
    assert (motor["model"], motor["verdict"]) == ("YE3-160M-4", "below_energy_saving")
    assert {"field": "manufacture_date", "value": "2022-05-01", "from": "column:电机出厂日期"} in motor["read_as"]
    # the drive motor's own date decides its history, not the pump's (2022-05 would make it a violation, as for P-1):
    # 2010-03 is before GB 18613-2012, the earliest encoded edition, so it is priority renewal (advisory)
    finding = next(f for f in old_motor_pump["findings"] if f["code"] == "EF101")
    assert finding["severity"] == "advisory" and "制造早于已收录的最早版本 GB 18613-2012" in finding["message"]
