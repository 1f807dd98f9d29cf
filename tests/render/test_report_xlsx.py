"""The annotated workbook, reopened with openpyxl: the enterprise's own columns in order plus the audit's columns,
the verdict at the right row with its fill, one Findings row per finding, a Summary, no formula anywhere (hostile
cell text stays literal text), and the same bytes for the same input and --as-of."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from effaudit.cli import main
from effaudit.engine import AuditResult, audit
from effaudit.findings import VERDICT_ZH
from effaudit.inventory import read_inventory
from effaudit.report.context import VERDICT_COLOURS, build_context
from effaudit.report.metadata import Enterprise
from effaudit.report.xlsx import render_workbook
from effaudit.standards.rulebook import Rulebook

EXAMPLE = Path(__file__).parents[2] / "examples" / "inventory.xlsx"
AS_OF = dt.date(2026, 11, 22)
ADDED = ["判定", "状态", "代码", "原因", "要求值"]
HOSTILE = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "=1+1", "<script>alert(1)</script>", "{{ 7*7 }}"]


def audited(path: Path) -> AuditResult:
    return audit(read_inventory(path, keep_sheets=True), Rulebook.load(), AS_OF)


def workbook_of(result: AuditResult, lang: str = "zh") -> tuple[bytes, openpyxl.Workbook]:
    data = render_workbook(result, build_context(result, Enterprise(), lang))
    return data, openpyxl.load_workbook(io.BytesIO(data))


def rows_by_id(sheet) -> dict[str, dict]:
    header = [cell.value for cell in sheet[1]]
    return {row[header.index("设备编号")].value: {name: cell for name, cell in zip(header, row)}
            for row in sheet.iter_rows(min_row=2)}


@pytest.fixture(scope="module")
def example() -> tuple[AuditResult, openpyxl.Workbook]:
    result = audited(EXAMPLE)
    return result, workbook_of(result)[1]


def test_own_sheets_keep_original_columns_and_add_the_audit(example) -> None:
    result, workbook = example
    own_sheets = ["电动机", "其他设备", "变压器", "空压机", "锅炉", "水泵", "风机", "冷水机组"]
    assert workbook.sheetnames == [*own_sheets, "Findings", "Summary", "Plan", "Target"]
    header = [cell.value for cell in workbook["电动机"][1]]
    assert header == ["序号", "设备编号", "设备名称", "设备类别", "型号规格", "额定功率(kW)", "极数", "额定转速(r/min)",
                      "效率(%)", "数量(台)", "出厂日期", "投运日期", "安装位置", "备注", *ADDED]
    sheet_rows = sum(workbook[name].max_row - 1 for name in own_sheets)
    assert sheet_rows == len(result.items)
    motors = rows_by_id(workbook["电动机"])
    assert motors["M-020"]["额定功率(kW)"].value == "100马力"  # the cell as written, not the canonical 73.55 kW
    assert motors["M-001"]["额定功率(kW)"].value == 11  # numbers stay numbers


def test_verdict_status_codes_and_fill_at_the_right_row(example) -> None:
    result, workbook = example
    for position, item in result.items.iterrows():
        sheet = workbook[item["sheet"]]
        cells = rows_by_id(sheet)[item["equipment_id"]]
        assert cells["判定"].value == VERDICT_ZH[item["verdict"]]
        assert cells["判定"].fill.fgColor.rgb.endswith(VERDICT_COLOURS[item["verdict"]])
    motors = rows_by_id(workbook["电动机"])
    assert motors["M-007"]["状态"].value == "违规" and motors["M-007"]["代码"].value == "EF101"
    assert motors["M-007"]["要求值"].value == "≥ 95.0 %"
    assert "低于3级" in motors["M-007"]["原因"].value
    assert motors["M-009"]["判定"].value == "淘汰" and "PO101" in motors["M-009"]["代码"].value


def test_findings_and_summary_sheets(example) -> None:
    result, workbook = example
    findings = workbook["Findings"]
    assert findings.max_row - 1 == len(result.findings)
    header = [cell.value for cell in findings[1]]
    first = {name: cell.value for name, cell in zip(header, findings[2])}
    assert (first["工作表"], first["行"], first["设备编号"], first["代码"]) == ("电动机", 4, "M-001", "EF104")
    summary = {row[1]: row[2] for row in workbook["Summary"].iter_rows(min_row=2, max_row=8, values_only=True)}
    assert summary == result.items["verdict"].value_counts().reindex(list(summary)).fillna(0).astype(int).to_dict()
    for sheet in workbook:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    inventory = tmp_path / "hostile.csv"
    lines = ["设备编号,设备名称,型号规格,额定功率(kW),极数,效率(%),备注"]
    lines += [f'H-{i},"{text.replace(chr(34), chr(34) * 2)}",YE3-160M-4,11,4,93.5,"{text.replace(chr(34), chr(34) * 2)}"'
              for i, text in enumerate(HOSTILE)]
    lines.append("H-long," + "长" * 5000 + ",YE3-160M-4,11,4,93.5,\x01ctrl")
    inventory.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, workbook = workbook_of(audited(inventory))
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    names = [cell.value for cell in workbook["hostile"]["B"][1:]]
    assert names[:len(HOSTILE)] == HOSTILE
    assert names[-1] == "长" * 5000


def test_same_input_same_bytes_and_dates(example) -> None:
    result, workbook = example
    first, _ = workbook_of(result)
    second, _ = workbook_of(result)
    assert first == second
    assert workbook.properties.created == workbook.properties.modified == dt.datetime(2026, 11, 22)


def test_cli_writes_the_workbook_in_english(tmp_path: Path) -> None:
    target = tmp_path / "annotated.xlsx"
    run = CliRunner().invoke(main, ["check", str(EXAMPLE), "--as-of", AS_OF.isoformat(), "--lang", "en",
                                    "--xlsx", str(target)])
    assert run.exit_code == 1, run.output
    header = [cell.value for cell in openpyxl.load_workbook(target)["电动机"][1]]
    assert header[-5:] == ["verdict", "status", "codes", "reason", "required"]
