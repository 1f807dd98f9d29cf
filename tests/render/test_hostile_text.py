"""Hostile cell text stays inert in the terminal and the JSON (the PDF and the workbook: test_report_*.py)."""

from __future__ import annotations

import csv
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

HOSTILE = {
    "equipment_id": "../../etc/x",
    "name": "<script>alert(1)</script>[bold red]alarm[/bold red]",
    "model": "{{ 7*7 }}{% raw %}\x1b[31mRED\x1b[0m",
    "remark": "=HYPERLINK(\"http://x\")\u202eevil" + "长" * 5000,
}


def _inventory(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["设备编号", "设备名称", "设备类别", "型号", "额定功率(kW)", "极数", "效率(%)", "备注"])
        writer.writerow([HOSTILE["equipment_id"], HOSTILE["name"], "电动机", HOSTILE["model"], "11", "4", "80",
                         HOSTILE["remark"]])
    return path


def _check(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "effaudit.cli", "check", *args, "--table", "--as-of", "2026-11-22"],
                          capture_output=True, text=True, env={**os.environ, "COLUMNS": "250"}, **kwargs)


def test_terminal_prints_hostile_text_as_plain_text(tmp_path: Path) -> None:
    completed = _check(str(_inventory(tmp_path)))
    assert completed.returncode == 1, completed.stderr
    assert "\x1b[31m" not in completed.stdout and "\u202e" not in completed.stdout  # no escape or bidi reaches a tty
    assert "../../etc/x" in completed.stdout and "{{ 7*7 }}" in completed.stdout


def test_json_carries_hostile_text_verbatim(tmp_path: Path) -> None:
    completed = _check(str(_inventory(tmp_path)), "--json", "-")
    item = json.loads(completed.stdout)["items"][0]
    assert item["equipment_id"] == HOSTILE["equipment_id"]
    assert item["name"] == HOSTILE["name"] and item["model"] == HOSTILE["model"]
    assert "\\u001b" in completed.stdout  # control characters are escaped in the JSON text, never raw


def _limit_file_size() -> None:
    """In the child: files may not grow beyond 512 bytes (writes then fail with EFBIG instead of killing it)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))


def test_full_disk_leaves_no_partial_output(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    completed = _check(str(_inventory(tmp_path)), "--json", str(target / "result.json"), preexec_fn=_limit_file_size)
    assert completed.returncode == 2 and "result.json" in completed.stderr and "Traceback" not in completed.stderr
    assert list(target.iterdir()) == []


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    completed = _check(str(_inventory(tmp_path)), "--json", str(not_a_folder / "result.json"))
    assert completed.returncode == 2 and "cannot write" in completed.stderr
    assert len(completed.stderr.strip().splitlines()) == 1


def test_outputs_get_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    completed = _check(str(_inventory(tmp_path)), "--json", str(target))
    assert completed.returncode == 1
    assert target.stat().st_mode & 0o777 == 0o666 & ~_current_umask()


def _current_umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
