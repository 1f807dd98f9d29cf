"""Sheets laid out as ledgers keep them: a group header merged over sub-headers, a unit row, a header pasted again
mid-sheet, signature / note / total rows under the list, missing-value tokens, header variants, and a cell too long
to be a header. Each workbook is written here with openpyxl (real merged cells) and audited through the CLI; the
verdicts are worked by hand from GB 18613-2020 表1 (4 poles: 11 kW 94.6 / 93.3 / 91.4, 15 kW 95.1 / 93.9 / 92.1 for
grades 1 / 2 / 3)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from tests.result_json import loads

AS_OF = "2026-11-22"


def audit(path: Path) -> dict:
    completed = subprocess.run([sys.executable, "-m", "effaudit.cli", "check", str(path), "--as-of", AS_OF,
                                "--json", "-"], capture_output=True, text=True)
    assert completed.returncode in (0, 1), completed.stderr
    return loads(completed.stdout)


def verdicts(document: dict) -> dict[int, str]:
    return {item["row"]: item["verdict"] for item in document["items"]}


def codes(document: dict, row: int) -> list[str]:
    return [finding["code"] for item in document["items"] if item["row"] == row for finding in item["findings"]]


GROUP_HEADER = ["序号", "设备名称", "规格型号", "额定参数", None, None, "能效指标", "出厂日期"]
SUB_HEADER = [None, None, None, "功率", "电压", "转速", "效率", None]
UNIT_ROW = [None, None, None, "kW", "V", "r/min", "%", None]


def _two_level_ledger(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "主要用能设备台账"
    sheet.append(["某化工有限公司主要用能设备台账"])
    sheet.merge_cells("A1:H1")
    for start in (2, 11):  # the header, and the same header pasted again for the second page
        rows = [GROUP_HEADER, SUB_HEADER, UNIT_ROW]
        for offset, row in enumerate(rows):
            for column, value in enumerate(row, start=1):
                sheet.cell(start + offset, column, value)
        sheet.merge_cells(start_row=start, end_row=start, start_column=4, end_column=6)  # 额定参数 over three
        for column in (1, 2, 3, 8):  # 序号, 设备名称, 规格型号, 出厂日期 merged down over the sub-header
            sheet.merge_cells(start_row=start, end_row=start + 1, start_column=column, end_column=column)
    data = {
        5: [1, "引风机电机", "YE3-160L-4", 15, 380, 1470, 94.0, "2021-05"],    # 93.9 ≤ 94.0 < 95.1
        6: [2, "循环泵电机", "YE3-160M-4", 11, 380, 1460, 92.0, "2022-03"],    # 91.4 ≤ 92.0 < 93.3
        7: [3, "给料机电机", "YE4-160M-4", 11, 380, 1465, 95.0, "不详"],       # 95.0 ≥ 94.6
        8: [4, "皮带机电机", "YE3-160L-4", 15, 380, "—", 93.0, "2023-07"],     # speed "—": poles from the model
        14: [5, "搅拌机电机", "YE3-160L-4", 15, 380, 1470, 91.0, "2022-01"],   # 91.0 < 92.1, made under the 2020 edition
        15: [6, "风机电机", "—", 11, 380, 1460, "/", "2022-01"],              # efficiency not given
    }
    for row, values in data.items():
        for column, value in enumerate(values, start=1):
            sheet.cell(row, column, value)
    sheet.cell(16, 1, "合计")
    sheet.cell(16, 4, 78)
    sheet.cell(18, 1, "填表人：张三")
    sheet.cell(18, 5, "审核人：李四")
    sheet.cell(19, 1, "注：效率为铭牌值。")
    book.save(path)


def test_two_level_header_unit_row_repeated_header_and_footer(tmp_path: Path) -> None:
    path = tmp_path / "ledger.xlsx"
    _two_level_ledger(path)
    document = audit(path)
    assert verdicts(document) == {5: "energy_saving", 6: "below_energy_saving", 7: "advanced",
                                  8: "below_energy_saving", 14: "below_minimum", 15: "not_assessable"}
    assert "EF112" in codes(document, 15) and not any(code.startswith("DQ") for code in codes(document, 15))
    assert not any(code.startswith("DQ") for row in (5, 6, 7, 8, 14) for code in codes(document, row))
    sheet = document["inventory"]["sheets"][0]
    assert sheet["header_row"] == 2
    assert any("rows 11, 12, 13 are repeated header rows" in note for note in sheet["notes"])
    assert any("rows 16, 18, 19 are signature, note or total rows" in note for note in sheet["notes"])


def test_header_variants_and_symbol_suffixes(tmp_path: Path) -> None:
    """工作效率, 设备规格, 开始使用日期, 联接组标号, 空载损耗P0(kW) and 负载损耗Pk(kW) are read as their columns."""
    from effaudit.io.header import match_header

    expected = {"工作效率(%)": ("efficiency_pct", "%"), "设备规格": ("model", None),
                "开始使用日期": ("commissioning_date", None), "投入运行时间": ("commissioning_date", None),
                "购置日期": ("commissioning_date", None), "联接组标号": ("connection_group", None),
                "空载损耗P0(kW)": ("no_load_loss_w", "kW"), "负载损耗Pk（kW）": ("load_loss_w", "kW"),
                "空载损耗Po": ("no_load_loss_w", None)}
    for text, (column, unit) in expected.items():
        match = match_header(text)
        assert match is not None and (match.column, match.unit) == (column, unit), text


def test_missing_value_tokens_are_blanks_not_bad_numbers(tmp_path: Path) -> None:
    path = tmp_path / "tokens.csv"
    lines = ["设备编号,设备名称,型号,额定功率(kW),极数,效率(%),出厂日期"]
    for number, token in enumerate(["—", "-", "/", "无", "不详", "N/A", "待补"], start=1):
        lines.append(f"M-{number},电机,{token},11,4,{token},{token}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = audit(path)
    for item in document["items"]:
        found = [finding["code"] for finding in item["findings"]]
        assert item["verdict"] == "not_assessable" and found == ["EF112"], item
        assert not any(code.startswith("DQ") for code in found), item


def test_a_megabyte_cell_does_not_slow_the_header_search(tmp_path: Path) -> None:
    path = tmp_path / "long.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["说明 " + "很长的文字" * 200_000])
    sheet.append(["设备名称", "型号", "额定功率(kW)", "效率(%)", "极数"])
    sheet.append(["电机", "YE3-160L-4", 15, 94.0, 4])
    book.save(path)
    started = time.monotonic()
    document = audit(path)
    assert time.monotonic() - started < 20
    assert verdicts(document) == {3: "energy_saving"}


def test_hidden_summary_and_copied_sheets_are_not_audited(tmp_path: Path) -> None:
    """A hidden 已报废 sheet once gave false violations: hidden, very hidden, summary and copied sheets are named in
    the result and not read. A summary sheet is passed by only when every line of it repeats another sheet."""
    path = tmp_path / "sheets.xlsx"
    book = openpyxl.Workbook()
    header = ["设备名称", "型号", "额定功率(kW)", "极数", "效率(%)", "出厂日期"]
    live = book.active
    live.title = "在用设备"
    for row in (header, ["电机", "YE3-160L-4", 15, 4, 94.0, "2021-05"]):
        live.append(row)
    for title, state in (("已报废", "hidden"), ("旧台账", "veryHidden"), ("设备汇总", "visible"),
                         ("在用设备 (2)", "visible")):
        sheet = book.create_sheet(title)
        sheet.sheet_state = state
        line = ["电机", "Y160L-4", 15, 4, 86.0, "1998-05"] if title in ("已报废", "旧台账") \
            else ["电机", "YE3-160L-4", 15, 4, 94.0, "2021-05"]
        extra = [["车间"], ["一车间"]] if title == "设备汇总" else [[], []]  # a summary: not the same cells
        sheet.append(header + extra[0])
        sheet.append(line + extra[1])
    book.save(path)
    document = audit(path)
    assert [(item["sheet"], item["verdict"]) for item in document["items"]] == [("在用设备", "energy_saving")]
    reasons = {sheet["name"]: sheet["reason"] for sheet in document["inventory"]["skipped_sheets"]}
    assert reasons["已报废"].startswith("hidden") and reasons["旧台账"].startswith("hidden")
    assert reasons["设备汇总"].startswith("a summary: every line repeats") and reasons["在用设备 (2)"] == (
        "a copy of sheet '在用设备' / 与工作表“在用设备”相同")


def test_dates_as_people_write_them_and_an_unreadable_date_is_never_a_violation(tmp_path: Path) -> None:
    """16年4月, 二〇一六年四月 and Apr-2016 are April 2016: GB 18613-2012 (grade 3 = IE2, 11 kW 4-pole 89.8 %) was in
    force, so 90.0 % met the rules of its day (advisory). A date written but unreadable leaves that open:
    not_assessable, with DQ105 — never a violation on that ground. No date at all stays a violation."""
    path = tmp_path / "dates.csv"
    rows = ["16年4月", "二〇一六年四月", "Apr-2016", "去年春天", "", "2022-05"]
    path.write_text("设备编号,设备名称,额定功率(kW),极数,效率(%),出厂日期\n" + "".join(
        f"M-{number},电机,11,4,90.0,{date}\n" for number, date in enumerate(rows, start=1)), encoding="utf-8")
    items = audit(path)["items"]
    assert [(item["verdict"], item["status"]) for item in items] == [
        ("below_minimum", "advisory")] * 3 + [("below_minimum", "not_assessable"), ("below_minimum", "violation"),
                                               ("below_minimum", "violation")]
    assert "符合制造时适用的 GB 18613-2012" in items[0]["findings"][0]["message"]
    assert [finding["code"] for finding in items[3]["findings"]] == ["DQ105", "EF101"]
    assert "无法识别" in items[3]["findings"][1]["message"]


def test_flow_without_a_unit_is_in_the_family_unit_and_a_capacity_against_the_model(tmp_path: Path) -> None:
    """A pump's 流量 of 200 with no unit is 200 m³/h (GB 19762 works in m³/h), a compressor's 20 is 20 m³/min; a
    transformer's 额定容量 1.600 against its model S11-M-1600/10 is DQ111, never a clearance."""
    path = tmp_path / "flows.csv"
    path.write_text("设备编号,设备名称,型号,流量,额定容量,空载损耗(W),负载损耗(W),出厂日期\n"
                    "P-1,循环水泵,IS100-80-160,200,,,,2020\n"
                    "C-1,螺杆空压机,,20,,,,2020\n"
                    "T-1,变压器,S11-M-1600/10,,1.600,1500,14500,2015\n", encoding="utf-8")
    items = {item["equipment_id"]: item for item in audit(path)["items"]}
    assert {"field": "flow_m3_min", "value": pytest.approx(200 / 60), "from": "unit:m**3/h (pump)"} in \
        items["P-1"]["read_as"]
    assert {"field": "flow_m3_min", "value": 20, "from": "unit:m**3/min (compressor)"} in items["C-1"]["read_as"]
    transformer = items["T-1"]
    assert transformer["verdict"] == "not_assessable"
    conflict = next(f for f in transformer["findings"] if f["code"] == "DQ111")
    assert conflict["measured"] == {"value": 1.6, "unit": "kVA"} and conflict["required"] == {"value": 1600.0,
                                                                                             "unit": "kVA"}


def test_a_formula_without_a_cached_value_is_flagged(tmp_path: Path) -> None:
    """openpyxl writes formulas without computed values, as some ledger systems do: the efficiency cell is read as
    empty by every reader; it must be DQ113, not a silent blank."""
    path = tmp_path / "formulas.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["设备名称", "型号", "额定功率(kW)", "极数", "效率(%)", "出厂日期", "折算"])
    sheet.append(["电机", "YE3-160L-4", 15, 4, "=93.5+0.5", "2021-05", "=C2*2"])
    sheet.append(["电机", "YE3-160L-4", 15, 4, 94.0, "2021-05", None])
    book.save(path)
    document = audit(path)
    first, second = document["items"]
    assert first["verdict"] == "not_assessable" and "DQ113" in [f["code"] for f in first["findings"]]
    assert second["verdict"] == "energy_saving"
    assert any("G2" in note for note in document["inventory"]["sheets"][0]["notes"])


def test_an_asset_ledger_export_layout(tmp_path: Path) -> None:
    """The column set of a metro operator's equipment ledger (HuangMichael/LanZhouSubway tableList.jsp: 设备描述,
    设备位置, 设备型号, 生产日期, 运行日期 …) with 设备主要参数 as in an EAM export (ray98f/eam): the description is the
    name, 设备位置 the location, the main parameters are nameplate text, 运行日期 the commissioning date. Hand-worked:
    18.5 kW, 4-pole (1470 r/min) at 93.0 % meets grade 3 (92.6) but not grade 2 (94.2) of GB 18613-2020 表1."""
    path = tmp_path / "ledger.csv"
    path.write_text(
        "序号,设备编号,设备描述,设备位置,设备型号,设备主要参数,净值,原值,生产日期,生产厂家,购置日期,运行日期,保修期限,运行状态\n"
        "1,EQ-0002,冷却水泵电机,水泵房,YE3-180M-4,18.5kW 1470r/min IE3 93.0%,5000,12000,2021-03,卧龙电驱,2021-04,"
        "2021-05,2023-05,运行\n", encoding="utf-8")
    report = audit(path)
    assert report["inventory"]["sheets"][0]["unknown_columns"] == ["序号", "净值", "原值", "保修期限", "运行状态"]
    [item] = report["items"]
    assert (item["name"], item["verdict"]) == ("冷却水泵电机", "below_energy_saving")
    assert [f["code"] for f in item["findings"]] == ["EF102"]
    assert {"field": "rated_power_kw", "value": 18.5, "from": "nameplate"} in item["read_as"]
