"""Write examples/plant.xlsx: a Wuhai-style chemical and coking enterprise with a product sheet (unit-product energy
quotas) and a small equipment sheet — the README's quota example audits it.

Run: .venv/bin/python examples/make_plant_example.py. The workbook is committed; the comment after each product row
is the verdict it should get on 2026-11-22, with the arithmetic (tests/test_quota.py pins them).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

PRODUCT_HEADER = ["产品名称", "生产工艺", "能耗指标", "统计期", "产量", "单位产品能耗(填报)", "电力(万kWh)", "焦炭(t)",
                  "蒸汽(t)", "综合能耗总量(tce)", "入炉煤水分(%)", "炉龄(年)", "熄焦方式", "混合煤气加热时间比例",
                  "备注"]

PRODUCTS = [
    # 电石, GB 21343-2023 表1 (805 / 823 / 940 kgce/t): 65 000 万kWh × 0.1229 + 100 000 t × 0.9714 = 177 025 tce
    # ÷ 20万t = 885.125 kgce/t → below_energy_saving (823 < 885.125 ≤ 940)
    ("电石", "密闭电石炉", "综合能耗", "2025年", "20万t", None, 65000, 100000, None, None, None, None, None, None,
     "按分品种能源消费量核算"),
    # 电石炉电耗 3 080 kWh/t = grade 2 exactly → energy_saving (a value at a limit meets it)
    ("电石", "密闭电石炉", "电炉电耗", "2025年", "20万t", "3080 kWh/t", None, None, None, None, None, None, None, None,
     "填报值"),
    # 1,4-丁二醇 炔醛法 1 000 kgce/t (890 / 950 / 1 080) → below_energy_saving
    ("1,4-丁二醇", "炔醛法", "综合能耗", "2025年", "10万t", "1.0 tce/t", None, None, None, None, None, None, None, None,
     "以 tce/t 填报"),
    # 1,4-丁二醇 顺酐法 (810 / 850 / 950) at 980 kgce/t → below_minimum: a violation for an existing plant
    ("BDO", "顺酐法", "综合能耗", "2025年", "3万t", "980 kgce/t", None, None, None, None, None, None, None, None,
     "顺酐法装置"),
    # PVC 电石法 通用型 (185 / 193 / 270): 13 500 万kWh × 0.1229 + 330 000 t steam × 0.1286 = 59 029.5 tce
    # ÷ 30万t = 196.765 kgce/t → below_energy_saving
    ("聚氯乙烯树脂（通用型）", "电石法", "综合能耗", "2025年", "30万t", None, 13500, None, 330000, None, None, None,
     None, None, ""),
    # 烧碱 液碱 32% (308 / 315 / 350) → 312 kgce/t: energy_saving
    ("烧碱（液碱）", "离子膜法 32%", "综合能耗", "2025年", "40万t", "312 kgce/t", None, None, None, None, None, None, None,
     None, ""),
    # 焦炭 捣固 (115 / 115 / 140), corrections: moisture 11 % → +3.71 × 0.5 = +1.855 (all grades); oven age 18 y →
    # +2.50 (grades 1 and 3); dry quenching 0; mixed gas 0 → limits 119.355 / 116.855 / 144.355.
    # 142 000 tce ÷ 100万t = 142 kgce/t → below_energy_saving
    ("焦炭", "捣固焦炉", "焦炭单位产品能耗", "2025年", "100万t", None, None, None, None, 142000, 11, 18, "干熄焦", 0,
     "按综合能耗总量核算"),
    # 焦炭 顶装 (110 / 110 / 135) at 150 kgce/t, quenching not stated: wet quenching would add 46.46 to grade 3,
    # so the verdict depends on it → not_assessable (QT106)
    ("焦炭", "顶装焦炉", "焦炭单位产品能耗", "2025年", "60万t", "150 kgce/t", None, None, None, None, 10, 12, None, 0,
     "熄焦方式未填"),
    # 兰炭 (160 / 180 / 210) at 175 kgce/t → energy_saving
    ("兰炭", "内热式直立炉", "兰炭单位产品能耗", "2025年", "50万t", "175 kgce/t", None, None, None, None, None, None,
     None, None, ""),
    # 硅铁 冶炼电耗 8 500 kWh/t (8 050 / 8 300 / 8 400) with ore grade missing → depends on the grade correction
    ("硅铁", "矿热炉", "冶炼电耗", "2025年", "5万t", "8500 kWh/t", None, None, None, None, None, None, None, None,
     "入炉矿品位未填"),
    # 工业用甲醛 is no quota product effaudit has encoded → out_of_scope (QT108)
    ("工业用甲醛", "", "综合能耗", "2025年", "2万t", "120 kgce/t", None, None, None, None, None, None, None, None, ""),
    # no output → not_assessable (QT105)
    ("电石", "开放式电石炉", "综合能耗", "2025年", None, None, 3000, 5000, None, None, None, None, None, None,
     "产量漏填"),
]

EQUIPMENT_HEADER = ["设备编号", "设备名称", "型号规格", "额定功率(kW)", "极数", "效率(%)", "数量(台)", "出厂日期"]
EQUIPMENT = [
    ("M-101", "电石炉循环水泵电机", "YE3-280S-4", 75, 4, 95.4, 2, "2021-06"),  # below_energy_saving (grade 3 95.0)
    ("M-102", "除尘风机电机", "YE4-315M-4", 132, 4, 96.7, 1, "2023-04"),       # energy_saving
]


def main(path: Path = Path(__file__).with_name("plant.xlsx")) -> None:
    workbook = Workbook()
    products = workbook.active
    products.title = "产品能耗"
    products.append(["乌海某化工焦化有限公司 2025年主要产品能耗统计表"])
    products.append(PRODUCT_HEADER)
    for row in PRODUCTS:
        products.append(list(row))
    equipment = workbook.create_sheet("设备清单")
    equipment.append(EQUIPMENT_HEADER)
    for row in EQUIPMENT:
        equipment.append(list(row))
    for sheet, header_row in ((products, 2), (equipment, 1)):
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
    workbook.properties.creator = "effaudit example"
    workbook.save(path)


if __name__ == "__main__":
    main()
