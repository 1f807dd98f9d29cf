"""`effaudit check` end to end on small real CSV inventories: exact verdicts on GB 18613 table values,
catalogue conditions, the edition history, the JSON contract and the exit codes."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from effaudit.cli import main
from tests.result_json import loads

HEADER = "设备编号,设备名称,设备类别,型号规格,额定功率(kW),极数,效率(%),出厂日期,投运日期\n"
AS_OF = "2026-11-22"


def run_check(tmp_path: Path, lines: list[str], *extra: str) -> tuple[int, dict]:
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(inventory), "--json", "-", "--as-of", AS_OF, *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, loads(result.stdout)


def verdicts(report: dict) -> list[str]:
    return [item["verdict"] for item in report["items"]]


# (power kW, poles, efficiency %, expected verdict) — limits from GB 18613-2020 Table 1 (g1, g2, g3).
TABLE_CASES = [
    (11, 4, 94.6, "advanced"),             # 11 kW 4p: 94.6 / 93.3 / 91.4 — exactly grade 1
    (11, 4, 94.5, "energy_saving"),
    (11, 4, 93.3, "energy_saving"),        # exactly grade 2
    (11, 4, 93.2, "below_energy_saving"),
    (11, 4, 91.4, "below_energy_saving"),  # exactly grade 3 meets the minimum
    (11, 4, 91.3, "below_minimum"),
    (0.12, 2, 60.8, "below_energy_saving"),  # smallest rating: 71.4 / 66.5 / 60.8
    (0.12, 2, 60.7, "below_minimum"),
    (0.12, 8, 62.3, "energy_saving"),        # 67.4 / 62.3 / 50.7
    (18.5, 2, 92.4, "below_energy_saving"),  # 94.9 / 93.7 / 92.4 (an IEC source misprints 82.4)
    (75, 6, 95.4, "energy_saving"),          # 96.3 / 95.4 / 94.6
    (75, 8, 93.0, "below_minimum"),          # 95.3 / 94.2 / 93.1
    (200, 6, 97.0, "advanced"),              # 97.0 / 96.3 / 95.8
]


@pytest.mark.parametrize(("power", "poles", "efficiency", "expected"), TABLE_CASES)
def test_verdict_on_table_values(tmp_path: Path, power: float, poles: int, efficiency: float, expected: str) -> None:
    _, report = run_check(tmp_path, [f"M1,电机,电动机,YE3-X-{poles},{power},{poles},{efficiency},2023-01,2023-02"])
    assert verdicts(report) == [expected]


def test_largest_rating_and_every_pole_count(tmp_path: Path) -> None:
    lines = [f"M{p},电机,电动机,,1000,{p},99.0,2023-01," for p in (2, 4, 6, 8)]
    _, report = run_check(tmp_path, lines)
    assert verdicts(report) == ["advanced"] * 4
    finding = report["items"][0]["findings"][0]
    assert finding["code"] == "EF104" and finding["standard"] == "GB 18613-2020" and finding["clause"] == "表1"


def test_rating_between_rows_is_not_interpolated(tmp_path: Path) -> None:
    """12 kW 4-pole lies between the 11 kW and 15 kW rows: judged on both (tests/audit/test_partial_data.py has more)."""
    _, report = run_check(tmp_path, ["M1,电机,电动机,,12,4,91.8,2023-01,", "M2,电机,电动机,,12,4,93.0,2023-01,"])
    disagreeing, agreeing = report["items"]
    assert disagreeing["verdict"] == "not_assessable" and [f["code"] for f in disagreeing["findings"]] == ["EF111"]
    assert agreeing["verdict"] == "below_energy_saving"
    assert [f["code"] for f in agreeing["findings"]] == ["EF102", "EF117"]


def test_missing_poles_and_efficiency_are_named(tmp_path: Path) -> None:
    _, report = run_check(tmp_path, ["M1,电机,电动机,,11,,93.0,2023-01,", "M2,电机,电动机,,11,4,,2023-01,"])
    codes = [[f["code"] for f in item["findings"]] for item in report["items"]]
    assert codes == [["EF110"], ["EF112"]]
    assert "极数" in report["items"][0]["findings"][0]["message"]


def test_history_decides_violation_or_advisory(tmp_path: Path) -> None:
    # 18.5 kW 4p at 91.5 %: below GB 18613-2020 grade 3 (92.6), above GB 18613-2012 grade 3 (IE2, 91.2)
    lines = ["M1,搅拌机电机,电动机,YE2-180M-4,18.5,4,91.5,2018-04,",   # made under 2012, met it -> advisory
             "M2,搅拌机电机,电动机,YE2-180M-4,18.5,4,91.5,2022-03,",   # made under 2020 -> violation
             "M3,搅拌机电机,电动机,YE2-180M-4,18.5,4,91.5,,",          # age unknown -> violation
             "M4,搅拌机电机,电动机,YE2-180M-4,18.5,4,91.5,,2019-05"]   # dated by commissioning -> advisory
    code, report = run_check(tmp_path, lines)
    assert verdicts(report) == ["below_minimum"] * 4
    assert [item["status"] for item in report["items"]] == ["advisory", "violation", "violation", "advisory"]
    assert "GB 18613-2012" in report["items"][0]["findings"][0]["message"]
    assert code == 1


def test_inferred_class_from_series_is_marked(tmp_path: Path) -> None:
    _, report = run_check(tmp_path, ["M1,电机,电动机,YE3-200L-4,30,4,,2022-01,",
                                     "M2,电机,电动机,YE2-200L-4,30,4,93.8,2022-01,"])
    first, second = report["items"]
    assert first["verdict"] == "below_energy_saving" and first["findings"][0]["inferred"] is True
    assert "measured" not in first["findings"][0]  # audit/2 writes no null
    # a stated value is never overruled by the series (30 kW 4p: 93.8 % meets grade 3, 93.6)
    assert second["verdict"] == "below_energy_saving" and second["findings"][0]["inferred"] is False
    assert second["findings"][0]["measured"] == {"value": 93.8, "unit": "%"}


@pytest.mark.parametrize(("model", "made", "expected", "code"), [
    ("Y2-160M-4", "2001-06", "phase_out", "PO101"),       # batch 3 1-2: made 2003 or before -> stop by 2015
    ("Y2-160M-4", "2003-12", "phase_out", "PO101"),
    ("Y2-160M-4", "2008-03", "below_minimum", "EF101"),   # condition false: judged on efficiency
    ("Y2-160M-4", "", "below_minimum", "PO103"),          # condition needs the date; the proven grade shows
    ("Y112M-4", "1998", "phase_out", "PO101"),
])
def test_catalogue_conditions(tmp_path: Path, model: str, made: str, expected: str, code: str) -> None:
    _, report = run_check(tmp_path, [f"M1,电机,电动机,{model},11,4,88.0,{made},"])
    item = report["items"][0]
    assert item["verdict"] == expected
    assert code in [f["code"] for f in item["findings"]]


@pytest.mark.parametrize(("model", "commissioned", "codes"), [
    ("S9-500/10", "1996-10", {"PO101"}),            # batch 4: in service 1997 or before -> stop by 2017
    ("S9-M-800/10", "2008-06", {"PO104"}),           # later: renewal encouraged only
    ("S11-M-1000/10", "2008-06", set()),             # S11 is not S1 or S9
    ("SZ11-1600/35", "2008-06", set()),              # SZ11 is not SZ
])
def test_transformer_catalogue(tmp_path: Path, model: str, commissioned: str, codes: set) -> None:
    _, report = run_check(tmp_path, [f"T1,配电变压器,变压器,{model},,,,,{commissioned}"])
    found = {f["code"] for f in report["items"][0]["findings"] if f["code"].startswith("PO")}
    assert found == codes


def test_json_contract_and_determinism(tmp_path: Path) -> None:
    lines = ["M1,引风机电机,电动机,YE2-280S-4,75,4,93.2,2022-03,", "D1,办公桌,办公家具,,,,,,"]
    _, first = run_check(tmp_path, lines)
    _, second = run_check(tmp_path, lines)
    assert first == second
    assert first["schema"] == "effaudit.audit/2" and first["as_of"] == AS_OF
    assert set(first) == {"schema", "tool", "as_of", "jurisdiction", "inventory", "standards", "summary",
                          "renewal_plan", "messages", "items", "errors"}
    assert len(first["inventory"]["sha256"]) == 64
    assert first["standards"][0]["id"] == "GB 18613-2020" and first["standards"][0]["effective"] == "2021-06-01"
    item = first["items"][0]
    assert {k: item[k] for k in ("sheet", "row", "equipment_id", "category", "model", "quantity")} == {
        "sheet": "inventory", "row": 2, "equipment_id": "M1", "category": "motor_lv", "model": "YE2-280S-4",
        "quantity": 1.0}
    finding = item["findings"][0]
    assert finding["code"] == "EF101" and finding["severity"] == "violation"
    assert finding["measured"] == {"value": 93.2, "unit": "%"} and finding["required"] == {"value": 95.0, "unit": "%"}
    assert first["items"][1]["verdict"] == "out_of_scope" and first["items"][1]["row"] == 3
    assert first["summary"]["by_verdict"]["below_minimum"] == 1 and first["summary"]["items"] == 2


def test_as_of_picks_the_edition(tmp_path: Path) -> None:
    line = ["M1,电机,电动机,,11,4,85.0,2015-01,"]
    _, now = run_check(tmp_path, line)
    inventory = tmp_path / "inventory.csv"
    result = CliRunner().invoke(main, ["check", str(inventory), "--json", "-", "--as-of", "2020-01-01"])
    then = loads(result.stdout)
    assert now["items"][0]["findings"][0]["standard"] == "GB 18613-2020"
    assert then["items"][0]["findings"][0]["standard"] == "GB 18613-2012"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "effaudit.cli", *args], capture_output=True, text=True)


def test_exit_codes_through_a_real_process(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "M1,电机,电动机,,11,4,94.6,2023-01,\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "M1,电机,电动机,,11,4,80.0,2023-01,\n", encoding="utf-8")
    assert _cli("check", str(good), "--as-of", AS_OF).returncode == 0
    assert _cli("check", str(bad), "--as-of", AS_OF).returncode == 1
    missing = _cli("check", str(tmp_path / "nope.xlsx"))
    assert missing.returncode == 2 and "nope.xlsx" in missing.stderr and "Traceback" not in missing.stderr
    assert _cli("check", str(good), "--as-of", "2026-13-01").returncode == 2


def test_stages_on_a_terminal_only(tmp_path: Path) -> None:
    """A long check names its stage on stderr when that is a terminal; piped, stderr stays empty."""
    inventory = tmp_path / "good.csv"
    inventory.write_text(HEADER + "M1,电机,电动机,,11,4,94.6,2023-01,\n", encoding="utf-8")
    piped = _cli("check", str(inventory), "--as-of", AS_OF, "--lang", "en")
    assert piped.returncode == 0 and piped.stderr == "" and "advanced" in piped.stdout
    terminal, other_end = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "effaudit.cli", "check", str(inventory), "--as-of", AS_OF,
                                "--lang", "en"], stdout=subprocess.PIPE, stderr=other_end,
                               env={**os.environ, "TERM": "xterm", "COLUMNS": "100"})
    os.close(other_end)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the other end closed: the process is done
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    assert process.wait() == 0 and "advanced" in process.stdout.read().decode("utf-8")
    text = shown.decode("utf-8", "replace")
    assert "reading good.csv" in text and "auditing 1 lines" in text and "writing the reports" in text


def test_explain_and_standards_commands() -> None:
    runner = CliRunner()
    explained = runner.invoke(main, ["explain", "ef101", "--lang", "en"])
    assert explained.exit_code == 0
    for heading in ("What it does:", "Why:", "Example:", "Use instead:"):
        assert heading in explained.output
    assert runner.invoke(main, ["explain", "XX999"]).exit_code == 2
    listing = runner.invoke(main, ["standards", "list"])
    assert "GB 18613-2020" in listing.output and "MIIT-HEOE-2015-3" in listing.output
    shown = runner.invoke(main, ["standards", "show", "GB 18613-2020"])
    assert "表1" in shown.output and "94.6" in shown.output


def test_inventory_with_nothing_to_flag(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("设备编号,设备名称\nD1,办公桌\nD2,文件柜\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--json", "-", "--as-of", AS_OF])
    assert result.exit_code == 0
    assert [item["verdict"] for item in loads(result.stdout)["items"]] == ["out_of_scope", "out_of_scope"]


def test_missing_data_is_named_in_chinese(tmp_path: Path) -> None:
    _, report = run_check(tmp_path, ["M1,电机,电动机,Y2-160M-4,11,4,88.0,,"])
    pending = [f for f in report["items"][0]["findings"] if f["code"] == "PO103"][0]
    assert "需补充出厂年份才能判断" in pending["message"]
    _, english = run_check(tmp_path, ["M1,电机,电动机,Y2-160M-4,11,4,88.0,,"], "--lang", "en")
    assert "supply year of manufacture" in [f for f in english["items"][0]["findings"]
                                           if f["code"] == "PO103"][0]["message"]


def _saving_report(tmp_path: Path, rows: list[str]) -> dict:
    inventory = tmp_path / "saving.csv"
    inventory.write_text("设备编号,型号规格,数量,额定功率(kW),极数,效率(%),出厂日期,年运行小时数,负载率\n"
                         + "\n".join(rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(inventory), "--json", "-", "--as-of", AS_OF])
    return {item["equipment_id"]: item for item in loads(result.stdout)["items"]}


def test_saving_estimate_at_grade_2(tmp_path: Path) -> None:
    """EF120 by hand: GB 18613-2020 表1 11 kW 4-pole grade 2 = 93.3 %; saving = P × n × β × t × (1/η − 1/η₂)."""
    items = _saving_report(tmp_path, ["M1,YE2-160M-4,1,11,4,89.8,2023-05,6000,0.75",   # a ratio column: 75 %
                                      "M2,YE2-160M-4,2,11,4,91.4,2023-05,8000,",       # no load factor: rated load
                                      "M3,YE3-160M-4,1,11,4,93.5,2023-05,6000,0.75",   # at grade 2: nothing to save
                                      "M4,YE2-160M-4,1,11,4,89.8,2023-05,,0.75",       # no hours: no estimate
                                      "M5,YE2-160M-4,1,11,4,,2023-05,6000,0.75"])      # class inferred: no estimate
    one = {f["code"]: f for f in items["M1"]["findings"]}
    assert round(11 * 0.75 * 6000 * (1 / 0.898 - 1 / 0.933)) == 2068
    assert "负载率 75 %" in one["EF120"]["message"] and "年节电约 2,068 kWh" in one["EF120"]["message"]
    assert one["EF120"]["measured"] == {"value": 89.8, "unit": "%"}
    assert one["EF120"]["required"] == {"value": 93.3, "unit": "%"}
    assert one["EF120"]["severity"] == "info" and "verdict" not in one["EF120"]
    assert (items["M1"]["verdict"], items["M1"]["status"]) == ("below_minimum", "violation")  # unchanged by EF120
    two = {f["code"]: f for f in items["M2"]["findings"]}
    assert round(11 * 2 * 8000 * (1 / 0.914 - 1 / 0.933)) == 3921
    assert "按额定负载" in two["EF120"]["message"] and "年节电约 3,921 kWh" in two["EF120"]["message"]
    for quiet in ("M3", "M4", "M5"):
        assert "EF120" not in {f["code"] for f in items[quiet]["findings"]}, quiet


def test_every_rule_is_documented() -> None:
    """Like sqlfluff's rule docs: every code has the four sections, a known severity, and explain prints it."""
    from effaudit.checks import all_rules
    from effaudit.checks.base import DOC_SECTIONS
    from effaudit.findings import SEVERITY_ORDER

    rules = all_rules()
    assert {"EF101", "EF120", "QT101", "PO101", "DQ101", "RG001"} <= set(rules)
    for code, rule in rules.items():
        sections = rule.sections()
        assert list(sections) == list(DOC_SECTIONS) and all(sections.values()), code
        assert rule.severity in SEVERITY_ORDER and rule.title_zh and rule.title_en, code
    shown = CliRunner().invoke(main, ["explain", "ef120"])
    assert shown.exit_code == 0 and "1/η − 1/η₂" in shown.output


# Batch 4, entry 2-4 (6 kV JS motors): the notice counts 58 motor items, the annex as transcribed prints 59, and
# JS157-10 is the entry kept apart (action verify): it must never give a phase-out verdict on its own.
@pytest.mark.parametrize(("model", "volts", "codes", "verdict"), [
    # unconfirmed listing: advisory, no verdict of its own (the efficiency check lacks power and cooling: EF110)
    ("JS157-10", "6000", {"PO105"}, "not_assessable"),
    ("JS157-10", "", {"PO103"}, "not_assessable"),    # the 6 kV condition still needs the voltage
    ("JS157-10", "380", set(), "out_of_scope"),       # outside the 6 kV condition (and 10 poles: not GB 18613)
    ("JS157-8", "6000", {"PO101"}, "phase_out"),      # its neighbours in 2-4 stay listed: stop by end-2017
    ("JS158-10", "6000", {"PO101"}, "phase_out"),
])
def test_batch4_unconfirmed_motor(tmp_path: Path, model: str, volts: str, codes: set, verdict: str) -> None:
    inventory = tmp_path / "inventory.csv"
    inventory.write_text("设备编号,设备名称,设备类别,型号规格,额定电压(V),出厂日期\n"
                         f"M1,引风机电机,电动机,{model},{volts},1985-01\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(inventory), "--json", "-", "--as-of", AS_OF])
    item = loads(result.stdout)["items"][0]
    found = {f["code"] for f in item["findings"] if f["code"].startswith("PO")}
    assert found == codes
    assert item["verdict"] == verdict
    if "PO105" in codes:
        finding = next(f for f in item["findings"] if f["code"] == "PO105")
        assert finding["clause"] == "第4批 2-4" and finding["confidence"] == "conflict"
        assert finding["severity"] == "advisory" and "未经核实" in finding["message"]
        assert item["status"] != "violation"
