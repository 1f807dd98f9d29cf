"""Write examples/mixed_inventory.xlsx: a Wuhai enterprise's list with vehicles, elevators, farm machinery and
construction equipment among its motors and transformers (the renewal-plan rules, standards_data/policies/).

Run: .venv/bin/python examples/make_policy_example.py, then
    .venv/bin/effaudit check examples/mixed_inventory.xlsx --as-of 2026-11-22 --jurisdiction wuhai
The comment after each row is what it should get on 2026-11-22 under --jurisdiction wuhai.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HEADER = ["设备编号", "设备名称", "设备类别", "型号规格", "额定功率(kW)", "极数", "效率(%)", "额定容量(kVA)", "空载损耗(W)",
          "负载损耗(W)", "数量", "出厂日期", "投运日期", "车辆类型", "使用性质", "燃料", "排放标准", "注册日期",
          "行驶里程(km)", "动力电池质保到期日"]

ROWS = [
    # motors and a transformer: graded by the standards (the 2027 target counts them)
    ("M-001", "引风机电机", "电动机", "YE4-160M-4", 11, 4, 93.5, None, None, None, 2, "2022-03", "2022-05"),  # energy_saving
    ("M-002", "给料机电机", "电动机", "YE3-160M-4", 11, 4, 91.4, None, None, None, 3, "2021-08", "2021-09"),  # below_energy_saving
    ("M-003", "风机电机", "电动机", "Y2-160M-4", 11, 4, 88.0, None, None, None, 1, "2001-06", "2001-09"),    # phase_out (PO101)
    ("T-001", "配电变压器", "变压器", "S9-M-800/10", None, None, None, 800, None, None, 1, "1996", "1997"),  # phase_out (PO101)
    # vehicles (registration date decides the age)
    ("V-001", "渣土运输车", "货车", "", None, None, None, None, None, None, 1, "2011-03", None,
     "重型货车", "营运", "柴油", "国Ⅲ", "2011-04-15", 620000, None),        # RG216 scrapping (15 y) + RG401 国三 → phase_out, violation
    ("V-002", "原料运输车", "货车", "", None, None, None, None, None, None, 1, "2019-05", None,
     "重型货车", "营运", "柴油", "国五", "2019-06-01", 310000, None),        # nothing
    ("V-003", "厂区通勤车", "客车", "", None, None, None, None, None, None, 1, "2008-01", None,
     "大型客车", "非营运", "柴油", "国三", "2008-03-01", 400000, None),      # non-commercial: 20 y not reached, no 国三 rule for buses
    ("V-004", "纯电动城市客车", "公交车", "", None, None, None, None, None, None, 1, "2018-01", None,
     "城市公交车", "营运", "纯电动", "国六", "2018-03-01", 480000, "2024-03-01"),  # RG403 (8 y) + RG404 (battery) advisory
    ("V-005", "叉车", "", "", None, None, None, None, None, None, 1, "2015-01", None,
     None, None, None, None, None, None, None),                            # out_of_scope (no rule names it)
    # elevators
    ("E-001", "办公楼乘客电梯", "电梯", "", None, None, None, None, None, None, 1, "2008-05", "2009-06"),   # RG402 (17 y)
    ("E-002", "仓库货梯", "电梯", "", None, None, None, None, None, None, 1, "2012-01", "2012-03"),         # 14 y: nothing
    # farm machinery (subsidy information)
    ("A-001", "东方红拖拉机", "农业机械", "LX904", None, None, None, None, None, None, 1, "2010", None),     # RG303 + RG406 info
    ("A-002", "水稻插秧机", "农业机械", "2ZG-6", None, None, None, None, None, None, 1, "2016", None),       # RG303 only (IM list)
    # construction equipment
    ("C-001", "履带式挖掘机", "工程机械", "SY215C", None, None, None, None, None, None, 1, "2013-05", "2013-08"),  # RG405 (13 y)
    ("C-002", "轮式装载机", "工程机械", "ZL50GN", None, None, None, None, None, None, 1, "2020-05", "2020-06"),    # nothing (6 y)
]


def build(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "设备清单"
    sheet.append(["填报单位：乌海市某某化工有限公司（盖章）    所在地区：内蒙古自治区乌海市"])
    sheet.append(HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in ROWS:
        sheet.append(list(row) + [None] * (len(HEADER) - len(row)))
    workbook.save(path)
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "mixed_inventory.xlsx"
    print(build(out))
