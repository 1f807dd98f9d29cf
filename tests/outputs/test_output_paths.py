"""No output may overwrite the inventory (by name, symlink or hard link), the enterprise file, or another output:
exit 2 with one line, and the input is left byte for byte as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "inventory.xlsx"


def _check(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "effaudit.cli", "check", *arguments, "--as-of", "2026-11-22"],
                          capture_output=True, text=True)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _same_name(inventory: Path) -> Path:
    return inventory


def _symlink(inventory: Path) -> Path:
    link = inventory.with_name("link.json")
    link.symlink_to(inventory)
    return link


def _hard_link(inventory: Path) -> Path:
    link = inventory.with_name("hard.pdf")
    os.link(inventory, link)
    return link


def _dotted(inventory: Path) -> Path:
    return inventory.parent / "." / ".." / inventory.parent.name / inventory.name


@pytest.mark.parametrize("option", ["--json", "--pdf", "--xlsx"])
@pytest.mark.parametrize("alias", [_same_name, _symlink, _hard_link, _dotted], ids=lambda f: f.__name__)
def test_output_onto_the_inventory_is_refused(tmp_path: Path, option: str, alias: Callable[[Path], Path]) -> None:
    inventory = tmp_path / "inv.xlsx"
    shutil.copy(EXAMPLE, inventory)
    before = _digest(inventory)
    target = alias(inventory)
    completed = _check(str(inventory), option, str(target))
    assert completed.returncode == 2, completed.stderr
    assert "would overwrite the input INVENTORY" in completed.stderr and "Traceback" not in completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1
    assert _digest(inventory) == before


def test_output_onto_the_enterprise_file_is_refused(tmp_path: Path) -> None:
    inventory = tmp_path / "inv.xlsx"
    shutil.copy(EXAMPLE, inventory)
    enterprise = tmp_path / "meta.toml"
    enterprise.write_text('[enterprise]\nname = "某公司"\n', encoding="utf-8")
    completed = _check(str(inventory), "--enterprise", str(enterprise), "--pdf", str(enterprise))
    assert completed.returncode == 2 and "would overwrite the input --enterprise" in completed.stderr
    assert enterprise.read_text(encoding="utf-8") == '[enterprise]\nname = "某公司"\n'


@pytest.mark.parametrize("existing", [False, True])
def test_two_outputs_on_one_path_are_refused(tmp_path: Path, existing: bool) -> None:
    inventory = tmp_path / "inv.xlsx"
    shutil.copy(EXAMPLE, inventory)
    report = tmp_path / "report.out"
    if existing:
        report.write_text("old report", encoding="utf-8")
    completed = _check(str(inventory), "--json", str(report), "--xlsx", str(tmp_path / "." / "report.out"))
    assert completed.returncode == 2 and "--xlsx and --json name the same file" in completed.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inv.xlsx", *(["report.out"] if existing else [])]


def test_distinct_outputs_are_written(tmp_path: Path) -> None:
    inventory = tmp_path / "inv.xlsx"
    shutil.copy(EXAMPLE, inventory)
    completed = _check(str(inventory), "--json", str(tmp_path / "r.json"), "--xlsx", str(tmp_path / "r.xlsx"))
    assert completed.returncode in (0, 1), completed.stderr
    assert (tmp_path / "r.json").stat().st_size > 0 and (tmp_path / "r.xlsx").stat().st_size > 0
