"""An enterprise file saved by Notepad or WPS on a Chinese Windows — UTF-8 with a byte-order mark, UTF-16, or GBK —
is read like a UTF-8 one: the batch names the enterprise's folder after it and keeps it in the summary, and
``check --enterprise`` puts it on the cover."""

from __future__ import annotations

import codecs
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli_run import effaudit

PLANT = "设备编号,设备名称,设备类别,型号规格,额定功率(kW),极数,效率(%),数量\nM-1,水泵电机,电动机,YE3-160M-4,11,4,91.5,1\n"
TOML = 'name = "{name}"\nindustry = "化学原料和化学制品制造业"\ndistrict = "鄂尔多斯市"\n'
ENCODINGS = {"utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
             "gbk": lambda text: text.encode("gbk"),
             "utf-16": lambda text: text.encode("utf-16")}  # Notepad's "Unicode": little-endian with a BOM


def test_batch_reads_sidecars_in_every_windows_encoding(tmp_path: Path) -> None:
    names = {}
    for index, (encoding, encode) in enumerate(ENCODINGS.items()):
        (tmp_path / f"{encoding}.csv").write_text(PLANT, encoding="utf-8")
        names[encoding] = f"鄂尔多斯某化工有限公司{index}"
        (tmp_path / f"{encoding}.toml").write_bytes(encode(TOML.format(name=names[encoding])))
    completed = effaudit("batch", tmp_path, "--out", tmp_path / "out", "--jobs", "2", "--as-of", "2026-11-22",
                         "--lang", "en")
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "out" / "failures.csv").read_text(encoding="utf-8-sig").strip() == "input,reason"
    rows = list(load_workbook(tmp_path / "out" / "summary.xlsx", read_only=True)["Enterprises"].values)
    header = rows[0]
    enterprises = {row[header.index("report folder")]: dict(zip(header, row)) for row in rows[1:]}
    assert set(enterprises) == set(names.values())
    assert {row["district"] for row in enterprises.values()} == {"鄂尔多斯市"}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_check_puts_the_enterprise_on_the_cover(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "plant.csv").write_text(PLANT, encoding="utf-8")
    (tmp_path / "meta.toml").write_bytes(ENCODINGS[encoding](TOML.format(name="鄂尔多斯某化工有限公司")))
    completed = effaudit("check", tmp_path / "plant.csv", "--enterprise", tmp_path / "meta.toml",
                         "--pdf", tmp_path / "r.pdf", "--as-of", "2026-11-22")
    assert completed.returncode == 0, completed.stderr
    text = subprocess.run(["pdftotext", tmp_path / "r.pdf", "-"], capture_output=True, text=True, check=True).stdout
    assert "鄂尔多斯某化工有限公司" in re.sub(r"\s+", "", text)


def test_an_enterprise_file_that_is_no_text_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plant.csv").write_text(PLANT, encoding="utf-8")
    (tmp_path / "meta.toml").write_bytes(b'name = "\x81\x30\xff"\n')
    completed = effaudit("check", tmp_path / "plant.csv", "--enterprise", tmp_path / "meta.toml")
    assert completed.returncode == 2
    assert "not text in UTF-8, UTF-16 or GBK" in completed.stderr and "Traceback" not in completed.stderr
