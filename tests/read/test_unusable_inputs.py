"""Unusable files: exit status 2, one line on stderr naming the file and what to do, no traceback, no output.

The corpus is generated here from code (no hand-made binaries), one file per kind of breakage."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inventory.xlsx"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _zip_bomb(path: Path) -> None:
    """A real workbook whose sheet XML is padded with 30 MB of spaces: a few kB on disk."""
    with zipfile.ZipFile(EXAMPLE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (30 * 1024 * 1024), 1)
            bomb.writestr(member, data)


CORPUS: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "empty": ("empty.xlsx", lambda p: p.write_bytes(b""), "file is empty"),
    "text named xlsx": ("text.xlsx", lambda p: p.write_text("设备清单\n"), "not a valid .xlsx workbook"),
    "truncated": ("truncated.xlsx", lambda p: p.write_bytes(EXAMPLE.read_bytes()[:3000]), "not a valid .xlsx"),
    "random bytes": ("random.xlsx", lambda p: p.write_bytes(os.urandom(4096).replace(b"PK", b"pk")), "not a valid"),
    "zip not office": ("archive.xlsx", lambda p: _zip(p, {"readme.txt": b"hello"}), "cannot read the workbook"),
    "password protected": ("secret.xlsx", lambda p: p.write_bytes(OLE_MAGIC + os.urandom(4088)),
                           "password-protected"),
    "zip bomb": ("bomb.xlsx", _zip_bomb, "above the limit"),
    "header only": ("header.csv", lambda p: p.write_text("设备编号,设备名称,型号\n", encoding="utf-8"),
                    "no equipment rows"),
    "no known columns": ("columns.csv", lambda p: p.write_text("a,b,c\n1,2,3\n"), "no recognisable header"),
    "binary csv": ("binary.csv", lambda p: p.write_bytes(bytes(range(256)) * 8), "cannot decode"),
    "unknown extension": ("inventory.pdf", lambda p: p.write_bytes(b"%PDF-1.4"), "unsupported file type"),
    "folder": ("folder.xlsx", lambda p: p.mkdir(), "is a folder"),
    "missing": ("missing.xlsx", lambda p: None, "file not found"),
}


@pytest.mark.parametrize("kind", sorted(CORPUS))
def test_unusable_file_exits_2_with_one_line(tmp_path: Path, kind: str) -> None:
    name, make, expected = CORPUS[kind]
    target = tmp_path / name
    make(target)
    output = tmp_path / "out" / "result.json"
    output.parent.mkdir()
    env = {**os.environ, "EFFAUDIT_MAX_UNPACKED_MB": "20"}
    completed = subprocess.run([sys.executable, "-m", "effaudit.cli", "check", str(target), "--json", str(output)],
                               capture_output=True, text=True, env=env)
    assert completed.returncode == 2, completed.stderr
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in completed.stderr
    assert name in lines[0] and expected in lines[0]
    assert list(output.parent.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0 or shutil.which("chmod") is None, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    target = tmp_path / "locked.csv"
    target.write_text("设备名称,型号\n电机,Y2-160M-4\n", encoding="utf-8")
    target.chmod(0)
    completed = subprocess.run([sys.executable, "-m", "effaudit.cli", "check", str(target)], capture_output=True,
                               text=True)
    assert completed.returncode == 2 and "locked.csv" in completed.stderr


def test_zip_bomb_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from effaudit.errors import InventoryError
    from effaudit.io.limits import check_file

    bomb = tmp_path / "bomb.xlsx"
    _zip_bomb(bomb)
    monkeypatch.setenv("EFFAUDIT_MAX_UNPACKED_MB", "100")
    monkeypatch.setenv("EFFAUDIT_MAX_RATIO", "5000")  # the ratio's own limit is tested below
    check_file(bomb)  # 30 MB unpacked: allowed under a 100 MB limit
    monkeypatch.setenv("EFFAUDIT_MAX_UNPACKED_MB", "10")
    with pytest.raises(InventoryError, match="unpacks to 30 MB"):
        check_file(bomb)


def _check(target: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "effaudit.cli", "check", str(target), "--as-of", "2026-11-22"],
                          capture_output=True, text=True, env={**os.environ, **env})


def test_a_workbook_inflating_1000_to_1_is_refused_below_the_size_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    _zip_bomb(bomb)  # 30 MB of spaces packed ~1000:1, far below the 1024 MB limit
    completed = _check(bomb)
    assert completed.returncode == 2 and "Traceback" not in completed.stderr
    assert "'xl/worksheets/sheet1.xml' inflates" in completed.stderr and "above the limit of 100:1" in completed.stderr
    assert _check(bomb, EFFAUDIT_MAX_RATIO="2000").returncode == 1  # genuine after all: audited
    bad = _check(bomb, EFFAUDIT_MAX_RATIO="lots")
    assert bad.returncode == 2 and "EFFAUDIT_MAX_RATIO must be a number" in bad.stderr


def test_a_repetitive_real_workbook_is_within_the_ratio(tmp_path: Path) -> None:
    """The most repetitive inventory a person makes: one line copied 20,000 times (17:1)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["设备编号", "设备名称", "设备类别", "型号规格", "额定功率(kW)", "极数", "效率(%)", "数量"])
    for _ in range(20_000):
        sheet.append(["M-1", "水泵电机", "电动机", "YE3-160M-4", 11, 4, 91.5, 1])
    workbook.save(tmp_path / "same.xlsx")
    completed = _check(tmp_path / "same.xlsx")
    assert completed.returncode == 0, completed.stderr
