"""Write examples/inventory.xlsx: a realistic enterprise equipment list (the README's demo audits it).

Run: .venv/bin/python examples/make_example.py. The workbook is committed; this script says how it was made and
why each line is there (the comment after each row is the verdict it should get on 2026-11-22).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HEADER = ["序号", "设备编号", "设备名称", "设备类别", "型号规格", "额定功率(kW)", "极数", "额定转速(r/min)", "效率(%)",
          "数量(台)", "出厂日期", "投运日期", "安装位置", "备注"]

MOTORS = [
    # id, name, category, model, power, poles, speed, efficiency, qty, made, commissioned, location, remark
    ("M-001", "引风机电机", "电动机", "YE5-160M-4", 11, 4, 1480, 94.8, 1, "2023-05", "2023-07", "锅炉房", ""),       # advanced
    ("M-002", "循环水泵电机", "电动机", "YE4-160M-4", 11, 4, 1475, 93.5, 2, "2022-03", "2022-05", "泵房", ""),       # energy_saving
    ("M-003", "冷却塔风机电机", "电动机", "YE4-160M2-2", 15, 2, 2950, 93.3, 1, "2022.06", "2022.08", "冷却塔", "效率恰为2级限值"),  # energy_saving (at limit)
    ("M-004", "给料机电机", "电动机", "YE3-160M-4", 11, 4, 1460, 91.4, 3, "2021年8月", "2021年9月", "原料车间", "效率恰为3级限值"),  # below_energy_saving (at limit)
    ("M-005", "皮带机电机", "电动机", "YE3-180L-4", 22, 4, 1470, "93.5%", 1, "2021-09-15", "2021-10", "输煤廊", ""),  # below_energy_saving
    ("M-006", "搅拌机电机", "电动机", "YE2-180M-4", 18.5, 4, 1470, 91.5, 2, "2018-04", "2018-06", "配料车间", ""),  # below_minimum, advisory (met 2012)
    ("M-007", "破碎机电机", "电动机", "YE2-280S-4", 75, 4, 1480, 93.2, 1, "2022-03", "2022-04", "破碎车间", ""),    # below_minimum, violation (made under 2020)
    ("M-008", "空压机电机", "电动机", "YE2-280S-4", 75, 4, 1480, 93.2, 1, None, None, "空压站", "铭牌缺失"),          # below_minimum, violation (age unknown)
    ("M-009", "风机电机", "电动机", "Y2-160M-4", 11, 4, 1460, 88.0, 1, "2001-06", "2001-09", "除尘系统", ""),        # phase_out (batch 3, made ≤2003)
    ("M-010", "水泵电机", "电动机", "Y112M-4", 4, 4, 1440, 84.5, 2, "1998", "1999", "水处理", ""),                  # phase_out (batch 3)
    ("M-011", "输送机电机", "电动机", "Y2-160M-4", 11, 4, 1460, 89.0, 1, "2008-03", "2008-05", "包装车间", ""),      # below_minimum (batch 3 condition false)
    ("M-012", "备用电机", "电动机", "Y2-180M-4", 18.5, 4, 1470, None, 1, None, None, "库房", ""),                  # not_assessable (catalogue needs date)
    ("M-013", "老式鼓风机电机", "电动机", "JO2-41-4", 4, 4, 1440, None, 1, "1985", "1986", "机修车间", ""),          # phase_out (batch 1 JO2)
    ("M-014", "破碎机主电机", "电动机", "YE3-200L-4", 30, 4, None, None, 1, "2021-11", "2022-01", "破碎车间", "效率未填"),  # below_energy_saving (inferred IE3)
    ("M-015", "提升机电机", "电动机", "YE3-225S-4", 37, None, 1480, 94.0, 1, "2022-10", "2022-12", "提升机房", "极数由转速推得"),  # below_energy_saving
    ("M-016", "试验台电机", "电动机", "YE3-160L-4", 12, 4, 1460, 92.0, 1, "2022-01", "2022-02", "试验室", "非标功率"),   # not_assessable (12 kW not a row)
    ("M-017", "辊压机电机", "电动机", "YE3-315L1-4", "160kW", 4, 1485, 96.6, 1, "2023-02", "2023-04", "粉磨车间", ""),  # energy_saving
    ("M-018", "风扇电机", "电动机", "YE3-80M2-2", "1.1千瓦", 2, 2840, 87.2, 4, "2022-05", "2022-06", "办公楼", ""),    # energy_saving
    ("M-019", "洗涤泵电机", "电动机", "YE3-132S1-2", "５.５ｋＷ", 2, 2900, 89.2, 1, "2021-07", "2021-08", "洗涤工段", "全角字符"),  # below_energy_saving (at limit)
    ("M-020", "卷扬机电机", "电动机", "YE4-355M-4", "100马力", 4, 1485, 96.0, 1, "2023-03", "2023-05", "码头", "功率以马力填报"),  # not_assessable (73.5 kW not a row)
    ("M-021", "磨机电机", "电动机", "YE4-355L-4", 315, 4, 1490, 96.9, 1, "2024-04", "2024-06", "粉磨车间", ""),       # energy_saving
    ("M-022", "离心机电机", "电动机", "YE3-250M-2", 55, 2, 2970, "九十四", 1, "2022-08", "2022-09", "离心工段", ""),   # not_assessable (DQ101)
    ("M-023", "搅拌电机", "电动机", "YE3-132M-4", -7.5, 4, 1440, 90.4, 1, "2022-08", "2022-09", "反应釜", ""),       # not_assessable (DQ103)
    ("M-024", "输送电机", "电动机", "YE3-132M-4", 7.5, 5, 1440, 90.4, 1, "2022-08", "2022-09", "反应釜", ""),        # not_assessable (DQ108)
    ("M-025", "加药泵电机", "电动机", "YE3-90L-4", 1.5, 4, 1400, 85.3, 1, "去年", "2022-09", "水处理", ""),          # not_assessable (DQ105)
    ("M-026", "主排风机电机", "电动机", "YKK4503-4 6kV", 450, 4, 1488, 95.8, 1, "2019-05", "2019-08", "风机房", "高压电机"),  # not_assessable (GB 30254 not encoded)
    ("M-027", "渣浆泵电机", "电动机", "YE3-280M-6", 55, 6, 985, 94.1, 2, "2021-12", "2022-01", "浓密机", ""),        # below_energy_saving (at limit)
    ("M-028", "除铁器电机", "电动机", "YE3-100L1-4", 2.2, 4, 1430, 80.0, 1, "2022-02", "2022-03", "输煤廊", ""),     # below_minimum, violation
    ("M-029", "回转窑主电机", "电动机", "YE4-355M-6", 200, 6, 990, 96.5, 1, "2023-09", "2023-11", "窑头", ""),       # energy_saving
    ("M-030", "真空泵电机", "电动机", "YE3-200L-8", 15, 8, 730, 91.0, 1, "2022-04", "2022-05", "真空系统", ""),      # below_energy_saving
    ("M-031", "罗茨风机电机", "电动机", "YE5-280M-2", 90, 2, 2980, 96.6, 1, "2024-01", "2024-02", "污水站", ""),      # advanced (at limit)
    ("M-032", "小型风扇电机", "电动机", "YE3-711-2", 0.37, 2, 2800, 72.0, 1, "2022-02", "2022-03", "控制室", ""),    # below_minimum, violation
]

OTHER = [
    ("T-001", "1#配电变压器", "变压器", "S9-500/10", None, None, None, None, 1, "1996-05", "1996-10", "配电室", ""),      # phase_out (batch 4 S9 ≤1997)
    ("T-002", "2#配电变压器", "变压器", "S9-M-800/10", None, None, None, None, 1, "2006-03", "2006-06", "配电室", ""),    # not_assessable (EF113) + PO104 advisory
    ("T-003", "3#配电变压器", "变压器", "S11-M-1000/10", None, None, None, None, 1, "2015-05", "2015-08", "配电室", ""),  # not_assessable (EF113)
    ("T-004", "干式变压器", "变压器", "SCB8-1250/10", None, None, None, None, 1, "2009-01", "2009-03", "办公楼", ""),     # phase_out (batch 2 SCB8)
    ("F-001", "锅炉引风机", "风机", "Y5-47No.6C", "30kW", None, None, None, 1, "2004-06", "2004-09", "锅炉房", ""),       # phase_out (batch 3 fans, ≤2005)
    ("F-002", "锅炉鼓风机", "风机", "4-72No.8C", "22kW", None, None, None, 1, "2016-06", "2016-09", "锅炉房", ""),       # not_assessable (GB 19761 not encoded)
    ("E-001", "交流接触器", "低压电器", "CJ10-40", None, None, None, None, 6, "2008-01", "2008-03", "配电柜", ""),        # phase_out (batch 2)
    ("O-001", "办公桌", "办公家具", "", None, None, None, None, 12, "2019-01", "2019-01", "办公楼", ""),                # out_of_scope
    ("O-002", "客梯", "电梯", "TKJ1000/1.75", "11kW", None, None, None, 1, "2009-05", "2009-08", "办公楼", ""),          # out_of_scope (policy rules later)
    ("C-001", "螺杆空压机", "空压机", "LG-20/8", "110kW", None, None, None, 1, "2018-05", "2018-07", "空压站", ""),        # not_assessable (GB 19153 not encoded)
]


# One sheet per equipment family, as enterprises often keep them; each with the columns its standard needs.
TRANSFORMER_HEADER = ["序号", "设备编号", "设备名称", "型号", "额定容量(kVA)", "空载损耗(W)", "负载损耗(kW)", "联结组别",
                      "绝缘等级", "出厂日期", "投运日期", "备注"]
TRANSFORMERS = [  # GB 20052-2024 表1/表2 (10 kV)
    ("T-101", "1#主变", "S13-M-800/10", 800, 560, 5.4, "Dyn11", None, "2023-03", "2023-05", ""),       # advanced (both at g1)
    ("T-102", "2#主变", "S11-M-800/10", 800, 980, 7.5, "Dyn11", None, "2015-04", "2015-06", ""),       # below_minimum (no-load), advisory
    ("T-103", "办公楼干变", "SCB13-1250/10", 1250, 1420, 8.72, "Dyn11", "F", "2022-08", "2022-10", ""),  # energy_saving (no-load at g2)
    ("T-104", "非晶合金变", "SH15-M-630/10", 630, 250, 5.02, "Dyn11", None, "2024-01", "2024-03", ""),   # advanced
    ("T-105", "3#配变", "S9-M-500/10", 500, 1050, 6.1, "Yyn0", None, "1995-02", "1995-06", ""),         # phase_out (batch 4 S9)
    ("T-106", "车间干变", "SCB10-800/10", 800, 1100, 6.9, "Dyn11", None, "2016-05", "2016-07", "绝缘等级未填"),  # not_assessable
    ("T-107", "备用变", "S13-M-400/10", 400, None, None, "Dyn11", None, "2023-01", "2023-02", "损耗未填"),     # not_assessable
]
COMPRESSOR_HEADER = ["序号", "设备编号", "设备名称", "型号", "电机功率(kW)", "排气压力(MPa)", "冷却方式", "输入功率(kW)",
                     "排气量(m³/min)", "比功率(kW/(m³/min))", "出厂日期", "备注"]
COMPRESSORS = [  # GB 19153-2019 表1
    ("C-101", "螺杆空压机", "LG-20/8", 110, 0.8, "风冷", None, None, 6.1, "2023-06", ""),          # advanced (at g1)
    ("C-102", "螺杆空压机", "LG-20/8", 110, 0.8, "风冷", 130, 20, None, "2021-09", "比功率由输入功率/排气量计算"),  # energy_saving (6.5)
    ("C-103", "螺杆空压机", "LG-3.6/8", 22, 0.8, "风冷", None, None, 8.9, "2014-03", ""),          # below_minimum
    ("C-104", "变频螺杆空压机", "BLT-75A", 55, 0.8, "风冷", None, None, 6.2, "2022-03", ""),       # not_assessable (no table)
]
BOILER_HEADER = ["序号", "设备编号", "设备名称", "型号", "额定蒸发量(t/h)", "额定热功率(MW)", "燃烧方式", "燃料", "燃料类别",
                 "热效率(%)", "出厂日期", "备注"]
BOILERS = [  # GB 24500-2020
    ("B-101", "1#蒸汽锅炉", "SZL20-1.6-AII", 20, None, "链条炉排", "烟煤", "Ⅱ类", 82, "2020-05", ""),    # energy_saving
    ("B-102", "2#蒸汽锅炉", "DZL4-1.25-AII", 4, None, "链条炉排", "烟煤", "Ⅱ类", 79, "2012-05", ""),    # below_minimum
    ("B-103", "采暖热水锅炉", "WNS2.8-1.0/95/70-Q", None, 2.8, "室燃", "天然气", "非冷凝", 93, "2021-10", ""),  # below_energy_saving
    ("B-104", "采暖热水锅炉", "SZL14-1.25/130/70-AII", None, 14, "链条炉排", "烟煤", "Ⅱ类", 85, "2021-10", ""),  # advanced (14 MW ↔ 20 t/h band)
]
PUMP_HEADER = ["序号", "设备编号", "设备名称", "型号", "泵型式", "流量(m³/h)", "扬程(m)", "转速(r/min)", "级数", "效率(%)",
               "出厂日期", "备注"]
PUMPS = [  # GB 19762-2025 (formula)
    ("P-101", "循环水泵", "IS100-80-160", "单级单吸", 100, 32, 2900, None, 78, "2022-04", ""),      # below_energy_saving
    ("P-102", "补水泵", "IS100-80-160", "单级单吸", 100, 32, 2900, None, 82, "2023-04", ""),        # advanced
    ("P-103", "给水泵", "D46-30×5", "多级泵", 46, 150, 2950, None, 70, "2019-04", "级数由型号读出"),  # energy_saving
    ("P-104", "给水泵", "DG46-50", "多级泵", 46, 150, 2950, None, 70, "2019-04", "级数未填"),      # not_assessable
]

FAN_HEADER = ["序号", "设备编号", "设备名称", "型号", "电机功率(kW)", "风机效率(%)", "出厂日期", "备注"]
FANS = [  # GB 19761-2020 (ψ, specific speed and machine number read from the designation)
    ("F-101", "锅炉鼓风机", "4-72No.8C", 22, 87, "2021-05", ""),           # advanced (at g1 87 %)
    ("F-102", "车间排风机", "4-72No.8C", 22, 82, "2019-05", ""),           # energy_saving (g2 82 %)
    ("F-103", "除尘风机", "9-19No.4A", 7.5, 70, "2020-05", ""),            # below_energy_saving (65 ≤ 70 < 74)
    ("F-104", "锅炉引风机", "Y9-35No.13.5F", 90, None, "2004-06", ""),     # phase_out (batch 3, made ≤ 2005)
]
CHILLER_HEADER = ["序号", "设备编号", "设备名称", "型号", "名义制冷量(kW)", "冷却方式", "IPLV", "COP", "出厂日期", "备注"]
CHILLERS = [  # GB 19577-2024 表1 (IPLV and COPc)
    ("CH-101", "螺杆式冷水机组", "LSBLG-1000", 1000, "水冷", 7.5, 5.9, "2021-03", ""),   # energy_saving (IPLV g2)
    ("CH-102", "离心式冷水机组", "LSBLX-1500", 1500, "水冷", 6.0, 5.5, "2018-03", ""),   # below_minimum (COPc < 5.6)
]


def write_sheet(workbook: Workbook, title: str, header: list[str], rows: list[tuple], first: bool = False) -> None:
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    sheet.append(["内蒙古某某化工有限公司重点用能设备清单"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(["填报单位：内蒙古某某化工有限公司（盖章）", *[None] * 9, "填报日期：2026年10月"])
    sheet.append(header)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    for index, text in enumerate(header):
        sheet.column_dimensions[chr(ord("A") + index)].width = max(6, min(18, len(text) * 2 + 2))


def main() -> None:
    workbook = Workbook()
    write_sheet(workbook, "电动机", HEADER, MOTORS, first=True)
    write_sheet(workbook, "其他设备", HEADER, OTHER)
    write_sheet(workbook, "变压器", TRANSFORMER_HEADER, TRANSFORMERS)
    write_sheet(workbook, "空压机", COMPRESSOR_HEADER, COMPRESSORS)
    write_sheet(workbook, "锅炉", BOILER_HEADER, BOILERS)
    write_sheet(workbook, "水泵", PUMP_HEADER, PUMPS)
    write_sheet(workbook, "风机", FAN_HEADER, FANS)
    write_sheet(workbook, "冷水机组", CHILLER_HEADER, CHILLERS)
    workbook.properties.created = workbook.properties.modified = dt.datetime(2026, 10, 1)
    workbook.save(Path(__file__).with_name("inventory.xlsx"))


if __name__ == "__main__":
    main()
