"""File → raw sheets: every format, CSV encodings, row numbers as seen, files that cannot be used."""

from __future__ import annotations

from pathlib import Path

import pytest

from effaudit.errors import InventoryError
from effaudit.io import readers
from effaudit.io.readers import read_sheets

FIXTURES = Path(__file__).parents[1] / "fixtures" / "inventories"
SIMPLE = ["simple.xls", "simple.ods", "simple_utf8.csv", "simple_utf8_bom.csv", "simple_gbk.csv"]


@pytest.mark.parametrize("name", SIMPLE)
def test_every_format_reads_the_same_grid(name: str) -> None:
    (sheet,) = read_sheets(FIXTURES / name)
    assert sheet.first_row == 1
    assert sheet.cells.iloc[0, 0] == "设备编号"  # no BOM left on the first header
    assert sheet.cells.iloc[0].tolist()[-1] == "备注"
    assert sheet.cells.iloc[2, 1] == "循环水泵电机"  # Chinese text decoded, GBK included
    assert sheet.cells.shape == (5, 11)
    assert sheet.cells.iloc[1].isna().tolist()[-1]  # blank cells are NaN


def test_csv_sheet_is_named_after_the_file() -> None:
    assert [sheet.name for sheet in read_sheets(FIXTURES / "simple_gbk.csv")] == ["simple_gbk"]


def test_xlsx_sheets_keep_leading_rows_and_native_types() -> None:
    sheets = read_sheets(FIXTURES / "rich.xlsx")
    assert [sheet.name for sheet in sheets] == ["设备清单", "填表说明", "变压器"]
    cells = sheets[0].cells
    assert cells.iloc[0, 0] == "某某公司重点用能设备清单"  # merged title cell: value at its top-left
    assert cells.iloc[0, 1:].isna().all()
    assert cells.iloc[3, 1] == "设备编号"  # spreadsheet row 4
    assert cells.iloc[4, 4] == 15.0
    assert str(cells.iloc[4, 9]) == "2016-04-05"


def test_openpyxl_reads_xlsx_when_calamine_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path) -> list[readers.RawSheet]:
        raise ValueError("calamine refuses")

    monkeypatch.setattr(readers, "_read_with_calamine", refuse)
    sheets = read_sheets(FIXTURES / "rich.xlsx")
    assert sheets[0].cells.iloc[3, 1] == "设备编号"
    assert sheets[2].cells.iloc[1, 0] == "1号主变"


def test_ragged_csv_with_title_rows(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("设备清单\n填报单位：某公司\n\n设备名称,型号,额定功率\n电机,YE3-160M-4,15\n", encoding="utf-8")
    (sheet,) = read_sheets(path)
    assert sheet.cells.shape == (5, 3)
    assert sheet.cells.iloc[3].tolist() == ["设备名称", "型号", "额定功率"]
    assert sheet.cells.iloc[2].isna().all()  # the blank line keeps its place: record i is line i + 1


def test_csv_row_wider_than_the_first_lines(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    lines = ["设备名称,型号"] + ["电机,Y"] * 150 + ["电机,Y,extra,more"]
    path.write_text("\n".join(lines), encoding="utf-8")
    (sheet,) = read_sheets(path)
    assert sheet.cells.shape == (152, 4)
    assert sheet.cells.iloc[151, 3] == "more"


def test_missing_tokens_in_a_column_of_distinct_values_are_blank(tmp_path: Path) -> None:
    """Each equipment id differs: the token test runs on the short ones starting as a token does, in any width and
    case and with spaces; a longer text or one that only starts like a token is kept."""
    path = tmp_path / "ids.csv"
    ids = [f"M-{number:05d}" for number in range(300)] + ["Ｎ／Ａ", " 不 详 ", "n/a", "  ", "N/A-1", "无" + "x" * 12]
    path.write_text("设备编号,设备名称\n" + "".join(f"{text},电机\n" for text in ids), encoding="utf-8")
    (sheet,) = read_sheets(path)
    column = sheet.cells[0].iloc[1:].tolist()
    assert column[:300] == ids[:300]
    assert [text if isinstance(text, str) else "NaN" for text in column[300:]] == \
        ["NaN", "NaN", "NaN", "NaN", "N/A-1", "无" + "x" * 12]


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_csv_delimiters(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "tabbed.csv"
    path.write_text(delimiter.join(["设备名称", "型号", "额定功率"]) + "\n" + delimiter.join(["电机", "Y", "1,5"]),
                    encoding="utf-8")
    (sheet,) = read_sheets(path)
    assert sheet.cells.iloc[1].tolist() == ["电机", "Y", "1,5"]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("inventory.txt", b"a,b", "unsupported file type '.txt'"),
    ("inventory", b"a,b", "unsupported file type '(none)'"),
    ("empty.csv", b"", "file is empty"),
    ("empty.xlsx", b"", "file is empty"),
    ("blank.csv", b"\n\n", "file is empty"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "not a valid .xlsx workbook"),
    ("broken.xls", b"\xd0\xcf\x11\xe0 garbage", "cannot read the workbook"),
    ("broken.ods", b"garbage", "not a valid .ods workbook"),
    ("binary.csv", b"\xff\xfe\xff\x80\x80", "cannot decode the CSV file"),
])
def test_unusable_files_raise_inventory_error(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InventoryError) as raised:
        read_sheets(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)
    assert "\n" not in str(raised.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InventoryError, match="file not found"):
        read_sheets(tmp_path / "nowhere.xlsx")
