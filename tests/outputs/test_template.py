"""`effaudit template`: a blank workbook whose headers effaudit reads back, filled in and audited through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from effaudit.cli import main
from effaudit.io.header import match_header
from effaudit.template import SHEETS

AS_OF = "2026-11-22"


def write_template(tmp_path: Path, lang: str = "zh") -> Path:
    path = tmp_path / f"template-{lang}.xlsx"
    result = CliRunner().invoke(main, ["template", str(path), "--lang", lang, "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return path


def headers(sheet) -> list[str]:  # noqa: ANN001 - an openpyxl worksheet
    return [cell.value for cell in sheet[1]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_header_reads_back_as_its_own_column_and_unit(tmp_path: Path, lang: str) -> None:
    workbook = openpyxl.load_workbook(write_template(tmp_path, lang))
    equipment, products, guide = (workbook[name] for name in SHEETS[lang])
    read_back = [match_header(text) for text in headers(equipment) + headers(products)]
    columns = [match.column if match else None for match in read_back]
    assert None not in columns
    assert len(set(columns)) == len(columns)  # no column twice, no split header
    assert "rated_power_kw" in columns and "capacity_kva" in columns and "product_name" in columns
    units = {match.column: match.unit for match in read_back}
    assert units["rated_power_kw"] == "kW" and units["efficiency_pct"] == "%" and units["load_loss_w"] == "W"
    guide_rows = list(guide.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in guide_rows] == headers(equipment) + headers(products)


def test_guide_lists_values_and_the_standards_in_force(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(write_template(tmp_path))
    guide = {row[0]: row for row in workbook["填写说明"].iter_rows(min_row=2, values_only=True)}
    assert guide["绝缘介质"][4] == "油浸式、干式"
    assert "GB 20052-2024" in guide["绝缘介质"][5] and "GB 20052-2020" not in guide["绝缘介质"][5]
    assert guide["额定功率(kW)"][2] == "kW" and "GB 18613-2020" in guide["额定功率(kW)"][5]
    assert "GB 18613-2012" not in guide["额定功率(kW)"][5]  # an edition no longer in force is not named
    assert guide["效率(%)"][3] == "数值"
    assert guide["比功率(kW/(m³/min))"][5] == "GB 19153-2019"  # stated, or derived from input power and flow
    assert "GB 19153-2019" in guide["输入功率(kW)"][5]
    assert guide["产量"][3].startswith("数值 + 单位")
    dropdowns = {str(v.sqref).split(":")[0]: v.formula1 for v in workbook["设备清单"].data_validations.dataValidation}
    insulation = headers(workbook["设备清单"]).index("绝缘介质")
    assert dropdowns[openpyxl.utils.get_column_letter(insulation + 1) + "2"] == '"油浸式,干式"'


def test_filled_template_is_audited(tmp_path: Path) -> None:
    path = write_template(tmp_path)
    workbook = openpyxl.load_workbook(path)
    equipment, products = workbook["设备清单"], workbook["产品能耗"]
    row = dict.fromkeys(headers(equipment))
    # GB 18613-2020 表1: 11 kW 4-pole requires at least 91.4 % (grade 3); made under that edition → violation
    row.update({"设备编号": "M-1", "设备名称": "引风机电机", "型号规格": "YE2-160M-4", "数量": 1,
                "额定功率(kW)": 11, "极数": 4, "效率(%)": 89.8, "出厂日期": "2023-05-01"})
    equipment.append(list(row.values()))
    product = dict.fromkeys(headers(products))
    # GB 21343-2023 1,4-丁二醇 顺酐法 grade 3 is 950 kgce/t: 980 is below the minimum
    product.update({"产品名称": "BDO", "生产工艺": "顺酐法", "能耗指标": "综合能耗", "统计期": "2025年",
                    "产量": "3万t", "单位产品综合能耗": "980 kgce/t"})
    products.append(list(product.values()))
    workbook.save(path)
    out = tmp_path / "result.json"
    result = CliRunner().invoke(main, ["check", str(path), "--as-of", AS_OF, "--json", str(out)])
    assert result.exit_code == 1, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [sheet["name"] for sheet in document["inventory"]["sheets"]] == ["设备清单", "产品能耗"]
    motor, bdo = document["items"]
    assert (motor["verdict"], motor["status"], motor["findings"][0]["code"]) == ("below_minimum", "violation", "EF101")
    assert motor["findings"][0]["required"] == {"value": 91.4, "unit": "%"}
    assert (bdo["name"], bdo["verdict"]) == ("BDO", "below_minimum")
    assert any(finding["code"] == "QT101" for finding in bdo["findings"])


def test_blank_template_is_unusable_input_not_a_crash(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(write_template(tmp_path)), "--as-of", AS_OF])
    assert result.exit_code == 2
    assert "设备清单" in result.output and "no equipment rows" in result.output


def test_template_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "inventory.xlsx"
    path.write_bytes(b"the enterprise's own inventory")
    refused = CliRunner().invoke(main, ["template", str(path)])
    assert refused.exit_code == 2 and "--force" in refused.output
    assert path.read_bytes() == b"the enterprise's own inventory"
    replaced = CliRunner().invoke(main, ["template", str(path), "--force"])
    assert replaced.exit_code == 0
    assert openpyxl.load_workbook(path).sheetnames == list(SHEETS["zh"])
    wrong = CliRunner().invoke(main, ["template", str(tmp_path / "inventory.csv")])
    assert wrong.exit_code == 2 and ".xlsx" in wrong.output
    assert not (tmp_path / "inventory.csv").exists()
