"""GB 29541-2013 表1 (heat-pump water heaters: five grades of the heating COP, grade 5 the minimum), through
`effaudit check` on small CSV files and one workbook; and that a standard of three grades says what it said before.

Limits written out by hand from standards_data/standards/gb29541-2013.yaml (records GB29541-T1-01..09, see
VERIFICATION-aircon.md): higher is better, a value at a limit meets it, 0.01 below drops one grade (below grade 5:
below the minimum), 0.01 above stays.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from effaudit.checks.grading import BELOW_MINIMUM, grade
from effaudit.standards.loader import STANDARDS_DATA, load_file
from tests.cli_run import checked_items, effaudit, workbook_items

HEADER = "设备编号,设备名称,热泵热水机类型,加热方式,是否提供水泵,名义制热量(kW),性能系数COP,出厂日期\n"

# (type, heating method, pump, heating capacity in kW, the row's limits of grades 1-5, its record)
ROWS = [
    ("普通型", "一次加热式", "", 5, (4.6, 4.4, 4.1, 3.9, 3.7), "T1-01"),
    ("普通型", "静态加热式", "", 3.5, (4.2, 4.0, 3.8, 3.6, 3.4), "T1-02"),
    ("低温型", "循环加热式", "", 9.99, (3.8, 3.6, 3.4, 3.2, 3.0), "T1-03"),
    ("普通型", "循环加热式", "是", 10, (4.5, 4.3, 4.0, 3.8, 3.6), "T1-06"),
    ("低温型", "一次加热式", "", 20, (3.9, 3.7, 3.5, 3.3, 3.1), "T1-07"),
    ("低温型", "循环加热式", "否", 60, (3.9, 3.7, 3.5, 3.3, 3.1), "T1-08"),
]
# (verdict, code, grade named) at each grade; below grade 5: below the minimum (EF101 names grade 5)
AT = [("advanced", "EF104"), ("energy_saving", "EF103"), ("below_energy_saving", "EF102"),
      ("below_energy_saving", "EF102"), ("below_energy_saving", "EF102")]
BELOW = AT[1:] + [("below_minimum", "EF101")]


def line(number: int, kind: str, method: str, pump: str, capacity: object, cop: object,
         name: str = "空气源热泵热水机", made: str = "2023-01") -> str:
    return ",".join(str(cell) for cell in (f"H{number}", name, kind, method, pump, capacity, cop, made))


def around(limits: tuple[float, ...]) -> list[tuple[float, tuple[str, str], int]]:
    """(value, (verdict, code), grade reached or BELOW_MINIMUM) at, 0.01 below and 0.01 above each grade."""
    cases = []
    for index, limit in enumerate(limits):
        grade_at = index + 1
        grade_below = grade_at + 1 if grade_at < 5 else BELOW_MINIMUM
        cases += [(limit, AT[index], grade_at), (round(limit - 0.01, 2), BELOW[index], grade_below),
                  (round(limit + 0.01, 2), AT[index], grade_at)]
    return cases


def _items(tmp_path: Path, lines: list[str], lang: str, header: str = HEADER) -> tuple[list[dict], list[str]]:
    """The items of ``check --lang LANG`` on a CSV of ``header`` and ``lines``, and the document's messages."""
    from click.testing import CliRunner

    from effaudit.cli import main

    inventory = tmp_path / f"inventory_{lang}.csv"
    inventory.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(inventory), "--json", "-", "--as-of", "2026-11-22",
                                       "--lang", lang])
    assert result.exit_code in (0, 1), result.output
    document = json.loads(result.stdout)
    return document["items"], document["messages"]


def test_verdicts_around_every_grade_of_six_rows(tmp_path: Path) -> None:
    cases = [(kind, method, pump, capacity, value, expected, reached)
             for kind, method, pump, capacity, limits, _ in ROWS for value, expected, reached in around(limits)]
    items = checked_items(tmp_path, HEADER, *(line(i, kind, method, pump, capacity, value)
                                              for i, (kind, method, pump, capacity, value, *_) in enumerate(cases)))
    assert [(item["verdict"], [f["code"] for f in item["findings"]]) for item in items] == [
        (verdict, [code]) for *_, (verdict, code), _ in cases]
    assert {(f["standard"], f["clause"]) for item in items for f in item["findings"]} == {("GB 29541-2013", "表1")}
    for item, (*_, reached) in zip(items, cases):
        message = item["findings"][0]["message"]
        if reached == BELOW_MINIMUM:
            assert "低于5级（能效限定值）" in message and "5级要求" in message
        elif reached >= 3:
            assert f"达到{reached}级" in message and "未达2级（节能水平）" in message
    # the limit each finding cites, on the first row: grade 1 for grades 1 and 2, grade 2 for grades 3 to 5, grade 5
    # below it
    assert [f["required"]["value"] for item in items[:15] for f in item["findings"]] == [
        4.6, 4.6, 4.6, 4.6, 4.4, 4.6, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4, 3.7, 4.4]


def test_achieved_grades_are_the_five_and_below_minimum_is_none_of_them() -> None:
    standard = load_file(STANDARDS_DATA / "standards" / "gb29541-2013.yaml")
    assert standard.grades == (1, 2, 3, 4, 5) and BELOW_MINIMUM not in standard.grades
    items = pd.DataFrame({"hpwh_type": "normal", "heating_method": "once_through", "water_pump_supplied": None,
                          "heating_capacity_kw": 5.0, "heating_cop": [4.6, 4.4, 4.1, 3.9, 3.7, 3.69, np.nan]})
    achieved = grade(standard, items).achieved.tolist()
    assert achieved[:6] == [1, 2, 3, 4, 5, BELOW_MINIMUM] and np.isnan(achieved[6])


def test_the_bands_meet_at_10_kw_and_the_pump_splits_circulating_units(tmp_path: Path) -> None:
    """Below 10 kW a circulating unit is on T1-01 whatever its pump; from 10 kW on, T1-05 (no pump) or T1-06."""
    rows = [line(1, "普通型", "循环加热式", "是", 9.99, 4.5),    # T1-01: grade 2 (4.4)
            line(2, "普通型", "循环加热式", "否", 10, 4.6),      # T1-05: grade 1 (4.6)
            line(3, "普通型", "循环加热式", "是", 10, 4.5),      # T1-06: grade 1 (4.5)
            line(4, "普通型", "循环加热式", "否", 10, 4.5),      # T1-05: grade 2
            line(5, "普通型", "一次加热式", "是", 12, 3.69)]    # T1-04 (any pump): below 3.7
    items = checked_items(tmp_path, HEADER, *rows)
    assert [item["verdict"] for item in items] == ["energy_saving", "advanced", "advanced", "energy_saving",
                                                   "below_minimum"]


def test_a_grade_4_item_in_chinese_and_english(tmp_path: Path) -> None:
    rows = [line(1, "普通型", "一次加热式", "", 5, 3.95), line(2, "普通型", "一次加热式", "", 5, 3.7),
            line(3, "普通型", "一次加热式", "", 5, 3.69)]
    zh_items, zh = _items(tmp_path, rows, "zh")
    en_items, en = _items(tmp_path, rows, "en")
    assert [zh[item["findings"][0]["message"]] for item in zh_items] == [
        "性能系数COP实测 3.95 W/W，达到4级（能效限定值为5级），未达2级（节能水平）（GB 29541-2013 表1，2级要求 ≥ 4.4 W/W）",
        "性能系数COP实测 3.7 W/W，达到5级（能效限定值），未达2级（节能水平）（GB 29541-2013 表1，2级要求 ≥ 4.4 W/W）",
        "性能系数COP实测 3.69 W/W，低于5级（能效限定值）（GB 29541-2013 表1，5级要求 ≥ 3.7 W/W）；"
        "制造时适用的 GB 29541-2013 即现行版本，当时已不达标"]
    assert [en[item["findings"][0]["message"]] for item in en_items] == [
        "coefficient of performance (COP) measured 3.95 W/W: meets grade 4 (the minimum is grade 5), below grade 2 "
        "(energy-saving level) (GB 29541-2013 Table 1, grade 2 requires ≥ 4.4 W/W)",
        "coefficient of performance (COP) measured 3.7 W/W: meets grade 5 (minimum), below grade 2 (energy-saving "
        "level) (GB 29541-2013 Table 1, grade 2 requires ≥ 4.4 W/W)",
        "coefficient of performance (COP) measured 3.69 W/W: below grade 5 (the minimum) (GB 29541-2013 Table 1, "
        "grade 5 requires ≥ 3.7 W/W); GB 29541-2013 was already in force when it was made"]
    assert [item["status"] for item in zh_items] == ["advisory", "advisory", "violation"]


def test_missing_type_or_pump_tries_every_row_they_could_be(tmp_path: Path) -> None:
    """Without the type or the pump every row they could take is tried: a verdict when all agree (EF117), else
    EF110 names the rows, what each gives (grade 4 of 普通型, grade 1 of 低温型) and what to supply."""
    rows = [line(1, "", "循环加热式", "", 38, 4.7),      # T1-05 / T1-06 / T1-08 / T1-09: grade 1 on all
            line(2, "普通型", "循环加热式", "", 38, 4.55),  # T1-05 grade 2, T1-06 grade 1: disagree
            line(3, "", "一次加热式", "", 5, 3.95)]        # T1-01 grade 4, T1-03 grade 1: disagree
    items = checked_items(tmp_path, HEADER, *rows)
    assert [item["verdict"] for item in items] == ["advanced", "not_assessable", "not_assessable"]
    assert sorted(f["code"] for f in items[0]["findings"]) == ["EF104", "EF117"]
    [disagree] = items[2]["findings"]
    assert disagree["code"] == "EF110"
    assert "→ 4级（达到能效限定值，未达节能水平）" in disagree["message"]
    assert "→ 1级（先进水平）" in disagree["message"] and "请补充热泵热水机类型" in disagree["message"]
    assert "是否提供水泵" in items[1]["findings"][0]["message"]


def test_a_water_source_unit_is_out_of_scope_and_a_static_one_of_10_kw_has_no_row(tmp_path: Path) -> None:
    rows = [line(1, "普通型", "循环加热式", "否", 50, 4.5, name="水源热泵热水机"),
            line(2, "普通型", "静态加热式", "否", 12, 4.5)]
    items = checked_items(tmp_path, HEADER, *rows)
    assert [(item["verdict"], [f["code"] for f in item["findings"]]) for item in items] == [
        ("out_of_scope", ["EF114"]), ("not_assessable", ["EF111"])]


def test_check_on_a_workbook_with_chinese_headers(tmp_path: Path) -> None:
    """The whole command on an .xlsx: the family from 设备名称, the type from its column or the name (RS-03 states
    none: both types' rows give grade 1), the COP from 性能系数COP."""
    result, items = workbook_items(tmp_path, "热水机清单.xlsx", [
        ["热水设备台账"],
        ["设备编号", "设备名称", "热泵热水机类型", "加热方式", "名义制热量(kW)", "是否提供水泵", "性能系数COP", "出厂日期"],
        ["RS-01", "空气源热泵热水机", "普通型", "循环加热式", 38, "否", 4.2, "2020-05"],  # T1-05: grade 3 (4.1)
        ["RS-02", "低温型空气能热水机组", None, "一次加热", 20, None, 3.0, "2015-03"],  # T1-07: below 3.1
        ["RS-03", "热泵热水器", None, "一次加热式", 3.2, None, 4.75, "2021-07"]])     # T1-01 / T1-03: grade 1
    assert result.returncode == 1, result.stderr  # a violation
    assert [(item["row"], item["category"], item["verdict"]) for item in items] == [
        (3, "heat_pump_water_heater", "below_energy_saving"), (4, "heat_pump_water_heater", "below_minimum"),
        (5, "heat_pump_water_heater", "advanced")]
    [third] = items[0]["findings"]
    assert "达到3级（能效限定值为5级）" in third["message"]
    [low] = [f for f in items[1]["findings"] if f["code"] == "EF101"]
    assert (low["standard"], low["clause"], low["measured"]["value"], low["required"]["value"]) == (
        "GB 29541-2013", "表1", 3.0, 3.1)


def test_standards_list_and_show() -> None:
    listed = effaudit("standards", "list", "--lang", "en")
    assert listed.returncode == 0, listed.stderr
    assert "GB 29541-2013" in listed.stdout
    shown = effaudit("standards", "show", "GB 29541-2013", "--lang", "en")
    assert shown.returncode == 0, shown.stderr
    assert "heating_cop_g5" in shown.stdout or "g5" in shown.stdout


MOTORS = "设备编号,设备名称,额定功率(kW),极数,效率(%),出厂日期\n"


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", ["效率实测 91.4 %，达到3级（能效限定值），未达2级（节能水平）（GB 18613-2020 表1，2级要求 ≥ 93.3 %）",
            "效率实测 91.39 %，低于3级（能效限定值）（GB 18613-2020 表1，3级要求 ≥ 91.4 %）；制造时适用的 GB 18613-2020 即现行版本，"
            "当时已不达标",
            "额定功率 12 kW 不是 GB 18613-2020 表中的一行，介于相邻两行之间；效率 91.8 % 在各候选行的结论不一：额定功率 11 kW（1级 ≥ "
            "94.6 %、2级 ≥ 93.3 %、3级 ≥ 91.4 %）→ 3级（达到能效限定值，未达节能水平）；额定功率 15 kW（1级 ≥ 95.1 %、2级 ≥ "
            "93.9 %、3级 ≥ 92.1 %）→ 低于3级（能效限定值）；标准未给出该额定值的限值，不插值：请核对铭牌额定值，或按标准对此类额定值的"
            "规定人工判定"]),
    ("en", ["efficiency measured 91.4 %: meets grade 3 (minimum), below grade 2 (energy-saving level) (GB 18613-2020 "
            "Table 1, grade 2 requires ≥ 93.3 %)",
            "efficiency measured 91.39 %: below grade 3 (the minimum) (GB 18613-2020 Table 1, grade 3 requires ≥ "
            "91.4 %); GB 18613-2020 was already in force when it was made",
            "rated power 12 kW is not a row of GB 18613-2020: it lies between two rows; efficiency 91.8 % gives "
            "different verdicts on the candidate rows: rated power 11 kW (grade 1 ≥ 94.6 %, grade 2 ≥ 93.3 %, grade 3 "
            "≥ 91.4 %) → grade 3 (minimum met, below the energy-saving level); rated power 15 kW (grade 1 ≥ 95.1 %, "
            "grade 2 ≥ 93.9 %, grade 3 ≥ 92.1 %) → below grade 3 (the minimum); the standard gives no limit for this "
            "rating and effaudit does not interpolate: check the nameplate rating, or judge it by the standard's own "
            "rule for such ratings"]),
])
def test_a_three_grade_standard_says_what_it_said_before(tmp_path: Path, lang: str, expected: list[str]) -> None:
    """Grade 3 and below the minimum of GB 18613-2020, and a candidate row of each: the texts of before five-grade
    standards (written from the output of c489012)."""
    items, messages = _items(tmp_path, ["M1,电动机,11,4,91.4,2023-01", "M2,电动机,11,4,91.39,2023-01",
                                        "M3,电动机,12,4,91.8,2023-01"], lang, header=MOTORS)
    assert [(f["code"], messages[f["message"]]) for item in items for f in item["findings"]] == list(
        zip(["EF102", "EF101", "EF111"], expected))


def test_the_cop_is_the_heating_capacity_over_the_heating_input_power_when_not_stated(tmp_path: Path) -> None:
    """普通型 循环加热式 with its pump, ≥ 10 kW (T1-06: 4.5 / 4.3 / 4.0 / 3.8 / 3.6). A nameplate's 名义制热量 38 kW over
    its 制热输入功率 9.5 kW is COP 4.0: grade 3 (EF102); over 8.8 kW, 4.318: grade 2 (EF103); each says where the COP
    came from (read_as). A stated COP wins over the quotient (3.7: grade 4 although 38 / 9.5 is 4.0), and a bare
    输入功率 / 额定功率 (maybe the maximum input) is never divided into the capacity: the item is asked for its COP (EF112)."""
    header = "设备编号,设备名称,热泵热水机类型,加热方式,是否提供水泵,名义制热量(kW),制热输入功率(kW),性能系数COP,出厂日期\n"
    items = checked_items(tmp_path, header, "H1,空气源热泵热水机组,普通型,循环加热式,是,38,9.5,,2022-06",
                          "H2,空气源热泵热水机组,普通型,循环加热式,是,38,8.8,,2022-06",
                          "H3,空气源热泵热水机组,普通型,循环加热式,是,38,9.5,3.7,2022-06")
    assert [(item["verdict"], item["findings"][0]["code"]) for item in items] == [
        ("below_energy_saving", "EF102"), ("energy_saving", "EF103"), ("below_energy_saving", "EF102")]
    assert [finding["measured"]["value"] for finding in (item["findings"][0] for item in items)] == [4.0, 4.318182, 3.7]
    assert items[0]["read_as"] == [{"field": "heating_cop", "value": 4.0,
                                    "from": "derived:heating_capacity_kw/heating_input_power_kw"}]
    assert items[2]["read_as"] == [{"field": "heating_cop", "value": 3.7, "from": "column:性能系数COP"}]
    bare = checked_items(tmp_path, "设备编号,设备名称,热泵热水机类型,加热方式,是否提供水泵,名义制热量(kW),输入功率(kW),出厂日期\n",
                         "H4,空气源热泵热水机组,普通型,循环加热式,是,38,9.5,2022-06")
    assert [(item["verdict"], [finding["code"] for finding in item["findings"]]) for item in bare] == [
        ("not_assessable", ["EF112"])]


def test_a_static_unit_of_10_kw_without_its_pump_is_not_in_the_table(tmp_path: Path) -> None:
    """GB 29541-2013 has static (静态加热式) rows below 10 kW only. A static unit of 12 kW that does not say whether it
    supplies its water pump would find no row whichever it supplies — the pump is tried on both values and neither
    has a row — so it is told "not in table" (EF111), not asked for 是否提供水泵 (EF110, as before). At 5 kW the
    pump does not matter (T1-02: 4.2 / 4.0 …): 4.0 is grade 2."""
    items = checked_items(tmp_path, HEADER, line(1, "普通型", "静态加热式", "", 12, 4.0),
                          line(2, "普通型", "静态加热式", "", 5, 4.0))
    assert [(item["verdict"], [finding["code"] for finding in item["findings"]]) for item in items] == [
        ("not_assessable", ["EF111"]), ("energy_saving", ["EF103"])]
    assert "是否提供水泵" not in items[0]["findings"][0]["message"]
