"""The layout fixtures of issue 14 (tests/fixtures/layouts/, written by make_layouts.py after real ledgers; see
SOURCES.md there): every row's verdict worked by hand from standards_data/ (expected.yaml) must come out of the
CLI, and no row that is not an item (titles, sub-headers, unit rows, repeated headers, footers) may become one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

LAYOUTS = Path(__file__).parents[1] / "fixtures" / "layouts"
EXPECTED = yaml.safe_load((LAYOUTS / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_fixture_verdicts_and_no_phantom_items(file: str) -> None:
    completed = subprocess.run([sys.executable, "-m", "effaudit.cli", "check", str(LAYOUTS / file),
                                "--as-of", "2026-11-22", "--json", "-"], capture_output=True, text=True)
    assert completed.returncode in (0, 1), completed.stderr
    items = {(item["sheet"], item["row"]): item for item in json.loads(completed.stdout)["items"]}
    expected_rows = set()
    for sheet, rows in EXPECTED[file].items():
        for row, expected in rows.items():
            if row == "not_items":
                assert not [r for r in expected if (sheet, r) in items], f"{sheet}: rows read as items"
                continue
            expected_rows.add((sheet, row))
            item = items.get((sheet, row))
            assert item is not None, f"{sheet} row {row} is missing"
            codes = [finding["code"] for finding in item["findings"]]
            assert item["verdict"] == expected["verdict"], (sheet, row, expected["why"], codes)
            if expected.get("code"):
                assert expected["code"] in codes, (sheet, row, codes)
    assert set(items) == expected_rows  # every item of the file has its hand-worked verdict
