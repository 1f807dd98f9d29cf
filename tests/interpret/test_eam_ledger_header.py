"""A maintenance system's equipment ledger, its header as the system lists it (HuangMichael/LanZhouSubway,
src/main/webapp/WEB-INF/pages/equipment/tableList.jsp: 序号 设备编号 设备描述 设备位置 设备型号 … 生产日期 生产厂家 …
购置日期 … 运行日期 安装日期 保修期限 运行状态), rows typed as such a ledger holds them: no power or efficiency
column, the name in 设备描述, dates in 生产日期 / 运行日期. What effaudit can decide from it, it decides from the
catalogues; what it cannot, it says which column to supply."""

from __future__ import annotations

from pathlib import Path

from tests.cli_run import checked_items

HEADER = ("序号,设备编号,设备描述,设备位置,设备型号,维修人员,管理等级,管理人员,净值,原值,生产日期,生产厂家,预计年限,"
          "购置日期,购置价格,运行日期,安装日期,保修期限,运行状态\n")


def test_a_maintenance_ledger_without_ratings(tmp_path: Path) -> None:
    items = checked_items(
        tmp_path, HEADER,
        "1,EQ-0101,1#送风机电机,站厅A端,Y2-160M-4,张三,A,李四,0,12000,2001-05-01,某电机厂,15,2001-08-01,12000,"
        "2001-10-01,2001-09-01,1年,运行",
        "2,EQ-0102,1#配电变压器,变电所,S9-M-800/10,张三,A,李四,0,98000,1996-03-01,某变压器厂,20,1996-06-01,98000,"
        "1997-01-01,1996-12-01,1年,运行",
        "3,EQ-0103,2#排水泵电机,泵房,YE3-160M-4,王五,B,李四,8000,9000,2022-04-01,某电机厂,15,2022-06-01,9000,"
        "2022-07-01,2022-06-20,2年,运行")
    motor, transformer, new_motor = items
    # MIIT batch 3 entry 1-2: Y2 motors made in 2003 or before, stop use by the end of 2015
    assert (motor["equipment_id"], motor["name"], motor["model"]) == ("EQ-0101", "1#送风机电机", "Y2-160M-4")
    assert motor["verdict"] == "phase_out" and "PO101" in [f["code"] for f in motor["findings"]]
    # MIIT batch 4 entry 1-2: S9 made and commissioned 1997 or before (here 1996 / 1997), stop use by the end of 2017
    assert transformer["verdict"] == "phase_out" and "PO101" in [f["code"] for f in transformer["findings"]]
    # a current motor without its rated power: no table row, and the finding names what to supply
    assert new_motor["verdict"] == "not_assessable"
    assert [(f["code"], f["message"]) for f in new_motor["findings"]] == [("EF110", "缺少查表所需参数：额定功率")]
