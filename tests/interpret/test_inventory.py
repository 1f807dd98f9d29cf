"""Raw sheets → the canonical Inventory: headers, provenance, families, data-quality problems, inference."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from effaudit.columns import COLUMNS, FAMILIES
from effaudit.errors import InventoryError
from effaudit.inventory import EQUIPMENT_ITEM_COLUMNS, ITEM_COLUMNS, NO_HEADER, Inventory, read_inventory
from effaudit.io.header import find_header, match_header
from effaudit.schema import PROBLEM_COLUMNS

FIXTURES = Path(__file__).parents[1] / "fixtures" / "inventories"
TODAY = dt.date(2026, 11, 22)


def read_csv_text(tmp_path: Path, text: str, name: str = "inventory.csv") -> Inventory:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_inventory(path, today=TODAY)


def problem_codes(inventory: Inventory, item: int, column: str) -> list[str]:
    problems = inventory.problems
    return problems.loc[(problems["item"] == item) & (problems["column"] == column), "code"].tolist()


# ---------------------------------------------------------------------------------------------------- formats

@pytest.mark.parametrize("name", ["simple.xls", "simple.ods", "simple_utf8.csv", "simple_utf8_bom.csv",
                                  "simple_gbk.csv"])
def test_every_format_gives_the_same_items(name: str) -> None:
    inventory = read_inventory(FIXTURES / name, today=TODAY)
    items = inventory.items
    assert items["source_file"].tolist() == [name] * 4
    assert items["row"].tolist() == [2, 3, 4, 5]
    assert items["equipment_id"].tolist() == ["M-001", "M-002", "P-001", "T-001"]
    assert items["rated_power_kw"].tolist()[:3] == [15.0, 110.0, 7.5] and math.isnan(items.at[3, "rated_power_kw"])
    assert items["rated_voltage_v"].tolist() == [380.0, 6000.0, 380.0, 10000.0]
    assert items["efficiency_pct"].tolist()[:3] == [92.1, 94.5, 88.0]
    assert items["quantity"].tolist() == [2.0, 1.0, 1.0, 1.0]
    assert items["manufacture_date"].tolist() == [pd.Timestamp("2016-04-05"), pd.Timestamp("2010-03-01"),
                                                  pd.Timestamp("2018-01-01"), pd.Timestamp("2012-06-01")]
    assert items["manufacture_date_precision"].tolist() == ["day", "month", "year", "day"]
    assert items["family"].tolist() == ["motor_lv", "motor_hv", "pump", "transformer"]
    assert items["remarks"].tolist()[1] == "高压"
    assert inventory.problems.empty
    assert len(inventory.sha256) == 64
    assert inventory.sheets[0].header_row == 1


@pytest.mark.parametrize(("path", "columns"), [
    (FIXTURES / "rich.xlsx", EQUIPMENT_ITEM_COLUMNS),  # no product sheet: no product columns
    (Path(__file__).resolve().parents[2] / "examples" / "plant.xlsx", ITEM_COLUMNS),  # products and equipment
])
def test_items_frame_contract(path: Path, columns: tuple[str, ...]) -> None:
    inventory = read_inventory(path, today=TODAY)
    items = inventory.items
    assert tuple(items.columns) == columns
    assert isinstance(items.index, pd.RangeIndex) and items.index.start == 0
    for column in (column for column in COLUMNS if column.name in columns):
        expected = {"text": "string", "code": "string", "number": "float64", "count": "float64",
                    "date": "datetime64[ns]", "measure": "float64"}[column.kind]
        assert str(items[column.name].dtype) == expected, column.name
    assert items["row"].dtype == "int64" and items["poles_inferred"].dtype == bool
    assert set(items["family"]) <= set(FAMILIES)
    assert tuple(inventory.problems.columns) == PROBLEM_COLUMNS
    assert inventory.extra.index.equals(items.index)


# ----------------------------------------------------------------------------------------- the rich workbook

@pytest.fixture(scope="module")
def rich() -> Inventory:
    return read_inventory(FIXTURES / "rich.xlsx", today=TODAY)


def test_header_under_title_rows(rich: Inventory) -> None:
    sheet = rich.sheets[0]
    assert sheet.name == "设备清单" and sheet.header_row == 4
    assert sheet.title_lines == ["某某公司重点用能设备清单", "填报单位：某某公司", "填报日期：2024年5月"]
    assert sheet.mapped["额定功率（千瓦）"] == "rated_power_kw"
    assert sheet.mapped["数量(台)"] == "quantity"


def test_row_numbers_as_seen_in_the_spreadsheet(rich: Inventory) -> None:
    # 设备清单: header on row 4, data on 5, 6, (7 blank), 8, 9; 变压器: header on row 1.
    assert list(zip(rich.items["sheet"], rich.items["row"], strict=True)) == [
        ("设备清单", 5), ("设备清单", 6), ("设备清单", 8), ("设备清单", 9), ("变压器", 2), ("变压器", 3), ("变压器", 4)]


def test_sheets_without_a_header_are_skipped(rich: Inventory) -> None:
    assert [sheet.name for sheet in rich.sheets] == ["设备清单", "变压器"]
    assert list(rich.skipped_sheets) == ["填表说明"]


def test_unknown_columns_are_kept_in_extra(rich: Inventory) -> None:
    assert rich.sheets[0].unknown_columns == ["序号", "资产原值(万元)"]
    assert list(rich.extra.columns) == ["设备清单::序号", "设备清单::资产原值(万元)"]
    assert rich.extra["设备清单::资产原值(万元)"].fillna("").tolist()[:4] == ["3.2", "", "", "见附件"]
    assert rich.extra.iloc[4:].isna().all().all()  # rows of the other sheet


def test_header_and_cell_units(rich: Inventory) -> None:
    items = rich.items
    assert items["rated_power_kw"].tolist()[:4] == pytest.approx([15.0, 75.0, 73.549875, 1.25])
    assert items["rated_voltage_v"].tolist()[:4] == pytest.approx([380.0, 6000.0, 380.0, 380.0])  # header kV
    assert items["no_load_loss_w"].tolist()[4:6] == [1150.0, 1300.0]
    assert items["load_loss_w"].tolist()[4:6] == [10300.0, 7500.0]  # header kW → W


def test_ratio_efficiency_noted_once_per_sheet(rich: Inventory) -> None:
    assert rich.items["efficiency_pct"].tolist()[:4] == pytest.approx([92.1, 93.0, 95.5, 90.0])
    assert sum("ratio" in note for note in rich.sheets[0].notes) == 1
    assert not rich.problems["code"].eq("DQ104").any()


def test_dates_native_serial_and_text(rich: Inventory) -> None:
    items = rich.items
    assert items["manufacture_date"].tolist()[:4] == [pd.Timestamp(d) for d in
                                                      ("2016-04-05", "2015-06-01", "2019-01-01", "2019-08-01")]
    assert items["manufacture_date_precision"].tolist()[:4] == ["day", "month", "year", "month"]
    assert items["commissioning_date"].tolist()[:3] == [pd.Timestamp(d) for d in
                                                        ("2016-05-01", "2016-01-01", "2020-01-02")]


def test_split_power_or_capacity_column(rich: Inventory) -> None:
    items = rich.items
    assert rich.sheets[1].mapped["额定功率/容量"] == "rated_power_kw|capacity_kva"
    # bare 1000 on a transformer → kVA; "800kVA" → kVA; "132kW" on a motor → kW
    assert items["capacity_kva"].tolist()[4:6] == [1000.0, 800.0]
    assert math.isnan(items.at[6, "capacity_kva"]) and items.at[6, "rated_power_kw"] == 132.0
    assert items["rated_power_kw"].iloc[4:6].isna().all()


def test_families(rich: Inventory) -> None:
    assert rich.items["family"].tolist() == ["motor_lv", "motor_hv", "motor_pmsm", "fan", "transformer",
                                             "transformer", "motor_lv"]


def test_poles_inference(rich: Inventory) -> None:
    items = rich.items
    assert items["poles"].tolist()[:4] == [4.0, 4.0, 6.0, 2.0]
    assert items["poles_basis"].tolist()[:4] == ["speed", "model", "speed", "speed"]
    assert items["poles_inferred"].tolist()[:4] == [True] * 4


def test_quantity_defaults_to_one_with_a_sheet_note(rich: Inventory) -> None:
    assert rich.items["quantity"].tolist() == [2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
    assert any("quantity missing on 1 rows" in note for note in rich.sheets[0].notes)
    assert rich.problems.empty


# ------------------------------------------------------------------------------------------ data quality

DQ_CSV = """设备编号,设备名称,额定功率(kW),效率,极数,数量,出厂日期,额定电压
A1,电机,abc,93,4,1,2016-01-01,380
A2,电机,1600kVA,92,5,1,bad,380
A1,电机,-5,105,4,0,2099-01-01,380
A3,电机,200000,0.9,4,1.5,2016,380
A4,电机,15,0.95,4,2,2016,380
"""


@pytest.fixture(scope="module")
def dq(tmp_path_factory: pytest.TempPathFactory) -> Inventory:
    return read_csv_text(tmp_path_factory.mktemp("dq"), DQ_CSV)


@pytest.mark.parametrize(("item", "column", "code", "value"), [
    (0, "rated_power_kw", "DQ101", "abc"),
    (1, "rated_power_kw", "DQ102", "1600kVA"),
    (2, "rated_power_kw", "DQ103", "-5"),
    (3, "rated_power_kw", "DQ103", "200000"),
    (2, "efficiency_pct", "DQ103", "105"),
    (3, "efficiency_pct", "DQ104", "0.9"),
    (4, "efficiency_pct", "DQ104", "0.95"),
    (1, "manufacture_date", "DQ105", "bad"),
    (2, "manufacture_date", "DQ106", "2099-01-01"),
    (2, "equipment_id", "DQ107", "A1"),
    (1, "poles", "DQ108", "5"),
    (2, "quantity", "DQ103", "0"),
    (3, "quantity", "DQ103", "1.5"),
])
def test_each_problem_code(dq: Inventory, item: int, column: str, code: str, value: str) -> None:
    problems = dq.problems
    row = problems[(problems["item"] == item) & (problems["column"] == column)]
    assert row["code"].tolist() == [code]
    assert row["value"].tolist() == [value]
    assert row["message_zh"].str.len().iloc[0] > 0 and value in row["message_en"].iloc[0]
    assert row["source_column"].notna().all()
    if column != "equipment_id":  # an id is never judged: it stays for the report
        value_in_items = dq.items.at[item, column]
        assert pd.isna(value_in_items)


def test_duplicate_id_only_on_later_rows(dq: Inventory) -> None:
    assert problem_codes(dq, 0, "equipment_id") == []
    message = dq.problems.loc[dq.problems["code"] == "DQ107", "message_en"].iloc[0]
    assert "row 2" in message
    assert dq.items.at[2, "equipment_id"] == "A1"


def test_source_columns_name_the_header(dq: Inventory) -> None:
    problems = dq.problems.set_index(["item", "column"])
    assert problems.at[(0, "rated_power_kw"), "source_column"] == "额定功率(kW)"
    assert problems.at[(2, "efficiency_pct"), "source_column"] == "效率"


def test_good_values_survive(dq: Inventory) -> None:
    assert dq.items.at[4, "rated_power_kw"] == 15.0
    assert dq.items.at[0, "efficiency_pct"] == 93.0
    assert dq.items["row"].tolist() == [2, 3, 4, 5, 6]


def test_invalid_stated_poles_are_not_replaced_by_inference(tmp_path: Path) -> None:
    inventory = read_csv_text(tmp_path, "设备名称,型号,极数,转速\n电机,YE3-160M-4,5,1480\n电机,YE3-160M-4,,\n")
    assert math.isnan(inventory.items.at[0, "poles"]) and inventory.items.at[0, "poles_basis"] is pd.NA
    assert inventory.items.at[1, "poles"] == 4.0 and inventory.items.at[1, "poles_basis"] == "model"


def test_stated_poles_win(tmp_path: Path) -> None:
    inventory = read_csv_text(tmp_path, "设备名称,型号,极数,转速\n电机,YE3-160M-2,6,980\n电机,Y,,2950\n电机,Y,,1200\n")
    items = inventory.items
    assert items["poles"].tolist()[:2] == [6.0, 2.0] and math.isnan(items.at[2, "poles"])
    assert items["poles_basis"].tolist()[:2] == ["stated", "speed"]
    assert items["poles_inferred"].tolist() == [False, True, False]


def test_absent_columns_share_one_array_until_a_value_is_set(tmp_path: Path) -> None:
    """Columns the sheet lacks hold one all-missing array per dtype (memory at 1,000,000 lines); poles, absent too,
    gets its values from the models without touching the other absent columns."""
    items = read_csv_text(tmp_path, "设备名称,型号,额定功率\n电机,YE3-160M-4,11\n电机,YE3-132M-2,7.5\n").items
    assert items["poles"].tolist() == [4.0, 2.0] and items["poles_basis"].tolist() == ["model", "model"]
    assert np.shares_memory(items["rated_speed_rpm"].to_numpy(), items["head_m"].to_numpy())
    assert np.shares_memory(items["manufacturer"].array, items["location"].array)
    assert items["rated_speed_rpm"].isna().all() and items["head_m"].isna().all()
    assert items["manufacturer"].isna().all() and items["location"].isna().all()


# ----------------------------------------------------------------------------------------------- rows

def test_every_non_empty_row_appears_once_in_order(tmp_path: Path) -> None:
    text = "设备名称,型号,其他\n电机,Y1,\n,,\n,,只有这里有字\n水泵,,\n\n风机,F,\n"
    inventory = read_csv_text(tmp_path, text)
    assert inventory.items["row"].tolist() == [2, 4, 5, 7]
    assert inventory.items["name"].fillna("").tolist() == ["电机", "", "水泵", "风机"]
    assert inventory.extra["inventory::其他"].fillna("").tolist() == ["", "只有这里有字", "", ""]


def test_unnamed_column_with_data_is_kept(tmp_path: Path) -> None:
    inventory = read_csv_text(tmp_path, "设备名称,型号,\n电机,Y1,备用\n")
    assert inventory.sheets[0].unknown_columns == ["column C"]
    assert inventory.extra["inventory::column C"].tolist() == ["备用"]


def test_no_header_anywhere(tmp_path: Path) -> None:
    with pytest.raises(InventoryError) as raised:
        read_csv_text(tmp_path, "a,b,c\n1,2,3\n")
    assert NO_HEADER in str(raised.value) and "inventory.csv" in str(raised.value)


# ------------------------------------------------------------------------------------------------ headers

@pytest.mark.parametrize(("header", "column", "unit"), [
    ("额定功率(kW)", "rated_power_kw", "kW"),
    ("额定功率（kW）", "rated_power_kw", "kW"),
    ("功率/kW", "rated_power_kw", "kW"),
    ("功率（千瓦）", "rated_power_kw", "千瓦"),
    ("功率kW", "rated_power_kw", "kW"),
    ("Rated Power (kW)", "rated_power_kw", "kW"),
    ("rated power", "rated_power_kw", None),
    ("电机功率", "rated_power_kw", None),
    ("电机效率", "drive_motor_efficiency_pct", None),
    ("效率(%)", "efficiency_pct", "%"),
    ("能效", "efficiency_pct", None),
    ("*设备名称", "name", None),
    ("设备\n名称", "name", None),
    ("规格型号", "model", None),
    ("出厂年月", "manufacture_date", None),
    ("投用日期", "commissioning_date", None),
    ("转速(r/min)", "rated_speed_rpm", "r/min"),
    ("额定电压/kV", "rated_voltage_v", "kV"),
    ("容量(kVA)", "capacity_kva", "kVA"),
    ("空载损耗(W)", "no_load_loss_w", "W"),
    ("功率(电机)", "rated_power_kw", None),  # a bracketed tail that is not a unit is dropped
    ("额定功率/容量", "rated_power_kw|capacity_kva", None),
])
def test_header_aliases(header: str, column: str, unit: str | None) -> None:
    match = match_header(header)
    assert match is not None and (match.column, match.unit) == (column, unit)


@pytest.mark.parametrize("header", ["功率因数", "序号", "资产原值(万元)", "", "kW"])
def test_not_headers(header: str) -> None:
    assert match_header(header) is None


def test_header_units_apply_to_bare_cells(tmp_path: Path) -> None:
    inventory = read_csv_text(tmp_path, "设备名称,功率/马力,电压(kV),效率%\n电机,100,0.38,93\n电机,75kW,380V,94%\n")
    items = inventory.items
    assert items["rated_power_kw"].tolist() == pytest.approx([73.549875, 75.0])
    assert items["rated_voltage_v"].tolist() == pytest.approx([380.0, 380.0])
    assert items["efficiency_pct"].tolist() == [93.0, 94.0]


def test_repeated_column_is_kept_in_extra_with_a_note(tmp_path: Path) -> None:
    inventory = read_csv_text(tmp_path, "设备名称,功率,额定功率\n电机,15,18\n")
    assert inventory.items.at[0, "rated_power_kw"] == 15.0
    assert inventory.extra["inventory::额定功率"].tolist() == ["18"]
    assert any("额定功率" in note for note in inventory.sheets[0].notes)


TITLE_TEXT = st.text(alphabet=st.sampled_from(list("某公司设备清单填报单位：日期年月 0123456789-")), max_size=20)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(TITLE_TEXT, min_size=1, max_size=4), max_size=8))
def test_header_is_found_under_random_title_rows(titles: list[list[str]]) -> None:
    header = ["序号", "设备名称", "型号", "额定功率(kW)", "数量"]
    rows = [row + [None] * (len(header) - len(row)) for row in titles] + [header, [1, "电机", "Y", 15, 1]]
    found = find_header(pd.DataFrame(rows, dtype=object))
    assert found is not None and found.position == len(titles)
    assert {match.column for match in found.matches.values()} == {"name", "model", "rated_power_kw", "quantity"}


# ------------------------------------------------------------------------------------------------ families

@pytest.mark.parametrize(("category", "name", "model", "voltage", "family"), [
    ("电机", "", "", "", "motor_lv"),
    ("", "引风机电机", "", "", "motor_lv"),  # the head noun comes last
    ("", "锅炉引风机", "", "", "fan"),
    ("", "锅炉给水泵", "", "", "pump"),
    ("", "永磁同步电动机", "", "", "motor_pmsm"),
    ("电动机", "永磁变频电机", "", "", "motor_pmsm"),
    ("", "主电机", "", "10kV", "motor_hv"),
    ("", "螺杆空气压缩机", "", "", "compressor"),
    ("", "燃气锅炉", "", "", "boiler"),
    ("", "离心式冷水机组", "", "", "chiller"),
    ("", "交流电焊机", "", "", "welder"),
    ("", "客梯", "", "", "unknown"),
    ("", "乘客电梯", "", "", "elevator"),
    ("", "重型货车", "", "", "vehicle"),
    ("", "空气源热泵", "", "", "other"),
    ("", "办公桌", "", "", "unknown"),
    ("", "1号设备", "YE3-160M-4", "", "motor_lv"),  # nothing in the texts: the model tells
    ("", "", "SCB10-800/10", "", "transformer"),
    ("水泵", "", "YE3-160M-4", "", "pump"),  # the category decides before the model
    ("", "Induction Motor", "", "", "motor_lv"),
])
def test_family_keywords(tmp_path: Path, category: str, name: str, model: str, voltage: str, family: str) -> None:
    inventory = read_csv_text(tmp_path, f"设备类别,设备名称,型号,额定电压\n{category},{name},{model},{voltage}\n")
    assert inventory.items.at[0, "family"] == family


def test_header_without_rows_is_unusable(tmp_path: Path) -> None:
    path = tmp_path / "header_only.csv"
    path.write_text("设备编号,设备名称,型号,额定功率(kW)\n", encoding="utf-8")
    with pytest.raises(InventoryError, match="no equipment rows") as raised:
        read_inventory(path)
    assert "header_only.csv" in str(raised.value) and "row 1" in str(raised.value)


def test_coded_columns_map_through_the_vocabulary(tmp_path: Path) -> None:
    path = tmp_path / "coded.csv"
    path.write_text("设备名称,型号,冷却方式\n螺杆空压机,LG-20/8,风冷\n螺杆空压机,LG-20/8, 水冷 \n螺杆空压机,LG-20/8,自然\n",
                    encoding="utf-8")
    inventory = read_inventory(path, today=TODAY)
    assert inventory.items["cooling"].tolist()[:2] == ["air", "liquid"]
    assert pd.isna(inventory.items["cooling"].iloc[2])
    problem = inventory.problems[inventory.problems["code"] == "DQ109"].iloc[0]
    assert problem["item"] == 2 and problem["value"] == "自然" and problem["source_column"] == "冷却方式"
