"""A batch under trouble: an input that takes too long is a failure (and the others go on), a full disk stops
the batch with exit 2 to be resumed, and a re-run cleans up the folders and manifest entries it no longer stands
behind."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli_run import effaudit

HEADER = "设备编号,设备名称,设备类别,型号规格,额定功率(kW),极数,效率(%),数量,出厂日期\n"
LINES = "M-1,引风机电机,电动机,Y2-160M-4,11,4,88.0,1,2002-05\nM-3,输送机电机,电动机,YE3-160M-4,11,4,91.5,1,2022-05\n"


def _plants(folder: Path, *names: str) -> None:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / f"{name}.csv").write_text(HEADER + LINES, encoding="utf-8")


def _batch(inputs: Path, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return effaudit("batch", inputs, "--out", out, "--jobs", "1", "--as-of", "2026-11-22", "--lang", "en", *options)


def _failures(out: Path) -> dict[str, str]:
    with (out / "failures.csv").open(encoding="utf-8-sig", newline="") as stream:
        return {Path(row["input"]).name: row["reason"] for row in csv.DictReader(stream)}


def _skipped(stdout: str) -> int:
    return int(re.search(r"unchanged, skipped\s*│\s*(\d+)", stdout).group(1))


def test_an_input_past_the_time_limit_is_a_failure(tmp_path: Path) -> None:
    _plants(tmp_path / "in", "small")
    with (tmp_path / "in" / "large.csv").open("w", encoding="utf-8") as stream:  # several seconds with its PDF
        stream.write(HEADER + "".join(f"M-{n},电机,电动机,Y2-160M-4,11,4,88.0,1,2002-05\n" for n in range(20_000)))
    # a limit that the small input meets even on a machine busy four times over (it took over 10 s there), and the
    # large one (about a minute of PDF on a quiet machine) never does
    completed = _batch(tmp_path / "in", tmp_path / "out", "--timeout", "30")
    assert completed.returncode == 2, completed.stderr
    assert set(_failures(tmp_path / "out")) == {"large.csv"}
    assert "not finished after 30 s, the time limit per input (batch --timeout)" in _failures(tmp_path / "out")[
        "large.csv"]
    assert not (tmp_path / "out" / "large").exists() and (tmp_path / "out" / "small" / "report.pdf").is_file()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 600 kB file system (tmpfs): room for one enterprise's reports (~380 kB), not two."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", disk], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", disk], check=True)


def test_a_full_disk_stops_the_batch_and_it_resumes(tmp_path: Path, small_disk: Path) -> None:
    _plants(tmp_path / "in", "a", "b", "c")
    full = _batch(tmp_path / "in", small_disk)
    assert full.returncode == 2
    assert "batch stopped" in full.stderr and "the disk is full" in full.stderr and "to resume" in full.stderr
    assert "Traceback" not in full.stderr
    if (small_disk / "failures.csv").exists():
        assert _failures(small_disk) == {}  # no input is blamed for the disk
    assert set(json.loads((small_disk / "manifest.json").read_text(encoding="utf-8"))["entries"]) == {
        str(tmp_path / "in" / "a.csv")}
    subprocess.run(["mount", "-o", "remount,size=20m", small_disk], check=True)
    resumed = _batch(tmp_path / "in", small_disk)
    assert resumed.returncode == 1, resumed.stderr  # every input audited; Y2 motors are violations
    assert _skipped(resumed.stdout) == 1 and _failures(small_disk) == {}
    assert all((small_disk / name / "report.pdf").is_file() for name in "abc")


def test_rerun_removes_stale_folders_and_entries(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    _plants(inputs, "a", "b", "c")
    (inputs / "c.toml").write_text('name = "丙公司"\n', encoding="utf-8")
    assert _batch(inputs, out).returncode == 1
    (inputs / "a.csv").unlink()  # gone
    (inputs / "b.csv").write_bytes(b"")  # unusable now
    (inputs / "c.toml").write_text('name = "丙有限公司"\n', encoding="utf-8")  # its folder moves
    rerun = _batch(inputs, out)
    assert rerun.returncode == 2 and set(_failures(out)) == {"b.csv"}
    assert sorted(path.name for path in out.iterdir() if path.is_dir()) == ["_store", "丙有限公司"]
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["entries"]
    assert {key: entry["folder"] for key, entry in entries.items()} == {str(inputs / "c.csv"): "丙有限公司"}
